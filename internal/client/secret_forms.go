package client

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The encodings a secret is recognized in. At each character of the
// secret, the text may hold the character itself or any encoding of it,
// each character on its own, so that every mix is matched: a URL with "/"
// left as it is and "+" and "=" percent-encoded (as Python's quote writes
// it), hex digits in either case, a JSON string with any character escaped.
// The base64 forms of the whole secret are matched besides (base64Forms).

// charForm is one way to write one character: the bytes that each of its
// positions accepts, such as "%", "2", "fF" for "/" percent-encoded. A
// character written as it is has one byte a position, and literal set.
type charForm struct {
	pos     []string
	literal string
}

// charForms returns the ways to write r: itself; each of its UTF-8 bytes
// percent-encoded; "+" for a space, as a query writes it; and as a JSON
// string may write it, \uXXXX (a surrogate pair beyond the BMP) or a short
// escape such as \/ or \".
func charForms(r rune) []charForm {
	literal := charForm{literal: string(r)}
	var percent []string
	for _, c := range []byte(string(r)) {
		literal.pos = append(literal.pos, string(c))
		percent = append(percent, "%")
		percent = append(percent, hexDigits(uint32(c), 2)...)
	}
	forms := []charForm{literal, {pos: percent}}
	if r == ' ' {
		forms = append(forms, charForm{pos: []string{"+"}})
	}
	escape := func(v uint32) []string { return append([]string{`\`, "u"}, hexDigits(v, 4)...) }
	if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
		forms = append(forms, charForm{pos: append(escape(uint32(r1)), escape(uint32(r2))...)})
	} else {
		forms = append(forms, charForm{pos: escape(uint32(r))})
	}
	if short, ok := jsonShortEscapes[r]; ok {
		forms = append(forms, charForm{pos: []string{`\`, short}})
	}
	return forms
}

// jsonShortEscapes are the letters of the two-character escapes of a JSON
// string, after the backslash.
var jsonShortEscapes = map[rune]string{'"': `"`, '\\': `\`, '/': "/", '\b': "b", '\f': "f", '\n': "n", '\r': "r", '\t': "t"}

// hexDigits writes v in hex, digits long, each digit in either case.
func hexDigits(v uint32, digits int) []string {
	const lower, upper = "0123456789abcdef", "0123456789ABCDEF"
	out := make([]string, digits)
	for i := range digits {
		d := (v >> (4 * (digits - 1 - i))) & 0xf
		out[i] = string(lower[d])
		if d >= 10 {
			out[i] += string(upper[d])
		}
	}
	return out
}

// pattern is the regular expression of the form.
func (f charForm) pattern() string {
	if f.literal != "" {
		return regexp.QuoteMeta(f.literal)
	}
	var b strings.Builder
	for _, accepts := range f.pos {
		if len(accepts) == 1 {
			b.WriteString(regexp.QuoteMeta(accepts))
			continue
		}
		b.WriteString("[" + regexp.QuoteMeta(accepts) + "]")
	}
	return b.String()
}

// prefixOf reports whether text begins with the form, and returns its
// length; or, when text is shorter than the form, whether text is the
// start of it (end is then len(text)).
func (f charForm) prefixOf(text string) (end int, ok bool) {
	for i, accepts := range f.pos {
		if i == len(text) {
			return i, true
		}
		if strings.IndexByte(accepts, text[i]) < 0 {
			return 0, false
		}
	}
	return len(f.pos), true
}

// secretPattern is a regular expression that matches secret in any of the
// encodings above.
func secretPattern(secret string) string {
	var b strings.Builder
	for _, r := range secret {
		forms := charForms(r)
		alts := make([]string, len(forms))
		for i, f := range forms {
			alts[i] = f.pattern()
		}
		b.WriteString("(?:" + strings.Join(alts, "|") + ")")
	}
	return b.String()
}

// secretStartAtEnd finds where text ends with the start of secret, in any
// encoding, cut anywhere (inside an escape too), and returns the earliest
// such position.
func secretStartAtEnd(text, secret string) (int, bool) {
	runes := []rune(secret)
	// The start of a secret is shorter than the whole in its longest form.
	longest := 0
	for _, r := range runes {
		longest += max(3*utf8.RuneLen(r), 12)
	}
	for i := max(0, len(text)-longest); i < len(text); i++ {
		if reachesEnd(text, i, runes) {
			return i, true
		}
	}
	return 0, false
}

// reachesEnd reports whether text[i:] is the start of runes in some
// encoding: it follows every way to write each rune, one after the other.
func reachesEnd(text string, i int, runes []rune) bool {
	at := map[int]bool{i: true}
	for _, r := range runes {
		next := map[int]bool{}
		for p := range at {
			for _, f := range charForms(r) {
				end, ok := f.prefixOf(text[p:])
				switch {
				case !ok:
				case p+end == len(text):
					return true
				default:
					next[p+end] = true
				}
			}
		}
		if len(next) == 0 {
			return false
		}
		at = next
	}
	return false // the whole secret, which redact replaced
}

// minEncodedForm is the shortest base64 form worth redacting: a shorter
// one could match ordinary text, and gives too little away to matter.
const minEncodedForm = 8

// base64Forms returns the base64 forms of a secret, standard and URL-safe,
// padded or not, and at each of the three alignments it can have inside a
// longer encoded text such as a Basic Authorization header.
func base64Forms(secret string) []string {
	var forms []string
	add := func(f string) {
		if len(f) >= minEncodedForm {
			forms = append(forms, f)
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		add(enc.EncodeToString([]byte(secret)))
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
