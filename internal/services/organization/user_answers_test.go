package organization_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// Answers checked against what was asked, answers sparser than the fake's,
// and writes whose answer was lost, through the real CLIs.

// strangerJSON is the user object of the sample's ADMINISTRATOR, whom
// Terraform never manages: an answer about someone else.
func strangerJSON(t *testing.T, fake *fakeapi.Server) string {
	t.Helper()
	u, ok := fake.User(fakeapi.SampleAdminID)
	if !ok {
		t.Fatal("the sample has no ADMINISTRATOR")
	}
	b, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// strangerUntouched checks that no write reached the stranger, who is
// still an active ADMINISTRATOR.
func strangerUntouched(fake *fakeapi.Server) error {
	path := "/organization/users/" + fakeapi.SampleAdminID
	if calls := append(fake.CallsTo(http.MethodDelete, path), fake.CallsTo(http.MethodPut, path)...); len(calls) != 0 {
		return fmt.Errorf("%d writes reached the stranger, the first %s", len(calls), calls[0].Method)
	}
	if u, _ := fake.User(fakeapi.SampleAdminID); u.DeletedAt != nil || *u.OrgRole != fakeapi.RoleAdministrator {
		return fmt.Errorf("the stranger changed: %+v", u)
	}
	return nil
}

var anotherUser = acctest.ErrorLike("Flashback API answered about another user", "Nothing")

// TestAccOrganizationUserResource_createAnsweredAboutAnother: a create
// answered with another user's object is an error; nothing is recorded,
// so that the next apply creates the user and the final destroy deletes
// it, never the stranger.
func TestAccOrganizationUserResource_createAnsweredAboutAnother(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: "/organization/users", Status: http.StatusCreated,
		Body: `{"success":true,"message":"User created successfully","data":` + strangerJSON(t, fake) + `}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderBlock(url) + member(address), ExpectError: acctest.ErrorLike("Flashback API answered about another user",
				`a new user with the email "`+address+`"`, `the id "`+fakeapi.SampleAdminID+`"`, "Nothing was recorded in the state")},
			{
				// Nothing was recorded: the plan creates the user again.
				Config: acctest.ProviderBlock(url) + member(address),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("id", knownvalue.StringFunc(func(id string) error {
						if id == fakeapi.SampleAdminID {
							return fmt.Errorf("the state took the stranger's id")
						}
						return nil
					})),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error { return strangerUntouched(fake) },
	})
}

// TestAccOrganizationUserResource_readAnsweredAboutAnother: a refresh
// whose read answers another id fails, and the state keeps the user it
// had (Terraform 1.5.7 re-pointed the resource at the stranger).
func TestAccOrganizationUserResource_readAnsweredAboutAnother(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	config := acctest.ProviderBlock(url) + member(address)
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					id = *fakeUser(t, fake, address).ID
					fake.Script(fakeapi.Reply{Method: http.MethodGet, Path: "/organization/users/" + id, Body: strangerJSON(t, fake)})
				},
				Config:      config,
				ExpectError: anotherUser,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("email", knownvalue.StringExact(address)),
					acctest.FakeCheck(func() error { return sameStateID(fake, address, id) }),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error { return strangerUntouched(fake) },
	})
}

// sameStateID checks that the user with the email still has the id.
func sameStateID(fake *fakeapi.Server, address, id string) error {
	if u, ok := fake.UserByEmail(address); !ok || *u.ID != id {
		return fmt.Errorf("the user %s is %+v, want the id %s", address, u, id)
	}
	return nil
}

// TestAccOrganizationUserResource_updateAnsweredAboutAnother: an update
// answered about another id fails, and the state keeps what it had: the
// next plan updates again.
func TestAccOrganizationUserResource_updateAnsweredAboutAnother(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	renamed := acctest.ProviderBlock(url) + strings.Replace(member(address), `"Barbara"`, `"Barbara J."`, 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderBlock(url) + member(address)},
			{
				PreConfig: func() {
					fake.Script(fakeapi.Reply{Method: http.MethodPut, Body: `{"success":true,"data":` + strangerJSON(t, fake) + `}`})
				},
				Config:      renamed,
				ExpectError: anotherUser,
			},
			{
				Config: renamed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkMember("name", knownvalue.StringExact("Barbara J."))},
			},
		},
		CheckDestroy: func(*terraform.State) error { return strangerUntouched(fake) },
	})
}

// TestAccOrganizationUserResource_activateAnsweredAboutAnother: a
// reactivation answered about another id fails, with nothing recorded.
func TestAccOrganizationUserResource_activateAnsweredAboutAnother(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	mallory := acctest.Email("mallory", "example.com") // deleted in the sample
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: "/organization/users/" + fakeapi.SampleDeletedID + "/activate",
		Body: `{"success":true,"data":` + strangerJSON(t, fake) + `}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderBlock(url) + member(mallory), ExpectError: anotherUser},
			{
				// The script is used up: the reactivation goes through.
				Config:            acctest.ProviderBlock(url) + member(mallory),
				ConfigStateChecks: []statecheck.StateCheck{checkMember("id", knownvalue.StringExact(fakeapi.SampleDeletedID))},
			},
		},
		CheckDestroy: func(*terraform.State) error { return strangerUntouched(fake) },
	})
}

