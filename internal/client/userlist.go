package client

import (
	"fmt"
	"slices"
	"sync"
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
	// OrgRoles is nil when the API sent null or left it out; an element
	// is nil where the API sent null inside the list.
	OrgRoles []*int64 `json:"orgRoles"`
}

// Deleted reports whether the API marked the user as deleted.
func (u *User) Deleted() bool { return u.DeletedAt != nil }

// UserList is the organization's membership as one call returned it. It
// holds the users compactly (see userStore); Select returns them as Users,
// sorted by email (ignoring case), then by id (see compareUsers). A list
// is never changed once made, so that callers may share it.
type UserList struct {
	// Total is the total the API reported, or Len when it reported none.
	Total int64
	// totalReported says whether the API reported a total: without one,
	// the list cannot be shown to be complete (see Complete).
	totalReported bool
	store         *userStore
	// ids indexes the users by id, built at the first lookup (byID).
	ids     map[string]int32
	idsOnce sync.Once
}

// Complete reports whether the list can be shown to hold every user of the
// organization: the API reported a total, and returned that many users.
// A missing or null total is not taken as "all of them": a policy or a
// guard must not pass on a list it cannot vouch for. When it is not
// complete, why says so in a sentence, for a diagnostic.
func (l *UserList) Complete() (ok bool, why string) {
	switch {
	case !l.totalReported:
		return false, fmt.Sprintf("The API reported no total with the %d users it returned, so the list cannot be shown to be complete", l.Len())
	case l.Total > int64(l.Len()):
		return false, fmt.Sprintf("The API reported a total of %d users but returned %d, so the list is incomplete", l.Total, l.Len())
	}
	return true, ""
}

// byID returns the user with the id. ok is false when no user, or more
// than one, has it: the list does not settle which.
func (l *UserList) byID(id string) (u User, ok bool) {
	l.idsOnce.Do(func() {
		l.ids = make(map[string]int32, l.Len())
		for i := range l.store.len() {
			if id, has := l.store.str(l.store.at(i), fieldID); has {
				if _, seen := l.ids[id]; seen {
					l.ids[id] = -1
				} else {
					l.ids[id] = int32(i)
				}
			}
		}
	})
	i, found := l.ids[id]
	if !found || i < 0 {
		return User{}, false
	}
	return l.store.user(l.store.at(int(i))), true
}

// TotalReported says whether the API reported a total; Total is Len when not.
func (l *UserList) TotalReported() bool { return l.totalReported }

// Len returns how many users the API returned, deleted ones included.
func (l *UserList) Len() int { return l.store.len() }

// Select returns the users that f keeps, sorted, in a new slice.
func (l *UserList) Select(f *Filter) []User {
	return l.users(l.sorted(f.matchRecord))
}

// users turns records into Users, in the order of idx.
func (l *UserList) users(idx []int32) []User {
	out := make([]User, len(idx))
	for i, j := range idx {
		out[i] = l.store.user(l.store.at(int(j)))
	}
	return out
}

// sorted returns the positions of the users that keep accepts, sorted.
func (l *UserList) sorted(keep func(*userRecord) bool) []int32 {
	s := l.store
	var keys []sortKey
	for i := range s.len() {
		if keep(s.at(i)) {
			keys = append(keys, s.sortKey(i))
		}
	}
	slices.SortFunc(keys, func(a, b sortKey) int { return s.compareKeys(&a, &b) })
	idx := make([]int32, len(keys))
	for i := range keys {
		idx[i] = keys[i].user
	}
	return idx
}

// OrgID returns the organization id of the first user, in the list's
// order, that carries one.
func (l *UserList) OrgID() *string {
	s := l.store
	first := -1
	for i := range s.len() {
		r := s.at(i)
		switch {
		case r.str[fieldOrgID] == 0:
		case first < 0:
			first = i
		case !s.sameString(r.str[fieldOrgID], s.at(first).str[fieldOrgID]) && s.compare(r, s.at(first)) < 0:
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	id, _ := s.str(s.at(first), fieldOrgID)
	return &id
}

// Filter selects users. Its zero value keeps every active user.
//
// A filter meets users whose field the API sent as null, and a policy
// that looks for a violation must not lose them: each filter keeps, or
// leaves out, the users it cannot decide as the search for a violation
// needs (NullRule says it for people).
type Filter struct {
	// Roles keeps the users whose role code is one of these; nil keeps any
	// role. A user whose role is null is left out: it is counted in a role
	// only when the API says it holds that role (a count of OWNERs must
	// not count a user that may hold none).
	Roles []int64
	// MinRole keeps the users whose role code is at least this one. A user
	// whose role is null is kept: a search for users who hold a role or
	// higher cannot rule it out.
	MinRole *int64
	// Validated keeps the users whose validated flag equals it. A null
	// flag counts as not validated: false keeps the user, true does not.
	Validated *bool
	// IncludeDeleted keeps deleted users too. deletedAt null is an active
	// user; any other value is a date-time (the decoder refuses the rest).
	IncludeDeleted bool
}

// NullRule says, per filter, what a user with a null value does, for the
// filters' descriptions.
var NullRule = struct{ Roles, MinRole, Validated string }{
	Roles:     "A user whose role is null is left out, so that a count of a role counts only users known to hold it.",
	MinRole:   "A user whose role is null is kept, so that a search for privileged users cannot miss one.",
	Validated: "A null `validated` counts as not validated: `false` keeps such a user, `true` leaves it out.",
}

func (f *Filter) matchRecord(r *userRecord) bool {
	var role *int64
	if r.flags&hasRole != 0 {
		role = &r.role
	}
	var validated *bool
	if r.flags&hasValidated != 0 {
		v := r.flags&isValidated != 0
		validated = &v
	}
	return f.keeps(r.str[fieldDeletedAt] != 0, role, validated)
}

func (f *Filter) keeps(deleted bool, role *int64, validated *bool) bool {
	if deleted && !f.IncludeDeleted {
		return false
	}
	if f.Roles != nil && (role == nil || !containsCode(f.Roles, *role)) {
		return false
	}
	if f.MinRole != nil && role != nil && !RoleAtLeast(*role, *f.MinRole) {
		return false
	}
	if f.Validated != nil && (validated != nil && *validated) != *f.Validated {
		return false
	}
	return true
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
