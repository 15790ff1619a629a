package client

import (
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
		func(u *User) { u.OrgRoles = []int64{} },
		func(u *User) { u.OrgRoles = []int64{0, 2} },
		func(u *User) { u.OrgRoles = []int64{0, 1} },
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

// sortUsers returns users in a list's order.
func sortUsers(users []User) []User { return NewUserList(users, int64(len(users))).Users() }

func reversed(users []User) []User {
	out := make([]User, len(users))
	for i, u := range users {
		out[len(users)-1-i] = u
	}
	return out
}
