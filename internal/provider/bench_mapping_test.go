package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// userModel and reflectedModel are the reflection strategy's model: the
// struct a straightforward implementation hands to State.Set.
type userModel struct {
	ID                 types.String  `tfsdk:"id"`
	Email              types.String  `tfsdk:"email"`
	Name               types.String  `tfsdk:"name"`
	LastName           types.String  `tfsdk:"last_name"`
	OrgID              types.String  `tfsdk:"org_id"`
	OrgRole            types.Int64   `tfsdk:"org_role"`
	OrgRoleName        types.String  `tfsdk:"org_role_name"`
	OrgRoleDescription types.String  `tfsdk:"org_role_description"`
	OrgRoles           []types.Int64 `tfsdk:"org_roles"`
	Validated          types.Bool    `tfsdk:"validated"`
	DeletedAt          types.String  `tfsdk:"deleted_at"`
}

type reflectedModel struct {
	Roles          types.Set      `tfsdk:"roles"`
	MinRole        types.String   `tfsdk:"min_role"`
	Validated      types.Bool     `tfsdk:"validated"`
	IncludeDeleted types.Bool     `tfsdk:"include_deleted"`
	Users          []userModel    `tfsdk:"users"`
	Emails         []types.String `tfsdk:"emails"`
	Total          types.Int64    `tfsdk:"total"`
	OrgID          types.String   `tfsdk:"org_id"`
}

// BenchmarkStateBuilding compares three ways to put the users in state:
// reflection on a struct of slices, types.List values built directly, and
// Terraform wire values built directly (what Read does).
func BenchmarkStateBuilding(b *testing.B) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &sresp)
	s := sresp.Schema
	for _, n := range benchSizes {
		users := decodedUsers(b, n)
		b.Run(fmt.Sprintf("reflection/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := reflectedModel{Roles: types.SetNull(types.StringType), Total: types.Int64Value(int64(n))}
				m.Users = make([]userModel, len(users))
				m.Emails = make([]types.String, len(users))
				for i := range users {
					u := &users[i]
					roles := make([]types.Int64, len(u.OrgRoles))
					for j, r := range u.OrgRoles {
						roles[j] = types.Int64Value(r)
					}
					name := types.StringNull()
					if u.OrgRole != nil {
						name = types.StringValue(client.RoleName(*u.OrgRole))
					}
					m.Users[i] = userModel{
						ID: types.StringPointerValue(u.ID), Email: types.StringPointerValue(u.Email), Name: types.StringPointerValue(u.Name),
						LastName: types.StringPointerValue(u.LastName), OrgID: types.StringPointerValue(u.OrgID),
						OrgRole: types.Int64PointerValue(u.OrgRole), OrgRoleName: name,
						OrgRoleDescription: types.StringPointerValue(u.OrgRoleDescription), OrgRoles: roles,
						Validated: types.BoolPointerValue(u.Validated), DeletedAt: types.StringPointerValue(u.DeletedAt),
					}
					m.Emails[i] = types.StringPointerValue(u.Email)
				}
				state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
				if diags := state.Set(ctx, &m); diags.HasError() {
					b.Fatal(diags)
				}
			}
			reportPerUser(b, n)
		})
		b.Run(fmt.Sprintf("types_values/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := OrganizationUsersDataSourceModel{Roles: types.SetNull(types.StringType), Total: types.Int64Value(int64(n))}
				m.Users, m.Emails = typesValues(users)
				state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
				if diags := state.Set(ctx, &m); diags.HasError() {
					b.Fatal(diags)
				}
			}
			reportPerUser(b, n)
		})
		b.Run(fmt.Sprintf("wire_values/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				list, emails := usersTerraformValues(users)
				if !list.IsKnown() || !emails.IsKnown() {
					b.Fatal("unknown values")
				}
			}
			reportPerUser(b, n)
		})
	}
}

func decodedUsers(b *testing.B, n int) []client.User {
	b.Helper()
	c, err := client.New(client.Config{BaseURL: benchAPI(b, n), Token: testToken})
	if err != nil {
		b.Fatal(err)
	}
	list, err := c.ListOrganizationUsers(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return list.Users
}

// typesValues is the types.List strategy: framework values built directly.
func typesValues(users []client.User) (list, emails types.List) {
	objects := make([]attr.Value, len(users))
	addresses := make([]attr.Value, len(users))
	for i := range users {
		objects[i] = types.ObjectValueMust(userAttrTypes, userAttributes(&users[i]))
		addresses[i] = types.StringPointerValue(users[i].Email)
	}
	return types.ListValueMust(userObjectType, objects), types.ListValueMust(types.StringType, addresses)
}
