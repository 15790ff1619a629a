package client

import (
	"context"
	"fmt"
)

// OwnerRule is the API's rule on owners, in words, for errors and docs.
const OwnerRule = "An organization must keep at least one active OWNER"

// LastActiveOwner reports whether the user with that id is the list's only
// active OWNER: removing it or lowering its role would leave the
// organization without an owner. It is false for a user not in the list,
// deleted, or not an OWNER.
func (l *UserList) LastActiveOwner(id string) bool {
	owners := l.Select(&Filter{Roles: []int64{RoleOwner}})
	return len(owners) == 1 && owners[0].ID != nil && *owners[0].ID == id
}

// OwnerRuleError is a change refused before any call because it would
// break OwnerRule, or because the list cannot show that it would not.
type OwnerRuleError struct {
	// ID is the user the change would remove or demote.
	ID string
	// Incomplete says that the list cannot be shown to hold every user
	// (UserList.Complete), as Why says: an OWNER left out could be the
	// last one, or another.
	Incomplete bool
	Why        string
}

func (e *OwnerRuleError) Error() string {
	if e.Incomplete {
		return fmt.Sprintf("cannot check the last-OWNER rule for the user %q: %s", e.ID, e.Why)
	}
	return fmt.Sprintf("the user %q is the organization's last active OWNER: %s", e.ID, OwnerRule)
}

// CheckOwnerRule returns an *OwnerRuleError when removing or demoting the
// user id would leave no active OWNER by l, or when l cannot be shown to
// be complete, so that it cannot tell; nil when another active OWNER stays.
func (l *UserList) CheckOwnerRule(id string) error {
	if ok, why := l.Complete(); !ok {
		return &OwnerRuleError{ID: id, Incomplete: true, Why: why}
	}
	if l.LastActiveOwner(id) {
		return &OwnerRuleError{ID: id}
	}
	return nil
}

// ownerLocks holds, for each API (base URL), the lock that every change
// that can lower its number of active OWNERs takes in this process.
var ownerLocks keyLocks

// ChangeOwner makes a change that can leave the organization with fewer
// active OWNERs: removing or demoting the user id, with change. The check
// and the write are one step: it takes a lock that every such change to
// the same API in this process takes (each provider configuration has its
// own Client, so the lock is the process's, by base URL), reads the list
// afresh (never the run's cache, which may still show an OWNER that a
// change of this run removed), refuses with an *OwnerRuleError when the
// user is the last active OWNER or the list is incomplete, and calls
// change while it still holds the lock. Two changes in one run can then
// never both see the other's OWNER and both go through. Changes made
// elsewhere at the same time (another process, another pipeline) are not
// covered: nothing on the client's side can see them coming.
func (c *Client) ChangeOwner(ctx context.Context, id string, change func(context.Context) error) error {
	unlock, err := ownerLocks.lock(ctx, c.base, nil)
	if err != nil {
		return (&failure{kind: KindCanceled, cause: err}).toError(c, &usersRequest, 0, false)
	}
	defer unlock()
	list, err := c.FreshOrganizationUsers(ctx)
	if err != nil {
		return err
	}
	if err := list.CheckOwnerRule(id); err != nil {
		return err
	}
	return change(ctx)
}
