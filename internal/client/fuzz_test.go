package client

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The fuzz targets run their seed corpus, and any input under
// testdata/fuzz, with every plain `go test`; `make fuzz` runs each one for
// a while on generated inputs.

// fuzzBodyLimit is the body size limit of the fuzzed client: small, so
// that the fuzzer reaches it too.
const fuzzBodyLimit = 4096

// fuzzClient is the client the body fuzz targets decode with.
func fuzzClient(f *testing.F) *Client {
	f.Helper()
	c, err := New(Config{BaseURL: DefaultBaseURL, Token: testToken, MaxBodyBytes: fuzzBodyLimit})
	if err != nil {
		f.Fatal(err)
	}
	return c
}

// bodySeeds are every body the client tests know: the API reference's
// example, the fake API's organizations, the malformed, unsuccessful and
// good bodies of the table tests, bodies that echo the token, and one over
// the size limit.
func bodySeeds() []string {
	seeds := []string{
		referenceBody,
		string(fakeapi.UsersBody(fakeapi.ReferenceUsers())),
		string(fakeapi.UsersBody(fakeapi.SampleUsers())),
		string(fakeapi.UsersBody(nil)),
		jsonMessage("Bearer " + testToken),
		`{"data": [{"id": "` + testToken + `", "orgRole": "x"}]}`,
		"<html><pre>Bearer " + testToken + "</pre></html>",
		`{"success": true, "data": [{"id": null, "orgRoles": [0, 255, -1, 9223372036854775807]}], "total": -5}`,
		`{"success": true, "data": [{"ID": "a", "Email": "case-insensitive keys"}], "data": [{"id": "last wins"}]}`,
		string(fakeapi.UsersBody(fakeapi.GenerateUsers(fuzzBodyLimit / 200))),
	}
	for _, set := range [][]bodyCase{malformedBodies, unsuccessfulBodies} {
		for _, c := range set {
			seeds = append(seeds, c.body)
		}
	}
	for _, c := range envelopeVariants {
		seeds = append(seeds, c.body)
	}
	return seeds
}

// FuzzDecodeBody feeds any bytes to the decoding of a 2xx body. Whatever
// they are, the client must return a list or an *Error, never both, never
// neither and never a panic; an error must be one of the body's kinds and
// never show the token; and a list must be exactly what encoding/json
// reads from the body.
func FuzzDecodeBody(f *testing.F) {
	for _, s := range bodySeeds() {
		f.Add([]byte(s))
	}
	c := fuzzClient(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		list, fl := c.decodeBody(bytes.NewReader(body))
		if (list == nil) == (fl == nil) {
			t.Fatalf("decodeBody returned list %v and failure %v: want exactly one", list, fl)
		}
		if fl != nil {
			e := fl.toError(c, &usersRequest, 1, false)
			checkFuzzError(t, e, body)
			switch e.Kind {
			case KindMalformed, KindUnsuccessful:
			case KindTooLarge:
				if len(body) <= fuzzBodyLimit {
					t.Fatalf("a %d-byte body is too large for a %d-byte limit: %v", len(body), fuzzBodyLimit, e)
				}
			default:
				t.Fatalf("a body failed with %s: %v", kindName(e.Kind), e)
			}
			return
		}
		if len(body) > fuzzBodyLimit {
			t.Fatalf("a %d-byte body was accepted over the %d-byte limit", len(body), fuzzBodyLimit)
		}
		// An accepted body is one JSON object, after a byte-order mark if
		// any, which encoding/json reads the same.
		var want struct {
			Success *bool   `json:"success"`
			Data    *[]User `json:"data"`
			Total   *int64  `json:"total"`
		}
		unmarked := bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		if err := json.Unmarshal(unmarked, &want); err != nil {
			t.Fatalf("accepted a body encoding/json refuses (%v): %q", err, body)
		}
		if want.Data == nil || want.Success != nil && !*want.Success {
			t.Fatalf("accepted a body without data or with success false: %q", body)
		}
		if want.Total != nil && *want.Total < 0 {
			t.Fatalf("accepted a negative total: %q", body)
		}
		var entries struct{ Data []*User }
		_ = json.Unmarshal(unmarked, &entries)
		ids := map[string]bool{}
		for i, u := range entries.Data {
			if u == nil {
				t.Fatalf("accepted a null user at data[%d]: %q", i, body)
			}
			if u.ID != nil && ids[*u.ID] {
				t.Fatalf("accepted the id %q twice: %q", *u.ID, body)
			}
			if u.ID != nil {
				ids[*u.ID] = true
			}
			if u.DeletedAt != nil {
				if _, err := time.Parse(time.RFC3339Nano, *u.DeletedAt); err != nil {
					t.Fatalf("accepted deletedAt %q at data[%d]: %q", *u.DeletedAt, i, body)
				}
			}
		}
		got := list.Users()
		if !sameUsers(got, *want.Data) {
			t.Fatalf("users = %s, want %s", dumpUsers(got), dumpUsers(*want.Data))
		}
		checkOrder(t, got)
		wantTotal := int64(len(*want.Data))
		if want.Total != nil {
			wantTotal = *want.Total
		}
		if list.Total != wantTotal {
			t.Fatalf("Total = %d, want %d", list.Total, wantTotal)
		}
	})
}

