package fakeapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Workspace is one workspace of the organization, as the fake keeps it.
type Workspace struct {
	ID    string
	Name  string
	OrgID string
	// Members in the order they joined.
	Members []WorkspaceMember
	// DeletedAt is set by a soft delete; a deleted workspace answers 404.
	DeletedAt *string
	// Buckets and Repos count what the workspace holds; DELETE is refused
	// while either is above zero (SetWorkspaceContents).
	Buckets, Repos int
}

// WorkspaceMember is one member of a workspace and its workspace role.
type WorkspaceMember struct {
	UserID string
	Role   string
}

// The workspace roles, and the rules on a workspace's name.
const (
	WorkspaceRead  = "READ"
	WorkspaceWrite = "WRITE"
	WorkspaceAdmin = "ADMIN"
	// MaxWorkspaceName is the fake's longest name, in characters.
	MaxWorkspaceName = 100
)

const (
	msgWorkspaceNotFound = "Workspace not found or access denied"
	msgCallerInvalid     = "User not found or account is not validated"
	msgManageMembers     = "Insufficient permissions to manage workspace users"
	msgMemberNotFound    = "User not found in workspace"
)

func validWorkspaceRole(role string) bool {
	return role == WorkspaceRead || role == WorkspaceWrite || role == WorkspaceAdmin
}

func (w Workspace) clone() Workspace {
	c := w
	c.Members = append([]WorkspaceMember(nil), w.Members...)
	if w.DeletedAt != nil {
		c.DeletedAt = Ptr(*w.DeletedAt)
	}
	return c
}

// role is userID's role in w, or "" when not a member.
func (w *Workspace) role(userID string) string {
	for _, m := range w.Members {
		if m.UserID == userID {
			return m.Role
		}
	}
	return ""
}

// setMember gives userID the role, adding it last when new; "" removes it.
func (w *Workspace) setMember(userID, role string) {
	for i, m := range w.Members {
		if m.UserID == userID {
			if role == "" {
				w.Members = append(w.Members[:i:i], w.Members[i+1:]...)
			} else {
				w.Members[i].Role = role
			}
			return
		}
	}
	if role != "" {
		w.Members = append(w.Members, WorkspaceMember{UserID: userID, Role: role})
	}
}

// findWorkspace returns the workspace with that id, deleted or not; s.mu is held.
func (s *Server) findWorkspace(id string) *Workspace {
	for i := range s.workspaces {
		if s.workspaces[i].ID == id {
			return &s.workspaces[i]
		}
	}
	return nil
}

// visible returns the workspace when the caller may see it (a member of a
// workspace not deleted), else the 404 every non-member gets; s.mu is held.
func (s *Server) visible(caller User, id string) (*Workspace, *response) {
	w := s.findWorkspace(id)
	if w == nil || w.DeletedAt != nil || w.role(caller.id()) == "" {
		r := fail(http.StatusNotFound, msgWorkspaceNotFound)
		return nil, &r
	}
	return w, nil
}

// administered is visible, then the 403 for a member who is not its ADMIN,
// after the 400 for a caller whose account is not validated; s.mu is held.
func (s *Server) administered(caller User, id, denied string) (*Workspace, *response) {
	if caller.Validated != nil && !*caller.Validated {
		r := fail(http.StatusBadRequest, msgCallerInvalid)
		return nil, &r
	}
	w, refused := s.visible(caller, id)
	if refused != nil {
		return nil, refused
	}
	if w.role(caller.id()) != WorkspaceAdmin {
		r := fail(http.StatusForbidden, denied)
		return nil, &r
	}
	return w, nil
}

// workspaceName reads {name} and checks it: non-blank after trimming, at
// most MaxWorkspaceName characters; it is kept as sent.
func workspaceName(body []byte) (string, *response) {
	var req struct {
		Name *string `json:"name"`
	}
	bad := func(message string) (string, *response) { r := fail(http.StatusBadRequest, message); return "", &r }
	if err := strictJSON(body, &req); err != nil {
		return bad("Invalid request body")
	}
	if req.Name == nil || strings.TrimSpace(*req.Name) == "" {
		return bad("Workspace name is required")
	}
	if utf8.RuneCountInString(*req.Name) > MaxWorkspaceName {
		return bad("Workspace name must be at most 100 characters")
	}
	return *req.Name, nil
}

// workspaceJSON is a workspace on the wire; Users is left out when nil.
type workspaceJSON struct {
	ID    string       `json:"id"`
	Name  string       `json:"name"`
	OrgID string       `json:"orgId"`
	Users []memberJSON `json:"users,omitempty"`
}

type memberJSON struct {
	UserID string          `json:"userId"`
	Role   string          `json:"role"`
	User   *memberUserJSON `json:"user"`
}

type memberUserJSON struct {
	ID       *string `json:"id"`
	Name     *string `json:"name"`
	LastName *string `json:"lastName"`
	Email    *string `json:"email"`
	OrgRole  *int64  `json:"orgRole"`
}

// encode is w on the wire, with its members when withUsers; s.mu is held.
func (s *Server) encode(w *Workspace, withUsers bool) workspaceJSON {
	out := workspaceJSON{ID: w.ID, Name: w.Name, OrgID: w.OrgID}
	if !withUsers {
		return out
	}
	out.Users = []memberJSON{}
	for _, m := range w.Members {
		member := memberJSON{UserID: m.UserID, Role: m.Role}
		if u := s.memberUser(m.UserID); u != nil {
			member.User = &memberUserJSON{ID: u.ID, Name: u.Name, LastName: u.LastName, Email: u.Email, OrgRole: u.OrgRole}
		}
		out.Users = append(out.Users, member)
	}
	return out
}

