package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The calls that manage one user of the organization. Each write records
// what it told of the user in what the run knows (users_known.go), so that
// a read after it sees what it did without reading the list again, and is
// logged at INFO with the user's id and the call; a password never reaches
// a log or an error.

const managePermission = "Managing organization users needs the WORKSPACES role or higher, " +
	"and a role at or above the roles of the user managed and of the role granted"

// NewUser is what CreateUser sends. Its String method leaves the password
// out, so that printing one never shows it.
type NewUser struct {
	Email      string `json:"email"`
	Password   string `json:"password"`
	FirstName  string `json:"firstName"`
	LastName   string `json:"lastName"`
	OrgRole    int64  `json:"orgRole"`
	SendInvite bool   `json:"sendInvite"`
}

func (n NewUser) String() string {
	return "NewUser{Email:" + n.Email + " FirstName:" + n.FirstName + " LastName:" + n.LastName +
		" OrgRole:" + RoleName(n.OrgRole) + " Password:" + redacted + "}"
}

// GoString is String, for %#v.
func (n NewUser) GoString() string { return n.String() }

// UserChange is what UpdateUser sends: only the fields that are set, so that
// only they change. Name is the first name, which the update call names
// "name" (the create call names it "firstName").
type UserChange struct {
	Name     *string `json:"name,omitempty"`
	LastName *string `json:"lastName,omitempty"`
	OrgRole  *int64  `json:"orgRole,omitempty"`
}

// Empty reports whether the change sets nothing.
func (ch UserChange) Empty() bool { return ch.Name == nil && ch.LastName == nil && ch.OrgRole == nil }

// userPath is the API path of one user.
func userPath(id string) string { return UsersPath + "/" + url.PathEscape(id) }

// CreateUser creates a user in the caller's organization (POST
// /organization/users) and returns it as the API answered. When u has no
// Password, it sends a strong random one (randomPassword) that nothing
// keeps: the user then gets in through the invitation.
func (c *Client) CreateUser(ctx context.Context, u NewUser) (*User, error) {
	if u.Password == "" {
		pw, err := randomPassword()
		if err != nil {
			return nil, fmt.Errorf("making a random password: %w", err)
		}
		u.Password = pw
	}
	req := Request{Method: http.MethodPost, Path: UsersPath, Body: u,
		Action: "create an organization user", Permission: managePermission}
	// While the call lasts, the password is a secret like the token: masked
	// in every log and redacted from any error, should the API echo it.
	defer c.secrets.addFor(u.Password)()
	answer := envelope[User]{what: "user", check: userHasID}
	if err := c.write(ctx, &req, &answer, ""); err != nil {
		return nil, err
	}
	created := answer.Data
	if created.Email == nil {
		// An answer without the email cannot show whose it is: read it.
		got, err := c.GetUser(ctx, *created.ID)
		if err != nil {
			// The user was created, but whose it is stays unknown.
			var e *Error
			if errors.As(err, &e) {
				return nil, e.markOutcome(true, true)
			}
			return nil, err
		}
		created = got
	}
	if err := c.checkEmail(&req, u.Email, created); err != nil {
		return nil, err
	}
	c.learn(*created.ID, created)
	logWrite(ctx, "Created Flashback organization user", &req, *created.ID)
	return created, nil
}

// GetUser reads one user by id (GET /organization/users/{id}), deleted or
// not. The API answers the bare user object; an answer wrapped in the usual
// {success, data} envelope is accepted too. A user that does not exist is
// an *Error of KindNotFound (see IsNotFound).
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	req := userRequest(id)
	var answer bareOrWrappedUser
	if err := c.Do(ctx, *req, &answer); err != nil {
		return nil, err
	}
	u := &answer.User
	if answer.Data != nil {
		u = answer.Data
	}
	if err := c.checkID(req, id, u, ""); err != nil {
		return nil, err
	}
	if u.ID == nil {
		// The call was about this id; the answer only left it out.
		u.ID = &id
	}
	return u, nil
}

// userRequest is the call that reads one user.
func userRequest(id string) *Request {
	return &Request{Method: http.MethodGet, Path: userPath(id), Action: "read an organization user",
		Permission: "Reading organization users needs the WORKSPACES role or higher"}
}

