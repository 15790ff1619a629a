package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// userAttributes maps one API user to the attribute values of a user object.
// A field the API left out or sent as null becomes null.
func userAttributes(u *client.User) map[string]attr.Value {
	role := types.Int64PointerValue(u.OrgRole)
	roleName := types.StringNull()
	if u.OrgRole != nil {
		roleName = types.StringValue(client.RoleName(*u.OrgRole))
	}
	orgRoles := make([]attr.Value, len(u.OrgRoles))
	for i, r := range u.OrgRoles {
		orgRoles[i] = types.Int64Value(r)
	}
	return map[string]attr.Value{
		"id":                   types.StringPointerValue(u.ID),
		"email":                types.StringPointerValue(u.Email),
		"name":                 types.StringPointerValue(u.Name),
		"last_name":            types.StringPointerValue(u.LastName),
		"org_id":               types.StringPointerValue(u.OrgID),
		"org_role":             role,
		"org_role_name":        roleName,
		"org_role_description": types.StringPointerValue(u.OrgRoleDescription),
		"org_roles":            types.ListValueMust(types.Int64Type, orgRoles),
		"validated":            types.BoolPointerValue(u.Validated),
		"deleted_at":           types.StringPointerValue(u.DeletedAt),
	}
}

// usersFromAPI maps API users to the users list and the emails list, in
// the same order.
func usersFromAPI(users []client.User) (list, emails types.List) {
	objects := make([]attr.Value, len(users))
	addresses := make([]attr.Value, len(users))
	for i := range users {
		objects[i] = types.ObjectValueMust(userAttrTypes, userAttributes(&users[i]))
		addresses[i] = types.StringPointerValue(users[i].Email)
	}
	return types.ListValueMust(userObjectType, objects), types.ListValueMust(types.StringType, addresses)
}
