package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// signInPassword is the password of the sign-in tests. It holds the
// characters that JSON, percent-encoding and HTML escaping change, so that
// each encoded form differs from the raw one.
const signInPassword = `pw/+=&<"Sign-In-Secret">?%`

// ciEmail is the email of the user the sign-in tests sign in as.
var ciEmail = email("ada", "example.com")

// profileRequest is a call that any signed-in user may make.
var profileRequest = Request{Method: http.MethodGet, Path: "/user/profile"}

// signInFake serves the sample organization, in which ada can sign in with
// signInPassword; wrap, when set, handles the requests before the fake.
func signInFake(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	fake := fakeapi.New(testToken, fakeapi.SampleUsers())
	if err := fake.SetPassword(ciEmail, signInPassword); err != nil {
		t.Fatal(err)
	}
	base, _ := serve(t, fake)
	return fake, base
}

// signedIn configures a test client to sign in as ciEmail.
func signedIn(password string) func(*Config) {
	return func(c *Config) { c.Token, c.Email, c.Password = "", ciEmail, password }
}

// bearer is the token a request carried.
func bearer(c fakeapi.Call) string {
	return strings.TrimPrefix(c.Header.Get("Authorization"), "Bearer ")
}

func TestSignInOnceAndSendItsToken(t *testing.T) {
	fake, base := signInFake(t)
	c := newTestClient(t, base, signedIn(signInPassword))
	for range 3 {
		if err := doCall(t, c, profileRequest, nil); err != nil {
			t.Fatal(err)
		}
	}
	mustList(t, c)

	logins := fake.CallsTo(http.MethodPost, LoginPath)
	if len(logins) != 1 || fake.Logins() != 1 {
		t.Fatalf("%d sign-ins for four calls, want 1", len(logins))
	}
	if auth := logins[0].Header.Get("Authorization"); auth != "" {
		t.Errorf("the sign-in carried an Authorization header")
	}
	var body map[string]string
	if err := json.Unmarshal(logins[0].Body, &body); err != nil || body["email"] != ciEmail || body["password"] != signInPassword || len(body) != 2 {
		t.Errorf("the sign-in's body is not {email, password}: %v", err)
	}
	calls := append(fake.CallsTo(http.MethodGet, "/user/profile"), fake.CallsTo(http.MethodGet, UsersPath)...)
	token := bearer(calls[0])
	for _, call := range calls {
		if bearer(call) != token || token == "" || token == testToken {
			t.Fatalf("the calls did not all carry the token of the sign-in")
		}
	}
}

func TestSignInAgainOnceAfter401(t *testing.T) {
	fake, base := signInFake(t)
	c := newTestClient(t, base, signedIn(signInPassword))
	if err := doCall(t, c, profileRequest, nil); err != nil {
		t.Fatal(err)
	}
	fake.ExpireTokens() // an hour passes
	if err := doCall(t, c, profileRequest, nil); err != nil {
		t.Fatalf("the call after the token expired failed: %v", err)
	}
	if n := fake.Logins(); n != 2 {
		t.Errorf("%d sign-ins, want 2: one at first, one after the 401", n)
	}
	var seq []string
	for _, call := range fake.Calls() {
		seq = append(seq, call.Method+" "+call.Path)
	}
	want := "POST /user/login,GET /user/profile,GET /user/profile,POST /user/login,GET /user/profile"
	if got := strings.Join(seq, ","); got != want {
		t.Errorf("requests = %s\nwant       %s", got, want)
	}
}

func TestSecond401AfterSignInIsAnError(t *testing.T) {
	fake, base := signInFake(t)
	fake.Always(fakeapi.Reply{Status: http.StatusUnauthorized, Method: http.MethodGet, Path: "/user/profile",
		Body: `{"success": false, "message": "Invalid or expired token"}`})
	c := newTestClient(t, base, signedIn(signInPassword), retries(3))
	e := wantError(t, doCall(t, c, profileRequest, nil), KindUnauthorized)
	wantContains(t, "detail", e.Detail, "to the access token of a new sign-in too", "lost access")
	// The calls after it get the same error at once.
	if again := wantError(t, doCall(t, c, profileRequest, nil), KindUnauthorized); again.Detail != e.Detail {
		t.Errorf("the next call's error differs:\n%s\nwant\n%s", again.Detail, e.Detail)
	}
	if n := fake.Logins(); n != 2 {
		t.Errorf("%d sign-ins, want 2: the first and one more after the 401", n)
	}
	if n := len(fake.CallsTo(http.MethodGet, "/user/profile")); n != 2 {
		t.Errorf("the call was sent %d times, want twice, and the next call not at all", n)
	}
}

