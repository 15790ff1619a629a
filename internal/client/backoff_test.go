package client

import (
	"context"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

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