// memberUser is the organization user behind a member, deleted or not, or
// nil for an id the organization does not have; s.mu is held.
func (s *Server) memberUser(id string) *User {
	if u := s.find(id); u != nil {
		return u
	}
	if id == TokenOwnerID && s.callerID == "" {
		u := s.tokenOwner()
		return &u
	}
	return nil
}

func (s *Server) listWorkspaces(caller User, _ []string, _ []byte) response {
	out := []workspaceJSON{}
	for i := range s.workspaces {
		if w := &s.workspaces[i]; w.DeletedAt == nil && w.role(caller.id()) != "" {
			out = append(out, s.encode(w, true))
		}
	}
	return response{http.StatusOK, map[string]any{"success": true, "workspaces": out}, nil}
}

func (s *Server) createWorkspace(caller User, _ []string, body []byte) response {
	if caller.Validated != nil && !*caller.Validated {
		return fail(http.StatusBadRequest, msgCallerInvalid)
	}
	if caller.role() < RoleWorkspaces {
		return fail(http.StatusForbidden, "Insufficient permissions to create workspaces")
	}
	name, bad := workspaceName(body)
	if bad != nil {
		return *bad
	}
	w := Workspace{ID: newID(), Name: name, OrgID: s.org.ID, Members: []WorkspaceMember{{caller.id(), WorkspaceAdmin}}}
	s.workspaces = append(s.workspaces, w)
	return response{http.StatusCreated, map[string]any{"success": true, "workspace": s.encode(&w, false)}, nil}
}

func (s *Server) getWorkspace(caller User, seg []string, _ []byte) response {
	w, refused := s.visible(caller, seg[1])
	if refused != nil {
		return *refused
	}
	return response{http.StatusOK, map[string]any{"success": true, "workspace": s.encode(w, true)}, nil}
}

func (s *Server) renameWorkspace(caller User, seg []string, body []byte) response {
	w, refused := s.administered(caller, seg[1], "Insufficient permissions to update workspace")
	if refused != nil {
		return *refused
	}
	name, bad := workspaceName(body)
	if bad != nil {
		return *bad
	}
	w.Name = name
	return response{http.StatusOK, map[string]any{"success": true, "workspace": s.encode(w, false)}, nil}
}

func (s *Server) deleteWorkspace(caller User, seg []string, _ []byte) response {
	w, refused := s.administered(caller, seg[1], "Insufficient permissions to delete workspace")
	if refused != nil {
		return *refused
	}
	if w.Buckets > 0 || w.Repos > 0 {
		return fail(http.StatusBadRequest, "Cannot delete workspace with existing buckets or repos")
	}
	w.DeletedAt = Ptr(now())
	return response{http.StatusOK, map[string]any{"success": true}, nil}
}

// memberRole reads the role of a member call's body and checks it.
func memberRole(raw json.RawMessage) (string, *response) {
	var role string
	if err := json.Unmarshal(raw, &role); err != nil || !validWorkspaceRole(role) {
		r := fail(http.StatusBadRequest, "Invalid role: must be READ, WRITE or ADMIN")
		return "", &r
	}
	return role, nil
}

func (s *Server) addMember(caller User, seg []string, body []byte) response {
	w, refused := s.administered(caller, seg[1], msgManageMembers)
	if refused != nil {
		return *refused
	}
	var req struct {
		UserID *string          `json:"userId"`
		Role   *json.RawMessage `json:"role"`
	}
	if err := strictJSON(body, &req); err != nil {
		return fail(http.StatusBadRequest, "Invalid request body")
	}
	if req.UserID == nil || *req.UserID == "" || req.Role == nil {
		return fail(http.StatusBadRequest, "userId and role are required")
	}
	role, bad := memberRole(*req.Role)
	if bad != nil {
		return *bad
	}
	if u := s.find(*req.UserID); u == nil || u.deleted() {
		return fail(http.StatusNotFound, "Target user not found")
	}
	if w.role(*req.UserID) != "" {
		return fail(http.StatusConflict, "User is already a member of this workspace")
	}
	w.setMember(*req.UserID, role)
	return response{http.StatusOK, map[string]any{"success": true}, nil}
}

func (s *Server) setMemberRole(caller User, seg []string, body []byte) response {
	w, refused := s.administered(caller, seg[1], msgManageMembers)
	if refused != nil {
		return *refused
	}
	var req struct {
		Role *json.RawMessage `json:"role"`
	}
	if err := strictJSON(body, &req); err != nil {
		return fail(http.StatusBadRequest, "Invalid request body")
	}
	if req.Role == nil {
		return fail(http.StatusBadRequest, "role is required")
	}
	role, bad := memberRole(*req.Role)
	if bad != nil {
		return *bad
	}
	if w.role(seg[3]) == "" {
		return fail(http.StatusNotFound, msgMemberNotFound)
	}
	w.setMember(seg[3], role)
	return response{http.StatusOK, map[string]any{"success": true}, nil}
}

func (s *Server) removeMember(caller User, seg []string, _ []byte) response {
	w, refused := s.administered(caller, seg[1], msgManageMembers)
	if refused != nil {
		return *refused
	}
	if w.role(seg[3]) == "" {
		return fail(http.StatusNotFound, msgMemberNotFound)
	}
	w.setMember(seg[3], "")
	return response{http.StatusOK, map[string]any{"success": true}, nil}
}
