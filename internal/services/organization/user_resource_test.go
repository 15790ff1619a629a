package organization_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

const memberAddr = "flashback_organization_user.member"

// member is the HCL of flashback_organization_user.member with the
// email and any other arguments as HCL lines.
func member(address string, extra ...string) string {
	lines := append([]string{fmt.Sprintf("email     = %q", address), `name      = "Barbara"`, `last_name = "Liskov"`}, extra...)
	return "resource \"flashback_organization_user\" \"member\" {\n  " + strings.Join(lines, "\n  ") + "\n}\n"
}

// TestAccOrganizationUserResource_lifecycle creates a member, promotes it
// in place, renames it, replaces it by changing its email, and destroys
// it; the fake then shows each user deleted, not gone.
func TestAccOrganizationUserResource_lifecycle(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	first, second := acctest.Email("barbara", "example.com"), acctest.Email("b.liskov", "example.com")
	sameID, newID := statecheck.CompareValue(compare.ValuesSame()), statecheck.CompareValue(compare.ValuesDiffer())
	userPath := func(address string) string { return "/organization/users/" + *fakeUser(t, fake, address).ID }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderBlock(url) + member(first, `role = "BILLING"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate),
					// The role's number is known at plan time.
					plancheck.ExpectKnownValue(memberAddr, tfjsonpath.New("org_role"), knownvalue.Int64Exact(1)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					newID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					checkMember("email", knownvalue.StringExact(first)),
					checkMember("role", knownvalue.StringExact("BILLING")),
					checkMember("org_role", knownvalue.Int64Exact(1)),
					checkMember("org_role_description", knownvalue.StringExact("BILLING")),
					checkMember("org_roles", roleCodes(0, 1)),
					checkMember("org_id", knownvalue.StringExact(fakeapi.SampleOrgID)),
					checkMember("validated", knownvalue.Bool(false)),
					checkMember("deleted_at", knownvalue.Null()),
					checkMember("send_invite", knownvalue.Bool(true)),
					checkMember("password_wo", knownvalue.Null()),
					acctest.FakeCheck(func() error {
						u := fakeUser(t, fake, first)
						if *u.OrgRole != 1 || *u.Name != "Barbara" || *u.LastName != "Liskov" {
							return fmt.Errorf("the fake holds %+v", u)
						}
						if inv := fake.Invitations(); len(inv) != 1 || inv[0] != first {
							return fmt.Errorf("invitations = %v, want one to %s", inv, first)
						}
						return nil
					}),
				},
			},
			{
				// Promoted in place: one PUT with the role alone.
				Config: acctest.ProviderBlock(url) + member(first, `role = "ADMINISTRATOR"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(memberAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
					plancheck.ExpectUnknownValue(memberAddr, tfjsonpath.New("org_roles")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					checkMember("org_role", knownvalue.Int64Exact(254)),
					checkMember("org_roles", roleCodes(0, 1, 2, 254)),
					acctest.FakeCheck(func() error {
						if got := bodiesTo(fake, http.MethodPut, userPath(first)); fmt.Sprint(got) != `[{"orgRole":254}]` {
							return fmt.Errorf("PUT bodies = %v, want the role alone", got)
						}
						return nil
					}),
				},
			},
			{
				// Renamed: only the name is sent; the role's values stay known.
				Config: acctest.ProviderBlock(url) + strings.Replace(member(first, `role = "ADMINISTRATOR"`), `"Barbara"`, `"Barbara J."`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(memberAddr, tfjsonpath.New("org_roles"), roleCodes(0, 1, 2, 254)),
					plancheck.ExpectKnownValue(memberAddr, tfjsonpath.New("validated"), knownvalue.Bool(false)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					acctest.FakeCheck(func() error {
						if got := bodiesTo(fake, http.MethodPut, userPath(first)); len(got) != 2 || got[1] != `{"name":"Barbara J."}` {
							return fmt.Errorf("PUT bodies = %v, want the name alone second", got)
						}
						return nil
					}),
				},
			},
			{
				// The same address in other letters is the same user: recorded, no call.
				Config: acctest.ProviderBlock(url) + strings.Replace(member(strings.ToUpper(first), `role = "ADMINISTRATOR"`), `"Barbara"`, `"Barbara J."`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					checkMember("email", knownvalue.StringExact(strings.ToUpper(first))),
					acctest.FakeCheck(func() error {
						if got := bodiesTo(fake, http.MethodPut, userPath(first)); len(got) != 2 {
							return fmt.Errorf("PUT bodies = %v, want no third", got)
						}
						return nil
					}),
				},
			},
			{
				// A new email replaces the user: the API cannot change one.
				Config: acctest.ProviderBlock(url) + member(second, `role = "ADMINISTRATOR"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					newID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					checkMember("email", knownvalue.StringExact(second)),
					acctest.FakeCheck(func() error {
						if old := fakeUser(t, fake, first); old.DeletedAt == nil {
							return fmt.Errorf("the replaced user is not deleted: %+v", old)
						}
						return nil
					}),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, address := range []string{first, second} {
				if u := fakeUser(t, fake, address); u.DeletedAt == nil {
					return fmt.Errorf("%s is not deleted after destroy", address)
				}
			}
			return nil
		},
	})
}

// TestAccOrganizationUserResource_recreatedReactivates: destroyed, then
// declared again, the user is reactivated, with the same id, and given
// the configured name and role; no second user is created.
func TestAccOrganizationUserResource_recreatedReactivates(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            acctest.ProviderBlock(url) + member(address),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(memberAddr, tfjsonpath.New("id"))},
			},
			{
				Config: acctest.ProviderBlock(url),
				ConfigStateChecks: []statecheck.StateCheck{acctest.FakeCheck(func() error {
					if u := fakeUser(t, fake, address); u.DeletedAt == nil {
						return fmt.Errorf("not deleted: %+v", u)
					}
					return nil
				})},
			},
			{
				Config: acctest.ProviderBlock(url) + strings.Replace(member(address, `role = "WORKSPACES"`), `"Liskov"`, `"Liskov-Smith"`, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(memberAddr, tfjsonpath.New("id")),
					checkMember("role", knownvalue.StringExact("WORKSPACES")),
					checkMember("last_name", knownvalue.StringExact("Liskov-Smith")),
					checkMember("deleted_at", knownvalue.Null()),
					acctest.FakeCheck(func() error {
						u := fakeUser(t, fake, address)
						// The first create, and the second, which the API refused (409).
						if n := len(fake.CallsTo(http.MethodPost, "/organization/users")); n != 2 {
							return fmt.Errorf("%d creates, want 2", n)
						}
						if n := len(fake.Users()); n != len(fakeapi.SampleUsers())+1 {
							return fmt.Errorf("the organization has %d users, want one more than the sample", n)
						}
						if n := len(fake.CallsTo(http.MethodPost, "/organization/users/"+*u.ID+"/activate")); n != 1 {
							return fmt.Errorf("%d reactivations, want 1", n)
						}
						if u.DeletedAt != nil || *u.OrgRole != 2 || *u.LastName != "Liskov-Smith" {
							return fmt.Errorf("the fake holds %+v", u)
						}
						return nil
					}),
				},
			},
		},
	})
}

// TestAccOrganizationUserResource_drift: a user deleted outside Terraform
// leaves the state, so the plan creates it again (and the create
// reactivates it); a user re-roled outside Terraform shows as drift and is
// set back. It runs on every CLI, Terraform 1.5 included, where a resource
// with an identity that leaves the state needs care.
func TestAccOrganizationUserResource_drift(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	config := acctest.ProviderBlock(url) + member(address, `role = "BILLING"`)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	outside := func(change func(id string) error) func() {
		return func() {
			if err := change(*fakeUser(t, fake, address).ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(memberAddr, tfjsonpath.New("id"))}},
			{
				PreConfig: outside(fake.DeleteUser),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(memberAddr, tfjsonpath.New("id"))},
			},
			{
				PreConfig: outside(func(id string) error { return fake.SetRole(id, fakeapi.RoleAdministrator) }),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectDrift("role", "BILLING", "ADMINISTRATOR"),
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("org_role", knownvalue.Int64Exact(1)),
					acctest.FakeCheck(func() error {
						if u := fakeUser(t, fake, address); *u.OrgRole != 1 {
							return fmt.Errorf("the role was not set back: %+v", u)
						}
						return nil
					}),
				},
			},
		},
	})
}

// TestAccOrganizationUserResource_sendInvite: send_invite is used on
// create; leaving it out later plans nothing, and changing it later
// records the value without a call.
func TestAccOrganizationUserResource_sendInvite(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	writes := func() int { return len(fake.Calls()) - len(fake.CallsTo(http.MethodGet, "/organization/users")) }
	var before int
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderBlock(url) + member(address, "send_invite = false"),
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("send_invite", knownvalue.Bool(false)),
					acctest.FakeCheck(func() error {
						if inv := fake.Invitations(); len(inv) != 0 {
							return fmt.Errorf("invitations = %v, want none", inv)
						}
						return nil
					}),
				},
			},
			{
				Config:           acctest.ProviderBlock(url) + member(address),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig: func() { before = writes() },
				Config:    acctest.ProviderBlock(url) + member(address, "send_invite = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("send_invite", knownvalue.Bool(true)),
					acctest.FakeCheck(func() error {
						for _, c := range fake.Calls()[before:] {
							if c.Method != http.MethodGet {
								return fmt.Errorf("changing send_invite sent %s %s", c.Method, c.Path)
							}
						}
						return nil
					}),
				},
			},
		},
	})
}

// TestAccOrganizationUserResource_withDataSources: data sources that read
// after the resource is written, in the same run, see the write: the
// provider drops its cached list after every write.
func TestAccOrganizationUserResource_withDataSources(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + member(address, `role = "BILLING"`) + `
data "flashback_organization_user" "same" {
  id = flashback_organization_user.member.id
}

data "flashback_organization_users" "billing" {
  roles      = ["BILLING"]
  depends_on = [flashback_organization_user.member]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.flashback_organization_user.same", tfjsonpath.New("email"), knownvalue.StringExact(address)),
				statecheck.ExpectKnownValue("data.flashback_organization_users.billing", tfjsonpath.New("emails"),
					knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(address), knownvalue.StringExact(acctest.Email("claude", "contractor.example.net")),
					})),
			},
		}},
	})
}

