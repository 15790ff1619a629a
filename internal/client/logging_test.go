package client

import (
	"bytes"
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// logEntries runs a call with a test root logger and returns the call's
// error and the log, raw and decoded.
func logEntries(t *testing.T, c *Client) (string, []map[string]any, error) {
	t.Helper()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	_, err := listUsers(t, ctx, c)
	raw := buf.String()
	entries, decodeErr := tflogtest.MultilineJSONDecode(&buf)
	if decodeErr != nil {
		t.Fatalf("decoding the log: %v\n%s", decodeErr, raw)
	}
	return raw, entries, err
}

// findEntries returns the log entries with the given message.
func findEntries(entries []map[string]any, message string) []map[string]any {
	var out []map[string]any
	for _, e := range entries {
		if e["@message"] == message {
			out = append(out, e)
		}
	}
	return out
}

// echoEverywhere answers with status, echoing the Authorization header in
// the body, in a response header and in a cookie, as a debugging proxy might.
func echoEverywhere(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		w.Header().Set("X-Echo-Authorization", auth)
		w.Header().Set("Set-Cookie", "session="+auth)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(jsonMessage(auth)))
	}
}

func TestLogShowsTheRequestButNotTheToken(t *testing.T) {
	var n atomic.Int32
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			echoEverywhere(http.StatusServiceUnavailable)(w, r)
			return
		}
		_, _ = w.Write([]byte(`{"data": [{"id": "a"}]}`))
	}))
	c := newTestClient(t, base, retries(1))
	raw, entries, err := logEntries(t, c)
	if err != nil {
		t.Fatalf("call failed: %v", err)
	}
	assertNoToken(t, "log", raw)

	sent := findEntries(entries, "Sending Flashback API request")
	if len(sent) != 2 {
		t.Fatalf("logged %d requests, want 2:\n%s", len(sent), raw)
	}
	for _, e := range sent {
		if e["http.method"] != "GET" || e["http.url"] != base+UsersPath {
			t.Errorf("request entry lacks the method or the URL: %v", e)
		}
		headers, _ := e["http.headers"].(map[string]any)
		if headers["Authorization"] != "[REDACTED]" || headers["User-Agent"] != testUserAgent {
			t.Errorf("request headers = %v, want Authorization redacted and the User-Agent", headers)
		}
	}
	received := findEntries(entries, "Received Flashback API response")
	if len(received) != 2 || received[0]["http.status"] != float64(503) || received[1]["http.status"] != float64(200) {
		t.Fatalf("response entries = %v, want a 503 then a 200", received)
	}
	headers, _ := received[0]["http.headers"].(map[string]any)
	if got := headers["X-Echo-Authorization"]; got != "Bearer [REDACTED]" {
		t.Errorf("echoed response header logged as %q, want the token redacted", got)
	}
	if warn := findEntries(entries, "Flashback API request failed, retrying"); len(warn) != 1 || warn[0]["@level"] != "warn" {
		t.Errorf("retry warnings = %v, want one", warn)
	}
}

func TestLogOfFailuresHasNoToken(t *testing.T) {
	tests := []struct {
		name string
		h    http.Handler
		kind ErrorKind
	}{
		{"401 echoing the token", echoEverywhere(http.StatusUnauthorized), KindUnauthorized},
		{"500 echoing the token", echoEverywhere(http.StatusInternalServerError), KindServer},
		{"200 echoing the token", echoEverywhere(http.StatusOK), KindUnsuccessful},
		{"redirect to the token", http.RedirectHandler("http://localhost:1/"+testToken, http.StatusFound), KindRedirect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := serve(t, tt.h)
			raw, entries, err := logEntries(t, newTestClient(t, base, retries(1)))
			_ = wantError(t, err, tt.kind)
			assertNoToken(t, "log", raw)
			if len(findEntries(entries, "Sending Flashback API request")) == 0 {
				t.Errorf("the request was not logged:\n%s", raw)
			}
		})
	}
}

func TestLogOfTransportErrorHasNoToken(t *testing.T) {
	// The base URL's path holds the token's text; the transport error
	// names the URL, and the log must still not show it.
	raw, entries, err := logEntries(t, newTestClient(t, "http://127.0.0.1:1/"+testToken, retries(1)))
	_ = wantError(t, err, KindConnection)
	assertNoToken(t, "log", raw)
	if len(findEntries(entries, "Flashback API request failed")) != 2 {
		t.Errorf("want two failed requests logged:\n%s", raw)
	}
}
