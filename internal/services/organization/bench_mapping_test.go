package organization

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// BenchmarkStateBuilding compares four ways to turn decoded users into the
// data source's state, each up to the bytes the protocol carries:
//   - reflection: State.Set on a struct of slices, as a straightforward
//     implementation does;
//   - types_values: types.List and types.Object values built directly, then
//     State.Set;
//   - wire_values: tftypes values built directly, then encoded;
//   - msgpack: the encoding written straight from the users (what the
//     provider does).
//
// The first three are written here only to be measured.
func BenchmarkStateBuilding(b *testing.B) {
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &sresp)
	s := sresp.Schema
	typ := s.Type().TerraformType(ctx)
	encode := func(b *testing.B, state tfsdk.State) {
		if _, err := tfprotov6.NewDynamicValue(typ, state.Raw); err != nil {
			b.Fatal(err)
		}
	}
	for _, n := range benchSizes {
		users := decodedUsers(b, n).Select(&client.Filter{IncludeDeleted: true})
		b.Run(fmt.Sprintf("reflection/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := reflectedModel{Roles: types.SetNull(types.StringType), Total: types.Int64Value(int64(n))}
				m.Users = make([]userModel, len(users))
				m.Emails = make([]types.String, len(users))
				for i := range users {
					m.Users[i] = userModelOf(&users[i])
					m.Emails[i] = types.StringPointerValue(users[i].Email)
				}
				state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
				if diags := state.Set(ctx, &m); diags.HasError() {
					b.Fatal(diags)
				}
				encode(b, state)
			}
			reportPerUser(b, n)
		})
		b.Run(fmt.Sprintf("types_values/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m := OrganizationUsersDataSourceModel{Roles: types.SetNull(types.StringType), Total: types.Int64Value(int64(n))}
				objects := make([]attr.Value, len(users))
				emails := make([]attr.Value, len(users))
				for i := range users {
					objects[i] = types.ObjectValueMust(userAttrTypes, typesAttributes(&users[i]))
					emails[i] = types.StringPointerValue(users[i].Email)
				}
				m.Users = types.ListValueMust(userObjectType, objects)
				m.Emails = types.ListValueMust(types.StringType, emails)
				state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
				if diags := state.Set(ctx, &m); diags.HasError() {
					b.Fatal(diags)
				}
				encode(b, state)
			}
			reportPerUser(b, n)
		})
		b.Run(fmt.Sprintf("wire_values/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				vals := nullAttributes(typ)
				objects := make([]tftypes.Value, len(users))
				emails := make([]tftypes.Value, len(users))
				for i := range users {
					objects[i] = wireUser(&users[i])
					emails[i] = wireString(users[i].Email)
				}
				vals["users"] = tftypes.NewValue(tftypes.List{ElementType: userTFType}, objects)
				vals["emails"] = tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, emails)
				vals["total"] = tftypes.NewValue(tftypes.Number, n)
				encode(b, tfsdk.State{Raw: tftypes.NewValue(typ, vals)})
			}
			reportPerUser(b, n)
		})
		b.Run(fmt.Sprintf("msgpack/users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := encodeUsersState(benchConfig, usersState{users: users, total: int64(n)}); err != nil {
					b.Fatal(err)
				}
			}
			reportPerUser(b, n)
		})
	}
}

// userModel and reflectedModel are the reflection strategy's model.
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
	Roles           types.Set      `tfsdk:"roles"`
	MinRole         types.String   `tfsdk:"min_role"`
	Validated       types.Bool     `tfsdk:"validated"`
	IncludeDeleted  types.Bool     `tfsdk:"include_deleted"`
	AllowIncomplete types.Bool     `tfsdk:"allow_incomplete"`
	Users           []userModel    `tfsdk:"users"`
	Emails          []types.String `tfsdk:"emails"`
	Total           types.Int64    `tfsdk:"total"`
	OrgID           types.String   `tfsdk:"org_id"`
}

func userModelOf(u *client.User) userModel {
	roles := make([]types.Int64, len(u.OrgRoles))
	for j, r := range u.OrgRoles {
		roles[j] = types.Int64PointerValue(r)
	}
	return userModel{
		ID: types.StringPointerValue(u.ID), Email: types.StringPointerValue(u.Email), Name: types.StringPointerValue(u.Name),
		LastName: types.StringPointerValue(u.LastName), OrgID: types.StringPointerValue(u.OrgID),
		OrgRole: types.Int64PointerValue(u.OrgRole), OrgRoleName: types.StringPointerValue(roleNameOf(u)),
		OrgRoleDescription: types.StringPointerValue(u.OrgRoleDescription), OrgRoles: roles,
		Validated: types.BoolPointerValue(u.Validated), DeletedAt: types.StringPointerValue(u.DeletedAt),
	}
}

func typesAttributes(u *client.User) map[string]attr.Value {
	roles := make([]attr.Value, len(u.OrgRoles))
	for j, r := range u.OrgRoles {
		roles[j] = types.Int64PointerValue(r)
	}
	return map[string]attr.Value{
		"id": types.StringPointerValue(u.ID), "email": types.StringPointerValue(u.Email), "name": types.StringPointerValue(u.Name),
		"last_name": types.StringPointerValue(u.LastName), "org_id": types.StringPointerValue(u.OrgID),
		"org_role": types.Int64PointerValue(u.OrgRole), "org_role_name": types.StringPointerValue(roleNameOf(u)),
		"org_role_description": types.StringPointerValue(u.OrgRoleDescription),
		"org_roles":            types.ListValueMust(types.Int64Type, roles),
		"validated":            types.BoolPointerValue(u.Validated), "deleted_at": types.StringPointerValue(u.DeletedAt),
	}
}

func wireString(s *string) tftypes.Value {
	if s == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, *s)
}

func wireUser(u *client.User) tftypes.Value {
	role, roles := tftypes.NewValue(tftypes.Number, nil), make([]tftypes.Value, len(u.OrgRoles))
	if u.OrgRole != nil {
		role = tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(*u.OrgRole))
	}
	for j, r := range u.OrgRoles {
		roles[j] = tftypes.NewValue(tftypes.Number, nil)
		if r != nil {
			roles[j] = tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(*r))
		}
	}
	validated := tftypes.NewValue(tftypes.Bool, nil)
	if u.Validated != nil {
		validated = tftypes.NewValue(tftypes.Bool, *u.Validated)
	}
	return tftypes.NewValue(userTFType, map[string]tftypes.Value{
		"id": wireString(u.ID), "email": wireString(u.Email), "name": wireString(u.Name), "last_name": wireString(u.LastName),
		"org_id": wireString(u.OrgID), "org_role": role, "org_role_name": wireString(roleNameOf(u)),
		"org_role_description": wireString(u.OrgRoleDescription),
		"org_roles":            tftypes.NewValue(tftypes.List{ElementType: tftypes.Number}, roles),
		"validated":            validated, "deleted_at": wireString(u.DeletedAt),
	})
}

// decodedUsers reads n generated users through the client, as a read does.
func decodedUsers(b *testing.B, n int) *client.UserList {
	b.Helper()
	c, err := client.New(client.Config{BaseURL: benchAPI(b, n), Token: testToken})
	if err != nil {
		b.Fatal(err)
	}
	list, err := c.ListOrganizationUsers(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return list
}