// TestDeleteOfAUserAlreadyGoneSucceeds destroys, over the protocol as
// Terraform does after a plan, users that are gone by then: one the API no
// longer has (404) and one deleted since (the API's 400); both are done.
// An active user is deleted, and stays, with deletedAt set.
func TestDeleteOfAUserAlreadyGoneSucceeds(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	h := acctest.NewProtoHarness(t, acctest.ServedProvider(t))
	h.Configure(t, url)
	typ := h.Schemas.ResourceSchemas["flashback_organization_user"].ValueType()
	for _, id := range []string{"no-such-user", fakeapi.SampleDeletedID, fakeapi.SampleUserID} {
		prior := acctest.DynamicValue(t, typ, map[string]tftypes.Value{
			"id": tftypes.NewValue(tftypes.String, id), "role": tftypes.NewValue(tftypes.String, "USER"),
		})
		null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		if err != nil {
			t.Fatal(err)
		}
		planned := &null
		resp, err := h.Server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
			TypeName: "flashback_organization_user", PriorState: prior, PlannedState: planned, Config: planned,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) > 0 {
			t.Errorf("destroying %s:%s", id, acctest.DiagnosticsText(resp.Diagnostics))
		}
	}
	if u, ok := fake.User(fakeapi.SampleUserID); !ok || u.DeletedAt == nil {
		t.Errorf("the active user after its destroy: %+v", u)
	}
	if n := len(fake.CallsTo(http.MethodDelete, "/organization/users/"+fakeapi.SampleDeletedID)); n != 1 {
		t.Errorf("%d deletes of the deleted user, want 1: the test must reach the API's refusal", n)
	}
}
