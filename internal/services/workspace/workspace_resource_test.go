package workspace_test

import (
	"fmt"
	"net/http"
	"regexp"
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

const opsAddr = "flashback_workspace.ops"

// TestAccWorkspaceResource_lifecycle creates a workspace (its creator is
// its ADMIN), renames it in place, sets back a rename made outside, is
// refused its delete while it holds buckets, then deletes it (a soft
// delete).
func TestAccWorkspaceResource_lifecycle(t *testing.T) {
	fake, url := sampleOrg(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: workspaceConfig(url, "Ops"),
				ConfigStateChecks: []statecheck.StateCheck{
					captureID(opsAddr, &id),
					statecheck.ExpectKnownValue(opsAddr, tfjsonpath.New("name"), knownvalue.StringExact("Ops")),
					statecheck.ExpectKnownValue(opsAddr, tfjsonpath.New("org_id"), knownvalue.StringExact(fakeapi.SampleOrgID)),
					acctest.FakeCheck(expectRoles(t, fake, &id, map[string]string{ada: "ADMIN"})),
				},
			},
			{
				Config: workspaceConfig(url, "Operations"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(opsAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(opsAddr, tfjsonpath.New("name"), knownvalue.StringExact("Operations")),
					acctest.FakeCheck(func() error {
						if w, _ := fake.Workspace(id); w.Name != "Operations" {
							return fmt.Errorf("the fake's name is %q", w.Name)
						}
						return nil
					}),
				},
			},
			{
				// Renamed outside Terraform: the plan sets it back, in place.
				PreConfig: func() { fake.RenameWorkspaceOutside(id, "Renamed by hand") },
				Config:    workspaceConfig(url, "Operations"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(opsAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					if w, _ := fake.Workspace(id); w.Name != "Operations" {
						return fmt.Errorf("the fake's name is %q", w.Name)
					}
					return nil
				})},
			},
			{
				PreConfig:   func() { fake.SetWorkspaceContents(id, 2, 1) },
				Config:      acctest.ProviderBlock(url),
				ExpectError: regexp.MustCompile(`(?s)Flashback workspace is not empty.*buckets,\s+repositories\s+and\s+AI\s+models\s+in\s+it\s+first`),
			},
			{
				PreConfig: func() { fake.SetWorkspaceContents(id, 0, 0) },
				Config:    acctest.ProviderBlock(url),
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					if _, deleted := roles(t, fake, id); !deleted {
						return fmt.Errorf("workspace %s is not deleted", id)
					}
					return nil
				})},
			},
		},
	})
	if n := len(fake.CallsTo(http.MethodPost, "/workspace")); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
}

// TestAccWorkspaceResource_accessLost: a workspace whose members no longer
// include the access token's user answers 404, as a deleted one does. The
// refresh fails and says both, rather than plan a second workspace with
// the same name; once access is given back, the plan is empty again.
func TestAccWorkspaceResource_accessLost(t *testing.T) {
	fake, url := sampleOrg(t)
	var id string
	config := workspaceConfig(url, "Ops")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{captureID(opsAddr, &id)}},
			{
				PreConfig: func() {
					fake.SetWorkspaceMember(id, fakeapi.SampleSecondOwnerID, "ADMIN")
					fake.SetWorkspaceMember(id, ada, "")
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Flashback workspace deleted, or access lost.*terraform state rm`),
			},
			{
				PreConfig: func() {
					if n := len(fake.CallsTo(http.MethodPost, "/workspace")); n != 1 {
						t.Errorf("%d creates after access was lost, want 1: a second workspace was planned", n)
					}
					fake.SetWorkspaceMember(id, ada, "ADMIN")
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(opsAddr, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// TestAccWorkspaceResource_import imports a workspace made outside
// Terraform with an import block, with no change planned, then by its id
// with the CLI command.
func TestAccWorkspaceResource_import(t *testing.T) {
	fake, url := sampleOrg(t)
	id := fake.AddWorkspace("Imported", map[string]string{ada: "ADMIN"})
	config := acctest.Importable + workspaceConfig(url, "Imported")
	importBlock := acctest.ImportBlock(opsAddr, id)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(opsAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(opsAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(opsAddr, tfjsonpath.New("org_id"), knownvalue.StringExact(fakeapi.SampleOrgID)),
				},
			},
			{ResourceName: opsAddr, Config: config, ImportState: true, ImportStateVerify: true},
			{
				ResourceName: opsAddr, Config: config, ImportState: true, ImportStateId: "no-such-workspace",
				ExpectError: acctest.ErrorLike("Flashback workspace not found"),
			},
		},
	})
}

// TestAccWorkspaceResource_identity: with Terraform 1.12+, the
// workspace's identity is its id, and an import block can name it by it.
func TestAccWorkspaceResource_identity(t *testing.T) {
	_, url := sampleOrg(t)
	config := acctest.Importable + workspaceConfig(url, "Ops")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValueMatchesState(opsAddr, tfjsonpath.New("id")),
				},
			},
			{ResourceName: opsAddr, Config: config, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// TestAccWorkspaceResource_lostCreateAnswer: a create whose answer is lost
// after the API acted is not sent again: the one new workspace with the
// name is recorded, with a warning, and the next plan is empty. A
// workspace with the same name made before is not taken for it. When the
// create did not act, the error says so, and the next apply creates it.
func TestAccWorkspaceResource_lostCreateAnswer(t *testing.T) {
	fake, url := sampleOrg(t)
	older := fake.AddWorkspace("Ops", map[string]string{ada: "ADMIN"})
	config := workspaceConfig(url, "Ops")
	lost := fakeapi.Reply{Method: http.MethodPost, Path: "/workspace", Status: http.StatusBadGateway, Body: "bad gateway"}
	creates := func() int { return len(fake.CallsTo(http.MethodPost, "/workspace")) }
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { fake.Script(lost) },
				Config:      config,
				ExpectError: acctest.ErrorLike("Flashback workspace not created", "did not take effect"),
			},
			{
				PreConfig: func() {
					if n := len(fake.Workspaces()); n != 1 || creates() != 1 {
						t.Errorf("%d workspaces after a create that did not act, %d creates; want 1 (the older one) and 1", n, creates())
					}
					lost.Act = true
					fake.Script(lost)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					captureID(opsAddr, &id),
					acctest.FakeCheck(func() error {
						if id == older || len(fake.Workspaces()) != 2 || creates() != 2 {
							return fmt.Errorf("state id %s (older %s), %d workspaces, %d creates; want the new one, 2, 2",
								id, older, len(fake.Workspaces()), creates())
						}
						return nil
					}),
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccWorkspaceResource_lostDeleteAnswer: a delete whose answer is lost
// after the API acted is done: the workspace, gone when read again, leaves
// the state, and no refresh stops on it.
func TestAccWorkspaceResource_lostDeleteAnswer(t *testing.T) {
	fake, url := sampleOrg(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: workspaceConfig(url, "Ops"), ConfigStateChecks: []statecheck.StateCheck{captureID(opsAddr, &id)}},
			{
				PreConfig: func() {
					fake.Script(fakeapi.Reply{Method: http.MethodDelete, Path: "/workspace/" + id, Act: true, Status: http.StatusBadGateway})
				},
				Config: acctest.ProviderBlock(url),
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					if _, deleted := roles(t, fake, id); !deleted {
						return fmt.Errorf("workspace %s is not deleted", id)
					}
					return nil
				})},
			},
		},
	})
}
