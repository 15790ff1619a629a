package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// lookupUser builds a user with an id, an email and, when deletedAt is not
// empty, a deletion time.
func lookupUser(id, address, deletedAt string) User {
	u := User{ID: ptr(id), Email: ptr(address), Name: ptr("name of " + id)}
	if deletedAt != "" {
		u.DeletedAt = ptr(deletedAt)
	}
	return u
}

func TestFindMatches(t *testing.T) {
	ada := email("ada", "example.com")
	users := []User{
		lookupUser("u1", ada, ""),
		lookupUser("u2", email("grace", "example.com"), ""),
		lookupUser("u3", email("mallory", "example.com"), "2026-03-14T09:26:53.000Z"),
		{ID: ptr("u4")}, // no email
		{Email: ptr(email("noid", "example.com"))},
	}
	tests := []struct {
		name   string
		field  LookupField
		value  string
		wantID string
	}{
		{"by id", ByID, "u2", "u2"},
		{"by email, exact", ByEmail, ada, "u1"},
		{"by email, other case", ByEmail, strings.ToUpper(ada), "u1"},
		{"by email, mixed case", ByEmail, email("Ada", "Example.COM"), "u1"},
		{"deleted user by id", ByID, "u3", "u3"},
		{"deleted user by email", ByEmail, email("mallory", "example.com"), "u3"},
		{"user without email, by id", ByID, "u4", "u4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := find(users, tc.field, tc.value)
			if err != nil {
				t.Fatalf("Find(%s %q) failed: %v", tc.field, tc.value, err)
			}
			if deref(got.ID) != tc.wantID {
				t.Errorf("Find(%s %q) = user %q, want %q", tc.field, tc.value, deref(got.ID), tc.wantID)
			}
		})
	}

	// The deleted user keeps its deletion time, and every other field.
	got, _ := find(users, ByID, "u3")
	if !reflect.DeepEqual(got, users[2]) {
		t.Errorf("Find returned %+v, want the user as the API sent it, %+v", got, users[2])
	}
}

// TestFindEmailRule: emails match exactly, with the case of ASCII letters
// ignored; an email that matches only after a Unicode normalization or
// case folding is another account, refused as a look-alike.
func TestFindEmailRule(t *testing.T) {
	const (
		composed   = "ren\u00e9@example.com"  // é as one character, as Terraform writes it
		decomposed = "rene\u0301@example.com" // e and a combining acute accent
	)
	const exact, notFound, alike = "exact", "not found", "look-alike"
	tests := []struct {
		name, stored, asked string
		want                string
	}{
		{"ASCII case", "Ops@Example.com", "oPS@example.COM", exact},
		{"decomposed from the API, composed asked", decomposed, composed, alike},
		{"composed from the API, decomposed asked", composed, decomposed, alike},
		{"long s is not s", "ops@example.com", "op\u017f@example.com", alike},
		{"s is not long s", "op\u017f@example.com", "ops@example.com", alike},
		{"Kelvin sign is not K", "\u212aen@example.com", "ken@example.com", alike},
		{"K is not the Kelvin sign", "ken@example.com", "\u212aen@example.com", alike},
		{"Angstrom sign is not \u00c5", "\u212bsa@example.com", "\u00e5sa@example.com", alike},
		{"Ohm sign is not omega", "\u2126@example.com", "\u03c9@example.com", alike},
		{"fullwidth letters are not ASCII", "\uff4ben@example.com", "ken@example.com", alike},
		{"non-ASCII case is exact", "\u00e9lodie@example.com", "\u00c9lodie@example.com", alike},
		{"dotless i is not i", "tim@example.com", "t\u0131m@example.com", notFound},
		{"another address", "tim@example.com", "tom@example.com", notFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			users := []User{lookupUser("u1", tt.stored, "2026-01-01T00:00:00Z")}
			_, err := find(users, ByEmail, tt.asked)
			got := exact
			var le *LookupError
			switch {
			case err == nil:
			case errors.As(err, &le) && le.Kind == LookupLookAlike:
				got = alike
				// Both are named, spelled out, with the account's id.
				wantContains(t, "detail", le.Detail, strconv.QuoteToASCII(tt.asked), strconv.QuoteToASCII(tt.stored), `id "u1", deleted`, "by id")
			case errors.As(err, &le) && le.Kind == LookupNotFound:
				got = notFound
			default:
				t.Fatalf("Find: %v", err)
			}
			if got != tt.want {
				t.Errorf("Find(%+q) among [%+q]: %s, want %s (%v)", tt.asked, tt.stored, got, tt.want, err)
			}
			if SameEmail(tt.stored, tt.asked) != (tt.want == exact) || SameEmail(tt.asked, tt.stored) != (tt.want == exact) {
				t.Errorf("SameEmail(%+q, %+q) is not %v both ways", tt.stored, tt.asked, tt.want == exact)
			}
		})
	}
	// The impostor case of the issue: an active look-alike must not win
	// over the real, deleted account.
	users := []User{lookupUser("real", "ops@example.com", "2026-01-01T00:00:00Z"), lookupUser("impostor", "op\u017f@example.com", "")}
	if got, err := find(users, ByEmail, "ops@example.com"); err != nil || deref(got.ID) != "real" {
		t.Errorf("Find = %q, %v; want the real, deleted account", deref(got.ID), err)
	}
}

