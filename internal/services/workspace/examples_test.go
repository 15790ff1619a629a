package workspace_test

import (
	"fmt"
	"strings"
	"testing"

	tfconfig "github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The documentation's examples, read from the files themselves, applied to
// the fake organization: examples/resources/flashback_workspace*/ and
// examples/workspaces, the managing-workspaces guide's.

// exampleWorkspaceID is the workspace id the import examples name; the
// tests put the fake's id in its place, as a reader puts theirs.
const exampleWorkspaceID = "3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01"

// withPipeline is the sample organization whose access token belongs to
// pipeline@example.com, an OWNER, as the resource example expects.
func withPipeline(t *testing.T) (*fakeapi.Server, string, string) {
	t.Helper()
	fake, url := sampleOrg(t)
	const id = "c0ffee00-0000-4000-8000-00000000f00d"
	u := fakeapi.User{ID: fakeapi.Ptr(id), Email: fakeapi.Ptr(acctest.Email("pipeline", "example.com")), Name: fakeapi.Ptr("Pipe"),
		LastName: fakeapi.Ptr("Line"), OrgID: fakeapi.Ptr(fakeapi.SampleOrgID), Validated: fakeapi.Ptr(true)}
	fakeapi.WithRole(&u, fakeapi.RoleOwner)
	if err := fake.AddUser(u); err != nil {
		t.Fatal(err)
	}
	if err := fake.SetCaller(id); err != nil {
		t.Fatal(err)
	}
	return fake, url, id
}

// TestAccWorkspaceResources_example applies the two resources' examples
// together, with the organization user example they refer to.
func TestAccWorkspaceResources_example(t *testing.T) {
	fake, url, pipeline := withPipeline(t)
	config := acctest.ProviderBlock(url) + acctest.ExampleFile(t, "resources/flashback_workspace/resource.tf") +
		acctest.ExampleFile(t, "resources/flashback_organization_user/resource.tf") +
		acctest.ExampleFile(t, "resources/flashback_workspace_user/resource.tf")
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				captureID("flashback_workspace.research", &id),
				acctest.FakeCheck(func() error {
					barbara, _ := fake.UserByEmail(acctest.Email("barbara", "example.com"))
					return expectRoles(t, fake, &id, map[string]string{pipeline: "ADMIN", *barbara.ID: "WRITE"})()
				}),
			},
		}},
	})
}

// TestAccWorkspaceResources_importExamples runs the import examples with
// the fake's workspace id in place of the example's, each against a
// workspace made outside Terraform, with barbara a WRITE member.
func TestAccWorkspaceResources_importExamples(t *testing.T) {
	for _, kind := range []string{"by-string-id", "by-identity"} {
		t.Run(kind, func(t *testing.T) {
			var checks []tfversion.TerraformVersionCheck
			if kind == "by-identity" {
				checks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
			}
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   checks,
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{importExampleStep(t, kind)},
			})
		})
	}
}

// importExampleStep declares the workspace and barbara's membership as the
// fake has them, with the import examples of kind: nothing to change.
func importExampleStep(t *testing.T, kind string) resource.TestStep {
	fake, url := sampleOrg(t)
	id := fake.AddWorkspace("Research", map[string]string{ada: "ADMIN"})
	barbara := fakeapi.User{ID: fakeapi.Ptr("8f14e45f-ceea-4e7a-9b1c-0c3b7a1d2e55"), Email: fakeapi.Ptr(acctest.Email("barbara", "example.com")),
		Name: fakeapi.Ptr("Barbara"), LastName: fakeapi.Ptr("Liskov"), OrgID: fakeapi.Ptr(fakeapi.SampleOrgID), Validated: fakeapi.Ptr(true)}
	fakeapi.WithRole(&barbara, fakeapi.RoleWorkspaces)
	if err := fake.AddUser(barbara); err != nil {
		t.Fatal(err)
	}
	fake.SetWorkspaceMember(id, *barbara.ID, "WRITE")
	example := func(name string) string {
		return strings.ReplaceAll(acctest.ExampleFile(t, name), exampleWorkspaceID, id)
	}
	return resource.TestStep{
		Config: acctest.ProviderBlock(url) + `
resource "flashback_workspace" "research" {
  name = "Research"
}

resource "flashback_workspace_user" "barbara" {
  workspace_id = flashback_workspace.research.id
  user_id      = "` + *barbara.ID + `"
  role         = "WRITE"
}
` + example("resources/flashback_workspace/import-"+kind+".tf") + example("resources/flashback_workspace_user/import-"+kind+".tf"),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction("flashback_workspace.research", plancheck.ResourceActionNoop),
			plancheck.ExpectResourceAction("flashback_workspace_user.barbara", plancheck.ResourceActionNoop),
		}},
	}
}

