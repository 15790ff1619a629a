package client

import (
	"net/http"
	"strings"
	"testing"
)

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
