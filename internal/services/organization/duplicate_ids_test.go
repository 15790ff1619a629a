package organization_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// One account listed twice is a malformed answer wherever the list is
// read: counted twice, it made two OWNERs of one, so that the min-owners
// policy passed and the last-OWNER guard let the only OWNER go.

// withOwnerTwice is the policy organization with one active OWNER, ada,
// whom the API lists twice, under the same id.
func withOwnerTwice() []fakeapi.User {
	var users []fakeapi.User
	for _, u := range acctest.PolicyOrg() {
		if *u.ID != "grace" {
			users = append(users, u)
		}
	}
	return append(users, users[0])
}

// duplicateError is the error of a list that names ada twice.
var duplicateError = acctest.ErrorLike("Unexpected response from the Flashback API", `have the same id “ada”`, "count one account twice")

// TestAccDuplicateIDs_dataSources: both data sources refuse the answer.
func TestAccDuplicateIDs_dataSources(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, withOwnerTwice())
	for name, block := range map[string]string{
		"users": `data "flashback_organization_users" "all" {}`,
		"user":  `data "flashback_organization_user" "alan" { email = "` + acctest.Email("alan", "example.com") + `" }`,
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: acctest.ProviderBlock(url) + block, ExpectError: duplicateError}},
			})
		})
	}
}

// TestAccDuplicateIDs_minOwnersPolicy: the min-owners example no longer
// passes on one OWNER listed twice.
func TestAccDuplicateIDs_minOwnersPolicy(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, withOwnerTwice())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(url) + acctest.PolicyFile(t, "min-owners"),
			ExpectError: duplicateError,
		}},
	})
}

// TestAccDuplicateIDs_listResource: a query refuses the answer.
func TestAccDuplicateIDs_listResource(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, withOwnerTwice())
	c := acctest.QueryTest(t, url, listBlock("members"))
	c.Steps[0].ExpectError = duplicateError
	resource.Test(t, c)
}

// TestAccDuplicateIDs_lastOwnerGuard: the only OWNER, listed twice by an
// API that does not itself keep the last OWNER, is not destroyed: the
// guard's read refuses the answer, and no DELETE is sent.
func TestAccDuplicateIDs_lastOwnerGuard(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, withoutOwners())
	fake.SetLastOwnerRule(false)
	address := acctest.Email("solo", "example.com")
	owner := acctest.ProviderBlock(url) + member(address, `role = "OWNER"`)
	listTwice := func() {
		users := fake.Users()
		for _, u := range users {
			if u.Email != nil && *u.Email == address {
				users = append(users, u)
			}
		}
		body, err := json.Marshal(map[string]any{"success": true, "data": users, "total": len(users)})
		if err != nil {
			t.Fatal(err)
		}
		fake.Always(fakeapi.Reply{Method: http.MethodGet, Path: "/organization/users", Status: http.StatusOK, Body: string(body)})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: owner},
			{PreConfig: listTwice, Config: owner, Destroy: true, ExpectError: acctest.ErrorLike("have the same id")},
			{
				// The list as the organization has it again, and another
				// OWNER, so that the test's own destroy may go.
				PreConfig: func() {
					fake.Always(fakeapi.Reply{Method: "none"})
					addOwner(t, fake)()
				},
				Config: owner,
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					if u := fakeUser(t, fake, address); u.DeletedAt != nil {
						return fmt.Errorf("the only OWNER was deleted: %+v", u)
					}
					if n := len(fake.CallsTo(http.MethodDelete, "/organization/users/"+*fakeUser(t, fake, address).ID)); n != 0 {
						return fmt.Errorf("%d DELETEs sent", n)
					}
					return nil
				})},
			},
		},
	})
}