func TestStaticToken401IsNotASignIn(t *testing.T) {
	fake, base := signInFake(t)
	fake.Always(fakeapi.Reply{Status: http.StatusUnauthorized, Method: http.MethodGet, Path: "/user/profile"})
	e := wantError(t, doCall(t, newTestClient(t, base), profileRequest, nil), KindUnauthorized)
	wantContains(t, "detail", e.Detail, "last one hour", EnvAccessToken)
	if fake.Logins() != 0 || len(fake.CallsTo(http.MethodGet, "/user/profile")) != 1 {
		t.Errorf("a fixed token's 401 made %d sign-ins and %d calls, want 0 and 1", fake.Logins(), len(fake.CallsTo(http.MethodGet, "/user/profile")))
	}
}

func TestSignInRefused(t *testing.T) {
	tests := []struct {
		name, email, password string
		code, summary         string
		detail                []string
	}{
		{"unknown email", email("nobody", "example.com"), signInPassword, LoginUserNotFound,
			"no such user", []string{"no Flashback user has the email", EnvEmail, "base_url"}},
		{"wrong password", ciEmail, "not-" + signInPassword, LoginInvalidPassword,
			"wrong password", []string{"password for \"" + ciEmail + "\" is wrong", EnvPassword}},
		{"wrong password read from a file", ciEmail, signInPassword + "\n", LoginInvalidPassword,
			"wrong password", []string{"trimspace(file(...))"}},
		{"deleted user", email("mallory", "example.com"), signInPassword, LoginUserInactive,
			"user inactive", []string{"deactivated", "reactivate"}},
		{"user without a password", email("grace", "example.com"), signInPassword, LoginNoPasswordSet,
			"no password set", []string{"has no password", EnvAccessToken}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake, base := signInFake(t)
			if err := fake.SetPassword(email("mallory", "example.com"), signInPassword); err != nil {
				t.Fatal(err)
			}
			c := newTestClient(t, base, retries(3), func(c *Config) { c.Token, c.Email, c.Password = "", tc.email, tc.password })
			for i := range 2 {
				e := wantError(t, doCall(t, c, profileRequest, nil), KindSignIn)
				if e.APICode != tc.code || e.StatusCode != http.StatusUnauthorized {
					t.Errorf("call %d: code %q, status %d; want %q, 401", i, e.APICode, e.StatusCode, tc.code)
				}
				if want := "Flashback sign-in failed: " + tc.summary; e.Summary != want {
					t.Errorf("summary = %q, want %q", e.Summary, want)
				}
				wantContains(t, "detail", e.Detail, append(tc.detail, tc.code, "POST "+base+LoginPath)...)
				assertNoSecret(t, "error", e.Error(), signInPassword)
			}
			if n := fake.Logins(); n != 1 {
				t.Errorf("%d sign-ins for two calls, want 1: a refused sign-in is neither retried nor tried again", n)
			}
			if n := len(fake.CallsTo(http.MethodGet, "/user/profile")); n != 0 {
				t.Errorf("%d calls sent without a token", n)
			}
		})
	}
}

func TestSignInMFA(t *testing.T) {
	fake, base := signInFake(t)
	org := fake.Organization()
	org.MFAEnforced = fakeapi.Ptr(true)
	fake.SetOrganization(org)
	c := newTestClient(t, base, signedIn(signInPassword), retries(3))
	e := wantError(t, doCall(t, c, profileRequest, nil), KindSignIn)
	if e.Summary != "Flashback sign-in needs a second factor" {
		t.Errorf("summary = %q", e.Summary)
	}
	wantContains(t, "detail", e.Detail, "enforces multi-factor authentication", "Use an access token instead", EnvAccessToken, ciEmail)
	if fake.Logins() != 1 || len(fake.CallsTo(http.MethodGet, "/user/profile")) != 0 {
		t.Errorf("%d sign-ins and %d calls, want 1 and 0", fake.Logins(), len(fake.CallsTo(http.MethodGet, "/user/profile")))
	}
}

