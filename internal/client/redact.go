package client

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// redacted replaces a secret wherever text from the wire could show it.
const redacted = "[REDACTED]"

// secrets are the access tokens the client has sent. Text from the wire
// (an error body, a header, a redirect's URL) may echo one back, so every
// such text passes through redact before it reaches an error or a log.
type secrets struct {
	mu   sync.RWMutex
	list []string
}

// add records a secret; adding one already known does nothing.
func (s *secrets) add(secret string) {
	if secret == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, known := range s.list {
		if known == secret {
			return
		}
	}
	s.list = append(s.list, secret)
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
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if i := slices.Index(s.list, secret); i >= 0 {
			s.list = slices.Delete(s.list, i, i+1)
		}
	}
}

// all returns the secrets known so far.
func (s *secrets) all() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.list...)
}

// redact replaces every known secret in text.
func (s *secrets) redact(text string) string {
	for _, secret := range s.all() {
		text = strings.ReplaceAll(text, secret, redacted)
	}
	return text
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
		text = dropSecretPrefixAtEnd(text, c.secrets.all())
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
