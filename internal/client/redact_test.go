package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// slashToken holds the characters that JSON, percent and base64 encodings
// change: "/", "+" and "=".
const slashToken = "fb/Tok+7Q2xN9wE=SECRET/v4Lm8Kp3Rz+0c1d2e3f"

// lowerEscapes writes percent-escapes with lower-case hex, as some
// servers do.
func lowerEscapes(s string) string {
	return regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(s, strings.ToLower)
}

// tokenForms are the ways a server may echo slashToken, written out here
// independently of the code under test.
func tokenForms() map[string]string {
	basic := base64.StdEncoding.EncodeToString([]byte("user:" + slashToken))
	return map[string]string{
		"raw":                      slashToken,
		"JSON-escaped":             strings.ReplaceAll(slashToken, "/", `\/`),
		"query-escaped":            url.QueryEscape(slashToken),
		"query-escaped, lower hex": lowerEscapes(url.QueryEscape(slashToken)),
		"path-escaped":             url.PathEscape(slashToken),
		"base64":                   base64.StdEncoding.EncodeToString([]byte(slashToken)),
		"base64 URL-safe":          base64.URLEncoding.EncodeToString([]byte(slashToken)),
		"in a Basic header":        "Basic " + basic,
	}
}

// assertNoTokenForm fails when s holds a piece of any form of slashToken
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

func withToken(token string) func(*Config) { return func(c *Config) { c.Token = token } }

func TestTokenRedactedInEveryEncoding(t *testing.T) {
	for name, form := range tokenForms() {
		t.Run(name, func(t *testing.T) {
			base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(`<html><pre>echo: ` + form + `</pre></html>`))
			}))
			e := mustFail(t, newTestClient(t, base, withToken(slashToken)), KindMalformed)
			assertNoTokenForm(t, "detail", e.Detail)
			wantContains(t, "detail", e.Detail, "[REDACTED]")
		})
	}
}

func TestRefusedRedirectURLHasNoEncodedToken(t *testing.T) {
	other, _ := serve(t, http.NotFoundHandler())
	for _, escaped := range []string{url.QueryEscape(slashToken), lowerEscapes(url.QueryEscape(slashToken))} {
		base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", other+"/to/"+escaped)
			w.WriteHeader(http.StatusFound)
		}))
		e := mustFail(t, newTestClient(t, base, withToken(slashToken)), KindRedirect)
		assertNoTokenForm(t, "detail", e.Detail)
		wantContains(t, "detail", e.Detail, other+"/to/[REDACTED]")
	}
}

func TestLogOfSameHostRedirectHasNoEncodedToken(t *testing.T) {
	for _, escaped := range []string{url.QueryEscape(slashToken), lowerEscapes(url.QueryEscape(slashToken))} {
		base, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == UsersPath {
				http.Redirect(w, r, "/moved/"+escaped+"?t="+escaped, http.StatusFound)
				return
			}
			_, _ = w.Write([]byte(`{"data": []}`))
		}))
		var buf bytes.Buffer
		ctx := tflogtest.RootLogger(context.Background(), &buf)
		if _, err := listUsers(t, ctx, newTestClient(t, base, withToken(slashToken))); err != nil {
			t.Fatal(err)
		}
		assertNoTokenForm(t, "log", buf.String())
		wantContains(t, "log", buf.String(), "/moved/[REDACTED]")
	}
}
