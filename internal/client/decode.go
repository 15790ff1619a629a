package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// decodeJSON reads a whole 2xx body, within the size limit, and decodes it
// into out, unless out is nil. An answer with "success": false fails. It is
// for the API's small answers; the users list streams (decodeUsers).
func (c *Client) decodeJSON(status int, body *boundedReader, out any) *failure {
	data, err := io.ReadAll(body)
	if err != nil {
		return c.bodyFailure(status, body, err)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		if out == nil {
			return nil
		}
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(io.EOF), cause: io.EOF}
	}
	var env struct {
		Success *bool `json:"success"`
		apiMessageFields
	}
	if json.Unmarshal(data, &env) == nil && env.Success != nil && !*env.Success {
		return &failure{kind: KindUnsuccessful, status: status,
			message: c.envelopeMessage(env.apiMessageFields), excerpt: c.bodyExcerpt(body)}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), excerpt: c.bodyExcerpt(body), cause: err}
	}
	return nil
}

// apiEnvelope is the shape of every Flashback API answer.
type apiEnvelope struct {
	Success *bool  `json:"success"`
	Total   *int64 `json:"total"`
	apiMessageFields
}

// apiMessageFields are where an answer says what went wrong.
type apiMessageFields struct {
	Message   json.RawMessage `json:"message"`
	Error     json.RawMessage `json:"error"`
	ErrorCode json.RawMessage `json:"error_code"`
}

// apiMessage returns the message, error or error_code of an error body,
// sanitized and redacted.
func (c *Client) apiMessage(body []byte) string {
	var m apiMessageFields
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	return c.envelopeMessage(m)
}

// apiCode returns the error_code of an error body, sanitized and redacted,
// or "" when it has none.
func (c *Client) apiCode(body []byte) string {
	var m struct {
		Code string `json:"error_code"`
	}
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	return c.excerpt([]byte(m.Code))
}

// envelopeMessage joins what an answer says went wrong, sanitized and redacted.
func (c *Client) envelopeMessage(m apiMessageFields) string {
	var parts []string
	for _, raw := range []json.RawMessage{m.Message, m.Error, m.ErrorCode} {
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			s = string(raw)
		}
		if s = c.excerpt([]byte(s)); s != "" {
			parts = append(parts, s)
		}
	}
	return c.secrets.redact(strings.Join(parts, " / "))
}

// decodeBody decodes a users body as it streams in. It walks the envelope
// token by token and decodes the users one at a time, so that it never holds
// the body, or more than one user's JSON, in memory: only its first bytes are
// kept, for error excerpts.
func (c *Client) decodeBody(status int, r io.Reader) (*UserList, *failure) {
	return c.decodeUsers(status, &boundedReader{r: r, remaining: c.maxBody})
}

