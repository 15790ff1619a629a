package organization

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

var (
	_ list.ListResource              = &OrganizationUserListResource{}
	_ list.ListResourceWithConfigure = &OrganizationUserListResource{}
)

// NewOrganizationUserListResource builds the flashback_organization_user
// list resource, which `terraform query` (Terraform 1.14+) runs.
func NewOrganizationUserListResource() list.ListResource {
	return &OrganizationUserListResource{}
}

// OrganizationUserListResource finds the users of the caller's
// organization, as flashback_organization_user resources to import.
type OrganizationUserListResource struct {
	provider framework.ProviderClient
}

// OrganizationUserListResourceModel is the list block's config.
type OrganizationUserListResourceModel struct {
	Roles           types.List   `tfsdk:"roles"`
	MinRole         types.String `tfsdk:"min_role"`
	Validated       types.Bool   `tfsdk:"validated"`
	IncludeDeleted  types.Bool   `tfsdk:"include_deleted"`
	AllowIncomplete types.Bool   `tfsdk:"allow_incomplete"`
}

func (r *OrganizationUserListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization_user"
}

func (r *OrganizationUserListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := usersFilterListAttributes()
	attrs[allowIncompleteName] = allowIncompleteListAttribute()
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the users of the caller's Flashback organization for `terraform query` (Terraform 1.14+), " +
			"as `flashback_organization_user` resources to import, with the filters of the `flashback_organization_users` data source. " +
			"Users that cannot be imported as they are (deleted, or without an email, a first or last name, or a known role) " +
			"are left out of the resources it returns, with a warning naming each.",
		Attributes: attrs,
	}
}

func (r *OrganizationUserListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.provider = framework.ProviderClientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *OrganizationUserListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	users := r.find(ctx, req, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = framework.StreamResults(diags, users, func(u *client.User) list.ListResult {
		return userListResult(ctx, req, u)
	})
}

// find reads the organization, through the client's one call per run that
// the data sources share, and returns the users to list, at most
// req.Limit of them. Its warnings say what the results leave out.
func (r *OrganizationUserListResource) find(ctx context.Context, req list.ListRequest, diags *diag.Diagnostics) []client.User {
	c := r.provider.ForQuery(diags)
	if c == nil {
		return nil
	}
	var cfg OrganizationUserListResourceModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() {
		return nil
	}
	filter, filterDiags := usersFilterArgs{roles: cfg.Roles, minRole: cfg.MinRole, validated: cfg.Validated,
		includeDeleted: cfg.IncludeDeleted}.filter(ctx)
	diags.Append(filterDiags...)
	if diags.HasError() {
		return nil
	}

	all, err := c.ListOrganizationUsers(ctx)
	if err != nil {
		framework.AddClientError(diags, err)
		return nil
	}
	checkComplete(diags, all, cfg.AllowIncomplete.ValueBool())
	if diags.HasError() {
		return nil
	}

	matched := all.Select(&filter)
	users := make([]client.User, 0, len(matched))
	var left []leftOut
	for i := range matched {
		u := &matched[i]
		if problem := listProblem(ctx, u, req.IncludeResource); problem != "" {
			left = append(left, leftOut{user: u, problem: problem})
			continue
		}
		users = append(users, *u)
	}
	addLeftOutWarning(diags, left)
	return framework.FirstResults(req.Limit, users, "users", fmt.Sprintf("%d users match", len(users)), " by email", diags)
}

// userListResult is one user as a result: its identity, its email as the
// display name, and, when Terraform asks for it, the resource as an import
// of that identity would read it, through the resource's own mapping.
func userListResult(ctx context.Context, req list.ListRequest, u *client.User) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = displayName(u)
	if req.IncludeResource {
		// An import starts from nothing but the id: no prior arguments.
		setUserState(ctx, u, userArgs{}, result.Resource, result.Identity, &result.Diagnostics)
	} else {
		setUserIdentity(ctx, result.Identity, types.StringPointerValue(u.ID), &result.Diagnostics)
	}
	return result
}

