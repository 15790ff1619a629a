package organization_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// edsgerConfig declares the sample's USER edsger as it is, so that an
// import of it plans no change.
func edsgerConfig(url string) string {
	return acctest.ProviderBlock(url) + `
resource "flashback_organization_user" "member" {
  email     = "` + acctest.Email("edsger", "example.com") + `"
  name      = "Edsger"
  last_name = "Dijkstra"
}
`
}

// TestAccOrganizationUserResource_import imports a user created by
// Terraform by id and by email (in another case: the match is the lookup
// data source's), with the CLI command and with an import block, and
// imports an existing user with an import block, with no change planned.
func TestAccOrganizationUserResource_import(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	config := acctest.Importable + acctest.ProviderBlock(url) + member(address, `role = "WORKSPACES"`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{ResourceName: memberAddr, Config: config, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateVerify: true,
				ImportStateId: strings.ToUpper(address),
			},
			{
				// A plannable import checks itself: it must plan no change.
				ResourceName: memberAddr, Config: config, ImportState: true,
				ImportStateKind: resource.ImportBlockWithID, ImportStateId: address,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// TestAccOrganizationUserResource_importExisting adopts a user that
// Terraform did not create, with an import block, and plans nothing
// after.
func TestAccOrganizationUserResource_importExisting(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	importBlock := "import {\n  to = " + memberAddr + "\n  id = \"" + acctest.Email("edsger", "example.com") + "\"\n}\n"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: edsgerConfig(url) + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("id", knownvalue.StringExact(fakeapi.SampleUserID)),
					checkMember("role", knownvalue.StringExact("USER")),
					checkMember("send_invite", knownvalue.Bool(true)),
					checkMember("validated", knownvalue.Bool(true)),
				},
			},
			{
				Config:             edsgerConfig(url),
				ConfigPlanChecks:   resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ExpectNonEmptyPlan: false,
			},
		},
	})
}

// TestAccOrganizationUserResource_importErrors: an email that no user has,
// and one whose user is deleted, say why nothing was imported.
func TestAccOrganizationUserResource_importErrors(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	config := acctest.Importable + acctest.ProviderBlock(url) + member(acctest.Email("mallory", "example.com"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateId: acctest.Email("nobody", "example.com"),
				ExpectError: acctest.ErrorLike("Flashback user not found", `No user has the email "nobody@example.com"`),
			},
			{
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateId: acctest.Email("mallory", "example.com"),
				ExpectError: acctest.ErrorLike("Cannot import a deleted Flashback user", fakeapi.SampleDeletedID, "the provider reactivates it"),
			},
			{
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateId: "no-such-id",
				ExpectError: acctest.ErrorLike("Cannot import non-existent remote object"),
			},
		},
	})
}

// TestAccOrganizationUserResource_identity: with Terraform 1.12+, the
// user's identity is its id, and an import block can name the user by it.
func TestAccOrganizationUserResource_identity(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	config := acctest.Importable + acctest.ProviderBlock(url) + member(address)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValueMatchesState(memberAddr, tfjsonpath.New("id")),
					acctest.FakeCheck(func() error { _ = fakeUser(t, fake, address); return nil }),
				},
			},
			{
				ResourceName: memberAddr, Config: config, ImportState: true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}
