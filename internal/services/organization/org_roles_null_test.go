package organization_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccOrganizationUsers_nullInsideOrgRoles: a null inside orgRoles is
// null in state, in the list and in the lookup, never a role code made up.
func TestAccOrganizationUsers_nullInsideOrgRoles(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, nil)
	fake.Always(fakeapi.Reply{Body: `{"data": [{"id": "u1", "email": "a@example.com", "orgRoles": [0, null, 2]}], "total": 1}`})
	want := knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(0), knownvalue.Null(), knownvalue.Int64Exact(2)})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `
data "flashback_organization_users" "all" {}
data "flashback_organization_user" "one" {
  id = "u1"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.flashback_organization_users.all",
					tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("org_roles"), want),
				statecheck.ExpectKnownValue("data.flashback_organization_user.one", tfjsonpath.New("org_roles"), want),
			},
		}},
	})
}
