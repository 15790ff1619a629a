package organization

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var _ datasource.DataSourceWithConfigure = &OrganizationDataSource{}

// NewOrganizationDataSource builds the flashback_organization data source.
func NewOrganizationDataSource() datasource.DataSource {
	return &OrganizationDataSource{}
}

// OrganizationDataSource reads a Flashback organization: the caller's own,
// or one given by id.
type OrganizationDataSource struct {
	provider framework.ProviderClient
}

// organizationAttribute is one attribute of flashback_organization: the
// schema and the state both come from this table. Exactly one of text and
// flag is set, by the attribute's type.
type organizationAttribute struct {
	name        string
	description string
	text        func(*client.Organization) *string
	flag        func(*client.Organization) *bool
}

// organizationAttributes are the data source's attributes but id, which is
// also its one argument.
var organizationAttributes = []organizationAttribute{
	{name: "name", description: "The organization's name.", text: func(o *client.Organization) *string { return o.Name }},
	{name: "domain", description: "The organization's domain, such as `example.com`.", text: func(o *client.Organization) *string { return o.Domain }},
	{name: "address1", description: "The first line of the organization's address.", text: func(o *client.Organization) *string { return o.Address1 }},
	{name: "address2", description: "The second line of the organization's address.", text: func(o *client.Organization) *string { return o.Address2 }},
	{name: "city", description: "The city of the organization's address.", text: func(o *client.Organization) *string { return o.City }},
	{name: "zipcode", description: "The postal code of the organization's address.", text: func(o *client.Organization) *string { return o.Zipcode }},
	{name: "phone", description: "The organization's phone number.", text: func(o *client.Organization) *string { return o.Phone }},
	{name: "state", description: "The state or region of the organization's address.", text: func(o *client.Organization) *string { return o.State }},
	{name: "country", description: "The country of the organization's address.", text: func(o *client.Organization) *string { return o.Country }},
	{name: "website", description: "The organization's website.", text: func(o *client.Organization) *string { return o.Website }},
	{name: "is_business", description: "Whether the organization is a business.", flag: func(o *client.Organization) *bool { return o.IsBusiness }},
	{name: "mfa_enforced", description: "Whether the organization requires multi-factor authentication (MFA) when its members sign in. " +
		"Test it with `== true` in a policy, so that a null fails.",
		flag: func(o *client.Organization) *bool { return o.MFAEnforced }},
	{name: "repos_disabled", description: "Whether repositories are turned off for the organization.", flag: func(o *client.Organization) *bool { return o.ReposDisabled }},
	{name: "deleted_at", description: "When the organization was deleted, as the API's timestamp (such as `2026-03-14T09:26:53.000Z`); null while it is active.",
		text: func(o *client.Organization) *string { return o.DeletedAt }},
}

func (d *OrganizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

func (d *OrganizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The id of the organization to read; leave it out to read the access token's own organization, " +
				"whose id it then holds. A token can read no other organization.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
	for _, a := range organizationAttributes {
		if a.flag != nil {
			attrs[a.name] = schema.BoolAttribute{MarkdownDescription: a.description, Computed: true}
		} else {
			attrs[a.name] = schema.StringAttribute{MarkdownDescription: a.description, Computed: true}
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the access token's Flashback organization, for policy checks on its settings such as " +
			"`mfa_enforced`; any member may read it, whatever their role. Every attribute but `id` is null when the API leaves it out.",
		Attributes: attrs,
	}
}

func (d *OrganizationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *OrganizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(framework.UnknownArguments(req.Config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := d.provider.Get(&resp.Diagnostics)
	if c == nil {
		return
	}
	var org *client.Organization
	var err error
	if id.IsNull() {
		org, err = c.GetOwnOrganization(ctx)
	} else {
		org, err = c.GetOrganization(ctx, id.ValueString())
	}
	var apiErr *client.Error
	switch {
	case err == nil:
	case !id.IsNull() && errors.As(err, &apiErr) && (apiErr.Kind == client.KindForbidden || apiErr.Kind == client.KindNotFound):
		// The id given names no organization the token may read.
		framework.AddClientAttributeError(&resp.Diagnostics, path.Root("id"), err)
		return
	default:
		framework.AddClientError(&resp.Diagnostics, err)
		return
	}
	if id.IsNull() {
		id = types.StringPointerValue(org.ID)
	}
	// The id given keeps its value, as configured.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	for _, a := range organizationAttributes {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(a.name), a.value(org))...)
	}
}

// value is the attribute's value for org.
func (a *organizationAttribute) value(org *client.Organization) attr.Value {
	if a.flag != nil {
		return types.BoolPointerValue(a.flag(org))
	}
	return types.StringPointerValue(a.text(org))
}
