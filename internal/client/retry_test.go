package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
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
	// The docs show RetriedStatuses: it must be the statuses retried here.
	var codes []int
	for _, tt := range tests {
		codes = append(codes, tt.status)
	}
	if got := RetriedStatuses(); !slices.Equal(got, codes) {
		t.Errorf("RetriedStatuses() = %v, want the statuses retried, %v", got, codes)
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
	if got := ids(list.Users()); len(got) != 2 || got[0] != "a" || got[1] != "b" {
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
	wantContains(t, "detail", e.Detail, "after 1 attempt, stopping because the next wait would pass the 100 milliseconds limit")
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
