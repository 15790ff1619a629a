package client

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// readBlock is how much of a users body one read asks for.
const readBlock = 256 << 10

// usersEnvelope is what a users body holds besides the users.
type usersEnvelope struct {
	Success *bool
	Total   *int64
	apiMessageFields
}

// decodeUsers decodes a users body as it streams in. It reads the envelope
// token by token and the users one at a time, with jsontext's streaming
// decoder (the basis of encoding/json/v2), so that it never holds the
// body, or more than one user's JSON, in memory: only its first bytes are
// kept, for error excerpts. Each user goes straight into the list's
// compact store (userParser).
func (c *Client) decodeUsers(status int, body *boundedReader) (*UserList, *failure) {
	fail := func(err error) *failure { return c.bodyFailure(status, body, err) }
	// jsontext reads 4 KiB at a time; reading the body in larger blocks
	// takes a tenth of the time off a large list. Duplicate names are
	// checked where they matter (a key of the envelope or of a user), and
	// invalid UTF-8 becomes U+FFFD, as encoding/json does.
	in := bufio.NewReaderSize(&bomSkipper{r: body}, readBlock)
	dec := jsontext.NewDecoder(in, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, fail(err)
	}
	if tok.Kind() != '{' {
		return nil, fail(&shapeError{field: "the top level", got: tok.Kind(), want: "an object"})
	}

	var env usersEnvelope
	var store *userStore
	seen := map[string]bool{}
	for dec.PeekKind() != '}' {
		rawKey, err := dec.ReadValue()
		if err != nil {
			return nil, fail(midBody(err))
		}
		var key string
		_ = json.Unmarshal(rawKey, &key) // jsontext has checked that it is a string
		field := ""
		for _, name := range []string{"data", "success", "total", "message", "error", "error_code"} {
			if strings.EqualFold(key, name) {
				field = name
			}
		}
		if field != "" && seen[field] {
			return nil, &failure{kind: KindMalformed, status: status, excerpt: c.bodyExcerpt(body),
				message: fmt.Sprintf("it has the key %q twice, so its value is ambiguous", field)}
		}
		seen[field] = true
		switch field {
		case "data":
			store, err = decodeUserArray(dec)
		case "success":
			err = decodeField(dec, key, &env.Success)
		case "total":
			err = decodeField(dec, key, &env.Total)
		case "message":
			err = decodeField(dec, key, &env.Message)
		case "error":
			err = decodeField(dec, key, &env.Error)
		case "error_code":
			err = decodeField(dec, key, &env.ErrorCode)
		default:
			err = dec.SkipValue()
		}
		if err != nil {
			return nil, fail(midBody(err))
		}
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace
		return nil, fail(midBody(err))
	}
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		if errors.Is(err, errBodyTooLarge) || body.readErr != nil {
			return nil, fail(err)
		}
		return nil, &failure{kind: KindMalformed, status: status, message: "more data follows the JSON object", excerpt: c.bodyExcerpt(body), cause: err}
	}

	if env.Success != nil && !*env.Success {
		return nil, &failure{kind: KindUnsuccessful, status: status,
			message: c.envelopeMessage(env.apiMessageFields),
			excerpt: c.bodyExcerpt(body)}
	}
	if store == nil {
		return nil, &failure{kind: KindMalformed, status: status, message: "it has no \"data\" array", excerpt: c.bodyExcerpt(body)}
	}
	if first, second, ok := store.duplicateID(); ok {
		id, _ := store.str(store.at(first), fieldID)
		return nil, &failure{kind: KindMalformed, status: status, excerpt: c.bodyExcerpt(body),
			message: fmt.Sprintf("data[%d] and data[%d] have the same id %s: each user is one account, and the provider "+
				"will not count one account twice (a policy or the last-OWNER guard would see two)",
				first, second, quoteExcerpt(c.excerpt([]byte(id))))}
	}
	list := &UserList{Total: int64(store.len()), store: store}
	if env.Total != nil {
		if *env.Total < 0 {
			return nil, &failure{kind: KindMalformed, status: status,
				message: fmt.Sprintf("total is %d, where the API documents a count of users", *env.Total), excerpt: c.bodyExcerpt(body)}
		}
		list.Total, list.totalReported = *env.Total, true
	}
	return list, nil
}

