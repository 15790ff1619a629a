package organization

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// Create creates the user, or reactivates a deleted user with the same
// email (same id), and refuses an email that an active user has.
func (r *OrganizationUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	plan := readUserArgs(ctx, req.Plan, &resp.Diagnostics)
	// A write-only value is in the configuration only, never in the plan.
	var password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
	if resp.Diagnostics.HasError() {
		return
	}
	u := r.createOrReactivate(ctx, plan, password.ValueString(), &resp.Diagnostics)
	if u != nil {
		// Also after an error once the user exists: Terraform then keeps it, tainted.
		setUserState(ctx, u, plan, &resp.State, resp.Identity, &resp.Diagnostics)
	}
}

func (r *OrganizationUserResource) createOrReactivate(ctx context.Context, plan userArgs, password string, diags *diag.Diagnostics) *client.User {
	email := plan.Email.ValueString()
	list, err := r.client.ListOrganizationUsers(ctx)
	if err != nil {
		framework.AddClientError(diags, err)
		return nil
	}
	if existing := findByEmail(list, email, diags); existing != nil || diags.HasError() {
		return r.takeOver(ctx, existing, plan, diags)
	}
	role := plan.roleCode()
	u, err := r.client.CreateUser(ctx, client.NewUser{
		Email: email, Password: password, FirstName: plan.Name.ValueString(), LastName: plan.LastName.ValueString(),
		OrgRole: role, SendInvite: plan.SendInvite.ValueBool(),
	})
	if err == nil {
		return u
	}
	if refusedAsTaken(err) {
		// The list was older than the API's view of the email: look again.
		if fresh, ferr := r.client.FreshOrganizationUsers(ctx); ferr == nil {
			var ignored diag.Diagnostics
			if existing := findByEmail(fresh, email, &ignored); existing != nil {
				return r.takeOver(ctx, existing, plan, diags)
			}
		}
	}
	explainRefusal(ctx, r.client, err, &role, nil, diags)
	return nil
}

// refusedAsTaken reports whether a create's error may mean that the email
// is taken: the API answers 409, or 400.
func refusedAsTaken(err error) bool {
	var e *client.Error
	return errors.As(err, &e) && (e.StatusCode == http.StatusConflict || e.StatusCode == http.StatusBadRequest)
}

// findByEmail returns the user with the email, matched as every lookup
// matches (UserList.Find), or nil; several users that the rules cannot
// tell apart are an error.
func findByEmail(list *client.UserList, email string, diags *diag.Diagnostics) *client.User {
	u, err := list.Find(client.ByEmail, email)
	var lookupErr *client.LookupError
	switch {
	case err == nil:
		return &u
	case errors.As(err, &lookupErr) && lookupErr.Kind == client.LookupNotFound:
		return nil
	case errors.As(err, &lookupErr):
		diags.AddAttributeError(path.Root("email"), lookupErr.Summary, lookupErr.Detail)
	default:
		framework.AddClientError(diags, err)
	}
	return nil
}

// takeOver handles a create whose email a user already has: an active user
// is an error that says how to import it; a deleted one is reactivated and
// given the planned name and role.
func (r *OrganizationUserResource) takeOver(ctx context.Context, u *client.User, plan userArgs, diags *diag.Diagnostics) *client.User {
	if u == nil || u.ID == nil {
		return nil
	}
	id := *u.ID
	if !u.Deleted() {
		diags.AddAttributeError(path.Root("email"), "Flashback user already exists",
			fmt.Sprintf("The organization already has an active user with the email %q, id %q, and the provider creates a user "+
				"only for an email that no active user has. To manage this user with Terraform, import it, with an import block:\n\n"+
				"  import {\n    to = flashback_organization_user.NAME\n    id = %q\n  }\n\n"+
				"or with `terraform import flashback_organization_user.NAME %s`, where NAME is this resource's name; then plan again.",
				deref(u.Email), id, id, id))
		return nil
	}
	if err := r.client.ActivateUser(ctx, id); err != nil {
		explainRefusal(ctx, r.client, err, nil, u.OrgRole, diags)
		return nil
	}
	diags.AddWarning("Reactivated a deleted Flashback user",
		fmt.Sprintf("%s had been deleted. Instead of creating a second user with this email, the provider reactivated it, "+
			"keeping its id %q, and set its name and role. It keeps its former password and email validation: "+
			"password_wo and send_invite apply to new users only.", deref(u.Email), id))
	role := plan.roleCode()
	change := client.UserChange{}
	if deref(u.Name) != plan.Name.ValueString() {
		change.Name = plan.Name.ValueStringPointer()
	}
	if deref(u.LastName) != plan.LastName.ValueString() {
		change.LastName = plan.LastName.ValueStringPointer()
	}
	if u.OrgRole == nil || *u.OrgRole != role {
		change.OrgRole = &role
	}
	if change.Empty() {
		return r.readAfterWrite(ctx, id, diags)
	}
	updated, err := r.client.UpdateUser(ctx, id, change)
	if err != nil {
		explainRefusal(ctx, r.client, err, change.OrgRole, u.OrgRole, diags)
		// The user is active again: keep it in the state, which Terraform
		// marks tainted after this error.
		return r.readAfterWrite(ctx, id, diags)
	}
	return updated
}

// readAfterWrite reads a user just written, or reports why it cannot.
func (r *OrganizationUserResource) readAfterWrite(ctx context.Context, id string, diags *diag.Diagnostics) *client.User {
	u, err := r.client.GetUser(ctx, id)
	if err != nil {
		framework.AddClientError(diags, err)
		return nil
	}
	return u
}

// Update sends what changed of the name, the last name and the role, and
// nothing else: send_invite only matters on create.
func (r *OrganizationUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	plan := readUserArgs(ctx, req.Plan, &resp.Diagnostics)
	state := readUserArgs(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	change := client.UserChange{}
	if !plan.Name.Equal(state.Name) {
		change.Name = plan.Name.ValueStringPointer()
	}
	if !plan.LastName.Equal(state.LastName) {
		change.LastName = plan.LastName.ValueStringPointer()
	}
	if !plan.Role.Equal(state.Role) {
		// The last OWNER's demotion was refused when Terraform planned
		// this update again, just before this call (ModifyPlan).
		role := plan.roleCode()
		change.OrgRole = &role
	}
	if change.Empty() {
		// Only send_invite changed: the plan, fully known, is the new state.
		resp.State.Raw = req.Plan.Raw.Copy()
		setUserIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
		return
	}
	u, err := r.client.UpdateUser(ctx, id, change)
	if err != nil {
		current := state.roleCode()
		explainRefusal(ctx, r.client, err, change.OrgRole, &current, &resp.Diagnostics)
		return
	}
	setUserState(ctx, u, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete soft-deletes the user; a user already gone is success. The last
// active OWNER is refused before any call.
func (r *OrganizationUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	state := readUserArgs(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if state.Role.ValueString() == client.RoleName(client.RoleOwner) {
		guardLastOwner(ctx, r.client, id, state.Email.ValueString(), "destroy it", true, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	err := r.client.DeleteUser(ctx, id)
	if err == nil || client.IsNotFound(err) {
		return
	}
	if explainDeleteRefusal(ctx, r.client, id, err, &resp.Diagnostics) {
		return
	}
	var apiErr *client.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest {
		// Perhaps deleted since the plan: then the delete is done.
		if u, gerr := r.client.GetUser(ctx, id); client.IsNotFound(gerr) || gerr == nil && u.Deleted() {
			return
		}
	}
	current := state.roleCode()
	explainRefusal(ctx, r.client, err, nil, &current, &resp.Diagnostics)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
