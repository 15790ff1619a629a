package organization_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// A missing or null total is no proof of a complete list: the reads fail
// closed on it as on a short one, allow_incomplete turns the error into a
// warning, and the last-OWNER guard refuses to act on it.

// withoutTotal makes the fake list its users with no total, or a null one.
func withoutTotal(t *testing.T, fake *fakeapi.Server, null bool) func() {
	return func() {
		answer := map[string]any{"success": true, "data": fake.Users()}
		if null {
			answer["total"] = nil
		}
		body, err := json.Marshal(answer)
		if err != nil {
			t.Fatal(err)
		}
		fake.Always(fakeapi.Reply{Method: http.MethodGet, Path: "/organization/users", Status: http.StatusOK, Body: string(body)})
	}
}

var noTotalError = acctest.ErrorLike("Flashback reported no total of users", "cannot be shown to be complete", "allow_incomplete = true")

// TestAccIncompleteList_noTotal: both data sources, and the min-owners
// policy, which two OWNERs would pass, fail; with allow_incomplete the
// read goes on, and total is null.
func TestAccIncompleteList_noTotal(t *testing.T) {
	for name, null := range map[string]bool{"missing": false, "null": true} {
		t.Run(name, func(t *testing.T) {
			fake, url := acctest.StartFakeAPI(t, acctest.PolicyOrg())
			withoutTotal(t, fake, null)()
			for _, ds := range incompleteDataSources("") {
				resource.Test(t, resource.TestCase{
					ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
					Steps:                    []resource.TestStep{{Config: acctest.ProviderBlock(url) + ds, ExpectError: noTotalError}},
				})
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: acctest.ProviderBlock(url) + acctest.PolicyFile(t, "min-owners"), ExpectError: noTotalError},
					{
						Config: acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" { allow_incomplete = true }`,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data.flashback_organization_users.test", tfjsonpath.New("total"), knownvalue.Null()),
							statecheck.ExpectKnownValue("data.flashback_organization_users.test", tfjsonpath.New("users"), knownvalue.ListSizeExact(5)),
						},
					},
				},
			})
		})
	}
}

// TestAccIncompleteList_noTotalQuery: the list resource fails too.
func TestAccIncompleteList_noTotalQuery(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	withoutTotal(t, fake, false)()
	c := acctest.QueryTest(t, url, listBlock("members"))
	c.Steps[0].ExpectError = noTotalError
	resource.Test(t, c)
}

// TestAccIncompleteList_noTotalGuard: an OWNER is not destroyed on a list
// without a total, though it shows another OWNER.
func TestAccIncompleteList_noTotalGuard(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, withoutOwners())
	fake.SetLastOwnerRule(false)
	address := acctest.Email("solo", "example.com")
	owner := acctest.ProviderBlock(url) + member(address, `role = "OWNER"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: owner},
			{
				PreConfig: func() { addOwner(t, fake)(); withoutTotal(t, fake, false)() },
				Config:    owner, Destroy: true,
				ExpectError: acctest.ErrorLike("Cannot check the last-OWNER rule", "reported no total"),
			},
			{
				PreConfig:         func() { fake.Always(fakeapi.Reply{Method: "none"}) },
				Config:            owner,
				ConfigStateChecks: []statecheck.StateCheck{noWritesTo(t, fake, address)},
			},
		},
	})
}
