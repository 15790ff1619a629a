package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// A user's JSON is read without reflection: jsontext has already checked
// that it is valid JSON, so userParser walks its bytes once, matches each
// key as encoding/json would (exactly, else ignoring case), and writes
// each value straight into a userRecord and its store's text. A value of
// the wrong type gives the *json.UnmarshalTypeError that encoding/json
// would give, so that errors read the same. FuzzDecodeBody holds the
// result to encoding/json's.

// userKey is a key of a user object and the field it fills.
type userKey struct {
	name   string // as the API sends it: User's json tag
	quoted []byte // name, in quotes
	field  int    // a string field, or one of the others below
}

// The fields of a userRecord that are not strings.
const (
	fieldOrgRole = numStrFields + iota
	fieldValidated
	fieldOrgRoles
)

// userKeys are the keys of a user, taken from User's json tags, so that
// the names are written once.
var userKeys = func() []userKey {
	fields := map[string]int{
		"ID": fieldID, "Email": fieldEmail, "Name": fieldName, "LastName": fieldLastName, "OrgID": fieldOrgID,
		"DeletedAt": fieldDeletedAt, "OrgRoleDescription": fieldOrgRoleDescription,
		"OrgRole": fieldOrgRole, "Validated": fieldValidated, "OrgRoles": fieldOrgRoles,
	}
	t := reflect.TypeFor[User]()
	keys := make([]userKey, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		field, ok := fields[f.Name]
		if !ok {
			panic("client: User." + f.Name + " has no place in a userRecord")
		}
		name := f.Tag.Get("json")
		keys = append(keys, userKey{name: name, quoted: []byte(`"` + name + `"`), field: field})
	}
	return keys
}()

// The Go types that encoding/json would name in a type error.
var (
	userType   = reflect.TypeFor[User]()
	stringType = reflect.TypeFor[string]()
	int64Type  = reflect.TypeFor[int64]()
	boolType   = reflect.TypeFor[bool]()
	int64sType = reflect.TypeFor[[]int64]()
)

// duplicateKeyError is a user that holds a key twice, or two keys that
// name the same field: the user would be whichever came last.
type duplicateKeyError struct{ key string }

func (e *duplicateKeyError) Error() string {
	return "it has the key " + strconv.Quote(e.key) + " twice, so its value is ambiguous"
}

// userParser decodes users into a store.
type userParser struct {
	store   *userStore
	scratch []byte
	roles   []int64 // the codes of the orgRoles list being read
	nulls   []bool  // which of them the API sent as null
	list    []*int64
	next    int // the key expected next: the API sends them in User's order
	// lastTimestamp is the last deletedAt found valid.
	lastTimestamp strRef
}

// advance expects the key after p.next.
func (p *userParser) advance() {
	if p.next++; p.next == len(userKeys) {
		p.next = 0
	}
}

// parse decodes the user raw (one valid JSON value, not null) into r. It
// reads the whole object even past a field of the wrong type, so that the
// error can name the user's id, and returns the first such error.
func (p *userParser) parse(raw []byte, r *userRecord) error {
	if raw[0] != '{' {
		return &json.UnmarshalTypeError{Value: jsonKind(raw), Type: userType}
	}
	var first error
	var seen uint16
	i := skipSpace(raw, 1)
	for raw[i] != '}' {
		var k *userKey
		var end int
		if next := &userKeys[p.next]; bytes.HasPrefix(raw[i:], next.quoted) {
			// The key the API sends next, as it sends it: nothing to unquote or look up.
			k, end = next, i+len(next.quoted)
			p.advance()
		} else {
			var plainKey bool
			end, plainKey = scanString(raw, i)
			k = p.lookup(raw[i:end], plainKey)
		}
		i = skipSpace(raw, skipSpace(raw, end)+1) // past the colon
		vend, plain := 0, false
		if raw[i] == '"' {
			vend, plain = scanString(raw, i)
		} else {
			vend = valueEnd(raw, i)
		}
		if k != nil {
			if seen&(1<<k.field) != 0 {
				return &duplicateKeyError{key: k.name}
			}
			seen |= 1 << k.field
			if err := p.value(k, raw[i:vend], plain, r); err != nil && first == nil {
				first = err
			}
		}
		i = skipSpace(raw, vend)
		if raw[i] == ',' {
			i = skipSpace(raw, i+1)
		}
	}
	return first
}

