package client

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// A write to one user whose answer was lost (OutcomeUnknown) is settled by
// reading the user: an update, a reactivation or a delete sets the user to
// a state that a read can recognize, so that when the read shows the write
// done, it is a success, and the write is never sent again. Otherwise the
// write's error stands. A create has no id to read: see EnsureUser.

// settle reads the user id after err, the error of a write whose outcome
// is unknown, and returns the user when done says that the write took
// effect. gone says whether a user the API no longer has counts as done
// (a delete). It returns nil when err is not of unknown outcome, or the
// read cannot show the write done.
func (c *Client) settle(ctx context.Context, id string, err error, gone bool, done func(*User) bool) (*User, bool) {
	if !OutcomeUnknown(err) {
		return nil, false
	}
	k, _ := c.users.lookup(id)
	u, rerr := c.readKnown(ctx, id, k)
	switch {
	case gone && IsNotFound(rerr):
	case rerr != nil || !done(u):
		return nil, false
	}
	tflog.Warn(ctx, "Flashback API answer to a write was lost; a read of the user shows the write done", map[string]any{
		"user_id": id, "error": err.Error(),
	})
	return u, true
}

// holds reports whether u holds every field that ch sets.
func (ch UserChange) holds(u *User) bool {
	same := func(want, got *string) bool { return want == nil || got != nil && *got == *want }
	return same(ch.Name, u.Name) && same(ch.LastName, u.LastName) &&
		(ch.OrgRole == nil || u.OrgRole != nil && *u.OrgRole == *ch.OrgRole)
}
