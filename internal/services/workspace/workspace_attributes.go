package workspace

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// A workspace as the data sources show it: flashback_workspaces lists
// workspaceDataModel objects, and flashback_workspace is one. The schema and
// the mapping from client.Workspace are defined here once for both.

// workspaceDataModel is one workspace with its members.
type workspaceDataModel struct {
	ID      types.String      `tfsdk:"id"`
	Name    types.String      `tfsdk:"name"`
	OrgID   types.String      `tfsdk:"org_id"`
	Members []memberDataModel `tfsdk:"members"`
}

// memberDataModel is one member of a workspace.
type memberDataModel struct {
	UserID      types.String `tfsdk:"user_id"`
	Email       types.String `tfsdk:"email"`
	Name        types.String `tfsdk:"name"`
	LastName    types.String `tfsdk:"last_name"`
	OrgRole     types.Int64  `tfsdk:"org_role"`
	OrgRoleName types.String `tfsdk:"org_role_name"`
	Role        types.String `tfsdk:"role"`
}

// membersOrder says, for people, how members are sorted.
const membersOrder = "sorted by email (ignoring case), then by user id"

// workspaceAttributes are a workspace's attributes, all computed; a data
// source that looks one up makes its arguments of some of them.
func workspaceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":     schema.StringAttribute{MarkdownDescription: "Unique identifier of the workspace.", Computed: true},
		"name":   schema.StringAttribute{MarkdownDescription: "The workspace's name. Names need not be unique.", Computed: true},
		"org_id": schema.StringAttribute{MarkdownDescription: "Identifier of the workspace's organization.", Computed: true},
		"members": schema.ListNestedAttribute{
			MarkdownDescription: "The workspace's members with their roles, " + membersOrder + ".",
			Computed:            true,
			NestedObject:        schema.NestedAttributeObject{Attributes: memberAttributes()},
		},
	}
}

func memberAttributes() map[string]schema.Attribute {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	return map[string]schema.Attribute{
		"user_id":   str("The member's user id, the `id` of its user in `flashback_organization_users`."),
		"email":     str("The member's email address; null when the API sends none."),
		"name":      str("The member's first name; null when the API sends none."),
		"last_name": str("The member's last name; null when the API sends none."),
		"org_role": schema.Int64Attribute{
			MarkdownDescription: "The member's organization role as the API's number, as in `flashback_organization_users`: " +
				roleCodes() + "; null when the API sends none.",
			Computed: true,
		},
		"org_role_name": str("The name of `org_role`: one of " + strings.Join(quoted(client.RoleNames()), ", ") +
			", or `" + client.UnknownRoleName + "` for any other code; null with `org_role`."),
		"role": str("The member's role in the workspace: " + strings.Join(quoted(client.WorkspaceRoles()), ", ") +
			", from the lowest to the highest."),
	}
}

// roleCodes lists the organization roles as "`code` NAME", from the client's table.
func roleCodes() string {
	var parts []string
	for _, name := range client.RoleNames() {
		code, err := client.ParseRole(name)
		if err != nil {
			continue
		}
		parts = append(parts, fmt.Sprintf("`%d` %s", code, name))
	}
	return strings.Join(parts, ", ")
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return out
}

// workspaceFromAPI maps a workspace of the API to the data sources' model.
// The members list is never null: a workspace without members has an
// empty one.
func workspaceFromAPI(w *client.Workspace) workspaceDataModel {
	m := workspaceDataModel{
		ID: types.StringValue(w.ID), Name: types.StringValue(w.Name), OrgID: types.StringPointerValue(w.OrgID),
		Members: []memberDataModel{},
	}
	for _, member := range client.MembersByEmail(w.Members) {
		var roleName types.String
		if member.OrgRole != nil {
			roleName = types.StringValue(client.RoleName(*member.OrgRole))
		} else {
			roleName = types.StringNull()
		}
		m.Members = append(m.Members, memberDataModel{
			UserID: types.StringValue(member.UserID), Email: types.StringPointerValue(member.Email),
			Name: types.StringPointerValue(member.Name), LastName: types.StringPointerValue(member.LastName),
			OrgRole: types.Int64PointerValue(member.OrgRole), OrgRoleName: roleName, Role: types.StringValue(member.Role),
		})
	}
	return m
}
