package client

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// baseURLsAccepted are base URLs ParseBaseURL accepts, and what it makes
// of them; the fuzz targets start from them too.
var baseURLsAccepted = []struct {
	raw, want string
}{
	{"https://backend.flashback.tech", "https://backend.flashback.tech"},
	{"https://backend.flashback.tech/", "https://backend.flashback.tech"},
	{"https://backend.flashback.tech:8443", "https://backend.flashback.tech:8443"},
	{"https://gateway.example.com/flashback/api", "https://gateway.example.com/flashback/api"},
	{"https://gateway.example.com/flashback/api/", "https://gateway.example.com/flashback/api"},
	{"https://gateway.example.com/flashback/api///", "https://gateway.example.com/flashback/api"},
	{"HTTPS://backend.flashback.tech", "https://backend.flashback.tech"},
	{"http://localhost", "http://localhost"},
	{"http://localhost:8080/", "http://localhost:8080"},
	{"http://LocalHost:8080", "http://LocalHost:8080"},
	{"http://127.0.0.1:41234", "http://127.0.0.1:41234"},
	{"http://127.1.2.3/api/", "http://127.1.2.3/api"},
	{"http://[::1]:9000/", "http://[::1]:9000"},
	{"http://[::1]", "http://[::1]"},
}

func TestParseBaseURLAccepts(t *testing.T) {
	for _, tt := range baseURLsAccepted {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := ParseBaseURL(tt.raw)
			if err != nil {
				t.Fatalf("ParseBaseURL(%q): %v", tt.raw, err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("ParseBaseURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

// baseURLsRefused are base URLs ParseBaseURL refuses, and what its error says.
var baseURLsRefused = []struct {
	name, raw, wantErr string
}{
	{"empty", "", "empty"},
	{"blank", "   ", "empty"},
	{"relative path", "/organization", "not an absolute URL"},
	{"host without scheme", "backend.flashback.tech", "not an absolute URL"},
	{"scheme without host", "https://", "not an absolute URL"},
	{"port without host", "https://:443", "not an absolute URL"},
	{"http to a public host", "http://backend.flashback.tech", "plain http"},
	{"http to a private address", "http://10.0.0.1:8080", "plain http"},
	{"http to a look-alike of localhost", "http://localhost.evil.example", "plain http"},
	{"http to a look-alike of loopback", "http://127.0.0.1.evil.example", "plain http"},
	{"http to the unspecified address", "http://0.0.0.0:8080", "plain http"},
	{"http to localhost with a trailing dot, which DNS resolves", "http://localhost.:8080", "plain http"},
	{"http to a name under localhost", "http://api.localhost:8080", "plain http"},
	{"credentials", "https://" + email("user:secret", "backend.flashback.tech"), "credentials"},
	{"user only", "https://" + email("user", "backend.flashback.tech"), "credentials"},
	{"query", "https://backend.flashback.tech/?org=1", "query"},
	{"empty query", "https://backend.flashback.tech/?", "query"},
	{"fragment", "https://backend.flashback.tech/#users", "fragment"},
	{"empty fragment", "https://backend.flashback.tech/#", "fragment"},
	{"empty fragment after a path", "https://gateway.example.com/api#", "fragment"},
	{"dot-dot segment", "https://gateway.example.com/api/..", `segment ".."`},
	{"dot segment", "https://gateway.example.com/./api", `segment "."`},
	{"encoded dot-dot", "https://gateway.example.com/api/%2e%2e", `segment "%2e%2e"`},
	{"half-encoded dot-dot", "https://gateway.example.com/api/%2E./x", `segment "%2E."`},
	{"encoded dot", "https://gateway.example.com/%2e/api", `segment "%2e"`},
	{"dot-dot in the middle", "http://localhost:8080/a/../b", `segment ".."`},
	{"ftp", "ftp://backend.flashback.tech", "use https"},
	{"ws", "ws://localhost:8080", "use https"},
	{"unparseable", "https://backend.flashback.tech:port", "not a valid URL"},
	{"control character", "https://backend.flashback.tech/\x7f", "not a valid URL"},
}

func TestParseBaseURLRefuses(t *testing.T) {
	for _, tt := range baseURLsRefused {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ParseBaseURL(tt.raw)
			if err == nil {
				t.Fatalf("ParseBaseURL(%q) = %v, want an error", tt.raw, u)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseBaseURL(%q) error %q lacks %q", tt.raw, err, tt.wantErr)
			}
		})
	}
}

func TestParseBaseURLNeverEchoesCredentials(t *testing.T) {
	// Passwords holding what ends user information in a lenient reading:
	// no piece of any of them may show in the error.
	for _, password := range []string{testToken, "pa#ss-" + testToken, "pa?ss-" + testToken, "pa/ss-" + testToken, "p@ss-" + testToken} {
		for _, scheme := range []string{"https://", "http://", ""} {
			raw := scheme + "admin:" + password + "@backend.flashback.tech/api"
			_, err := ParseBaseURL(raw)
			if err == nil {
				t.Fatalf("%q was accepted", raw)
			}
			assertNoToken(t, "error", err.Error())
			if strings.Contains(err.Error(), "admin") || strings.Contains(err.Error(), "pa") || strings.Contains(err.Error(), "ss-") {
				t.Errorf("the error for %q repeats a piece of the user information: %v", raw, err)
			}
		}
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "localhost.": false, "LOCALHOST.": false,
		"127.0.0.1": true, "127.255.255.254": true, "::1": true,
		"": false, "localhost.localdomain": false, "mylocalhost": false,
		"128.0.0.1": false, "10.0.0.1": false, "::": false, "0.0.0.0": false,
		"backend.flashback.tech": false, "[::1]": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %t, want %t", host, got, want)
		}
	}
}

// durationsAccepted and durationsRefused are the durations the tests know:
// the value each gives, or what its error says.
var (
	durationsAccepted = map[string]time.Duration{
		"30s": 30 * time.Second, "1m30s": 90 * time.Second, "1ms": time.Millisecond, "1ns": 1, "2h": 2 * time.Hour,
	}
	durationsRefused = map[string]string{
		"": "not a duration", "abc": "not a duration", "30": "not a duration", "1 s": "not a duration",
		"0s": "greater than zero", "0": "greater than zero", "-1s": "greater than zero", "-1ns": "greater than zero",
	}
)

func TestParsePositiveDuration(t *testing.T) {
	for raw, want := range durationsAccepted {
		got, err := ParsePositiveDuration(raw)
		if err != nil || got != want {
			t.Errorf("ParsePositiveDuration(%q) = %v, %v; want %v", raw, got, err, want)
		}
	}
	for raw, wantErr := range durationsRefused {
		got, err := ParsePositiveDuration(raw)
		if err == nil {
			t.Errorf("ParsePositiveDuration(%q) = %v, want an error", raw, got)
			continue
		}
		if !strings.Contains(err.Error(), wantErr) {
			t.Errorf("ParsePositiveDuration(%q) error %q lacks %q", raw, err, wantErr)
		}
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	tests := []struct {
		name      string
		cfg       Config
		wantField string
		wantErr   string
	}{
		{"no token", Config{BaseURL: DefaultBaseURL}, "Token", "no access token"},
		{"bad base URL", Config{BaseURL: "http://backend.flashback.tech", Token: testToken}, "BaseURL", "clear text"},
		{"empty base URL", Config{Token: testToken}, "BaseURL", "empty"},
		{
			"wait max below wait min",
			Config{BaseURL: DefaultBaseURL, Token: testToken, RetryWaitMin: 2 * time.Second, RetryWaitMax: time.Second},
			"RetryWaitMax", "retry_wait_max (1 second) is shorter than retry_wait_min (2 seconds)",
		},
		{
			"wait min above the default wait max",
			Config{BaseURL: DefaultBaseURL, Token: testToken, RetryWaitMin: DefaultRetryWaitMax + time.Second},
			"RetryWaitMax", "shorter than retry_wait_min",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("New(%+v) = %+v, %v; want a *ConfigError", tt.cfg, c, err)
			}
			if ce.Field != tt.wantField || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error on %s %q, want on %s with %q", ce.Field, err, tt.wantField, tt.wantErr)
			}
			assertNoToken(t, "error", err.Error())
		})
	}
}

