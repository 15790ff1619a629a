package client

import (
	"context"
	"regexp"
	"slices"
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
// redirect's URL) may echo one back, in any of the encodings it travels in
// (see secretForms), so every such text passes through redact before it
// reaches an error or a log.
type secrets struct {
	mu   sync.RWMutex
	list []string
	set  *secretSet // made again, never changed, when list changes
}

// secretSet is what redaction needs of the secrets known at one time.
type secretSet struct {
	list  []string
	match *regexp.Regexp // any secret, in any encoding
	// base64 holds the base64 forms of every secret, whose start at the
	// end of a text cut short is dropped.
	base64 []string
}

// add records a secret; adding one already known does nothing.
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

// refresh makes the set again from the list. s.mu is held.
func (s *secrets) refresh() {
	if len(s.list) == 0 {
		s.set = nil
		return
	}
	set := &secretSet{list: slices.Clone(s.list)}
	var alts []string
	for _, secret := range set.list {
		alts = append(alts, secretPattern(secret))
		for _, form := range base64Forms(secret) {
			alts = append(alts, regexp.QuoteMeta(form))
			set.base64 = append(set.base64, form)
		}
	}
	set.match = regexp.MustCompile(strings.Join(alts, "|"))
	// Leftmost-longest: a secret that holds another is replaced whole.
	set.match.Longest()
	s.set = set
}

// current returns the secrets known now, nil when none.
func (s *secrets) current() *secretSet {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.set
}

// maskLogs returns ctx with every known secret, in any encoding, masked in
// the messages and string fields that tflog writes.
func (s *secrets) maskLogs(ctx context.Context) context.Context {
	set := s.current()
	if set == nil {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, set.match)
	return tflog.MaskMessageRegexes(ctx, set.match)
}

// redact replaces every known secret, in any encoding, in text.
func (s *secrets) redact(text string) string {
	set := s.current()
	if set == nil {
		return text
	}
	return set.match.ReplaceAllLiteralString(text, redacted)
}

// dropSecretStart cuts from the end of a text cut short the start of a
// secret, in any encoding, which redact cannot recognize in part.
func (s *secrets) dropSecretStart(text string) string {
	set := s.current()
	if set == nil {
		return text
	}
	cut := len(text)
	for _, secret := range set.list {
		if i, ok := secretStartAtEnd(text, secret); ok {
			cut = min(cut, i)
		}
	}
	for _, form := range set.base64 {
		for k := min(len(form)-1, len(text)); k > 0; k-- {
			if strings.HasSuffix(text, form[:k]) {
				cut = min(cut, len(text)-k)
				break
			}
		}
	}
	return text[:cut]
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
		text = c.secrets.dropSecretStart(text)
	}
	return c.excerpt([]byte(text))
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
