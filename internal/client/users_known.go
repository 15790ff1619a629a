package client

import (
	"context"
)

// What the run's writes told of users, kept on top of the cached list, so
// that a read after a write sees it without reading a large list again.
// A write answered with the user (create, update) gives the user as it now
// is; a write that is not (delete, reactivate), or that failed in a way
// that may have taken effect, marks the user unknown, to be read again by
// id when next asked for; a create that may or may not have taken effect
// drops everything (forgetUsers): a user may exist that the run cannot
// name.

// knownUser is what the run learned of one user since the list was read.
// user nil and gone false is a user to read again.
type knownUser struct {
	user *User // as a write's answer, or a read by id, gave it
	gone bool  // a read by id answered 404: no such user any more
}

// maxReadAgain is how many unknown users are read again one by one; past
// that, reading the list once costs less.
const maxReadAgain = 16

// staleUser is a user to read again, and the entry that said so.
type staleUser struct {
	id    string
	entry *knownUser
}

// view returns the cached list with what the run learned applied, which
// it caches in place of the list; or the users to read again first; or
// neither, when the list must be read.
func (u *usersCache) view() (*UserList, []staleUser) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.list == nil {
		return nil, nil
	}
	var stale []staleUser
	for id, k := range u.known {
		if k.user == nil && !k.gone {
			stale = append(stale, staleUser{id, k})
		}
	}
	switch {
	case len(stale) > maxReadAgain:
		u.list, u.known = nil, nil
		return nil, nil
	case len(stale) > 0:
		return nil, stale
	case len(u.known) > 0:
		u.list, u.known = u.list.with(u.known), nil
	}
	return u.list, nil
}

// lookup returns what the run learned of a user since the list was read.
func (u *usersCache) lookup(id string) (*knownUser, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	k, ok := u.known[id]
	return k, ok
}

// set records k for id. A write (wrote) also drops the list call in
// flight, which may predate it: the callers after it do not wait for it,
// and its list is not kept. A read (after) records only when the entry is
// still the one that asked for it, so that a write since wins.
func (u *usersCache) set(id string, k *knownUser, wrote bool, after *knownUser) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if wrote {
		u.flight.forget()
	} else if u.known[id] != after {
		return
	}
	if u.known == nil {
		u.known = map[string]*knownUser{}
	}
	u.known[id] = k
}

// learn records what a write told of the user id: the user as the API
// answered it, or, when u is nil or not whole (see whole), that it changed
// in a way the answer does not show.
func (c *Client) learn(id string, u *User) {
	var k knownUser
	if u != nil && whole(u) {
		copied := *u
		k.user = &copied
	}
	c.users.set(id, &k, true, nil)
}

// whole reports whether a write's answer carries what the list carries of
// every user: the id, email, role, role list and validated flag. The
// reference makes every field optional; an answer without one of them
// may be a short form of the user, and is not taken for what the list
// would show: the user is read again by id.
func whole(u *User) bool {
	return u.ID != nil && u.Email != nil && u.OrgRole != nil && u.OrgRoles != nil && u.Validated != nil
}

// forgetUsers drops all the run knows of the users, after a create that may
// have taken effect but did not say so. A call already in flight may have
// read the list before it: its result is not kept, and later callers do
// not wait for it.
func (c *Client) forgetUsers() {
	c.users.mu.Lock()
	defer c.users.mu.Unlock()
	c.users.flight.forget()
	c.users.list, c.users.known = nil, nil
}

// readAgain reads users by id and records them.
func (c *Client) readAgain(ctx context.Context, stale []staleUser) error {
	for _, s := range stale {
		if _, err := c.readKnown(ctx, s.id, s.entry); err != nil {
			return err
		}
	}
	return nil
}

// readKnown reads one user by id, and records what it found in place of
// entry (nil when the run knew nothing of it). A user the API does not
// have is returned as its 404 error, and recorded as gone.
func (c *Client) readKnown(ctx context.Context, id string, entry *knownUser) (*User, error) {
	u, err := c.GetUser(ctx, id)
	switch {
	case err == nil:
		copied := *u
		c.users.set(id, &knownUser{user: &copied}, false, entry)
	case IsNotFound(err):
		c.users.set(id, &knownUser{gone: true}, false, entry)
	}
	return u, err
}

// with returns a new list: l with the users that known gives in place of
// theirs (or added, when l has none with the id), and without those known
// to be gone.
func (l *UserList) with(known map[string]*knownUser) *UserList {
	src, dst := l.store, newUserStore()
	applied := make(map[string]bool, len(known))
	var buf []byte
	removed := 0
	for i := range src.len() {
		r := src.at(i)
		if id, ok := src.str(r, fieldID); ok {
			if k, hit := known[id]; hit {
				applied[id] = true
				if k.user != nil {
					dst.putUser(k.user)
				} else {
					removed++
				}
				continue
			}
		}
		buf = dst.copyRecord(src, r, buf)
	}
	added := 0
	for id, k := range known {
		if !applied[id] && k.user != nil {
			dst.putUser(k.user)
			added++
		}
	}
	return &UserList{Total: l.Total + int64(added-removed), totalReported: l.totalReported, store: dst}
}

// copyRecord adds a copy of src's record r, through buf (returned for
// reuse), as the decoder would have stored it.
func (s *userStore) copyRecord(src *userStore, r *userRecord, buf []byte) []byte {
	d := s.push()
	for f := range numStrFields {
		if r.str[f] != 0 {
			buf = append(buf[:0], src.text.get(r.str[f])...)
			d.str[f] = s.addString(buf, f)
		}
	}
	d.role, d.flags = r.role, r.flags
	d.roles = s.addRoles(src.roles[r.roles])
	return buf
}
