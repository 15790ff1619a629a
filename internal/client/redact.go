package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// redacted replaces a secret wherever text from the wire could show it.
const redacted = "[REDACTED]"

// secrets are the access tokens the client has sent, and the passwords of
// the calls in flight. Text from the wire (an error body, a header, a
// redirect's URL) may echo one back, in any of the encodings it travels in,
// so every such text passes through redact before it reaches an error or a
// log.
type secrets struct {
	mu    sync.RWMutex
	list  []string
	forms []string // every encoding of every secret, the longest first
}

// add records a secret and the forms it can take on the wire; adding one
// already known does nothing.
func (s *secrets) add(secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if secret == "" || slices.Contains(s.list, secret) {
		return
	}
	s.list = append(s.list, secret)
	s.refresh()
}

// addFor records a secret for the length of one call, such as a password
// sent in a request body: forget removes it again, unless it was already
// known (an access token stays known).
func (s *secrets) addFor(secret string) (forget func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if secret == "" || slices.Contains(s.list, secret) {
		return func() {}
	}
	s.list = append(s.list, secret)
	s.refresh()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if i := slices.Index(s.list, secret); i >= 0 {
			s.list = slices.Delete(s.list, i, i+1)
			s.refresh()
		}
	}
}

// refresh computes the forms of the secrets again, into a new slice:
// readers may still range over the one all returned. s.mu is held.
func (s *secrets) refresh() {
	var forms []string
	seen := map[string]bool{}
	for _, secret := range s.list {
		for _, f := range encodings(secret) {
			if !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
	}
	// Longest first, so that a form is replaced whole before a shorter
	// one inside it could break it up.
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	s.forms = forms
}

// all returns the secrets known now.
func (s *secrets) all() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.list)
}

// encoded returns every form of every secret known now, the longest first.
// The slice is never changed after: callers must not change it either.
func (s *secrets) encoded() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.forms
}

// maskLogs returns ctx with every form of every known secret masked in the
// messages and string fields that tflog writes.
func (s *secrets) maskLogs(ctx context.Context) context.Context {
	forms := s.encoded()
	ctx = tflog.MaskAllFieldValuesStrings(ctx, forms...)
	return tflog.MaskMessageStrings(ctx, forms...)
}

// redact replaces every form of every known secret in text.
func (s *secrets) redact(text string) string {
	for _, form := range s.encoded() {
		text = strings.ReplaceAll(text, form, redacted)
	}
	return text
}

// minEncodedForm is the shortest encoded form worth redacting: a shorter
// one could match ordinary text, and gives too little away to matter.
const minEncodedForm = 8

// encodings returns the forms a secret can take where text from the wire
// may echo it: as it is; JSON-escaped, as encoding/json writes it with and
// without HTML escapes, and with "/" escaped as "\/" as other encoders do;
// percent-encoded for a query or a path, with upper- or lower-case hex; and
// base64, standard or URL-safe, at each of the three alignments it can have
// inside a longer encoded text such as a Basic Authorization header.
func encodings(secret string) []string {
	forms := []string{secret}
	add := func(f string) {
		if len(f) >= minEncodedForm {
			forms = append(forms, f)
		}
	}
	for _, html := range []bool{true, false} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		_ = enc.Encode(secret) // a string always encodes
		quoted := strings.TrimSuffix(b.String(), "\n")
		inner := quoted[1 : len(quoted)-1]
		add(inner)
		add(strings.ReplaceAll(inner, "/", `\/`))
	}
	for _, escaped := range []string{url.QueryEscape(secret), url.PathEscape(secret), strings.ReplaceAll(url.QueryEscape(secret), "+", "%20")} {
		add(escaped)
		add(lowerHex(escaped))
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		add(enc.EncodeToString([]byte(secret)))
		add(enc.WithPadding(base64.NoPadding).EncodeToString([]byte(secret)))
		for lead := range 3 {
			// After lead bytes of other text, base64 characters
			// [first, last) depend on the secret's bits alone.
			text := enc.WithPadding(base64.NoPadding).EncodeToString(append(make([]byte, lead), secret...))
			first, last := (8*lead+5)/6, (8*(lead+len(secret)))/6
			if last > first {
				add(text[first:last])
			}
		}
	}
	return forms
}

// lowerHex writes the hex digits of percent-escapes in lower case.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = toLowerHex(b[i+1]), toLowerHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func toLowerHex(c byte) byte {
	if 'A' <= c && c <= 'F' {
		return c + ('a' - 'A')
	}
	return c
}

// excerpt sanitizes text from the wire for an error message. It redacts
// before sanitize cuts the text short, so that a token straddling the cut
// cannot show in part, and after, as before.
func (c *Client) excerpt(b []byte) string {
	return c.secrets.redact(sanitize([]byte(c.secrets.redact(string(b)))))
}

// bodyExcerpt is excerpt for the start of a body that boundedReader kept.
// When it kept all it could, the body may go on, and a token cut at the end
// of what it kept is dropped, as redact cannot recognize a part of it.
func (c *Client) bodyExcerpt(b *boundedReader) string {
	text := c.secrets.redact(string(b.prefix))
	if len(b.prefix) >= 2*maxExcerpt {
		text = dropSecretPrefixAtEnd(text, c.secrets.encoded())
	}
	return c.excerpt([]byte(text))
}

// dropSecretPrefixAtEnd cuts from text the longest start of a secret that
// it ends with.
func dropSecretPrefixAtEnd(text string, secrets []string) string {
	for _, secret := range secrets {
		for k := min(len(secret)-1, len(text)); k > 0; k-- {
			if strings.HasSuffix(text, secret[:k]) {
				text = text[:len(text)-k]
				break
			}
		}
	}
	return text
}

// maxExcerpt is how much of a body an error message quotes.
const maxExcerpt = 160

// sanitize makes text from the wire safe and short to show: valid UTF-8, no
// control characters, white space folded, at most maxExcerpt bytes.
func sanitize(b []byte) string {
	var sb strings.Builder
	space := false
	for len(b) > 0 && sb.Len() < maxExcerpt {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			if r == utf8.RuneError || unicode.IsControl(r) && !unicode.IsSpace(r) {
				r = '\uFFFD'
			} else {
				if !space && sb.Len() > 0 {
					sb.WriteByte(' ')
				}
				space = true
				continue
			}
		}
		space = false
		sb.WriteRune(r)
	}
	out := strings.TrimSpace(sb.String())
	if len(b) > 0 {
		out += "…"
	}
	return out
}