// sparse are the fields a sparse answer leaves out of the user.
var sparse = []string{"name", "lastName", "orgRole", "validated", "orgRoleDescription", "orgRoles", "orgId"}

// TestAccOrganizationUserResource_sparseAnswers: a create and an update
// answered without most of the user's fields end with the planned values
// in state, not "Provider produced inconsistent result".
func TestAccOrganizationUserResource_sparseAnswers(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	promoted := acctest.ProviderBlock(url) + strings.Replace(member(address, `role = "WORKSPACES"`), `"Liskov"`, `"Liskov-Smith"`, 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: "/organization/users", Omit: sparse}) },
				Config:    acctest.ProviderBlock(url) + member(address, `role = "BILLING"`),
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("name", knownvalue.StringExact("Barbara")),
					checkMember("role", knownvalue.StringExact("BILLING")),
					checkMember("org_role", knownvalue.Int64Exact(1)),
				},
			},
			{
				PreConfig: func() { fake.Script(fakeapi.Reply{Method: http.MethodPut, Omit: sparse}) },
				Config:    promoted,
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("last_name", knownvalue.StringExact("Liskov-Smith")),
					checkMember("role", knownvalue.StringExact("WORKSPACES")),
					acctest.FakeCheck(func() error {
						if n := len(fake.CallsTo(http.MethodPut, "/organization/users/"+*fakeUser(t, fake, address).ID)); n != 1 {
							return fmt.Errorf("%d updates, want 1", n)
						}
						return nil
					}),
				},
			},
			{
				// A name unchanged keeps the role's description and list from
				// the state; the update's sparse answer leaves them out.
				PreConfig: func() { fake.Script(fakeapi.Reply{Method: http.MethodPut, Omit: sparse}) },
				Config:    strings.Replace(promoted, `"Barbara"`, `"Barbara J."`, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("org_role_description", knownvalue.StringExact("WORKSPACES")),
					checkMember("org_roles", roleCodes(0, 1, 2)),
				},
			},
		},
	})
}

// TestAccOrganizationUserResource_lostCreateAnswer: the API creates the
// user and its answer is lost (the connection closes; or a proxy answers
// 503 and the retry meets 409). The apply takes the user it made into the
// state, the next plan has nothing to do, and one user exists.
func TestAccOrganizationUserResource_lostCreateAnswer(t *testing.T) {
	for name, tc := range map[string]struct {
		reply fakeapi.Reply
		posts int
	}{
		"connection closed": {fakeapi.Reply{Act: true, Hangup: true}, 1},
		"503, then 409":     {fakeapi.Reply{Act: true, Status: http.StatusServiceUnavailable, Body: `{"success":false,"message":"upstream timed out"}`}, 2},
	} {
		t.Run(name, func(t *testing.T) {
			fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
			address := acctest.Email("barbara", "example.com")
			tc.reply.Method, tc.reply.Path = http.MethodPost, "/organization/users"
			fake.Script(tc.reply)
			config := acctest.ProviderBlock(url, "max_retries = 2") + member(address, `role = "BILLING"`)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: config,
						ConfigStateChecks: []statecheck.StateCheck{
							checkMember("role", knownvalue.StringExact("BILLING")),
							acctest.FakeCheck(func() error {
								u := fakeUser(t, fake, address)
								if n := len(fake.CallsTo(http.MethodPost, "/organization/users")); n != tc.posts || len(fake.Users()) != len(fakeapi.SampleUsers())+1 {
									return fmt.Errorf("%d creates and %d users, want %d and one more than the sample", n, len(fake.Users()), tc.posts)
								}
								return sameStateID(fake, address, *u.ID)
							}),
						},
					},
					{
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(memberAddr, plancheck.ResourceActionNoop),
						}},
					},
				},
			})
		})
	}
}

