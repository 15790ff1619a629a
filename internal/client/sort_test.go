package client

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestListSortsUsers(t *testing.T) {
	body := `{"success": true, "data": [
	  {"id": "5", "email": "` + email("carol", "example.com") + `"},
	  {"id": "4", "email": "` + email("bob", "example.com") + `"},
	  {"id": "3", "email": "` + email("Bob", "example.com") + `"},
	  {"id": "2", "email": "` + email("ALICE", "example.com") + `"},
	  {"id": "1"},
	  {"id": "6", "email": "` + email("bob", "example.com") + `"}
	]}`
	base, _ := scripted(t, okBody(body))
	list := mustList(t, newTestClient(t, base))
	if got, want := ids(list.Users()), []string{"1", "2", "3", "4", "6", "5"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %q, want %q (by email ignoring case, then id; no email first)", got, want)
	}
}

func TestListOrder(t *testing.T) {
	u := func(id, mail *string) User { return User{ID: id, Email: mail} }
	a, b := email("a", "example.com"), email("b", "example.com")
	tests := []struct {
		name  string
		users []User
		want  []string // emails + "|" + ids, in order
	}{
		{"empty", nil, nil},
		{"case ignored", []User{u(ptr("1"), ptr(b)), u(ptr("2"), ptr(strings.ToUpper(a)))}, []string{strings.ToUpper(a) + "|2", b + "|1"}},
		{"id breaks ties", []User{u(ptr("z"), ptr(a)), u(ptr("m"), ptr(strings.ToUpper(a))), u(ptr("a"), ptr(a))},
			[]string{a + "|a", strings.ToUpper(a) + "|m", a + "|z"}},
		{"exact email breaks the last tie", []User{u(ptr("1"), ptr(a)), u(ptr("1"), ptr(strings.ToUpper(a)))},
			[]string{strings.ToUpper(a) + "|1", a + "|1"}},
		{"missing email and id sort as empty", []User{u(ptr("2"), ptr(a)), u(nil, ptr(a)), u(ptr("3"), nil), u(nil, nil)},
			[]string{"|", "|3", a + "|", a + "|2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every starting order must give the same result.
			for _, users := range [][]User{tt.users, reversed(tt.users)} {
				var got []string
				for _, x := range sortUsers(users) {
					got = append(got, deref(x.Email)+"|"+deref(x.ID))
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("sorted = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

// TestListOrderIsTotal: users that share their id and email, and differ
// in any other field, null or not, come out in one order whatever the
// order the server sent them in.
func TestListOrderIsTotal(t *testing.T) {
	base := func() User { return User{ID: ptr("same"), Email: ptr(email("ops", "example.com"))} }
	var users []User
	for _, change := range []func(*User){
		func(*User) {},
		func(u *User) { u.Name = ptr("Ada") },
		func(u *User) { u.Name = ptr("Bob") },
		func(u *User) { u.LastName = ptr("") },
		func(u *User) { u.OrgID = ptr("org") },
		func(u *User) { u.OrgRole = ptr[int64](0) },
		func(u *User) { u.OrgRole = ptr[int64](255) },
		func(u *User) { u.Validated = ptr(false) },
		func(u *User) { u.Validated = ptr(true) },
		func(u *User) { u.DeletedAt = ptr("2026-01-01T00:00:00Z") },
		func(u *User) { u.OrgRoleDescription = ptr("USER") },
		func(u *User) { u.OrgRoles = Codes() },
		func(u *User) { u.OrgRoles = Codes(0, 2) },
		func(u *User) { u.OrgRoles = Codes(0, 1) },
	} {
		u := base()
		change(&u)
		users = append(users, u)
	}
	want := sortUsers(users)
	for shift := range users {
		for _, order := range [][]User{append(slices.Clone(users[shift:]), users[:shift]...), reversed(users)} {
			if got := sortUsers(order); !reflect.DeepEqual(got, want) {
				t.Fatalf("the order depends on the input's:\n%s\nwant\n%s", dumpUsers(got), dumpUsers(want))
			}
		}
	}
}

// TestListOrderBeyondASCII: emails with characters that strings.ToLower
// changes, or turns into ASCII (the Kelvin sign is a k), sort as their
// lowered forms do, wherever the character stands.
func TestListOrderBeyondASCII(t *testing.T) {
	emails := []string{
		"za@example.com", "z\u212ab@example.com", "zkA@example.com", "ZKc@example.com", "\u212a@example.com", "k@example.com",
		"\u00e9a@example.com", "\u00c9b@example.com", "ea@example.com", "\u0130x@example.com", "ix@example.com", "i\u0307x@example.com",
		"abcdefghijklmno\u212a@x", "abcdefghijklmnoj@x", "abcdefghijklmnol@x", "ABCDEFGHIJKLMNOPQ@x", "abcdefghijklmnop@x", "\xff@x", "\xffa@x",
	}
	var users []User
	for i, e := range emails {
		users = append(users, User{ID: ptr(fmt.Sprint(i)), Email: ptr(e)})
	}
	want := slices.Clone(users)
	slices.SortStableFunc(want, func(a, b User) int {
		return cmp.Or(strings.Compare(strings.ToLower(*a.Email), strings.ToLower(*b.Email)), strings.Compare(*a.ID, *b.ID))
	})
	for _, order := range [][]User{users, reversed(users)} {
		if got := sortUsers(order); !reflect.DeepEqual(got, want) {
			t.Errorf("order:\n%s\nwant\n%s", dumpUsers(got), dumpUsers(want))
		}
	}
}

// TestOrgIDOfTheFirstUserInOrder: the organization id is that of the first
// user, in the list's order, that has one, whatever the API's order.
func TestOrgIDOfTheFirstUserInOrder(t *testing.T) {
	u := func(mail string, org *string) User { return User{ID: ptr(mail), Email: ptr(mail), OrgID: org} }
	for _, tt := range []struct {
		users []User
		want  *string
	}{
		{[]User{u("b", ptr("B")), u("a", ptr("A")), u("c", ptr("C"))}, ptr("A")},
		{[]User{u("a", nil), u("c", ptr("C")), u("b", ptr("B"))}, ptr("B")},
		{[]User{u("b", ptr("same")), u("a", ptr("same"))}, ptr("same")},
		{[]User{u("a", nil)}, nil},
		{nil, nil},
	} {
		for _, order := range [][]User{tt.users, reversed(tt.users)} {
			if got := NewUserList(order, 0).OrgID(); deref(got) != deref(tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("OrgID of %s = %v, want %v", dumpUsers(order), deref(got), deref(tt.want))
			}
		}
	}
}

// sortUsers returns users in a list's order.
func sortUsers(users []User) []User { return NewUserList(users, int64(len(users))).Users() }

func reversed(users []User) []User {
	out := make([]User, len(users))
	for i, u := range users {
		out[len(users)-1-i] = u
	}
	return out
}
