package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// signInPassword is the password of the sign-in tests. It holds the
// characters that JSON, percent-encoding and HTML escaping change, so that
// each encoded form differs from the raw one.
const signInPassword = `pw/+=&<"Sign-In-Secret">?%`

// ciEmail is the email of the user the sign-in tests sign in as.
var ciEmail = email("ada", "example.com")

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
func signedIn(c *Config) { c.Token, c.Email, c.Password = "", ciEmail, signInPassword }

// bearer is the token a request carried.
func bearer(c fakeapi.Call) string {
	return strings.TrimPrefix(c.Header.Get("Authorization"), "Bearer ")
}

func TestSignInOnceAndSendItsToken(t *testing.T) {
	fake, base := signInFake(t)
	c := newTestClient(t, base, signedIn)
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
	c := newTestClient(t, base, signedIn)
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
	c := newTestClient(t, base, signedIn, retries(3))
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
				assertNoSecret(t, e.Error(), signInPassword)
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
	c := newTestClient(t, base, signedIn, retries(3))
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
	assertNoSecret(t, err.Error(), signInPassword)
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
	if err := doCall(t, newTestClient(t, base, signedIn), profileRequest, nil); err != nil {
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
			c := newTestClient(t, base, signedIn, retries(3))
			e := wantError(t, doCall(t, c, profileRequest, nil), KindRedirect)
			wantContains(t, "error", e.Error(), "Flashback sign-in redirected", "never follows a redirect of the sign-in")
			assertNoSecret(t, e.Error(), signInPassword)
			if n := len(fake.Calls()); n != 1 {
				t.Errorf("the fake got %d requests, want the one sign-in, not followed", n)
			}
		})
	}
	if other.count() != 0 {
		t.Errorf("the other host got %d requests", other.count())
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
			assertNoSecret(t, err.Error(), signInPassword)
		})
	}
}

// assertNoSecret fails when the error text s holds secret in any form it can take.
func assertNoSecret(t *testing.T, s, secret string) {
	t.Helper()
	for _, form := range independentForms(secret) {
		if strings.Contains(s, form) {
			t.Fatalf("the error holds the secret as %q: %s", form, s)
		}
	}
}

// An answer with mfaRequired and a token (a partial one, for the second
// step) is the MFA answer: the token is never used.
func TestSignInMFAWinsOverToken(t *testing.T) {
	fake, base := signInFake(t)
	fake.Always(fakeapi.Reply{Status: http.StatusOK, Method: http.MethodPost, Path: LoginPath,
		Body: `{"success":true,"mfaRequired":true,"accessToken":"partial-mfa-step-token","userId":"u1"}`})
	c := newTestClient(t, base, signedIn, retries(3))
	e := wantError(t, doCall(t, c, profileRequest, nil), KindSignIn)
	if e.Summary != "Flashback sign-in needs a second factor" {
		t.Errorf("summary = %q, want the MFA message; error: %v", e.Summary, e)
	}
	if n := len(fake.CallsTo(http.MethodGet, "/user/profile")); n != 0 {
		t.Errorf("%d calls sent with the partial token, want 0", n)
	}
	if fake.Logins() > 1 || len(fake.CallsTo(http.MethodPost, LoginPath)) != 1 {
		t.Errorf("%d sign-ins, want 1", len(fake.CallsTo(http.MethodPost, LoginPath)))
	}
}
