package client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
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
			if got, want := c.Endpoint(), base+tt.prefix+"/organization/users"; got != want {
				t.Errorf("Endpoint() = %q, want %q", got, want)
			}

			// The fake API answers 404 on another path and 401 without the
			// token, so success alone shows the path and the token are right.
			list := mustList(t, c)
			if got := ids(list.Users); len(got) != 1 || got[0] != "a" {
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

func TestStatusesNotRetried(t *testing.T) {
	tests := []struct {
		status     int
		body       string
		kind       ErrorKind
		wantDetail []string
	}{
		{http.StatusUnauthorized, `{"success": false, "message": "Invalid or expired token"}`, KindUnauthorized,
			[]string{"HTTP 401 Unauthorized", "one hour", "access_token", "FLASHBACK_ACCESS_TOKEN", "Invalid or expired token"}},
		{http.StatusUnauthorized, ``, KindUnauthorized, []string{"HTTP 401", "one hour"}},
		{http.StatusForbidden, `{"success": false, "data": [], "total": 0}`, KindForbidden,
			[]string{"HTTP 403 Forbidden", "WORKSPACES"}},
		{http.StatusForbidden, `{"success": false, "error": "User not in organization"}`, KindForbidden,
			[]string{"WORKSPACES", "User not in organization"}},
		{http.StatusNotFound, `{"success": false, "error": "Route GET /organization/users not found"}`, KindHTTPStatus,
			[]string{"HTTP 404 Not Found", "Route GET /organization/users not found", "base_url", DefaultBaseURL}},
		{http.StatusMethodNotAllowed, `{"message": "nope"}`, KindHTTPStatus, []string{"HTTP 405", "base_url", "nope"}},
		{http.StatusBadRequest, `{"success": false, "message": "Bad organization id"}`, KindHTTPStatus,
			[]string{"HTTP 400 Bad Request", "The API said: \u201cBad organization id\u201d"}},
		{http.StatusBadRequest, `{"error_code": "ORG_MISSING"}`, KindHTTPStatus, []string{"HTTP 400", "ORG_MISSING"}},
		{http.StatusBadRequest, `{"error_code": 4711}`, KindHTTPStatus, []string{"HTTP 400", "4711"}},
		{http.StatusBadRequest, `{"message": "Invalid request", "error": "Validation failed", "error_code": "E_VALID"}`, KindHTTPStatus,
			[]string{"Invalid request / Validation failed / E_VALID"}},
		{http.StatusBadRequest, `{"message": {"field": "orgId"}}`, KindHTTPStatus, []string{`{"field": "orgId"}`}},
		{http.StatusBadRequest, `<html>Bad Request</html>`, KindHTTPStatus, []string{"HTTP 400 Bad Request"}},
		{http.StatusConflict, `{"message": "line one\nline two\u0007"}`, KindHTTPStatus, []string{"line one line two\uFFFD"}},
		{http.StatusNotImplemented, `{"message": "not here"}`, KindHTTPStatus, []string{"HTTP 501 Not Implemented", "not here"}},
		{http.StatusHTTPVersionNotSupported, ``, KindHTTPStatus, []string{"HTTP 505"}},
		{599, ``, KindHTTPStatus, []string{"returned HTTP 599."}},
		{http.StatusNoContent, ``, KindMalformed, []string{"HTTP 204", "empty"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %.20s", tt.status, tt.body), func(t *testing.T) {
			base, rec := scripted(t, repeat(3, fakeapi.Reply{Status: tt.status, Body: tt.body})...)
			e := mustFail(t, newTestClient(t, base, retries(2)), tt.kind)
			if rec.count() != 1 {
				t.Errorf("server got %d requests, want 1: status %d must not be retried", rec.count(), tt.status)
			}
			if e.StatusCode != tt.status || e.Attempts != 1 {
				t.Errorf("StatusCode, Attempts = %d, %d; want %d, 1", e.StatusCode, e.Attempts, tt.status)
			}
			wantContains(t, "detail", e.Detail, append(tt.wantDetail, "GET "+base+"/organization/users")...)
			if tt.body == "" && strings.Contains(e.Detail, "The API said") {
				t.Errorf("detail quotes an API message from an empty body: %s", e.Detail)
			}
		})
	}
}

func TestRetriedStatuses(t *testing.T) {
	tests := []struct {
		status int
		kind   ErrorKind
	}{
		{http.StatusTooManyRequests, KindRateLimited},
		{http.StatusInternalServerError, KindServer},
		{http.StatusBadGateway, KindServer},
		{http.StatusServiceUnavailable, KindServer},
		{http.StatusGatewayTimeout, KindServer},
	}
	for _, tt := range tests {
		for _, maxRetries := range []int{0, 1, 2} {
			t.Run(fmt.Sprintf("%d with %d retries", tt.status, maxRetries), func(t *testing.T) {
				body := `{"success": false, "data": [], "total": 0, "message": "try later"}`
				// One reply more than the client may use: a superfluous retry would succeed.
				replies := append(repeat(maxRetries+1, fakeapi.Reply{Status: tt.status, Body: body}), okBody(`{"data": []}`))
				base, rec := scripted(t, replies...)
				e := mustFail(t, newTestClient(t, base, retries(maxRetries)), tt.kind)
				attempts := maxRetries + 1
				if rec.count() != attempts {
					t.Errorf("server got %d requests, want %d", rec.count(), attempts)
				}
				if e.Attempts != attempts || e.StatusCode != tt.status {
					t.Errorf("Attempts, StatusCode = %d, %d; want %d, %d", e.Attempts, e.StatusCode, attempts, tt.status)
				}
				tries := fmt.Sprintf("after %d attempt", attempts)
				if attempts > 1 {
					tries += "s"
				}
				wantContains(t, "detail", e.Detail, tries+":", statusText(tt.status), "try later", "max_retries")
			})
		}
	}
}

func TestSuccessAfterRetries(t *testing.T) {
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusServiceUnavailable, Body: `<html>busy</html>`},
		fakeapi.Reply{Status: http.StatusTooManyRequests},
		fakeapi.Reply{Status: http.StatusBadGateway, Body: `{"message": "upstream"}`},
		okBody(`{"success": true, "data": [{"id": "b"}, {"id": "a"}], "total": 2}`),
	)
	list := mustList(t, newTestClient(t, base, retries(3)))
	if got := ids(list.Users); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("users = %q, want [a b]", got)
	}
	if rec.count() != 4 {
		t.Errorf("server got %d requests, want 4", rec.count())
	}
	for i, h := range rec.all() {
		if h.header.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("retry %d lacks the token", i)
		}
	}
}

