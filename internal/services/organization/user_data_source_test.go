package organization_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

const userAddr = "data.flashback_organization_user.test"

// checkUser asserts one attribute of data.flashback_organization_user.test.
func checkUser(name string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(userAddr, tfjsonpath.New(name), want)
}

// userConfig is the provider block for url and the data source with args.
func userConfig(url, args string) string {
	return acctest.ProviderBlock(url) + "data \"flashback_organization_user\" \"test\" {\n  " + args + "\n}\n"
}

func TestAccOrganizationUser_byID(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: userConfig(url, `id = "`+acctest.AdaID+`"`),
			ConfigStateChecks: []statecheck.StateCheck{
				// Every field, as in an element of flashback_organization_users.users.
				checkUser("id", knownvalue.StringExact(acctest.AdaID)),
				checkUser("email", knownvalue.StringExact(acctest.Email("ada", "example.com"))),
				checkUser("name", knownvalue.StringExact("Ada")),
				checkUser("last_name", knownvalue.StringExact("Lovelace")),
				checkUser("org_id", knownvalue.StringExact(fakeapi.SampleOrgID)),
				checkUser("org_role", knownvalue.Int64Exact(255)),
				checkUser("org_role_name", knownvalue.StringExact("OWNER")),
				checkUser("org_role_description", knownvalue.StringExact("OWNER")),
				checkUser("org_roles", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.Int64Exact(0), knownvalue.Int64Exact(1), knownvalue.Int64Exact(2), knownvalue.Int64Exact(254), knownvalue.Int64Exact(255),
				})),
				checkUser("validated", knownvalue.Bool(true)),
				checkUser("deleted_at", knownvalue.Null()),
			},
		}},
	})
}

// TestAccOrganizationUser_byEmail shows that the email match ignores case,
// and that the email keeps the value given.
func TestAccOrganizationUser_byEmail(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	asked := acctest.Email("GRACE", "Example.COM")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: userConfig(url, `email = "`+asked+`"`),
			ConfigStateChecks: []statecheck.StateCheck{
				checkUser("id", knownvalue.StringExact(acctest.GraceID)),
				checkUser("email", knownvalue.StringExact(asked)),
				checkUser("name", knownvalue.StringExact("Grace")),
				checkUser("org_role_name", knownvalue.StringExact("OWNER")),
				checkUser("deleted_at", knownvalue.Null()),
			},
		}},
	})
}

// TestAccOrganizationUser_deleted shows that a deleted user is found, by
// id and by email, with deleted_at set.
func TestAccOrganizationUser_deleted(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	deleted := []statecheck.StateCheck{
		checkUser("deleted_at", knownvalue.StringExact("2026-03-14T09:26:53.000Z")),
		checkUser("org_role_name", knownvalue.StringExact("ADMINISTRATOR")),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            userConfig(url, `id = "`+acctest.MalloryID+`"`),
				ConfigStateChecks: append(deleted, checkUser("email", knownvalue.StringExact(acctest.Email("mallory", "example.com")))),
			},
			{
				Config:            userConfig(url, `email = "`+acctest.Email("mallory", "example.com")+`"`),
				ConfigStateChecks: append(deleted, checkUser("id", knownvalue.StringExact(acctest.MalloryID))),
			},
		},
	})
}

// duplicateUser is a user of an organization where several share an email.
func duplicateUser(id, address string, deletedAt *string) fakeapi.User {
	return fakeapi.User{
		ID: fakeapi.Ptr(id), Email: fakeapi.Ptr(address), Name: fakeapi.Ptr(id), OrgID: fakeapi.Ptr("org-dup"),
		OrgRole: fakeapi.Ptr(client.RoleWorkspaces), Validated: fakeapi.Ptr(true), DeletedAt: deletedAt, OrgRoles: []int64{0, 1, 2},
	}
}

