package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// doCall runs c.Do, failing the test rather than hanging.
func doCall(t *testing.T, c *Client, req Request, out any) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.Do(context.Background(), req, out) }()
	select {
	case err := <-done:
		return err
	case <-time.After(safetyTimeout):
		t.Fatalf("Do did not return within %s", safetyTimeout)
		return nil
	}
}

type createdUser struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

func TestDoSendsAnyMethodWithAJSONBody(t *testing.T) {
	type sent struct{ method, path, contentType, auth, body string }
	got := make(chan sent, 1)
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got <- sent{r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), string(body)}
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id": "u1", "email": "new@example.com"}`))
	}))
	var out createdUser
	req := Request{Method: http.MethodPost, Path: UsersPath, Body: map[string]string{"email": "new@example.com"}}
	if err := doCall(t, newTestClient(t, base), req, &out); err != nil {
		t.Fatal(err)
	}
	s := <-got
	if s.method != http.MethodPost || s.path != UsersPath || s.contentType != "application/json" || s.auth != "Bearer "+testToken {
		t.Errorf("request = %+v", s)
	}
	if s.body != `{"email":"new@example.com"}` {
		t.Errorf("body = %s", s.body)
	}
	if out.ID != "u1" || out.Email != "new@example.com" {
		t.Errorf("decoded %+v from a 201's bare object", out)
	}
}

func TestDoWithoutBodyOrAnswer(t *testing.T) {
	var sawType atomic.Value
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawType.Store(r.Header.Get("Content-Type") + "|" + r.Method)
		w.WriteHeader(http.StatusNoContent)
	}))
	if err := doCall(t, newTestClient(t, base), Request{Method: http.MethodDelete, Path: UsersPath + "/u1"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := sawType.Load(); got != "|DELETE" {
		t.Errorf("Content-Type|method = %q, want no Content-Type for no body", got)
	}
}

func TestDoErrorsCarryTheAPIMessage(t *testing.T) {
	tests := []struct {
		status  int
		body    string
		kind    ErrorKind
		message string
	}{
		{http.StatusNotFound, `{"success": false, "message": "User not found"}`, KindNotFound, "User not found"},
		{http.StatusBadRequest, `{"success": false, "message": "Cannot delete yourself"}`, KindHTTPStatus, "Cannot delete yourself"},
		{http.StatusBadRequest, `{"success": false, "message": "Invalid role combination"}`, KindHTTPStatus, "Invalid role combination"},
		{http.StatusForbidden, `{"success": false, "message": "Bearer ` + testToken + `"}`, KindForbidden, "Bearer [REDACTED]"},
		{http.StatusOK, `{"success": false, "message": "Organization is suspended"}`, KindUnsuccessful, "Organization is suspended"},
		{http.StatusConflict, ``, KindHTTPStatus, ""},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			base, _ := scripted(t, fakeapi.Reply{Status: tt.status, Body: tt.body})
			req := Request{Method: http.MethodDelete, Path: UsersPath + "/u1", Action: "remove a user"}
			e := wantError(t, doCall(t, newTestClient(t, base), req, nil), tt.kind)
			if e.APIMessage != tt.message {
				t.Errorf("APIMessage = %q, want %q", e.APIMessage, tt.message)
			}
			wantContains(t, "detail", e.Detail, "DELETE "+base+UsersPath+"/u1")
			if tt.kind == KindForbidden && e.Summary != "Not allowed to remove a user" {
				t.Errorf("summary = %q, want the action named", e.Summary)
			}
		})
	}
}

func TestDoMalformedAnswer(t *testing.T) {
	base, _ := scripted(t, fakeapi.Reply{Status: http.StatusCreated, Body: `{"id": 7}`})
	var out createdUser
	e := wantError(t, doCall(t, newTestClient(t, base), Request{Method: http.MethodPost, Path: UsersPath}, &out), KindMalformed)
	wantContains(t, "detail", e.Detail, "id is a JSON number, where the API documents a string")
}