func TestRetryAfterSecondsHonoured(t *testing.T) {
	t.Parallel()
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "1"}},
		okBody(`{"data": []}`),
	)
	mustList(t, newTestClient(t, base, retries(1), waits(time.Millisecond, 3*time.Second)))
	hits := rec.all()
	if len(hits) != 2 {
		t.Fatalf("server got %d requests, want 2", len(hits))
	}
	if gap := hits[1].at.Sub(hits[0].at); gap < time.Second {
		t.Errorf("retried %s after a Retry-After of 1s", gap)
	}
}

func TestRetryAfterOnServerErrorHonoured(t *testing.T) {
	t.Parallel()
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusServiceUnavailable, Header: map[string]string{"Retry-After": "1"}},
		okBody(`{"data": []}`),
	)
	mustList(t, newTestClient(t, base, retries(1), waits(time.Millisecond, 3*time.Second)))
	if hits := rec.all(); len(hits) != 2 || hits[1].at.Sub(hits[0].at) < time.Second {
		t.Errorf("503 with Retry-After: 1 was not waited out: %d requests", len(hits))
	}
}

func TestRetryAfterCappedAtWaitMax(t *testing.T) {
	// An hour-long Retry-After, if not capped, would pass the call's
	// MaxElapsed limit, and the client would give up instead of retrying.
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "3600"}},
		okBody(`{"data": []}`),
	)
	mustList(t, newTestClient(t, base, retries(1), waits(time.Millisecond, 30*time.Millisecond)))
	hits := rec.all()
	if len(hits) != 2 {
		t.Fatalf("server got %d requests, want 2", len(hits))
	}
	if gap := hits[1].at.Sub(hits[0].at); gap < 30*time.Millisecond {
		t.Errorf("retried %s after a Retry-After capped at 30ms; want at least the cap", gap)
	}
}