// lookup finds the key a quoted name stands for, as encoding/json matches
// names: exactly, or else ignoring case; nil for a key the user has not.
func (p *userParser) lookup(quoted []byte, plain bool) *userKey {
	name := quoted[1 : len(quoted)-1]
	if !plain && bytes.IndexByte(name, '\\') >= 0 {
		name = p.unquote(quoted)
	}
	for i := range userKeys {
		if string(name) == userKeys[i].name {
			p.next = i
			p.advance()
			return &userKeys[i]
		}
	}
	for i := range userKeys {
		if bytes.EqualFold(name, []byte(userKeys[i].name)) {
			return &userKeys[i]
		}
	}
	return nil
}

// value stores one field's value.
func (p *userParser) value(k *userKey, v []byte, plain bool, r *userRecord) error {
	null := v[0] == 'n'
	switch k.field {
	case fieldOrgRole:
		r.flags &^= hasRole
		if null {
			return nil
		}
		n, err := parseInt64(v, k.name)
		if err != nil {
			return err
		}
		r.role = n
		r.flags |= hasRole
	case fieldValidated:
		r.flags &^= hasValidated | isValidated
		switch v[0] {
		case 'n':
		case 't':
			r.flags |= hasValidated | isValidated
		case 'f':
			r.flags |= hasValidated
		default:
			return &json.UnmarshalTypeError{Value: jsonKind(v), Type: boolType, Field: k.name}
		}
	case fieldOrgRoles:
		r.roles = 0
		if null {
			return nil
		}
		if v[0] != '[' {
			return &json.UnmarshalTypeError{Value: jsonKind(v), Type: int64sType, Field: k.name}
		}
		roles, err := p.parseRoles(v, k.name)
		r.roles = p.store.addRoles(roles)
		return err
	default:
		r.str[k.field] = 0
		if null {
			return nil
		}
		if v[0] != '"' {
			return &json.UnmarshalTypeError{Value: jsonKind(v), Type: stringType, Field: k.name}
		}
		r.str[k.field] = p.store.addString(p.stringValue(v, plain), k.field)
		if k.field == fieldDeletedAt {
			return p.checkTimestamp(r.str[k.field], k.name)
		}
	}
	return nil
}

// checkTimestamp refuses a deletedAt that is not an RFC 3339 date-time:
// any value would mark the user deleted, and an empty string or a word is
// not an answer to when. The values the store shares are checked once.
func (p *userParser) checkTimestamp(ref strRef, field string) error {
	if ref == p.lastTimestamp {
		return nil
	}
	text := p.store.text.get(ref)
	if _, err := time.Parse(time.RFC3339Nano, text); err != nil {
		return &timestampError{field: field, value: text}
	}
	p.lastTimestamp = ref
	return nil
}

// checkDeletedAt refuses a user answered alone (a read, a write's answer)
// whose deletedAt is not an RFC 3339 date-time, as the list's decoder
// refuses one (checkTimestamp): any value would mark the user deleted.
func (c *Client) checkDeletedAt(req *Request, u *User) error {
	if u == nil || u.DeletedAt == nil {
		return nil
	}
	if _, err := time.Parse(time.RFC3339Nano, *u.DeletedAt); err == nil {
		return nil
	}
	who := "the user"
	if u.ID != nil {
		who += " with id " + quoteExcerpt(c.excerpt([]byte(*u.ID)))
	}
	return &Error{Kind: KindMalformed, StatusCode: http.StatusOK, Summary: "Unexpected response from the Flashback API",
		Detail: c.secrets.redact(fmt.Sprintf("%s answered that %s has deletedAt %s, where the API documents an RFC 3339 date-time "+
			"or null: the provider cannot tell whether the user is deleted, and keeps nothing of the answer. "+
			"Check that base_url points at the Flashback API; if it does, report this to Flashback.",
			c.requestLine(req), who, quoteExcerpt(c.excerpt([]byte(*u.DeletedAt)))))}
}

