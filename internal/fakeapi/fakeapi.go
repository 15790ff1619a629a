// Package fakeapi is a local stand-in for the Flashback API's
// GET /organization/users. The tests and `make demo` run it on loopback.
package fakeapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// User is one organization user as the fake API serves it. Fields set to
// nil are sent as JSON null; to leave a field out, use RawBody instead.
type User struct {
	ID                 *string `json:"id"`
	Email              *string `json:"email"`
	Name               *string `json:"name"`
	LastName           *string `json:"lastName"`
	OrgID              *string `json:"orgId"`
	OrgRole            *int64  `json:"orgRole"`
	Validated          *bool   `json:"validated"`
	DeletedAt          *string `json:"deletedAt"`
	OrgRoleDescription *string `json:"orgRoleDescription"`
	OrgRoles           []int64 `json:"orgRoles"`
}

// Reply is one scripted answer.
type Reply struct {
	Status int
	Header map[string]string
	Body   string
	// Delay holds the answer back, to make the client time out.
	Delay time.Duration
}

// Server is the fake API. Set its fields before serving; they are then
// read under its lock, and Replies are used up one request at a time.
type Server struct {
	// Token is the bearer token the server accepts.
	Token string
	// PathPrefix is put in front of /organization/users, as a proxy would.
	PathPrefix string

	mu sync.Mutex
	// Users is what a request gets once the scripted replies run out.
	users []User
	// total overrides the reported total when not nil.
	total *int64
	// replies are served first, one per request.
	replies []Reply
	// always, when set, answers every request after the replies.
	always *Reply
	// requests records every request received.
	requests []*http.Request
}

// New returns a server that accepts token and serves users.
func New(token string, users []User) *Server {
	return &Server{Token: token, users: users}
}

// SetUsers replaces the organization's users.
func (s *Server) SetUsers(users []User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users = users
}

// SetTotal makes the server report total instead of the number of users.
func (s *Server) SetTotal(total int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total = &total
}

// Script queues replies to serve, in order, before the users.
func (s *Server) Script(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, replies...)
}

// Always makes the server answer every request with reply, once the
// scripted replies are used up, instead of serving the users.
func (s *Server) Always(reply Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always = &reply
}

// Requests returns the requests received so far.
func (s *Server) Requests() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.requests...)
}

// RequestCount returns how many requests reached the server.
func (s *Server) RequestCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Clone(r.Context()))
	var reply *Reply
	if len(s.replies) > 0 {
		reply = &s.replies[0]
		s.replies = s.replies[1:]
	} else if s.always != nil {
		reply = s.always
	}
	users, total := s.users, s.total
	s.mu.Unlock()

	if reply != nil {
		serveReply(w, r, *reply)
		return
	}
	switch {
	case r.URL.Path != s.PathPrefix+"/organization/users":
		writeJSON(w, http.StatusNotFound, map[string]any{"success": false, "message": "Not found"})
	case r.Method != http.MethodGet:
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"success": false, "message": "Method not allowed"})
	case r.Header.Get("Authorization") != "Bearer "+s.Token || s.Token == "":
		writeJSON(w, http.StatusUnauthorized, map[string]any{"success": false, "message": "Invalid or expired token"})
	default:
		n := int64(len(users))
		if total != nil {
			n = *total
		}
		if users == nil {
			users = []User{}
		}
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": users, "total": n})
	}
}

func serveReply(w http.ResponseWriter, r *http.Request, reply Reply) {
	if reply.Delay > 0 {
		select {
		case <-time.After(reply.Delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range reply.Header {
		w.Header().Set(k, v)
	}
	if w.Header().Get("Content-Type") == "" && strings.HasPrefix(strings.TrimSpace(reply.Body), "{") {
		w.Header().Set("Content-Type", "application/json")
	}
	status := reply.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(reply.Body))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Ptr returns a pointer to v, to fill User's fields.
func Ptr[T any](v T) *T { return &v }

// referenceEmail is the email both users have in the API reference's
// example, byte for byte (the page's email obfuscation left it so).
const referenceEmail = "[email\u00a0protected]"

// ReferenceUsers are the two users of the example response in the API reference.
func ReferenceUsers() []User {
	const org = "123e4567-e89b-12d3-a456-426614174000"
	return []User{
		{
			ID: Ptr("550e8400-e29b-41d4-a716-446655440000"), Email: Ptr(referenceEmail),
			Name: Ptr("John"), LastName: Ptr("Doe"), OrgID: Ptr(org), OrgRole: Ptr[int64](2),
			Validated: Ptr(true), OrgRoleDescription: Ptr("WORKSPACES"), OrgRoles: []int64{0, 1, 2},
		},
		{
			ID: Ptr("660e8400-e29b-41d4-a716-446655440001"), Email: Ptr(referenceEmail),
			Name: Ptr("Jane"), LastName: Ptr("Smith"), OrgID: Ptr(org), OrgRole: Ptr[int64](0),
			Validated: Ptr(true), OrgRoleDescription: Ptr("USER"), OrgRoles: []int64{0},
		},
	}
}

// SampleOrgID is the organization of SampleUsers.
const SampleOrgID = "7d9f2c1e-4b8a-4f3e-9c6d-2a1b3c4d5e6f"

// SampleUsers is a small organization with every role, an unvalidated
// user and a deleted one, served by `make demo`.
func SampleUsers() []User {
	user := func(id, local, domain, name, last string, role int64, desc string, validated bool, deletedAt *string) User {
		roles := []int64{0}
		for _, r := range []int64{1, 2, 0xfe, 0xff} {
			if r <= role {
				roles = append(roles, r)
			}
		}
		return User{
			ID: Ptr(id), Email: Ptr(local + "@" + domain), Name: Ptr(name), LastName: Ptr(last), OrgID: Ptr(SampleOrgID),
			OrgRole: Ptr(role), Validated: Ptr(validated), DeletedAt: deletedAt, OrgRoleDescription: Ptr(desc), OrgRoles: roles,
		}
	}
	return []User{
		user("a1b2c3d4-0001-4000-8000-000000000001", "ada", "example.com", "Ada", "Lovelace", 0xff, "OWNER", true, nil),
		user("a1b2c3d4-0002-4000-8000-000000000002", "grace", "example.com", "Grace", "Hopper", 0xff, "OWNER", true, nil),
		user("a1b2c3d4-0003-4000-8000-000000000003", "alan", "example.com", "Alan", "Turing", 0xfe, "ADMINISTRATOR", true, nil),
		user("a1b2c3d4-0004-4000-8000-000000000004", "katherine", "example.com", "Katherine", "Johnson", 0x02, "WORKSPACES", true, nil),
		user("a1b2c3d4-0005-4000-8000-000000000005", "claude", "contractor.example.net", "Claude", "Shannon", 0x01, "BILLING", false, nil),
		user("a1b2c3d4-0006-4000-8000-000000000006", "edsger", "example.com", "Edsger", "Dijkstra", 0x00, "USER", true, nil),
		user("a1b2c3d4-0007-4000-8000-000000000007", "mallory", "example.com", "Mallory", "Former", 0xfe, "ADMINISTRATOR", true, Ptr("2026-03-14T09:26:53.000Z")),
	}
}
