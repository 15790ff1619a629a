package client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

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
		{http.StatusNotFound, `{"success": false, "error": "Route GET /organization/users not found"}`, KindNotFound,
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
			if e.StatusCode != tt.status {
				t.Errorf("StatusCode = %d; want %d", e.StatusCode, tt.status)
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
				if e.StatusCode != tt.status {
					t.Errorf("StatusCode = %d; want %d", e.StatusCode, tt.status)
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
	if rec.count() != 1 {
		t.Errorf("server got %d requests; want 1 and 1", rec.count())
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
		{"99999999999999999999", 24 * time.Hour}, // more seconds than an int64 holds: capped, not ignored
		{"-99999999999999999999", -1},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"Sat, 14 Mar 2026 09:27:23 GMT", 30 * time.Second},
		{"Saturday, 14-Mar-26 09:27:03 GMT", 10 * time.Second}, // RFC 850
		{"Sat Mar 14 09:28:53 2026", 2 * time.Minute},          // ANSI C asctime
		{now.Format(http.TimeFormat), 0},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"Sat, 14 Mar 2026 25:00:00 GMT", -1},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.header, now)
		if want, wantOK := max(tt.want, 0), tt.want >= 0; got != want || ok != wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.header, got, ok, want, wantOK)
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
				d := c.backoff(attempt, 0, false)
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
		d := c.backoff(4, 0, false)
		if d < 400*time.Millisecond || d > 800*time.Millisecond {
			t.Fatalf("attempt 4: backoff = %v, want within [400ms, 800ms]", d)
		}
		seen[d] = true
	}
	if len(seen) < 2 {
		t.Errorf("100 waits were all %v: no jitter", seen)
	}
	if d := c.backoff(1, 0, false); d != 100*time.Millisecond {
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
			if got := c.backoff(attempt, retryAfter, true); got != want {
				t.Errorf("backoff(%d, %v) = %v, want %v", attempt, retryAfter, got, want)
			}
		}
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	base, rec := scripted(t, repeat(4, fakeapi.Reply{Status: http.StatusServiceUnavailable})...)
	c := newTestClient(t, base, retries(3), waits(time.Minute, time.Minute))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The hook runs as the wait starts; the cancel reaches the wait itself.
	c.hooks.backoff = func(time.Duration) { cancel() }
	_, err := listUsers(t, ctx, c)
	e := wantError(t, err, KindCanceled)
	if rec.count() != 1 {
		t.Errorf("server got %d requests; want 1", rec.count())
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
				if rec.count() != 1 {
					t.Errorf("server got %d requests; want 1: a canceled call is not retried", rec.count())
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
	wantContains(t, "detail", e.Detail, "(1 attempt)")
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

// recordWaits makes c record each retry wait it starts.
func recordWaits(c *Client) *[]time.Duration {
	var waits []time.Duration
	c.hooks.backoff = func(d time.Duration) { waits = append(waits, d) }
	return &waits
}

// TestBackoffGrowsWithoutRetryAfter: a connection error or a timeout
// carries no Retry-After, so the waits grow exponentially, with jitter.
func TestBackoffGrowsWithoutRetryAfter(t *testing.T) {
	const lo, hi = 2 * time.Millisecond, time.Second
	for name, base := range map[string]string{
		"connection refused": closedPort(t),
		"timeout": func() string {
			base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { waitGone(r) }))
			return base
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			c := newTestClient(t, base, retries(5), waits(lo, hi), timeout(20*time.Millisecond))
			waits := recordWaits(c)
			_, _ = listUsers(t, context.Background(), c)
			if len(*waits) != 5 {
				t.Fatalf("waited %d times, want 5", len(*waits))
			}
			for i, d := range *waits {
				if exp := expBackoff(lo, hi, i+1); d < max(exp/2, lo) || d > exp {
					t.Errorf("wait %d = %v, want within [%v, %v]: %v", i+1, d, max(exp/2, lo), exp, *waits)
				}
			}
		})
	}
}

// TestAbsurdRetryAfterWaitsRetryWaitMax: a Retry-After past what an int64
// of seconds holds is a very long wait, capped at retry_wait_max.
func TestAbsurdRetryAfterWaitsRetryWaitMax(t *testing.T) {
	base, _ := scripted(t,
		fakeapi.Reply{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "99999999999999999999"}},
		okBody(`{"data": []}`),
	)
	c := newTestClient(t, base, retries(1), waits(time.Millisecond, 20*time.Millisecond))
	waits := recordWaits(c)
	mustList(t, c)
	if len(*waits) != 1 || (*waits)[0] != 20*time.Millisecond {
		t.Errorf("waits = %v, want retry_wait_max (20ms)", *waits)
	}
}
