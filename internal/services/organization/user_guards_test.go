package organization_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// withoutOwners is the sample organization without its OWNERs: the fake's
// token then belongs to an OWNER outside the list, so that the only
// listed OWNER can be one the test creates.
func withoutOwners() []fakeapi.User {
	var users []fakeapi.User
	for _, u := range fakeapi.SampleUsers() {
		if *u.OrgRole != fakeapi.RoleOwner {
			users = append(users, u)
		}
	}
	return users
}

// addOwner adds an active OWNER to the fake outside Terraform.
func addOwner(t *testing.T, fake *fakeapi.Server) func() {
	return func() {
		u := fakeapi.User{ID: fakeapi.Ptr("added-owner"), Email: fakeapi.Ptr(acctest.Email("new.owner", "example.com")),
			Name: fakeapi.Ptr("New"), LastName: fakeapi.Ptr("Owner"), OrgID: fakeapi.Ptr(fakeapi.SampleOrgID), Validated: fakeapi.Ptr(true)}
		fakeapi.WithRole(&u, fakeapi.RoleOwner)
		if err := fake.AddUser(u); err != nil {
			t.Fatal(err)
		}
	}
}

// noWritesTo checks that the fake received no PUT or DELETE for the user
// with that email: the provider refused before calling the API.
func noWritesTo(t *testing.T, fake *fakeapi.Server, address string) statecheck.StateCheck {
	return acctest.FakeCheck(func() error {
		path := "/organization/users/" + *fakeUser(t, fake, address).ID
		if calls := append(fake.CallsTo(http.MethodPut, path), fake.CallsTo(http.MethodDelete, path)...); len(calls) != 0 {
			return fmt.Errorf("%d writes reached the API for %s, the first %s %s", len(calls), address, calls[0].Method, calls[0].Body)
		}
		return nil
	})
}

// lastOwnerError is the error of the last-OWNER guard: of the plan
// (ModifyPlan, which Terraform also runs during an apply, just before each
// change) or of Delete.
func lastOwnerError(inDelete bool, doing string) *regexp.Regexp {
	refused := "the provider refuses the change before calling the API"
	if inDelete {
		refused = "the provider stops before calling the API"
	}
	return acctest.ErrorLike("Cannot remove the organization's last OWNER", "is the only active OWNER", "this change would "+doing,
		refused, "Make another user an OWNER first")
}

