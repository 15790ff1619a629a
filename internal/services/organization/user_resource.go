package organization

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var (
	_ resource.ResourceWithConfigure   = &OrganizationUserResource{}
	_ resource.ResourceWithImportState = &OrganizationUserResource{}
	_ resource.ResourceWithIdentity    = &OrganizationUserResource{}
	_ resource.ResourceWithModifyPlan  = &OrganizationUserResource{}
)

// NewOrganizationUserResource builds the flashback_organization_user resource.
func NewOrganizationUserResource() resource.Resource {
	return &OrganizationUserResource{}
}

// OrganizationUserResource manages one member of the caller's
// organization. Its schema is in user_resource_schema.go, its
// writes in user_resource_write.go and its guard rails in
// user_guards.go.
type OrganizationUserResource struct {
	provider framework.ProviderClient
	client   *client.Client // provider.client: nil until the provider is configured with known settings
}

func (r *OrganizationUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_user"
}

func (r *OrganizationUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
	r.client = r.provider.Client
}

// ready reports whether the resource can call the API, or says why not:
// the provider is not configured, or its settings are not known yet.
func (r *OrganizationUserResource) ready(diags *diag.Diagnostics) bool {
	return r.provider.ForResource("flashback_organization_user", diags) != nil
}

// Read refreshes the user from GET /organization/users/{id}. A user the API
// no longer has, or has deleted, leaves the state, so that the next plan
// creates it again; any other change shows as drift.
func (r *OrganizationUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.ready(&resp.Diagnostics) {
		return
	}
	prior := readUserArgs(ctx, req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	imported := importing(ctx, req.Private, &resp.Diagnostics)
	if imported {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, nil)...)
	}
	id := prior.ID.ValueString()
	u, err := r.client.RefreshUser(ctx, id)
	if err == nil && u.Deleted() && imported {
		refuseDeletedImport(u, &resp.Diagnostics)
		return
	}
	if gone := client.IsNotFound(err) || err == nil && u.Deleted(); gone {
		tflog.Info(ctx, "Flashback organization user deleted outside Terraform; removing it from the state", map[string]any{"user_id": id})
		setUserIdentity(ctx, resp.Identity, prior.ID, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	setUserState(ctx, u, prior, &resp.State, resp.Identity, &resp.Diagnostics)
}

// ImportState takes a user's id, or an email (an import ID holding "@"),
// found as the flashback_organization_user data source finds one; with
// Terraform 1.12+, an import block may give the identity's id instead,
// which is always an id. An email import keeps the email as given, so that
// a configuration that writes it so plans no change. It marks the import
// in the private state, for Read to refuse a deleted user.
func (r *OrganizationUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	value, fromIdentity := req.ID, false
	if value == "" && req.Identity != nil {
		var id types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &id)...)
		value, fromIdentity = id.ValueString(), true
	}
	if resp.Diagnostics.HasError() {
		return
	}
	id := value
	switch {
	case fromIdentity && strings.Contains(value, "@"):
		resp.Diagnostics.AddError("An identity's id is a user id, not an email",
			fmt.Sprintf("The import block's identity gives the id %q, which is an email: an identity names a user by its id, "+
				"and is never looked up by email. To import by email, give it as the import block's id instead of an identity "+
				"(id = %q); or give the user's id in the identity.", value, value))
		return
	case strings.Contains(value, "@"):
		if !r.ready(&resp.Diagnostics) {
			return
		}
		id = r.idOfEmail(ctx, value, resp)
		if id == "" {
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), value)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	// The API does not say whether an invitation was sent; its default.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("send_invite"), true)...)
	setUserIdentity(ctx, resp.Identity, types.StringValue(id), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importingKey, []byte("true"))...)
}

// importingKey marks, in the private state, a user that ImportState has
// just taken and Read has not read yet.
const importingKey = "importing"

// importing reports whether the state was just imported.
func importing(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, diags *diag.Diagnostics) bool {
	v, d := private.GetKey(ctx, importingKey)
	diags.Append(d...)
	return string(v) == "true"
}

