package organization_test

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccOrganizationUsers_filterNulls: each filter keeps or leaves out a
// user whose value is null as a search for a violation needs
// (client.NullRule). The answer (acctest.NullAnswer) holds a user with a
// null role and a null validated flag, an OWNER with a null flag, a
// validated ADMINISTRATOR, and an unvalidated USER without an id.
func TestAccOrganizationUsers_filterNulls(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, nil)
	fake.Always(fakeapi.Reply{Status: http.StatusOK, Body: acctest.NullAnswer()})
	config := acctest.ProviderBlock(url) + `
data "flashback_organization_users" "unvalidated" { validated = false }
data "flashback_organization_users" "validated" { validated = true }
data "flashback_organization_users" "admins" { min_role = "ADMINISTRATOR" }
data "flashback_organization_users" "owners" { roles = ["OWNER"] }

output "kept" {
  value = {
    for name, d in {
      unvalidated = data.flashback_organization_users.unvalidated,
      validated   = data.flashback_organization_users.validated,
      admins      = data.flashback_organization_users.admins,
      owners      = data.flashback_organization_users.owners,
    } : name => sort([for u in d.users : coalesce(u.id, "no-id")])
  }
}
`
	ids := func(ids ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(ids))
		for i, id := range ids {
			checks[i] = knownvalue.StringExact(id)
		}
		return knownvalue.ListExact(checks)
	}
	const nullRole = "a1b2c3d4-0002-4000-8000-000000000002"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("kept", knownvalue.MapExact(map[string]knownvalue.Check{
					// A null flag counts as not validated.
					"unvalidated": ids(nullRole, "nameless-owner", "no-id"),
					"validated":   ids("ada"),
					// A null role may be a privileged one: min_role keeps it.
					"admins": ids(nullRole, "ada", "nameless-owner"),
					// A count of a role counts only users known to hold it.
					"owners": ids("nameless-owner"),
				})),
			},
		}},
	})
}
