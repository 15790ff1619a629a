package workspace

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The list resources flashback_workspace and flashback_workspace_user,
// which `terraform query` (Terraform 1.14+) runs to adopt an
// organization's workspaces and who has which role in them. Both read
// the client's one GET /workspace of the run, and build each result's
// identity and resource with the resources' own mapping (models.go), so
// that the configuration a query generates imports with nothing to change.

var (
	_ list.ListResourceWithConfigure = &WorkspaceListResource{}
	_ list.ListResourceWithConfigure = &WorkspaceUserListResource{}
)

// NewWorkspaceListResource builds the flashback_workspace list resource.
func NewWorkspaceListResource() list.ListResource { return &WorkspaceListResource{} }

// NewWorkspaceUserListResource builds the flashback_workspace_user list resource.
func NewWorkspaceUserListResource() list.ListResource { return &WorkspaceUserListResource{} }

// WorkspaceListResource finds the caller's workspaces.
type WorkspaceListResource struct {
	provider framework.ProviderClient
}

// WorkspaceUserListResource finds the members of the caller's workspaces.
type WorkspaceUserListResource struct {
	provider framework.ProviderClient
}

// WorkspaceUserListResourceModel is the flashback_workspace_user list block's config.
type WorkspaceUserListResourceModel struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
}

func (r *WorkspaceListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace"
}

func (r *WorkspaceUserListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace_user"
}

// listVisibility is the part of each list resource's description that says
// what a query cannot find.
const listVisibility = " " + client.WorkspaceVisibility + "; to adopt every workspace, query with the token of a user who is a member of all of them."

func (r *WorkspaceListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the Flashback workspaces of the token's user for `terraform query` (Terraform 1.14+), " +
			"as `flashback_workspace` resources to import, sorted by name, then by id; each result is named by the workspace's name." +
			listVisibility,
	}
}

func (r *WorkspaceUserListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the members of the token's user's Flashback workspaces for `terraform query` (Terraform 1.14+), " +
			"as `flashback_workspace_user` resources to import: one for each member of each workspace, the workspace's own " +
			"creator included, by workspace (sorted by name, then id), then " + membersOrder + ", each named `WORKSPACE: EMAIL (ROLE)`." +
			listVisibility,
		Attributes: map[string]listschema.Attribute{
			"workspace_id": listschema.StringAttribute{
				MarkdownDescription: "Only the members of the workspace with this id. Null, the default, lists the members of every workspace.",
				Optional:            true,
			},
		},
	}
}

func (r *WorkspaceListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *WorkspaceUserListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *WorkspaceListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	workspaces := listWorkspaces(ctx, r.provider, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	results := make([]func() list.ListResult, 0, len(workspaces))
	for i := range workspaces {
		w := &workspaces[i]
		results = append(results, func() list.ListResult {
			result := req.NewListResult(ctx)
			result.DisplayName = w.Name
			result.Diagnostics.Append(result.Identity.Set(ctx, WorkspaceIdentity{ID: types.StringValue(w.ID)})...)
			if req.IncludeResource {
				result.Diagnostics.Append(result.Resource.Set(ctx, WorkspaceModelOf(w))...)
			}
			return result
		})
	}
	stream.Results = streamResults(req, "workspaces", results, diags)
}

func (r *WorkspaceUserListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	var cfg WorkspaceUserListResourceModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	workspaces := listWorkspaces(ctx, r.provider, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	if !cfg.WorkspaceID.IsNull() {
		w, err := client.FindWorkspace(workspaces, client.ByID, cfg.WorkspaceID.ValueString())
		if err != nil {
			framework.AddLookupError(&diags, err)
			stream.Results = list.ListResultsStreamDiagnostics(diags)
			return
		}
		workspaces = []client.Workspace{w}
	}
	var results []func() list.ListResult
	for i := range workspaces {
		w := &workspaces[i]
		for _, m := range client.MembersByEmail(w.Members) {
			results = append(results, func() list.ListResult {
				result := req.NewListResult(ctx)
				who := m.UserID
				if m.Email != nil {
					who = *m.Email
				}
				result.DisplayName = fmt.Sprintf("%s: %s (%s)", w.Name, who, m.Role)
				model := MemberModelOf(w.ID, m)
				result.Diagnostics.Append(result.Identity.Set(ctx, model.identity())...)
				if req.IncludeResource {
					result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
				}
				return result
			})
		}
	}
	stream.Results = streamResults(req, "workspace members", results, diags)
}

// listWorkspaces reads the caller's workspaces through the client's one
// call of the run; a query has no apply to wait for, so settings not
// known yet are an error.
func listWorkspaces(ctx context.Context, p framework.ProviderClient, diags *diag.Diagnostics) []client.Workspace {
	c := p.ForQuery(diags)
	if c == nil {
		return nil
	}
	workspaces, err := c.ListWorkspaces(ctx)
	if err != nil {
		framework.AddClientError(diags, err)
		return nil
	}
	return workspaces
}

// streamResults streams the warnings first, then at most req.Limit
// results, with a warning when there are more (framework.FirstResults,
// framework.StreamResults).
func streamResults(req list.ListRequest, what string, results []func() list.ListResult, diags diag.Diagnostics) func(func(list.ListResult) bool) {
	results = framework.FirstResults(req.Limit, results, what, fmt.Sprintf("There are %d %s", len(results), what), "", &diags)
	return framework.StreamResults(diags, results, func(result *func() list.ListResult) list.ListResult { return (*result)() })
}
