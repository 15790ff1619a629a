package client

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// echoHandler answers with status and a body built from the request's
// Authorization header, as a debugging proxy might.
func echoHandler(status int, body func(auth string) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body(r.Header.Get("Authorization"))))
	})
}

func jsonMessage(auth string) string {
	return `{"success": false, "message": "rejected Authorization header: ` + auth + `", "error": "` + auth + `"}`
}

func TestErrorBodyEchoingTheTokenIsRedacted(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   func(string) string
		kind   ErrorKind
	}{
		{"401", http.StatusUnauthorized, jsonMessage, KindUnauthorized},
		{"403", http.StatusForbidden, jsonMessage, KindForbidden},
		{"400", http.StatusBadRequest, jsonMessage, KindHTTPStatus},
		{"404", http.StatusNotFound, jsonMessage, KindNotFound},
		{"429", http.StatusTooManyRequests, jsonMessage, KindRateLimited},
		{"500", http.StatusInternalServerError, jsonMessage, KindServer},
		{"error code", http.StatusBadRequest, func(a string) string { return `{"error_code": "` + a + `"}` }, KindHTTPStatus},
		{"200 unsuccessful", http.StatusOK, jsonMessage, KindUnsuccessful},
		{"200 HTML", http.StatusOK, func(a string) string { return "<html><pre>" + a + "</pre></html>" }, KindMalformed},
		{"200 wrong type", http.StatusOK, func(a string) string { return `{"data": [{"id": "` + a + `", "orgRole": "x"}]}` }, KindMalformed},
		{"200 trailing data", http.StatusOK, func(a string) string { return `{"data": []} ` + a }, KindMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := serve(t, echoHandler(tt.status, tt.body))
			e := mustFail(t, newTestClient(t, base, retries(1)), tt.kind)
			wantContains(t, "detail", e.Detail, "[REDACTED]")
		})
	}
}

func TestTokenCutOffAtTheExcerptEdgeIsNotShown(t *testing.T) {
	// The token straddles the point where an excerpt is cut, so that a
	// redaction applied after the cut would find no whole token to hide.
	for offset := maxExcerpt - len(testToken) + 1; offset < maxExcerpt; offset += 3 {
		pad := strings.Repeat("x", offset)
		tests := []struct {
			name   string
			status int
			body   string
			kind   ErrorKind
		}{
			{"HTML page", http.StatusOK, "<p>" + pad[3:] + testToken + strings.Repeat(" more", 100), KindMalformed},
			{"unsuccessful", http.StatusOK, `{"success": false, "message": "` + pad + testToken + `"}`, KindUnsuccessful},
			{"error message", http.StatusBadRequest, `{"message": "` + pad + testToken + `"}`, KindHTTPStatus},
		}
		for _, tt := range tests {
			base, _ := scripted(t, fakeapi.Reply{Status: tt.status, Body: tt.body})
			_ = mustFail(t, newTestClient(t, base), tt.kind) // fails on any 8-byte piece of the token
		}
	}
}

func TestTokenCutOffWhereTheBodyIsNoLongerKept(t *testing.T) {
	// An indented body folds to a short excerpt that reaches the end of the
	// body's start that the client keeps; a token cut there must not show.
	const kept = 2 * maxExcerpt
	indent := strings.Repeat("\n        ", 25)
	for cut := 1; cut < len(testToken); cut++ {
		for _, tt := range []struct {
			head, tail string
			kind       ErrorKind
		}{
			{"<html>" + indent + "<pre>", strings.Repeat(" z", 100), KindMalformed},
			{`{"success": false,` + indent + `"x": "`, `"}`, KindUnsuccessful},
		} {
			body := tt.head + strings.Repeat("y", kept-cut-len(tt.head)) + testToken + tt.tail
			base, _ := scripted(t, okBody(body))
			e := mustFail(t, newTestClient(t, base), tt.kind) // fails on any 8-byte piece of the token
			if !strings.Contains(e.Detail, "yyyyy") {
				t.Fatalf("the excerpt does not reach the end of the kept bytes, so this test shows nothing: %s", e.Detail)
			}
		}
	}
}