func TestRetryAfterRaisedToWaitMin(t *testing.T) {
	base, rec := scripted(t,
		fakeapi.Reply{Status: http.StatusServiceUnavailable, Header: map[string]string{"Retry-After": "0"}},
		okBody(`{"data": []}`),
	)
	mustList(t, newTestClient(t, base, retries(1), waits(40*time.Millisecond, 50*time.Millisecond)))
	if hits := rec.all(); len(hits) != 2 || hits[1].at.Sub(hits[0].at) < 40*time.Millisecond {
		t.Errorf("a Retry-After of 0 did not wait retry_wait_min")
	}
}

func TestMaxElapsedStopsRetries(t *testing.T) {
	base, rec := scripted(t, repeat(4, fakeapi.Reply{Status: http.StatusServiceUnavailable})...)
	c := newTestClient(t, base, retries(3), waits(time.Second, time.Second), func(c *Config) { c.MaxElapsed = 100 * time.Millisecond })
	e := mustFail(t, c, KindServer)
	if rec.count() != 1 || e.Attempts != 1 {
		t.Errorf("server got %d requests, Attempts = %d; want 1 and 1", rec.count(), e.Attempts)
	}
	wantContains(t, "detail", e.Detail, "after 1 attempt, stopping because the next wait would pass the 100ms limit")
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
	}{
		{"", -1},
		{"   ", -1},
		{"0", 0},
		{"1", time.Second},
		{" 120 ", 2 * time.Minute},
		{"-1", -1},
		{"1.5", -1},
		{"soon", -1},
		{"10s", -1},
		{"86400", 24 * time.Hour},
		{"86401", 24 * time.Hour},
		{"9223372036854775807", 24 * time.Hour},
		{"99999999999999999999", -1},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"Sat, 14 Mar 2026 09:27:23 GMT", 30 * time.Second},
		{"Saturday, 14-Mar-26 09:27:03 GMT", 10 * time.Second}, // RFC 850
		{"Sat Mar 14 09:28:53 2026", 2 * time.Minute},          // ANSI C asctime
		{now.Format(http.TimeFormat), 0},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"Sat, 14 Mar 2026 25:00:00 GMT", -1},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.header, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

func TestBackoffWithinBounds(t *testing.T) {
	bounds := []struct{ lo, hi time.Duration }{
		{time.Millisecond, 5 * time.Millisecond},
		{time.Second, 30 * time.Second},
		{time.Second, time.Second},
		{1, 2},
		{1, math.MaxInt64},
		{3 * time.Second, 7 * time.Minute},
		{(1 << 33) + 1, 60 * time.Second}, // waitMin<<31 wraps around int64
		{10 * time.Second, 10*time.Second + 1},
		{math.MaxInt64 / 4, math.MaxInt64},
	}
	attempts := []int{1, 2, 3, 4, 5, 10, 20, 30, 31, 32, 33, 34, 40, 62, 63, 64, 65, 100, 1000, math.MaxInt32, math.MaxInt - 1, math.MaxInt}
	for _, b := range bounds {
		c := &Client{waitMin: b.lo, waitMax: b.hi}
		// The client goes straight to waitMax past 31 doublings, so the
		// exact exponential is checked only where it reaches waitMax first.
		exact := float64(b.hi)/float64(b.lo) <= 1<<31
		for _, attempt := range attempts {
			exp := expBackoff(b.lo, b.hi, attempt)
			for range 200 {
				d := c.backoff(attempt, -1)
				if d < b.lo || d > b.hi {
					t.Fatalf("[%v, %v] attempt %d: backoff = %v, out of bounds", b.lo, b.hi, attempt, d)
				}
				// Equal jitter: between half the exponential wait and all of it.
				if exact && (d < max(exp/2, b.lo) || d > exp) {
					t.Fatalf("[%v, %v] attempt %d: backoff = %v, want within [%v, %v]",
						b.lo, b.hi, attempt, d, max(exp/2, b.lo), exp)
				}
			}
		}
	}
}

// expBackoff is waitMin * 2^(attempt-1), capped at waitMax, without overflow.
func expBackoff(lo, hi time.Duration, attempt int) time.Duration {
	d := lo
	for i := 1; i < attempt; i++ {
		if d > hi/2 {
			return hi
		}
		d *= 2
	}
	return min(d, hi)
}

