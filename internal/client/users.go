package client

import (
	"sort"
	"strings"
)

// User is one member of a Flashback organization, as GET /organization/users
// returns it. A field is nil when the API sent null or left it out.
type User struct {
	ID                 *string `json:"id"`
	Email              *string `json:"email"`
	Name               *string `json:"name"`
	LastName           *string `json:"lastName"`
	OrgID              *string `json:"orgId"`
	OrgRole            *int64  `json:"orgRole"`
	Validated          *bool   `json:"validated"`
	DeletedAt          *string `json:"deletedAt"`
	OrgRoleDescription *string `json:"orgRoleDescription"`
	OrgRoles           []int64 `json:"orgRoles"`
}

// Deleted reports whether the API marked the user as deleted.
func (u *User) Deleted() bool { return u.DeletedAt != nil }

// UserList is the organization's membership as one call returned it.
type UserList struct {
	// Users holds every user the API returned, deleted ones included, sorted
	// by email (ignoring case) and then by id.
	Users []User
	// Total is the total the API reported, or len(Users) when it reported none.
	Total int64
}

// OrgID returns the organization id of the first user that carries one.
func (l *UserList) OrgID() *string {
	for i := range l.Users {
		if l.Users[i].OrgID != nil {
			return l.Users[i].OrgID
		}
	}
	return nil
}

// SortUsers orders users by email compared case-insensitively, then by id,
// then by the exact email, so that the order never depends on the server.
// A missing email or id sorts as the empty string.
func SortUsers(users []User) {
	s := userSorter{users: users, keys: make([]string, len(users))}
	for i := range users {
		s.keys[i] = strings.ToLower(deref(users[i].Email))
	}
	sort.Sort(s)
}

type userSorter struct {
	users []User
	keys  []string
}

func (s userSorter) Len() int { return len(s.users) }

func (s userSorter) Swap(i, j int) {
	s.users[i], s.users[j] = s.users[j], s.users[i]
	s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
}

func (s userSorter) Less(i, j int) bool {
	if s.keys[i] != s.keys[j] {
		return s.keys[i] < s.keys[j]
	}
	a, b := &s.users[i], &s.users[j]
	if id1, id2 := deref(a.ID), deref(b.ID); id1 != id2 {
		return id1 < id2
	}
	return deref(a.Email) < deref(b.Email)
}

// Filter selects users. Its zero value keeps every active user.
type Filter struct {
	// Roles keeps the users whose role code is one of these; nil keeps any role.
	Roles []int64
	// MinRole keeps the users whose role code is at least this one.
	MinRole *int64
	// Validated keeps the users whose validated flag equals it.
	Validated *bool
	// IncludeDeleted keeps deleted users too.
	IncludeDeleted bool
}

// Match reports whether the filter keeps u. A user with no role or no
// validated flag does not match a filter on that field.
func (f *Filter) Match(u *User) bool {
	if u.Deleted() && !f.IncludeDeleted {
		return false
	}
	if f.Roles != nil && (u.OrgRole == nil || !containsCode(f.Roles, *u.OrgRole)) {
		return false
	}
	if f.MinRole != nil && (u.OrgRole == nil || *u.OrgRole < *f.MinRole) {
		return false
	}
	if f.Validated != nil && (u.Validated == nil || *u.Validated != *f.Validated) {
		return false
	}
	return true
}

// Apply returns the users the filter keeps, in their order, in a new slice:
// users itself is never changed, so a shared list stays intact.
func (f *Filter) Apply(users []User) []User {
	kept := make([]User, 0, len(users))
	for i := range users {
		if f.Match(&users[i]) {
			kept = append(kept, users[i])
		}
	}
	return kept
}

func containsCode(codes []int64, code int64) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
