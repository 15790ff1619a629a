package organization

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The filter arguments that select users: roles, min_role, validated and
// include_deleted. The flashback_organization_users data source and the
// flashback_organization_user list resource both take them, with the
// descriptions, the validation and the meaning (a client.Filter) defined
// here once. The two schemas differ in one type only: a list resource's
// schema has no set attribute, so there roles is a list, whose order and
// repeats mean nothing.

// Each filter's description ends with what it does with a user whose
// value is null (client.NullRule): the filter that looks for a violation
// keeps the users it cannot decide.
var (
	rolesFilterDescription = "Keep only the users whose role is one of these names: " + framework.RoleNames() + ". " +
		client.NullRule.Roles
	minRoleFilterDescription = "Keep only the users whose role is this one or higher, in the order of their codes: " +
		framework.RolesWithCodes() + ". " + client.NullRule.MinRole
	validatedFilterDescription = "When set, keep only the users whose `validated` equals it. " + client.NullRule.Validated
)

const includeDeletedFilterDescription = "Whether to keep the users that were deleted (`deleted_at` set); defaults to `false`."

// roleNameValidator accepts a role name, exactly as the API's roles are named.
func roleNameValidator() validator.String { return stringvalidator.OneOf(client.RoleNames()...) }

// usersFilterDataSourceAttributes are the filter arguments in a data source's schema.
func usersFilterDataSourceAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"roles": dsschema.SetAttribute{
			MarkdownDescription: rolesFilterDescription,
			Optional:            true,
			ElementType:         types.StringType,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.NoNullValues(),
				setvalidator.ValueStringsAre(roleNameValidator()),
			},
		},
		"min_role": dsschema.StringAttribute{
			MarkdownDescription: minRoleFilterDescription,
			Optional:            true,
			Validators:          []validator.String{roleNameValidator()},
		},
		"validated":       dsschema.BoolAttribute{MarkdownDescription: validatedFilterDescription, Optional: true},
		"include_deleted": dsschema.BoolAttribute{MarkdownDescription: includeDeletedFilterDescription, Optional: true},
	}
}

// usersFilterListAttributes are the filter arguments in a list resource's schema.
func usersFilterListAttributes() map[string]listschema.Attribute {
	return map[string]listschema.Attribute{
		"roles": listschema.ListAttribute{
			MarkdownDescription: rolesFilterDescription,
			Optional:            true,
			ElementType:         types.StringType,
			Validators: []validator.List{
				listvalidator.SizeAtLeast(1),
				listvalidator.NoNullValues(),
				listvalidator.ValueStringsAre(roleNameValidator()),
			},
		},
		"min_role": listschema.StringAttribute{
			MarkdownDescription: minRoleFilterDescription,
			Optional:            true,
			Validators:          []validator.String{roleNameValidator()},
		},
		"validated":       listschema.BoolAttribute{MarkdownDescription: validatedFilterDescription, Optional: true},
		"include_deleted": listschema.BoolAttribute{MarkdownDescription: includeDeletedFilterDescription, Optional: true},
	}
}

// roleNames is the roles argument as either schema holds it: a set or a list.
type roleNames interface {
	IsNull() bool
	ElementsAs(ctx context.Context, target any, allowUnhandled bool) diag.Diagnostics
}

// usersFilterArgs are the filter arguments as configured.
type usersFilterArgs struct {
	roles          roleNames
	minRole        types.String
	validated      types.Bool
	includeDeleted types.Bool
}

// filter maps the filter arguments to a client.Filter. The schema has
// already checked the role names and refused nulls among them.
func (a usersFilterArgs) filter(ctx context.Context) (client.Filter, diag.Diagnostics) {
	var diags diag.Diagnostics
	f := client.Filter{
		Validated:      a.validated.ValueBoolPointer(),
		IncludeDeleted: a.includeDeleted.ValueBool(),
	}
	if !a.roles.IsNull() {
		var names []string
		diags.Append(a.roles.ElementsAs(ctx, &names, false)...)
		f.Roles = make([]int64, 0, len(names))
		for _, name := range names {
			f.Roles = append(f.Roles, roleCode(name, &diags))
		}
	}
	if !a.minRole.IsNull() {
		code := roleCode(a.minRole.ValueString(), &diags)
		f.MinRole = &code
	}
	return f, diags
}

func roleCode(name string, diags *diag.Diagnostics) int64 {
	code, err := client.ParseRole(name)
	if err != nil {
		diags.AddError("Invalid role name", err.Error()+".")
	}
	return code
}
