package organization

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var _ datasource.DataSourceWithConfigure = &OrganizationUsersDataSource{}

// NewOrganizationUsersDataSource builds the flashback_organization_users data source.
func NewOrganizationUsersDataSource() datasource.DataSource {
	return &OrganizationUsersDataSource{}
}

// OrganizationUsersDataSource lists the users of the caller's organization.
type OrganizationUsersDataSource struct {
	provider framework.ProviderClient
}

// OrganizationUsersDataSourceModel is the data source's configuration and state.
type OrganizationUsersDataSourceModel struct {
	Roles           types.Set    `tfsdk:"roles"`
	MinRole         types.String `tfsdk:"min_role"`
	Validated       types.Bool   `tfsdk:"validated"`
	IncludeDeleted  types.Bool   `tfsdk:"include_deleted"`
	AllowIncomplete types.Bool   `tfsdk:"allow_incomplete"`
	Users           types.List   `tfsdk:"users"`
	Emails          types.List   `tfsdk:"emails"`
	Total           types.Int64  `tfsdk:"total"`
	OrgID           types.String `tfsdk:"org_id"`
}

func (d *OrganizationUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_users"
}

func (d *OrganizationUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := usersFilterDataSourceAttributes()
	maps.Copy(attrs, map[string]schema.Attribute{
		"users": schema.ListNestedAttribute{
			MarkdownDescription: "The users that pass the filters, sorted by `email` ignoring case, then by `id`.",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: userDataSourceAttributes()},
		},
		"emails": schema.ListAttribute{
			MarkdownDescription: "The email addresses of `users`, in the same order.",
			Computed:            true,
			ElementType:         types.StringType,
		},
		"total": schema.Int64Attribute{
			MarkdownDescription: "The number of users the API reported for the organization, before any filter; null when it " +
				"reported none, which makes the read incomplete (see `allow_incomplete`).",
			Computed: true,
		},
		"org_id": schema.StringAttribute{
			MarkdownDescription: "The organization's id, read from its users before any filter; null when it has none.",
			Computed:            true,
		},
		allowIncompleteName: allowIncompleteAttribute(),
	})
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the users of the caller's Flashback organization, with their roles. The provider reads " +
			"the whole organization in one call and applies the filters itself; the token's user needs the `WORKSPACES` role or higher.",
		Attributes: attrs,
	}
}

func (d *OrganizationUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

// Read is the framework's path to the state. The served provider reads this
// data source with its own server instead (users_server.go);
// the tests compare that server with this Read.
func (d *OrganizationUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.provider.Get(&resp.Diagnostics)
	if c == nil {
		return
	}
	state, diags := readOrganizationUsers(ctx, c, req.Config)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	raw, err := (&tfprotov6.DynamicValue{MsgPack: state}).Unmarshal(req.Config.Raw.Type())
	if err != nil {
		framework.AddStateError(&resp.Diagnostics, err)
		return
	}
	resp.State.Raw = raw
}

// readOrganizationUsers reads the organization and returns the data
// source's state, encoded as Terraform's protocol carries it. The data
// source's own server (users_server.go) reads with it; so does
// the framework's Read above, which TestUsersServerMatchesFramework and
// BenchmarkReadDataSource compare with that server.
func readOrganizationUsers(ctx context.Context, c *client.Client, config tfsdk.Config) ([]byte, diag.Diagnostics) {
	var data OrganizationUsersDataSourceModel
	diags := framework.UnknownArguments(config)
	if diags.HasError() {
		return nil, diags
	}
	diags.Append(config.Get(ctx, &data)...)
	if diags.HasError() {
		return nil, diags
	}
	filter, filterDiags := data.filter(ctx)
	diags.Append(filterDiags...)
	if diags.HasError() {
		return nil, diags
	}

	list, err := c.ListOrganizationUsers(ctx)
	if err != nil {
		framework.AddClientError(&diags, err)
		return nil, diags
	}
	checkComplete(&diags, list, data.AllowIncomplete.ValueBool())
	if diags.HasError() {
		return nil, diags
	}

	state, err := encodeUsersState(config, usersState{users: list.Select(&filter), total: list.Total, noTotal: !list.TotalReported(), orgID: list.OrgID()})
	if err != nil {
		framework.AddStateError(&diags, err)
		return nil, diags
	}
	return state, diags
}

// filter maps the filter arguments to a client.Filter.
func (m *OrganizationUsersDataSourceModel) filter(ctx context.Context) (client.Filter, diag.Diagnostics) {
	return usersFilterArgs{roles: m.Roles, minRole: m.MinRole, validated: m.Validated, includeDeleted: m.IncludeDeleted}.filter(ctx)
}
