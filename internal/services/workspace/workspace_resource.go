package workspace

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
	_ resource.ResourceWithConfigure   = &WorkspaceResource{}
	_ resource.ResourceWithImportState = &WorkspaceResource{}
	_ resource.ResourceWithIdentity    = &WorkspaceResource{}
)

// NewWorkspaceResource builds the flashback_workspace resource.
func NewWorkspaceResource() resource.Resource { return &WorkspaceResource{} }

// WorkspaceResource manages one workspace of the caller's organization: its
// name. Its members are flashback_workspace_user resources.
type WorkspaceResource struct {
	configured
}

const workspaceType = "flashback_workspace"

func (r *WorkspaceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace"
}

func (r *WorkspaceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

func (r *WorkspaceResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A workspace of the caller's Flashback organization, where buckets, repositories and AI models live. " +
			"Creating one makes the access token's user its `ADMIN`; destroying one deletes it, which Flashback keeps as deleted " +
			"(a soft delete), and only once it holds no buckets or repositories. Its members are `flashback_workspace_user` resources.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Unique identifier of the workspace.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The workspace's name, which need not be unique; changing it renames the workspace in place.",
				Required:            true,
				Validators:          []validator.String{framework.NotBlank},
			},
			"org_id": schema.StringAttribute{
				MarkdownDescription: "Identifier of the organization the workspace belongs to.",
				Computed:            true,
				PlanModifiers:       keep,
			},
		},
	}
}

// IdentitySchema is the workspace's identity (Terraform 1.12+): its id.
func (r *WorkspaceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{Description: "Unique identifier of the workspace.", RequiredForImport: true},
		},
	}
}

// Create creates the workspace (POST /workspace); the API makes the access
// token's user its ADMIN. A create whose answer was lost is never sent
// again: the workspace it may have made is looked for (recover).
func (r *WorkspaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	c := r.ready(workspaceType, &resp.Diagnostics)
	var plan WorkspaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	// What the caller sees before: a workspace that appears after a lost
	// answer is then the create's (names need not be unique).
	before, err := c.ListWorkspaces(ctx)
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	seen := make(map[string]bool, len(before))
	for _, w := range before {
		seen[w.ID] = true
	}
	w, err := c.CreateWorkspace(ctx, name)
	switch {
	case client.OutcomeUnknown(err):
		w = recoverCreate(ctx, c, name, seen, err, &resp.Diagnostics)
	case err != nil:
		framework.AddClientError(&resp.Diagnostics, err)
	}
	if w == nil {
		return
	}
	// The name as configured: the API answered success to it.
	w.Name = name
	setWorkspaceState(ctx, w, &resp.State, resp.Identity, &resp.Diagnostics)
}

// recoverCreate finds the workspace that a create whose answer was lost
// made (client.RecoverWorkspace), or says why it cannot: the create did not
// take effect, or several new workspaces have the name.
func recoverCreate(ctx context.Context, c *client.Client, name string, seen map[string]bool, cause error, diags *diag.Diagnostics) *client.Workspace {
	found, err := c.RecoverWorkspace(ctx, name, seen)
	lost := cause.Error()
	var apiErr *client.Error
	if errors.As(cause, &apiErr) {
		lost = apiErr.Summary
	}
	switch {
	case err != nil:
		diags.AddError("Flashback workspace may have been created",
			fmt.Sprintf("The answer to the create of the workspace %q was lost (%s), and the workspaces could not be read after it "+
				"(%s). It may exist: look for it in Flashback, and import it if it is there (terraform import ADDRESS ID); "+
				"otherwise run again.", name, lost, err))
	case len(found) == 1:
		diags.AddWarning("Flashback workspace created, its answer lost",
			fmt.Sprintf("The answer to the create of the workspace %q was lost (%s). The create was not sent again: the only "+
				"workspace with this name that was not there before, id %q, is the one it made, and is recorded.", name, lost, found[0].ID))
		return &found[0]
	case len(found) == 0:
		diags.AddError("Flashback workspace not created",
			fmt.Sprintf("The answer to the create of the workspace %q was lost (%s), and no new workspace with this name is among the "+
				"access token's user's workspaces: the create did not take effect. Run again.", name, lost))
	default:
		ids := make([]string, len(found))
		for i := range found {
			ids[i] = fmt.Sprintf("%q", found[i].ID)
		}
		diags.AddError("Flashback workspace may have been created",
			fmt.Sprintf("The answer to the create of the workspace %q was lost (%s), and %d new workspaces with this name appeared "+
				"meanwhile (ids %s): the provider cannot tell which one the create made. Import the one to manage (an import "+
				"block with its id), and delete the others if they are not someone else's.", name, lost, len(found), strings.Join(ids, ", ")))
	}
	return nil
}

