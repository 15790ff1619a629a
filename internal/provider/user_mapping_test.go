package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func TestUserAttributesFull(t *testing.T) {
	u := client.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), Name: fakeapi.Ptr("Ada"),
		LastName: fakeapi.Ptr("Lovelace"), OrgID: fakeapi.Ptr("org"), OrgRole: fakeapi.Ptr[int64](255),
		Validated: fakeapi.Ptr(false), DeletedAt: fakeapi.Ptr("2026-01-02T03:04:05Z"),
		OrgRoleDescription: fakeapi.Ptr("Owner (legacy)"), OrgRoles: client.Codes(0, 255),
	}
	got := mustUserAttributes(t, &u)
	want := map[string]attr.Value{
		"id": types.StringValue("u1"), "email": types.StringValue(email("ada", "example.com")),
		"name": types.StringValue("Ada"), "last_name": types.StringValue("Lovelace"), "org_id": types.StringValue("org"),
		"org_role": types.Int64Value(255), "org_role_name": types.StringValue("OWNER"),
		"org_role_description": types.StringValue("Owner (legacy)"),
		"org_roles":            types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(0), types.Int64Value(255)}),
		"validated":            types.BoolValue(false), "deleted_at": types.StringValue("2026-01-02T03:04:05Z"),
	}
	assertAttributes(t, got, want)
}

func TestUserAttributesNulls(t *testing.T) {
	got := mustUserAttributes(t, &client.User{OrgRole: fakeapi.Ptr[int64](9)})
	want := map[string]attr.Value{
		"id": types.StringNull(), "email": types.StringNull(), "name": types.StringNull(), "last_name": types.StringNull(),
		"org_id": types.StringNull(), "org_role": types.Int64Value(9), "org_role_name": types.StringValue("UNKNOWN"),
		"org_role_description": types.StringNull(),
		"org_roles":            types.ListValueMust(types.Int64Type, []attr.Value{}),
		"validated":            types.BoolNull(), "deleted_at": types.StringNull(),
	}
	assertAttributes(t, got, want)

	if got := mustUserAttributes(t, &client.User{})["org_role_name"]; !got.IsNull() {
		t.Errorf("org_role_name without a role = %v, want null", got)
	}
}

func assertAttributes(t *testing.T, got, want map[string]attr.Value) {
	t.Helper()
	if len(got) != len(userAttrTypes) {
		t.Errorf("got %d attributes, the object type has %d", len(got), len(userAttrTypes))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !g.Equal(w) {
			t.Errorf("%s = %v, want %v", name, g, w)
		}
	}
}

func mustUserAttributes(t *testing.T, u *client.User) map[string]attr.Value {
	t.Helper()
	attrs, err := userAttributes(u)
	if err != nil {
		t.Fatal(err)
	}
	return attrs
}

// TestEveryUserAttributeHasAnEncoder fails when the user object gains an
// attribute that the encoding does not write.
func TestEveryUserAttributeHasAnEncoder(t *testing.T) {
	for name := range userAttrTypes {
		if _, ok := userFieldEncoders[name]; !ok {
			t.Errorf("user attribute %s has no encoder", name)
		}
	}
	if len(userFieldEncoders) != len(userAttrTypes) {
		t.Errorf("%d encoders for %d attributes", len(userFieldEncoders), len(userAttrTypes))
	}
}

// usersStateType is a data source type with arguments of each kind and the
// computed attributes of flashback_organization_users.
var usersStateType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"roles": tftypes.Set{ElementType: tftypes.String}, "min_role": tftypes.String, "validated": tftypes.Bool,
	"users": tftypes.List{ElementType: userTFType}, "emails": tftypes.List{ElementType: tftypes.String},
	"total": tftypes.Number, "org_id": tftypes.String,
}}

