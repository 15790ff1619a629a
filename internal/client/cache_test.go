package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// gate is a handler that signals each request's arrival and holds the
// first one until released (or the client goes away).
type gate struct {
	arrived chan struct{}
	release chan struct{}
	body    string
	mu      sync.Mutex
	n       int
}

func newGate(body string) *gate {
	return &gate{arrived: make(chan struct{}, 100), release: make(chan struct{}), body: body}
}

func (g *gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	g.n++
	first := g.n == 1
	g.mu.Unlock()
	g.arrived <- struct{}{}
	if first {
		select {
		case <-g.release:
		case <-r.Context().Done():
			return
		case <-time.After(safetyTimeout):
		}
	}
	_, _ = w.Write([]byte(g.body))
}

// waiters makes c signal on the returned channel each time a caller starts
// waiting for the call in flight.
func waiters(c *Client) <-chan struct{} {
	ch := make(chan struct{}, 100)
	c.hooks.waiting = func() { ch <- struct{}{} }
	return ch
}

// await receives n signals from ch, failing the test rather than hanging.
func await(t *testing.T, ch <-chan struct{}, n int, what string) {
	t.Helper()
	for i := range n {
		select {
		case <-ch:
		case <-time.After(safetyTimeout):
			t.Fatalf("%s: got %d of %d signals", what, i, n)
		}
	}
}

// TestFiftyConcurrentCallsShareOneRequest has fifty callers read the
// organization at once, as Terraform's parallel data source reads do,
// against a server that holds the answer back until every other caller
// waits for the call in flight. Under -race it also shows that the client
// is safe for concurrent use.
func TestFiftyConcurrentCallsShareOneRequest(t *testing.T) {
	const callers = 50
	g := newGate(string(fakeapi.UsersBody(fakeapi.SampleUsers())))
	base, rec := serve(t, g)
	c := newTestClient(t, base, retries(3))
	waiting := waiters(c)

	type result struct {
		list *UserList
		err  error
	}
	results := make(chan result, callers)
	for range callers {
		go func() {
			list, err := c.ListOrganizationUsers(t.Context())
			results <- result{list, err}
		}()
	}
	await(t, g.arrived, 1, "the call in flight")
	await(t, waiting, callers-1, "the other callers waiting")
	close(g.release)

	var first *UserList
	for range callers {
		select {
		case r := <-results:
			if r.err != nil {
				t.Fatalf("a caller failed: %v", r.err)
			}
			if first == nil {
				first = r.list
			}
			if r.list != first {
				t.Fatal("callers got different lists")
			}
		case <-time.After(safetyTimeout):
			t.Fatal("the callers did not all return")
		}
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server got %d requests for %d concurrent callers, want 1", n, callers)
	}
	var emails []string
	for _, u := range first.Users() {
		emails = append(emails, *u.Email)
	}
	want := []string{
		email("ada", "example.com"), email("alan", "example.com"), email("claude", "contractor.example.net"),
		email("edsger", "example.com"), email("grace", "example.com"), email("katherine", "example.com"),
		email("mallory", "example.com"),
	}
	if !reflect.DeepEqual(emails, want) || first.Total != 7 {
		t.Errorf("emails = %q, total %d; want %q, 7", emails, first.Total, want)
	}
	if again := mustList(t, c); again != first || rec.count() != 1 {
		t.Errorf("a later call sent a request (%d in all) or got another list", rec.count())
	}
}

// TestOneRetryBudgetPerClient: once a call has used up its retries on a
// failure that may pass, every later call of the client, a read of the list
// or any other, fails at once with the same error, sending nothing.
func TestOneRetryBudgetPerClient(t *testing.T) {
	base, rec := scripted(t, append(repeat(3, fakeapi.Reply{Status: http.StatusServiceUnavailable}), okBody(`{"data": []}`))...)
	c := newTestClient(t, base, retries(2))
	first := mustFail(t, c, KindServer)
	if again := mustFail(t, c, KindServer); again != first {
		t.Errorf("the second read got another error: %v", again)
	}
	if err := c.Do(context.Background(), Request{Path: "/user/profile"}, nil); err != first {
		t.Errorf("another call got %v, want the same error", err)
	}
	if rec.count() != 3 {
		t.Errorf("server got %d requests, want 3: one call's attempts, then none", rec.count())
	}
}

// TestFailureThatMayNotPassIsNotKept: a failure that no retry could mend,
// and a success, leave the budget alone: the next call tries again, and a
// successful list is kept.
func TestFailureThatMayNotPassIsNotKept(t *testing.T) {
	base, rec := scripted(t,
		okBody(`<html>proxy</html>`),
		okBody(`{"data": [{"id": "a"}]}`),
		fakeapi.Reply{Status: http.StatusServiceUnavailable},
	)
	c := newTestClient(t, base, retries(2))
	_ = mustFail(t, c, KindMalformed)
	list := mustList(t, c)
	if again := mustList(t, c); again != list {
		t.Error("the successful result was not kept")
	}
	if rec.count() != 2 {
		t.Errorf("server got %d requests, want 2: the failure is tried again by the next call, the success kept", rec.count())
	}
}

func TestWaitingCallerCanceled(t *testing.T) {
	g := newGate(`{"data": [{"id": "a"}]}`)
	base, rec := serve(t, g)
	c := newTestClient(t, base)
	waiting := waiters(c)
	leader := make(chan error, 1)
	go func() {
		_, err := c.ListOrganizationUsers(context.Background())
		leader <- err
	}()
	await(t, g.arrived, 1, "the call in flight")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-waiting
		cancel()
	}()
	_, err := listUsers(t, ctx, c)
	e := wantError(t, err, KindCanceled)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error does not wrap context.Canceled: %v", e.Unwrap())
	}
	wantContains(t, "detail", e.Detail, "while waiting for another read's GET")
	close(g.release)
	select {
	case err := <-leader:
		if err != nil {
			t.Errorf("the call in flight failed when another caller was canceled: %v", err)
		}
	case <-time.After(safetyTimeout):
		t.Fatal("the call in flight did not return")
	}
	if rec.count() != 1 {
		t.Errorf("server got %d requests, want 1", rec.count())
	}
}

