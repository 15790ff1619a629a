package client

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
)

// UsersPath is the API path of the organization's users, after the base URL.
const UsersPath = "/organization/users"

// usersRequest is the call that reads the organization's users.
var usersRequest = Request{
	Method:     http.MethodGet,
	Path:       UsersPath,
	Action:     "list the organization's users",
	Permission: "Listing organization users needs the WORKSPACES role or higher",
}

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

// usersCache holds the users list for the life of a Client: the one call
// that read it, or the call in flight that other callers wait for.
type usersCache struct {
	mu       sync.Mutex
	list     *UserList  // the result of the one successful call, once made
	inflight *usersCall // the call being made, if any
}

// forgetUsers drops the cached list after a write, so that the next read
// calls the API again and sees the write. A call already in flight may have
// read the list before the write: its result is not kept, and later
// callers do not wait for it.
func (c *Client) forgetUsers() {
	c.users.mu.Lock()
	defer c.users.mu.Unlock()
	c.users.list = nil
	c.users.inflight = nil
}

// FreshOrganizationUsers reads the users list from the API now, bypassing
// the cache, for a check that must not act on an old list (such as who
// the organization's last OWNER is). It neither reads nor fills the cache.
func (c *Client) FreshOrganizationUsers(ctx context.Context) (*UserList, error) {
	return c.fetchUsers(ctx)
}

// usersCall is a call to the API in flight, which other callers wait for.
type usersCall struct {
	done chan struct{}
	list *UserList
	err  error
}

// ListOrganizationUsers returns every user of the caller's organization,
// deleted ones included, sorted with SortUsers.
//
// A Client makes the call once: concurrent callers wait for the call in
// flight, and later callers get its result. A failed call is not kept, so
// the next caller tries again. Each caller's cancellation ends its own wait
// only; when the caller making the call is canceled, a waiting caller makes
// the call itself. The returned list is shared: callers must not change it
// (Filter.Apply returns a new slice).
func (c *Client) ListOrganizationUsers(ctx context.Context) (*UserList, error) {
	cache := &c.users
	for {
		cache.mu.Lock()
		if cache.list != nil {
			list := cache.list
			cache.mu.Unlock()
			return list, nil
		}
		call := cache.inflight
		leader := call == nil
		if leader {
			call = &usersCall{done: make(chan struct{})}
			cache.inflight = call
		}
		cache.mu.Unlock()

		if leader {
			call.list, call.err = c.fetchUsers(ctx)
			cache.mu.Lock()
			// A write since the call began forgot it (forgetUsers): its
			// list may predate the write, so it is not kept.
			if cache.inflight == call {
				if call.err == nil {
					cache.list = call.list
				}
				cache.inflight = nil
			}
			cache.mu.Unlock()
			close(call.done)
			return call.list, call.err
		}

		if c.hooks.waiting != nil {
			c.hooks.waiting()
		}
		select {
		case <-call.done:
		case <-ctx.Done():
			return nil, (&failure{kind: KindCanceled, cause: ctx.Err()}).toError(c, &usersRequest, 0, false)
		}
		var apiErr *Error
		if errors.As(call.err, &apiErr) && apiErr.Kind == KindCanceled && ctx.Err() == nil {
			// The caller that made the call was canceled, this one was not: try again.
			continue
		}
		return call.list, call.err
	}
}

// fetchUsers reads the users from the API, streaming the body, and sorts them.
func (c *Client) fetchUsers(ctx context.Context) (*UserList, error) {
	var list *UserList
	err := c.do(ctx, &usersRequest, func(status int, body *boundedReader) *failure {
		var f *failure
		list, f = c.decodeUsers(status, body)
		return f
	})
	if err != nil {
		return nil, err
	}
	SortUsers(list.Users)
	return list, nil
}

// SortUsers orders users by email compared case-insensitively, then by id,
// then by the exact email, and, between users that share those, by every
// other field, so that the order never depends on the server's. A missing
// email or id sorts as the empty string; elsewhere a null sorts first.
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
	if c := cmp.Or(
		cmp.Compare(deref(a.ID), deref(b.ID)),
		cmp.Compare(deref(a.Email), deref(b.Email)),
	); c != 0 {
		return c < 0
	}
	return compareRest(a, b) < 0
}

// compareRest compares the fields that the sort keys leave out, nil first.
func compareRest(a, b *User) int {
	return cmp.Or(
		compareNullable(a.ID, b.ID, cmp.Compare[string]),
		compareNullable(a.Email, b.Email, cmp.Compare[string]),
		compareNullable(a.Name, b.Name, cmp.Compare[string]),
		compareNullable(a.LastName, b.LastName, cmp.Compare[string]),
		compareNullable(a.OrgID, b.OrgID, cmp.Compare[string]),
		compareNullable(a.OrgRole, b.OrgRole, cmp.Compare[int64]),
		compareNullable(a.Validated, b.Validated, compareBool),
		compareNullable(a.DeletedAt, b.DeletedAt, cmp.Compare[string]),
		compareNullable(a.OrgRoleDescription, b.OrgRoleDescription, cmp.Compare[string]),
		compareNullable(nilIfNull(a.OrgRoles), nilIfNull(b.OrgRoles), compareRoles),
	)
}

func compareNullable[T any](a, b *T, compare func(T, T) int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return compare(*a, *b)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func compareRoles(a, b []int64) int { return slices.Compare(a, b) }

// nilIfNull points at roles, or is nil when the API sent no list.
func nilIfNull(roles []int64) *[]int64 {
	if roles == nil {
		return nil
	}
	return &roles
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
	if f.MinRole != nil && (u.OrgRole == nil || !RoleAtLeast(*u.OrgRole, *f.MinRole)) {
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
