package workspace_test

import (
	"fmt"
	"net/http"
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

const (
	adaAddr    = "flashback_workspace_user.ada"
	alanAddr   = "flashback_workspace_user.alan"
	edsgerAddr = "flashback_workspace_user.edsger"
)

// TestAccWorkspaceUserResource_lifecycle: members added (the creator's own
// membership taken over, not added again), re-roled in place, removed;
// changes made outside set back; a member removed outside added again;
// then the whole stack destroyed, the creator's ADMIN membership left for
// the workspace's delete, and a member managed outside untouched.
func TestAccWorkspaceUserResource_lifecycle(t *testing.T) {
	fake, url := sampleOrg(t)
	var id string
	team := func(alanRole string, withEdsger bool) string {
		members := []member{{"ada", ada, "ADMIN"}, {"alan", alan, alanRole}}
		if withEdsger {
			members = append(members, member{"edsger", edsger, "READ"})
		}
		return workspaceConfig(url, "Ops", members...)
	}
	plan := func(actions map[string]plancheck.ResourceActionType) resource.ConfigPlanChecks {
		var checks []plancheck.PlanCheck
		for addr, action := range actions {
			checks = append(checks, plancheck.ExpectResourceAction(addr, action))
		}
		return resource.ConfigPlanChecks{PreApply: checks}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: team("WRITE", true),
				ConfigStateChecks: []statecheck.StateCheck{
					captureID(opsAddr, &id),
					statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("email"), knownvalue.StringExact(acctest.Email("alan", "example.com"))),
					statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("name"), knownvalue.StringExact("Alan")),
					statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("last_name"), knownvalue.StringExact("Turing")),
					statecheck.ExpectKnownValue(adaAddr, tfjsonpath.New("role"), knownvalue.StringExact("ADMIN")),
					acctest.FakeCheck(func() error {
						return expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "WRITE", edsger: "READ"})()
					}),
					acctest.FakeCheck(func() error {
						// The creator is a member from the start: taken over, not added.
						if n := len(fake.CallsTo(http.MethodPost, "/workspace/"+id+"/users")); n != 2 {
							return fmt.Errorf("%d member adds, want 2 (alan and edsger)", n)
						}
						return nil
					}),
				},
			},
			{
				Config:           team("READ", true),
				ConfigPlanChecks: plan(map[string]plancheck.ResourceActionType{alanAddr: plancheck.ResourceActionUpdate, adaAddr: plancheck.ResourceActionNoop}),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.FakeCheck(func() error {
						return expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "READ", edsger: "READ"})()
					}),
				},
			},
			{
				Config:           team("READ", false),
				ConfigPlanChecks: plan(map[string]plancheck.ResourceActionType{edsgerAddr: plancheck.ResourceActionDestroy}),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.FakeCheck(expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "READ"})),
				},
			},
			{
				// A role changed outside Terraform is set back, in place.
				PreConfig:        func() { fake.SetWorkspaceMember(id, alan, "ADMIN") },
				Config:           team("READ", false),
				ConfigPlanChecks: plan(map[string]plancheck.ResourceActionType{alanAddr: plancheck.ResourceActionUpdate}),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.FakeCheck(expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "READ"})),
				},
			},
			{
				// A member removed outside Terraform leaves the state and is added again.
				PreConfig:        func() { fake.SetWorkspaceMember(id, alan, "") },
				Config:           team("READ", false),
				ConfigPlanChecks: plan(map[string]plancheck.ResourceActionType{alanAddr: plancheck.ResourceActionCreate}),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.FakeCheck(expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "READ"})),
				},
			},
			{
				// The whole stack destroyed, with a member managed outside.
				PreConfig: func() { fake.SetWorkspaceMember(id, katherine, "WRITE") },
				Config:    acctest.ProviderBlock(url),
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					got, deleted := roles(t, fake, id)
					if !deleted {
						return fmt.Errorf("workspace %s is not deleted", id)
					}
					if want := map[string]string{ada: "ADMIN", katherine: "WRITE"}; fmt.Sprint(got) != fmt.Sprint(want) {
						return fmt.Errorf("members at the delete = %v, want %v: alan removed, ada's own membership left, katherine untouched", got, want)
					}
					return nil
				})},
			},
		},
	})
}

