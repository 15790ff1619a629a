package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1": true, "127.1.2.3": true, "::1": true, "localhost": true,
		"localhost.": false, "0.0.0.0": false, "example.com": false, "10.0.0.1": false, "": false,
	} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestDelayedAnswersNoSooner shows that -latency holds every answer back by
// at least its duration (a lower bound, which load cannot break), and that a
// request given up while it waits is not served.
func TestDelayedAnswersNoSooner(t *testing.T) {
	served := 0
	h := delayed{next: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { served++ }), by: 30 * time.Millisecond}

	start := time.Now()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/organization/users", nil))
	if waited := time.Since(start); waited < 30*time.Millisecond || served != 1 {
		t.Errorf("served %d requests after %s; want 1, after at least 30ms", served, waited)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/organization/users", nil).WithContext(ctx))
	if served != 1 {
		t.Errorf("a request given up while it waited was served")
	}
}