// sameUsers reports whether two sets of users are the same, in any order,
// comparing their JSON, where null, empty and missing differ.
func sameUsers(a, b []User) bool {
	encode := func(users []User) []string {
		out := make([]string, len(users))
		for i := range users {
			j, _ := json.Marshal(users[i])
			out[i] = string(j)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(encode(a), encode(b))
}

// checkOrder checks that users are in a list's order: by email ignoring
// case, then id, then exact email.
func checkOrder(t *testing.T, users []User) {
	t.Helper()
	for i := 1; i < len(users); i++ {
		a, b := &users[i-1], &users[i]
		if c := cmp.Or(strings.Compare(strings.ToLower(deref(a.Email)), strings.ToLower(deref(b.Email))),
			strings.Compare(deref(a.ID), deref(b.ID)), strings.Compare(deref(a.Email), deref(b.Email))); c > 0 {
			t.Fatalf("users %d and %d out of order: %s", i-1, i, dumpUsers(users[i-1:i+1]))
		}
	}
}

// FuzzDecodeBodyWithToken puts the token, as a server echoing the request
// would, between fuzzed bytes, and checks that no piece of it long enough
// to narrow a guess shows in the error, whatever surrounds it: as a 2xx
// body, and as the body of an error status.
func FuzzDecodeBodyWithToken(f *testing.F) {
	for _, s := range bodySeeds() {
		// Split each seed in two, to put the token in its middle.
		f.Add([]byte(s[:len(s)/2]), []byte(s[len(s)/2:]))
	}
	for _, pair := range [][2]string{
		{`{"success": false, "message": "rejected Authorization header: Bearer `, `", "error": "Bearer x"}`},
		{"<html><pre>Bearer ", "</pre></html>"},
		{`{"data": [{"id": "`, `", "orgRole": "x"}]}`},
		{`{"data": []} `, ``},
		{"<p>" + strings.Repeat("x", maxExcerpt-len(testToken)), strings.Repeat(" more", 100)},
		{`{"success": false,` + strings.Repeat("\n        ", 25) + `"x": "` + strings.Repeat("y", 40), `"}`},
	} {
		f.Add([]byte(pair[0]), []byte(pair[1]))
	}
	c := fuzzClient(f)
	f.Fuzz(func(t *testing.T, before, after []byte) {
		body := append(append(append([]byte(nil), before...), testToken...), after...)
		// Pieces of the token that the surrounding bytes hold themselves, or
		// could spell with JSON escapes, may show: they are not the token's.
		around := string(before) + "\x00" + string(after)
		escapes := strings.Contains(around, `\`)
		check := func(what string, e *Error) {
			t.Helper()
			checkFuzzError(t, e, body)
			const piece = 8
			for i := 0; i+piece <= len(testToken); i++ {
				frag := testToken[i : i+piece]
				if strings.Contains(e.Error(), frag) && !strings.Contains(around, frag) && !escapes {
					t.Fatalf("%s shows a piece of the token (%q): %s", what, frag, e.Error())
				}
			}
		}
		if _, fl := c.decodeBody(bytes.NewReader(body)); fl != nil {
			check("a 200 body's error", fl.toError(c, &usersRequest, 1, false))
		}
		resp := &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))}
		check("a 400 body's error", c.statusFailure(resp, KindHTTPStatus).toError(c, &usersRequest, 1, false))
	})
}

// checkFuzzError checks what every error must satisfy, whatever the body.
func checkFuzzError(t *testing.T, e *Error, body []byte) {
	t.Helper()
	if e.Summary == "" || e.Detail == "" {
		t.Fatalf("empty summary or detail for body %q: %+v", body, e)
	}
	msg := e.Error()
	if strings.Contains(msg, testToken) {
		t.Fatalf("the error shows the token: %s", msg)
	}
	if !utf8.ValidString(msg) {
		t.Fatalf("the error is not valid UTF-8: %q", msg)
	}
	if len(msg) > 2000 {
		t.Fatalf("the error is %d bytes long for a %d-byte body", len(msg), len(body))
	}
}

// FuzzParseBaseURL checks that a base URL it accepts is absolute, https or
// plain http to a loopback host, free of credentials, a query and a
// trailing slash, and accepted again as it is; and that credentials put in
// any URL are refused and never repeated in the error.
func FuzzParseBaseURL(f *testing.F) {
	for _, tt := range baseURLsAccepted {
		f.Add(tt.raw)
	}
	for _, tt := range baseURLsRefused {
		f.Add(tt.raw)
	}
	for _, s := range []string{DefaultBaseURL, "https://backend.flashback.tech:port", "http://[::ffff:127.0.0.1]:80/a%2Fb/", "https://h/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := ParseBaseURL(raw)
		if err == nil {
			checkBaseURL(t, raw, u)
			again, err := ParseBaseURL(u.String())
			if err != nil {
				t.Fatalf("ParseBaseURL(%q) gave %q, which it refuses: %v", raw, u, err)
			}
			if again.String() != u.String() {
				t.Fatalf("ParseBaseURL(%q) = %q, but ParseBaseURL(%q) = %q", raw, u, u, again)
			}
		} else if err.Error() == "" {
			t.Fatalf("ParseBaseURL(%q): empty error", raw)
		}

		// The same text with credentials where user information would go.
		withCreds := "u:" + testToken + "@" + raw
		if scheme, rest, ok := strings.Cut(raw, "://"); ok {
			withCreds = scheme + "://u:" + testToken + "@" + rest
		}
		u, err = ParseBaseURL(withCreds)
		if err == nil && u.User != nil {
			t.Fatalf("ParseBaseURL(%q) accepted credentials: %q", withCreds, u)
		}
		if err != nil && strings.Contains(err.Error(), testToken) {
			t.Fatalf("ParseBaseURL(%q) repeats the password: %v", withCreds, err)
		}
	})
}

// checkBaseURL checks the promises of an accepted base URL.
func checkBaseURL(t *testing.T, raw string, u *url.URL) {
	t.Helper()
	s := u.String()
	switch {
	case !u.IsAbs() || u.Host == "" || u.Hostname() == "":
		t.Fatalf("ParseBaseURL(%q) = %q: not absolute", raw, s)
	case u.Scheme != "https" && (u.Scheme != "http" || !IsLoopbackHost(u.Hostname())):
		t.Fatalf("ParseBaseURL(%q) = %q: neither https nor http to a loopback host", raw, s)
	case strings.HasSuffix(s, "/") || strings.HasSuffix(u.Path, "/"):
		t.Fatalf("ParseBaseURL(%q) = %q: a trailing slash", raw, s)
	case u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		t.Fatalf("ParseBaseURL(%q) = %q: credentials, a query or a fragment", raw, s)
	}
	if _, err := New(Config{BaseURL: raw, Token: testToken}); err != nil {
		t.Fatalf("New refuses the base URL %q that ParseBaseURL accepts: %v", raw, err)
	}
}

// FuzzParsePositiveDuration checks that an accepted duration is what
// time.ParseDuration reads and greater than zero, and that a refused one
// is not.
func FuzzParsePositiveDuration(f *testing.F) {
	for raw := range durationsAccepted {
		f.Add(raw)
	}
	for raw := range durationsRefused {
		f.Add(raw)
	}
	for _, s := range []string{"9223372036854775807ns", "9223372036854775808ns", "-0s", "+5m", ".5s", "1h2m3s4ms5us6ns", "1µs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d, err := ParsePositiveDuration(raw)
		want, parseErr := time.ParseDuration(raw)
		if err == nil {
			if d <= 0 {
				t.Fatalf("ParsePositiveDuration(%q) = %v, not greater than zero", raw, d)
			}
			if parseErr != nil || d != want {
				t.Fatalf("ParsePositiveDuration(%q) = %v, but time.ParseDuration gives %v, %v", raw, d, want, parseErr)
			}
			return
		}
		if parseErr == nil && want > 0 {
			t.Fatalf("ParsePositiveDuration(%q) refused the positive duration %v: %v", raw, want, err)
		}
	})
}

// FuzzParseRole checks that ParseRole accepts exactly the five role names,
// each with its own code.
func FuzzParseRole(f *testing.F) {
	for _, name := range append(RoleNames(), roleNamesRefused...) {
		f.Add(name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		code, err := ParseRole(name)
		known := false
		for _, n := range RoleNames() {
			known = known || n == name
		}
		if known != (err == nil) {
			t.Fatalf("ParseRole(%q) = %d, %v; the role names are %q", name, code, err, RoleNames())
		}
		if err == nil && RoleName(code) != name {
			t.Fatalf("ParseRole(%q) = %d, whose name is %q", name, code, RoleName(code))
		}
		if err != nil && !strings.Contains(err.Error(), strings.Join(RoleNames(), ", ")) {
			t.Fatalf("ParseRole(%q) error does not list the names: %v", name, err)
		}
	})
}

// FuzzParseCACertificates checks that PEM text is either refused with an
// error or gives at least one certificate, and that ParseCACertificates
// agrees with the parsing underneath it.
func FuzzParseCACertificates(f *testing.F) {
	for _, s := range caSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		certs, err := parsePEMCertificates(text)
		if err == nil && len(certs) == 0 {
			t.Fatalf("parsePEMCertificates(%q) accepted no certificate", text)
		}
		for i, c := range certs {
			if c == nil {
				t.Fatalf("certificate %d is nil", i)
			}
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
		if err == nil {
			if pool, err := ParseCACertificates(text); err != nil || pool == nil {
				t.Fatalf("ParseCACertificates refuses what parsePEMCertificates accepts: %v", err)
			}
		}
	})
}