func TestFindIDIsExact(t *testing.T) {
	users := []User{lookupUser("ABC-1", email("ada", "example.com"), "")}
	for _, id := range []string{"abc-1", "ABC-1 ", "ABC"} {
		if _, err := find(users, ByID, id); !isLookupKind(err, LookupNotFound) {
			t.Errorf("Find(id %q) = %v, want not found: ids match exactly", id, err)
		}
	}
	if _, err := find(users, ByEmail, email("ada", "example.com")+" "); !isLookupKind(err, LookupNotFound) {
		t.Errorf("an email with a trailing space matched; only the case may differ")
	}
}

func TestFindNotFoundNamesWhatWasAsked(t *testing.T) {
	users := []User{lookupUser("u1", email("ada", "example.com"), "")}
	missing := email("nobody", "example.com")
	tests := []struct {
		field LookupField
		value string
		want  []string
	}{
		{ByEmail, missing, []string{`"` + missing + `"`, EmailMatchRule, "the 1 user the API", "Check the address"}},
		{ByID, "u404", []string{`"u404"`, "the 1 user the API", "Check the id"}},
	}
	for _, tc := range tests {
		_, err := find(users, tc.field, tc.value)
		var le *LookupError
		if !errors.As(err, &le) || le.Kind != LookupNotFound {
			t.Fatalf("Find(%s %q) = %v, want a not-found LookupError", tc.field, tc.value, err)
		}
		if le.Field != tc.field || le.Value != tc.value {
			t.Errorf("error is about %s %q, want %s %q", le.Field, le.Value, tc.field, tc.value)
		}
		if le.Summary != "Flashback user not found" {
			t.Errorf("summary = %q", le.Summary)
		}
		for _, w := range tc.want {
			if !strings.Contains(le.Detail, w) {
				t.Errorf("detail %q does not contain %q", le.Detail, w)
			}
		}
	}

	if _, err := find(nil, ByEmail, missing); !isLookupKind(err, LookupNotFound) {
		t.Errorf("Find in an empty organization = %v, want not found", err)
	}
}