func TestSignInNeverOverPlainHTTPOffLoopback(t *testing.T) {
	sent := make(chan *http.Request, 1)
	_, err := New(Config{
		BaseURL: "http://api.example.com", Email: ciEmail, Password: signInPassword,
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) { sent <- r; return nil, errors.New("sent") }),
	})
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Field != "BaseURL" || !strings.Contains(err.Error(), "password would travel in clear text") {
		t.Fatalf("New = %v, want a BaseURL error about clear text", err)
	}
	assertNoSecret(t, "error", err.Error(), signInPassword)
	select {
	case r := <-sent:
		t.Fatalf("a request was sent to %s", r.URL)
	default:
	}
	// Loopback is where a local API or a test runs: plain http is fine there.
	_, base := signInFake(t)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("the fake serves at %s, not plain http on loopback", base)
	}
	if err := doCall(t, newTestClient(t, base, signedIn(signInPassword)), profileRequest, nil); err != nil {
		t.Fatal(err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestSignInRedirectRefused(t *testing.T) {
	elsewhere, other := serve(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) }))
	for _, target := range []string{"/user/login-elsewhere", elsewhere + LoginPath} {
		t.Run(target, func(t *testing.T) {
			fake, base := signInFake(t)
			fake.Always(fakeapi.Reply{Status: http.StatusTemporaryRedirect, Method: http.MethodPost, Path: LoginPath,
				Header: map[string]string{"Location": target}})
			c := newTestClient(t, base, signedIn(signInPassword), retries(3))
			e := wantError(t, doCall(t, c, profileRequest, nil), KindRedirect)
			wantContains(t, "error", e.Error(), "Flashback sign-in redirected", "never follows a redirect of the sign-in")
			assertNoSecret(t, "error", e.Error(), signInPassword)
			if n := len(fake.Calls()); n != 1 {
				t.Errorf("the fake got %d requests, want the one sign-in, not followed", n)
			}
		})
	}
	if other.count() != 0 {
		t.Errorf("the other host got %d requests", other.count())
	}
}

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
	c := newTestClient(t, base, signedIn(signInPassword))
	waiting := make(chan struct{}, callers)
	c.hooks.loginWaiting = func() { waiting <- struct{}{} }

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
	c := newTestClient(t, base, signedIn(signInPassword))
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
		c := newTestClient(t, base, signedIn(signInPassword))
		waiting := make(chan struct{}, 1)
		c.hooks.loginWaiting = func() { waiting <- struct{}{} }
		leader := make(chan error, 1)
		go func() { leader <- c.Do(context.Background(), profileRequest, nil) }()
		receive(t, arrived, "the sign-in")
		ctx, cancel := context.WithCancel(context.Background())
		follower := make(chan error, 1)
		go func() { follower <- c.Do(ctx, profileRequest, nil) }()
		receive(t, waiting, "the second caller waiting")
		cancel()
		wantError(t, receive(t, follower, "the canceled caller's error"), KindCanceled)
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
		c := newTestClient(t, base, signedIn(signInPassword))
		waiting := make(chan struct{}, 1)
		c.hooks.loginWaiting = func() { waiting <- struct{}{} }
		ctx, cancel := context.WithCancel(context.Background())
		leader := make(chan error, 1)
		go func() { leader <- c.Do(ctx, profileRequest, nil) }()
		receive(t, arrived, "the sign-in")
		follower := make(chan error, 1)
		go func() { follower <- c.Do(context.Background(), profileRequest, nil) }()
		receive(t, waiting, "the second caller waiting")
		cancel()
		wantError(t, receive(t, leader, "the canceled caller's error"), KindCanceled)
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

func TestSignInAnswerIsNeverQuoted(t *testing.T) {
	const refresh = "refresh/+=Token-Never-Shown"
	for _, body := range []string{
		`{"success": true, "accessToken": 42, "refreshToken": "` + refresh + `"}`,
		`{"success": true, "refreshToken": "` + refresh + `", "accessToken": "cut-sh`,
		`{"success": true, "refreshToken": "` + refresh + `"}`,
	} {
		fake, base := signInFake(t)
		fake.Always(fakeapi.Reply{Status: http.StatusOK, Method: http.MethodPost, Path: LoginPath, Body: body})
		e := wantError(t, doCall(t, newTestClient(t, base, signedIn(signInPassword)), profileRequest, nil), KindMalformed)
		wantContains(t, "detail", e.Detail, "POST "+base+LoginPath, "The body is not quoted")
		assertNoSecret(t, "error", e.Error(), "Token-Never-Shown")
	}
}

func TestNewCredentialsTogetherAndAlone(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		field string
	}{
		{"token and sign-in", Config{Token: testToken, Email: ciEmail, Password: signInPassword}, "Email"},
		{"token source and sign-in", Config{Tokens: staticToken(testToken), Email: ciEmail}, "Email"},
		{"email alone", Config{Email: ciEmail}, "Password"},
		{"password alone", Config{Password: signInPassword}, "Email"},
		{"nothing", Config{}, "Token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.BaseURL = "https://api.example.com"
			_, err := New(tc.cfg)
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Field != tc.field {
				t.Fatalf("New = %v, want a ConfigError on %s", err, tc.field)
			}
			assertNoSecret(t, "error", err.Error(), signInPassword)
		})
	}
}

