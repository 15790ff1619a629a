package workspace

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var (
	_ resource.ResourceWithConfigure   = &MemberResource{}
	_ resource.ResourceWithImportState = &MemberResource{}
	_ resource.ResourceWithIdentity    = &MemberResource{}
	_ resource.ResourceWithModifyPlan  = &MemberResource{}
)

// NewMemberResource builds the flashback_workspace_user resource.
func NewMemberResource() resource.Resource { return &MemberResource{} }

// MemberResource manages one member of a workspace and its role. Its
// writes are in member_write.go, its guard rails in member_guard.go.
type MemberResource struct {
	configured
}

const memberType = "flashback_workspace_user"

func (r *MemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace_user"
}

func (r *MemberResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *MemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A member of a Flashback workspace, and its workspace role. Creating one adds the user, or takes over " +
			"a user who is already a member (such as the workspace's creator) and gives it the role; the access token's user must be " +
			"an `ADMIN` of the workspace. The workspace's last `ADMIN` can be neither removed nor demoted, and destroying the access " +
			"token's user's own `ADMIN` membership leaves it in place.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "Identifier of the workspace, such as `flashback_workspace.NAME.id`. Changing it replaces the membership.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{framework.NotBlank},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Identifier of the organization user, such as `flashback_organization_user.NAME.id`. " +
					"Changing it replaces the membership.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{framework.NotBlank},
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "The member's workspace role: one of `" + strings.Join(client.WorkspaceRoles(), "`, `") + "`. " +
					"Changing it updates the membership in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(client.WorkspaceRoles()...)},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "The member's email address, as the workspace's answer gives it.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The member's first name, as the workspace's answer gives it.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"last_name": schema.StringAttribute{
				MarkdownDescription: "The member's last name, as the workspace's answer gives it.",
				Computed:            true,
				PlanModifiers:       keep,
			},
		},
	}
}

// IdentitySchema is the membership's identity (Terraform 1.12+): the
// workspace's id and the user's.
func (r *MemberResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"workspace_id": identityschema.StringAttribute{Description: "Identifier of the workspace.", RequiredForImport: true},
			"user_id":      identityschema.StringAttribute{Description: "Identifier of the organization user.", RequiredForImport: true},
		},
	}
}

// Read finds the member in the caller's workspaces list, read once per
// run. A member no longer there, or a workspace the caller no longer sees,
// leaves the state, so that the next plan adds the member again; a role
// changed outside shows as drift.
func (r *MemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	c := r.ready(memberType, &resp.Diagnostics)
	var prior MemberModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	w, err := findWorkspace(ctx, c, prior.WorkspaceID.ValueString())
	if err != nil && !client.IsNotFound(err) {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	var m client.WorkspaceMember
	found := false
	if err == nil {
		m, found = w.Member(prior.UserID.ValueString())
	}
	if !found {
		tflog.Info(ctx, "Flashback workspace member removed outside Terraform; removing it from the state",
			map[string]any{"workspace_id": prior.WorkspaceID.ValueString(), "user_id": prior.UserID.ValueString()})
		framework.SetIdentity(ctx, resp.Identity, prior.identity(), &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return
	}
	setMemberState(ctx, MemberModelOf(w.ID, m), &resp.State, resp.Identity, &resp.Diagnostics)
}

// ImportState takes `workspace_id/user_id` or `workspace_id/email`; with
// Terraform 1.12+, an import block may give the identity instead.
func (r *MemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var id MemberIdentity
	if req.ID == "" && req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.Get(ctx, &id)...)
	} else {
		workspaceID, user, ok := strings.Cut(req.ID, "/")
		if !ok || workspaceID == "" || user == "" {
			resp.Diagnostics.AddError("Invalid import ID for flashback_workspace_user",
				fmt.Sprintf("The import ID %q is not WORKSPACE_ID/USER_ID nor WORKSPACE_ID/EMAIL: give the workspace's id, a slash, "+
					"and the member's user id or email, such as ws-123/user-456.", req.ID))
			return
		}
		id = MemberIdentity{WorkspaceID: types.StringValue(workspaceID), UserID: types.StringValue(user)}
		if strings.Contains(user, "@") {
			id.UserID = r.memberOfEmail(ctx, workspaceID, user, &resp.Diagnostics)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), id.WorkspaceID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_id"), id.UserID)...)
	framework.SetIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// memberOfEmail finds the user id of the member of the workspace with the
// email, matched as every email lookup of the provider matches
// (client.Workspace.MembersWithEmail), or reports why not.
func (r *MemberResource) memberOfEmail(ctx context.Context, workspaceID, email string, diags *diag.Diagnostics) types.String {
	c := r.ready(memberType, diags)
	if c == nil {
		return types.StringNull()
	}
	w, err := c.GetWorkspace(ctx, workspaceID)
	if err != nil {
		framework.AddClientError(diags, err)
		return types.StringNull()
	}
	ids := w.MembersWithEmail(email)
	switch len(ids) {
	case 1:
		return types.StringValue(ids[0])
	case 0:
		diags.AddError("Flashback workspace member not found",
			fmt.Sprintf("No member of the workspace %q (id %q) has the email %q (%s), among its %d members. Check the address, "+
				"or import by user id (WORKSPACE_ID/USER_ID).", w.Name, w.ID, email, client.EmailMatchRule, len(w.Members)))
	default:
		diags.AddError("Several workspace members share this email",
			fmt.Sprintf("The members %s of the workspace %q have the email %q (%s). Import by user id instead "+
				"(WORKSPACE_ID/USER_ID), with one of these ids.", strings.Join(ids, ", "), w.ID, email, client.EmailMatchRule))
	}
	return types.StringNull()
}

// setMemberState writes the member to the state, and its identity.
func setMemberState(ctx context.Context, m MemberModel, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, m)...)
	framework.SetIdentity(ctx, identity, m.identity(), diags)
}
