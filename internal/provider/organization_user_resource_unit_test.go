package provider

import (
	"context"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
		OrgRoleDescription: fakeapi.Ptr("Owner"), OrgRoles: client.Codes(0, 255),
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

// TestDeleteOfAUserAlreadyGoneSucceeds destroys, over the protocol as
// Terraform does after a plan, users that are gone by then: one the API no
// longer has (404) and one deleted since (the API's 400); both are done.
// An active user is deleted, and stays, with deletedAt set.
func TestDeleteOfAUserAlreadyGoneSucceeds(t *testing.T) {
	fake, url := startFakeAPI(t, fakeapi.SampleUsers())
	h := newProtoHarness(t, servedProvider(t))
	h.configure(t, url)
	typ := h.schemas.ResourceSchemas["flashback_organization_user"].ValueType()
	for _, id := range []string{"no-such-user", fakeapi.SampleDeletedID, fakeapi.SampleUserID} {
		prior := dynamicValue(t, typ, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, id), "role": tftypes.NewValue(tftypes.String, "USER"),
		})
		null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		if err != nil {
			t.Fatal(err)
		}
		planned := &null
		resp, err := h.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "flashback_organization_user", PriorState: prior, PlannedState: planned, Config: planned,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) > 0 {
			t.Errorf("destroying %s:%s", id, diagnosticsText(resp.Diagnostics))
		}
	}
	if u, ok := fake.User(fakeapi.SampleUserID); !ok || u.DeletedAt == nil {
		t.Errorf("the active user after its destroy: %+v", u)
	}
	if n := len(fake.CallsTo(http.MethodDelete, "/organization/users/"+fakeapi.SampleDeletedID)); n != 1 {
		t.Errorf("%d deletes of the deleted user, want 1: the test must reach the API's refusal", n)
	}
}