func TestWaitingCallerRetriesWhenTheCallerInFlightIsCanceled(t *testing.T) {
	g := newGate(`{"data": [{"id": "a"}]}`)
	base, rec := serve(t, g)
	c := newTestClient(t, base)
	waiting := waiters(c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	leader := make(chan error, 1)
	go func() {
		_, err := c.ListOrganizationUsers(ctx)
		leader <- err
	}()
	await(t, g.arrived, 1, "the call in flight")
	follower := make(chan error, 1)
	go func() {
		_, err := c.ListOrganizationUsers(context.Background())
		follower <- err
	}()
	await(t, waiting, 1, "the second caller waiting")
	cancel()
	for name, ch := range map[string]chan error{"canceled caller": leader, "waiting caller": follower} {
		select {
		case err := <-ch:
			if name == "canceled caller" {
				_ = wantError(t, err, KindCanceled)
			} else if err != nil {
				t.Errorf("the waiting caller failed with the canceled caller: %v", err)
			}
		case <-time.After(safetyTimeout):
			t.Fatalf("the %s did not return", name)
		}
	}
	if rec.count() != 2 {
		t.Errorf("server got %d requests, want 2", rec.count())
	}
}

// TestWritesDropTheCachedList: after each write, successful or not, the
// next read of the list calls the API again and sees the write.
func TestWritesDropTheCachedList(t *testing.T) {
	fake, c := sampleOrg(t)
	ctx := context.Background()
	lists := func() int { return len(fake.CallsTo(http.MethodGet, UsersPath)) }
	_ = mustList(t, c)
	created, err := c.CreateUser(ctx, newMember("barbara"))
	if err != nil {
		t.Fatal(err)
	}
	id := *created.ID
	writes := []struct {
		name  string
		write func() error
		check func(*UserList) bool
	}{
		{"create", func() error { return nil }, func(l *UserList) bool { _, err := l.Find(ByID, id); return err == nil }},
		{"update", func() error { _, err := c.UpdateUser(ctx, id, UserChange{OrgRole: ptr(RoleWorkspaces)}); return err },
			func(l *UserList) bool { u, _ := l.Find(ByID, id); return *u.OrgRole == RoleWorkspaces }},
		{"delete", func() error { return c.DeleteUser(ctx, id) },
			func(l *UserList) bool { u, _ := l.Find(ByID, id); return u.Deleted() }},
		{"activate", func() error { return c.ActivateUser(ctx, id) },
			func(l *UserList) bool { u, _ := l.Find(ByID, id); return !u.Deleted() }},
		{"failed delete", func() error { return c.DeleteUser(ctx, fakeapi.SampleOwnerID) },
			func(*UserList) bool { return true }},
	}
	for i, w := range writes {
		if err := w.write(); err != nil && w.name != "failed delete" {
			t.Fatalf("%s: %v", w.name, err)
		}
		if l := mustList(t, c); !w.check(l) {
			t.Errorf("after the %s, the list does not show it", w.name)
		}
		if got := lists(); got != i+2 {
			t.Errorf("after the %s, %d list calls, want %d: one after each write", w.name, got, i+2)
		}
		_ = mustList(t, c) // cached again until the next write
	}
}

// TestAWriteDuringAListCallKeepsNotItsResult: a list call in flight when a
// write happens may predate the write, so a read after the write does not
// wait for it, and its result is not kept.
func TestAWriteDuringAListCallKeepsNotItsResult(t *testing.T) {
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	held := false
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && !held {
			// Only the first list call is held; it answers the list as it
			// was when the call arrived, before the write.
			held = true
			before := fake.ListBody()
			arrived <- struct{}{}
			<-release
			_, _ = w.Write(before)
			return
		}
		fake.ServeHTTP(w, r)
	}))
	c := newTestClient(t, base)
	old := make(chan *UserList, 1)
	go func() { l, _ := c.ListOrganizationUsers(context.Background()); old <- l }()
	<-arrived
	if err := c.ActivateUser(context.Background(), fakeapi.SampleDeletedID); err != nil {
		t.Fatal(err)
	}
	fresh := mustList(t, c) // does not wait for the held call
	close(release)
	if u, _ := (<-old).Find(ByID, fakeapi.SampleDeletedID); !u.Deleted() {
		t.Fatal("the held call did not read the list from before the write; the test proves nothing")
	}
	if u, _ := fresh.Find(ByID, fakeapi.SampleDeletedID); u.Deleted() {
		t.Error("the read after the write got the list from before it")
	}
	if l := mustList(t, c); l != fresh {
		t.Error("the held call's older list replaced the one read after the write")
	}
}

func TestFreshOrganizationUsersBypassesTheCache(t *testing.T) {
	fake, c := sampleOrg(t)
	cached := mustList(t, c)
	if err := fake.SetRole(fakeapi.SampleUserID, RoleOwner); err != nil {
		t.Fatal(err)
	}
	fresh, err := c.FreshOrganizationUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := fresh.Find(ByID, fakeapi.SampleUserID); *u.OrgRole != RoleOwner {
		t.Error("the fresh list does not show the change")
	}
	if l := mustList(t, c); l != cached {
		t.Error("the fresh read replaced the cached list")
	}
}
