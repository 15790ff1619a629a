package client

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func TestSignInOnceForConcurrentCalls(t *testing.T) {
	const callers = 8
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	if err := fake.SetPassword(ciEmail, signInPassword); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var release chan struct{}
	stop := make(chan struct{})
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == LoginPath {
			mu.Lock()
			held := release
			mu.Unlock()
			select { // hold the sign-in until every other caller waits for it
			case <-held:
			case <-stop:
				return
			}
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(stop) }) // runs before the server closes
	c := newTestClient(t, base, signedIn)
	waiting := make(chan struct{}, callers)
	c.signIn.flight.waiting = func() { waiting <- struct{}{} }

	// Each round starts callers at once: the first with no token yet, the
	// second after every token expired, so that each caller's 401 asks
	// for a new sign-in.
	for round := 1; round <= 2; round++ {
		mu.Lock()
		release = make(chan struct{})
		mu.Unlock()
		errs := make(chan error, callers)
		var wg sync.WaitGroup
		for range callers {
			wg.Go(func() { errs <- c.Do(context.Background(), profileRequest, nil) })
		}
		for range callers - 1 {
			receive(t, waiting, "a caller waiting for the sign-in")
		}
		mu.Lock()
		close(release)
		mu.Unlock()
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if n := fake.Logins(); n != round {
			t.Fatalf("round %d: %d sign-ins in all, want %d: concurrent calls share one", round, n, round)
		}
		fake.ExpireTokens()
	}
}

func TestSignInAgainOnlyForTheTokenRejected(t *testing.T) {
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	if err := fake.SetPassword(ciEmail, signInPassword); err != nil {
		t.Fatal(err)
	}
	// A call to the users list is held at the server while another call
	// signs in again; its 401 then comes after the new sign-in, and must
	// take that sign-in's token rather than sign in a third time.
	held, release, stop := make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == UsersPath {
			held <- struct{}{}
			select {
			case <-release:
			case <-stop:
				return
			}
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(stop) })
	c := newTestClient(t, base, signedIn)
	if err := doCall(t, c, profileRequest, nil); err != nil {
		t.Fatal(err)
	}
	fake.ExpireTokens()
	late := make(chan error, 1)
	go func() { late <- c.Do(context.Background(), Request{Path: UsersPath}, nil) }()
	receive(t, held, "the users call, sent with the expired token")
	if err := doCall(t, c, profileRequest, nil); err != nil {
		t.Fatal(err)
	}
	close(release) // the held call gets its 401, then is sent again, not held
	if err := receive(t, late, "the held call's answer"); err != nil {
		t.Fatal(err)
	}
	if n := fake.Logins(); n != 2 {
		t.Errorf("%d sign-ins, want 2: the held call's 401 was for a token already replaced", n)
	}
}

// receive takes a value from ch, failing the test rather than hanging when
// none comes.
func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(safetyTimeout):
		t.Fatalf("waited %s in vain for %s", safetyTimeout, what)
		panic("unreachable")
	}
}

// heldLogin serves the fake, holding each sign-in until release is closed
// or its client goes away (then the fake never sees it); arrived gets a
// value when a sign-in reaches the server.
func heldLogin(t *testing.T) (fake *fakeapi.Server, base string, arrived chan struct{}, release chan struct{}) {
	t.Helper()
	fake = fakeapi.New(testToken, fakeapi.SampleUsers())
	if err := fake.SetPassword(ciEmail, signInPassword); err != nil {
		t.Fatal(err)
	}
	arrived, release = make(chan struct{}, 4), make(chan struct{})
	stop := make(chan struct{})
	base, _ = serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == LoginPath {
			arrived <- struct{}{}
			select {
			case <-release:
			case <-r.Context().Done():
				return
			case <-stop:
				return
			}
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { close(stop) }) // runs before the server closes
	return fake, base, arrived, release
}

func TestSignInCancellationIsPerCaller(t *testing.T) {
	t.Run("a waiting caller canceled", func(t *testing.T) {
		fake, base, arrived, release := heldLogin(t)
		c := newTestClient(t, base, signedIn)
		waiting := make(chan struct{}, 1)
		c.signIn.flight.waiting = func() { waiting <- struct{}{} }
		leader := make(chan error, 1)
		go func() { leader <- c.Do(context.Background(), profileRequest, nil) }()
		receive(t, arrived, "the sign-in")
		ctx, cancel := context.WithCancel(context.Background())
		follower := make(chan error, 1)
		go func() { follower <- c.Do(ctx, profileRequest, nil) }()
		receive(t, waiting, "the second caller waiting")
		cancel()
		_ = wantError(t, receive(t, follower, "the canceled caller's error"), KindCanceled)
		close(release)
		if err := receive(t, leader, "the first caller's answer"); err != nil {
			t.Fatalf("the caller signing in failed: %v", err)
		}
		if err := doCall(t, c, profileRequest, nil); err != nil || fake.Logins() != 1 {
			t.Fatalf("after a waiting caller's cancellation: %v, %d sign-ins; want the token of the one sign-in", err, fake.Logins())
		}
	})
	t.Run("the caller signing in canceled", func(t *testing.T) {
		fake, base, arrived, release := heldLogin(t)
		c := newTestClient(t, base, signedIn)
		waiting := make(chan struct{}, 1)
		c.signIn.flight.waiting = func() { waiting <- struct{}{} }
		ctx, cancel := context.WithCancel(context.Background())
		leader := make(chan error, 1)
		go func() { leader <- c.Do(ctx, profileRequest, nil) }()
		receive(t, arrived, "the sign-in")
		follower := make(chan error, 1)
		go func() { follower <- c.Do(context.Background(), profileRequest, nil) }()
		receive(t, waiting, "the second caller waiting")
		cancel()
		_ = wantError(t, receive(t, leader, "the canceled caller's error"), KindCanceled)
		receive(t, arrived, "the waiting caller's own sign-in")
		close(release)
		if err := receive(t, follower, "the waiting caller's answer"); err != nil {
			t.Fatalf("the waiting caller failed: %v", err)
		}
		if n := len(fake.CallsTo(http.MethodGet, "/user/profile")); n != 1 {
			t.Errorf("%d calls reached the fake, want the follower's one", n)
		}
	})
}