// UpdateUser changes the fields that ch sets (PUT /organization/users/{id})
// and returns the user as it now is. When its answer was lost, a read that
// shows every field set as asked makes it a success (settle).
func (c *Client) UpdateUser(ctx context.Context, id string, ch UserChange) (*User, error) {
	req := Request{Method: http.MethodPut, Path: userPath(id), Body: ch,
		Action: "update an organization user", Permission: managePermission}
	var answer struct {
		Data *User `json:"data"`
	}
	if err := c.write(ctx, &req, &answer, id); err != nil {
		if u, ok := c.settle(ctx, id, err, false, ch.holds); ok {
			return u, nil
		}
		return nil, err
	}
	if answer.Data == nil || answer.Data.ID == nil {
		// The API documents the updated user in data; without it, read it.
		k, _ := c.users.lookup(id)
		return c.readKnown(ctx, id, k)
	}
	if err := c.checkID(&req, id, answer.Data, "The update may have been made, to the user asked for or to another: "+
		"the next plan reads the user again. "); err != nil {
		return nil, err
	}
	c.learn(id, answer.Data)
	return answer.Data, nil
}

// DeleteUser soft-deletes a user (DELETE /organization/users/{id}): the user
// stays, with deletedAt set. When its answer was lost, a read that shows
// the user deleted, or gone, makes it a success (settle).
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	req := Request{Method: http.MethodDelete, Path: userPath(id),
		Action: "delete an organization user", Permission: managePermission}
	var answer optionalUser
	if err := c.write(ctx, &req, &answer, id); err != nil {
		if _, ok := c.settle(ctx, id, err, true, (*User).Deleted); ok {
			return nil
		}
		return err
	}
	return c.checkID(&req, id, answer.User, "The API says that it deleted a user, perhaps another than the one asked for: "+
		"check both in Flashback. ")
}

// ActivateUser reactivates a deleted user (POST
// /organization/users/{id}/activate), clearing deletedAt. When its answer
// was lost (and a retry met "User is not deleted"), a read that shows the
// user active makes it a success (settle).
func (c *Client) ActivateUser(ctx context.Context, id string) error {
	req := Request{Method: http.MethodPost, Path: userPath(id) + "/activate",
		Action: "reactivate an organization user", Permission: managePermission}
	var answer optionalUser
	if err := c.write(ctx, &req, &answer, id); err != nil {
		if _, ok := c.settle(ctx, id, err, false, func(u *User) bool { return !u.Deleted() }); ok {
			return nil
		}
		return err
	}
	return c.checkID(&req, id, answer.User, "The API says that it reactivated a user, perhaps another than the one asked for. ")
}

// write sends a write about the user id ("" for a create), and logs it when
// it succeeded and id is known. Whatever came of it (a write that failed
// may still have taken effect), the user is marked unknown, to be read
// again when next asked for, until the caller records the user the API
// answered (learn); a create that may have taken effect without saying so
// drops all the run knows of the users.
func (c *Client) write(ctx context.Context, req *Request, out any, id string) error {
	err := c.Do(ctx, *req, out)
	switch {
	case id != "":
		c.learn(id, nil)
	case OutcomeUnknown(err):
		c.forgetUsers()
	}
	if err == nil && id != "" {
		logWrite(ctx, "Changed Flashback organization user", req, id)
	}
	return err
}

// logWrite logs a write that succeeded, with the user's id and the call.
func logWrite(ctx context.Context, msg string, req *Request, id string) {
	tflog.Info(ctx, msg, map[string]any{"user_id": id, "call": req.method() + " " + req.Path})
}

// IsNotFound reports whether err is the API's 404: no such object.
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindNotFound
}

// userHasID refuses a created user without its id, which the caller needs.
func userHasID(u *User) error {
	if u.ID == nil {
		return errors.New(`its "data" has no user "id"`)
	}
	return nil
}

// bareOrWrappedUser decodes a user object, or one wrapped in "data".
type bareOrWrappedUser struct {
	User
	Data *User `json:"data"`
}