func TestTransportErrorsNeverShowTheToken(t *testing.T) {
	// A base URL path holding the token's text must still not show it.
	base, _ := scripted(t, repeat(2, fakeapi.Reply{Status: http.StatusServiceUnavailable})...)
	e := mustFail(t, newTestClient(t, base+"/"+testToken, retries(1)), KindServer)
	wantContains(t, "detail", e.Detail, "/[REDACTED]/organization/users")
}

func TestSanitize(t *testing.T) {
	long := strings.Repeat("abcdefghij", 40)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Bad Gateway", "Bad Gateway"},
		{"white space folded and trimmed", "\n\t  Bad \r\n\t Gateway \n", "Bad Gateway"},
		{"control characters replaced", "a\x00b\x1bc\x7fd", "a\uFFFDb\uFFFDc\uFFFDd"},
		{"invalid UTF-8 replaced", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"unicode kept", "caf\u00e9 \u65e5\u672c", "caf\u00e9 \u65e5\u672c"},
		{"no-break space folded", "a\u00a0\u00a0b", "a b"},
		{"long cut with an ellipsis", long, long[:maxExcerpt] + "\u2026"},
		{"exactly the limit", long[:maxExcerpt], long[:maxExcerpt]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize([]byte(tt.in)); got != tt.want {
				t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeBounds(t *testing.T) {
	inputs := []string{
		strings.Repeat("\u65e5", 200),
		strings.Repeat("\x00", 500),
		strings.Repeat(" a", 500),
		strings.Repeat("\xff", 500),
		strings.Repeat("\U0001F600", 100),
	}
	for _, in := range inputs {
		out := sanitize([]byte(in))
		if !utf8.ValidString(out) {
			t.Errorf("sanitize(%.20q...) = %q, not valid UTF-8", in, out)
		}
		if len(strings.TrimSuffix(out, "\u2026")) > maxExcerpt+utf8.UTFMax {
			t.Errorf("sanitize(%.20q...) is %d bytes long", in, len(out))
		}
		if !strings.HasSuffix(out, "\u2026") {
			t.Errorf("sanitize(%.20q...) = %q, cut without an ellipsis", in, out)
		}
	}
}

func TestByteSizeAndStatusText(t *testing.T) {
	for n, want := range map[int64]string{
		64 << 20: "64 MiB", 1 << 20: "1 MiB", 1 << 30: "1 GiB", 3 << 30: "3 GiB", 1024: "1,024 bytes", 999: "999 bytes", 0: "0 bytes",
		1<<20 + 1: "1,048,577 bytes (1.0 MiB)", 1<<30 + 1<<29: "1536 MiB", 1<<30 + 1: "1,073,741,825 bytes (1.0 GiB)",
	} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
	for code, want := range map[int]string{
		404: "HTTP 404 Not Found", 503: "HTTP 503 Service Unavailable", 599: "HTTP 599", 0: "HTTP 0",
	} {
		if got := statusText(code); got != want {
			t.Errorf("statusText(%d) = %q, want %q", code, got, want)
		}
	}
}

func TestErrorKindsHaveDistinctSummaries(t *testing.T) {
	c := newTestClient(t, "https://backend.flashback.tech")
	seen := map[string]ErrorKind{}
	for k := KindUnauthorized; k <= KindTLS; k++ {
		e := (&failure{kind: k, status: 500, message: "m " + testToken, location: "https://elsewhere.example/" + testToken}).toError(c, &usersRequest, 2, false)
		if e.Kind != k || e.StatusCode != 500 {
			t.Errorf("%s: Kind, StatusCode = %s, %d", kindName(k), kindName(e.Kind), e.StatusCode)
		}
		if e.Summary == "" || e.Detail == "" {
			t.Errorf("%s: empty summary or detail: %+v", kindName(k), e)
		}
		if other, dup := seen[e.Summary]; dup {
			t.Errorf("%s and %s share the summary %q", kindName(k), kindName(other), e.Summary)
		}
		seen[e.Summary] = k
		assertNoToken(t, kindName(k)+" error", e.Error())
		wantContains(t, kindName(k)+" detail", e.Detail, "https://backend.flashback.tech/organization/users")
	}
}