// Read refreshes the workspace from the caller's workspaces list. The API
// lists, and answers GET /workspace/{id} for, only the workspaces the
// caller belongs to, and answers 404 alike for a workspace deleted and
// for one the caller was removed from. Removing the workspace from the
// state would then plan to create a second workspace with the same name
// while the first may still exist, with its buckets; so a workspace gone
// from the caller's view is an error that says both and how to go on. An
// import (no name in state yet) gets the API's 404, worded by the client.
func (r *WorkspaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	c := r.ready(workspaceType, &resp.Diagnostics)
	var prior WorkspaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	id := prior.ID.ValueString()
	w, err := findWorkspace(ctx, c, id)
	if client.IsNotFound(err) && !prior.Name.IsNull() {
		setWorkspaceIdentity(ctx, resp.Identity, prior.ID, &resp.Diagnostics)
		addWorkspaceGone(prior, &resp.Diagnostics)
		return
	}
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	setWorkspaceState(ctx, w, &resp.State, resp.Identity, &resp.Diagnostics)
}

// findWorkspace finds the workspace in the caller's workspaces list, read
// once per run; one missing from it is read by id, for the API's own 404.
func findWorkspace(ctx context.Context, c *client.Client, id string) (*client.Workspace, error) {
	list, err := c.ListWorkspaces(ctx)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return c.GetWorkspace(ctx, id)
}

// addWorkspaceGone reports a workspace that the caller can no longer see.
func addWorkspaceGone(prior WorkspaceModel, diags *diag.Diagnostics) {
	diags.AddError("Flashback workspace deleted, or access lost",
		fmt.Sprintf("The workspace %q (id %q) is no longer among the access token's user's workspaces: it was deleted, or the user "+
			"was removed from it (the API answers the same to both). The provider keeps it in the state rather than plan a second "+
			"workspace with the same name. If the user lost access, ask an ADMIN of the workspace to add it back, then run again. "+
			"If the workspace was deleted on purpose, stop managing it: `terraform state rm` its address, or a `removed` block "+
			"(Terraform 1.7+); a later plan then creates it anew if the configuration still declares it.",
			prior.Name.ValueString(), prior.ID.ValueString()))
}

// Update renames the workspace (PUT /workspace/{id}): the name is the only
// argument.
func (r *WorkspaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	c := r.ready(workspaceType, &resp.Diagnostics)
	var plan, state WorkspaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	w, err := c.RenameWorkspace(ctx, state.ID.ValueString(), plan.Name.ValueString())
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	w.Name = plan.Name.ValueString()
	if w.OrgID == nil {
		w.OrgID = state.OrgID.ValueStringPointer()
	}
	setWorkspaceState(ctx, w, &resp.State, resp.Identity, &resp.Diagnostics)
}

// Delete deletes the workspace (DELETE /workspace/{id}), a soft delete.
// The API refuses while it holds buckets or repositories: the client's
// error says what must go first. A workspace already gone from the
// caller's view leaves the state with a warning; so does one gone after a
// delete whose answer was lost, without one.
func (r *WorkspaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	c := r.ready(workspaceType, &resp.Diagnostics)
	var state WorkspaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if c == nil || resp.Diagnostics.HasError() {
		return
	}
	err := c.DeleteWorkspace(ctx, state.ID.ValueString())
	if client.OutcomeUnknown(err) {
		// The answer was lost: a workspace gone now, a moment after its
		// ADMIN asked for its delete, is the delete's doing.
		if _, gerr := c.GetWorkspace(ctx, state.ID.ValueString()); client.IsNotFound(gerr) {
			tflog.Info(ctx, "Flashback workspace deleted, its answer lost", map[string]any{"workspace_id": state.ID.ValueString()})
			return
		}
	}
	switch {
	case err == nil:
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Flashback workspace already gone",
			fmt.Sprintf("The workspace %q (id %q) was already deleted, or the access token's user is no longer a member of it "+
				"(the API answers the same to both), so there was nothing to delete with this token. It leaves the state. "+
				"If it still exists, an ADMIN of it can delete it.", state.Name.ValueString(), state.ID.ValueString()))
	default:
		framework.AddClientError(&resp.Diagnostics, err)
	}
}

// ImportState takes a workspace's id; with Terraform 1.12+, an import
// block may give the identity's id instead.
func (r *WorkspaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := types.StringValue(req.ID)
	if req.ID == "" && req.Identity != nil {
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &id)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	setWorkspaceIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	tflog.Info(ctx, "Importing Flashback workspace", map[string]any{"workspace_id": id.ValueString()})
}

// setWorkspaceState writes w to the state, and its id to the identity.
func setWorkspaceState(ctx context.Context, w *client.Workspace, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, WorkspaceModelOf(w))...)
	setWorkspaceIdentity(ctx, identity, types.StringValue(w.ID), diags)
}

// setWorkspaceIdentity sets the identity's id (framework.SetIdentity).
func setWorkspaceIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	framework.SetIdentity(ctx, identity, WorkspaceIdentity{ID: id}, diags)
}
