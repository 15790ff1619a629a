package workspace_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The last-ADMIN guard, each time without depends_on: Terraform makes the
// changes of one apply in parallel (ten at a time, its default), so only
// the guard's lock orders them.

// roleChanges counts the role changes sent for the workspace's members.
func roleChanges(fake *fakeapi.Server, id string) int {
	return callsUnder(fake, http.MethodPut, "/workspace/"+id+"/users/")
}

// TestAccWorkspaceUserResource_lastAdminAtPlan: demoting the only ADMIN
// fails at plan time, and nothing is sent.
func TestAccWorkspaceUserResource_lastAdminAtPlan(t *testing.T) {
	fake, url := sampleOrg(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            workspaceConfig(url, "Ops", member{"ada", ada, "ADMIN"}, member{"alan", alan, "WRITE"}),
				ConfigStateChecks: []statecheck.StateCheck{captureID(opsAddr, &id)},
			},
			{
				Config: workspaceConfig(url, "Ops", member{"ada", ada, "WRITE"}, member{"alan", alan, "WRITE"}),
				ExpectError: acctest.ErrorLike("Cannot take away the workspace's last ADMIN", "is the only ADMIN",
					"demote it to WRITE", "The provider refuses the change before calling the API"),
			},
			{
				PreConfig: func() {
					if n := roleChanges(fake, id); n != 0 {
						t.Errorf("%d role changes sent, want none", n)
					}
				},
				Config:           workspaceConfig(url, "Ops", member{"ada", ada, "ADMIN"}, member{"alan", alan, "WRITE"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccWorkspaceUserResource_takeOverRefusedWhenItDemotesTheCreator: a
// new workspace's creator, its only ADMIN, cannot be taken over with a
// lower role. The first plan cannot check it, as the workspace does not
// exist yet; Terraform plans the membership again once it does, during
// the apply, and the check refuses it then, before any call.
func TestAccWorkspaceUserResource_takeOverRefusedWhenItDemotesTheCreator(t *testing.T) {
	fake, url := sampleOrg(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      workspaceConfig(url, "Ops", member{"ada", ada, "READ"}),
			ExpectError: acctest.ErrorLike("Cannot take away the workspace's last ADMIN", "demote it to READ"),
		}},
	})
	for _, w := range fake.Workspaces() {
		if got, _ := roles(t, fake, w.ID); got[ada] != "ADMIN" {
			t.Errorf("ada's role in %s is %q", w.ID, got[ada])
		}
		if n := roleChanges(fake, w.ID); n != 0 {
			t.Errorf("%d role changes sent", n)
		}
	}
}

// TestAccWorkspaceUserResource_twoAdminsDemotedInOneApply demotes both
// ADMINs of a workspace in one apply, several times over: each plan sees
// the other ADMIN, so only the apply's check under the workspace's lock
// can refuse one of them. Exactly one demotion is sent each time, and one
// ADMIN stays. Whether the two updates overlap is Terraform's timing: with
// the lock released early, some rounds fail, not all (five of nine in one
// trial); the client's TestTwoDemotionsOfTwoAdminsCannotBothPass holds
// the overlap and shows the lock every time.
func TestAccWorkspaceUserResource_twoAdminsDemotedInOneApply(t *testing.T) {
	for round := range 5 {
		t.Run(fmt.Sprintf("round %d", round+1), func(t *testing.T) {
			fake, url := sampleOrg(t)
			var id string
			admins := workspaceConfig(url, "Ops", member{"ada", ada, "ADMIN"}, member{"alan", alan, "ADMIN"})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: admins, ConfigStateChecks: []statecheck.StateCheck{captureID(opsAddr, &id)}},
					{
						Config:      workspaceConfig(url, "Ops", member{"ada", ada, "WRITE"}, member{"alan", alan, "WRITE"}),
						ExpectError: acctest.ErrorLike("Cannot take away the workspace's last ADMIN", "is the only ADMIN"),
					},
					{
						PreConfig: func() {
							got, _ := roles(t, fake, id)
							left := 0
							for _, role := range got {
								if role == "ADMIN" {
									left++
								}
							}
							if n := roleChanges(fake, id); n != 1 || left != 1 {
								t.Errorf("%d demotions sent, %d ADMINs left (%v); want 1 and 1", n, left, got)
							}
							// Whichever was demoted, the caller is ADMIN again, to clean up.
							fake.SetWorkspaceMember(id, ada, "ADMIN")
						},
						Config: admins,
					},
				},
			})
		})
	}
}

// TestAccWorkspaceUserResource_ownMembershipLeft: removing the access
// token's user's own ADMIN membership, with the workspace kept, calls
// nothing: the membership stays, and leaves the state only.
func TestAccWorkspaceUserResource_ownMembershipLeft(t *testing.T) {
	fake, url := sampleOrg(t)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            workspaceConfig(url, "Ops", member{"ada", ada, "ADMIN"}, member{"alan", alan, "ADMIN"}),
				ConfigStateChecks: []statecheck.StateCheck{captureID(opsAddr, &id)},
			},
			{
				Config: workspaceConfig(url, "Ops", member{"alan", alan, "ADMIN"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(adaAddr, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.FakeCheck(expectRoles(t, fake, &id, map[string]string{ada: "ADMIN", alan: "ADMIN"})),
					acctest.FakeCheck(func() error {
						if n := callsUnder(fake, http.MethodDelete, "/workspace/"+id+"/users/"); n != 0 {
							return fmt.Errorf("%d member removals sent, want none", n)
						}
						return nil
					}),
				},
			},
			{
				Config:           workspaceConfig(url, "Ops", member{"alan", alan, "ADMIN"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
