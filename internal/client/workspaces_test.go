package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// workspacesBody is a GET /workspace answer as the reference documents it,
// out of order on purpose: workspaces by name then id, members by user id
// are the client's to sort.
const workspacesBody = `{"success": true, "workspaces": [
  {"id": "ws-2", "name": "Research", "orgId": "org-1", "users": [
    {"userId": "u-9", "role": "READ", "user": {"id": "u-9", "name": "Alan", "lastName": "Turing", "email": "alan@example.com", "orgRole": null}},
    {"userId": "u-1", "role": "ADMIN", "user": {"id": "u-1", "name": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "orgRole": 255}}
  ]},
  {"id": "ws-1", "name": "Research", "orgId": "org-1", "users": []},
  {"id": "ws-0", "name": "Billing", "orgId": null, "users": [{"userId": "u-1", "role": "WRITE"}]}
]}`

// answer serves one fixed answer to every request.
func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

func TestListWorkspacesDecodesAndSorts(t *testing.T) {
	base, _ := serve(t, answer(http.StatusOK, workspacesBody))
	list, err := newTestClient(t, base).ListWorkspaces(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []Workspace{
		{ID: "ws-0", Name: "Billing", Members: []WorkspaceMember{{UserID: "u-1", Role: WorkspaceWrite}}},
		{ID: "ws-1", Name: "Research", OrgID: ptr("org-1"), Members: []WorkspaceMember{}},
		{ID: "ws-2", Name: "Research", OrgID: ptr("org-1"), Members: []WorkspaceMember{
			{UserID: "u-1", Role: WorkspaceAdmin, Email: ptr(email("ada", "example.com")), Name: ptr("Ada"), LastName: ptr("Lovelace"), OrgRole: ptr[int64](255)},
			{UserID: "u-9", Role: WorkspaceRead, Email: ptr(email("alan", "example.com")), Name: ptr("Alan"), LastName: ptr("Turing")},
		}},
	}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("list = %+v\nwant %+v", list, want)
	}
	if m, ok := list[2].Member("u-9"); !ok || m.Role != WorkspaceRead {
		t.Errorf("Member(u-9) = %+v, %v", m, ok)
	}
	if _, ok := list[2].Member("u-5"); ok {
		t.Error("Member(u-5) found a member that is not there")
	}
	if got := list[2].Admins(); !reflect.DeepEqual(got, []string{"u-1"}) {
		t.Errorf("Admins = %v", got)
	}
}

func TestWorkspaceRoles(t *testing.T) {
	if got := WorkspaceRoles(); !reflect.DeepEqual(got, []string{"READ", "WRITE", "ADMIN"}) {
		t.Errorf("WorkspaceRoles = %v", got)
	}
	WorkspaceRoles()[0] = "OWNER"
	if WorkspaceRoles()[0] != "READ" {
		t.Error("a caller changed the one list of roles")
	}
	for _, bad := range []string{"admin", "OWNER", "", " READ"} {
		if err := CheckWorkspaceRole(bad); err == nil || !strings.Contains(err.Error(), "READ, WRITE, ADMIN") {
			t.Errorf("CheckWorkspaceRole(%q) = %v", bad, err)
		}
	}
}