func TestFindDuplicateEmails(t *testing.T) {
	shared := email("ops", "example.com")
	deleted := "2026-01-01T00:00:00Z"
	tests := []struct {
		name    string
		users   []User
		wantID  string   // when one user wins
		wantIDs []string // when the lookup is ambiguous
		detail  []string
	}{
		{
			name:   "the active user wins over deleted ones",
			users:  []User{lookupUser("old1", shared, deleted), lookupUser("new", strings.ToUpper(shared), ""), lookupUser("old2", shared, deleted)},
			wantID: "new",
		},
		{
			name:    "two active users are ambiguous",
			users:   []User{lookupUser("a", shared, ""), lookupUser("gone", shared, deleted), lookupUser("b", shared, "")},
			wantIDs: []string{"a", "b"},
			detail:  []string{`2 active users`, `"` + shared + `"`, `ids "a", "b"`, "by id instead"},
		},
		{
			name:    "only deleted users are ambiguous",
			users:   []User{lookupUser("x", shared, deleted), lookupUser("y", shared, "2026-02-01T00:00:00Z")},
			wantIDs: []string{"x", "y"},
			detail:  []string{"2 deleted users, and no active one,", `ids "x", "y"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := find(tc.users, ByEmail, shared)
			if tc.wantIDs == nil {
				if err != nil || deref(got.ID) != tc.wantID {
					t.Fatalf("Find = %q, %v; want user %q", deref(got.ID), err, tc.wantID)
				}
				return
			}
			var le *LookupError
			if !errors.As(err, &le) || le.Kind != LookupAmbiguous {
				t.Fatalf("Find = %q, %v; want an ambiguous LookupError", deref(got.ID), err)
			}
			for _, id := range tc.wantIDs {
				if !strings.Contains(le.Detail, `"`+id+`"`) {
					t.Errorf("detail %q does not list the id %q", le.Detail, id)
				}
			}
			if le.Summary != "Several Flashback users share this email" {
				t.Errorf("summary = %q", le.Summary)
			}
			for _, w := range tc.detail {
				if !strings.Contains(le.Detail, w) {
					t.Errorf("detail %q does not contain %q", le.Detail, w)
				}
			}
		})
	}
}

func TestFindDuplicateIDs(t *testing.T) {
	// Ids should be unique; if the API ever repeats one, the same rules apply.
	users := []User{lookupUser("u1", email("old", "example.com"), "2026-01-01T00:00:00Z"), lookupUser("u1", email("new", "example.com"), "")}
	got, err := find(users, ByID, "u1")
	if err != nil || deref(got.Email) != email("new", "example.com") {
		t.Fatalf("Find = %v, %v; want the active user", got, err)
	}
	users[0].DeletedAt = nil
	_, err = find(users, ByID, "u1")
	var le *LookupError
	if !errors.As(err, &le) || le.Kind != LookupAmbiguous || !strings.Contains(le.Detail, `id "u1"`) {
		t.Fatalf("Find = %v, want an ambiguous error that names the id", err)
	}
}

func TestFindListsAtMostSomeIDs(t *testing.T) {
	shared := email("ops", "example.com")
	users := make([]User, maxListedIDs+5)
	for i := range users {
		users[i] = lookupUser(fmt.Sprintf("u%02d", i), shared, "")
	}
	_, err := find(users, ByEmail, shared)
	var le *LookupError
	if !errors.As(err, &le) {
		t.Fatalf("Find = %v, want a LookupError", err)
	}
	if !strings.Contains(le.Detail, `"u19" and 5 more`) || strings.Contains(le.Detail, `"u20"`) {
		t.Errorf("detail %q should list %d ids and count the rest", le.Detail, maxListedIDs)
	}
}

func TestFindLeavesTheListIntact(t *testing.T) {
	list := NewUserList([]User{lookupUser("u1", email("ada", "example.com"), "")}, 1)
	got, err := list.Find(ByID, "u1")
	if err != nil {
		t.Fatal(err)
	}
	got.ID = nil
	if again, err := list.Find(ByID, "u1"); err != nil || deref(again.ID) != "u1" {
		t.Errorf("changing the returned user changed the list: %v", err)
	}
}

// find looks a user up among users, as a list of them.
func find(users []User, field LookupField, value string) (User, error) {
	return NewUserList(users, int64(len(users))).Find(field, value)
}

func isLookupKind(err error, kind LookupErrorKind) bool {
	var le *LookupError
	return errors.As(err, &le) && le.Kind == kind
}

// TestEnsureUserNeverTakesALookAlike: the organization holds the deleted
// account "\u212Aen@" (KELVIN SIGN). A create of "ken@" that the fake
// accepts (it compares ASCII case only, as documented) makes a new user
// and leaves that account deleted; an API that says the email is taken
// (as one that normalizes would) gets the look-alike refusal, and nothing
// is reactivated.
func TestEnsureUserNeverTakesALookAlike(t *testing.T) {
	ctx := context.Background()
	kelvin := fakeapi.User{ID: ptr("kelvin"), Email: ptr("\u212aen@example.com"), Name: ptr("K"), LastName: ptr("S"),
		OrgRole: ptr(RoleUser), DeletedAt: ptr("2026-01-01T00:00:00.000Z")}
	fake := fakeapi.New(testToken, []fakeapi.User{kelvin})
	base, _ := serve(t, fake)
	c := newTestClient(t, base)
	ken := newMember("ken")
	ken.OrgRole = RoleAdministrator
	res, err := c.EnsureUser(ctx, ken)
	if err != nil || res.How != Created || deref(res.User.ID) == "kelvin" {
		t.Fatalf("EnsureUser(ken@) = %+v, %v; want a new user", res.User, err)
	}
	if u, _ := fake.User("kelvin"); u.DeletedAt == nil || *u.OrgRole != RoleUser {
		t.Errorf("the look-alike account changed: %+v", u)
	}

	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: UsersPath, Status: http.StatusConflict,
		Body: `{"success":false,"message":"A user with this email already exists"}`})
	_, err = c.EnsureUser(ctx, newMember("ken2")) // no exact match, no look-alike: the refusal stands
	if !EmailTaken(err) {
		t.Fatalf("a 409 for an email no one has = %v, want the API's refusal", err)
	}
	if err := fake.AddUser(fakeapi.User{ID: ptr("kelvin-2"), Email: ptr("ken2@example.com"), OrgRole: ptr(RoleUser),
		DeletedAt: ptr("2026-01-01T00:00:00.000Z")}); err != nil {
		t.Fatal(err)
	}
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: UsersPath, Status: http.StatusConflict,
		Body: `{"success":false,"message":"A user with this email already exists"}`})
	_, err = c.EnsureUser(ctx, NewUser{Email: "\u212aen2@example.com", FirstName: "K", LastName: "S", OrgRole: RoleAdministrator})
	var le *LookupError
	if !errors.As(err, &le) || le.Kind != LookupLookAlike {
		t.Fatalf("EnsureUser after a 409 with only a look-alike = %v, want LookupLookAlike", err)
	}
	wantContains(t, "detail", le.Detail, `"\u212aen2@example.com"`, `"ken2@example.com" (id "kelvin-2", deleted)`)
	if n := len(fake.CallsTo(http.MethodPost, UsersPath+"/kelvin-2/activate")); n != 0 {
		t.Errorf("%d reactivations of the look-alike", n)
	}
	if u, _ := fake.User("kelvin-2"); u.DeletedAt == nil || *u.OrgRole != RoleUser {
		t.Errorf("the look-alike account changed: %+v", u)
	}
}
