package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// retriedStatuses are the HTTP statuses after which a read is sent again:
// the API asked the caller to slow down, or failed for a while. It is the
// one list of them; RetriedStatuses gives it to the docs. writeSafe marks a
// status after which the server surely did not act, so that a write is sent
// again too: a 429 comes before any work and a 503 says the API is not
// serving, but a 500, 502 or 504 may come after the write took effect.
var retriedStatuses = []struct {
	code      int
	kind      ErrorKind
	writeSafe bool
}{
	{http.StatusTooManyRequests, KindRateLimited, true},
	{http.StatusInternalServerError, KindServer, false},
	{http.StatusBadGateway, KindServer, false},
	{http.StatusServiceUnavailable, KindServer, true},
	{http.StatusGatewayTimeout, KindServer, false},
}

// retriedStatus returns the kind of error a retried status ends with when
// the retries run out, and whether a write is sent again after it; retried
// is false for a status that is not retried.
func retriedStatus(code int) (kind ErrorKind, writeSafe, retried bool) {
	for _, s := range retriedStatuses {
		if s.code == code {
			return s.kind, s.writeSafe, true
		}
	}
	return 0, false, false
}

// RetriedStatuses returns the HTTP statuses after which a read is sent
// again, in ascending order.
func RetriedStatuses() []int {
	codes := make([]int, len(retriedStatuses))
	for i, s := range retriedStatuses {
		codes[i] = s.code
	}
	return codes
}

// mayRetry reports whether a failed attempt may be sent again.
//
// A read (GET, HEAD) retries every transient failure: a status of
// retriedStatuses, a connection error and a timeout.
//
// A write (POST, PUT, PATCH, DELETE) is not idempotent: a create sent twice
// may create twice. So it retries only a failure after which the server
// surely did not act on it: a connection that could not be made, and a
// status retriedStatuses marks writeSafe. A timeout, a dropped connection
// and the other statuses may come after the write took effect, and are
// returned to the caller, who can read the state again.
func mayRetry(method string, f *failure) bool {
	if !f.transient {
		return false
	}
	switch method {
	case http.MethodGet, http.MethodHead:
		return true
	}
	return f.unsent
}

// do sends req, retrying as mayRetry allows, within MaxRetries and
// MaxElapsed, and returns nil or an *Error. Once the run's retry budget is
// spent (giveUp), it fails at once, but for one probe after a pause (see
// outage).
func (c *Client) do(ctx context.Context, req *Request, read readFunc) (err error) {
	maxRetries := c.maxRetries
	gaveUp, noAnswer := false, false
	if down := c.down.Load(); down != nil {
		if !c.outage.claim(c.now(), c.probeWait) {
			return down
		}
		// The probe: one attempt, whose answer tells whether the API is back.
		maxRetries = 0
		tflog.Info(ctx, "Flashback API: probing with one request whether the API is back", map[string]any{"call": req.method() + " " + req.Path})
		defer func() {
			if gaveUp || noAnswer || canceled(err) {
				c.outage.end(c.now(), gaveUp)
				return
			}
			tflog.Info(ctx, "Flashback API answered the probe; calls are retried again")
			c.down.Store(nil)
			c.outage.end(c.now(), false)
		}()
	}
	payload, err := encodeBody(req.Body)
	if err != nil {
		return (&failure{kind: KindHTTPStatus, message: "the request body cannot be encoded: " + err.Error(), cause: err}).toError(c, req, 0, false)
	}
	ctx = c.secrets.maskLogs(ctx)
	start := time.Now()
	renewed := false // whether this call signed in again after a 401
	retries := 0     // the retries made: the attempt after a new sign-in is not one
	masked := ""     // the last token masked in ctx
	acted := false   // whether a failed attempt of a write may have taken effect
	// fail marks the error of a write whose outcome is unknown, in a copy:
	// the error a failed sign-in or a spent budget keeps for later calls
	// (signIn.fail, giveUp) is not about their writes. A detail that says
	// already that the write was not retried needs no more words.
	fail := func(e *Error, f *failure) *Error { return e.markOutcome(acted, !f.notRetried) }
	for attempt := 1; ; attempt++ {
		token, f := c.token(ctx, req)
		if f == nil {
			if token != masked {
				ctx, masked = c.secrets.maskLogs(ctx), token // a token a sign-in just got
			}
			f = c.attempt(ctx, req, payload, token, read)
		}
		if f == nil {
			return nil
		}
		acted = acted || req.method() != http.MethodGet && req.method() != http.MethodHead && f.mayHaveActed()
		var sourceErr *Error
		if f.fromTokens && errors.As(f.cause, &sourceErr) {
			noAnswer = true // the token's source failed: nothing was sent
			return sourceErr
		}
		if f.kind == KindUnauthorized && c.signIn != nil && token != "" {
			if renewed {
				// The token of a new sign-in was refused too: so are the
				// run's other calls, at once, rather than sign in again.
				f.renewed = true
				return fail(c.signIn.fail(token, f.toError(c, req, attempt, false)), f)
			}
			// The token expired or was revoked: sign in again, once.
			renewed = true
			c.signIn.reject(token)
			tflog.Info(ctx, "Flashback API rejected the access token of the sign-in; signing in again")
			continue
		}
		if !mayRetry(req.method(), f) {
			// A write that may have acted is not repeated: say so, rather
			// than that it kept failing.
			f.notRetried = f.transient
			return fail(f.toError(c, req, attempt, false), f)
		}
		if retries >= maxRetries {
			gaveUp = true
			return fail(c.giveUp(f.toError(c, req, attempt, false)), f)
		}
		retries++
		wait := c.backoff(retries, f.retryAfter, f.retryAfterSet)
		if time.Since(start)+wait > c.maxElapsed {
			gaveUp = true
			return fail(c.giveUp(f.toError(c, req, attempt, true)), f)
		}
		tflog.Warn(ctx, "Flashback API request failed, retrying", map[string]any{
			"attempt": attempt, "status": f.status, "error": f.message, "wait": wait.String(),
		})
		if c.hooks.backoff != nil {
			c.hooks.backoff(wait)
		}
		if err := sleep(ctx, wait); err != nil {
			canceled := &failure{kind: KindCanceled, cause: err}
			return fail(canceled.toError(c, req, attempt, false), canceled)
		}
	}
}

