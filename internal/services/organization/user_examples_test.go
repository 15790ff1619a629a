package organization_test

import (
	"fmt"
	"testing"

	tfconfig "github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The documentation's examples, read from the files themselves, applied to
// the fake organization: examples/resources/flashback_organization_user
// and examples/membership.

const (
	resourceExamples = "resources/flashback_organization_user/"
	// barbaraID is the id that the import examples name.
	barbaraID = "8f14e45f-ceea-4e7a-9b1c-0c3b7a1d2e55"
)

// withBarbara is the sample organization with the user that the import
// examples adopt, as resource.tf declares her.
func withBarbara(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	u := fakeapi.User{ID: fakeapi.Ptr(barbaraID), Email: fakeapi.Ptr(acctest.Email("barbara", "example.com")), Name: fakeapi.Ptr("Barbara"),
		LastName: fakeapi.Ptr("Liskov"), OrgID: fakeapi.Ptr(fakeapi.SampleOrgID), Validated: fakeapi.Ptr(true)}
	fakeapi.WithRole(&u, fakeapi.RoleWorkspaces)
	if err := fake.AddUser(u); err != nil {
		t.Fatal(err)
	}
	return fake, url
}

// examplePlan expects the import example's plan: barbara imported with no
// change, the auditor created.
var examplePlan = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
	plancheck.ExpectResourceAction("flashback_organization_user.barbara", plancheck.ResourceActionNoop),
	plancheck.ExpectResourceAction("flashback_organization_user.auditor", plancheck.ResourceActionCreate),
}}

func TestAccOrganizationUserResource_exampleImportByID(t *testing.T) {
	fake, url := withBarbara(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + acctest.ExampleFile(t, resourceExamples+"resource.tf") +
				acctest.ExampleFile(t, resourceExamples+"import-by-string-id.tf"),
			ConfigPlanChecks: examplePlan,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("flashback_organization_user.barbara", tfjsonpath.New("id"), knownvalue.StringExact(barbaraID)),
				statecheck.ExpectKnownValue("flashback_organization_user.auditor", tfjsonpath.New("role"), knownvalue.StringExact("USER")),
				acctest.FakeCheck(func() error {
					if inv := fake.Invitations(); len(inv) != 0 {
						return fmt.Errorf("invitations = %v: the auditor is created without one", inv)
					}
					return nil
				}),
			},
		}},
	})
}

func TestAccOrganizationUserResource_exampleImportByIdentity(t *testing.T) {
	_, url := withBarbara(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + acctest.ExampleFile(t, resourceExamples+"resource.tf") +
				acctest.ExampleFile(t, resourceExamples+"import-by-identity.tf"),
			ConfigPlanChecks: examplePlan,
		}},
	})
}

func TestAccOrganizationUserResource_exampleInitialPassword(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:          acctest.ProviderBlock(url) + acctest.ExampleFile(t, resourceExamples+"resource-initial-password.tf"),
			ConfigVariables: tfconfig.Variables{"initial_password": tfconfig.StringVariable(testPassword)},
			ConfigStateChecks: []statecheck.StateCheck{
				stateLacks(func() string { return testPassword }),
				acctest.FakeCheck(func() error {
					if pw, _ := fake.Password(acctest.Email("ci-service", "example.com")); pw != testPassword {
						return fmt.Errorf("the fake holds the password %q", pw)
					}
					return nil
				}),
			},
		}},
	})
}

// team is the value of examples/membership's variable team.
func team(barbaraRole string, withFrances bool) tfconfig.Variables {
	members := map[string]tfconfig.Variable{
		acctest.Email("barbara", "example.com"): tfconfig.ObjectVariable(map[string]tfconfig.Variable{
			"name": tfconfig.StringVariable("Barbara"), "last_name": tfconfig.StringVariable("Liskov"), "role": tfconfig.StringVariable(barbaraRole),
		}),
	}
	if withFrances {
		members[acctest.Email("frances", "example.com")] = tfconfig.ObjectVariable(map[string]tfconfig.Variable{
			"name": tfconfig.StringVariable("Frances"), "last_name": tfconfig.StringVariable("Allen"),
		})
	}
	return tfconfig.Variables{"team": tfconfig.MapVariable(members)}
}

// TestAccOrganizationUserResource_membershipExample runs what `make demo`
// and the membership guide do with examples/membership: create the team,
// promote a member in place, remove another; the data source read in the
// same run sees each change.
func TestAccOrganizationUserResource_membershipExample(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	config := acctest.ProviderBlock(url) + acctest.ExampleFile(t, "membership/main.tf")
	admins := func(extra ...string) statecheck.StateCheck {
		emails := []knownvalue.Check{knownvalue.StringExact(acctest.Email("ada", "example.com")), knownvalue.StringExact(acctest.Email("alan", "example.com"))}
		for _, e := range extra {
			emails = append(emails, knownvalue.StringExact(e))
		}
		emails = append(emails, knownvalue.StringExact(acctest.Email("grace", "example.com")))
		return statecheck.ExpectKnownOutputValue("admins", knownvalue.ListExact(emails))
	}
	frances := `flashback_organization_user.team["` + acctest.Email("frances", "example.com") + `"]`
	barbara := `flashback_organization_user.team["` + acctest.Email("barbara", "example.com") + `"]`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: []statecheck.StateCheck{admins()},
			},
			{
				Config:          config,
				ConfigVariables: team("ADMINISTRATOR", true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(barbara, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(frances, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{admins(acctest.Email("barbara", "example.com"))},
			},
			{
				Config:          config,
				ConfigVariables: team("ADMINISTRATOR", false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(frances, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					if u := fakeUser(t, fake, acctest.Email("frances", "example.com")); u.DeletedAt == nil {
						return fmt.Errorf("frances is not deleted: %+v", u)
					}
					return nil
				})},
			},
			// Everything removed before the test ends: terraform-plugin-testing's
			// final read of the state cannot hold for_each instances.
			{Config: acctest.ProviderBlock(url)},
		},
	})
}