// TestMalformedWorkspaceAnswersAreNamed: an answer the provider cannot
// trust is an error of KindMalformed that names what is wrong with it.
func TestMalformedWorkspaceAnswersAreNamed(t *testing.T) {
	member := func(id, role string) string { return `{"userId": "` + id + `", "role": "` + role + `"}` }
	one := func(id, users string) string {
		return `{"success": true, "workspace": {"id": "` + id + `", "name": "W", "users": [` + users + `]}}`
	}
	list := func(ws ...string) string { return `{"success": true, "workspaces": [` + strings.Join(ws, ",") + `]}` }
	item := func(id, users string) string { return `{"id": "` + id + `", "name": "W", "users": [` + users + `]}` }
	tests := []struct {
		name, body, want string
		get              bool // GetWorkspace("ws-1") rather than ListWorkspaces
	}{
		{"member listed twice", one("ws-1", member("u-1", "ADMIN")+","+member("u-1", "READ")), `the workspace "ws-1" lists the user "u-1" twice`, true},
		{"role outside the three", one("ws-1", member("u-1", "OWNER")), `the member "u-1" of the workspace "ws-1" has the role "OWNER", which is not one of READ, WRITE, ADMIN`, true},
		{"role in lower case", one("ws-1", member("u-1", "admin")), `has the role "admin"`, true},
		{"no role", one("ws-1", `{"userId": "u-1"}`), `the member "u-1" of the workspace "ws-1" has no "role"`, true},
		{"another workspace than asked", one("ws-2", member("u-1", "ADMIN")), `it answers with the workspace "ws-2", where the call asked for "ws-1"`, true},
		{"no users list", `{"success": true, "workspace": {"id": "ws-1", "name": "W"}}`, `the workspace "ws-1" has no "users" list`, true},
		{"no workspace", `{"success": true}`, `it has no "workspace" object`, true},
		{"member ids disagree", one("ws-1", `{"userId": "u-1", "role": "READ", "user": {"id": "u-2"}}`), `has the userId "u-1" but its user the id "u-2"`, true},
		{"member without id", one("ws-1", `{"role": "READ", "user": {}}`), `a member of the workspace "ws-1" has no "userId"`, true},
		{"list: member twice", list(item("ws-1", member("u-1", "ADMIN")+","+member("u-1", "ADMIN"))), `lists the user "u-1" twice`, false},
		{"list: role outside", list(item("ws-1", member("u-1", "SUPERUSER"))), `has the role "SUPERUSER"`, false},
		{"list: workspace twice", list(item("ws-1", ""), item("ws-1", "")), `it lists the workspace "ws-1" twice`, false},
		{"list: workspace without id", list(`{"name": "W", "users": []}`), `a workspace has no "id"`, false},
		{"list: no list", `{"success": true, "data": []}`, `it has no "workspaces" list`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := serve(t, answer(http.StatusOK, tt.body))
			c := newTestClient(t, base)
			var err error
			if tt.get {
				_, err = c.GetWorkspace(context.Background(), "ws-1")
			} else {
				_, err = c.ListWorkspaces(context.Background())
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindMalformed {
				t.Fatalf("err = %v, want KindMalformed", err)
			}
			if !strings.Contains(e.Detail, tt.want) {
				t.Errorf("detail = %s\nwant it to contain %s", e.Detail, tt.want)
			}
		})
	}
}

func TestGetWorkspaceFillsALeftOutID(t *testing.T) {
	base, rec := serve(t, answer(http.StatusOK, `{"success": true, "workspace": {"name": "Ops", "orgId": "org-1", "users": [
		{"userId": "u-2", "role": "READ"}, {"userId": "u-1", "role": "ADMIN"}]}}`))
	w, err := newTestClient(t, base).GetWorkspace(context.Background(), "ws/1")
	if err != nil {
		t.Fatal(err)
	}
	if w.ID != "ws/1" || w.Name != "Ops" || len(w.Members) != 2 || w.Members[0].UserID != "u-1" {
		t.Errorf("workspace = %+v", w)
	}
	if got := rec.all()[0].path; got != "/workspace/ws/1" && got != "/workspace/ws%2F1" {
		t.Errorf("path = %q", got)
	}
}

