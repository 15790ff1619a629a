package provider

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
	}
}

// FuzzUsersMapping maps any users the API may send, through any filter,
// to the state of flashback_organization_users, and reads that state back
// through the framework. It must never panic or fail, and must give one
// user object per kept user, with the emails in the same order, the
// arguments as configured, and each object as userAttributes maps it.
func FuzzUsersMapping(f *testing.F) {
	for i, s := range mappingSeeds() {
		// Role bits, the min_role index (5 and above: none), validated (0 none, 1 true, 2 false), include_deleted.
		f.Add([]byte(s), uint8(0), uint8(5), uint8(0), false)
		f.Add([]byte(s), uint8(1<<i%5|1<<4), uint8(i%6), uint8(i%3), i%2 == 0)
	}
	ctx := f.Context()
	var sresp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ, ok := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		f.Fatal("the schema's type is not an object")
	}
	names := client.RoleNames()

	f.Fuzz(func(t *testing.T, body []byte, roleBits, minRole, validated uint8, includeDeleted bool) {
		var decoded struct {
			Data  []client.User `json:"data"`
			Total *int64        `json:"total"`
		}
		if json.Unmarshal(body, &decoded) != nil {
			return // the client refuses such a body; FuzzDecodeBody covers it
		}
		list := client.NewUserList(decoded.Data, int64(len(decoded.Data)))
		if decoded.Total != nil {
			list.Total = *decoded.Total
		}

		// The data source's configuration: the fuzzed filter, and null computed attributes.
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
		}
		var roles []tftypes.Value
		for i, n := range names {
			if roleBits&(1<<i) != 0 {
				roles = append(roles, tftypes.NewValue(tftypes.String, n))
			}
		}
		if len(roles) > 0 {
			vals["roles"] = tftypes.NewValue(typ.AttributeTypes["roles"], roles)
		}
		if int(minRole) < len(names) {
			vals["min_role"] = tftypes.NewValue(tftypes.String, names[minRole])
		}
		if validated%3 != 0 {
			vals["validated"] = tftypes.NewValue(tftypes.Bool, validated%3 == 1)
		}
		vals["include_deleted"] = tftypes.NewValue(tftypes.Bool, includeDeleted)
		config := tftypes.NewValue(typ, vals)

		var args OrganizationUsersDataSourceModel
		if diags := (&tfsdk.Config{Schema: sresp.Schema, Raw: config}).Get(ctx, &args); diags.HasError() {
			t.Fatalf("reading the configuration: %v", diags)
		}
		filter, diags := args.filter(ctx)
		if diags.HasError() {
			t.Fatalf("filter: %v", diags)
		}
		kept := list.Select(&filter)

		encoded, err := encodeUsersState(config, usersState{users: kept, total: list.Total, orgID: list.OrgID()})
		if err != nil {
			t.Fatalf("encodeUsersState: %v", err)
		}
		raw, err := (&tfprotov6.DynamicValue{MsgPack: encoded}).Unmarshal(typ)
		if err != nil {
			t.Fatalf("the state does not decode as the schema's type: %v", err)
		}
		var got OrganizationUsersDataSourceModel
		if diags := (&tfsdk.State{Schema: sresp.Schema, Raw: raw}).Get(ctx, &got); diags.HasError() {
			t.Fatalf("the framework cannot read the state: %v", diags)
		}

		if !got.Roles.Equal(args.Roles) || !got.MinRole.Equal(args.MinRole) || !got.Validated.Equal(args.Validated) || !got.IncludeDeleted.Equal(args.IncludeDeleted) {
			t.Fatalf("the arguments changed: got %v %v %v %v, configured %v %v %v %v",
				got.Roles, got.MinRole, got.Validated, got.IncludeDeleted, args.Roles, args.MinRole, args.Validated, args.IncludeDeleted)
		}
		if !got.Total.Equal(types.Int64Value(list.Total)) || !got.OrgID.Equal(types.StringPointerValue(list.OrgID())) {
			t.Fatalf("total, org_id = %v, %v; want %d, %v", got.Total, got.OrgID, list.Total, list.OrgID())
		}
		objects, emails := got.Users.Elements(), got.Emails.Elements()
		if len(objects) != len(kept) || len(emails) != len(kept) {
			t.Fatalf("%d user objects and %d emails for %d users", len(objects), len(emails), len(kept))
		}
		for i := range kept {
			u := &kept[i]
			if want := types.StringPointerValue(u.Email); !emails[i].Equal(want) {
				t.Fatalf("emails[%d] = %v, want %v", i, emails[i], want)
			}
			obj, ok := objects[i].(types.Object)
			if !ok {
				t.Fatalf("users[%d] is a %T", i, objects[i])
			}
			wantAttrs, err := userAttributes(u)
			if err != nil {
				t.Fatalf("userAttributes: %v", err)
			}
			if !attrsEqual(obj.Attributes(), wantAttrs) {
				t.Fatalf("users[%d] = %v, want %v", i, obj.Attributes(), wantAttrs)
			}
			if a := obj.Attributes(); !a["email"].Equal(emails[i]) || !a["id"].Equal(types.StringPointerValue(u.ID)) {
				t.Fatalf("users[%d] has email %v and id %v; want %v and %v", i, a["email"], a["id"], emails[i], types.StringPointerValue(u.ID))
			}
		}
	})
}

func attrsEqual(a, b map[string]attr.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}