// refuseDeletedImport says why a deleted user cannot be imported, and
// what does bring it back. Nothing is written.
func refuseDeletedImport(u *client.User, diags *diag.Diagnostics) {
	diags.AddError("Cannot import a deleted Flashback user",
		fmt.Sprintf("The user %s (id %q) is deleted (since %s), so there is nothing to import. Declare the user in the "+
			"configuration without the import and apply: the provider reactivates it, with the same id.",
			emailOr(u.Email, "with no email"), deref(u.ID), deref(u.DeletedAt)))
}

// idOfEmail finds the user with an email, or reports why not.
func (r *OrganizationUserResource) idOfEmail(ctx context.Context, email string, resp *resource.ImportStateResponse) string {
	list, err := r.client.ListOrganizationUsers(ctx)
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return ""
	}
	u, err := list.Find(client.ByEmail, email)
	var lookupErr *client.LookupError
	switch {
	case errors.As(err, &lookupErr):
		resp.Diagnostics.AddError(lookupErr.Summary, lookupErr.Detail)
		return ""
	case err != nil:
		framework.AddClientError(&resp.Diagnostics, err)
		return ""
	case u.Deleted():
		refuseDeletedImport(&u, &resp.Diagnostics)
		return ""
	case u.ID == nil:
		resp.Diagnostics.AddError("Cannot import a Flashback user without an id",
			fmt.Sprintf("The API lists the user with the email %q without an id, so Terraform cannot track it. Report this to Flashback.", email))
		return ""
	}
	return *u.ID
}

// ModifyPlan fills what the plan can know of the role's number, description
// and list, and refuses at plan time to remove or demote the last OWNER. It
// sets only what it changes: a plan that changes nothing, as most members'
// in a large configuration, costs no write to the plan.
func (r *OrganizationUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	prior := objectAttributes(req.State.Raw, &resp.Diagnostics) // none for a create
	state := userArgsOf(ctx, prior, &resp.Diagnostics)
	if req.Plan.Raw.IsNull() {
		r.guardPlan(ctx, state, "destroy it", &resp.Diagnostics)
		return
	}
	planned := objectAttributes(req.Plan.Raw, &resp.Diagnostics)
	plan := userArgsOf(ctx, planned, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || plan.Role.IsUnknown() {
		return
	}
	setPlanned(ctx, &resp.Plan, planned, "org_role", tftypes.NewValue(tftypes.Number, plan.roleCode()), &resp.Diagnostics)
	if req.State.Raw.IsNull() {
		return
	}
	switch {
	case emailChanged(state.Email, plan.Email):
		r.guardPlan(ctx, state, "replace it (its email changes, and the API cannot change an email)", &resp.Diagnostics)
	case plan.Role.Equal(state.Role):
		// The role stays: so do its description and list.
		setPlanned(ctx, &resp.Plan, planned, "org_role_description", prior["org_role_description"], &resp.Diagnostics)
		setPlanned(ctx, &resp.Plan, planned, "org_roles", prior["org_roles"], &resp.Diagnostics)
	case plan.Role.ValueString() != client.RoleName(client.RoleOwner):
		r.guardPlan(ctx, state, "demote it to "+plan.Role.ValueString(), &resp.Diagnostics)
	}
}

// setPlanned sets the plan's attribute name to v, unless planned (the
// plan's attributes before ModifyPlan) already holds it.
func setPlanned(ctx context.Context, plan *tfsdk.Plan, planned map[string]tftypes.Value, name string, v tftypes.Value, diags *diag.Diagnostics) {
	if v.Equal(planned[name]) {
		return
	}
	value, err := organizationUserAttrTypes()[name].ValueFromTerraform(ctx, v)
	if err != nil {
		diags.AddError("Cannot plan the user's "+name, unreadable(err))
		return
	}
	diags.Append(plan.SetAttribute(ctx, path.Root(name), value)...)
}

// guardPlan runs guardLastOwner for a user whose state says it is an
// OWNER, so that a plan shows the refusal early. It is not what keeps the
// OWNER: changes planned together each see the others' OWNERs, so Update
// and Delete check again with their write, as one step (ownerChange). The
// provider may not be configured yet at plan time: the check then waits
// for the apply.
func (r *OrganizationUserResource) guardPlan(ctx context.Context, state userArgs, doing string, diags *diag.Diagnostics) {
	if r.client == nil || state.Role.ValueString() != client.RoleName(client.RoleOwner) {
		return
	}
	guardLastOwner(ctx, r.client, state.ID.ValueString(), state.Email.ValueString(), doing, diags)
}