// TestAccOrganizationUserResource_lostCreateAnswerNotAsAsked: when the
// create's answer is lost and the user with the email is not what was
// asked, the apply fails saying that the user may exist and how to import
// it; nothing is recorded, and the create is not sent twice.
func TestAccOrganizationUserResource_lostCreateAnswerNotAsAsked(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	edsger := acctest.Email("edsger", "example.com") // a USER named Edsger in the sample
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: "/organization/users", Hangup: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + member(edsger),
			ExpectError: acctest.ErrorLike("Flashback user may have been created", "not exactly what was asked",
				`id = "`+fakeapi.SampleUserID+`"`),
		}},
	})
	if n := len(fake.CallsTo(http.MethodPost, "/organization/users")); n != 1 {
		t.Errorf("%d creates, want 1", n)
	}
}

// TestAccOrganizationUserResource_lostCreateAnswerWarns: the apply that
// takes the user a lost create made says so, in a warning.
func TestAccOrganizationUserResource_lostCreateAnswerWarns(t *testing.T) {
	r := acctest.NewCLIRunner(t)
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.Script(fakeapi.Reply{Method: http.MethodPost, Path: "/organization/users", Act: true, Hangup: true})
	config := acctest.CLIProvider(fmt.Sprintf("base_url = %q\n  access_token = %q\n  %s", url, acctest.TestToken, acctest.FastRetries)) +
		member(acctest.Email("barbara", "example.com"))
	run := r.Run(t, map[string]string{"main.tf": config}, nil, "apply", "-auto-approve", "-json", "-input=false")
	if run.Failed {
		t.Fatalf("apply failed:\n%s%s", run.Stdout, run.Stderr)
	}
	for _, d := range acctest.ParseDiagnostics(t, []byte(run.Stdout)) {
		if d.Severity == "warning" && d.Summary == "Flashback user created, though the API's answer was lost" &&
			strings.Contains(d.Detail, "Nothing was created twice") {
			return
		}
	}
	t.Errorf("no warning says that the answer was lost:\n%s", run.Stdout)
}

// TestAccOrganizationUserResource_lostWriteAnswers: an update and a
// destroy whose answers are lost after the API acted succeed, once a read
// of the user shows them done; each is sent once.
func TestAccOrganizationUserResource_lostWriteAnswers(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	hangUpAfter := func(method string) func() {
		return func() { fake.Script(fakeapi.Reply{Method: method, Act: true, Hangup: true}) }
	}
	sent := func(method string, want int) statecheck.StateCheck {
		return acctest.FakeCheck(func() error {
			if n := len(fake.CallsTo(method, "/organization/users/"+*fakeUser(t, fake, address).ID)); n != want {
				return fmt.Errorf("%d %s sent, want %d", n, method, want)
			}
			return nil
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderBlock(url) + member(address)},
			{
				PreConfig: hangUpAfter(http.MethodPut),
				Config:    acctest.ProviderBlock(url) + member(address, `role = "WORKSPACES"`),
				ConfigStateChecks: []statecheck.StateCheck{
					checkMember("role", knownvalue.StringExact("WORKSPACES")),
					sent(http.MethodPut, 1),
				},
			},
			{
				PreConfig: hangUpAfter(http.MethodDelete),
				Config:    acctest.ProviderBlock(url),
				ConfigStateChecks: []statecheck.StateCheck{
					sent(http.MethodDelete, 1),
					acctest.FakeCheck(func() error {
						if u := fakeUser(t, fake, address); u.DeletedAt == nil {
							return fmt.Errorf("not deleted: %+v", u)
						}
						return nil
					}),
				},
			},
		},
	})
}
