package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// The provider functions (Terraform 1.8+, OpenTofu 1.7+) turn role names
// into codes and back, and compare roles. The roles themselves are
// client's: these functions only read them.

var (
	_ function.Function = &roleCodeFunction{}
	_ function.Function = &roleNameFunction{}
	_ function.Function = &roleAtLeastFunction{}
)

func newRoleCodeFunction() function.Function    { return &roleCodeFunction{} }
func newRoleNameFunction() function.Function    { return &roleNameFunction{} }
func newRoleAtLeastFunction() function.Function { return &roleAtLeastFunction{} }

// roleCodeFunction is provider::flashback::role_code(name).
type roleCodeFunction struct{}

func (f *roleCodeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "role_code"
}

func (f *roleCodeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The code of a Flashback organization role name.",
		MarkdownDescription: "Returns the code the Flashback API uses for a role name, as in a user's `org_role`: " +
			framework.RolesWithCodes() + ". Names are exact, in capitals: any other name, such as `\"owner\"`, is an error.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "name",
				MarkdownDescription: "A role name, such as `\"ADMINISTRATOR\"`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f *roleCodeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	resp.Error = req.Arguments.Get(ctx, &name)
	if resp.Error != nil {
		return
	}
	code, err := client.ParseRole(name)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, code)
}

// roleNameFunction is provider::flashback::role_name(code).
type roleNameFunction struct{}

func (f *roleNameFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "role_name"
}

func (f *roleNameFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The name of a Flashback organization role code.",
		MarkdownDescription: "Returns the name of a role code, as in a user's `org_role_name`: " + framework.RolesWithCodes() + ". " +
			"Any other whole number, such as a code the API reserves for roles to come, gives `\"" + client.UnknownRoleName + "\"`, and a fraction is an error.",
		Parameters: []function.Parameter{
			function.NumberParameter{
				Name:                "code",
				MarkdownDescription: "A role code, a whole number such as a user's `org_role`.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *roleNameFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var code *big.Float
	resp.Error = req.Arguments.Get(ctx, &code)
	if resp.Error != nil {
		return
	}
	name := client.UnknownRoleName
	switch n, err := wholeNumber(code); {
	case err != nil:
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	case n.IsInt64():
		name = client.RoleName(n.Int64())
	}
	resp.Error = resp.Result.Set(ctx, name)
}

// roleAtLeastFunction is provider::flashback::role_at_least(role, minimum).
type roleAtLeastFunction struct{}

func (f *roleAtLeastFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "role_at_least"
}

// roleArgumentDescription describes what role_at_least accepts for a role.
var roleArgumentDescription = fmt.Sprintf("a role name, such as `\"ADMINISTRATOR\"`, or a role code, a whole number from %d to %d "+
	"such as a user's `org_role`", client.MinRoleCode, client.MaxRoleCode)

func (f *roleAtLeastFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a Flashback organization role is a minimum role or higher.",
		MarkdownDescription: "Returns whether `role` is `minimum` or a higher role, each given as a name or a code, so that a user's " +
			"`org_role` and a name in the configuration compare directly; roles compare by their codes, as the `min_role` filter " +
			"does: " + framework.RolesWithCodes() + ". " + fmt.Sprintf("A null, a name that is not a role, and a code that is not "+
			"a whole number from %d to %d are errors: test a user's `org_role` for null first.", client.MinRoleCode, client.MaxRoleCode),
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name:                "role",
				MarkdownDescription: "The role to test: " + roleArgumentDescription + ".",
			},
			function.DynamicParameter{
				Name:                "minimum",
				MarkdownDescription: "The lowest role that passes: " + roleArgumentDescription + ".",
			},
		},
		Return: function.BoolReturn{},
	}
}

func (f *roleAtLeastFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var role, minimum types.Dynamic
	resp.Error = req.Arguments.Get(ctx, &role, &minimum)
	if resp.Error != nil {
		return
	}
	// A function error names one argument: the first one at fault.
	roleCode, err := roleArgument(role)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	minimumCode, err := roleArgument(minimum)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, client.RoleAtLeast(roleCode, minimumCode))
}

// roleArgument reads a role given as a name or as a code.
func roleArgument(v types.Dynamic) (int64, error) {
	if v.IsNull() || v.IsUnderlyingValueNull() || v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		// Terraform never sends these, as the parameters allow neither.
		return 0, fmt.Errorf("a role must be a known value, not null or unknown")
	}
	switch u := v.UnderlyingValue().(type) {
	case basetypes.StringValue:
		code, err := client.ParseRole(u.ValueString())
		if err != nil {
			return 0, fmt.Errorf("%w, or a role code from %d to %d", err, client.MinRoleCode, client.MaxRoleCode)
		}
		return code, nil
	case basetypes.NumberValue:
		f := u.ValueBigFloat()
		n, err := wholeNumber(f)
		if err != nil {
			return 0, err
		}
		if !n.IsInt64() {
			return 0, fmt.Errorf("%s is not a Flashback role code; role codes are whole numbers from %d to %d", f.Text('g', -1), client.MinRoleCode, client.MaxRoleCode)
		}
		if err := client.CheckRoleCode(n.Int64()); err != nil {
			return 0, err
		}
		return n.Int64(), nil
	default:
		return 0, fmt.Errorf("a role is a name such as \"ADMINISTRATOR\" or a code such as %d, not %s", client.RoleAdministrator, typeDescription(u))
	}
}

// wholeNumber returns n as an integer, or an error when it has a fraction.
func wholeNumber(n *big.Float) (*big.Int, error) {
	if n == nil {
		// Terraform never sends a null, as the parameters do not allow it.
		return nil, fmt.Errorf("a role code must not be null")
	}
	if n.IsInf() || !n.IsInt() {
		return nil, fmt.Errorf("%s is not a whole number; role codes are whole numbers from %d to %d", n.Text('g', -1), client.MinRoleCode, client.MaxRoleCode)
	}
	i, _ := n.Int(nil)
	return i, nil
}

// typeDescription names the Terraform type of a value for an error, such as "a bool".
func typeDescription(v attr.Value) string {
	switch v.(type) {
	case basetypes.BoolValue:
		return "a bool"
	case basetypes.ListValue, basetypes.TupleValue:
		return "a list"
	case basetypes.SetValue:
		return "a set"
	case basetypes.MapValue, basetypes.ObjectValue:
		return "a map or an object"
	default:
		return "a value of another type"
	}
}