func TestBackoffGrowsAndJitters(t *testing.T) {
	c := &Client{waitMin: 100 * time.Millisecond, waitMax: 10 * time.Second}
	seen := map[time.Duration]bool{}
	for range 100 {
		d := c.backoff(4, -1)
		if d < 400*time.Millisecond || d > 800*time.Millisecond {
			t.Fatalf("attempt 4: backoff = %v, want within [400ms, 800ms]", d)
		}
		seen[d] = true
	}
	if len(seen) < 2 {
		t.Errorf("100 waits were all %v: no jitter", seen)
	}
	if d := c.backoff(1, -1); d != 100*time.Millisecond {
		t.Errorf("attempt 1: backoff = %v, want retry_wait_min", d)
	}
}

func TestBackoffUsesRetryAfter(t *testing.T) {
	c := &Client{waitMin: 10 * time.Millisecond, waitMax: time.Second}
	for retryAfter, want := range map[time.Duration]time.Duration{
		0:                      10 * time.Millisecond,
		5 * time.Millisecond:   10 * time.Millisecond,
		250 * time.Millisecond: 250 * time.Millisecond,
		time.Second:            time.Second,
		24 * time.Hour:         time.Second,
	} {
		for _, attempt := range []int{1, 5, math.MaxInt} {
			if got := c.backoff(attempt, retryAfter); got != want {
				t.Errorf("backoff(%d, %v) = %v, want %v", attempt, retryAfter, got, want)
			}
		}
	}
}

