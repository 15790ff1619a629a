package fakeapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// MinPasswordLength is the fake's password rule: at least this many
// characters (the API does not document its own).
const MinPasswordLength = 8

const (
	msgViewDenied   = "Insufficient permissions to view users"
	msgManageDenied = "Insufficient permissions to manage users"
	msgNotFound     = "User not found"
	msgBadRole      = "Invalid role combination"
	msgLastOwner    = "Cannot remove the last owner of the organization"
)

// manager refuses callers below WORKSPACES, who may not manage users.
func manager(caller User, message string) *response {
	if caller.role() < RoleWorkspaces {
		r := fail(http.StatusForbidden, message)
		return &r
	}
	return nil
}

// aboveCaller is the 403 for a role above the caller's.
func aboveCaller(role int64, caller User) response {
	return fail(http.StatusForbidden, "Insufficient permissions: cannot manage role "+roleLabel(role)+
		" with role "+roleLabel(caller.role()))
}

func roleLabel(role int64) string {
	if name := RoleName(role); name != "" {
		return name
	}
	return "UNKNOWN"
}

// target finds the user a call is about, refusing callers below WORKSPACES
// with denied and unknown ids with 404; s.mu is held.
func (s *Server) target(caller User, id, denied string) (*User, *response) {
	if r := manager(caller, denied); r != nil {
		return nil, r
	}
	u := s.find(id)
	if u == nil {
		r := fail(http.StatusNotFound, msgNotFound)
		return nil, &r
	}
	return u, nil
}

func (s *Server) listUsers(caller User, _ []string, _ []byte) response {
	if caller.role() < RoleWorkspaces {
		return response{http.StatusForbidden, map[string]any{"success": false, "data": []User{}, "total": 0, "message": msgViewDenied}, nil}
	}
	s.encodeList()
	return response{status: http.StatusOK, raw: s.listBody}
}

// encodeList fills the cached list body when it is stale; s.mu is held.
func (s *Server) encodeList() {
	if s.listBody == nil {
		total := int64(len(s.users))
		if s.total != nil {
			total = *s.total
		}
		s.listBody = usersBody(s.users, total)
	}
}

// changed notes that the users changed; s.mu is held.
func (s *Server) changed() { s.listBody = nil }

// createRequest is the body of POST /organization/users.
type createRequest struct {
	Email      *string `json:"email"`
	Password   *string `json:"password"`
	FirstName  *string `json:"firstName"`
	LastName   *string `json:"lastName"`
	OrgRole    *int64  `json:"orgRole"`
	SendInvite *bool   `json:"sendInvite"`
}