// timestampError is a date-time field that holds something else.
type timestampError struct{ field, value string }

func (e *timestampError) Error() string {
	return fmt.Sprintf("%s is %s, where the API documents an RFC 3339 date-time (or null)", e.field, strconv.Quote(e.value))
}

// parseRoles reads an orgRoles array, v, of whole numbers or nulls: a
// null element stays null, for a role the provider must not invent. The
// first element of another type is an error. The list returned is the
// parser's until its next call.
func (p *userParser) parseRoles(v []byte, field string) ([]*int64, error) {
	roles, nulls := p.roles[:0], p.nulls[:0]
	var first error
	i := skipSpace(v, 1)
	for v[i] != ']' {
		end := valueEnd(v, i)
		var n int64
		null := false
		switch elem := v[i:end]; elem[0] {
		case 'n':
			null = true
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			var err error
			if n, err = parseInt64(elem, field); err != nil && first == nil {
				first = err
			}
		default:
			if first == nil {
				first = &json.UnmarshalTypeError{Value: jsonKind(elem), Type: int64Type, Field: field}
			}
		}
		roles, nulls = append(roles, n), append(nulls, null)
		i = skipSpace(v, end)
		if v[i] == ',' {
			i = skipSpace(v, i+1)
		}
	}
	p.roles, p.nulls = roles, nulls
	list := p.list[:0]
	if list == nil {
		list = make([]*int64, 0, 8) // never nil: an empty list is not null
	}
	for k := range roles {
		if nulls[k] {
			list = append(list, nil)
		} else {
			list = append(list, &roles[k])
		}
	}
	p.list = list
	return list, first
}

// stringValue returns the text of a JSON string, quoted, whose bytes are
// plain (scanString): its bytes as they are when they hold no escape and
// are valid UTF-8, as nearly every string is; otherwise as encoding/json
// unquotes it (an invalid byte becomes U+FFFD).
func (p *userParser) stringValue(quoted []byte, plain bool) []byte {
	inner := quoted[1 : len(quoted)-1]
	if plain || bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return inner
	}
	return p.unquote(quoted)
}

// unquote unquotes a JSON string as encoding/json does.
func (p *userParser) unquote(quoted []byte) []byte {
	var s string
	_ = json.Unmarshal(quoted, &s) // jsontext has checked it is a string
	p.scratch = append(p.scratch[:0], s...)
	return p.scratch
}

// parseInt64 reads a JSON number as an int64, as encoding/json does: a
// fraction, an exponent or too many digits is a type error.
func parseInt64(v []byte, field string) (int64, error) {
	if v[0] != '-' && (v[0] < '0' || v[0] > '9') {
		return 0, &json.UnmarshalTypeError{Value: jsonKind(v), Type: int64Type, Field: field}
	}
	digits, neg := v, false
	if digits[0] == '-' {
		digits, neg = digits[1:], true
	}
	if len(digits) > 0 && len(digits) <= 18 {
		var n int64
		for _, c := range digits {
			if c < '0' || c > '9' {
				return 0, &json.UnmarshalTypeError{Value: "number " + string(v), Type: int64Type, Field: field}
			}
			n = n*10 + int64(c-'0')
		}
		if neg {
			n = -n
		}
		return n, nil
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, &json.UnmarshalTypeError{Value: "number " + string(v), Type: int64Type, Field: field}
	}
	return n, nil
}
