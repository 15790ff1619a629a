package organization

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// mappingSeeds are API bodies for FuzzUsersMapping: the reference example,
// the fake API's organizations, and the odd values a body may carry.
func mappingSeeds() []string {
	return []string{
		string(fakeapi.UsersBody(fakeapi.ReferenceUsers())),
		string(fakeapi.UsersBody(fakeapi.SampleUsers())),
		string(fakeapi.UsersBody(fakeapi.GenerateUsers(25))),
		string(fakeapi.UsersBody(nil)),
		`{"data": [
			{"id": "u2", "email": "B@Example.com", "orgRole": 7, "orgRoles": null, "validated": null, "extra": {"ignored": true}},
			{"id": "u1", "email": null, "name": null},
			{"id": "u3", "email": "a@example.com", "orgId": "org-9", "orgRole": 254, "deletedAt": "2026-01-01T00:00:00Z"}
		]}`,
		`{"data": [{"orgRole": -9223372036854775808, "orgRoles": [9223372036854775807, -1, 0, 255]}], "total": 9223372036854775807}`,
		`{"data": [{"id": "", "email": "", "name": "\u0000\ud800\u2028", "deletedAt": ""}, {"id": "", "email": ""}], "total": -1}`,
		`{"data": [{"id": "x", "email": "dup"}, {"id": "x", "email": "DUP"}, {"id": "x", "email": "dup"}]}`,
		`{"data": [{"id": "n", "email": "n@example.com", "orgRoles": [0, null, 2]}, {"id": "m", "orgRoles": [null]}]}`,
	}
}

// FuzzUsersMapping maps any users the API may send, through any filter, to
// the state of flashback_organization_users, and decodes that state as
// Terraform does, with go-cty's msgpack decoder and the schema's type. The
// state must equal the oracle: the value expectedUsersState builds from
// the same users with go-cty, written apart from the attribute table. So
// the test shows both that the encoding is one Terraform reads, and that it
// holds what it should.
func FuzzUsersMapping(f *testing.F) {
	for i, s := range mappingSeeds() {
		// Role bits, the min_role index (5 and above: none), validated (0 none, 1 true, 2 false), include_deleted (0 none, 1 true, 2 false).
		f.Add([]byte(s), uint8(0), uint8(5), uint8(0), uint8(0))
		f.Add([]byte(s), uint8(1<<i%5|1<<4), uint8(i%6), uint8(i%3), uint8(i%3))
	}
	ctx := f.Context()
	var sresp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		f.Fatal("the schema's type is not an object")
	}
	ctyType := ctyTypeOf(f, typ)
	names := client.RoleNames()

	f.Fuzz(func(t *testing.T, body []byte, roleBits, minRole, validated, includeDeleted uint8) {
		list, err := listOf(t, body)
		if err != nil {
			return // the client refuses such a body; its FuzzDecodeBody covers it
		}

		// The configuration, with the fuzzed arguments, as tftypes values
		// for the provider and as cty values for the oracle.
		vals := nullAttributes(typ)
		args := map[string]cty.Value{
			"roles": cty.NullVal(cty.Set(cty.String)), "min_role": cty.NullVal(cty.String),
			"validated": cty.NullVal(cty.Bool), "include_deleted": cty.NullVal(cty.Bool), "allow_incomplete": cty.NullVal(cty.Bool),
		}
		var roles []tftypes.Value
		var ctyRoles []cty.Value
		for i, n := range names {
			if roleBits&(1<<i) != 0 {
				roles = append(roles, tftypes.NewValue(tftypes.String, n))
				ctyRoles = append(ctyRoles, cty.StringVal(n))
			}
		}
		if len(roles) > 0 {
			vals["roles"] = tftypes.NewValue(typ.AttributeTypes["roles"], roles)
			args["roles"] = cty.SetVal(ctyRoles)
		}
		if int(minRole) < len(names) {
			vals["min_role"] = tftypes.NewValue(tftypes.String, names[minRole])
			args["min_role"] = cty.StringVal(names[minRole])
		}
		for name, v := range map[string]uint8{"validated": validated, "include_deleted": includeDeleted} {
			if v%3 != 0 {
				vals[name] = tftypes.NewValue(tftypes.Bool, v%3 == 1)
				args[name] = cty.BoolVal(v%3 == 1)
			}
		}
		config := tfsdk.Config{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, vals)}

		var model OrganizationUsersDataSourceModel
		if diags := config.Get(ctx, &model); diags.HasError() {
			t.Fatalf("reading the configuration: %v", diags)
		}
		filter, diags := model.filter(ctx)
		if diags.HasError() {
			t.Fatalf("filter: %v", diags)
		}
		kept := list.Select(&filter)

		encoded, err := encodeUsersState(config, usersState{users: kept, total: list.Total, noTotal: !list.TotalReported(), orgID: list.OrgID()})
		if err != nil {
			t.Fatalf("encodeUsersState: %v", err)
		}
		got, err := ctymsgpack.Unmarshal(encoded, ctyType)
		if err != nil {
			t.Fatalf("Terraform's decoder cannot read the state: %v", err)
		}
		if want := expectedUsersState(args, kept, list); !got.RawEquals(want) {
			t.Fatalf("the state Terraform reads is\n  %#v\nwant\n  %#v", got, want)
		}
	})
}