func (s *Server) createUser(caller User, _ []string, body []byte) response {
	if denied := manager(caller, msgManageDenied); denied != nil {
		return *denied
	}
	var req createRequest
	if err := strictJSON(body, &req); err != nil {
		return fail(http.StatusBadRequest, "Invalid request body")
	}
	var missing []string
	for _, f := range []struct {
		name string
		v    *string
	}{{"email", req.Email}, {"password", req.Password}, {"firstName", req.FirstName}, {"lastName", req.LastName}} {
		if f.v == nil || strings.TrimSpace(*f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fail(http.StatusBadRequest, "Missing required fields: "+strings.Join(missing, ", "))
	}
	if local, domain, ok := strings.Cut(*req.Email, "@"); !ok || local == "" || domain == "" || strings.ContainsAny(*req.Email, " \t\r\n") {
		return fail(http.StatusBadRequest, "Invalid email address")
	}
	if utf8.RuneCountInString(*req.Password) < MinPasswordLength {
		return fail(http.StatusBadRequest, "Password is too weak: it must be at least 8 characters long")
	}
	role := RoleUser
	if req.OrgRole != nil {
		role = *req.OrgRole
	}
	if !validRole(role) {
		return response{http.StatusBadRequest, map[string]any{"success": false, "data": map[string]any{}, "message": msgBadRole}, nil}
	}
	if role > caller.role() {
		return aboveCaller(role, caller)
	}
	if s.findEmail(*req.Email) != nil {
		return fail(http.StatusConflict, "A user with this email already exists")
	}
	u := User{
		ID: Ptr(newID()), Email: Ptr(*req.Email), Name: Ptr(*req.FirstName), LastName: Ptr(*req.LastName),
		OrgID: Ptr(s.org.ID), Validated: Ptr(false),
	}
	WithRole(&u, role)
	s.users = append(s.users, u)
	s.passwords[*u.ID] = *req.Password
	if req.SendInvite == nil || *req.SendInvite {
		s.invites = append(s.invites, *u.Email)
	}
	s.changed()
	return response{http.StatusCreated, map[string]any{"success": true, "data": u, "message": "User created successfully"}, nil}
}

func (s *Server) getUser(caller User, seg []string, _ []byte) response {
	u, refused := s.target(caller, seg[2], msgViewDenied)
	if refused != nil {
		return *refused
	}
	return response{http.StatusOK, *u, nil}
}

func (s *Server) updateUser(caller User, seg []string, body []byte) response {
	target, refused := s.target(caller, seg[2], msgManageDenied)
	if refused != nil {
		return *refused
	}
	var req map[string]json.RawMessage
	if err := strictJSON(body, &req); err != nil {
		return fail(http.StatusBadRequest, "Invalid request body")
	}
	next := *target
	sent := false
	for _, f := range []struct {
		key string
		to  **string
	}{{"name", &next.Name}, {"lastName", &next.LastName}} {
		raw, ok := req[f.key]
		if !ok {
			continue
		}
		sent = true
		var v *string
		if err := json.Unmarshal(raw, &v); err != nil {
			return fail(http.StatusBadRequest, "Invalid value for "+f.key)
		}
		*f.to = v
	}
	if raw, ok := req["orgRole"]; ok {
		sent = true
		var role *int64
		if err := json.Unmarshal(raw, &role); err != nil || role == nil || !validRole(*role) {
			return response{http.StatusBadRequest, map[string]any{"success": false, "data": map[string]any{}, "message": msgBadRole}, nil}
		}
		if target.role() > caller.role() {
			return aboveCaller(target.role(), caller)
		}
		if *role > caller.role() {
			return aboveCaller(*role, caller)
		}
		if *role != RoleOwner && s.lastOwner(target) {
			return fail(http.StatusBadRequest, msgLastOwner)
		}
		WithRole(&next, *role)
	}
	if !sent {
		return fail(http.StatusBadRequest, "No valid fields to update")
	}
	if target.role() > caller.role() {
		return aboveCaller(target.role(), caller)
	}
	*target = next
	s.changed()
	return response{http.StatusOK, map[string]any{"success": true, "data": next, "message": "User updated successfully"}, nil}
}

// lastOwner reports whether u is the organization's only active OWNER,
// whom the organization refuses to remove or demote; always false once
// SetLastOwnerRule(false) turned the rule off.
func (s *Server) lastOwner(u *User) bool {
	if s.ownerless || u.deleted() || u.role() != RoleOwner {
		return false
	}
	for i := range s.users {
		if o := &s.users[i]; o != u && !o.deleted() && o.role() == RoleOwner {
			return false
		}
	}
	return true
}

func (s *Server) deleteUser(caller User, seg []string, _ []byte) response {
	target, refused := s.target(caller, seg[2], msgManageDenied)
	if refused != nil {
		return *refused
	}
	switch {
	case target.id() == caller.id():
		return fail(http.StatusBadRequest, "Cannot delete yourself")
	case target.role() > caller.role():
		return aboveCaller(target.role(), caller)
	case target.deleted():
		return fail(http.StatusBadRequest, "User is already deleted")
	case s.lastOwner(target):
		return fail(http.StatusBadRequest, msgLastOwner)
	}
	target.DeletedAt = Ptr(now())
	s.changed()
	return response{http.StatusOK, map[string]any{"success": true, "message": "User deleted successfully"}, nil}
}

func (s *Server) activateUser(caller User, seg []string, _ []byte) response {
	target, refused := s.target(caller, seg[2], msgManageDenied)
	if refused != nil {
		return *refused
	}
	switch {
	case target.role() > caller.role():
		return aboveCaller(target.role(), caller)
	case !target.deleted():
		return fail(http.StatusBadRequest, "User is not deleted")
	}
	target.DeletedAt = nil
	s.changed()
	return response{http.StatusOK, map[string]any{"success": true, "message": "User activated successfully"}, nil}
}

// strictJSON decodes one JSON object, refusing anything after it.
func strictJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailing
	}
	return nil
}

func now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }
