package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// sent is one request a workspace test server received, with its body.
type sent struct {
	method, path string
	body         map[string]any
}

// wsServer answers each request with the reply the test chose for its
// method and path (or 200 {"success": true}) and records what it got.
type wsServer struct {
	mu      sync.Mutex
	got     []sent
	replies map[string][]string // "METHOD path" -> status and body, popped in order: "200 {...}"
}

func newWSServer(t *testing.T) (*wsServer, *Client) {
	t.Helper()
	s := &wsServer{replies: map[string][]string{}}
	base, _ := serve(t, s)
	return s, newTestClient(t, base)
}

// on queues replies ("STATUS body") for method and path.
func (s *wsServer) on(method, path string, replies ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[method+" "+path] = append(s.replies[method+" "+path], replies...)
}

func (s *wsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	s.mu.Lock()
	s.got = append(s.got, sent{r.Method, r.URL.EscapedPath(), body})
	key := r.Method + " " + r.URL.EscapedPath()
	reply := "200 {\"success\": true}"
	if q := s.replies[key]; len(q) > 0 {
		reply, s.replies[key] = q[0], q[1:]
	}
	s.mu.Unlock()
	status, text, _ := strings.Cut(reply, " ")
	code, err := strconv.Atoi(status)
	if err != nil {
		panic("wsServer: a reply must start with its status: " + reply)
	}
	w.WriteHeader(code)
	_, _ = w.Write([]byte(text))
}

func (s *wsServer) requests() []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sent(nil), s.got...)
}

