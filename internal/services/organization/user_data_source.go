package organization

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var (
	_ datasource.DataSourceWithConfigure        = &OrganizationUserDataSource{}
	_ datasource.DataSourceWithConfigValidators = &OrganizationUserDataSource{}
)

// NewOrganizationUserDataSource builds the flashback_organization_user data source.
func NewOrganizationUserDataSource() datasource.DataSource {
	return &OrganizationUserDataSource{}
}

// OrganizationUserDataSource reads one user of the caller's organization,
// looked up by id or by email.
type OrganizationUserDataSource struct {
	provider framework.ProviderClient
}

func (d *OrganizationUserDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_user"
}

func (d *OrganizationUserDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	// The same fields as one element of flashback_organization_users.users;
	// id and email become the arguments to look the user up by.
	attrs := userDataSourceAttributes()
	attrs["id"] = framework.LookupArgument("The id of the user to look up, matched exactly; give `id` or `email`, not both. " +
		"A lookup by `email` sets it to the id of the user found.")
	attrs[allowIncompleteName] = allowIncompleteAttribute()
	attrs["email"] = framework.LookupArgument("The email address of the user to look up, " + client.EmailMatchRule +
		"; give `id` or `email`, not both. " +
		"A lookup by `id` sets it to the email of the user found; a lookup by `email` keeps the email as written.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one user of the caller's Flashback organization, by `id` or by `email`; a deleted user is " +
			"found too. When several users share the email, the active one wins, and the read fails if more than one is left.",
		Attributes: attrs,
	}
}

func (d *OrganizationUserDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return framework.LookupOneOf("id", "email")
}

func (d *OrganizationUserDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *OrganizationUserDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id, address types.String
	var allowIncomplete types.Bool
	resp.Diagnostics.Append(framework.UnknownArguments(req.Config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("email"), &address)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(allowIncompleteName), &allowIncomplete)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := d.provider.Get(&resp.Diagnostics)
	if c == nil {
		return
	}
	// The config validators have made sure that exactly one is set.
	field, argument, given := client.ByID, "id", id
	if !address.IsNull() {
		field, argument, given = client.ByEmail, "email", address
	}

	list, err := c.ListOrganizationUsers(ctx)
	if err != nil {
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	checkComplete(&resp.Diagnostics, list, allowIncomplete.ValueBool())
	if resp.Diagnostics.HasError() {
		return
	}

	u, err := list.Find(field, given.ValueString())
	if err != nil {
		framework.AddLookupError(&resp.Diagnostics, err)
		return
	}
	// The state is the user, straight from the attribute table; the
	// arguments given keep their values, as configured.
	values := userValues(&u)
	values[argument] = given
	values[allowIncompleteName] = allowIncomplete
	stateType, ok := resp.State.Schema.Type().(types.ObjectType)
	if !ok {
		framework.AddStateError(&resp.Diagnostics, fmt.Errorf("the schema's type is a %T, not an object", resp.State.Schema.Type()))
		return
	}
	state, diags := types.ObjectValue(stateType.AttrTypes, values)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
