package organization

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// Create creates the user with one POST, or reactivates a deleted user
// with the same email (same id), or takes the user that a create whose
// answer was lost made (client.EnsureUser); it refuses an email that an
// active user has, and one that may belong to a user the create made but
// that is not exactly what was asked.
func (r *OrganizationUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	plan := readUserArgs(ctx, req.Plan.Raw, &resp.Diagnostics)
	// A write-only value is in the configuration only, never in the plan.
	var password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
	if resp.Diagnostics.HasError() {
		return
	}
	role := plan.roleCode()
	email := plan.Email.ValueString()
	res, err := r.client.EnsureUser(ctx, client.NewUser{
		Email: email, Password: password.ValueString(), FirstName: plan.Name.ValueString(), LastName: plan.LastName.ValueString(),
		OrgRole: role, SendInvite: plan.SendInvite.ValueBool(),
	})
	switch res.How {
	case client.Reactivated:
		if res.User != nil {
			resp.Diagnostics.AddWarning("Reactivated a deleted Flashback user",
				fmt.Sprintf("%s had been deleted. Instead of creating a second user with this email, the provider reactivated it, "+
					"keeping its id %q, and set its name and role. It keeps its former password and email validation: "+
					"password_wo and send_invite apply to new users only.", email, deref(res.User.ID)))
		}
	case client.Recovered:
		resp.Diagnostics.AddWarning("Flashback user created, though the API's answer was lost",
			fmt.Sprintf("The create of %s got no usable answer (%s). The provider then read the organization's users: %s is there, "+
				"active, with id %q and exactly the email, names and role asked for, so it is the user this create made, and it is "+
				"now in the state. Nothing was created twice. If the answers keep getting lost, check the network and any proxy "+
				"between Terraform and the API.", email, errorSummary(res.Cause), email, deref(res.User.ID)))
	}
	if err != nil {
		r.explainCreateError(ctx, err, role, res.Found, &resp.Diagnostics)
	}
	if res.User != nil {
		// Also after an error once the user exists: Terraform then keeps it, tainted.
		setWrittenUserState(ctx, res.User, req.Plan, plan, &resp.State, resp.Identity, &resp.Diagnostics)
	}
}

// explainCreateError says why a create failed, and what to do next.
func (r *OrganizationUserResource) explainCreateError(ctx context.Context, err error, role int64, found *client.User, diags *diag.Diagnostics) {
	var taken *client.EmailTakenError
	var unknown *client.UnknownCreateError
	var lookupErr *client.LookupError
	switch {
	case errors.As(err, &taken):
		id := deref(taken.User.ID)
		diags.AddAttributeError(path.Root("email"), "Flashback user already exists",
			fmt.Sprintf("The organization already has an active user with the email %q, id %q, and the provider creates a user "+
				"only for an email that no active user has. To manage this user with Terraform, import it, with an import block:\n\n"+
				"%s\n\nor with `terraform import flashback_organization_user.NAME %s`, where NAME is this resource's name; "+
				"then plan again.", deref(taken.User.Email), id, importBlock(id), id))
	case errors.As(err, &unknown):
		diags.AddAttributeError(path.Root("email"), "Flashback user may have been created", unknownCreateDetail(unknown))
	case errors.As(err, &lookupErr):
		diags.AddAttributeError(path.Root("email"), lookupErr.Summary, lookupErr.Detail)
	default:
		var target *int64
		if found != nil {
			target = found.OrgRole
		}
		explainRefusal(ctx, r.client, err, &role, target, diags)
	}
}

// unknownCreateDetail says what is known of a create whose outcome is
// unknown, and how to import the user if it exists.
func unknownCreateDetail(e *client.UnknownCreateError) string {
	var seen string
	switch {
	case e.Lookup != nil:
		seen = fmt.Sprintf("The provider could not read the organization's users to find out (%s).", errorSummary(e.Lookup))
	case e.Found == nil:
		seen = fmt.Sprintf("The provider read the organization's users, and none has the email %q yet.", e.Email)
	default:
		seen = fmt.Sprintf("The provider read the organization's users: one has the email, id %q, but it is not exactly what was asked "+
			"(name %q, last name %q, role %s), so the provider does not take it as the user this create made.",
			deref(e.Found.ID), deref(e.Found.Name), deref(e.Found.LastName), roleOf(e.Found))
	}
	id := e.Email
	if e.Found != nil && e.Found.ID != nil {
		id = *e.Found.ID
	}
	return fmt.Sprintf("The create of %q got no usable answer (%s), so the provider cannot tell whether the API made the user. %s "+
		"The user may exist all the same. Look for it in Flashback (or with the flashback_organization_user data source); if it is "+
		"there and is yours, import it, then plan again:\n\n%s\n\nIf it is not there, run apply again: the create is sent once more.",
		e.Email, errorSummary(e.Cause), seen, importBlock(id))
}

// importBlock is an import block for this resource with an id (or email).
func importBlock(id string) string {
	return fmt.Sprintf("  import {\n    to = flashback_organization_user.NAME\n    id = %q\n  }", id)
}

// errorSummary is an error's headline, for a sentence about it.
func errorSummary(err error) string {
	var e *client.Error
	if errors.As(err, &e) {
		return strings.TrimSuffix(e.Summary, ".")
	}
	return err.Error()
}

// roleOf names a user's role, or says that the answer had none.
func roleOf(u *client.User) string {
	if u.OrgRole == nil {
		return "none"
	}
	return client.RoleName(*u.OrgRole)
}

// Update sends what changed of the name, the last name and the role, and
// nothing else: send_invite only matters on create.
func (r *OrganizationUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	plan := readUserArgs(ctx, req.Plan.Raw, &resp.Diagnostics)
	state := readUserArgs(ctx, req.State.Raw, &resp.Diagnostics)
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
		role := plan.roleCode()
		change.OrgRole = &role
	}
	if change.Empty() {
		// Only send_invite changed: the plan, fully known, is the new state.
		resp.State.Raw = req.Plan.Raw.Copy()
		setUserIdentity(ctx, resp.Identity, state.ID, &resp.Diagnostics)
		return
	}
	var u *client.User
	update := func(ctx context.Context) (err error) {
		u, err = r.client.UpdateUser(ctx, id, change)
		return err
	}
	var err error
	if change.OrgRole != nil && *change.OrgRole != client.RoleOwner {
		// A demotion, which ownerChange checks with its write when the user is an OWNER.
		err = ownerChange(ctx, r.client, state, "demote it to "+plan.Role.ValueString(), update, &resp.Diagnostics)
	} else {
		err = update(ctx)
	}
	if err != nil {
		current := state.roleCode()
		explainRefusal(ctx, r.client, err, change.OrgRole, &current, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	setWrittenUserState(ctx, u, req.Plan, plan, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete soft-deletes the user; a user already gone is success. The last
// active OWNER is refused before any call, from a fresh read made with the
// delete as one step (ownerChange).
func (r *OrganizationUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	state := readUserArgs(ctx, req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	err := ownerChange(ctx, r.client, state, "destroy it", func(ctx context.Context) error { return r.client.DeleteUser(ctx, id) },
		&resp.Diagnostics)
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
