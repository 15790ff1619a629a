package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLeavesNoAdmin(t *testing.T) {
	w := func(roles ...string) *Workspace {
		out := &Workspace{ID: "ws"}
		for i, r := range roles {
			out.Members = append(out.Members, WorkspaceMember{UserID: fmt.Sprintf("u%d", i), Role: r})
		}
		return out
	}
	tests := []struct {
		name string
		ws   *Workspace
		user string
		to   string
		want bool
	}{
		{"the only ADMIN demoted", w("ADMIN", "WRITE"), "u0", "WRITE", true},
		{"the only ADMIN removed", w("ADMIN", "READ"), "u0", "", true},
		{"the only ADMIN alone removed", w("ADMIN"), "u0", "", true},
		{"one of two ADMINs demoted", w("ADMIN", "ADMIN"), "u1", "READ", false},
		{"the only ADMIN kept ADMIN", w("ADMIN", "READ"), "u0", "ADMIN", false},
		{"a WRITE member removed", w("ADMIN", "WRITE"), "u1", "", false},
		{"someone not a member", w("ADMIN"), "u9", "", false},
		{"a workspace with no ADMIN already", w("READ", "WRITE"), "u1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ws.LeavesNoAdmin(tt.user, tt.to); got != tt.want {
				t.Errorf("LeavesNoAdmin = %v, want %v", got, tt.want)
			}
		})
	}
}

// adminsServer is a workspace "ws-1" with members and their roles, whose
// GET is held until released (hold), and whose PUT changes a role.
type adminsServer struct {
	mu    sync.Mutex
	roles map[string]string
	puts  int
	gets  chan struct{} // a GET arrived
	hold  chan struct{} // closed to let GETs answer
}

func (s *adminsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.gets <- struct{}{}
		<-s.hold
		s.mu.Lock()
		var users []string
		for id, role := range s.roles {
			users = append(users, fmt.Sprintf(`{"userId": %q, "role": %q}`, id, role))
		}
		s.mu.Unlock()
		_, _ = fmt.Fprintf(w, `{"success": true, "workspace": {"id": "ws-1", "name": "Ops", "users": [%s]}}`, strings.Join(users, ","))
	case http.MethodPut:
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		s.mu.Lock()
		s.roles[strings.TrimPrefix(r.URL.Path, "/workspace/ws-1/users/")] = body["role"]
		s.puts++
		s.mu.Unlock()
		_, _ = w.Write([]byte(`{"success": true}`))
	}
}

var errLastAdmin = errors.New("last ADMIN")

// TestTwoDemotionsOfTwoAdminsCannotBothPass demotes both ADMINs of a
// workspace at once, as two updates of one apply do. The first holds the
// workspace's lock from its fresh read to its write: the second waits for
// it (seen through the lock's hook, while the first's read is held back),
// then reads the first's write and is refused. Without the lock, both
// would read two ADMINs and both demote.
func TestTwoDemotionsOfTwoAdminsCannotBothPass(t *testing.T) {
	s := &adminsServer{roles: map[string]string{"a": "ADMIN", "b": "ADMIN"}, gets: make(chan struct{}, 10), hold: make(chan struct{})}
	base, _ := serve(t, s)
	var release sync.Once
	letGo := func() { release.Do(func() { close(s.hold) }) }
	t.Cleanup(letGo) // before the server's Close, which waits for held answers
	c := newTestClient(t, base)
	waiting := make(chan string, 10)
	c.hooks.memberLockWaiting = func(id string) { waiting <- id }

	results := make(chan error, 2)
	for _, user := range []string{"a", "b"} {
		go func() {
			results <- c.ChangeWorkspaceMember(context.Background(), "ws-1", func(ctx context.Context, w *Workspace) error {
				if w.LeavesNoAdmin(user, WorkspaceWrite) {
					return errLastAdmin
				}
				return c.SetWorkspaceMemberRole(ctx, w.ID, user, WorkspaceWrite)
			})
		}()
	}
	select {
	case <-s.gets:
	case <-time.After(safetyTimeout):
		t.Fatal("no fresh read arrived")
	}
	select {
	case id := <-waiting:
		if id != "ws-1" {
			t.Fatalf("waited for %q", id)
		}
	case <-s.gets:
		t.Fatal("a second fresh read went out while the first change was in flight: the lock does not hold")
	case <-time.After(safetyTimeout):
		t.Fatal("the second change neither waited nor read")
	}
	letGo()
	refused := 0
	for range 2 {
		select {
		case err := <-results:
			switch {
			case errors.Is(err, errLastAdmin):
				refused++
			case err != nil:
				t.Fatal(err)
			}
		case <-time.After(safetyTimeout):
			t.Fatal("the changes did not both end")
		}
	}
	admins := 0
	for _, role := range s.roles {
		if role == WorkspaceAdmin {
			admins++
		}
	}
	if refused != 1 || s.puts != 1 || admins != 1 {
		t.Errorf("%d refused, %d PUTs, %d ADMINs left; want 1, 1, 1", refused, s.puts, admins)
	}
}

// TestMemberLocksArePerWorkspace: a change of another workspace, or of the
// same workspace id on another API, does not wait; a canceled wait says so.
func TestMemberLocksArePerWorkspace(t *testing.T) {
	hold := make(chan struct{})
	inside := make(chan struct{})
	body := `{"success": true, "workspace": {"id": "%s", "name": "W", "users": []}}`
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = fmt.Fprintf(w, body, strings.TrimPrefix(r.URL.Path, "/workspace/"))
	}))
	other, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = fmt.Fprintf(w, body, strings.TrimPrefix(r.URL.Path, "/workspace/"))
	}))
	c, d := newTestClient(t, base), newTestClient(t, other)
	done := make(chan error, 1)
	go func() {
		done <- c.ChangeWorkspaceMember(context.Background(), "ws-1", func(context.Context, *Workspace) error {
			close(inside)
			<-hold
			return nil
		})
	}()
	<-inside
	for _, call := range []func() error{
		func() error {
			return c.ChangeWorkspaceMember(context.Background(), "ws-2", func(context.Context, *Workspace) error { return nil })
		},
		func() error {
			return d.ChangeWorkspaceMember(context.Background(), "ws-1", func(context.Context, *Workspace) error { return nil })
		},
	} {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	c.hooks.memberLockWaiting = func(string) { cancel() }
	err := c.ChangeWorkspaceMember(ctx, "ws-1", func(context.Context, *Workspace) error { t.Error("changed while held"); return nil })
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindCanceled {
		t.Errorf("a canceled wait = %v", err)
	}
	close(hold)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