func decodeState(t *testing.T, b []byte) map[string]tftypes.Value {
	t.Helper()
	raw, err := (&tfprotov6.DynamicValue{MsgPack: b}).Unmarshal(usersStateType)
	if err != nil {
		t.Fatalf("the state does not decode as its type: %v", err)
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

func TestEncodeUsersStateKeepsArgumentsOrderAndEmails(t *testing.T) {
	roles := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "OWNER")})
	config := tftypes.NewValue(usersStateType, map[string]tftypes.Value{
		"roles": roles, "min_role": tftypes.NewValue(tftypes.String, nil), "validated": tftypes.NewValue(tftypes.Bool, true),
		"users": tftypes.NewValue(tftypes.List{ElementType: userTFType}, nil), "emails": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil),
		"total": tftypes.NewValue(tftypes.Number, nil), "org_id": tftypes.NewValue(tftypes.String, nil),
	})
	users := []client.User{{ID: fakeapi.Ptr("b"), Email: fakeapi.Ptr("b")}, {ID: fakeapi.Ptr("a"), OrgRoles: client.Codes(0, 254)}}
	b, err := encodeUsersState(config, usersState{users: users, total: 9, orgID: fakeapi.Ptr("org")})
	if err != nil {
		t.Fatal(err)
	}
	got := decodeState(t, b)

	// The arguments are as configured, the configuration itself unchanged.
	if !got["roles"].Equal(roles) || !got["validated"].Equal(tftypes.NewValue(tftypes.Bool, true)) || !got["min_role"].IsNull() {
		t.Errorf("arguments = %v %v %v, want them as configured", got["roles"], got["validated"], got["min_role"])
	}
	if !got["total"].Equal(tftypes.NewValue(tftypes.Number, 9)) || !got["org_id"].Equal(tftypes.NewValue(tftypes.String, "org")) {
		t.Errorf("total, org_id = %v, %v; want 9, org", got["total"], got["org_id"])
	}
	var objects, emails []tftypes.Value
	if err := got["users"].As(&objects); err != nil || len(objects) != 2 {
		t.Fatalf("users = %v (%v), want 2 objects", got["users"], err)
	}
	if err := got["emails"].As(&emails); err != nil || len(emails) != 2 {
		t.Fatalf("emails = %v (%v), want 2", got["emails"], err)
	}
	var first, second map[string]tftypes.Value
	_ = objects[0].As(&first)
	_ = objects[1].As(&second)
	if !first["id"].Equal(tftypes.NewValue(tftypes.String, "b")) || !second["id"].Equal(tftypes.NewValue(tftypes.String, "a")) {
		t.Errorf("user ids = %v, %v; want the input order kept", first["id"], second["id"])
	}
	if !emails[0].Equal(tftypes.NewValue(tftypes.String, "b")) || !emails[1].IsNull() {
		t.Errorf("emails = %v, want [\"b\", null]", emails)
	}
	wantRoles := tftypes.NewValue(tftypes.List{ElementType: tftypes.Number}, []tftypes.Value{tftypes.NewValue(tftypes.Number, 0), tftypes.NewValue(tftypes.Number, 254)})
	if !second["org_roles"].Equal(wantRoles) || !first["org_roles"].Equal(tftypes.NewValue(tftypes.List{ElementType: tftypes.Number}, []tftypes.Value{})) {
		t.Errorf("org_roles = %v, %v; want [] and [0, 254]", first["org_roles"], second["org_roles"])
	}
}

func TestEncodeUsersStateRefusesANonObject(t *testing.T) {
	if _, err := encodeUsersState(tftypes.NewValue(tftypes.String, "x"), usersState{}); err == nil {
		t.Error("a string configuration was accepted")
	}
}

func TestTotalWarning(t *testing.T) {
	var diags diag.Diagnostics
	addTotalWarning(&diags, client.NewUserList(make([]client.User, 2), 2))
	if len(diags) != 0 {
		t.Fatalf("a complete list got diagnostics: %v", diags)
	}
	addTotalWarning(&diags, client.NewUserList(make([]client.User, 2), 5))
	if len(diags.Warnings()) != 1 || diags.HasError() {
		t.Fatalf("want one warning, got %v", diags)
	}
	if d := diags.Warnings()[0].Detail(); !contains(d, "total of 5", "returned 2") {
		t.Errorf("warning detail %q does not give both counts", d)
	}
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
