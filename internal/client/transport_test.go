package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func TestRequestShape(t *testing.T) {
	tests := []struct {
		name, prefix, suffix string
	}{
		{"bare base", "", ""},
		{"trailing slash", "", "/"},
		{"path prefix", "/flashback/api", ""},
		{"path prefix and trailing slash", "/flashback/api", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := fakeapi.New(testToken, []fakeapi.User{{ID: fakeapi.Ptr("a")}})
			fake.PathPrefix = tt.prefix
			base, rec := serve(t, fake)
			c := newTestClient(t, base+tt.prefix+tt.suffix)

			// The fake API answers 404 on another path and 401 without the
			// token, so success alone shows the path and the token are right.
			list := mustList(t, c)
			if got := ids(list.Users()); len(got) != 1 || got[0] != "a" {
				t.Errorf("users = %q, want [a]", got)
			}

			hits := rec.all()
			if len(hits) != 1 {
				t.Fatalf("server got %d requests, want 1", len(hits))
			}
			h := hits[0]
			if h.method != http.MethodGet {
				t.Errorf("method = %s, want GET", h.method)
			}
			if want := tt.prefix + "/organization/users"; h.path != want {
				t.Errorf("path = %q, want %q", h.path, want)
			}
			if h.query != "" {
				t.Errorf("query = %q, want none", h.query)
			}
			for name, want := range map[string]string{
				"Authorization": "Bearer " + testToken,
				"Accept":        "application/json",
				"User-Agent":    testUserAgent,
			} {
				if got := h.header.Values(name); len(got) != 1 || got[0] != want {
					t.Errorf("%s = %q, want exactly %q", name, got, want)
				}
			}
		})
	}
}

func TestTimeoutWhileWaitingForHeaders(t *testing.T) {
	for _, maxRetries := range []int{0, 1} {
		t.Run(strconv.Itoa(maxRetries)+" retries", func(t *testing.T) {
			base, rec := scripted(t, repeat(2, fakeapi.Reply{Delay: safetyTimeout, Body: `{"data": []}`})...)
			e := mustFail(t, newTestClient(t, base, retries(maxRetries), timeout(50*time.Millisecond)), KindTimeout)
			if rec.count() != maxRetries+1 {
				t.Errorf("server got %d requests; want %d", rec.count(), maxRetries+1)
			}
			wantContains(t, "detail", e.Detail, "request_timeout (50 milliseconds)")
			if !errors.Is(e, context.DeadlineExceeded) {
				t.Errorf("error does not wrap context.DeadlineExceeded: %v", e.Unwrap())
			}
		})
	}
}

func TestTimeoutWhileReadingBody(t *testing.T) {
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"success": true, "data": [{"id": "a"},`))
		_ = http.NewResponseController(w).Flush()
		waitGone(r)
	}))
	e := mustFail(t, newTestClient(t, base, retries(1), timeout(100*time.Millisecond)), KindTimeout)
	if rec.count() != 2 {
		t.Errorf("server got %d requests; want 2: a timeout is retried", rec.count())
	}
	wantContains(t, "detail", e.Detail, "after 2 attempts")
}

func TestTimeoutAfterCompleteJSON(t *testing.T) {
	// The object is complete but the body never ends: the client waits for
	// its end to rule out trailing data, and must time out rather than hang.
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data": []}`))
		_ = http.NewResponseController(w).Flush()
		waitGone(r)
	}))
	_ = mustFail(t, newTestClient(t, base, timeout(100*time.Millisecond)), KindTimeout)
}

func TestConnectionRefused(t *testing.T) {
	closed := closedPort(t)

	e := mustFail(t, newTestClient(t, closed, retries(2)), KindConnection)
	if e.StatusCode != 0 {
		t.Errorf("StatusCode = %d; want 0", e.StatusCode)
	}
	wantContains(t, "detail", e.Detail, "got no answer after 3 attempts", "refused", "base_url")
	if strings.Count(e.Detail, closed) != 1 {
		t.Errorf("detail should name the URL once: %s", e.Detail)
	}
}

