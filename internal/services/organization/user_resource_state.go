package organization

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// Mapping between flashback_organization_user's Terraform values and the
// client's User. The computed attributes come from the one attribute
// table (user_attributes.go); the arguments are the resource's own.

// userResourceComputed are the table's attributes that the resource
// computes, with whether the plan keeps the state's value (they never
// change after create). The role's number, description and list follow
// the role instead (planRoleDerived).
var userResourceComputed = []struct {
	name string
	keep bool
}{
	{"id", true},
	{"org_id", true},
	{"org_role", false},
	{"org_role_description", false},
	{"org_roles", false},
	{"validated", true},
	{"deleted_at", true},
}

// userArgs are the resource's arguments, as a plan, a state or a
// configuration holds them, with the user's id.
type userArgs struct {
	ID         types.String
	Email      types.String
	Name       types.String
	LastName   types.String
	Role       types.String
	SendInvite types.Bool
}

// readUserArgs reads the arguments and the id from a plan or a state. It
// reads the object's attributes once, as the protocol carries them, instead
// of finding each through the schema: on a plan over many members, each
// lookup by path cost more than the rest of the read.
func readUserArgs(ctx context.Context, from tftypes.Value, diags *diag.Diagnostics) userArgs {
	attrs := objectAttributes(from, diags)
	return userArgsOf(ctx, attrs, diags)
}

// userArgsOf reads the arguments and the id from the object's attributes
// (objectAttributes); all null when there are none.
func userArgsOf(ctx context.Context, attrs map[string]tftypes.Value, diags *diag.Diagnostics) userArgs {
	if attrs == nil {
		return userArgs{} // a null object, or one that could not be read
	}
	var a userArgs
	for name, target := range map[string]*types.String{
		"id": &a.ID, "email": &a.Email, "name": &a.Name, "last_name": &a.LastName, "role": &a.Role,
	} {
		v, err := types.StringType.ValueFromTerraform(ctx, attrs[name])
		if err != nil {
			diags.AddError("Cannot read the user's "+name, unreadable(err))
			return userArgs{}
		}
		*target, _ = v.(types.String) // StringType makes a types.String
	}
	v, err := types.BoolType.ValueFromTerraform(ctx, attrs["send_invite"])
	if err != nil {
		diags.AddError("Cannot read the user's send_invite", unreadable(err))
		return userArgs{}
	}
	a.SendInvite, _ = v.(types.Bool) // BoolType makes a types.Bool
	return a
}

// objectAttributes are the attributes of the resource's object, by name;
// none for a null object, and none, with an error, for a value that is not
// the resource's object.
func objectAttributes(v tftypes.Value, diags *diag.Diagnostics) map[string]tftypes.Value {
	if !v.Type().Equal(organizationUserType()) {
		diags.AddError("Cannot read the user", unreadable(fmt.Errorf("the value is a %s, not the resource's object", v.Type())))
		return nil
	}
	if v.IsNull() {
		return nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		diags.AddError("Cannot read the user", unreadable(err))
		return nil
	}
	return attrs
}

// unreadable is the detail of a value of the resource that cannot be read.
func unreadable(err error) string {
	return "The provider could not read the value Terraform holds for flashback_organization_user: " + err.Error() +
		". This is a bug in the provider: please report it, with the Terraform version."
}

// roleCode is the code of the role argument, which the schema restricts to
// the five names.
func (a userArgs) roleCode() int64 {
	code, _ := client.ParseRole(a.Role.ValueString())
	return code
}

// userResourceValues maps an API user to every attribute of the resource.
// prior is what the plan or the state held: it keeps the email as written
// when the API's compares equal to it, and send_invite, which the API does
// not return (true, its default, when nothing held it, as after an import).
func userResourceValues(u *client.User, prior userArgs) map[string]attr.Value {
	values := make(map[string]attr.Value, len(userResourceComputed)+6)
	for _, c := range userResourceComputed {
		values[c.name] = userAttributesByName[c.name].value(u)
	}
	for _, name := range []string{"email", "name", "last_name"} {
		values[name] = userAttributesByName[name].value(u)
	}
	if u.Email != nil && !prior.Email.IsNull() && !prior.Email.IsUnknown() && client.SameEmail(prior.Email.ValueString(), *u.Email) {
		values["email"] = prior.Email
	}
	values["role"] = types.StringNull()
	if u.OrgRole != nil {
		values["role"] = types.StringValue(client.RoleName(*u.OrgRole))
	}
	values["send_invite"] = prior.SendInvite
	if prior.SendInvite.IsNull() || prior.SendInvite.IsUnknown() {
		values["send_invite"] = types.BoolValue(true)
	}
	values["password_wo"] = types.StringNull()
	return values
}

// objectSetter is what takes the resource's whole object: a tfsdk.State,
// or the tfsdk.Resource of a list resource's result.
type objectSetter interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// setUserState writes u to a resource's state (or any objectSetter), and
// its id to the identity when Terraform keeps one.
func setUserState(ctx context.Context, u *client.User, prior userArgs, state objectSetter, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	obj, d := types.ObjectValue(organizationUserAttrTypes(), userResourceValues(u, prior))
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, obj)...)
	setUserIdentity(ctx, identity, types.StringPointerValue(u.ID), diags)
}

// setWrittenUserState is setUserState after a write (create, update,
// reactivation), whose answer may be sparser than the user: where it
// leaves a field out, or sends it null (or an empty list), the state keeps
// the planned value, since Terraform refuses a state after apply that
// differs from a value the plan knew ("Provider produced inconsistent
// result"). Values the plan did not know are the answer's.
func setWrittenUserState(ctx context.Context, u *client.User, plan tfsdk.Plan, prior userArgs, state *tfsdk.State,
	identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	values := userResourceValues(u, prior)
	var planned types.Object
	diags.Append(plan.Get(ctx, &planned)...)
	if diags.HasError() {
		return
	}
	for name, p := range planned.Attributes() {
		if v, ok := values[name]; ok && saysNothing(v) && !p.IsNull() && !p.IsUnknown() {
			values[name] = p
		}
	}
	obj, d := types.ObjectValue(organizationUserAttrTypes(), values)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, obj)...)
	id, _ := values["id"].(types.String)
	setUserIdentity(ctx, identity, id, diags)
}

// saysNothing reports whether a value mapped from an answer says nothing: null,
// or the empty list that an answer without a list maps to (org_roles).
func saysNothing(v attr.Value) bool {
	list, isList := v.(types.List)
	return v.IsNull() || isList && len(list.Elements()) == 0
}

// userIdentity is the user's identity (Terraform 1.12+).
type userIdentity struct {
	ID types.String `tfsdk:"id"`
}

// setUserIdentity sets the identity's id (framework.SetIdentity).
func setUserIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id types.String, diags *diag.Diagnostics) {
	framework.SetIdentity(ctx, identity, userIdentity{ID: id}, diags)
}

// organizationUserSchema is the resource's schema, made once.
var organizationUserSchema = sync.OnceValue(func() schema.Schema {
	var resp resource.SchemaResponse
	(&OrganizationUserResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp.Schema
})

// organizationUserType is the resource's object as the protocol carries it.
var organizationUserType = sync.OnceValue(func() tftypes.Type {
	return organizationUserSchema().Type().TerraformType(context.Background())
})

// organizationUserAttrTypes is the type of each attribute of the
// resource, from its schema.
var organizationUserAttrTypes = sync.OnceValue(func() map[string]attr.Type {
	obj, _ := organizationUserSchema().Type().(types.ObjectType) // a resource schema's type is an object
	return obj.AttrTypes
})