// expectedUsersState is the oracle: the state of flashback_organization_users
// for the given arguments and kept users, built with go-cty.
func expectedUsersState(args map[string]cty.Value, kept []client.User, list *client.UserList) cty.Value {
	state := map[string]cty.Value{
		"users":  cty.ListValEmpty(ctyUserType),
		"emails": cty.ListValEmpty(cty.String),
		"total":  cty.NullVal(cty.Number),
		"org_id": ctyString(list.OrgID()),
	}
	if list.TotalReported() {
		state["total"] = cty.NumberIntVal(list.Total)
	}
	for name, v := range args {
		state[name] = v
	}
	if len(kept) > 0 {
		objects, emails := make([]cty.Value, len(kept)), make([]cty.Value, len(kept))
		for i := range kept {
			objects[i], emails[i] = ctyUser(&kept[i]), ctyString(kept[i].Email)
		}
		state["users"], state["emails"] = cty.ListVal(objects), cty.ListVal(emails)
	}
	return cty.ObjectVal(state)
}

var ctyUserType = cty.Object(map[string]cty.Type{
	"id": cty.String, "email": cty.String, "name": cty.String, "last_name": cty.String, "org_id": cty.String,
	"org_role": cty.Number, "org_role_name": cty.String, "org_role_description": cty.String,
	"org_roles": cty.List(cty.Number), "validated": cty.Bool, "deleted_at": cty.String,
})

// ctyUser is one user object as the oracle expects it.
func ctyUser(u *client.User) cty.Value {
	role, roleName := cty.NullVal(cty.Number), cty.NullVal(cty.String)
	if u.OrgRole != nil {
		role, roleName = cty.NumberIntVal(*u.OrgRole), cty.StringVal(client.RoleName(*u.OrgRole))
	}
	roles := cty.ListValEmpty(cty.Number)
	if len(u.OrgRoles) > 0 {
		elems := make([]cty.Value, len(u.OrgRoles))
		for i, r := range u.OrgRoles {
			elems[i] = cty.NullVal(cty.Number)
			if r != nil {
				elems[i] = cty.NumberIntVal(*r)
			}
		}
		roles = cty.ListVal(elems)
	}
	validated := cty.NullVal(cty.Bool)
	if u.Validated != nil {
		validated = cty.BoolVal(*u.Validated)
	}
	return cty.ObjectVal(map[string]cty.Value{
		"id": ctyString(u.ID), "email": ctyString(u.Email), "name": ctyString(u.Name), "last_name": ctyString(u.LastName),
		"org_id": ctyString(u.OrgID), "org_role": role, "org_role_name": roleName,
		"org_role_description": ctyString(u.OrgRoleDescription), "org_roles": roles,
		"validated": validated, "deleted_at": ctyString(u.DeletedAt),
	})
}

func ctyString(s *string) cty.Value {
	if s == nil {
		return cty.NullVal(cty.String)
	}
	return cty.StringVal(*s)
}

// ctyTypeOf converts a protocol type to go-cty's, through the JSON form
// both share, as Terraform reads a schema.
func ctyTypeOf(tb testing.TB, typ tftypes.Type) cty.Type {
	tb.Helper()
	b, err := json.Marshal(typ)
	if err != nil {
		tb.Fatal(err)
	}
	ct, err := ctyjson.UnmarshalType(b)
	if err != nil {
		tb.Fatal(err)
	}
	return ct
}
