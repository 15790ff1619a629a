package client

import (
	"io"
	"net/http"
	"slices"
)

// Helpers that only tests use.

// all returns the secrets known now.
func (s *secrets) all() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.list)
}

// Codes makes an orgRoles list of role codes, none of them null.
func Codes(codes ...int64) []*int64 {
	out := make([]*int64, len(codes))
	for i := range codes {
		out[i] = &codes[i]
	}
	return out
}

// NewUserList makes a list of users, with the total the API reported.
func NewUserList(users []User, total int64) *UserList {
	s := newUserStore()
	for i := range users {
		s.putUser(&users[i])
	}
	return &UserList{Total: total, totalReported: true, store: s}
}

// Users returns every user, deleted ones included, sorted, in a new slice.
// For a large organization, Select with a filter costs far less.
func (l *UserList) Users() []User {
	return l.users(l.sorted(func(*userRecord) bool { return true }))
}

// Match reports whether the filter keeps u, as Select would.
func (f *Filter) Match(u *User) bool { return f.keeps(u.Deleted(), u.OrgRole, u.Validated) }

// decodeBody decodes the body of a 200 answer with the users, bounded.
func (c *Client) decodeBody(r io.Reader) (*UserList, *failure) {
	return c.decodeUsers(http.StatusOK, &boundedReader{r: r, remaining: c.maxBody})
}
