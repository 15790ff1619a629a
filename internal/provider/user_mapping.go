package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// userAttrTypes is the Terraform type of one user object.
var userAttrTypes = map[string]attr.Type{
	"id":                   types.StringType,
	"email":                types.StringType,
	"name":                 types.StringType,
	"last_name":            types.StringType,
	"org_id":               types.StringType,
	"org_role":             types.Int64Type,
	"org_role_name":        types.StringType,
	"org_role_description": types.StringType,
	"org_roles":            types.ListType{ElemType: types.Int64Type},
	"validated":            types.BoolType,
	"deleted_at":           types.StringType,
}

var userObjectType = types.ObjectType{AttrTypes: userAttrTypes}

// userSchemaAttributes describes the fields of one user, all computed.
func userSchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":        schema.StringAttribute{Computed: true, MarkdownDescription: "Unique identifier of the user."},
		"email":     schema.StringAttribute{Computed: true, MarkdownDescription: "The user's email address."},
		"name":      schema.StringAttribute{Computed: true, MarkdownDescription: "The user's first name."},
		"last_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The user's last name."},
		"org_id":    schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier of the user's organization."},
		"org_role":  schema.Int64Attribute{Computed: true, MarkdownDescription: "The user's organization role as the API's number: `0` USER, `1` BILLING, `2` WORKSPACES, `254` ADMINISTRATOR, `255` OWNER."},
		"org_role_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The name of `org_role`: one of `USER`, `BILLING`, `WORKSPACES`, " +
			"`ADMINISTRATOR` and `OWNER`, or `UNKNOWN` for any other code."},
		"org_role_description": schema.StringAttribute{Computed: true, MarkdownDescription: "The role's description, exactly as the API sent it."},
		"org_roles": schema.ListAttribute{Computed: true, ElementType: types.Int64Type,
			MarkdownDescription: "The role numbers available to the user; empty when the API sends none."},
		"validated":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user's email address is validated."},
		"deleted_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the user was deleted, as the API sent it; null while the user is active."},
	}
}

// userAttributes maps one API user to the attribute values of a user
// object, through userTerraformValue, so that both data sources map a user
// the same way.
func userAttributes(u *client.User) map[string]attr.Value {
	v, err := userObjectType.ValueFromTerraform(context.Background(), userTerraformValue(u))
	if err != nil {
		// userTerraformValue builds exactly userTFType; a failure is a bug.
		panic(fmt.Sprintf("user object does not match its type: %s", err))
	}
	return v.(types.Object).Attributes()
}

// The Terraform wire types of a user object, derived from userObjectType so
// that there is one definition.
var (
	userTFType   = userObjectType.TerraformType(context.Background()).(tftypes.Object)
	usersTFType  = tftypes.List{ElementType: userTFType}
	emailsTFType = tftypes.List{ElementType: tftypes.String}
	rolesTFType  = tftypes.List{ElementType: tftypes.Number}
)

// usersTerraformValues builds the users and emails lists as Terraform wire
// values, straight from the API users. It is the cheapest way the framework
// allows to put a large list in state: BenchmarkStateBuilding compares it
// with building types.List values and with reflection on a struct.
func usersTerraformValues(users []client.User) (list, emails tftypes.Value) {
	objects := make([]tftypes.Value, len(users))
	addresses := make([]tftypes.Value, len(users))
	for i := range users {
		objects[i] = userTerraformValue(&users[i])
		addresses[i] = tfString(users[i].Email)
	}
	return tftypes.NewValue(usersTFType, objects), tftypes.NewValue(emailsTFType, addresses)
}

// userTerraformValue maps one API user to a user object. A field the API
// left out or sent as null becomes null; org_roles is never null.
func userTerraformValue(u *client.User) tftypes.Value {
	roleName := tftypes.NewValue(tftypes.String, nil)
	if u.OrgRole != nil {
		roleName = tftypes.NewValue(tftypes.String, client.RoleName(*u.OrgRole))
	}
	orgRoles := make([]tftypes.Value, len(u.OrgRoles))
	for j, r := range u.OrgRoles {
		orgRoles[j] = tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(r))
	}
	return tftypes.NewValue(userTFType, map[string]tftypes.Value{
		"id":                   tfString(u.ID),
		"email":                tfString(u.Email),
		"name":                 tfString(u.Name),
		"last_name":            tfString(u.LastName),
		"org_id":               tfString(u.OrgID),
		"org_role":             tfInt64(u.OrgRole),
		"org_role_name":        roleName,
		"org_role_description": tfString(u.OrgRoleDescription),
		"org_roles":            tftypes.NewValue(rolesTFType, orgRoles),
		"validated":            tfBool(u.Validated),
		"deleted_at":           tfString(u.DeletedAt),
	})
}

func tfString(s *string) tftypes.Value {
	if s == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, *s)
}

func tfInt64(n *int64) tftypes.Value {
	if n == nil {
		return tftypes.NewValue(tftypes.Number, nil)
	}
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(*n))
}

func tfBool(b *bool) tftypes.Value {
	if b == nil {
		return tftypes.NewValue(tftypes.Bool, nil)
	}
	return tftypes.NewValue(tftypes.Bool, *b)
}

// stateFromConfig returns the data source's state: the configuration, with
// the computed attributes set to the given values.
func stateFromConfig(config tftypes.Value, computed map[string]tftypes.Value) (tftypes.Value, error) {
	var configVals map[string]tftypes.Value
	if err := config.As(&configVals); err != nil {
		return tftypes.Value{}, err
	}
	// As hands out the configuration's own map: copy it, so that the
	// request's configuration is never changed.
	vals := make(map[string]tftypes.Value, len(configVals))
	for name, v := range configVals {
		vals[name] = v
	}
	for name, v := range computed {
		vals[name] = v
	}
	if err := tftypes.ValidateValue(config.Type(), vals); err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(config.Type(), vals), nil
}
