package workspace

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The guard rails of flashback_workspace_user: a workspace never loses its
// last ADMIN through the provider, and the access token's user never
// removes its own ADMIN membership.
//
// Only an ADMIN of a workspace may change its members, so the last ADMIN
// the guard protects is, in practice, the access token's user, demoting
// itself after the others; and two such changes planned apart (each
// seeing the other ADMIN still there) could both pass. So the guard
// checks at plan time against the run's workspaces list, and again at
// apply (guarded), against a fresh read that no other such change of the
// same workspace in this provider process can come between: the client's
// ChangeWorkspaceMember, the per-workspace counterpart of the last-OWNER
// guard's ChangeOwner.

// guarded runs change with a fresh read of the workspace, as one step
// that no other guarded change of the same workspace in this provider
// process can come between (client.ChangeWorkspaceMember). change adds its
// own diagnostics; guarded adds those of the read.
func guarded(ctx context.Context, c *client.Client, workspaceID string, diags *diag.Diagnostics, change func(w *client.Workspace)) {
	err := c.ChangeWorkspaceMember(ctx, workspaceID, func(_ context.Context, w *client.Workspace) error {
		change(w)
		return nil
	})
	if err != nil {
		framework.AddClientError(diags, err)
	}
}

// addLastAdminError refuses a change that would leave the workspace w
// without an ADMIN. doing says what it would do to the member m, such as
// "remove it"; atApply says that the apply's fresh read found it, after a
// plan that did not.
func addLastAdminError(diags *diag.Diagnostics, w *client.Workspace, m client.WorkspaceMember, doing string, atApply bool) {
	when := "The provider refuses the change before calling the API."
	if atApply {
		when = "The apply's fresh read of the workspace found it, so the provider stopped before calling the API (when the plan " +
			"was made, another ADMIN was still there, removed or demoted since, perhaps earlier in this run, or the workspace " +
			"did not exist yet)."
	}
	diags.AddAttributeError(path.Root("role"), "Cannot take away the workspace's last ADMIN",
		fmt.Sprintf("%s (user %q) is the only ADMIN of the workspace %q (id %q), and this change would %s. %s. %s "+
			"Make another member an ADMIN first (give another flashback_workspace_user of this workspace the role \"ADMIN\" and "+
			"apply), then run this change again.", memberName(m), m.UserID, w.Name, w.ID, doing, client.AdminRule, when))
}

// addSelfRemovalWarning says that the access token's user's own ADMIN
// membership was left in place rather than removed.
func addSelfRemovalWarning(diags *diag.Diagnostics, workspaceID string, m client.WorkspaceMember, planned bool) {
	what := "was left in place and removed from the state only"
	if planned {
		what = "will be left in place and removed from the state only"
	}
	diags.AddWarning("Workspace ADMIN membership of the access token's user left in place",
		fmt.Sprintf("%s (user %q) is the access token's user, an ADMIN of the workspace %q. Its membership %s: removing it would "+
			"take away the provider's own access to the workspace, so that it could not manage its other members, nor delete it, "+
			"and when it is the last ADMIN, would leave the workspace without one. When the workspace is destroyed in the same run, "+
			"its delete ends the membership. Otherwise, to remove it, apply with the token of another ADMIN of the workspace.",
			memberName(m), m.UserID, workspaceID, what))
}

// memberName names a member for a person: its email, or its user id.
func memberName(m client.WorkspaceMember) string {
	if m.Email != nil && *m.Email != "" {
		return *m.Email
	}
	return "The member " + m.UserID
}