func TestNewAcceptsEqualWaits(t *testing.T) {
	if _, err := New(Config{BaseURL: DefaultBaseURL, Token: testToken, RetryWaitMin: time.Second, RetryWaitMax: time.Second}); err != nil {
		t.Fatalf("New refused equal waits: %v", err)
	}
}

func TestNewDefaults(t *testing.T) {
	c, err := New(Config{BaseURL: DefaultBaseURL + "/", Token: testToken, MaxRetries: -3})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.url(UsersPath), DefaultBaseURL+UsersPath; got != want {
		t.Errorf("url(UsersPath) = %q, want %q", got, want)
	}
	if c.timeout != DefaultRequestTimeout || c.waitMin != DefaultRetryWaitMin || c.waitMax != DefaultRetryWaitMax ||
		c.maxBody != DefaultMaxBodyBytes || c.maxElapsed != DefaultMaxElapsed {
		t.Errorf("defaults not applied: timeout %v, waits [%v, %v], max body %d, max elapsed %v",
			c.timeout, c.waitMin, c.waitMax, c.maxBody, c.maxElapsed)
	}
	if c.maxRetries != 0 {
		t.Errorf("negative MaxRetries became %d, want 0", c.maxRetries)
	}
}

func TestURLKeepsPathPrefix(t *testing.T) {
	c := newTestClient(t, "https://gateway.example.com/flashback/v1/")
	if got, want := c.url(UsersPath), "https://gateway.example.com/flashback/v1/organization/users"; got != want {
		t.Errorf("url(UsersPath) = %q, want %q", got, want)
	}
}
