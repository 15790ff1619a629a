package fakeapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestRateLimit: past the limit, requests get 429 with the seconds left in
// the minute; the next minute allows the limit again.
func TestRateLimit(t *testing.T) {
	s := New("t", SampleUsers())
	s.SetRateLimit(3)
	now := time.Unix(1_800_000_000, 0)
	s.limit.now = func() time.Time { return now }
	get := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/organization/users", nil)
		r.Header.Set("Authorization", "Bearer t")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}
	for i := range 3 {
		if w := get(); w.Code != http.StatusOK {
			t.Fatalf("request %d: %d, want 200", i+1, w.Code)
		}
	}
	now = now.Add(20 * time.Second)
	w := get()
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "40" {
		t.Errorf("the fourth request: %d, Retry-After %q; want 429 and 40", w.Code, w.Header().Get("Retry-After"))
	}
	now = now.Add(40 * time.Second)
	if w := get(); w.Code != http.StatusOK {
		t.Errorf("the first request of the next minute: %d, want 200", w.Code)
	}
	if s.RateLimited() != 1 || s.RequestCount() != 5 {
		t.Errorf("%d refused of %d, want 1 of 5", s.RateLimited(), s.RequestCount())
	}
}