// importConfig is the sample's alan as a READ member of a workspace made
// outside Terraform.
func importConfig(url, id string) string {
	return acctest.Importable + acctest.ProviderBlock(url) + fmt.Sprintf(`
resource "flashback_workspace_user" "alan" {
  workspace_id = %q
  user_id      = %q
  role         = "READ"
}
`, id, alan)
}

// TestAccWorkspaceUserResource_import imports a member by
// workspace_id/user_id and by workspace_id/email (in other letters: the
// provider's email match), with the CLI command and with an import block.
func TestAccWorkspaceUserResource_import(t *testing.T) {
	fake, url := sampleOrg(t)
	id := fake.AddWorkspace("Imported", map[string]string{ada: "ADMIN", alan: "READ"})
	config := importConfig(url, id)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config + acctest.ImportBlock(alanAddr, id+"/"+acctest.Email("ALAN", "Example.com")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(alanAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("user_id"), knownvalue.StringExact(alan)),
					statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("email"), knownvalue.StringExact(acctest.Email("alan", "example.com"))),
				},
			},
			{
				ResourceName: alanAddr, Config: config, ImportState: true, ImportStateVerify: true,
				ImportStateId: id + "/" + alan, ImportStateVerifyIdentifierAttribute: "user_id",
			},
			{
				ResourceName: alanAddr, Config: config, ImportState: true, ImportStateVerify: true,
				ImportStateId: id + "/" + acctest.Email("alan", "example.com"), ImportStateVerifyIdentifierAttribute: "user_id",
			},
			{
				ResourceName: alanAddr, Config: config, ImportState: true, ImportStateId: id + "/" + acctest.Email("nobody", "example.com"),
				ExpectError: acctest.ErrorLike("Flashback workspace member not found", "nobody@example.com"),
			},
			{
				ResourceName: alanAddr, Config: config, ImportState: true, ImportStateId: alan,
				ExpectError: acctest.ErrorLike("Invalid import ID for flashback_workspace_user", "WORKSPACE_ID/USER_ID"),
			},
		},
	})
}

// TestAccWorkspaceUserResource_identity: with Terraform 1.12+, the
// membership's identity is the workspace's id and the user's, and an
// import block can name it by them.
func TestAccWorkspaceUserResource_identity(t *testing.T) {
	fake, url := sampleOrg(t)
	id := fake.AddWorkspace("Imported", map[string]string{ada: "ADMIN", alan: "READ"})
	config := importConfig(url, id)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValueMatchesState(alanAddr, tfjsonpath.New("workspace_id")),
					statecheck.ExpectIdentityValueMatchesState(alanAddr, tfjsonpath.New("user_id")),
				},
			},
			{
				ResourceName: alanAddr, Config: config, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// TestAccWorkspaceUserResource_addedMeanwhile: a member the workspace's
// read did not show, but whom the API then refuses to add as already a
// member (added meanwhile), is taken over, not refused.
func TestAccWorkspaceUserResource_addedMeanwhile(t *testing.T) {
	fake, url := sampleOrg(t)
	id := fake.AddWorkspace("Ops", map[string]string{ada: "ADMIN"})
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: "/workspace/" + id + "/users", Act: true, Status: http.StatusConflict,
		Body: `{"success": false, "message": "User is already a member of this workspace"}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: importConfig(url, id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("role"), knownvalue.StringExact("READ")),
				statecheck.ExpectKnownValue(alanAddr, tfjsonpath.New("email"), knownvalue.StringExact(acctest.Email("alan", "example.com"))),
				acctest.FakeCheck(expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "READ"})),
			},
		}},
	})
}