func TestConnectionDropped(t *testing.T) {
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}))
	e := mustFail(t, newTestClient(t, base, retries(1)), KindConnection)
	if rec.count() < 2 {
		t.Errorf("server got %d requests; want 2 attempts", rec.count())
	}
	wantContains(t, "detail", e.Detail, "after 2 attempts")
}

func TestBodyTooLarge(t *testing.T) {
	const limit = 1024
	const stoppedAt1024 = "sent more than 1,024 bytes, the most the provider reads from one answer, so it stopped reading after 1,024 bytes"
	big := `{"success": true, "data": [` + strings.TrimSuffix(strings.Repeat(`{"id": "0123456789"},`, 100), ",") + `]}`
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string // how large the body was
	}{
		{"content length over the limit", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			_, _ = w.Write([]byte(big))
		}, "announced a body of 2,128 bytes in its Content-Length header, more than the 1,024 bytes"},
		{"chunked over the limit", func(w http.ResponseWriter, r *http.Request) {
			writeChunked(w, big)
		}, stoppedAt1024},
		{"chunked, limit passed by trailing white space", func(w http.ResponseWriter, r *http.Request) {
			writeChunked(w, `{"data": []}`+strings.Repeat(" ", 2*limit))
		}, stoppedAt1024},
		{"chunked, never ending", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"data": [`))
			for r.Context().Err() == nil {
				if _, err := w.Write([]byte(`{"id": "x"},`)); err != nil {
					return
				}
				_ = http.NewResponseController(w).Flush()
			}
		}, stoppedAt1024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, rec := serve(t, tt.handler)
			e := mustFail(t, newTestClient(t, base, retries(2), maxBody(limit)), KindTooLarge)
			if rec.count() != 1 {
				t.Errorf("server got %d requests; want 1: a body too large is not retried", rec.count())
			}
			wantContains(t, "detail", e.Detail, tt.want, "Check that base_url points at the Flashback API")
		})
	}
}

func TestBodyAtTheLimit(t *testing.T) {
	body := `{"data": [{"id": "a"}]}`
	for _, chunked := range []bool{false, true} {
		t.Run("chunked "+strconv.FormatBool(chunked), func(t *testing.T) {
			base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if chunked {
					writeChunked(w, body)
					return
				}
				_, _ = w.Write([]byte(body))
			}))
			list := mustList(t, newTestClient(t, base, maxBody(int64(len(body)))))
			if list.Len() != 1 {
				t.Errorf("got %d users, want 1", list.Len())
			}
			_ = mustFail(t, newTestClient(t, base, maxBody(int64(len(body)-1))), KindTooLarge)
		})
	}
}

func TestDefaultBodyLimitMessage(t *testing.T) {
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.FormatInt(DefaultMaxBodyBytes+1, 10))
		w.WriteHeader(http.StatusOK)
	}))
	e := mustFail(t, newTestClient(t, base), KindTooLarge)
	wantContains(t, "detail", e.Detail, "announced a body of 1,073,741,825 bytes (1.0 GiB) in its Content-Length header, more than the 1 GiB",
		"the limit holds about 4 million users", "base_url")
}

// writeChunked sends body without a Content-Length, in pieces.
func writeChunked(w http.ResponseWriter, body string) {
	w.WriteHeader(http.StatusOK)
	for len(body) > 0 {
		n := min(len(body), 100)
		_, _ = w.Write([]byte(body[:n]))
		_ = http.NewResponseController(w).Flush()
		body = body[n:]
	}
}

func TestSameHostRedirectFollowed(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/organization/users":
					http.Redirect(w, r, "/v2/organization/users", status)
				case r.Header.Get("Authorization") == "Bearer "+testToken:
					_, _ = w.Write([]byte(`{"data": [{"id": "moved"}]}`))
				default:
					w.WriteHeader(http.StatusUnauthorized)
				}
			}))
			list := mustList(t, newTestClient(t, base))
			if got := ids(list.Users()); len(got) != 1 || got[0] != "moved" {
				t.Errorf("users = %q, want [moved]", got)
			}
			hits := rec.all()
			if len(hits) != 2 || hits[1].path != "/v2/organization/users" {
				t.Fatalf("requests = %+v, want the original and the redirected one", hits)
			}
		})
	}
}

func TestCrossOriginRedirectRefused(t *testing.T) {
	other, otherRec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"data": [{"id": "stolen"}]}`))
	}))
	otherHostPort := strings.TrimPrefix(other, "http://")
	_, otherPort, _ := net.SplitHostPort(otherHostPort)

	tests := []struct {
		name, location, wantLocation string
	}{
		{"another port", other + "/organization/users", other + "/organization/users"},
		{"another host name for the same server", "http://localhost:" + otherPort + "/organization/users",
			"http://localhost:" + otherPort + "/organization/users"},
		{"another scheme", "https://" + otherHostPort + "/organization/users", "https://" + otherHostPort + "/organization/users"},
		{"token in the location", other + "/" + testToken + "?token=" + testToken + "#" + testToken, other + "/[REDACTED]"},
		{"credentials in the location", "http://" + email("u:"+testToken, otherHostPort) + "/x", other + "/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", tt.location)
				w.WriteHeader(http.StatusFound)
			}))
			e := mustFail(t, newTestClient(t, base, retries(2)), KindRedirect)
			if rec.count() != 1 {
				t.Errorf("first server got %d requests; want 1: a refused redirect is not retried", rec.count())
			}
			wantContains(t, "detail", e.Detail, "was redirected to "+tt.wantLocation+".", "base_url")
			if strings.Contains(e.Detail, "?") || strings.Contains(e.Detail, "#") {
				t.Errorf("detail shows the location's query or fragment: %s", e.Detail)
			}
		})
	}
	if n := otherRec.count(); n != 0 {
		t.Errorf("the other server got %d requests, want none", n)
	}
}

