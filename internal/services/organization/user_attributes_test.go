package organization

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// everyField is a user with every field the API sends present.
func everyField() client.User {
	return client.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), Name: fakeapi.Ptr("Ada"),
		LastName: fakeapi.Ptr("Lovelace"), OrgID: fakeapi.Ptr("org"), OrgRole: fakeapi.Ptr[int64](255),
		Validated: fakeapi.Ptr(false), DeletedAt: fakeapi.Ptr("2026-01-02T03:04:05Z"),
		OrgRoleDescription: fakeapi.Ptr("Owner (legacy)"), OrgRoles: codes(0, 255),
	}
}

func TestUserValuesFull(t *testing.T) {
	u := everyField()
	assertValues(t, userValues(&u), map[string]attr.Value{
		"id": types.StringValue("u1"), "email": types.StringValue(email("ada", "example.com")),
		"name": types.StringValue("Ada"), "last_name": types.StringValue("Lovelace"), "org_id": types.StringValue("org"),
		"org_role": types.Int64Value(255), "org_role_name": types.StringValue("OWNER"),
		"org_role_description": types.StringValue("Owner (legacy)"),
		"org_roles":            types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(0), types.Int64Value(255)}),
		"validated":            types.BoolValue(false), "deleted_at": types.StringValue("2026-01-02T03:04:05Z"),
	})
}

func TestUserValuesNulls(t *testing.T) {
	assertValues(t, userValues(&client.User{OrgRole: fakeapi.Ptr[int64](9)}), map[string]attr.Value{
		"id": types.StringNull(), "email": types.StringNull(), "name": types.StringNull(), "last_name": types.StringNull(),
		"org_id": types.StringNull(), "org_role": types.Int64Value(9), "org_role_name": types.StringValue("UNKNOWN"),
		"org_role_description": types.StringNull(),
		"org_roles":            types.ListValueMust(types.Int64Type, []attr.Value{}),
		"validated":            types.BoolNull(), "deleted_at": types.StringNull(),
	})
	if got := userValues(&client.User{})["org_role_name"]; !got.IsNull() {
		t.Errorf("org_role_name without a role = %v, want null", got)
	}
}

// assertValues compares every attribute; want names each one.
func assertValues(t *testing.T, got, want map[string]attr.Value) {
	t.Helper()
	if len(got) != len(want) || len(got) != len(userAttributeTable) {
		t.Errorf("got %d attributes, want %d; the table has %d", len(got), len(want), len(userAttributeTable))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !g.Equal(w) {
			t.Errorf("%s = %v, want %v", name, g, w)
		}
	}
}

// TestUserTableDerivations shows that the schema attributes, the object
// type and the values all come from the table, each attribute with its
// description and its type.
func TestUserTableDerivations(t *testing.T) {
	attrs := userDataSourceAttributes()
	u := everyField()
	values := userValues(&u)
	if len(attrs) != len(userAttributeTable) || len(userAttrTypes) != len(userAttributeTable) {
		t.Fatalf("%d schema attributes and %d types for %d table entries", len(attrs), len(userAttrTypes), len(userAttributeTable))
	}
	for _, a := range userAttributeTable {
		s := attrs[a.name]
		if s == nil || !s.IsComputed() || s.GetMarkdownDescription() != a.description || a.description == "" {
			t.Errorf("%s: schema attribute %v does not carry the table's description, computed", a.name, s)
			continue
		}
		if !s.GetType().Equal(userAttrTypes[a.name]) || !values[a.name].Type(context.Background()).Equal(userAttrTypes[a.name]) {
			t.Errorf("%s: schema type %s, value type %s, object type %s", a.name, s.GetType(), values[a.name].Type(context.Background()), userAttrTypes[a.name])
		}
	}
}

// TestUserEncoderRefusesWhatTheTableDoesNotKnow: an object type with an
// attribute the table does not define, or with another type, cannot be
// encoded, so that no attribute is ever written as a silent null.
func TestUserEncoderRefusesWhatTheTableDoesNotKnow(t *testing.T) {
	if _, err := newUserEncoder(userTFType); err != nil {
		t.Fatalf("the table's own type: %v", err)
	}
	extra := map[string]tftypes.Type{"nickname": tftypes.String}
	retyped := map[string]tftypes.Type{"org_role": tftypes.String}
	for name, changed := range map[string]map[string]tftypes.Type{"an unknown attribute": extra, "another type": retyped} {
		obj := tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
		for k, v := range userObjectTFType(t).AttributeTypes {
			obj.AttributeTypes[k] = v
		}
		for k, v := range changed {
			obj.AttributeTypes[k] = v
		}
		if _, err := newUserEncoder(obj); err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
	if _, err := newUserEncoder(tftypes.String); err == nil {
		t.Error("a string was accepted as a user object")
	}
}

func userObjectTFType(t *testing.T) tftypes.Object {
	t.Helper()
	obj, ok := userTFType.(tftypes.Object)
	if !ok {
		t.Fatalf("a user is a %s, not an object", userTFType)
	}
	return obj
}

// TestEncodeUsersStateRefusesAComputedAttributeWithoutWriter: a computed
// attribute added to the schema, with no writer, fails the read instead of
// being stored as null.
func TestEncodeUsersStateRefusesAComputedAttributeWithoutWriter(t *testing.T) {
	var resp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	resp.Schema.Attributes["active_count"] = schema.Int64Attribute{Computed: true, MarkdownDescription: "added"}
	config := tfsdk.Config{Schema: resp.Schema, Raw: nullObject(resp.Schema.Type().TerraformType(context.Background()))}
	_, err := encodeUsersState(config, usersState{})
	if err == nil || !strings.Contains(err.Error(), "active_count") {
		t.Errorf("encodeUsersState = %v, want an error naming active_count", err)
	}
}

// TestEncodeUsersStateKeepsArgumentsAndOrder: the arguments keep their
// configured values, and the users their order.
func TestEncodeUsersStateKeepsArgumentsAndOrder(t *testing.T) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	typ := resp.Schema.Type().TerraformType(ctx)
	roles := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "OWNER")})
	vals := nullAttributes(typ)
	vals["roles"], vals["validated"] = roles, tftypes.NewValue(tftypes.Bool, true)
	users := []client.User{{ID: fakeapi.Ptr("b"), Email: fakeapi.Ptr("b")}, {ID: fakeapi.Ptr("a")}}
	b, err := encodeUsersState(tfsdk.Config{Schema: resp.Schema, Raw: tftypes.NewValue(typ, vals)}, usersState{users: users, total: 9})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := (&tfprotov6.DynamicValue{MsgPack: b}).Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]tftypes.Value
	if err := raw.As(&got); err != nil {
		t.Fatal(err)
	}
	if !got["roles"].Equal(roles) || !got["validated"].Equal(tftypes.NewValue(tftypes.Bool, true)) || !got["min_role"].IsNull() {
		t.Errorf("arguments = %v %v %v, want them as configured", got["roles"], got["validated"], got["min_role"])
	}
	var objects []tftypes.Value
	var first, second map[string]tftypes.Value
	if err := got["users"].As(&objects); err != nil || len(objects) != 2 || objects[0].As(&first) != nil || objects[1].As(&second) != nil {
		t.Fatalf("users = %v (%v), want 2 objects", got["users"], err)
	}
	if !first["id"].Equal(tftypes.NewValue(tftypes.String, "b")) || !second["id"].Equal(tftypes.NewValue(tftypes.String, "a")) {
		t.Errorf("user ids = %v, %v; want the input order kept", first["id"], second["id"])
	}
}
