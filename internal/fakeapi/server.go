package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

// Server is the fake API: one organization in memory, served over HTTP.
// Set its exported fields before serving; everything else goes through
// its methods, which are safe to call while it serves.
type Server struct {
	// Token is a bearer token that never expires and belongs to the
	// caller New chose (see SetCaller). Empty accepts no static token.
	Token string
	// PathPrefix is put in front of every path, as a proxy would.
	PathPrefix string

	mu    sync.Mutex
	users []User
	// total overrides the reported total when not nil.
	total *int64
	// listBody caches the encoded user list; nil once a change makes it stale.
	listBody []byte
	org      Organization
	// others are organizations that exist but that the caller is not in.
	others map[string]bool
	// callerID is the user Token belongs to; "" means tokenOwner.
	callerID string
	// tokens maps a signed-in (or issued) token to its user's id.
	tokens    map[string]string
	passwords map[string]string // by user id
	logins    int
	invites   []string
	replies   []Reply
	always    *Reply
	calls     []Call
	// ownerless says that the organization does not refuse removing or
	// demoting its last active OWNER (SetLastOwnerRule).
	ownerless bool
	// workspaces in the order they were created, deleted ones included.
	workspaces []Workspace
	// limit is the rate limit (SetRateLimit).
	limit rateLimit
}

// OtherOrgID is an organization that exists but that no caller of the
// fake belongs to: GET /organization/OtherOrgID answers 403.
const OtherOrgID = "0e0e0e0e-1f1f-4a2a-8b3b-4c4c4c4c4c4c"

// TokenOwnerID is the id of the caller the static Token belongs to when the
// organization given to New has no active OWNER: an OWNER that is not
// listed among the organization's users.
const TokenOwnerID = "00000000-0000-4000-8000-0000000000ff"

// New returns a server for an organization of users. token is the static
// Token; it belongs to the first active OWNER among users, or, when there
// is none, to an OWNER outside the list (TokenOwnerID). The organization's
// id is the first orgId among users, or SampleOrgID.
func New(token string, users []User) *Server {
	s := &Server{
		Token: token,
		// A shallow copy: the server never writes through a user's
		// pointers, so the caller's slice stays as it was.
		users:     append([]User(nil), users...),
		others:    map[string]bool{OtherOrgID: true},
		tokens:    map[string]string{},
		passwords: map[string]string{},
	}
	orgID := SampleOrgID
	for i := range users {
		if users[i].OrgID != nil {
			orgID = *users[i].OrgID
			break
		}
	}
	s.org = DefaultOrganization(orgID)
	for i := range s.users {
		if u := &s.users[i]; u.ID != nil && u.role() == RoleOwner && !u.deleted() {
			s.callerID = *u.ID
			break
		}
	}
	return s
}

// DefaultOrganization is the organization New serves, given its id.
func DefaultOrganization(id string) Organization {
	return Organization{
		ID: id, Name: Ptr("Example Org"), Domain: Ptr("example.com"), Address1: Ptr("1 Main Street"),
		City: Ptr("Springfield"), Zipcode: Ptr("12345"), State: Ptr("CA"), Country: Ptr("US"),
		Website: Ptr("https://example.com"), ReposDisabled: Ptr(false), IsBusiness: Ptr(true), MFAEnforced: Ptr(false),
	}
}

// maxBody bounds the request bodies the fake reads.
const maxBody = 1 << 20

// response is an answer worked out under the lock and written after it.
type response struct {
	status int
	body   any
	// raw, when set, is sent instead of body.
	raw []byte
}

func fail(status int, message string) response {
	return response{status, map[string]any{"success": false, "message": message}, nil}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	s.mu.Lock()
	s.record(r, body)
	reply := s.limited()
	if reply == nil {
		reply = s.nextReply(r)
	}
	var resp response
	switch {
	case reply != nil && len(reply.Omit) > 0 && err == nil && len(body) <= maxBody:
		resp = s.route(r, body)
		resp.body, resp.raw = omit(resp.body, reply.Omit), nil
		reply = nil
	case reply != nil && reply.Act && err == nil && len(body) <= maxBody:
		_ = s.route(r, body) // acted on; its answer is lost
	case reply != nil:
	case err != nil:
		resp = fail(http.StatusBadRequest, "Could not read the request body")
	case len(body) > maxBody:
		resp = fail(http.StatusRequestEntityTooLarge, "Request body too large")
	default:
		resp = s.route(r, body)
	}
	s.mu.Unlock()

	if reply != nil {
		serveReply(w, r, *reply)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.status)
	if resp.raw != nil {
		_, _ = w.Write(resp.raw)
		return
	}
	_ = json.NewEncoder(w).Encode(resp.body)
}

