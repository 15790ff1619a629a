package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func TestUserAttributesFull(t *testing.T) {
	u := client.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), Name: fakeapi.Ptr("Ada"),
		LastName: fakeapi.Ptr("Lovelace"), OrgID: fakeapi.Ptr("org"), OrgRole: fakeapi.Ptr[int64](255),
		Validated: fakeapi.Ptr(false), DeletedAt: fakeapi.Ptr("2026-01-02T03:04:05Z"),
		OrgRoleDescription: fakeapi.Ptr("Owner (legacy)"), OrgRoles: []int64{0, 255},
	}
	got := userAttributes(&u)
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
	got := userAttributes(&client.User{OrgRole: fakeapi.Ptr[int64](9)})
	want := map[string]attr.Value{
		"id": types.StringNull(), "email": types.StringNull(), "name": types.StringNull(), "last_name": types.StringNull(),
		"org_id": types.StringNull(), "org_role": types.Int64Value(9), "org_role_name": types.StringValue("UNKNOWN"),
		"org_role_description": types.StringNull(),
		"org_roles":            types.ListValueMust(types.Int64Type, []attr.Value{}),
		"validated":            types.BoolNull(), "deleted_at": types.StringNull(),
	}
	assertAttributes(t, got, want)

	if got := userAttributes(&client.User{})["org_role_name"]; !got.IsNull() {
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

func TestUsersTerraformValuesKeepOrderAndEmails(t *testing.T) {
	users := []client.User{{ID: fakeapi.Ptr("b"), Email: fakeapi.Ptr("b")}, {ID: fakeapi.Ptr("a")}}
	list, emails := usersTerraformValues(users)
	var objects, addresses []tftypes.Value
	if err := list.As(&objects); err != nil {
		t.Fatal(err)
	}
	if err := emails.As(&addresses); err != nil {
		t.Fatal(err)
	}
	if len(objects) != 2 || len(addresses) != 2 {
		t.Fatalf("got %d users and %d emails, want 2 and 2", len(objects), len(addresses))
	}
	var first map[string]tftypes.Value
	if err := objects[0].As(&first); err != nil {
		t.Fatal(err)
	}
	if !first["id"].Equal(tftypes.NewValue(tftypes.String, "b")) {
		t.Errorf("first user id = %v, want the input order kept", first["id"])
	}
	if !addresses[0].Equal(tftypes.NewValue(tftypes.String, "b")) || !addresses[1].IsNull() {
		t.Errorf("emails = %v, want [\"b\", null]", addresses)
	}
}

func TestStateFromConfigKeepsArguments(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"min_role": tftypes.String, "total": tftypes.Number}}
	config := tftypes.NewValue(typ, map[string]tftypes.Value{
		"min_role": tftypes.NewValue(tftypes.String, "OWNER"),
		"total":    tftypes.NewValue(tftypes.Number, nil),
	})
	n := int64(3)
	state, err := stateFromConfig(config, map[string]tftypes.Value{"total": tfInt64(&n)})
	if err != nil {
		t.Fatal(err)
	}
	want := tftypes.NewValue(typ, map[string]tftypes.Value{
		"min_role": tftypes.NewValue(tftypes.String, "OWNER"),
		"total":    tftypes.NewValue(tftypes.Number, 3),
	})
	var configTotal map[string]tftypes.Value
	if err := config.As(&configTotal); err != nil || !configTotal["total"].IsNull() {
		t.Errorf("the configuration was changed: total = %v", configTotal["total"])
	}
	if !state.Equal(want) {
		t.Errorf("state = %v, want %v", state, want)
	}
	if _, err := stateFromConfig(config, map[string]tftypes.Value{"total": tftypes.NewValue(tftypes.String, "x")}); err == nil {
		t.Error("a value of the wrong type was accepted")
	}
}

func TestTotalWarning(t *testing.T) {
	var diags diag.Diagnostics
	addTotalWarning(&diags, &client.UserList{Users: make([]client.User, 2), Total: 2})
	if len(diags) != 0 {
		t.Fatalf("a complete list got diagnostics: %v", diags)
	}
	addTotalWarning(&diags, &client.UserList{Users: make([]client.User, 2), Total: 5})
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
