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
	for _, u := range first.Users {
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

func TestFailedCallIsNotKept(t *testing.T) {
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusServiceUnavailable},
		okBody(`{"data": [{"id": "a"}]}`),
		fakeapi.Reply{Status: http.StatusServiceUnavailable},
	)
	c := newTestClient(t, base)
	_ = mustFail(t, c, KindServer)
	list := mustList(t, c)
	if again := mustList(t, c); again != list {
		t.Error("the successful result was not kept")
	}
	if rec.count() != 2 {
		t.Errorf("server got %d requests, want 2: the failure is retried by the next call, the success kept", rec.count())
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