func TestTimeoutWhileWaitingForHeaders(t *testing.T) {
	for _, maxRetries := range []int{0, 1} {
		t.Run(strconv.Itoa(maxRetries)+" retries", func(t *testing.T) {
			base, rec := scripted(t, repeat(2, fakeapi.Reply{Delay: safetyTimeout, Body: `{"data": []}`})...)
			e := mustFail(t, newTestClient(t, base, retries(maxRetries), timeout(50*time.Millisecond)), KindTimeout)
			if rec.count() != maxRetries+1 || e.Attempts != maxRetries+1 {
				t.Errorf("server got %d requests, Attempts = %d; want %d", rec.count(), e.Attempts, maxRetries+1)
			}
			wantContains(t, "detail", e.Detail, "request_timeout (50ms)")
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
	if rec.count() != 2 || e.Attempts != 2 {
		t.Errorf("server got %d requests, Attempts = %d; want 2: a timeout is retried", rec.count(), e.Attempts)
	}
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	_ = ln.Close()

	e := mustFail(t, newTestClient(t, closed, retries(2)), KindConnection)
	if e.Attempts != 3 || e.StatusCode != 0 {
		t.Errorf("Attempts, StatusCode = %d, %d; want 3, 0", e.Attempts, e.StatusCode)
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
	if e.Attempts != 2 || rec.count() < 2 {
		t.Errorf("Attempts = %d, server got %d requests; want 2 attempts", e.Attempts, rec.count())
	}
}

func TestMalformedBodies(t *testing.T) {
	for _, tt := range malformedBodies {
		t.Run(tt.name, func(t *testing.T) {
			base, rec := scripted(t, okBody(tt.body), okBody(`{"data": []}`))
			e := mustFail(t, newTestClient(t, base, retries(1)), KindMalformed)
			if rec.count() != 1 {
				t.Errorf("server got %d requests, want 1: a malformed body is not retried", rec.count())
			}
			if e.StatusCode != http.StatusOK {
				t.Errorf("StatusCode = %d, want 200", e.StatusCode)
			}
			wantContains(t, "detail", e.Detail, append(tt.wantDetail, "HTTP 200 OK", "base_url")...)
			if strings.TrimSpace(tt.body) != "" {
				excerpt := excerptOf(t, e.Detail)
				checkExcerpt(t, excerpt)
			}
		})
	}
}

// checkExcerpt checks that a quoted excerpt is short and printable.
func checkExcerpt(t *testing.T, excerpt string) {
	t.Helper()
	if n := len([]rune(excerpt)); n > maxExcerpt+1 {
		t.Errorf("excerpt is %d characters long, want at most %d: %q", n, maxExcerpt+1, excerpt)
	}
	if len(excerpt) > maxExcerpt+8 {
		t.Errorf("excerpt is %d bytes long: %q", len(excerpt), excerpt)
	}
	for _, r := range excerpt {
		if r < 0x20 || r == 0x7f {
			t.Errorf("excerpt holds the control character %U: %q", r, excerpt)
		}
	}
	if strings.Contains(excerpt, "  ") {
		t.Errorf("excerpt does not fold white space: %q", excerpt)
	}
}

func TestMalformedHTMLExcerptIsShort(t *testing.T) {
	page := "<html><body>\x00\x1b[31m" + strings.Repeat("\u00e9\tword\r\n", 500) + "</body></html>"
	base, _ := scripted(t, okBody(page))
	e := mustFail(t, newTestClient(t, base), KindMalformed)
	excerpt := excerptOf(t, e.Detail)
	checkExcerpt(t, excerpt)
	if !strings.HasSuffix(excerpt, "\u2026") {
		t.Errorf("a cut excerpt should end with an ellipsis: %q", excerpt)
	}
	if !strings.HasPrefix(excerpt, "<html><body>\uFFFD\uFFFD[31m\u00e9 word \u00e9 word") {
		t.Errorf("excerpt = %q, want control characters replaced and white space folded", excerpt)
	}
	if len(e.Detail) > 1000 {
		t.Errorf("detail is %d bytes long for a %d-byte page", len(e.Detail), len(page))
	}
}

func TestUnsuccessful(t *testing.T) {
	for _, tt := range unsuccessfulBodies {
		t.Run(tt.name, func(t *testing.T) {
			base, rec := scripted(t, okBody(tt.body), okBody(`{"data": []}`))
			e := mustFail(t, newTestClient(t, base, retries(2)), KindUnsuccessful)
			if rec.count() != 1 || e.StatusCode != http.StatusOK {
				t.Errorf("server got %d requests, StatusCode = %d; want 1 and 200", rec.count(), e.StatusCode)
			}
			wantContains(t, "detail", e.Detail, tt.wantDetail...)
		})
	}
}

func TestBodyTooLarge(t *testing.T) {
	const limit = 1024
	big := `{"success": true, "data": [` + strings.TrimSuffix(strings.Repeat(`{"id": "0123456789"},`, 100), ",") + `]}`
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"content length over the limit", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			_, _ = w.Write([]byte(big))
		}},
		{"chunked over the limit", func(w http.ResponseWriter, r *http.Request) {
			writeChunked(w, big)
		}},
		{"chunked, limit passed by trailing white space", func(w http.ResponseWriter, r *http.Request) {
			writeChunked(w, `{"data": []}`+strings.Repeat(" ", 2*limit))
		}},
		{"chunked, never ending", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"data": [`))
			for r.Context().Err() == nil {
				if _, err := w.Write([]byte(`{"id": "x"},`)); err != nil {
					return
				}
				_ = http.NewResponseController(w).Flush()
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, rec := serve(t, tt.handler)
			e := mustFail(t, newTestClient(t, base, retries(2), maxBody(limit)), KindTooLarge)
			if rec.count() != 1 || e.Attempts != 1 {
				t.Errorf("server got %d requests, Attempts = %d; want 1: a body too large is not retried", rec.count(), e.Attempts)
			}
			wantContains(t, "detail", e.Detail, "larger than the 1024 bytes limit")
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
			if len(list.Users) != 1 {
				t.Errorf("got %d users, want 1", len(list.Users))
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
	wantContains(t, "detail", e.Detail, "larger than the 64 MiB limit")
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
			if got := ids(list.Users); len(got) != 1 || got[0] != "moved" {
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
			if rec.count() != 1 || e.Attempts != 1 {
				t.Errorf("first server got %d requests, Attempts = %d; want 1: a refused redirect is not retried", rec.count(), e.Attempts)
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

func TestCancelDuringBackoff(t *testing.T) {
	arrived := make(chan struct{}, 10)
	base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		arrived <- struct{}{}
	}))
	c := newTestClient(t, base, retries(3), waits(time.Minute, time.Minute))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-arrived
		time.Sleep(20 * time.Millisecond) // let the client read the answer and start waiting
		cancel()
	}()
	_, err := listUsers(t, ctx, c)
	e := wantError(t, err, KindCanceled)
	if rec.count() != 1 || e.Attempts != 1 {
		t.Errorf("server got %d requests, Attempts = %d; want 1", rec.count(), e.Attempts)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error does not wrap context.Canceled: %v", e.Unwrap())
	}
	wantContains(t, "detail", e.Detail, "canceled", "(1 attempt)")
}

func TestCancelDuringSlowResponse(t *testing.T) {
	for _, stage := range []string{"headers", "body"} {
		for _, maxRetries := range []int{0, 3} {
			t.Run(fmt.Sprintf("%s, %d retries", stage, maxRetries), func(t *testing.T) {
				arrived := make(chan struct{}, 10)
				base, rec := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if stage == "body" {
						w.WriteHeader(http.StatusOK)
						_, _ = w.Write([]byte(`{"data": [`))
						_ = http.NewResponseController(w).Flush()
					}
					arrived <- struct{}{}
					waitGone(r)
				}))
				c := newTestClient(t, base, retries(maxRetries), timeout(time.Minute))
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				go func() {
					<-arrived
					cancel()
				}()
				_, err := listUsers(t, ctx, c)
				e := wantError(t, err, KindCanceled)
				if rec.count() != 1 || e.Attempts != 1 {
					t.Errorf("server got %d requests, Attempts = %d; want 1: a canceled call is not retried", rec.count(), e.Attempts)
				}
				if !errors.Is(err, context.Canceled) {
					t.Errorf("error does not wrap context.Canceled: %v", e.Unwrap())
				}
			})
		}
	}
}

func TestCanceledBeforeTheCall(t *testing.T) {
	base, _ := scripted(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := listUsers(t, ctx, newTestClient(t, base, retries(3)))
	e := wantError(t, err, KindCanceled)
	if e.Attempts != 1 {
		t.Errorf("Attempts = %d, want 1", e.Attempts)
	}
}

func TestCallerDeadlineIsNotATimeout(t *testing.T) {
	for _, maxRetries := range []int{0, 3} {
		base, _ := scripted(t, fakeapi.Reply{Delay: safetyTimeout})
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		_, err := listUsers(t, ctx, newTestClient(t, base, retries(maxRetries), timeout(time.Minute)))
		cancel()
		if e := wantError(t, err, KindCanceled); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error does not wrap the caller's context.DeadlineExceeded: %v", e.Unwrap())
		}
	}
}

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

func TestConcurrentCallsShareOneRequest(t *testing.T) {
	g := newGate(`{"data": [{"id": "b"}, {"id": "a"}]}`)
	base, rec := serve(t, g)
	c := newTestClient(t, base)
	type result struct {
		list *UserList
		err  error
	}
	results := make(chan result, 8)
	for range 8 {
		go func() {
			list, err := c.ListOrganizationUsers(context.Background())
			results <- result{list, err}
		}()
	}
	<-g.arrived
	time.Sleep(20 * time.Millisecond) // let the other callers join the call in flight
	close(g.release)

	var first *UserList
	for range 8 {
		select {
		case r := <-results:
			if r.err != nil {
				t.Fatal(r.err)
			}
			if got := ids(r.list.Users); len(got) != 2 || got[0] != "a" {
				t.Errorf("users = %q, want [a b]", got)
			}
			if first == nil {
				first = r.list
			} else if r.list != first {
				t.Error("concurrent callers got different lists")
			}
		case <-time.After(safetyTimeout):
			t.Fatal("concurrent calls did not return")
		}
	}
	if rec.count() != 1 {
		t.Errorf("server got %d requests, want 1 for all the concurrent callers", rec.count())
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
	leader := make(chan error, 1)
	go func() {
		_, err := c.ListOrganizationUsers(context.Background())
		leader <- err
	}()
	<-g.arrived
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(20 * time.Millisecond) // let the caller start waiting
		cancel()
	}()
	_, err := listUsers(t, ctx, c)
	e := wantError(t, err, KindCanceled)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error does not wrap context.Canceled: %v", e.Unwrap())
	}
	if e.Attempts != 0 {
		t.Errorf("Attempts = %d, want 0: the canceled caller sent no request of its own", e.Attempts)
	}
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	leader := make(chan error, 1)
	go func() {
		_, err := c.ListOrganizationUsers(ctx)
		leader <- err
	}()
	<-g.arrived
	follower := make(chan error, 1)
	go func() {
		_, err := c.ListOrganizationUsers(context.Background())
		follower <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the second caller start waiting
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