func TestWorkspaceWritesSendTheDocumentedCalls(t *testing.T) {
	s, c := newWSServer(t)
	s.on("POST", "/workspace", `201 {"success": true, "workspace": {"id": "ws-1", "name": "Ops", "orgId": "org-1"}}`)
	s.on("PUT", "/workspace/ws-1", `200 {"success": true, "workspace": {"id": "ws-1", "name": "Ops 2", "orgId": "org-1"}}`)
	ctx := context.Background()
	w, err := c.CreateWorkspace(ctx, "Ops")
	if err != nil || w.ID != "ws-1" || w.Name != "Ops" || deref(w.OrgID) != "org-1" || w.Members != nil {
		t.Fatalf("create: %+v, %v", w, err)
	}
	if w, err = c.RenameWorkspace(ctx, "ws-1", "Ops 2"); err != nil || w.Name != "Ops 2" || w.Members != nil {
		t.Fatalf("rename: %+v, %v", w, err)
	}
	for _, err := range []error{
		c.AddWorkspaceMember(ctx, "ws-1", "u/2", WorkspaceWrite),
		c.SetWorkspaceMemberRole(ctx, "ws-1", "u/2", WorkspaceRead),
		c.RemoveWorkspaceMember(ctx, "ws-1", "u/2"),
		c.DeleteWorkspace(ctx, "ws-1"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	want := []sent{
		{"POST", "/workspace", map[string]any{"name": "Ops"}},
		{"PUT", "/workspace/ws-1", map[string]any{"name": "Ops 2"}},
		{"POST", "/workspace/ws-1/users", map[string]any{"userId": "u/2", "role": "WRITE"}},
		{"PUT", "/workspace/ws-1/users/u%2F2", map[string]any{"role": "READ"}},
		{"DELETE", "/workspace/ws-1/users/u%2F2", nil},
		{"DELETE", "/workspace/ws-1", nil},
	}
	got := s.requests()
	if len(got) != len(want) {
		t.Fatalf("requests = %+v", got)
	}
	for i := range want {
		if got[i].method != want[i].method || got[i].path != want[i].path || !jsonEqual(got[i].body, want[i].body) {
			t.Errorf("request %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func jsonEqual(a, b map[string]any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestCreatedWorkspaceWithoutIDIsMalformed(t *testing.T) {
	s, c := newWSServer(t)
	s.on("POST", "/workspace", `201 {"success": true, "workspace": {"name": "Ops"}}`)
	_, err := c.CreateWorkspace(context.Background(), "Ops")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindMalformed || !strings.Contains(e.Detail, `a workspace has no "id"`) {
		t.Errorf("err = %v", err)
	}
}

func TestRenameAnsweredForAnotherWorkspaceIsMalformed(t *testing.T) {
	s, c := newWSServer(t)
	s.on("PUT", "/workspace/ws-1", `200 {"success": true, "workspace": {"id": "ws-9", "name": "Ops"}}`)
	_, err := c.RenameWorkspace(context.Background(), "ws-1", "Ops")
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindMalformed || !strings.Contains(e.Detail, `the workspace "ws-9", where the call asked for "ws-1"`) {
		t.Errorf("err = %v", err)
	}
}

// TestRenameWithoutTheWorkspaceReadsIt: an answer without the workspace
// is read again rather than guessed.
func TestRenameWithoutTheWorkspaceReadsIt(t *testing.T) {
	s, c := newWSServer(t)
	s.on("GET", "/workspace/ws-1", `200 {"success": true, "workspace": {"id": "ws-1", "name": "Ops", "users": [{"userId": "u-1", "role": "ADMIN"}]}}`)
	w, err := c.RenameWorkspace(context.Background(), "ws-1", "Ops")
	if err != nil || w.Name != "Ops" || len(w.Members) != 1 || len(s.requests()) != 2 {
		t.Errorf("rename: %+v, %v, %d requests", w, err, len(s.requests()))
	}
}

func TestWorkspaceWriteErrorsSayWhatToDo(t *testing.T) {
	tests := []struct {
		name    string
		call    func(*Client) error
		method  string
		path    string
		reply   string
		check   func(error) bool
		summary string
		detail  []string
	}{
		{"delete with buckets", func(c *Client) error { return c.DeleteWorkspace(context.Background(), "ws-1") }, "DELETE", "/workspace/ws-1",
			`400 {"success": false, "message": "Cannot delete workspace with existing buckets or repos"}`, IsNotEmpty,
			"Flashback workspace is not empty", []string{"buckets, repositories and AI models", "first", "Cannot delete workspace with existing buckets or repos", "“ws-1”"}},
		{"member call by a non-ADMIN", func(c *Client) error { return c.AddWorkspaceMember(context.Background(), "ws-1", "u-2", "READ") }, "POST", "/workspace/ws-1/users",
			`403 {"success": false, "message": "Insufficient permissions to manage workspace users"}`, nil,
			"Not allowed to add a member to a workspace", []string{"not its ADMIN", "Insufficient permissions to manage workspace users", "ADMIN of it"}},
		{"create without the org role", func(c *Client) error { _, err := c.CreateWorkspace(context.Background(), "Ops"); return err }, "POST", "/workspace",
			`403 {"success": false, "message": "Insufficient permissions to create workspaces"}`, nil,
			"Not allowed to create a workspace", []string{"WORKSPACES or higher", "Insufficient permissions to create workspaces"}},
		{"target user not found", func(c *Client) error { return c.AddWorkspaceMember(context.Background(), "ws-1", "u-2", "READ") }, "POST", "/workspace/ws-1/users",
			`404 {"success": false, "message": "Target user not found"}`, IsNotFound,
			"Flashback user not found", []string{"“u-2”", "not an active user", "user_id"}},
		{"member gone", func(c *Client) error { return c.SetWorkspaceMemberRole(context.Background(), "ws-1", "u-2", "READ") }, "PUT", "/workspace/ws-1/users/u-2",
			`404 {"success": false, "message": "User not found in workspace"}`, IsNotFound,
			"Not a member of the Flashback workspace", []string{"“u-2”", "“ws-1”", "terraform plan"}},
		{"workspace gone", func(c *Client) error { return c.RemoveWorkspaceMember(context.Background(), "ws-1", "u-2") }, "DELETE", "/workspace/ws-1/users/u-2",
			`404 {"success": false, "message": "Workspace not found or access denied"}`, IsNotFound,
			"Flashback workspace not found", []string{"“ws-1”", "does not belong to"}},
		{"already a member", func(c *Client) error { return c.AddWorkspaceMember(context.Background(), "ws-1", "u-2", "READ") }, "POST", "/workspace/ws-1/users",
			`409 {"success": false, "message": "User is already a member of this workspace"}`, IsAlreadyMember,
			"Flashback API error", []string{"User is already a member of this workspace"}},
		{"caller not validated", func(c *Client) error { return c.RemoveWorkspaceMember(context.Background(), "ws-1", "u-2") }, "DELETE", "/workspace/ws-1/users/u-2",
			`400 {"success": false, "message": "User not found or account is not validated"}`, nil,
			"The access token's user is unknown or not validated", []string{"verification email", "User not found or account is not validated"}},
		{"a 400 about the caller is not a workspace with contents", func(c *Client) error { return c.DeleteWorkspace(context.Background(), "ws-1") }, "DELETE", "/workspace/ws-1",
			`400 {"success": false, "message": "User not found or account is not validated"}`, func(err error) bool { return !IsNotEmpty(err) },
			"The access token's user is unknown or not validated", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newWSServer(t)
			s.on(tt.method, tt.path, tt.reply)
			err := tt.call(c)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v", err)
			}
			if tt.check != nil && !tt.check(err) {
				t.Errorf("the error's kind is %d: %v", e.Kind, err)
			}
			if e.Summary != tt.summary {
				t.Errorf("summary = %q, want %q", e.Summary, tt.summary)
			}
			for _, want := range tt.detail {
				if !strings.Contains(e.Detail, want) {
					t.Errorf("detail lacks %q: %s", want, e.Detail)
				}
			}
			if strings.Contains(e.Detail, testToken) {
				t.Error("the detail shows the token")
			}
		})
	}
}

func TestWorkspaceRoleCheckedBeforeSending(t *testing.T) {
	s, c := newWSServer(t)
	for _, err := range []error{
		c.AddWorkspaceMember(context.Background(), "ws-1", "u-2", "OWNER"),
		c.SetWorkspaceMemberRole(context.Background(), "ws-1", "u-2", "admin"),
	} {
		if err == nil || !strings.Contains(err.Error(), "READ, WRITE, ADMIN") {
			t.Errorf("err = %v", err)
		}
	}
	if n := len(s.requests()); n != 0 {
		t.Errorf("%d requests sent with a role outside the three", n)
	}
}

// TestWorkspaceWritesRetriedOnlyWhenNothingHappened: a write is sent again
// after a 503 (not served), never after a 500 (it may have taken effect).
func TestWorkspaceWritesRetriedOnlyWhenNothingHappened(t *testing.T) {
	fail := func(status string) string { return status + ` {"success": false, "message": "x"}` }
	tests := []struct {
		name   string
		status string
		call   func(*Client) error
		path   string
		method string
		want   int
	}{
		{"create after 503", "503", func(c *Client) error { _, err := c.CreateWorkspace(context.Background(), "Ops"); return err }, "/workspace", "POST", 2},
		{"create after 500", "500", func(c *Client) error { _, err := c.CreateWorkspace(context.Background(), "Ops"); return err }, "/workspace", "POST", 1},
		{"add after 500", "500", func(c *Client) error { return c.AddWorkspaceMember(context.Background(), "ws-1", "u", "READ") }, "/workspace/ws-1/users", "POST", 1},
		{"role after 503", "503", func(c *Client) error { return c.SetWorkspaceMemberRole(context.Background(), "ws-1", "u", "READ") }, "/workspace/ws-1/users/u", "PUT", 2},
		{"read after 500", "500", func(c *Client) error { _, err := c.GetWorkspace(context.Background(), "ws-1"); return err }, "/workspace/ws-1", "GET", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &wsServer{replies: map[string][]string{}}
			base, _ := serve(t, s)
			c := newTestClient(t, base, retries(3))
			s.on(tt.method, tt.path, fail(tt.status))
			s.on("POST", "/workspace", `201 {"success": true, "workspace": {"id": "ws-1", "name": "Ops"}}`)
			s.on("GET", "/workspace/ws-1", `200 {"success": true, "workspace": {"id": "ws-1", "name": "Ops", "users": []}}`)
			err := tt.call(c)
			if n := len(s.requests()); n != tt.want {
				t.Errorf("%d requests, want %d (err %v)", n, tt.want, err)
			}
			if tt.want == 1 && err == nil {
				t.Error("a write that may have taken effect was reported as done")
			}
		})
	}
}

// TestWorkspaceWritesForgetTheList: after any write, succeeded or failed,
// the next list calls the API again.
func TestWorkspaceWritesForgetTheList(t *testing.T) {
	writes := map[string]func(*Client) error{
		"create": func(c *Client) error { _, err := c.CreateWorkspace(context.Background(), "Ops"); return err },
		"rename": func(c *Client) error { _, err := c.RenameWorkspace(context.Background(), "ws-1", "Ops"); return err },
		"delete": func(c *Client) error { return c.DeleteWorkspace(context.Background(), "ws-1") },
		"add":    func(c *Client) error { return c.AddWorkspaceMember(context.Background(), "ws-1", "u", "READ") },
		"role":   func(c *Client) error { return c.SetWorkspaceMemberRole(context.Background(), "ws-1", "u", "READ") },
		"remove": func(c *Client) error { return c.RemoveWorkspaceMember(context.Background(), "ws-1", "u") },
		"failed": func(c *Client) error { return c.RemoveWorkspaceMember(context.Background(), "ws-1", "gone") },
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			s, c := newWSServer(t)
			s.on("GET", "/workspace", "200 "+workspacesBody, "200 "+workspacesBody)
			s.on("POST", "/workspace", `201 {"success": true, "workspace": {"id": "ws-1", "name": "Ops"}}`)
			s.on("PUT", "/workspace/ws-1", `200 {"success": true, "workspace": {"id": "ws-1", "name": "Ops"}}`)
			s.on("DELETE", "/workspace/ws-1/users/gone", `500 {"success": false}`)
			for range 2 {
				if _, err := c.ListWorkspaces(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			_ = write(c)
			if _, err := c.ListWorkspaces(context.Background()); err != nil {
				t.Fatal(err)
			}
			lists := 0
			for _, r := range s.requests() {
				if r.method == "GET" && r.path == "/workspace" {
					lists++
				}
			}
			if lists != 2 {
				t.Errorf("%d list calls around the write, want 2", lists)
			}
		})
	}
}

func TestWorkspaceWritesLoggedWithIDs(t *testing.T) {
	s, c := newWSServer(t)
	s.on("POST", "/workspace", `201 {"success": true, "workspace": {"id": "ws-1", "name": "Ops"}}`)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	if _, err := c.CreateWorkspace(ctx, "Ops"); err != nil {
		t.Fatal(err)
	}
	if err := c.SetWorkspaceMemberRole(ctx, "ws-1", "u-2", WorkspaceAdmin); err != nil {
		t.Fatal(err)
	}
	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	created := findEntries(entries, "Created Flashback workspace")
	role := findEntries(entries, "Changed Flashback workspace member's role")
	if len(created) != 1 || created[0]["@level"] != "info" || created[0]["workspace_id"] != "ws-1" || created[0]["call"] != "POST /workspace" {
		t.Errorf("create's log: %v", created)
	}
	if len(role) != 1 || role[0]["workspace_id"] != "ws-1" || role[0]["user_id"] != "u-2" || role[0]["role"] != "ADMIN" {
		t.Errorf("role change's log: %v", role)
	}
	if strings.Contains(buf.String(), testToken) {
		t.Error("the log shows the token")
	}
}

// TestRecoverWorkspaceTakesOnlyANewOne: after a create whose answer was
// lost, only a workspace with the name that was not there before, and that
// no other create of this client made, is the create's.
func TestRecoverWorkspaceTakesOnlyANewOne(t *testing.T) {
	list := func(ids ...string) string {
		var ws []string
		for _, id := range ids {
			ws = append(ws, `{"id": "`+id+`", "name": "Ops", "users": []}`)
		}
		return `200 {"success": true, "workspaces": [` + strings.Join(ws, ",") + `]}`
	}
	s, c := newWSServer(t)
	s.on("POST", "/workspace", `201 {"success": true, "workspace": {"id": "mine", "name": "Ops"}}`, `502 {"success": false}`)
	s.on("GET", "/workspace", list("old", "mine", "new"), list("old", "mine", "new", "other"))
	ctx := context.Background()
	if _, err := c.CreateWorkspace(ctx, "Ops"); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateWorkspace(ctx, "Ops")
	if !OutcomeUnknown(err) {
		t.Fatalf("a 502 to a create: %v, want an outcome unknown", err)
	}
	found, err := c.RecoverWorkspace(ctx, "Ops", map[string]bool{"old": true})
	if err != nil || len(found) != 1 || found[0].ID != "new" {
		t.Fatalf("RecoverWorkspace = %+v, %v; want only \"new\"", found, err)
	}
	// "new" is this client's now: a later recovery does not take it again.
	found, err = c.RecoverWorkspace(ctx, "Ops", map[string]bool{"old": true})
	if err != nil || len(found) != 1 || found[0].ID != "other" {
		t.Fatalf("second RecoverWorkspace = %+v, %v; want only \"other\"", found, err)
	}
}
