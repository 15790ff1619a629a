package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// TestComputedAttributesSetAfterRead reads every data source the served
// provider declares, from an API answer with every field present, and walks
// its schema: each computed attribute, nested ones included, must be set
// (neither null nor unknown). An attribute added to a schema and never
// filled fails here.
func TestComputedAttributesSetAfterRead(t *testing.T) {
	complete := fakeapi.User{
		ID: fakeapi.Ptr("u1"), Email: fakeapi.Ptr(acctest.Email("ada", "example.com")), Name: fakeapi.Ptr("Ada"),
		LastName: fakeapi.Ptr("Lovelace"), OrgID: fakeapi.Ptr("org-1"), OrgRole: fakeapi.Ptr[int64](255),
		Validated: fakeapi.Ptr(true), DeletedAt: fakeapi.Ptr("2026-01-02T03:04:05Z"),
		OrgRoleDescription: fakeapi.Ptr("Owner"), OrgRoles: []int64{0, 255},
	}
	fake, url := acctest.StartFakeAPI(t, []fakeapi.User{complete})
	fake.SetOrganization(fakeapi.FullOrganization("org-1"))
	// A workspace of the caller (the complete user is deleted, so the token
	// belongs to an unlisted OWNER), with the complete user as a member.
	workspace := fake.AddWorkspace("Research", map[string]string{"u1": "ADMIN", fakeapi.TokenOwnerID: "READ"})
	// The arguments each data source is read with: the deleted user is kept.
	args := map[string]map[string]tftypes.Value{
		organization.UsersTypeName:    {"include_deleted": tftypes.NewValue(tftypes.Bool, true)},
		"flashback_organization_user": {"id": tftypes.NewValue(tftypes.String, "u1")},
		"flashback_organization":      {"id": tftypes.NewValue(tftypes.String, "org-1")},
		"flashback_workspaces":        {},
		"flashback_workspace":         {"id": tftypes.NewValue(tftypes.String, workspace)},
	}
	h := acctest.NewProtoHarness(t, acctest.ServedProvider(t))
	h.Configure(t, url)
	for typeName, s := range h.Schemas.DataSourceSchemas {
		t.Run(typeName, func(t *testing.T) {
			a, ok := args[typeName]
			if !ok {
				t.Fatalf("no arguments to read %s with: add them to this test", typeName)
			}
			resp := h.Read(t, typeName, a)
			if hasError(resp.Diagnostics) {
				t.Fatalf("read:%s", acctest.DiagnosticsText(resp.Diagnostics))
			}
			checked := map[string]bool{}
			walkComputed(t, typeName, s.Block.Attributes, h.State(t, typeName, resp), checked)
			if len(checked) == 0 {
				t.Fatal("the walk checked no computed attribute")
			}
		})
	}
}

// walkComputed checks that each computed attribute of attrs is set in the
// object value, and walks into nested attributes, in every element. It
// records the path of each attribute it checked.
func walkComputed(t *testing.T, prefix string, attrs []*tfprotov6.SchemaAttribute, object tftypes.Value, checked map[string]bool) {
	t.Helper()
	var values map[string]tftypes.Value
	if err := object.As(&values); err != nil {
		t.Fatalf("%s: %v", prefix, err)
	}
	for _, a := range attrs {
		name := prefix + "." + a.Name
		v := values[a.Name]
		if !a.Computed {
			continue
		}
		checked[name] = true
		if v.IsNull() || !v.IsFullyKnown() {
			t.Errorf("%s is computed but not set after a read of a complete answer: %v", name, v)
			continue
		}
		if a.NestedType == nil {
			continue
		}
		var elems []tftypes.Value
		if err := v.As(&elems); err != nil || len(elems) == 0 {
			t.Errorf("%s holds no element to walk (%v)", name, err)
		}
		for _, e := range elems {
			walkComputed(t, name, a.NestedType.Attributes, e, checked)
		}
	}
}
