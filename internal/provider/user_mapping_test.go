package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

func TestUsersFromAPIKeepsOrderAndEmails(t *testing.T) {
	users := []client.User{{ID: fakeapi.Ptr("b"), Email: fakeapi.Ptr("b")}, {ID: fakeapi.Ptr("a")}}
	list, emails := usersFromAPI(users)
	if len(list.Elements()) != 2 || len(emails.Elements()) != 2 {
		t.Fatalf("got %d users and %d emails, want 2 and 2", len(list.Elements()), len(emails.Elements()))
	}
	first := list.Elements()[0].(types.Object).Attributes()["id"]
	if !first.Equal(types.StringValue("b")) {
		t.Errorf("first user id = %v, want the input order kept", first)
	}
	if !emails.Elements()[0].Equal(types.StringValue("b")) || !emails.Elements()[1].IsNull() {
		t.Errorf("emails = %v, want [\"b\", null]", emails)
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
