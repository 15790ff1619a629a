package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Creating a member: POST first, with no read of the list before it. The
// list is read (fresh, by email) only when the API refuses because the
// email is taken, or when the create's outcome is unknown: its answer was
// lost, or a retry after a lost answer met the refusal. A deleted user with
// the email is reactivated (same id) and given what was asked; an active
// one is refused, to be imported; after a lost answer, the user found is
// taken only when it is exactly what was asked. Nothing is created twice:
// the POST is never sent again once an attempt may have taken effect.

// Creation says how EnsureUser came to the user.
type Creation int

// The ways EnsureUser gets its user.
const (
	// Created: the POST created the user.
	Created Creation = iota + 1
	// Reactivated: a deleted user had the email; it was reactivated,
	// keeping its id, and given the name and role asked for.
	Reactivated
	// Recovered: the create's answer was lost, and the user found with the
	// email is active and exactly what was asked: the create made it.
	Recovered
)

// CreateResult is what EnsureUser did.
type CreateResult struct {
	// User is the user in the organization now, as the API last gave it;
	// nil when there is none to keep. It is set alongside an error when a
	// reactivated user could not be given what was asked.
	User *User
	How  Creation
	// Found is the user that had the email, as the list showed it before
	// anything was done to it (Reactivated, or an error about it).
	Found *User
	// Cause is, for Recovered, the error that lost the create's answer.
	Cause error
}

// EmailTakenError is a create refused because an active user has the
// email: it is someone else's until imported.
type EmailTakenError struct {
	User User
}

func (e *EmailTakenError) Error() string {
	return fmt.Sprintf("an active user has the email %q (id %q)", deref(e.User.Email), deref(e.User.ID))
}

// UnknownCreateError is a create whose outcome is unknown and that no
// reading could settle: the user may exist. Found is the user with the
// email when there is one (not exactly what was asked), Cause the error
// that lost the answer, and Lookup the error of the reading, if any.
type UnknownCreateError struct {
	Email  string
	Found  *User
	Cause  error
	Lookup error
}

func (e *UnknownCreateError) Error() string {
	return fmt.Sprintf("the create of %q may have taken effect: %v", e.Email, e.Cause)
}

func (e *UnknownCreateError) Unwrap() error { return e.Cause }

// EnsureUser creates the user u asks for, or reactivates a deleted user
// with its email, or, after a create whose answer was lost, recovers the
// user that the create made. See CreateResult and the errors above; a
// *LookupError says that the email matches several users, or one only
// after a normalization.
func (c *Client) EnsureUser(ctx context.Context, u NewUser) (CreateResult, error) {
	created, err := c.CreateUser(ctx, u)
	if err == nil {
		return CreateResult{User: created, How: Created}, nil
	}
	unknown := OutcomeUnknown(err)
	if !unknown && !EmailTaken(err) {
		return CreateResult{}, err
	}
	list, lerr := c.FreshOrganizationUsers(ctx)
	if lerr != nil {
		if unknown {
			return CreateResult{}, &UnknownCreateError{Email: u.Email, Cause: err, Lookup: lerr}
		}
		return CreateResult{}, lerr
	}
	found, ferr := list.Find(ByEmail, u.Email)
	var lookupErr *LookupError
	switch {
	case errors.As(ferr, &lookupErr) && lookupErr.Kind == LookupNotFound:
		if unknown {
			return CreateResult{}, &UnknownCreateError{Email: u.Email, Cause: err}
		}
		// Taken, says the API, by no one the list shows: its refusal stands.
		return CreateResult{}, err
	case ferr != nil:
		return CreateResult{}, ferr
	case found.ID == nil && unknown:
		return CreateResult{}, &UnknownCreateError{Email: u.Email, Found: &found, Cause: err}
	case found.ID == nil:
		// A user the list names without an id can be neither reactivated
		// nor imported: the API's refusal stands.
		return CreateResult{}, err
	case found.Deleted():
		return c.reactivate(ctx, found, u)
	case unknown && isAsked(&found, u):
		return CreateResult{User: &found, How: Recovered, Found: &found, Cause: err}, nil
	case unknown:
		return CreateResult{Found: &found}, &UnknownCreateError{Email: u.Email, Found: &found, Cause: err}
	}
	return CreateResult{Found: &found}, &EmailTakenError{User: found}
}

// EmailTaken reports whether a create's error says that the email is
// taken: a 409, or a 400 whose message says that it already exists.
func EmailTaken(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	return e.StatusCode == http.StatusConflict ||
		e.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(e.APIMessage), "already exists")
}

// isAsked reports whether u is exactly what the create asked for: the
// email (as SameEmail compares), both names and the role.
func isAsked(u *User, asked NewUser) bool {
	return u.Email != nil && SameEmail(*u.Email, asked.Email) &&
		u.Name != nil && *u.Name == asked.FirstName &&
		u.LastName != nil && *u.LastName == asked.LastName &&
		u.OrgRole != nil && *u.OrgRole == asked.OrgRole
}

// reactivate brings a deleted user back, keeping its id, and gives it the
// names and role asked for. When the reactivation went through but the
// change did not, the result holds the user as it now is, with the error.
func (c *Client) reactivate(ctx context.Context, found User, u NewUser) (CreateResult, error) {
	id := *found.ID
	res := CreateResult{How: Reactivated, Found: &found}
	if err := c.ActivateUser(ctx, id); err != nil {
		return res, err
	}
	change := UserChange{}
	if deref(found.Name) != u.FirstName {
		change.Name = &u.FirstName
	}
	if deref(found.LastName) != u.LastName {
		change.LastName = &u.LastName
	}
	if found.OrgRole == nil || *found.OrgRole != u.OrgRole {
		change.OrgRole = &u.OrgRole
	}
	if change.Empty() {
		got, err := c.GetUser(ctx, id)
		res.User = got
		return res, err
	}
	updated, err := c.UpdateUser(ctx, id, change)
	if err != nil {
		// Active again all the same: the caller keeps it, with the error.
		got, gerr := c.GetUser(ctx, id)
		if gerr == nil {
			res.User = got
		}
		return res, err
	}
	res.User = updated
	return res, nil
}
