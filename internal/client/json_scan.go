package client

import (
	"encoding/binary"
	"unicode/utf8"
)

// The byte-level scanning of JSON that the user parser (user_json.go)
// walks with: where a string or value ends, what kind a value is. The
// input has been checked as valid JSON before it reaches these.

// jsonKind names the kind of a JSON value as encoding/json's type errors do.
func jsonKind(v []byte) string {
	switch v[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// skipSpace returns the position of the first byte at or after i that is
// not JSON white space.
func skipSpace(v []byte, i int) int {
	for i < len(v) && (v[i] == ' ' || v[i] == '\n' || v[i] == '\r' || v[i] == '\t') {
		i++
	}
	return i
}

// stringEnd returns the position just past the JSON string that starts at i.
func stringEnd(v []byte, i int) int {
	end, _ := scanString(v, i)
	return end
}

// scanString returns the position just past the JSON string that starts
// at i, and whether its bytes are plain: ASCII, without escapes. It reads
// eight bytes at a time while none of them is a quote, a backslash or
// beyond ASCII.
func scanString(v []byte, i int) (end int, plain bool) {
	j := i + 1
	for ; j+8 <= len(v); j += 8 {
		w := binary.LittleEndian.Uint64(v[j:])
		if hasByte(w, '"')|hasByte(w, '\\')|w&highBits != 0 {
			break
		}
	}
	plain = true
	for ; ; j++ {
		switch c := v[j]; {
		case c == '"':
			return j + 1, plain
		case c == '\\':
			plain = false
			j++ // the escaped byte
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// hasByte is not zero when one of the eight bytes of w is c.
func hasByte(w uint64, c byte) uint64 {
	x := w ^ (lowBits * uint64(c))
	return (x - lowBits) &^ x & highBits
}

// valueEnd returns the position just past the JSON value that starts at i.
func valueEnd(v []byte, i int) int {
	switch v[i] {
	case '"':
		return stringEnd(v, i)
	case '{', '[':
		depth := 0
		for j := i; ; {
			switch v[j] {
			case '"':
				j = stringEnd(v, j)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
			j++
		}
	}
	j := i
	for j < len(v) && v[j] != ',' && v[j] != '}' && v[j] != ']' && v[j] != ' ' && v[j] != '\n' && v[j] != '\r' && v[j] != '\t' {
		j++
	}
	return j
}
