package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
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
// waiting for a list call in flight (users or workspaces).
func waiters(c *Client) <-chan struct{} {
	ch := make(chan struct{}, 100)
	c.users.flight.waiting = func() { ch <- struct{}{} }
	c.workspaces.flight.waiting = c.users.flight.waiting
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

// TestWritesUpdateTheCachedList: after each write, successful or not, the
// list the run knows is the organization as a fresh read shows it, without
// reading the list again: a write answered with the user puts it in the
// list, and one that is not (delete, reactivate, a refusal) reads that
// user again by id, once.
func TestWritesUpdateTheCachedList(t *testing.T) {
	fake, c := sampleOrg(t)
	ctx := context.Background()
	count := func(method, path string) int { return len(fake.CallsTo(method, path)) }
	_ = mustList(t, c)
	var id string
	writes := []struct {
		name  string
		write func() error
		byID  int // reads by id the next read of the list makes
	}{
		{"create", func() error {
			u, err := c.CreateUser(ctx, newMember("barbara"))
			if err == nil {
				id = *u.ID
			}
			return err
		}, 0},
		{"update", func() error { _, err := c.UpdateUser(ctx, id, UserChange{OrgRole: ptr(RoleWorkspaces)}); return err }, 0},
		{"delete", func() error { return c.DeleteUser(ctx, id) }, 1},
		{"activate", func() error { return c.ActivateUser(ctx, id) }, 1},
		{"failed delete", func() error { return c.DeleteUser(ctx, fakeapi.SampleOwnerID) }, 1},
	}
	for _, w := range writes {
		if err := w.write(); err != nil && w.name != "failed delete" {
			t.Fatalf("%s: %v", w.name, err)
		}
		gets := 0
		for _, c := range fake.Calls() {
			if c.Method == http.MethodGet && strings.HasPrefix(c.Path, UsersPath+"/") {
				gets++
			}
		}
		known := mustList(t, c)
		fresh, err := c.FreshOrganizationUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(known.Users(), fresh.Users()) || known.Total != fresh.Total {
			t.Errorf("after the %s, the list the run knows differs from the API's:\n%+v\n%+v", w.name, known.Users(), fresh.Users())
		}
		after := 0
		for _, c := range fake.Calls() {
			if c.Method == http.MethodGet && strings.HasPrefix(c.Path, UsersPath+"/") {
				after++
			}
		}
		if after-gets != w.byID {
			t.Errorf("after the %s, %d reads by id, want %d", w.name, after-gets, w.byID)
		}
		if again := mustList(t, c); again != known {
			t.Errorf("after the %s, the list is not kept", w.name)
		}
	}
	// One read of the list for the run; the others are the fresh ones.
	if n := count(http.MethodGet, UsersPath); n != 1+len(writes) {
		t.Errorf("%d list calls, want 1 and the %d fresh reads of the test", n, len(writes))
	}
}

// TestAShortAnswerIsReadAgain: a create answered without the user's role
// list (the reference makes every field optional) is not taken for what
// the list shows: the next read of the list reads that user again by id.
func TestAShortAnswerIsReadAgain(t *testing.T) {
	fake, c := sampleOrg(t)
	ctx := context.Background()
	_ = mustList(t, c)
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: UsersPath, Omit: []string{"orgRoles"}})
	if _, err := c.CreateUser(ctx, newMember("barbara")); err != nil {
		t.Fatal(err)
	}
	known := mustList(t, c)
	fresh, err := c.FreshOrganizationUsers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(known.Users(), fresh.Users()) {
		t.Errorf("the list the run knows differs from the API's after a short answer:\n%+v\n%+v", known.Users(), fresh.Users())
	}
	if list, byID := refreshCalls(fake); list != 2 || byID != 1 {
		t.Errorf("%d reads of the list and %d by id, want 2 (one the test's) and 1", list, byID)
	}
}

// TestACreateWithAnUnknownOutcomeDropsTheList: a create that failed in a
// way that may have taken effect (a 500) leaves a user the run cannot
// name, so the next read reads the list again; one that the API refused
// (409) changes nothing.
func TestACreateWithAnUnknownOutcomeDropsTheList(t *testing.T) {
	fake, c := sampleOrg(t)
	ctx := context.Background()
	list := mustList(t, c)
	if _, err := c.CreateUser(ctx, NewUser{Email: email("ada", "example.com"), Password: testPassword, FirstName: "A", LastName: "L"}); err == nil {
		t.Fatal("creating an existing email succeeded")
	}
	if again := mustList(t, c); again != list {
		t.Error("a refused create dropped the list")
	}
	fake.Script(fakeapi.Reply{Status: http.StatusInternalServerError, Method: http.MethodPost, Path: UsersPath})
	if _, err := c.CreateUser(ctx, newMember("barbara")); err == nil {
		t.Fatal("the scripted 500 did not fail the create")
	}
	_ = mustList(t, c)
	if n := len(fake.CallsTo(http.MethodGet, UsersPath)); n != 2 {
		t.Errorf("%d list calls, want 2: the list is read again after a create whose outcome is unknown", n)
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
