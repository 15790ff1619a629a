package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// testToken is the access token of every test. It is long and distinctive
// so that any piece of it showing up in an error or a log is easy to spot.
const testToken = "fbtok-7Q2xN9wE-SECRET-v4Lm8Kp3Rz-0c1d2e3f"

// testUserAgent is the User-Agent the test clients send.
const testUserAgent = "terraform-provider-flashback/9.8.7 (client-test)"

// safetyTimeout is how long a test waits for a call before failing instead
// of hanging. It is a guard, not an expectation of speed.
const safetyTimeout = 10 * time.Second

// email builds an address; the sources never spell one out literally.
func email(local, domain string) string { return local + "@" + domain }

func ptr[T any](v T) *T { return &v }

// hit is one request as a test server saw it.
type hit struct {
	at     time.Time
	method string
	path   string
	query  string
	header http.Header
}

// recorder wraps a handler and records every request that reaches it.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	hits []hit
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	rec.hits = append(rec.hits, hit{
		at: time.Now(), method: r.Method, path: r.URL.Path, query: r.URL.RawQuery, header: r.Header.Clone(),
	})
	rec.mu.Unlock()
	rec.next.ServeHTTP(w, r)
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.hits)
}

func (rec *recorder) all() []hit {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]hit(nil), rec.hits...)
}

// serve runs h on a loopback httptest server for the length of the test.
func serve(t *testing.T, h http.Handler) (string, *recorder) {
	t.Helper()
	rec := &recorder{next: h}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return srv.URL, rec
}

// scripted serves replies in order, then the fake API's (empty) organization.
func scripted(t *testing.T, replies ...fakeapi.Reply) (string, *recorder) {
	t.Helper()
	fake := fakeapi.New(testToken, nil)
	fake.Script(replies...)
	return serve(t, fake)
}

// repeat returns n copies of reply, for a server that keeps failing.
func repeat(n int, reply fakeapi.Reply) []fakeapi.Reply {
	out := make([]fakeapi.Reply, n)
	for i := range out {
		out[i] = reply
	}
	return out
}

// okBody is a 200 reply with the given JSON body.
func okBody(body string) fakeapi.Reply { return fakeapi.Reply{Status: http.StatusOK, Body: body} }

// newTestClient returns a client for base with fast waits, no retries and
// a generous request timeout; opts adjust the configuration.
func newTestClient(t *testing.T, base string, opts ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		BaseURL:        base,
		Token:          testToken,
		UserAgent:      testUserAgent,
		RequestTimeout: 5 * time.Second,
		MaxRetries:     0,
		RetryWaitMin:   time.Millisecond,
		RetryWaitMax:   5 * time.Millisecond,
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func retries(n int) func(*Config) { return func(c *Config) { c.MaxRetries = n } }

func timeout(d time.Duration) func(*Config) { return func(c *Config) { c.RequestTimeout = d } }

func waits(lo, hi time.Duration) func(*Config) {
	return func(c *Config) { c.RetryWaitMin, c.RetryWaitMax = lo, hi }
}

func maxBody(n int64) func(*Config) { return func(c *Config) { c.MaxBodyBytes = n } }

// listUsers calls ListOrganizationUsers, failing the test rather than
// hanging when the call does not return.
func listUsers(t *testing.T, ctx context.Context, c *Client) (*UserList, error) {
	t.Helper()
	type result struct {
		list *UserList
		err  error
	}
	done := make(chan result, 1)
	go func() {
		list, err := c.ListOrganizationUsers(ctx)
		done <- result{list, err}
	}()
	select {
	case r := <-done:
		if r.err == nil && r.list == nil {
			t.Fatal("ListOrganizationUsers returned neither a list nor an error")
		}
		return r.list, r.err
	case <-time.After(safetyTimeout):
		t.Fatalf("ListOrganizationUsers did not return within %s", safetyTimeout)
		return nil, nil
	}
}

// mustList expects the call to succeed.
func mustList(t *testing.T, c *Client) *UserList {
	t.Helper()
	list, err := listUsers(t, context.Background(), c)
	if err != nil {
		t.Fatalf("ListOrganizationUsers: unexpected error: %v", err)
	}
	return list
}

// mustFail expects the call to fail with an *Error of the given kind, and
// checks what every error must satisfy.
func mustFail(t *testing.T, c *Client, kind ErrorKind) *Error {
	t.Helper()
	list, err := listUsers(t, context.Background(), c)
	if list != nil {
		t.Errorf("got a list alongside the error: %+v", list)
	}
	return wantError(t, err, kind)
}

// wantError checks that err is an *Error of the given kind, with a summary
// and a detail, and without the token.
func wantError(t *testing.T, err error, kind ErrorKind) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %s", kindName(kind))
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T (%v) is not an *Error", err, err)
	}
	if e.Kind != kind {
		t.Fatalf("kind = %s, want %s; error: %v", kindName(e.Kind), kindName(kind), err)
	}
	if e.Summary == "" || e.Detail == "" {
		t.Errorf("summary %q or detail %q is empty", e.Summary, e.Detail)
	}
	if got, want := err.Error(), e.Summary+": "+e.Detail; got != want {
		t.Errorf("Error() = %q, want summary and detail %q", got, want)
	}
	assertNoToken(t, "error", err.Error())
	return e
}

// assertNoToken fails when s holds the token, or any piece of it long
// enough to narrow a guess (a cut-off excerpt must not leak half a token).
func assertNoToken(t *testing.T, what, s string) {
	t.Helper()
	const piece = 8
	for i := 0; i+piece <= len(testToken); i++ {
		if frag := testToken[i : i+piece]; strings.Contains(s, frag) {
			t.Fatalf("%s holds a piece of the token (%q): %s", what, frag, s)
		}
	}
}

// wantContains fails for every substring s lacks.
func wantContains(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s lacks %q:\n%s", what, sub, s)
		}
	}
}

// excerptOf returns the quoted body excerpt of an error detail ("It begins: “…”").
func excerptOf(t *testing.T, detail string) string {
	t.Helper()
	_, rest, ok := strings.Cut(detail, "It begins: \u201c")
	if !ok {
		t.Fatalf("detail quotes no excerpt: %s", detail)
	}
	i := strings.LastIndex(rest, "\u201d")
	if i < 0 {
		t.Fatalf("excerpt is not closed: %s", detail)
	}
	return rest[:i]
}

// waitGone blocks a handler until the client goes away, or for the safety
// timeout so that a broken test cannot hold the server open for ever.
func waitGone(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(safetyTimeout):
	}
}

func kindName(k ErrorKind) string {
	names := map[ErrorKind]string{
		KindUnauthorized: "KindUnauthorized", KindForbidden: "KindForbidden", KindHTTPStatus: "KindHTTPStatus",
		KindRateLimited: "KindRateLimited", KindServer: "KindServer", KindConnection: "KindConnection",
		KindTimeout: "KindTimeout", KindCanceled: "KindCanceled", KindMalformed: "KindMalformed",
		KindUnsuccessful: "KindUnsuccessful", KindTooLarge: "KindTooLarge", KindRedirect: "KindRedirect",
		KindTLS: "KindTLS", KindNotFound: "KindNotFound", KindRedirectLoop: "KindRedirectLoop", KindNotHTTP: "KindNotHTTP",
		KindInvalidRequest: "KindInvalidRequest", KindSignIn: "KindSignIn",
	}
	if n, ok := names[k]; ok {
		return n
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// closedPort returns the URL of a loopback port that nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	_ = ln.Close()
	return closed
}
