package client

import (
	"context"
	"strings"
	"testing"
)

// decodeErr decodes body as a users list and returns the error's detail,
// or "" when the body was accepted.
func decodeErr(t *testing.T, body string) string {
	t.Helper()
	c, err := New(Config{BaseURL: DefaultBaseURL, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	_, f := c.decodeBody(strings.NewReader(body))
	if f == nil {
		return ""
	}
	e := f.toError(c, &usersRequest, 1, false)
	if e.Kind != KindMalformed {
		t.Fatalf("%s: %s, want KindMalformed: %v", body, kindName(e.Kind), e)
	}
	return e.Detail
}

// TestDecodeRefusesDuplicateIDs: one account listed twice would be counted
// twice (two OWNERs where there is one), so the answer is malformed, and
// the error names the id and where it was given.
func TestDecodeRefusesDuplicateIDs(t *testing.T) {
	for body, want := range map[string]string{
		`{"data": [{"id": "o1", "orgRole": 255}, {"id": "o1", "orgRole": 255}], "total": 2}`:            "data[0] and data[1] have the same id \u201co1\u201d",
		`{"data": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "b", "deletedAt": null}], "total": 4}`: "data[1] and data[3] have the same id \u201cb\u201d",
		`{"data": [{"id": "x"}, {"id": "y"}, {"id": "y"}, {"id": "x"}], "total": 4}`:                    "data[1] and data[2] have the same id \u201cy\u201d",
	} {
		got := decodeErr(t, body)
		if !strings.Contains(got, want) || !strings.Contains(got, "count one account twice") {
			t.Errorf("%s:\n got %q\nwant %q", body, got, want)
		}
	}
	// Ids that differ only in case, or users without an id, are no duplicates.
	for _, body := range []string{
		`{"data": [{"id": "a"}, {"id": "A"}, {}, {}, {"id": null}, {"id": ""}], "total": 6}`,
		`{"data": [], "total": 0}`,
	} {
		if got := decodeErr(t, body); got != "" {
			t.Errorf("%s refused: %s", body, got)
		}
	}
}

// TestDecodeRefusesDeletedAtThatIsNoTimestamp: any deletedAt marks a user
// deleted, so a value that is not a date-time (an empty string, a word) is
// a malformed answer that names the user, not a deleted user.
func TestDecodeRefusesDeletedAtThatIsNoTimestamp(t *testing.T) {
	for value, want := range map[string]string{
		`""`:           "data[1] (the user with id \u201cu2\u201d): deletedAt is \u201c\u201d, where the API documents an RFC 3339 date-time",
		`"yes"`:        "data[1] (the user with id \u201cu2\u201d): deletedAt is \u201cyes\u201d",
		`"2026-01-01"`: "deletedAt is \u201c2026-01-01\u201d",
		`"0"`:          "deletedAt is \u201c0\u201d",
	} {
		body := `{"data": [{"id": "u1", "deletedAt": null}, {"id": "u2", "deletedAt": ` + value + `, "orgRole": 255}], "total": 2}`
		if got := decodeErr(t, body); !strings.Contains(got, want) {
			t.Errorf("deletedAt %s:\n got %q\nwant %q", value, got, want)
		}
	}
	for _, value := range []string{`"2026-01-01T00:00:00Z"`, `"2026-01-01T00:00:00.000Z"`, `"2026-01-01T01:00:00+01:00"`, `null`} {
		body := `{"data": [{"id": "u1", "deletedAt": ` + value + `}, {"id": "u2", "deletedAt": ` + value + `}], "total": 2}`
		if got := decodeErr(t, body); got != "" {
			t.Errorf("deletedAt %s refused: %s", value, got)
		}
	}
}

// TestCompleteNeedsATotal: a missing or null total does not show that the
// list is complete.
func TestCompleteNeedsATotal(t *testing.T) {
	c, _ := New(Config{BaseURL: DefaultBaseURL, Token: testToken})
	for body, want := range map[string]string{
		`{"data": [{"id": "a"}]}`:                "reported no total with the 1 users it returned",
		`{"data": [{"id": "a"}], "total": null}`: "reported no total",
		`{"data": [{"id": "a"}], "total": 2}`:    "reported a total of 2 users but returned 1",
		`{"data": [{"id": "a"}], "total": 1}`:    "",
		`{"data": [{"id": "a"}], "total": 0}`:    "",
	} {
		list, f := c.decodeBody(strings.NewReader(body))
		if f != nil {
			t.Fatalf("%s: %v", body, f.toError(c, &usersRequest, 1, false))
		}
		ok, why := list.Complete()
		if ok != (want == "") || !strings.Contains(why, want) {
			t.Errorf("%s: Complete = %v, %q; want %q", body, ok, why, want)
		}
	}
}

// TestUserAnswerRefusesDeletedAtThatIsNoTimestamp: a user read alone is
// held to the list's rule.
func TestUserAnswerRefusesDeletedAtThatIsNoTimestamp(t *testing.T) {
	base, _ := scripted(t, okBody(`{"id": "u1", "email": "a@example.com", "deletedAt": ""}`))
	_, err := newTestClient(t, base).GetUser(context.Background(), "u1")
	e := wantError(t, err, KindMalformed)
	wantContains(t, "detail", e.Detail, "that the user with id \u201cu1\u201d has deletedAt \u201c\u201d", "RFC 3339")
	base, _ = scripted(t, okBody(`{"id": "u1", "email": "a@example.com", "deletedAt": "2026-01-01T00:00:00.000Z"}`))
	if u, err := newTestClient(t, base).GetUser(context.Background(), "u1"); err != nil || !u.Deleted() {
		t.Fatalf("GetUser = %+v, %v; want a deleted user", u, err)
	}
}
