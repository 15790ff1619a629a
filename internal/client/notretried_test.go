package client

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// Failures that look like a broken network to net/http, but that no retry
// can mend: each fails at once, with a kind and words of its own.

func TestSameHostRedirectLoopIsNotRetried(t *testing.T) {
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?token="+testToken, http.StatusFound)
	}))
	e := mustFail(t, newTestClient(t, base, retries(2)), KindRedirectLoop)
	if rec.count() != maxRedirects {
		t.Errorf("server got %d requests, want %d: one request and the redirects it followed, not retried", rec.count(), maxRedirects)
	}
	wantContains(t, "detail", e.Detail, "redirected 10 times on the same host", base+"/loop", "base_url")
	if strings.Contains(e.Detail, "?") {
		t.Errorf("detail shows the redirect's query: %s", e.Detail)
	}
}

// serveRaw answers every connection with answer, as a server that does not
// speak HTTP would, and counts the connections.
func serveRaw(t *testing.T, answer string) (string, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	var conns atomic.Int32
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer func() { _ = conn.Close() }()
				_, _ = bufio.NewReader(conn).ReadString('\n')
				_, _ = conn.Write([]byte(answer))
			}()
		}
	}()
	return "http://" + ln.Addr().String(), &conns
}

func TestAnswersThatAreNotHTTPAreNotRetried(t *testing.T) {
	tests := []struct{ name, answer, want string }{
		{"SSH banner", "SSH-2.0-OpenSSH_9.6\r\n", `malformed HTTP response "SSH-2.0-OpenSSH_9.6"`},
		{"malformed status line", "HTTP/1.1 abc OK\r\n\r\n", `malformed HTTP status code "abc"`},
		{"malformed header", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "malformed MIME header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, conns := serveRaw(t, tt.answer)
			e := mustFail(t, newTestClient(t, base, retries(2)), KindNotHTTP)
			if n := conns.Load(); n != 1 {
				t.Errorf("server got %d connections, want 1: not retried", n)
			}
			wantContains(t, "detail", e.Detail, tt.want, "not valid HTTP", "base_url")
			if strings.Contains(e.Detail, "PROXY") {
				t.Errorf("detail gives network advice: %s", e.Detail)
			}
		})
	}
}

func TestTokenIsCleanedOrRefused(t *testing.T) {
	var got atomic.Value
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("Authorization"))
		_, _ = w.Write([]byte(`{"data": []}`))
	}))
	for _, raw := range []string{testToken + "\n", " \t" + testToken + "\r\n"} {
		mustList(t, newTestClient(t, base, func(c *Config) { c.Token = raw }))
		if got.Load() != "Bearer "+testToken {
			t.Errorf("token %q was sent as %q, want it trimmed", raw, got.Load())
		}
	}
	for raw, want := range map[string]string{
		testToken[:10] + "\n" + testToken[10:]: "a line break (U+000A) at character 11 of",
		testToken[:10] + " " + testToken[10:]:  "a space (U+0020) at character 11",
		testToken + "\x00x":                    "a control character (U+0000) at character 42",
		"\n \t":                                "empty",
	} {
		_, err := New(Config{BaseURL: base, Token: raw})
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Field != "Token" {
			t.Fatalf("New with token %q = %v, want a ConfigError on Token", raw, err)
		}
		wantContains(t, "error", err.Error(), want)
		assertNoToken(t, "error", err.Error())
	}
}

// badTokens is a TokenSource, as a sign-in would be, whose token holds a
// line break.
type badTokens struct{}

func (badTokens) Token(context.Context) (string, error) {
	return testToken[:9] + "\n" + testToken[9:], nil
}

func TestInvalidHeaderIsNotANetworkOutage(t *testing.T) {
	tests := []struct {
		name string
		opt  func(*Config)
		want string
	}{
		{"token with a line break from a token source", func(c *Config) { c.Token, c.Tokens = "", badTokens{} }, "a line break (U+000A) at character 10"},
		{"user agent with a line break", func(c *Config) { c.UserAgent = "agent\nX-Injected: 1" }, `invalid header field value for "User-Agent"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, rec := serve(t, http.NotFoundHandler())
			var waits atomic.Int32
			c := newTestClient(t, base, retries(3), tt.opt)
			c.hooks.backoff = func(time.Duration) { waits.Add(1) }
			e := mustFail(t, c, KindInvalidRequest)
			if rec.count() != 0 || waits.Load() != 0 {
				t.Errorf("server got %d requests after %d waits, want none: nothing can be sent", rec.count(), waits.Load())
			}
			wantContains(t, "detail", e.Detail, tt.want, "could not be sent", "access token")
			if strings.Contains(e.Detail, "PROXY") {
				t.Errorf("detail gives network advice: %s", e.Detail)
			}
		})
	}
}

// A POST that fails with 500 is not retried, since a repeat could act
// twice: its error says so, not that it "kept failing".
func TestWriteNotRetriedSaysWhy(t *testing.T) {
	fail := fakeapi.Reply{Status: http.StatusInternalServerError, Method: http.MethodPost, Body: `{"success":false,"message":"boom"}`}
	t.Run("sign-in", func(t *testing.T) {
		fake, base := signInFake(t)
		fail := fail
		fail.Path = LoginPath
		fake.Always(fail)
		e := wantError(t, doCall(t, newTestClient(t, base, signedIn, retries(1)), profileRequest, nil), KindServer)
		wantContains(t, "detail", e.Detail, "POST "+base+LoginPath+" returned HTTP 500", "It was not retried",
			"a repeat could act twice", "Try again later")
		if strings.Contains(e.Detail, "kept failing") || strings.Contains(e.Detail, "attempt") {
			t.Errorf("detail speaks of attempts: %s", e.Detail)
		}
		if n := len(fake.CallsTo(http.MethodPost, LoginPath)); n != 1 {
			t.Errorf("%d sign-ins, want 1", n)
		}
	})
	t.Run("create", func(t *testing.T) {
		fake := fakeapi.New(testToken, nil)
		fail := fail
		fail.Path = UsersPath
		fake.Always(fail)
		base, rec := serve(t, fake)
		_, err := newTestClient(t, base, retries(1)).CreateUser(context.Background(), NewUser{Email: email("new", "example.com"), FirstName: "N", LastName: "U"})
		e := wantError(t, err, KindServer)
		wantContains(t, "detail", e.Detail, "It was not retried", "a repeat could act twice", "terraform plan")
		if strings.Contains(e.Detail, "kept failing") {
			t.Errorf("detail says kept failing: %s", e.Detail)
		}
		if rec.count() != 1 {
			t.Errorf("server got %d requests, want 1", rec.count())
		}
	})
}
