package client

import (
	"context"
	"errors"
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
// deleted ones included.
//
// A Client makes the call once: concurrent callers wait for the call in
// flight, and later callers get its result. A failed call is not kept, so
// the next caller tries again. Each caller's cancellation ends its own wait
// only; when the caller making the call is canceled, a waiting caller makes
// the call itself. The returned list is shared, and never changes.
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
