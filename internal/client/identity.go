package client

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Answers about one user are checked against what was asked, here, where
// the request is known: a create's answer must name the email sent, and a
// read's, an update's, a reactivation's or a delete's the id asked for. An
// answer about another user is an *Error of KindMismatch, and the caller
// keeps nothing of it: a state never takes another user's id, and nothing
// is changed or deleted on its strength. A field the answer leaves out
// cannot disagree: a user without an id is the one asked for.

// mismatchNext is what to do after an answer about another user.
const mismatchNext = "Check that base_url points at the Flashback API itself, not at a cache or proxy that mixes answers up, " +
	"then run again; if it persists, report it to Flashback."

// checkID refuses u, the answer to req about the user id, when it names
// another id. did says what the request may have done, for the detail.
func (c *Client) checkID(req *Request, id string, u *User, did string) error {
	if err := c.checkDeletedAt(req, u); err != nil {
		return err
	}
	if u == nil || u.ID == nil || *u.ID == id {
		return nil
	}
	return c.mismatch(req, "the user with the id "+strconv.Quote(id), u,
		did+"Nothing of the answer was kept: the state stays as it was. "+mismatchNext)
}

// checkEmail refuses u, the answer to a create of the email, when it names
// another email.
func (c *Client) checkEmail(req *Request, email string, u *User) error {
	if err := c.checkDeletedAt(req, u); err != nil {
		return err
	}
	if u == nil || u.Email == nil || SameEmail(*u.Email, email) {
		return nil
	}
	return c.mismatch(req, "a new user with the email "+strconv.Quote(email), u,
		fmt.Sprintf("Nothing was recorded in the state, so nothing the answer names is managed, changed or deleted. "+
			"The user %q may have been created all the same: look for it in the organization (the flashback_organization_user "+
			"data source finds it by email), and if it is there, import it with an import block whose id is the email; "+
			"then run again. %s", email, mismatchNext))
}

// mismatch is the error of an answer about another user than asked.
func (c *Client) mismatch(req *Request, asked string, u *User, next string) *Error {
	return &Error{
		Kind:    KindMismatch,
		Summary: "Flashback API answered about another user",
		Detail: c.secrets.redact(fmt.Sprintf("%s asked about %s, and the answer is about %s. %s",
			c.requestLine(req), asked, describeUser(u), next)),
	}
}

// describeUser names a user by id and email, for an error.
func describeUser(u *User) string {
	s := "a user"
	if u.ID != nil {
		s += " with the id " + strconv.Quote(*u.ID)
	}
	if u.Email != nil {
		s += " and the email " + strconv.Quote(*u.Email)
	}
	return s
}

// optionalUser is the answer of a write that the API documents as
// {success, message}: a user in its "data" is kept to be checked, and
// anything else there, or an empty body, is ignored, as it was before.
type optionalUser struct {
	User *User
}

func (o *optionalUser) UnmarshalJSON(b []byte) error {
	var answer struct {
		Data json.RawMessage `json:"data"`
	}
	// A body that is not an object, or a "data" that is not a user, says
	// nothing of a user: there is nothing to check.
	_ = json.Unmarshal(b, &answer)
	var u User
	if len(answer.Data) > 0 && json.Unmarshal(answer.Data, &u) == nil && u.ID != nil {
		o.User = &u
	}
	return nil
}

// bodyOptional lets decodeJSON take an empty body.
func (*optionalUser) bodyOptional() {}
