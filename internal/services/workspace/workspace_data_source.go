package workspace

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure        = &WorkspaceDataSource{}
	_ datasource.DataSourceWithConfigValidators = &WorkspaceDataSource{}
)

// NewWorkspaceDataSource builds the flashback_workspace data source.
func NewWorkspaceDataSource() datasource.DataSource {
	return &WorkspaceDataSource{}
}

// WorkspaceDataSource reads one workspace of the caller, looked up by id
// or by name, with its members.
type WorkspaceDataSource struct {
	provider framework.ProviderClient
}

func (d *WorkspaceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_workspace"
}

func (d *WorkspaceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	// The fields of one element of flashback_workspaces.workspaces; id and
	// name become the arguments to look the workspace up by.
	attrs := workspaceAttributes()
	attrs["id"] = framework.LookupArgument("The id of the workspace to look up; give `id` or `name`, not both. " +
		"A lookup by `name` sets it to the id of the workspace found.")
	attrs["name"] = framework.LookupArgument("The name of the workspace to look up, matched exactly (case included); give `id` or `name`, not both, " +
		"and look a name that two workspaces share up by `id`, as the read's error says. A lookup by `id` sets it to the name of the workspace found.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Flashback workspace of the token's user, by `id` or by `name`, with its members and their " +
			"workspace roles, through the `GET /workspace` call of `flashback_workspaces`. " + visibilityWarning,
		Attributes: attrs,
	}
}

func (d *WorkspaceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return framework.LookupOneOf("id", "name")
}

func (d *WorkspaceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *WorkspaceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config workspaceDataModel
	resp.Diagnostics.Append(framework.UnknownArguments(req.Config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := d.provider.Get(&resp.Diagnostics)
	if c == nil {
		return
	}
	// The config validators have made sure that exactly one is set.
	field, value := client.ByID, config.ID.ValueString()
	if !config.Name.IsNull() {
		field, value = client.ByName, config.Name.ValueString()
	}

	list, err := c.ListWorkspaces(ctx)
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	w, err := client.FindWorkspace(list, field, value)
	if err != nil {
		framework.AddLookupError(&resp.Diagnostics, err)
		return
	}
	state := workspaceFromAPI(&w)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