// mayHaveActed reports whether the server may have acted on the attempt
// that failed so: it got the request, and the answer does not say that
// nothing was done. A 503 counts: a proxy may send it after the API acted.
// A 2xx answer that could not be read was an action taken.
func (f *failure) mayHaveActed() bool {
	switch f.kind {
	case KindConnection:
		return !f.unsent
	case KindTimeout, KindCanceled, KindServer:
		return true
	case KindMalformed, KindTooLarge:
		return f.status >= 200 && f.status < 300
	}
	return false
}

// giveUp records that a call used up its retries on a failure that may
// pass, and returns its error. The client has one retry budget for its
// life, a Terraform run: every later call fails at once with this error,
// rather than wait out the same outage again (see do), until a probe finds
// the API back.
func (c *Client) giveUp(e *Error) *Error {
	if c.down.CompareAndSwap(nil, e) {
		c.outage.end(c.now(), true)
	}
	return e
}

// outage holds, once the run's retry budget is spent, when the next probe
// may go: one call, with one attempt, after probeWait without one. A
// probe that the API answers, whatever it answers, restores the budget;
// one that fails as the outage did waits probeWait again. So a dead API
// gets the budget's requests and then one every probeWait (at least
// minProbeWait, and retry_wait_max when longer), and a live one wins the
// run back after a short outage.
type outage struct {
	mu      sync.Mutex
	since   time.Time // when the budget was spent, or the last probe failed
	probing bool
}

// minProbeWait is the shortest pause before a probe.
const minProbeWait = 5 * time.Second

// claim reports whether the caller may probe now, and if so, makes it the
// probe: the others keep failing at once until it ends.
func (o *outage) claim(now time.Time, wait time.Duration) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.probing || now.Sub(o.since) < wait {
		return false
	}
	o.probing = true
	return true
}

// end ends a probe, if one was made; failed restarts the pause.
func (o *outage) end(now time.Time, failed bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.probing = false
	if failed {
		o.since = now
	}
}

// backoff returns the wait before the next attempt: the server's
// Retry-After when it sent one (given), else exponential with jitter,
// always within [waitMin, waitMax].
func (c *Client) backoff(attempt int, retryAfter time.Duration, given bool) time.Duration {
	if given {
		return min(max(retryAfter, c.waitMin), c.waitMax)
	}
	d := c.waitMax
	// Compare before shifting: waitMin << shift can overflow and wrap
	// around to a short wait.
	if shift := attempt - 1; shift < 32 && c.waitMin <= c.waitMax>>shift {
		d = c.waitMin << shift
	}
	// Equal jitter: half fixed, half random, so that parallel runs spread out.
	d = d/2 + rand.N(d/2+1)
	return min(max(d, c.waitMin), c.waitMax)
}

// maxRetryAfter bounds the wait read from a Retry-After header before
// backoff caps it at waitMax: a day, far above any waitMax, and far from
// the overflow of a time.Duration.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
// It returns false when the header is absent or unreadable. A number of
// seconds too large even for an int64 is a very long wait, not nonsense.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
