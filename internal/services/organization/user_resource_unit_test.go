package organization

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

func resourceSchemaOf(t *testing.T) resource.SchemaResponse {
	t.Helper()
	var resp resource.SchemaResponse
	NewOrganizationUserResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp
}

// TestUserResourceValuesFillTheSchema: the mapping gives every attribute of
// the resource's schema a value of its type, and every computed one is set
// from an answer with every field: an attribute added to the schema and
// not mapped fails here.
func TestUserResourceValuesFillTheSchema(t *testing.T) {
	complete := &client.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), Name: fakeapi.Ptr("Ada"), LastName: fakeapi.Ptr("Lovelace"),
		OrgID: fakeapi.Ptr("org"), OrgRole: fakeapi.Ptr(client.RoleOwner), Validated: fakeapi.Ptr(true), DeletedAt: fakeapi.Ptr("2026-01-01T00:00:00Z"),
		OrgRoleDescription: fakeapi.Ptr("Owner"), OrgRoles: codes(0, 255),
	}
	s := resourceSchemaOf(t).Schema
	values := userResourceValues(complete, userArgs{})
	if len(values) != len(s.Attributes) {
		t.Errorf("the mapping gives %d values, the schema has %d attributes", len(values), len(s.Attributes))
	}
	obj, ok := s.Type().(types.ObjectType)
	if !ok {
		t.Fatalf("the schema's type is a %T", s.Type())
	}
	if _, d := types.ObjectValue(obj.AttrTypes, values); d.HasError() {
		t.Fatalf("the values do not fit the schema: %v", d)
	}
	for name, a := range s.Attributes {
		if a.IsComputed() && values[name].IsNull() {
			t.Errorf("computed %s is null after mapping a complete user", name)
		}
	}
	if values["role"] != types.StringValue("OWNER") || values["send_invite"] != types.BoolValue(true) || !values["password_wo"].IsNull() {
		t.Errorf("role, send_invite, password_wo = %v, %v, %v", values["role"], values["send_invite"], values["password_wo"])
	}
}

func TestUserResourceValuesKeepWhatTheAPIDoesNotTell(t *testing.T) {
	u := &client.User{ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), OrgRole: fakeapi.Ptr[int64](7)}
	prior := userArgs{Email: types.StringValue(email("Ada", "Example.com")), SendInvite: types.BoolValue(false)}
	values := userResourceValues(u, prior)
	if values["email"] != prior.Email {
		t.Errorf("email = %v, want the spelling written, which compares equal", values["email"])
	}
	if values["send_invite"] != types.BoolValue(false) {
		t.Errorf("send_invite = %v, want the value held", values["send_invite"])
	}
	if values["role"] != types.StringValue(client.UnknownRoleName) {
		t.Errorf("role = %v for an undocumented code", values["role"])
	}
	prior.Email = types.StringValue(email("grace", "example.com"))
	if values = userResourceValues(u, prior); values["email"] != types.StringValue(email("ada", "example.com")) {
		t.Errorf("email = %v, want the API's when it differs", values["email"])
	}
	if values = userResourceValues(&client.User{ID: fakeapi.Ptr("u1")}, userArgs{}); !values["role"].IsNull() {
		t.Errorf("role = %v without a role code, want null", values["role"])
	}
}
