package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// safetyTimeout is how long a test waits for a step before failing
// instead of hanging; a guard, not an expectation of speed.
const safetyTimeout = 10 * time.Second

func TestLeavesNoAdmin(t *testing.T) {
	w := func(roles ...string) *client.Workspace {
		out := &client.Workspace{ID: "ws"}
		for i, r := range roles {
			out.Members = append(out.Members, client.WorkspaceMember{UserID: fmt.Sprintf("u%d", i), Role: r})
		}
		return out
	}
	tests := []struct {
		name string
		ws   *client.Workspace
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
			if got := leavesNoAdmin(tt.ws, tt.user, tt.to); got != tt.want {
				t.Errorf("leavesNoAdmin = %v, want %v", got, tt.want)
			}
		})
	}
}

// adminsServer is a workspace "ws-1" with members and their roles, whose
// GET can be held until released (hold), and whose PUT changes a role.
type adminsServer struct {
	mu     sync.Mutex
	roles  map[string]string
	puts   int
	gets   chan struct{} // a GET arrived
	hold   chan struct{} // closed to let GETs answer
	caller string
}

func (s *adminsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/user/profile":
		_, _ = fmt.Fprintf(w, `{"success": true, "data": {"id": %q}}`, s.caller)
	case r.Method == http.MethodGet:
		s.gets <- struct{}{}
		<-s.hold
		s.mu.Lock()
		var users []string
		for id, role := range s.roles {
			users = append(users, fmt.Sprintf(`{"userId": %q, "role": %q}`, id, role))
		}
		s.mu.Unlock()
		_, _ = fmt.Fprintf(w, `{"success": true, "workspace": {"id": "ws-1", "name": "Ops", "users": [%s]}}`, strings.Join(users, ","))
	case r.Method == http.MethodPut:
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		s.mu.Lock()
		s.roles[strings.TrimPrefix(r.URL.Path, "/workspace/ws-1/users/")] = body["role"]
		s.puts++
		s.mu.Unlock()
		_, _ = w.Write([]byte(`{"success": true}`))
	default:
		http.NotFound(w, r)
	}
}

func newTestClient(t *testing.T, h http.Handler) *client.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, Token: "test-token", UserAgent: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTwoDemotionsOfTwoAdminsCannotBothPass demotes both ADMINs of a
// workspace at once, as two updates of one apply do. The first holds the
// workspace's lock from its fresh read to its write: the second waits for
// it (seen through the lock's hook, while the first's read is held back),
// then reads the first's write and is refused. Without the lock, both
// would read two ADMINs and both demote.
func TestTwoDemotionsOfTwoAdminsCannotBothPass(t *testing.T) {
	s := &adminsServer{roles: map[string]string{"a": "ADMIN", "b": "ADMIN"}, gets: make(chan struct{}, 10), hold: make(chan struct{}), caller: "a"}
	c := newTestClient(t, s)
	var release sync.Once
	letGo := func() { release.Do(func() { close(s.hold) }) }
	t.Cleanup(letGo) // before the server's Close, which waits for held answers
	waiting := make(chan string, 10)
	workspaceLocks.waiting = func(key string) { waiting <- key }
	t.Cleanup(func() { workspaceLocks.waiting = nil })

	results := make(chan diag.Diagnostics, 2)
	for _, user := range []string{"a", "b"} {
		go func() {
			var diags diag.Diagnostics
			guarded(context.Background(), c, "ws-1", &diags, func(w *client.Workspace) {
				m, _ := w.Member(user)
				(&MemberResource{}).setRole(context.Background(), c, w, m, "WRITE", "demote it to WRITE", &diags)
			})
			results <- diags
		}()
	}
	select {
	case <-s.gets:
	case <-time.After(safetyTimeout):
		t.Fatal("no fresh read arrived")
	}
	select {
	case key := <-waiting:
		if key != "ws-1" {
			t.Fatalf("waited for %q", key)
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
		case d := <-results:
			if d.HasError() {
				refused++
				if got := d.Errors()[0].Summary(); got != "Cannot take away the workspace's last ADMIN" {
					t.Errorf("refused with %q: %s", got, d.Errors()[0].Detail())
				}
			}
		case <-time.After(safetyTimeout):
			t.Fatal("the changes did not both end")
		}
	}
	admins := 0
	for _, role := range s.roles {
		if role == "ADMIN" {
			admins++
		}
	}
	if refused != 1 || s.puts != 1 || admins != 1 {
		t.Errorf("%d refused, %d PUTs, %d ADMINs left; want 1, 1, 1", refused, s.puts, admins)
	}
}

// TestLockIsPerWorkspace: a change of another workspace does not wait, and
// an idle key is dropped.
func TestLockIsPerWorkspace(t *testing.T) {
	k := &keyedLock{}
	unlockA, err := k.lock(context.Background(), "a")
	if err != nil {
		t.Fatal(err)
	}
	unlockB, err := k.lock(context.Background(), "b")
	if err != nil {
		t.Fatal("a second workspace's lock was not free:", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	k.waiting = func(string) { cancel() }
	if _, err := k.lock(ctx, "a"); err == nil {
		t.Fatal("a held key was taken twice")
	}
	unlockA()
	unlockA() // a second call does nothing
	unlockB()
	if len(k.slots) != 0 {
		t.Errorf("idle keys kept: %v", k.slots)
	}
	if unlock, err := k.lock(context.Background(), "a"); err != nil {
		t.Fatal("a freed key cannot be taken:", err)
	} else {
		unlock()
	}
}
