package provider

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestOrganizationUserSchemaIsOneUser shows that the single-user data source
// has exactly the fields of an element of flashback_organization_users.users,
// with the same types, and that only id and email can be set.
func TestOrganizationUserSchemaIsOneUser(t *testing.T) {
	var resp datasource.SchemaResponse
	NewOrganizationUserDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	attrs := resp.Schema.Attributes
	if got, want := sortedKeys(attrs), sortedKeys(userAttrTypes); !reflect.DeepEqual(got, want) {
		t.Fatalf("attributes = %v, want those of a users element, %v", got, want)
	}
	for name, a := range attrs {
		if !a.GetType().Equal(userAttrTypes[name]) {
			t.Errorf("%s has type %s, want %s", name, a.GetType(), userAttrTypes[name])
		}
		argument := name == "id" || name == "email"
		if !a.IsComputed() || a.IsOptional() != argument || a.IsRequired() {
			t.Errorf("%s: computed=%v optional=%v required=%v; want computed, and optional only for id and email",
				name, a.IsComputed(), a.IsOptional(), a.IsRequired())
		}
	}

	// The model's tfsdk tags are the schema's attributes.
	var tags []string
	model := reflect.TypeOf(OrganizationUserDataSourceModel{})
	for i := range model.NumField() {
		tags = append(tags, model.Field(i).Tag.Get("tfsdk"))
	}
	sort.Strings(tags)
	if want := sortedKeys(attrs); !reflect.DeepEqual(tags, want) {
		t.Errorf("model tags = %v, want the schema's attributes %v", tags, want)
	}
}

func TestUserModelFromAPI(t *testing.T) {
	ctx := context.Background()
	u := client.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(email("ada", "example.com")), Name: fakeapi.Ptr("Ada"),
		OrgRole: fakeapi.Ptr(client.RoleAdministrator), OrgRoles: client.Codes(0, 254), DeletedAt: fakeapi.Ptr("2026-01-02T03:04:05Z"),
	}
	m, diags := userModelFromAPI(ctx, &u)
	if diags.HasError() {
		t.Fatalf("userModelFromAPI: %v", diags)
	}
	want := OrganizationUserDataSourceModel{
		ID: types.StringValue("u1"), Email: types.StringValue(email("ada", "example.com")), Name: types.StringValue("Ada"),
		LastName: types.StringNull(), OrgID: types.StringNull(), OrgRole: types.Int64Value(254),
		OrgRoleName: types.StringValue("ADMINISTRATOR"), OrgRoleDescription: types.StringNull(),
		OrgRoles:  types.ListValueMust(types.Int64Type, []attr.Value{types.Int64Value(0), types.Int64Value(254)}),
		Validated: types.BoolNull(), DeletedAt: types.StringValue("2026-01-02T03:04:05Z"),
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("userModelFromAPI =\n  %+v\nwant\n  %+v", m, want)
	}
}
