package client

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestDecodeUsersAsEncodingJSON: the decoder, which reads users without
// reflection, reads each form a value can take as encoding/json reads it:
// strings with escapes, characters beyond ASCII, invalid UTF-8 and lone
// surrogates; keys in another case or escaped; numbers at the edges of an
// int64; nulls, empty lists and missing fields.
func TestDecodeUsersAsEncodingJSON(t *testing.T) {
	users := []string{
		`{"id": "plain", "email": "a@example.com", "name": null, "orgRole": 255, "validated": true, "orgRoles": [0, 255]}`,
		`{"id": "esc\"aped\\\/\n\t\u00e9\ud83d\ude00", "name": "caf\u00e9 \u2028", "lastName": "Jos\u00e9 M\u00fcller"}`,
		"{\"id\": \"raw utf-8 \u00e9\u4e2d\U0001F600\", \"name\": \"bad \xff\xfe bytes\", \"lastName\": \"cut \xe4\xb8\"}",
		`{"id": "lone \ud800 and \udc00 surrogates", "name": "\u0000 nul"}`,
		`{"ID": "upper keys", "EMAIL": "b@example.com", "OrgRole": 0, "VALIDATED": false, "ORGROLES": []}`,
		`{"\u0069d": "escaped key", "la\u017ftName": "long s folds to s", "org\u0052ole": 2}`,
		`{"id": "edges", "orgRole": -9223372036854775808, "orgRoles": [9223372036854775807, -0, 0, 123456789012345678]}`,
		`{"id": "nulls", "email": null, "orgId": null, "orgRole": null, "validated": null, "deletedAt": null, "orgRoleDescription": null, "orgRoles": null}`,
		`{"id": "null role in the list", "orgRoles": [0, null, 2]}`,
		`{"id": "unknown keys", "extra": {"nested": [1, {"id": "not this one"}, "]}"]}, "more": [[]], "n": 1e400, "s": "\"}"}`,
		`{}`,
		` { "id" : "spaces" ,  "deletedAt" : "2026-01-01T00:00:00.000Z"  } `,
	}
	for _, body := range []string{
		`{"success": true, "data": [` + strings.Join(users, ",") + `], "total": 12}`,
		// The first list of roles is empty: still a list, not null.
		`{"data": [{"id": "only", "orgRoles": []}, {"id": "next", "orgRoles": []}], "total": 2}`,
	} {
		c, err := New(Config{BaseURL: DefaultBaseURL, Token: testToken})
		if err != nil {
			t.Fatal(err)
		}
		list, f := c.decodeBody(strings.NewReader(body))
		if f != nil {
			t.Fatalf("decode: %v", f.toError(c, &usersRequest, 1, false))
		}
		var want struct {
			Data  []User
			Total int64
		}
		if err := json.Unmarshal([]byte(body), &want); err != nil {
			t.Fatal(err)
		}
		if got := list.Users(); !sameUsers(got, want.Data) {
			t.Errorf("users:\n%s\nwant, as encoding/json reads them:\n%s", dumpUsers(got), dumpUsers(want.Data))
		}
		if list.Len() != len(want.Data) || list.Total != want.Total {
			t.Errorf("Len = %d, Total = %d; want %d and %d", list.Len(), list.Total, len(want.Data), want.Total)
		}
	}
}

// TestDecodeRefusesDuplicateKeys: a key given twice, in any case, leaves a
// value to whichever came last; for a list that policies judge, that is no
// answer at all.
func TestDecodeRefusesDuplicateKeys(t *testing.T) {
	for body, want := range map[string]string{
		`{"data": [{"id": "a"}], "Data": []}`:                        `it has the key "data" twice, so its value is ambiguous`,
		`{"success": false, "data": [], "success": true}`:            `it has the key "success" twice`,
		`{"data": [{"id": "a", "orgRole": 0, "ORGROLE": 255}]}`:      "data[0] (the user with id \u201ca\u201d): it has the key \"orgRole\" twice",
		`{"data": [{"id": "a"}, {"id": "b", "id": "c"}]}`:            "data[1] (the user with id \u201cb\u201d): it has the key \"id\" twice",
		`{"data": [{"orgRoles": [1], "orgRoles": null, "id": "d"}]}`: `it has the key "orgRoles" twice`,
	} {
		c, err := New(Config{BaseURL: DefaultBaseURL, Token: testToken})
		if err != nil {
			t.Fatal(err)
		}
		_, f := c.decodeBody(strings.NewReader(body))
		if f == nil {
			t.Errorf("%s: accepted", body)
			continue
		}
		e := f.toError(c, &usersRequest, 1, false)
		if e.Kind != KindMalformed || !strings.Contains(e.Detail, want) {
			t.Errorf("%s: %s: %s, want KindMalformed saying %q", body, kindName(e.Kind), e.Detail, want)
		}
	}
	// Keys that only look alike (another field, a key the user has not) are no duplicates.
	c, _ := New(Config{BaseURL: DefaultBaseURL, Token: testToken})
	if _, f := c.decodeBody(strings.NewReader(`{"data": [{"orgRole": 1, "orgRoles": [1], "x": 1, "x": 2}], "x": 1, "X": 2}`)); f != nil {
		t.Errorf("refused distinct keys: %v", f.toError(c, &usersRequest, 1, false))
	}
}

// TestDecodeLargeStrings: strings longer than a block of the list's text
// read back whole.
func TestDecodeLargeStrings(t *testing.T) {
	long := strings.Repeat("x", 3*firstBlock+7)
	var body bytes.Buffer
	body.WriteString(`{"data": [`)
	for i := range 4 {
		if i > 0 {
			body.WriteString(",")
		}
		body.WriteString(`{"id": "` + long[:i*firstBlock] + `", "name": "` + long + `"}`)
	}
	body.WriteString(`]}`)
	c, _ := New(Config{BaseURL: DefaultBaseURL, Token: testToken})
	list, f := c.decodeBody(&body)
	if f != nil {
		t.Fatal(f.toError(c, &usersRequest, 1, false))
	}
	for i, u := range list.Users() {
		if len(*u.ID) != i*firstBlock || *u.Name != long {
			t.Errorf("user %d: id of %d bytes, name of %d; want %d and %d", i, len(*u.ID), len(*u.Name), i*firstBlock, len(long))
		}
	}
}
