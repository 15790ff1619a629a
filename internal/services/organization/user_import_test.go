package organization_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
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
				// An email import records the email as given, which the
				// account's may differ from in ASCII case: the import
				// block that the configuration's own spelling gives then
				// plans no change (TestAccOrganizationUserResource_importCaseOnly).
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateVerify: true,
				ImportStateId: strings.ToUpper(address), ImportStateVerifyIgnore: []string{"email"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["email"] != strings.ToUpper(address) {
						return fmt.Errorf("imported %v, want the email as given", states)
					}
					return nil
				},
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
	importBlock := acctest.ImportBlock(memberAddr, acctest.Email("edsger", "example.com"))
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
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
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
				// By id too: the user is deleted, not missing, and applying
				// the declaration reactivates it.
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateId: fakeapi.SampleDeletedID,
				ExpectError: acctest.ErrorLike("Cannot import a deleted Flashback user", fakeapi.SampleDeletedID, "the provider reactivates it"),
			},
			{
				ResourceName: memberAddr, Config: config, ImportState: true, ImportStateId: "no-such-id",
				ExpectError: acctest.ErrorLike("Cannot import non-existent remote object"),
			},
		},
	})
	for _, call := range fake.Calls() {
		if call.Method != http.MethodGet {
			t.Errorf("a failed import wrote: %s %s", call.Method, call.Path)
		}
	}
}

// TestAccOrganizationUserResource_importDeletedBlock: an import block that
// names a deleted user, by id, fails with the reason, and writes nothing.
func TestAccOrganizationUserResource_importDeletedBlock(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	block := acctest.ImportBlock(memberAddr, fakeapi.SampleDeletedID)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.Importable + acctest.ProviderBlock(url) + member(acctest.Email("mallory", "example.com")) + block,
			ExpectError: acctest.ErrorLike("Cannot import a deleted Flashback user", "the provider reactivates it"),
		}},
	})
	if u, _ := fake.User(fakeapi.SampleDeletedID); u.DeletedAt == nil {
		t.Error("the deleted user was reactivated")
	}
}

// TestAccOrganizationUserResource_importCaseOnly: the account's email
// differs from the configuration's only in ASCII case; imported by the
// email as the configuration writes it, the plan is empty, as the
// adoption guide promises.
func TestAccOrganizationUserResource_importCaseOnly(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	if err := fake.AddUser(fakeapi.User{ID: fakeapi.Ptr("barbara-id"), Email: fakeapi.Ptr(acctest.Email("Barbara", "Example.com")),
		Name: fakeapi.Ptr("Barbara"), LastName: fakeapi.Ptr("Liskov"), OrgRole: fakeapi.Ptr(client.RoleUser), Validated: fakeapi.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	address := acctest.Email("barbara", "example.com")
	block := acctest.ImportBlock(memberAddr, address)
	config := acctest.Importable + acctest.ProviderBlock(url) + member(address)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config + block,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("id"), knownvalue.StringExact("barbara-id")),
					statecheck.ExpectKnownValue(memberAddr, tfjsonpath.New("email"), knownvalue.StringExact(address)),
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// TestAccOrganizationUserResource_identityIsNoEmail: an identity's id is
// an id, never looked up as an email.
func TestAccOrganizationUserResource_identityIsNoEmail(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	block := "import {\n  to = " + memberAddr + "\n  identity = {\n    id = \"" + acctest.Email("ADA", "example.com") + "\"\n  }\n}\n"
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.Importable + acctest.ProviderBlock(url) + member(acctest.Email("ada", "example.com")) + block,
			ExpectError: acctest.ErrorLike("An identity's id is a user id, not an email", `id = "ADA@example.com"`),
		}},
	})
	if n := len(fake.CallsTo(http.MethodGet, "/organization/users")); n != 0 {
		t.Errorf("the identity's id was looked up as an email (%d list reads)", n)
	}
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
