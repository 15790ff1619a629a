package workspace

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// Create adds the user to the workspace with the role. A user who is
// already a member (the workspace's creator is, from the start) is taken
// over and given the role, unless that would take away the workspace's
// last ADMIN. Adding a member never takes an ADMIN away, so only a take
// over waits for the workspace's other guarded changes (guarded).
func (r *MemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	c := r.ready(memberType, &resp.Diagnostics)
	var plan MemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	workspaceID, userID, role := plan.WorkspaceID.ValueString(), plan.UserID.ValueString(), plan.Role.ValueString()
	w, err := c.GetWorkspace(ctx, workspaceID)
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	if _, member := w.Member(userID); !member {
		err := c.AddWorkspaceMember(ctx, workspaceID, userID, role)
		if err == nil {
			r.readBack(ctx, c, workspaceID, userID, resp, &resp.Diagnostics)
			return
		}
		if !client.IsAlreadyMember(err) {
			framework.AddClientError(&resp.Diagnostics, err)
			return
		}
		// Added since the read, outside this provider: taken over.
	}
	guarded(ctx, c, workspaceID, &resp.Diagnostics, func(w *client.Workspace) {
		m, member := w.Member(userID)
		if !member {
			// Removed since the first read: added after all.
			if err := c.AddWorkspaceMember(ctx, workspaceID, userID, role); err != nil {
				framework.AddClientError(&resp.Diagnostics, err)
				return
			}
		} else {
			tflog.Info(ctx, "Taking over a Flashback workspace member", map[string]any{
				"workspace_id": workspaceID, "user_id": userID, "role": m.Role, "planned_role": role})
			if !r.setRole(ctx, c, w, m, role, "give it the role "+role, &resp.Diagnostics) {
				return
			}
		}
		r.readBack(ctx, c, workspaceID, userID, resp, &resp.Diagnostics)
	})
}

// readBack reads the member just written into a create's state.
func (r *MemberResource) readBack(ctx context.Context, c *client.Client, workspaceID, userID string, resp *resource.CreateResponse, diags *diag.Diagnostics) {
	w, err := c.GetWorkspace(ctx, workspaceID)
	if err != nil {
		framework.AddClientError(diags, err)
		return
	}
	m, ok := w.Member(userID)
	if !ok {
		diags.AddError("Flashback workspace member missing after it was added",
			fmt.Sprintf("The API accepted the user %q as a member of the workspace %q, but the workspace read just after does not "+
				"list it. It may have been removed at once by someone else; run again, and report it to Flashback if it persists.",
				userID, workspaceID))
		return
	}
	setMemberState(ctx, MemberModelOf(workspaceID, m), &resp.State, resp.Identity, diags)
}

// setRole gives the member m of w the role, unless it holds it already or
// the change would take away the last ADMIN. It reports whether the
// member holds the role now.
func (r *MemberResource) setRole(ctx context.Context, c *client.Client, w *client.Workspace, m client.WorkspaceMember, role, doing string, diags *diag.Diagnostics) bool {
	if m.Role == role {
		return true
	}
	if w.LeavesNoAdmin(m.UserID, role) {
		addLastAdminError(diags, w, m, doing, true)
		return false
	}
	if err := c.SetWorkspaceMemberRole(ctx, w.ID, m.UserID, role); err != nil {
		framework.AddClientError(diags, err)
		return false
	}
	if m.Role == client.WorkspaceAdmin {
		if caller, err := callerID(ctx, c); err == nil && caller == m.UserID {
			diags.AddWarning("The access token's user is no longer an ADMIN of the workspace",
				fmt.Sprintf("%s, the access token's user, is now %s of the workspace %q (id %q). With this token, the provider can no "+
					"longer rename or delete the workspace nor manage its members: apply those changes with the token of one of its "+
					"ADMINs.", memberName(m), role, w.Name, w.ID))
		}
	}
	return true
}