// access is the value of examples/workspaces's variables: the workspaces,
// and each person's role in each.
func access(workspaces map[string]string, people map[string]map[string]string) tfconfig.Variables {
	ws := map[string]tfconfig.Variable{}
	for k, name := range workspaces {
		ws[k] = tfconfig.StringVariable(name)
	}
	byPerson := map[string]tfconfig.Variable{}
	for email, roles := range people {
		m := map[string]tfconfig.Variable{}
		for k, role := range roles {
			m[k] = tfconfig.StringVariable(role)
		}
		byPerson[email] = tfconfig.MapVariable(m)
	}
	return tfconfig.Variables{"workspaces": tfconfig.MapVariable(ws), "access": tfconfig.MapVariable(byPerson)}
}

// TestAccWorkspaces_guideExample runs what the managing-workspaces guide
// and `make demo` do with examples/workspaces: two workspaces and their
// access from one map, a role changed in place, a membership removed, and
// everything destroyed.
func TestAccWorkspaces_guideExample(t *testing.T) {
	fake, url := sampleOrg(t)
	config := acctest.ProviderBlock(url) + acctest.ExampleFile(t, "workspaces/main.tf")
	alanMail, edsgerMail := acctest.Email("alan", "example.com"), acctest.Email("edsger", "example.com")
	names := map[string]string{"research": "Research", "billing": "Billing"}
	var research, billing string
	edsgerInResearch := `flashback_workspace_user.team["research/` + edsgerMail + `"]`
	alanInBilling := `flashback_workspace_user.team["billing/` + alanMail + `"]`
	output := func(research, billing map[string]string) statecheck.StateCheck {
		obj := func(m map[string]string) knownvalue.Check {
			checks := map[string]knownvalue.Check{}
			for k, v := range m {
				checks[k] = knownvalue.StringExact(v)
			}
			return knownvalue.ObjectExact(checks)
		}
		return statecheck.ExpectKnownOutputValue("access", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"research": obj(research), "billing": obj(billing),
		}))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigVariables: access(names, map[string]map[string]string{
					alanMail: {"research": "ADMIN", "billing": "READ"}, edsgerMail: {"research": "WRITE"},
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					captureID(`flashback_workspace.team["research"]`, &research),
					captureID(`flashback_workspace.team["billing"]`, &billing),
					output(map[string]string{alanMail: "ADMIN", edsgerMail: "WRITE"}, map[string]string{alanMail: "READ"}),
					acctest.FakeCheck(func() error {
						return expectRoles(t, fake, &research, map[string]string{ada: "ADMIN", alan: "ADMIN", edsger: "WRITE"})()
					}),
					acctest.FakeCheck(expectRoles(t, fake, &billing, map[string]string{ada: "ADMIN", alan: "READ"})),
				},
			},
			{
				Config: config,
				ConfigVariables: access(names, map[string]map[string]string{
					alanMail: {"research": "ADMIN"}, edsgerMail: {"research": "READ"},
				}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(edsgerInResearch, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(alanInBilling, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					output(map[string]string{alanMail: "ADMIN", edsgerMail: "READ"}, map[string]string{}),
					acctest.FakeCheck(func() error {
						return expectRoles(t, fake, &research, map[string]string{ada: "ADMIN", alan: "ADMIN", edsger: "READ"})()
					}),
					acctest.FakeCheck(expectRoles(t, fake, &billing, map[string]string{ada: "ADMIN"})),
				},
			},
			{
				// Everything destroyed before the test ends: terraform-plugin-testing's
				// final read of the state cannot hold for_each instances.
				Config: acctest.ProviderBlock(url),
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					for _, id := range []string{research, billing} {
						if _, deleted := roles(t, fake, id); !deleted {
							return fmt.Errorf("workspace %s is not deleted", id)
						}
					}
					return nil
				})},
			},
		},
	})
}
