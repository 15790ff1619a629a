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
		if errors.Is(err, errBodyTooLarge) {
			return &failure{kind: KindTooLarge, status: status, cause: err}
		}
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), excerpt: c.bodyExcerpt(body), cause: err}
	}
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
	fail := func(err error) *failure {
		if errors.Is(err, errBodyTooLarge) {
			return &failure{kind: KindTooLarge, status: status, cause: err}
		}
		return &failure{kind: KindMalformed, status: status, message: describeJSONError(err), excerpt: c.bodyExcerpt(body), cause: err}
	}
	dec := json.NewDecoder(body)
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
		if errors.Is(err, errBodyTooLarge) {
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
	list := &UserList{Users: users, Total: int64(len(users))}
	if env.Total != nil {
		list.Total = *env.Total
	}
	return list, nil
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
		if err := dec.Decode(&users[i]); err != nil {
			var ute *json.UnmarshalTypeError
			if errors.As(err, &ute) && ute.Field == "" {
				return nil, &json.UnmarshalTypeError{Value: ute.Value, Type: ute.Type, Offset: ute.Offset, Field: fmt.Sprintf("data[%d]", i)}
			}
			return nil, err
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
