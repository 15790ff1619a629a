package client

import (
	"context"
	"net/http"
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

// usersCache is what a Client knows of the organization's users for its
// life, a Terraform run: the list as one call read it, what the run's
// writes told of users since (see users_known.go), and the call in flight
// that other callers wait for.
type usersCache struct {
	mu   sync.Mutex
	list *UserList // the result of the last successful call, or nil
	// known holds, by id, what the writes since that call told: the list
	// with them applied is the organization as this run knows it.
	known  map[string]*knownUser
	flight flight[*UserList]
	// refresh chooses how flashback_organization_user refreshes read
	// (users_refresh.go).
	refresh refreshChooser
}

// FreshOrganizationUsers reads the users list from the API now, bypassing
// the cache, for a check that must not act on an old list (such as who
// the organization's last OWNER is). It neither reads nor fills the cache.
func (c *Client) FreshOrganizationUsers(ctx context.Context) (*UserList, error) {
	return c.fetchUsers(ctx)
}

// ListOrganizationUsers returns every user of the caller's organization,
// deleted ones included, as this run knows them.
//
// A Client reads the list once: concurrent callers wait for the call in
// flight, and later callers get its result, with what the run's writes
// told since applied to it (a write answered with the user is applied as
// it is; a user whose write did not say what it left is read again by id,
// or, past a few of those, the whole list). A failed call is not kept, so
// the next caller tries again. Each caller's cancellation ends its own
// wait only; when the caller making the call is canceled, a waiting caller
// makes the call itself. The returned list is shared, and never changes.
func (c *Client) ListOrganizationUsers(ctx context.Context) (*UserList, error) {
	if list, err := c.cachedUsers(ctx); list != nil || err != nil {
		return list, err
	}
	return c.users.flight.run(ctx, func(ctx context.Context, current func() bool) (*UserList, error) {
		// A call may have ended between the check above and this one.
		if list, err := c.cachedUsers(ctx); list != nil || err != nil {
			return list, err
		}
		list, err := c.fetchUsers(ctx)
		if err == nil {
			c.users.keep(list, current)
		}
		return list, err
	}, func(err error) error {
		return (&failure{kind: KindCanceled, cause: err}).toError(c, &usersRequest, 0, false)
	})
}

// cachedUsers returns the cached list with what writes told since applied,
// reading again by id the few users whose writes did not say what they
// left; or nil when the list must be read (none yet, or too many such
// users).
func (c *Client) cachedUsers(ctx context.Context) (*UserList, error) {
	for {
		list, stale := c.users.view()
		if list != nil || len(stale) == 0 {
			return list, nil
		}
		if err := c.readAgain(ctx, stale); err != nil {
			return nil, err
		}
	}
}

// keep caches a list that a call read, unless a write since the call
// began dropped the call (current is false): its list may predate the
// write. What writes told before the call began, the list shows.
func (u *usersCache) keep(list *UserList, current func() bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if current() {
		u.list, u.known = list, nil
	}
}

// fetchUsers reads the users from the API, streaming the body.
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
	return list, nil
}
