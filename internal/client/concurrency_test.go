package client

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestFiftyConcurrentCallsShareOneRequest has fifty callers read the
// organization at once, as Terraform's parallel data source reads do,
// against a server that holds the answer back until every caller is in.
// Under -race it also shows that the client is safe for concurrent use.
func TestFiftyConcurrentCallsShareOneRequest(t *testing.T) {
	const callers = 50
	g := newGate(string(fakeapi.UsersBody(fakeapi.SampleUsers())))
	base, rec := serve(t, g)
	c := newTestClient(t, base, retries(3))

	type result struct {
		list *UserList
		err  error
	}
	results := make(chan result, callers)
	var entered sync.WaitGroup
	entered.Add(callers)
	start := make(chan struct{})
	for range callers {
		go func() {
			<-start
			entered.Done()
			list, err := c.ListOrganizationUsers(t.Context())
			results <- result{list, err}
		}()
	}
	close(start)
	allIn := make(chan struct{})
	go func() { entered.Wait(); close(allIn) }()
	for _, ch := range []chan struct{}{allIn, g.arrived} {
		select {
		case <-ch:
		case <-time.After(safetyTimeout):
			t.Fatal("the callers did not start, or no request reached the server")
		}
	}
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
			if r.list != first || !reflect.DeepEqual(r.list, first) {
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
}