// displayName names a user in the results: its email, or its id when the
// API gave no email.
func displayName(u *client.User) string {
	if u.Email != nil {
		return *u.Email
	}
	return *u.ID
}

// listProblem says why a user is left out of the results, or returns "".
// A user without an id has no identity to list. When the resource is asked
// for, which `terraform query -generate-config-out` always does, the
// results are what can be imported: each must give configuration that an
// apply imports and a plan then finds nothing to change in. A deleted user
// cannot be imported (the resource forgets a deleted user); a user without
// a first name, a last name or an email cannot be written as the
// resource's configuration, whose arguments are required; a user without
// a role name would plan the role's default; and every argument must pass
// the resource's own checks.
func listProblem(ctx context.Context, u *client.User, includeResource bool) string {
	switch {
	case u.ID == nil:
		return "the API gave no id for it"
	case !includeResource:
		return ""
	case u.Deleted():
		return "it is deleted, and a deleted user cannot be imported: declare it, and apply to reactivate it"
	case u.Email == nil:
		return "the API gave no email for it"
	case u.Name == nil:
		return "it has no first name (name) in Flashback"
	case u.LastName == nil:
		return "it has no last name (last_name) in Flashback"
	case u.OrgRole == nil:
		return "the API gave no role for it"
	case client.RoleName(*u.OrgRole) == client.UnknownRoleName:
		return fmt.Sprintf("its role code %d is none of %s", *u.OrgRole, strings.Join(client.RoleNames(), ", "))
	}
	return argumentProblem(ctx, userResourceValues(u, userArgs{}))
}

// argumentProblem runs the resource's own checks on the arguments that
// generated configuration would hold, and says what the first one refuses.
func argumentProblem(ctx context.Context, values map[string]attr.Value) string {
	attrs := organizationUserSchema().Attributes
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		a, ok := attrs[name].(interface{ StringValidators() []validator.String })
		v, isString := values[name].(types.String)
		if !ok || !isString || !attrs[name].IsRequired() && !attrs[name].IsOptional() {
			continue
		}
		for _, check := range a.StringValidators() {
			var resp validator.StringResponse
			check.ValidateString(ctx, validator.StringRequest{Path: path.Root(name), ConfigValue: v}, &resp)
			for _, d := range resp.Diagnostics.Errors() {
				return fmt.Sprintf("its %s fails the resource's check: %s", name, d.Detail())
			}
		}
	}
	return ""
}

// leftOut is a user that matched the filters but is not listed, and why.
type leftOut struct {
	user    *client.User
	problem string
}

// maxLeftOutNamed bounds the users a warning names one by one.
const maxLeftOutNamed = 20

// addLeftOutWarning names the users that matched but are not listed.
func addLeftOutWarning(diags *diag.Diagnostics, left []leftOut) {
	if len(left) == 0 {
		return
	}
	var b strings.Builder
	if len(left) == 1 {
		b.WriteString("1 user matches the filters but is not listed, as no configuration could import it without changes:")
	} else {
		fmt.Fprintf(&b, "%d users match the filters but are not listed, as no configuration could import them without changes:", len(left))
	}
	for i, l := range left {
		if i == maxLeftOutNamed {
			fmt.Fprintf(&b, "\n  - and %d more", len(left)-maxLeftOutNamed)
			break
		}
		fmt.Fprintf(&b, "\n  - %s: %s", leftOutName(l.user), l.problem)
	}
	b.WriteString("\nFix these users in Flashback and run the query again, or manage them outside Terraform.")
	diags.AddWarning("Users left out of the results", b.String())
}

// leftOutName names a user in a warning by what the API gave of it.
func leftOutName(u *client.User) string {
	switch {
	case u.Email != nil && u.ID != nil:
		return fmt.Sprintf("%s (id %s)", *u.Email, *u.ID)
	case u.Email != nil:
		return *u.Email
	case u.ID != nil:
		return "id " + *u.ID
	}
	return "a user with neither id nor email"
}