// decodeUserArray decodes the data array one user at a time. It returns
// nil for a JSON null, and an empty store for [].
func decodeUserArray(dec *jsontext.Decoder) (*userStore, error) {
	switch kind := dec.PeekKind(); kind {
	case 'n':
		_, err := dec.ReadValue()
		return nil, err
	case '[':
	default:
		if _, err := dec.ReadValue(); err != nil {
			return nil, err
		}
		return nil, &shapeError{field: "data", got: kind, want: "an array"}
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, err
	}
	p := userParser{store: newUserStore()}
	for i := 0; dec.PeekKind() != ']'; i++ {
		raw, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		if raw[0] == 'n' {
			return nil, &userError{index: i}
		}
		r := p.store.push()
		if err := p.parse(raw, r); err != nil {
			ue := &userError{index: i, err: err}
			if id, ok := p.store.str(r, fieldID); ok {
				ue.id = &id
			}
			return nil, ue
		}
	}
	_, err := dec.ReadToken() // the closing bracket
	return p.store, err
}

// decodeField decodes one envelope field with encoding/json, naming it in
// a type error.
func decodeField(dec *jsontext.Decoder, key string, v any) error {
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	err = json.Unmarshal(raw, v)
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return &json.UnmarshalTypeError{Value: ute.Value, Type: ute.Type, Field: key}
	}
	return err
}

// midBody turns an end of input inside the JSON into "cut short".
func midBody(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// shapeError says that a JSON value is not of the documented kind.
type shapeError struct {
	field string
	got   jsontext.Kind
	want  string
}

func (e *shapeError) Error() string {
	kind := map[jsontext.Kind]string{'n': "null", 'f': "boolean", 't': "boolean", '"': "string", '0': "number", '{': "object", '[': "array"}[e.got]
	return fmt.Sprintf("%s is a JSON %s, where the API documents %s", e.field, kind, e.want)
}

// userError is a user of the data array that is not the documented object.
type userError struct {
	index int
	id    *string // the user's id, when the API sent one
	err   error   // nil for a user that is null
}

func (e *userError) Error() string { return fmt.Sprintf("data[%d]: %v", e.index, e.err) }

func (e *userError) Unwrap() error { return e.err }

// describeUserError words a userError: the user's position, its id, and
// what is wrong, so that one bad user among many can be found.
func (c *Client) describeUserError(e *userError) string {
	at := fmt.Sprintf("data[%d]", e.index)
	of := ""
	var ute *json.UnmarshalTypeError
	if e.id != nil && *e.id != "" && (!errors.As(e.err, &ute) || ute.Field != "id") {
		of = fmt.Sprintf(" (the user with id %s)", quoteExcerpt(c.excerpt([]byte(*e.id))))
	}
	var te *timestampError
	switch {
	case e.err == nil:
		return at + " is null, where the API documents a user object"
	case errors.As(e.err, &te):
		return fmt.Sprintf("%s%s: %s is %s, where the API documents an RFC 3339 date-time or null",
			at, of, te.field, quoteExcerpt(c.excerpt([]byte(te.value))))
	case errors.As(e.err, &ute):
		field := at
		if ute.Field != "" {
			field += "." + ute.Field
		}
		return fmt.Sprintf("%s%s is a JSON %s, where the API documents %s", field, of, ute.Value, describeGoType(ute.Type))
	default:
		return fmt.Sprintf("%s%s: %s", at, of, e.err)
	}
}

// utf8BOM is the byte-order mark that some servers put before a UTF-8 body.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// bomSkipper reads r without a leading byte-order mark.
type bomSkipper struct {
	r       io.Reader
	checked bool
	pending []byte
	err     error
}

func (b *bomSkipper) Read(p []byte) (int, error) {
	if !b.checked {
		b.checked = true
		// Read a first block, as the decoder would, with the mark or not.
		head := make([]byte, max(len(p), 512))
		n, err := io.ReadAtLeast(b.r, head, len(utf8BOM))
		b.pending = bytes.TrimPrefix(head[:n], utf8BOM)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			b.err = err
		}
	}
	if len(b.pending) > 0 {
		n := copy(p, b.pending)
		b.pending = b.pending[n:]
		return n, nil
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.r.Read(p)
}

// describeGoType says what the API documents for a Go type, in words.
func describeGoType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	case reflect.Pointer:
		return describeGoType(t.Elem())
	default:
		return "an object"
	}
}