// Update changes the member's role in place (PUT
// /workspace/{id}/users/{userId}), the only argument that does not replace
// it. An ADMIN's demotion goes through the last-ADMIN check on a fresh
// read (guarded); any other change of role cannot take an ADMIN away.
func (r *MemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	c := r.ready(memberType, &resp.Diagnostics)
	var plan, state MemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	workspaceID, userID, role := plan.WorkspaceID.ValueString(), plan.UserID.ValueString(), plan.Role.ValueString()
	if state.Role.ValueString() != client.WorkspaceAdmin || role == client.WorkspaceAdmin {
		if err := c.SetWorkspaceMemberRole(ctx, workspaceID, userID, role); err != nil {
			framework.AddClientError(&resp.Diagnostics, err)
			return
		}
		setMemberState(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
		return
	}
	guarded(ctx, c, workspaceID, &resp.Diagnostics, func(w *client.Workspace) {
		m, ok := w.Member(userID)
		if !ok {
			resp.Diagnostics.AddError("No longer a member of the Flashback workspace",
				fmt.Sprintf("The user %q is no longer a member of the workspace %q (id %q): it was removed outside Terraform since the "+
					"plan. Run terraform apply again: the refresh sees it gone and plans to add it back with the role %s.",
					userID, w.Name, workspaceID, role))
			return
		}
		if r.setRole(ctx, c, w, m, role, "demote it to "+role, &resp.Diagnostics) {
			// The plan, fully known, is the new state: the name and email
			// came from the refresh just before it.
			setMemberState(ctx, plan, &resp.State, resp.Identity, &resp.Diagnostics)
		}
	})
}

// Delete removes the member (DELETE /workspace/{id}/users/{userId}). An
// ADMIN goes after the checks on a fresh read (guarded): the last ADMIN
// stays, and so does the access token's user's own ADMIN membership, which
// leaves the state with a warning (the workspace's delete ends it, when it
// is destroyed too). A member or workspace already gone is success.
func (r *MemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	c := r.ready(memberType, &resp.Diagnostics)
	var state MemberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	workspaceID, userID := state.WorkspaceID.ValueString(), state.UserID.ValueString()
	if state.Role.ValueString() != client.WorkspaceAdmin {
		// Not an ADMIN: its removal cannot take an ADMIN away.
		if err := c.RemoveWorkspaceMember(ctx, workspaceID, userID); err != nil && !client.IsNotFound(err) {
			framework.AddClientError(&resp.Diagnostics, err)
		}
		return
	}
	err := c.ChangeWorkspaceMember(ctx, workspaceID, func(ctx context.Context, w *client.Workspace) error {
		return r.remove(ctx, c, w, userID, &resp.Diagnostics)
	})
	if client.IsNotFound(err) {
		tflog.Info(ctx, "Flashback workspace gone from the caller's view; its member leaves the state",
			map[string]any{"workspace_id": workspaceID, "user_id": userID})
		return
	}
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
	}
}

// remove removes the member userID of w, after the checks: the access
// token's user's own ADMIN membership stays, with a warning, and so does
// the last ADMIN, with an error. A member already gone is success. It
// returns the error of a call, and adds the checks' refusals to diags.
func (r *MemberResource) remove(ctx context.Context, c *client.Client, w *client.Workspace, userID string, diags *diag.Diagnostics) error {
	m, ok := w.Member(userID)
	if !ok {
		return nil
	}
	if m.Role == client.WorkspaceAdmin {
		caller, err := callerID(ctx, c)
		if err != nil {
			return err
		}
		if caller == userID {
			addSelfRemovalWarning(diags, w.ID, m, false)
			return nil
		}
		if w.LeavesNoAdmin(userID, "") {
			addLastAdminError(diags, w, m, "remove it", true)
			return nil
		}
	}
	if err := c.RemoveWorkspaceMember(ctx, w.ID, userID); err != nil && !client.IsNotFound(err) {
		return err
	}
	return nil
}

// ModifyPlan refuses, at plan time, a change that would take away a
// workspace's last ADMIN, against the run's workspaces list, and warns of
// the access token's user's own ADMIN membership, which a destroy leaves
// in place. The apply checks again on a fresh read (guarded). Terraform
// plans a create or an update again during the apply, just before making
// it, not a destroy. The provider may not be configured yet at plan time,
// nor the workspace known: the check then waits for the apply.
func (r *MemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	c := r.provider.Client
	if c == nil {
		return
	}
	var state, plan MemberModel
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if !req.Plan.Raw.IsNull() {
		resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	var workspaceID, userID, role, doing string
	switch {
	case req.Plan.Raw.IsNull():
		workspaceID, userID, doing = state.WorkspaceID.ValueString(), state.UserID.ValueString(), "remove it"
	case plan.WorkspaceID.IsUnknown() || plan.UserID.IsUnknown() || plan.Role.IsUnknown():
		return
	case !req.State.Raw.IsNull() && (!plan.WorkspaceID.Equal(state.WorkspaceID) || !plan.UserID.Equal(state.UserID)):
		// A replacement: the old membership goes, and a destroy is not
		// planned again; its Delete checks.
		workspaceID, userID, doing = state.WorkspaceID.ValueString(), state.UserID.ValueString(), "remove it"
	default:
		workspaceID, userID, role = plan.WorkspaceID.ValueString(), plan.UserID.ValueString(), plan.Role.ValueString()
		doing = "demote it to " + role
	}
	r.guardPlan(ctx, c, workspaceID, userID, role, doing, &resp.Diagnostics)
}

// guardPlan checks one planned change against the run's workspaces list:
// role "" removes the member.
func (r *MemberResource) guardPlan(ctx context.Context, c *client.Client, workspaceID, userID, role, doing string, diags *diag.Diagnostics) {
	list, err := c.ListWorkspaces(ctx)
	if err != nil {
		framework.AddClientError(diags, err)
		return
	}
	for i := range list {
		w := &list[i]
		if w.ID != workspaceID {
			continue
		}
		m, ok := w.Member(userID)
		if !ok || m.Role != client.WorkspaceAdmin || role == client.WorkspaceAdmin {
			return
		}
		if role == "" {
			if caller, err := callerID(ctx, c); err == nil && caller == userID {
				addSelfRemovalWarning(diags, workspaceID, m, true)
				return
			}
		}
		if w.LeavesNoAdmin(userID, role) {
			addLastAdminError(diags, w, m, doing, false)
		}
		return
	}
}
