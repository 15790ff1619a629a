package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
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
		if _, optional := out.(interface{ bodyOptional() }); out == nil || optional {
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

// describeJSONError words a decoding error for a person.
func describeJSONError(err error) string {
	var ute *json.UnmarshalTypeError
	var se *json.SyntaxError
	var jse *jsontext.SyntacticError
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
		return fmt.Sprintf("%s is a JSON %s, where the API documents %s", field, ute.Value, describeGoType(ute.Type))
	case errors.As(err, &se):
		return fmt.Sprintf("it is not valid JSON (%s, at byte %d)", se.Error(), se.Offset)
	case errors.As(err, &jse):
		return fmt.Sprintf("it is not valid JSON (%s, at byte %d)", jse.Err, jse.ByteOffset)
	default:
		return describeNetError(err)
	}
}