// route answers a request from the organization's state; s.mu is held.
func (s *Server) route(r *http.Request, body []byte) response {
	path, ok := strings.CutPrefix(r.URL.Path, s.PathPrefix)
	if !ok || !strings.HasPrefix(path, "/") {
		return fail(http.StatusNotFound, "Not found")
	}
	seg := strings.Split(path[1:], "/")
	type handler func(caller User, seg []string, body []byte) response
	var h handler
	method := r.Method
	switch {
	case len(seg) == 2 && seg[0] == "user" && seg[1] == "login":
		if method != http.MethodPost {
			return notAllowed()
		}
		return s.login(body)
	case len(seg) == 2 && seg[0] == "user" && seg[1] == "profile":
		h = map[string]handler{http.MethodGet: s.profile}[method]
	case len(seg) == 2 && seg[0] == "organization" && seg[1] == "users":
		h = map[string]handler{http.MethodGet: s.listUsers, http.MethodPost: s.createUser}[method]
	case len(seg) == 3 && seg[0] == "organization" && seg[1] == "users" && seg[2] != "":
		h = map[string]handler{http.MethodGet: s.getUser, http.MethodPut: s.updateUser, http.MethodDelete: s.deleteUser}[method]
	case len(seg) == 4 && seg[0] == "organization" && seg[1] == "users" && seg[2] != "" && seg[3] == "activate":
		h = map[string]handler{http.MethodPost: s.activateUser}[method]
	case len(seg) == 2 && seg[0] == "organization" && seg[1] != "":
		h = map[string]handler{http.MethodGet: s.getOrganization}[method]
	case len(seg) == 1 && seg[0] == "workspace":
		h = map[string]handler{http.MethodGet: s.listWorkspaces, http.MethodPost: s.createWorkspace}[method]
	case len(seg) == 2 && seg[0] == "workspace" && seg[1] != "":
		h = map[string]handler{http.MethodGet: s.getWorkspace, http.MethodPut: s.renameWorkspace, http.MethodDelete: s.deleteWorkspace}[method]
	case len(seg) == 3 && seg[0] == "workspace" && seg[1] != "" && seg[2] == "users":
		h = map[string]handler{http.MethodPost: s.addMember}[method]
	case len(seg) == 4 && seg[0] == "workspace" && seg[1] != "" && seg[2] == "users" && seg[3] != "":
		h = map[string]handler{http.MethodPut: s.setMemberRole, http.MethodDelete: s.removeMember}[method]
	default:
		return fail(http.StatusNotFound, "Not found")
	}
	if h == nil {
		return notAllowed()
	}
	caller, denied := s.authenticate(r)
	if denied != nil {
		return *denied
	}
	return h(caller, seg, body)
}

func notAllowed() response { return fail(http.StatusMethodNotAllowed, "Method not allowed") }

// authenticate finds the user a request's bearer token belongs to.
func (s *Server) authenticate(r *http.Request) (User, *response) {
	unauthorized := fail(http.StatusUnauthorized, "Invalid or expired token")
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return User{}, &unauthorized
	}
	id, ok := s.tokens[token]
	if !ok && token == s.Token {
		id, ok = s.callerID, true
		if id == "" {
			return s.tokenOwner(), nil
		}
	}
	if !ok {
		return User{}, &unauthorized
	}
	u := s.find(id)
	if u == nil || u.deleted() {
		return User{}, &unauthorized
	}
	return *u, nil
}

// tokenOwner is the unlisted OWNER that Token belongs to when New found no
// active OWNER in the organization.
func (s *Server) tokenOwner() User {
	u := User{ID: Ptr(TokenOwnerID), Email: Ptr("token-owner@example.com"), Name: Ptr("Token"), LastName: Ptr("Owner"),
		OrgID: Ptr(s.org.ID), Validated: Ptr(true)}
	WithRole(&u, RoleOwner)
	return u
}

// find returns the organization's user with that id, or nil; s.mu is held.
func (s *Server) find(id string) *User {
	for i := range s.users {
		if s.users[i].ID != nil && *s.users[i].ID == id {
			return &s.users[i]
		}
	}
	return nil
}

// findEmail returns the user whose email matches, or nil; s.mu is held.
func (s *Server) findEmail(email string) *User {
	for i := range s.users {
		if s.users[i].Email != nil && sameEmail(*s.users[i].Email, email) {
			return &s.users[i]
		}
	}
	return nil
}

// sameEmail compares emails ignoring the case of ASCII letters only.
func sameEmail(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
