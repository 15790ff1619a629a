package fakeapi

import "fmt"

// User returns a copy of the user with that id, deleted or not.
func (s *Server) User(id string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.find(id); u != nil {
		return u.clone(), true
	}
	return User{}, false
}

// UserByEmail returns a copy of the user with that email (ASCII letters
// compared without case), deleted or not.
func (s *Server) UserByEmail(email string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.findEmail(email); u != nil {
		return u.clone(), true
	}
	return User{}, false
}

// Users returns a copy of the organization's users, deleted ones
// included, in the order the list serves them.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, len(s.users))
	for i, u := range s.users {
		out[i] = u.clone()
	}
	return out
}

// ActiveWithRole counts the organization's active users with a role, such
// as its OWNERs.
func (s *Server) ActiveWithRole(role int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for i := range s.users {
		if u := &s.users[i]; !u.deleted() && u.role() == role {
			n++
		}
	}
	return n
}

// Invitations returns the emails of the users created with sendInvite, in
// order.
func (s *Server) Invitations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.invites...)
}

// SetTotal makes the list report total instead of the number of users.
func (s *Server) SetTotal(total int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total = &total
	s.changed()
}

// SetLastOwnerRule turns the organization's last-OWNER rule on (the
// default) or off. Off, the fake is an API that does not itself refuse
// removing or demoting the last active OWNER, which the reference does not
// promise: only the provider's own guard then keeps an OWNER.
func (s *Server) SetLastOwnerRule(refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ownerless = !refuse
}

// AddUser adds a user to the organization outside the API, as someone
// using the web console would; it is listed last. Its id must be new.
func (s *Server) AddUser(u User) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == nil || s.find(*u.ID) != nil {
		return fmt.Errorf("fakeapi: AddUser needs a new id, got %v", u.ID)
	}
	s.users = append(s.users, u.clone())
	s.changed()
	return nil
}

// EditUser changes the user with that id outside the API (drift): change
// gets a copy, which then replaces the user as it is.
func (s *Server) EditUser(id string, change func(*User)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.find(id)
	if u == nil {
		return fmt.Errorf("fakeapi: no user has the id %q", id)
	}
	c := u.clone()
	change(&c)
	*u = c
	s.changed()
	return nil
}

// SetRole re-roles a user outside the API, with the description and the
// list of roles that go with the role, as the API would set them.
func (s *Server) SetRole(id string, role int64) error {
	return s.EditUser(id, func(u *User) { WithRole(u, role) })
}

// DeleteUser soft-deletes a user outside the API: it stays, with deletedAt set.
func (s *Server) DeleteUser(id string) error {
	return s.EditUser(id, func(u *User) { u.DeletedAt = Ptr(now()) })
}

// ListBody returns the body GET /organization/users answers with now (to an
// allowed caller), encoding it once until the users change.
func (s *Server) ListBody() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.encodeList()
	return s.listBody
}
