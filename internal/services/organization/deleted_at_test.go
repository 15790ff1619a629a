package organization_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// A deletedAt that is not a date-time, such as "", used to count as
// deleted: the resource left the state and the user dropped out of the
// data sources. It is a malformed answer, naming the user.

// TestAccDeletedAtNotATimestamp_dataSources: both data sources fail,
// naming the user.
func TestAccDeletedAtNotATimestamp_dataSources(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, nil)
	fake.Always(fakeapi.Reply{Status: http.StatusOK, Body: `{"success": true, "total": 2, "data": [
		{"id": "u1", "email": "a@example.com", "orgRole": 255, "deletedAt": null},
		{"id": "u2", "email": "b@example.com", "orgRole": 255, "deletedAt": ""}]}`})
	for name, block := range map[string]string{
		"users": `data "flashback_organization_users" "all" {}`,
		"user":  `data "flashback_organization_user" "b" { email = "b@example.com" }`,
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{Config: acctest.ProviderBlock(url) + block,
					ExpectError: acctest.ErrorLike("Unexpected response", `data[1] (the user with id “u2”): deletedAt is “”`, "RFC 3339")}},
			})
		})
	}
}

// TestAccDeletedAtNotATimestamp_resource: a refresh that reads deletedAt
// "" fails, and the user stays in the state.
func TestAccDeletedAtNotATimestamp_resource(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	config := acctest.ProviderBlock(url) + member(address)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					id := *fakeUser(t, fake, address).ID
					fake.Always(fakeapi.Reply{Method: http.MethodGet, Path: "/organization/users/" + id, Status: http.StatusOK,
						Body: fmt.Sprintf(`{"id": %q, "email": %q, "name": "Barbara", "lastName": "Liskov", "orgRole": 0, "deletedAt": ""}`, id, address)})
				},
				Config:      config,
				ExpectError: acctest.ErrorLike("Unexpected response", "the user with id", `has deletedAt “”`, "cannot tell whether the user is deleted"),
			},
			{
				PreConfig: func() { fake.Always(fakeapi.Reply{Method: "none"}) },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("email"), knownvalue.StringExact(address)),
				},
			},
		},
	})
}