// TestAccOrganizationUserResource_lastOwnerAtPlan: demoting or destroying
// the only active OWNER fails at plan time, before any call to change it.
func TestAccOrganizationUserResource_lastOwnerAtPlan(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, withoutOwners())
	address := acctest.Email("solo", "example.com")
	owner := acctest.ProviderBlock(url) + member(address, `role = "OWNER"`)
	demoted := acctest.ProviderBlock(url) + member(address, `role = "ADMINISTRATOR"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: owner},
			{Config: demoted, PlanOnly: true, ExpectError: lastOwnerError(false, "demote it to ADMINISTRATOR")},
			{Config: owner, Destroy: true, ExpectError: lastOwnerError(false, "destroy it")},
			{Config: owner, ConfigStateChecks: []statecheck.StateCheck{noWritesTo(t, fake, address)}},
			{
				// With another OWNER, the demotion goes through.
				PreConfig: addOwner(t, fake),
				Config:    demoted,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkMember("org_role", knownvalue.Int64Exact(254))},
			},
		},
	})
}

// TestAccOrganizationUserResource_lastOwnerAtApply: two OWNERs destroyed in
// one run each pass the plan's check, as the other is still an OWNER
// then; at apply, the second is refused, from a fresh read of the list,
// before its delete is sent.
func TestAccOrganizationUserResource_lastOwnerAtApply(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, withoutOwners())
	first, second := acctest.Email("first.owner", "example.com"), acctest.Email("second.owner", "example.com")
	firstOwner := acctest.ProviderBlock(url) + fmt.Sprintf(`
resource "flashback_organization_user" "member" {
  email     = %q
  name      = "First"
  last_name = "Owner"
  role      = "OWNER"
}
`, first)
	both := firstOwner + fmt.Sprintf(`
resource "flashback_organization_user" "second" {
  email      = %q
  name       = "Second"
  last_name  = "Owner"
  role       = "OWNER"
  # Destroyed before the first one.
  depends_on = [flashback_organization_user.member]
}
`, second)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: both},
			{Config: both, Destroy: true, ExpectError: lastOwnerError(true, "destroy it")},
			{
				PreConfig: addOwner(t, fake),
				Config:    firstOwner,
				ConfigStateChecks: []statecheck.StateCheck{
					noWritesTo(t, fake, first),
					acctest.FakeCheck(func() error {
						if u := fakeUser(t, fake, second); u.DeletedAt == nil {
							return fmt.Errorf("the second OWNER was not destroyed: %+v", u)
						}
						return nil
					}),
				},
			},
		},
	})
}

// TestAccOrganizationUserResource_roleAboveCaller: a WORKSPACES caller may
// not grant ADMINISTRATOR, on create or on update; the error names both
// roles.
func TestAccOrganizationUserResource_roleAboveCaller(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	if err := fake.SetCaller(fakeapi.SampleWorkspacesID); err != nil {
		t.Fatal(err)
	}
	refused := acctest.ErrorLike("Not allowed to grant the role ADMINISTRATOR", acctest.Email("katherine", "example.com")+", whose role is WORKSPACES",
		"Choose a role at or below WORKSPACES")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderBlock(url) + member(acctest.Email("barbara", "example.com"), `role = "ADMINISTRATOR"`), ExpectError: refused},
			{Config: acctest.ProviderBlock(url) + member(acctest.Email("barbara", "example.com"), `role = "BILLING"`)},
			{Config: acctest.ProviderBlock(url) + member(acctest.Email("barbara", "example.com"), `role = "ADMINISTRATOR"`), ExpectError: refused},
		},
	})
}

// TestAccOrganizationUserResource_cannotDeleteSelf: destroying the token's
// own user fails with the API's refusal, said in words.
func TestAccOrganizationUserResource_cannotDeleteSelf(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	ada := acctest.Email("ada", "example.com")
	config := acctest.ProviderBlock(url) + fmt.Sprintf(`
import {
  to = flashback_organization_user.member
  id = %q
}

resource "flashback_organization_user" "member" {
  email     = %q
  name      = "Ada"
  last_name = "Lovelace"
  role      = "OWNER"
}
`, ada, ada)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{checkMember("id", knownvalue.StringExact(acctest.AdaID))}},
			{
				Config: config, Destroy: true,
				ExpectError: acctest.ErrorLike("Cannot delete the access token's own user", ada, "Cannot delete yourself"),
			},
			{
				// Another caller may delete Ada: the test's final destroy.
				PreConfig: func() {
					if err := fake.SetCaller(acctest.GraceID); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
			},
		},
	})
}

// TestAccOrganizationUserResource_activeEmail: creating a user whose email
// an active user has fails, and says how to import it. The create is sent
// first (no list read before it) and the API refuses it.
func TestAccOrganizationUserResource_activeEmail(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + member(acctest.Email("Edsger", "example.com")),
			ExpectError: acctest.ErrorLike("Flashback user already exists", "import {", `id = "`+fakeapi.SampleUserID+`"`,
				"terraform import flashback_organization_user.NAME "+fakeapi.SampleUserID),
		}},
	})
	// One create, which the API refused (409); then one read of the list.
	if n := len(fake.CallsTo(http.MethodPost, "/organization/users")); n != 1 || len(fake.Users()) != len(fakeapi.SampleUsers()) {
		t.Errorf("%d creates reached the API, and the organization has %d users; want 1 refused", n, len(fake.Users()))
	}
}

// TestAccOrganizationUserResource_lastOwnerDemotedAtApply: two OWNERs
// demoted in one run each pass the plan's check; at apply, Terraform plans
// the second demotion again after the first, and the check refuses it
// before its update is sent.
func TestAccOrganizationUserResource_lastOwnerDemotedAtApply(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, withoutOwners())
	first, second := acctest.Email("first.owner", "example.com"), acctest.Email("second.owner", "example.com")
	owners := func(role string) string {
		return acctest.ProviderBlock(url) + fmt.Sprintf(`
resource "flashback_organization_user" "member" {
  email     = %q
  name      = "First"
  last_name = "Owner"
  role      = %q
}

resource "flashback_organization_user" "second" {
  email      = %q
  name       = "Second"
  last_name  = "Owner"
  role       = %q
  # Updated after the first one.
  depends_on = [flashback_organization_user.member]
}
`, first, role, second, role)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: owners("OWNER")},
			{Config: owners("ADMINISTRATOR"), ExpectError: lastOwnerError(false, "demote it to ADMINISTRATOR")},
			{
				PreConfig: func() {
					if n := len(fake.CallsTo(http.MethodPut, "/organization/users/"+*fakeUser(t, fake, second).ID)); n != 0 {
						t.Errorf("%d updates of the last OWNER reached the API", n)
					}
					if u := fakeUser(t, fake, first); *u.OrgRole != fakeapi.RoleAdministrator {
						t.Errorf("the first OWNER was not demoted: %+v", u)
					}
					addOwner(t, fake)()
				},
				Config: owners("ADMINISTRATOR"),
			},
		},
	})
}