// TestWorkspaceNotFoundSaysBoth: a 404 is a missing workspace or one the
// caller does not belong to; the error says both, and what to do.
func TestWorkspaceNotFoundSaysBoth(t *testing.T) {
	base, _ := serve(t, answer(http.StatusNotFound, `{"success": false, "message": "Workspace not found or access denied"}`))
	_, err := newTestClient(t, base).GetWorkspace(context.Background(), "ws-1")
	var e *Error
	if !IsNotFound(err) || !errors.As(err, &e) {
		t.Fatalf("err = %v, want KindNotFound", err)
	}
	for _, want := range []string{"Flashback workspace not found"} {
		if e.Summary != want {
			t.Errorf("summary = %q", e.Summary)
		}
	}
	for _, want := range []string{"“ws-1”", "deleted", "does not belong to", "Workspace not found or access denied", "an ADMIN of it can add it"} {
		if !strings.Contains(e.Detail, want) {
			t.Errorf("detail lacks %q: %s", want, e.Detail)
		}
	}
	if e.APIMessage != "Workspace not found or access denied" {
		t.Errorf("APIMessage = %q", e.APIMessage)
	}
}

// TestWorkspacesListedOncePerRun: concurrent callers share the call in
// flight, later ones its result; a failed call is not kept.
func TestWorkspacesListedOncePerRun(t *testing.T) {
	const callers = 20
	g := newGate(workspacesBody)
	base, rec := serve(t, g)
	c := newTestClient(t, base)
	waiting := waiters(c)
	results := make(chan error, callers)
	for range callers {
		go func() {
			list, err := c.ListWorkspaces(t.Context())
			if err == nil && len(list) != 3 {
				err = errors.New("short list")
			}
			results <- err
		}()
	}
	await(t, g.arrived, 1, "the call in flight")
	await(t, waiting, callers-1, "the other callers waiting")
	close(g.release)
	for range callers {
		select {
		case err := <-results:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(safetyTimeout):
			t.Fatal("the callers did not all return")
		}
	}
	list, err := c.ListWorkspaces(context.Background())
	if err != nil || rec.count() != 1 {
		t.Fatalf("%d requests for %d callers and one more later (%v), want 1", rec.count(), callers, err)
	}
	list[0].Members[0].Role = "CHANGED"
	list[0].Name = "changed"
	if again, _ := c.ListWorkspaces(context.Background()); again[0].Name != "Billing" || again[0].Members[0].Role != WorkspaceWrite {
		t.Errorf("a caller's change reached the cache: %+v", again[0])
	}
}

func TestFailedWorkspacesListIsNotKept(t *testing.T) {
	n := 0
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			answer(http.StatusBadRequest, `{"success": false, "message": "boom"}`)(w, r)
			return
		}
		answer(http.StatusOK, workspacesBody)(w, r)
	}))
	c := newTestClient(t, base)
	if _, err := c.ListWorkspaces(context.Background()); err == nil {
		t.Fatal("the first call did not fail")
	}
	if list, err := c.ListWorkspaces(context.Background()); err != nil || len(list) != 3 || rec.count() != 2 {
		t.Fatalf("after a failure: %d workspaces, %v, %d requests", len(list), err, rec.count())
	}
}

// TestCanceledWaitForWorkspaces: a waiting caller's cancellation ends its
// own wait only.
func TestCanceledWaitForWorkspaces(t *testing.T) {
	g := newGate(workspacesBody)
	base, rec := serve(t, g)
	c := newTestClient(t, base)
	waiting := waiters(c)
	leader := make(chan error, 1)
	go func() { _, err := c.ListWorkspaces(t.Context()); leader <- err }()
	await(t, g.arrived, 1, "the call in flight")
	ctx, cancel := context.WithCancel(context.Background())
	waiter := make(chan error, 1)
	go func() { _, err := c.ListWorkspaces(ctx); waiter <- err }()
	await(t, waiting, 1, "the waiting caller")
	cancel()
	var e *Error
	if err := <-waiter; !errors.As(err, &e) || e.Kind != KindCanceled || !strings.Contains(e.Detail, "GET "+base+"/workspace") {
		t.Errorf("waiter: %v", err)
	}
	close(g.release)
	if err := <-leader; err != nil || rec.count() != 1 {
		t.Errorf("leader: %v, %d requests", err, rec.count())
	}
}
