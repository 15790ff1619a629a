package organization

import (
	"context"
	"maps"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestOrganizationUserSchemaIsOneUser shows that the single-user data source
// has exactly the fields of an element of flashback_organization_users.users,
// with the same types, and that only id and email of them can be set, besides
// allow_incomplete.
func TestOrganizationUserSchemaIsOneUser(t *testing.T) {
	var resp datasource.SchemaResponse
	NewOrganizationUserDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	attrs := maps.Clone(resp.Schema.Attributes)
	// allow_incomplete is the one argument besides the user's fields.
	if a, ok := attrs[allowIncompleteName]; !ok || !a.IsOptional() || a.IsComputed() || !a.GetType().Equal(types.BoolType) {
		t.Errorf("%s = %v, want an optional bool argument", allowIncompleteName, a)
	}
	delete(attrs, allowIncompleteName)
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
}