func TestRedirectBackToOtherHostAfterSameHostHop(t *testing.T) {
	other, otherRec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/organization/users" {
			http.Redirect(w, r, "/hop", http.StatusFound)
			return
		}
		http.Redirect(w, r, other+"/organization/users", http.StatusFound)
	}))
	_ = mustFail(t, newTestClient(t, base), KindRedirect)
	if rec.count() != 2 || otherRec.count() != 0 {
		t.Errorf("first server got %d requests, other %d; want 2 and 0", rec.count(), otherRec.count())
	}
}

// TestConnectionCutInTheBodyIsRetried cuts the connection after the
// headers of a 200, in the middle of its body: that is a network failure,
// retried, and not a malformed answer (TestMalformedBodies: a complete body
// that is cut short JSON is not retried).
func TestConnectionCutInTheBodyIsRetried(t *testing.T) {
	const part = `{"success": true, "data": [{"id": "a"}, {"id": "b"`
	for _, framing := range []string{"content length", "chunked"} {
		t.Run(framing, func(t *testing.T) {
			var n atomic.Int32
			base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) > 1 {
					_, _ = w.Write([]byte(`{"data": [{"id": "a"}]}`))
					return
				}
				if framing == "content length" {
					w.Header().Set("Content-Length", "4096")
				}
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(part))
				_ = http.NewResponseController(w).Flush()
				panic(http.ErrAbortHandler) // the server drops the connection
			}))
			list := mustList(t, newTestClient(t, base, retries(1)))
			if rec.count() != 2 || list.Len() != 1 {
				t.Errorf("server got %d requests, list %v; want the cut answer retried", rec.count(), ids(list.Users()))
			}
			n.Store(-10) // every answer cut from now on
			e := mustFail(t, newTestClient(t, base), KindConnection)
			wantContains(t, "detail", e.Detail, "the connection broke after", "bytes of an HTTP 200 answer's body")
			if e.APIMessage != "" {
				t.Errorf("APIMessage = %q: the API said nothing", e.APIMessage)
			}
		})
	}
}
