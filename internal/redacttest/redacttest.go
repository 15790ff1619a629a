// Package redacttest holds what the client's and the provider's redaction
// tests share: a token with the characters that encodings change, and the
// one encoding the standard library does not write. It imports nothing of
// the provider, so that the client's own tests can use it.
package redacttest

import (
	"fmt"
	"strings"
)

// SlashToken is a token with the characters that encodings change: "/",
// "+" and "=", as any base64 token has.
const SlashToken = "fb/Tok+7Q2xN9wE=SECRET/v4Lm8Kp3Rz+0c1d2e3f"

// PyQuote percent-encodes s as Python's urllib.parse.quote does by
// default: every byte but letters, digits, "_.-~" and "/", upper-case hex.
func PyQuote(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("_.-~/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