// TestAccOrganizationUser_duplicateEmails shows that the active user wins
// over deleted ones that share its email, and that two active users with
// one email give an error that lists their ids.
func TestAccOrganizationUser_duplicateEmails(t *testing.T) {
	ops := acctest.Email("ops", "example.com")
	gone := fakeapi.Ptr("2026-01-01T00:00:00.000Z")

	t.Run("active wins", func(t *testing.T) {
		_, url := acctest.StartFakeAPI(t, []fakeapi.User{
			duplicateUser("ops-old-1", ops, gone),
			duplicateUser("ops-new", acctest.Email("Ops", "Example.com"), nil),
			duplicateUser("ops-old-2", acctest.Email("OPS", "example.com"), gone),
		})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: userConfig(url, `email = "`+ops+`"`),
				ConfigStateChecks: []statecheck.StateCheck{
					checkUser("id", knownvalue.StringExact("ops-new")),
					checkUser("email", knownvalue.StringExact(ops)),
					checkUser("deleted_at", knownvalue.Null()),
				},
			}},
		})
	})

	t.Run("ambiguous", func(t *testing.T) {
		_, url := acctest.StartFakeAPI(t, []fakeapi.User{
			duplicateUser("ops-b", ops, nil),
			duplicateUser("ops-old", ops, gone),
			duplicateUser("ops-a", strings.ToUpper(ops), nil),
		})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: userConfig(url, `email = "`+ops+`"`),
				// Users are sorted by email ignoring case, then by id.
				ExpectError: acctest.ErrorLike("Several Flashback users share this email",
					`2 active users have the email "`+ops+`"`, `ids "ops-a", "ops-b"`, "Look the user up by id instead"),
			}},
		})
	})
}

// TestAccOrganizationUser_notFound shows that the error names the id or
// the email asked for.
func TestAccOrganizationUser_notFound(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	nobody := acctest.Email("nobody", "example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      userConfig(url, `email = "`+nobody+`"`),
				ExpectError: acctest.ErrorLike("Flashback user not found", `No user has the email "`+nobody+`"`, "7 users", "Check the address"),
			},
			{
				Config:      userConfig(url, `id = "no-such-id"`),
				ExpectError: acctest.ErrorLike("Flashback user not found", `No user has the id "no-such-id"`, "Check the id"),
			},
		},
	})
}

// TestAccOrganizationUser_arguments shows that giving both id and email,
// neither, or an empty one, fails at plan time, before any request.
func TestAccOrganizationUser_arguments(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	cases := []struct {
		name string
		args string
		want *regexp.Regexp
	}{
		{"both", `id = "` + acctest.AdaID + `"` + "\n  email = \"" + acctest.Email("ada", "example.com") + `"`,
			acctest.ErrorLike("Invalid Attribute Combination", "Exactly one of these attributes must be configured: [id,email]")},
		{"neither", ``, acctest.ErrorLike("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [id,email]")},
		{"empty email", `email = ""`, acctest.ErrorLike("email", "length must be at least 1")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      userConfig(url, tc.args),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
	if n := fake.RequestCount(); n != 0 {
		t.Errorf("the fake API received %d requests; these errors must come before any", n)
	}
}

// TestAccOrganizationUser_idKnownAfterApply shows that an id known only
// after apply is not mistaken for a missing one: the lookup waits for it.
func TestAccOrganizationUser_idKnownAfterApply(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `
resource "terraform_data" "id" {
  input = "` + acctest.GraceID + `"
}
data "flashback_organization_user" "test" {
  id = terraform_data.id.output
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				checkUser("email", knownvalue.StringExact(acctest.Email("grace", "example.com"))),
			},
		}},
	})
}

// TestAccOrganizationUser_apiError shows that an API failure reaches the
// single-user lookup with the client's message.
func TestAccOrganizationUser_apiError(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, nil)
	fake.Always(fakeapi.Reply{Status: 403, Body: `{"success": false, "data": [], "total": 0}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      userConfig(url, `id = "`+acctest.AdaID+`"`),
			ExpectError: acctest.ErrorLike("HTTP 403", "WORKSPACES role or higher"),
		}},
	})
}

// TestAccOrganizationUser_dataSourceExample applies the documentation's
// example, examples/data-sources/flashback_organization_user/data-source.tf,
// to the sample organization, and shows its postcondition failing when the
// break-glass account is deleted.
func TestAccOrganizationUser_dataSourceExample(t *testing.T) {
	example := acctest.ExampleFile(t, "data-sources/flashback_organization_user/data-source.tf")
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + example,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("ada", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":        knownvalue.StringExact(acctest.AdaID),
					"role":      knownvalue.StringExact("OWNER"),
					"validated": knownvalue.Bool(true),
				})),
			},
		}},
	})

	users := fakeapi.SampleUsers()
	for i := range users {
		if *users[i].ID == acctest.GraceID {
			users[i].DeletedAt = fakeapi.Ptr("2026-04-01T00:00:00.000Z")
		}
	}
	_, url = acctest.StartFakeAPI(t, users)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + example,
			ExpectError: acctest.ErrorLike("The break-glass account " + acctest.Email("grace", "example.com") +
				" must be an active OWNER, but its role is OWNER and it was deleted at 2026-04-01T00:00:00.000Z."),
		}},
	})
}
