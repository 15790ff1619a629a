package workspace

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var _ datasource.DataSourceWithConfigure = &WorkspacesDataSource{}

// NewWorkspacesDataSource builds the flashback_workspaces data source.
func NewWorkspacesDataSource() datasource.DataSource {
	return &WorkspacesDataSource{}
}

// WorkspacesDataSource lists the workspaces the caller is a member of,
// with their members.
type WorkspacesDataSource struct {
	provider framework.ProviderClient
}

// WorkspacesDataSourceModel is the data source's state.
type WorkspacesDataSourceModel struct {
	Workspaces []workspaceDataModel `tfsdk:"workspaces"`
}

// visibilityWarning is the part of each workspace data source's
// description that a policy author must not miss.
const visibilityWarning = "**Only the workspaces the token's user is a member of are seen, whatever its organization role " +
	"(OWNER included).** A policy that must check every workspace needs the token of a user who is a member of all of them: " +
	"any other workspace is invisible to it, and the policy passes without checking it."

func (d *WorkspacesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspaces"
}

func (d *WorkspacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the Flashback workspaces of the token's user with each member's workspace role " +
			"(`READ`, `WRITE` or `ADMIN`), in one `GET /workspace` call that every workspace data source of a run shares. " +
			visibilityWarning,
		Attributes: map[string]schema.Attribute{
			"workspaces": schema.ListNestedAttribute{
				MarkdownDescription: "The workspaces the token's user is a member of, deleted ones left out, sorted by name, then by id.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: workspaceAttributes()},
			},
		},
	}
}

func (d *WorkspacesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *WorkspacesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.provider.Get(&resp.Diagnostics)
	if c == nil {
		return
	}
	list, err := c.ListWorkspaces(ctx)
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	state := WorkspacesDataSourceModel{Workspaces: make([]workspaceDataModel, 0, len(list))}
	for i := range list {
		state.Workspaces = append(state.Workspaces, workspaceFromAPI(&list[i]))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
