package fakeapi

import (
	"net/http"
	"strconv"
	"time"
)

// rateLimit is the fake's rate limit: at most perMinute requests in each
// minute, counted from the first request of the minute; the requests past
// it get 429 with Retry-After, the seconds left in the minute.
type rateLimit struct {
	perMinute int
	start     time.Time
	n         int
	refused   int
	now       func() time.Time
}

// SetRateLimit makes the server allow perMinute requests a minute, and
// answer those past it 429 {success:false, message:"Too many requests"}
// with Retry-After: the seconds until the minute ends. Zero lifts the
// limit. Every request counts, the refused ones too, as at an API gateway.
func (s *Server) SetRateLimit(perMinute int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limit = rateLimit{perMinute: perMinute, now: time.Now}
}

// RateLimited returns how many requests the rate limit refused.
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limit.refused
}

// limited counts a request against the rate limit, and returns the 429 to
// serve when it is over; s.mu is held.
func (s *Server) limited() *Reply {
	l := &s.limit
	if l.perMinute <= 0 {
		return nil
	}
	now := l.now()
	if l.start.IsZero() || now.Sub(l.start) >= time.Minute {
		l.start, l.n = now, 0
	}
	l.n++
	if l.n <= l.perMinute {
		return nil
	}
	l.refused++
	wait := max(int((time.Minute-now.Sub(l.start)+time.Second-1)/time.Second), 1)
	return &Reply{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": strconv.Itoa(wait)},
		Body: `{"success": false, "message": "Too many requests"}`}
}