// assertNoSecret fails when s holds secret in any form it can take.
func assertNoSecret(t *testing.T, what, s, secret string) {
	t.Helper()
	for _, form := range encodings(secret) {
		if strings.Contains(s, form) {
			t.Fatalf("%s holds the secret as %q: %s", what, form, s)
		}
	}
}

// The secrets of TestSignInSecretsNeverShown, and each form the API could
// echo them in, written out by hand as an oracle independent of
// secretForms: raw, JSON-escaped (with "\/", and with HTML escaping),
// percent-encoded in upper- and lower-case hex, and base64 (standard and
// URL-safe).
const (
	echoedAccess  = `acc/+=Access&Token<1>`
	echoedRefresh = `ref/+=Refresh&Token<2>`
)

var echoedForms = map[string][]string{
	signInPassword: {
		`pw/+=&<"Sign-In-Secret">?%`, `pw/+=&<\"Sign-In-Secret\">?%`, `pw\/+=&<\"Sign-In-Secret\">?%`,
		`pw/+=\u0026\u003c\"Sign-In-Secret\"\u003e?%`,
		`pw%2F%2B%3D%26%3C%22Sign-In-Secret%22%3E%3F%25`, `pw%2f%2b%3d%26%3c%22Sign-In-Secret%22%3e%3f%25`,
		`cHcvKz0mPCJTaWduLUluLVNlY3JldCI+PyU=`, `cHcvKz0mPCJTaWduLUluLVNlY3JldCI-PyU=`,
	},
	echoedAccess: {
		`acc/+=Access&Token<1>`, `acc\/+=Access&Token<1>`, `acc/+=Access\u0026Token\u003c1\u003e`,
		`acc%2F%2B%3DAccess%26Token%3C1%3E`, `acc%2f%2b%3dAccess%26Token%3c1%3e`,
		`YWNjLys9QWNjZXNzJlRva2VuPDE+`, `YWNjLys9QWNjZXNzJlRva2VuPDE-`,
	},
	echoedRefresh: {
		`ref/+=Refresh&Token<2>`, `ref\/+=Refresh&Token<2>`, `ref/+=Refresh\u0026Token\u003c2\u003e`,
		`ref%2F%2B%3DRefresh%26Token%3C2%3E`, `ref%2f%2b%3dRefresh%26Token%3c2%3e`,
		`cmVmLys9UmVmcmVzaCZUb2tlbjwyPg==`,
	},
}

// TestSignInSecretsNeverShown signs in to an API that gives tokens holding
// characters every encoding changes, then echoes one form of the password
// or a token in a 500's message and header, then in a malformed 200's body.
// Neither the error nor the log holds any form of any of them.
func TestSignInSecretsNeverShown(t *testing.T) {
	for _, forms := range echoedForms {
		for _, form := range forms {
			t.Run(form, func(t *testing.T) {
				var gets atomic.Int32
				base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("X-Echo", form)
					switch {
					case r.URL.Path == LoginPath:
						_, _ = w.Write([]byte(`{"success": true, "accessToken": "acc/+=Access\u0026Token\u003c1\u003e", ` +
							`"refreshToken": "ref/+=Refresh\u0026Token\u003c2\u003e"}`))
					case r.Header.Get("Authorization") != "Bearer "+echoedAccess:
						w.WriteHeader(http.StatusUnauthorized)
					case gets.Add(1) == 1:
						msg, _ := json.Marshal("rejected " + form)
						w.WriteHeader(http.StatusInternalServerError)
						_, _ = w.Write([]byte(`{"success": false, "message": ` + string(msg) + `}`))
					default:
						_, _ = w.Write([]byte("echo " + form))
					}
				}))
				c := newTestClient(t, base, signedIn(signInPassword), retries(1))
				raw, entries, err := logEntries(t, c)
				e := wantError(t, err, KindMalformed)
				if n := len(findEntries(entries, "Sending Flashback API request")); n != 3 {
					t.Errorf("the log shows %d requests, want the sign-in and two attempts:\n%s", n, raw)
				}
				wantContains(t, "log", raw, "rejected [REDACTED]", `"X-Echo":"[REDACTED]"`)
				wantContains(t, "error", e.Detail, "echo [REDACTED]")
				for _, shown := range []string{e.Error(), raw} {
					for secret, fs := range echoedForms {
						for _, f := range fs {
							if strings.Contains(shown, f) {
								t.Errorf("%q shows as %q in:\n%s", secret, f, shown)
							}
						}
					}
				}
			})
		}
	}
}