// decodeUsers is decodeBody for a body already bounded.
func (c *Client) decodeUsers(status int, body *boundedReader) (*UserList, *failure) {
	fail := func(err error) *failure { return c.bodyFailure(status, body, err) }
	dec := json.NewDecoder(&bomSkipper{r: body})
	tok, err := dec.Token()
	if err != nil {
		return nil, fail(err)
	}
	if tok != json.Delim('{') {
		return nil, fail(&shapeError{field: "the top level", got: tok, want: "an object"})
	}

	var env apiEnvelope
	var users []User
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(midBody(err))
		}
		key, _ := tok.(string) // object keys are always strings
		switch {
		case strings.EqualFold(key, "data"):
			users, err = decodeUserArray(dec, users)
		case strings.EqualFold(key, "success"):
			err = decodeField(dec, key, &env.Success)
		case strings.EqualFold(key, "total"):
			err = decodeField(dec, key, &env.Total)
		case strings.EqualFold(key, "message"):
			err = decodeField(dec, key, &env.Message)
		case strings.EqualFold(key, "error"):
			err = decodeField(dec, key, &env.Error)
		case strings.EqualFold(key, "error_code"):
			err = decodeField(dec, key, &env.ErrorCode)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, fail(midBody(err))
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, fail(midBody(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
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
	if users == nil {
		return nil, &failure{kind: KindMalformed, status: status, message: "it has no \"data\" array", excerpt: c.bodyExcerpt(body)}
	}
	list := NewUserList(users, int64(len(users)))
	if env.Total != nil {
		if *env.Total < 0 {
			return nil, &failure{kind: KindMalformed, status: status,
				message: fmt.Sprintf("total is %d, where the API documents a count of users", *env.Total), excerpt: c.bodyExcerpt(body)}
		}
		list.Total = *env.Total
	}
	return list, nil
}

// bodyFailure classifies an error met while reading a 2xx body: the body
// went past the size limit; the connection broke before the body's end,
// which a retry may mend; or the body, complete, is not the documented JSON.
func (c *Client) bodyFailure(status int, body *boundedReader, err error) *failure {
	switch {
	case errors.Is(err, errBodyTooLarge):
		return &failure{kind: KindTooLarge, status: status, size: body.read, cause: err}
	case body.readErr != nil:
		return &failure{kind: KindConnection, status: status, transient: true, cause: body.readErr,
			message: fmt.Sprintf("the connection broke after %d bytes of an HTTP %d answer's body (%s)", body.read, status, describeNetError(body.readErr))}
	}
	var ue *userError
	if errors.As(err, &ue) {
		return &failure{kind: KindMalformed, status: status, message: c.describeUserError(ue), excerpt: c.bodyExcerpt(body), cause: err}
	}
	return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), excerpt: c.bodyExcerpt(body), cause: err}
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
	if e.id != nil && *e.id != "" && !(errors.As(e.err, &ute) && ute.Field == "id") {
		of = fmt.Sprintf(" (the user with id %s)", quoteExcerpt(c.excerpt([]byte(*e.id))))
	}
	switch {
	case e.err == nil:
		return at + " is null, where the API documents a user object"
	case errors.As(e.err, &ute):
		field := at
		if ute.Field != "" {
			field += "." + ute.Field
		}
		return fmt.Sprintf("%s%s is a JSON %s, where the API documents %s", field, of, ute.Value, describeGoType(ute.Type.String()))
	default:
		return fmt.Sprintf("%s%s: %s", at, of, describeJSONError(e.err))
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

// decodeUserArray decodes the data array one user at a time. It returns
// nil for a JSON null, and an empty, non-nil slice for []. Like
// encoding/json, a repeated "data" key decodes over the users before it.
func decodeUserArray(dec *json.Decoder, users []User) ([]User, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		return nil, &shapeError{field: "data", got: tok, want: "an array"}
	}
	users = users[:0]
	if users == nil {
		users = []User{}
	}
	for i := 0; dec.More(); i++ {
		if i < cap(users) {
			users = users[:i+1]
		} else {
			users = append(users, User{})
		}
		// Through a pointer, so that a null entry shows as a nil one
		// rather than as a user whose fields are all missing.
		u := &users[i]
		if err := dec.Decode(&u); err != nil {
			var ute *json.UnmarshalTypeError
			if errors.As(err, &ute) {
				return nil, &userError{index: i, id: users[i].ID, err: ute}
			}
			return nil, err
		}
		if u == nil {
			return nil, &userError{index: i}
		}
	}
	_, err = dec.Token() // the closing bracket
	return users, err
}

// decodeField decodes one envelope field, naming it in a type error.
func decodeField(dec *json.Decoder, key string, v any) error {
	err := dec.Decode(v)
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return &json.UnmarshalTypeError{Value: ute.Value, Type: ute.Type, Offset: ute.Offset, Field: key}
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
	got   json.Token
	want  string
}

func (e *shapeError) Error() string {
	kind := "null"
	switch t := e.got.(type) {
	case json.Delim:
		kind = map[json.Delim]string{'{': "object", '[': "array"}[t]
	case string:
		kind = "string"
	case float64, json.Number:
		kind = "number"
	case bool:
		kind = "boolean"
	}
	return fmt.Sprintf("%s is a JSON %s, where the API documents %s", e.field, kind, e.want)
}

// describeJSONError words a decoding error for a person.
func describeJSONError(err error) string {
	var ute *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return "the body is empty"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the body ends early, cut short in the middle of the JSON"
	case errors.As(err, &ute):
		field := ute.Field
		if field == "" {
			field = "the top level"
		}
		return fmt.Sprintf("%s is a JSON %s, where the API documents %s", field, ute.Value, describeGoType(ute.Type.String()))
	case errors.As(err, &se):
		return fmt.Sprintf("it is not valid JSON (%s, at byte %d)", se.Error(), se.Offset)
	default:
		return describeNetError(err)
	}
}

func describeGoType(t string) string {
	switch {
	case strings.Contains(t, "[]"):
		return "an array"
	case strings.Contains(t, "int"):
		return "a whole number"
	case strings.Contains(t, "bool"):
		return "a boolean"
	case strings.Contains(t, "string"):
		return "a string"
	default:
		return "an object"
	}
}