// TestWritesRetryOnlyWhatWasNotProcessed shows which failures a write
// retries (mayRetry): those after which the server surely did nothing.
// A read retries them all.
func TestWritesRetryOnlyWhatWasNotProcessed(t *testing.T) {
	tests := []struct {
		name      string
		reply     fakeapi.Reply
		writeKind ErrorKind
		retried   bool
	}{
		{"429", fakeapi.Reply{Status: http.StatusTooManyRequests}, KindRateLimited, true},
		{"503", fakeapi.Reply{Status: http.StatusServiceUnavailable}, KindServer, true},
		{"500", fakeapi.Reply{Status: http.StatusInternalServerError}, KindServer, false},
		{"502", fakeapi.Reply{Status: http.StatusBadGateway}, KindServer, false},
		{"504", fakeapi.Reply{Status: http.StatusGatewayTimeout}, KindServer, false},
		{"timeout", fakeapi.Reply{}, KindTimeout, false},
	}
	for _, tt := range tests {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodGet} {
			t.Run(tt.name+" "+method, func(t *testing.T) {
				// Only the timeout case sets a short request_timeout: on a
				// busy machine 50 milliseconds can pass before a status arrives.
				base, rec := scripted(t, repeat(2, tt.reply)...)
				opts := []func(*Config){retries(1)}
				if tt.writeKind == KindTimeout {
					base, rec = serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(io.Discard, r.Body); waitGone(r) }))
					opts = append(opts, timeout(50*time.Millisecond))
				}
				c := newTestClient(t, base, opts...)
				_ = wantError(t, doCall(t, c, Request{Method: method, Path: UsersPath, Body: map[string]string{}}, nil), tt.writeKind)
				want := 1
				if tt.retried || method == http.MethodGet {
					want = 2
				}
				if rec.count() != want {
					t.Errorf("server got %d requests, want %d", rec.count(), want)
				}
			})
		}
	}
}

func TestWriteRetriedWhenTheConnectionIsRefused(t *testing.T) {
	closed := closedPort(t)
	var waits atomic.Int32
	c := newTestClient(t, closed, retries(2))
	c.hooks.backoff = func(time.Duration) { waits.Add(1) }
	e := wantError(t, doCall(t, c, Request{Method: http.MethodPost, Path: UsersPath, Body: 1}, nil), KindConnection)
	if waits.Load() != 2 {
		t.Errorf("waited %d times, want 2: a refused connection sent nothing, so a write may retry it", waits.Load())
	}
	wantContains(t, "detail", e.Detail, "after 3 attempts")
}

func TestWriteNotRetriedWhenTheConnectionDrops(t *testing.T) {
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
		}
	}))
	_ = wantError(t, doCall(t, newTestClient(t, base, retries(2)), Request{Method: http.MethodPost, Path: UsersPath, Body: 1}, nil), KindConnection)
	if rec.count() != 1 {
		t.Errorf("server got %d requests, want 1: the server may have acted on the write", rec.count())
	}
}

// rotatingTokens is a TokenSource that gives a new token for each request,
// as a sign-in would after a refresh.
type rotatingTokens struct{ n atomic.Int32 }

func (r *rotatingTokens) Token(context.Context) (string, error) {
	return "rotated-" + strings.Repeat("z", int(r.n.Add(1))) + "-" + testToken, nil
}

func TestTokenSourceGivesEachRequestsToken(t *testing.T) {
	var seen []string
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": r.Header.Get("Authorization")})
	}))
	c := newTestClient(t, base, retries(1), func(c *Config) { c.Token, c.Tokens = "", &rotatingTokens{} })
	e := wantError(t, doCall(t, c, Request{Path: UsersPath}, nil), KindServer)
	if len(seen) != 2 || seen[0] == seen[1] || !strings.HasPrefix(seen[1], "Bearer rotated-zz-") {
		t.Errorf("Authorization headers = %q, want one token per request from the source", seen)
	}
	wantContains(t, "API message", e.APIMessage, "Bearer [REDACTED]")
}
