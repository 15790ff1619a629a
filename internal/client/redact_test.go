package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/redacttest"
)

// lowerEscapes writes percent-escapes with lower-case hex, as some
// servers do.
func lowerEscapes(s string) string {
	return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(s, strings.ToLower)
}

// tokenForms are the ways a server may echo redacttest.SlashToken, written out here
// independently of the code under test.
func tokenForms() map[string]string {
	basic := base64.StdEncoding.EncodeToString([]byte("user:" + redacttest.SlashToken))
	return map[string]string{
		"raw":                      redacttest.SlashToken,
		"JSON-escaped":             strings.ReplaceAll(redacttest.SlashToken, "/", `\/`),
		"query-escaped":            url.QueryEscape(redacttest.SlashToken),
		"query-escaped, lower hex": lowerEscapes(url.QueryEscape(redacttest.SlashToken)),
		"path-escaped":             url.PathEscape(redacttest.SlashToken),
		"base64":                   base64.StdEncoding.EncodeToString([]byte(redacttest.SlashToken)),
		"base64 URL-safe":          base64.URLEncoding.EncodeToString([]byte(redacttest.SlashToken)),
		"in a Basic header":        "Basic " + basic,
	}
}

// assertNoTokenForm fails when s holds a piece of any form of redacttest.SlashToken
// long enough to narrow a guess. The ends of a base64 form depend on the
// text around it, so pieces are taken from inside each form.
func assertNoTokenForm(t *testing.T, what, s string) {
	t.Helper()
	const piece, edge = 10, 4
	for name, form := range tokenForms() {
		for i := edge; i+piece <= len(form)-edge; i++ {
			if frag := form[i : i+piece]; strings.Contains(s, frag) {
				t.Fatalf("%s holds a piece (%q) of the token %s: %s", what, frag, name, s)
			}
		}
	}
}

// withSlashToken makes a client send redacttest.SlashToken.
func withSlashToken(c *Config) { c.Token = redacttest.SlashToken }

func TestTokenRedactedInEveryEncoding(t *testing.T) {
	for name, form := range tokenForms() {
		t.Run(name, func(t *testing.T) {
			base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(`<html><pre>echo: ` + form + `</pre></html>`))
			}))
			e := mustFail(t, newTestClient(t, base, withSlashToken), KindMalformed)
			assertNoTokenForm(t, "detail", e.Detail)
			wantContains(t, "detail", e.Detail, "[REDACTED]")
		})
	}
}

func TestRefusedRedirectURLHasNoEncodedToken(t *testing.T) {
	other, _ := serve(t, http.NotFoundHandler())
	for _, escaped := range []string{url.QueryEscape(redacttest.SlashToken), lowerEscapes(url.QueryEscape(redacttest.SlashToken))} {
		base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", other+"/to/"+escaped)
			w.WriteHeader(http.StatusFound)
		}))
		e := mustFail(t, newTestClient(t, base, withSlashToken), KindRedirect)
		assertNoTokenForm(t, "detail", e.Detail)
		wantContains(t, "detail", e.Detail, other+"/to/[REDACTED]")
	}
}

func TestLogOfSameHostRedirectHasNoEncodedToken(t *testing.T) {
	for _, escaped := range []string{url.QueryEscape(redacttest.SlashToken), lowerEscapes(url.QueryEscape(redacttest.SlashToken))} {
		base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == UsersPath {
				http.Redirect(w, r, "/moved/"+escaped+"?t="+escaped, http.StatusFound)
				return
			}
			_, _ = w.Write([]byte(`{"data": []}`))
		}))
		var buf bytes.Buffer
		ctx := tflogtest.RootLogger(context.Background(), &buf)
		if _, err := listUsers(t, ctx, newTestClient(t, base, withSlashToken)); err != nil {
			t.Fatal(err)
		}
		assertNoTokenForm(t, "log", buf.String())
		wantContains(t, "log", buf.String(), "/moved/[REDACTED]")
	}
}

// independentForms are forms a server may echo a secret in, written here
// apart from the code under test.
func independentForms(secret string) []string {
	j, _ := json.Marshal(secret)
	return []string{secret, url.QueryEscape(secret), url.PathEscape(secret), lowerEscapes(url.QueryEscape(secret)),
		redacttest.PyQuote(secret), lowerEscapes(redacttest.PyQuote(secret)), string(j[1 : len(j)-1]), base64.StdEncoding.EncodeToString([]byte(secret))}
}

// TestTokenRedactedAsPythonQuotesIt: "/" left as it is, "+" and "="
// percent-encoded, the form that a fixed list of encodings missed.
func TestTokenRedactedAsPythonQuotesIt(t *testing.T) {
	quoted := redacttest.PyQuote(redacttest.SlashToken)
	if !strings.Contains(quoted, "/") || !strings.Contains(quoted, "%2B") {
		t.Fatalf("redacttest.PyQuote(%q) = %q: not the mixed form", redacttest.SlashToken, quoted)
	}
	base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`<html><pre>echo: ` + quoted + `</pre></html>`))
	}))
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	_, err := listUsers(t, ctx, newTestClient(t, base, withSlashToken))
	e := wantError(t, err, KindMalformed)
	if strings.Contains(e.Detail, quoted) {
		t.Fatalf("detail shows the token as Python quotes it: %s", e.Detail)
	}
	wantContains(t, "detail", e.Detail, "echo: [REDACTED]</pre>")
	assertNoTokenForm(t, "detail", e.Detail)
	if strings.Contains(buf.String(), quoted) {
		t.Fatalf("log shows the token as Python quotes it: %s", buf.String())
	}
}

// mixForm writes secret with each character, at random, as it is,
// percent-encoded (either hex case), or JSON-escaped (\u, either case).
func mixForm(rng *rand.Rand, secret string) string {
	var b strings.Builder
	for _, r := range secret {
		switch rng.IntN(5) {
		case 0:
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		case 1:
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02x", c)
			}
		case 2:
			if r < 0x10000 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		case 3:
			if r < 0x10000 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestRedactEveryMix is a property test: any mix of literal, percent-
// encoded and JSON-escaped characters of a secret, amid any text, is
// redacted whole, and the text around it is kept.
func TestRedactEveryMix(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	alphabet := []rune("abcXYZ019/+=%-_.~ \"\\é€😀")
	for range 2000 {
		secret := make([]rune, 8+rng.IntN(24))
		for i := range secret {
			secret[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var s secrets
		s.add(string(secret))
		form := mixForm(rng, string(secret))
		text := "before <" + form + "> after"
		if got, want := s.redact(text), "before <"+redacted+"> after"; got != want {
			t.Fatalf("secret %q written %q:\n got %q\nwant %q", string(secret), form, got, want)
		}
	}
}

// TestRedactCutShortKeepsNoStart: a body cut in the middle of a secret,
// in any of its forms, shows no piece of it.
func TestRedactCutShortKeepsNoStart(t *testing.T) {
	var s secrets
	s.add(redacttest.SlashToken)
	for _, form := range append(independentForms(redacttest.SlashToken), mixForm(rand.New(rand.NewPCG(1, 2)), redacttest.SlashToken)) {
		for k := 1; k < len(form); k++ {
			got := s.dropSecretStart("<p>echo " + form[:k])
			if !strings.HasPrefix(got, "<p>echo") || strings.Contains(got, form[:k]) && k >= 4 {
				t.Fatalf("cut after %d bytes of %q: %q", k, form, got)
			}
		}
	}
	if got := s.dropSecretStart("the end: "); got != "the end: " {
		t.Errorf("a text that ends in no piece of a secret became %q", got)
	}
}
