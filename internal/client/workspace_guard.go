package client

import "context"

// AdminRule is the rule the last-ADMIN guard keeps, in words, for errors
// and docs.
const AdminRule = "A workspace must keep at least one ADMIN: without one, nobody could manage its members, rename it or delete it"

// LeavesNoAdmin reports whether giving the member userID the role to (""
// removes it) would leave the workspace without an ADMIN: userID is its
// only ADMIN, and to is not ADMIN. A user who is not a member, or not an
// ADMIN, never does.
func (w *Workspace) LeavesNoAdmin(userID, to string) bool {
	m, ok := w.Member(userID)
	if !ok || m.Role != WorkspaceAdmin || to == WorkspaceAdmin {
		return false
	}
	for _, id := range w.Admins() {
		if id != userID {
			return false
		}
	}
	return true
}

// workspaceLocks holds, for each workspace of each API (base URL and
// workspace id), the lock that every change of its members that can lower
// its number of ADMINs takes in this process.
var workspaceLocks keyLocks

// ChangeWorkspaceMember makes a change of a workspace's members as one
// step with a fresh read of the workspace, as ChangeOwner does for the
// organization's OWNERs: it takes the lock that every such change of the
// same workspace in this process takes (by base URL and workspace id), reads
// the workspace afresh (GET /workspace/{id}, never the run's list), and
// calls change with it while it still holds the lock. change decides on
// what it reads, with LeavesNoAdmin, and writes. Two changes in one run can
// then never both see the other's ADMIN and both go through; changes
// elsewhere (another process, the web console) are not covered.
func (c *Client) ChangeWorkspaceMember(ctx context.Context, workspaceID string, change func(context.Context, *Workspace) error) error {
	var waiting func()
	if c.hooks.memberLockWaiting != nil {
		waiting = func() { c.hooks.memberLockWaiting(workspaceID) }
	}
	unlock, err := workspaceLocks.lock(ctx, c.base+" "+workspaceID, waiting)
	if err != nil {
		req := Request{Method: "GET", Path: workspacePath(workspaceID)}
		return (&failure{kind: KindCanceled, cause: err}).toError(c, &req, 0, false)
	}
	defer unlock()
	w, err := c.GetWorkspace(ctx, workspaceID)
	if err != nil {
		return err
	}
	return change(ctx, w)
}
