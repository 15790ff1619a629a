package organization_test

import (
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

func user(i int, name string) tfjsonpath.Path {
	return tfjsonpath.New("users").AtSliceIndex(i).AtMapKey(name)
}

func TestAccOrganizationUsers_referenceExample(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.ReferenceUsers())
	const org = "123e4567-e89b-12d3-a456-426614174000"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckUsers(acctest.Top("total"), knownvalue.Int64Exact(2)),
				acctest.CheckUsers(acctest.Top("org_id"), knownvalue.StringExact(org)),
				acctest.CheckUsers(acctest.Top("users"), knownvalue.ListSizeExact(2)),
				// Both users share one email in the reference, so the id decides the order.
				acctest.CheckUsers(tfjsonpath.New("users").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":                   knownvalue.StringExact("550e8400-e29b-41d4-a716-446655440000"),
					"email":                knownvalue.StringExact("[email\u00a0protected]"),
					"name":                 knownvalue.StringExact("John"),
					"last_name":            knownvalue.StringExact("Doe"),
					"org_id":               knownvalue.StringExact(org),
					"org_role":             knownvalue.Int64Exact(2),
					"org_role_name":        knownvalue.StringExact("WORKSPACES"),
					"org_role_description": knownvalue.StringExact("WORKSPACES"),
					"org_roles":            knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(0), knownvalue.Int64Exact(1), knownvalue.Int64Exact(2)}),
					"validated":            knownvalue.Bool(true),
					"deleted_at":           knownvalue.Null(),
				})),
				acctest.CheckUsers(user(1, "id"), knownvalue.StringExact("660e8400-e29b-41d4-a716-446655440001")),
				acctest.CheckUsers(user(1, "name"), knownvalue.StringExact("Jane")),
				acctest.CheckUsers(user(1, "org_role"), knownvalue.Int64Exact(0)),
				acctest.CheckUsers(user(1, "org_role_name"), knownvalue.StringExact("USER")),
				acctest.CheckUsers(user(1, "org_roles"), knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(0)})),
				acctest.CheckUsers(acctest.Top("emails"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("[email\u00a0protected]"), knownvalue.StringExact("[email\u00a0protected]"),
				})),
			},
		}},
	})

	reqs := fake.Requests()
	if len(reqs) == 0 {
		t.Fatal("the fake API received no request")
	}
	r := reqs[0]
	if got := r.Header.Get("Authorization"); got != "Bearer "+acctest.TestToken {
		t.Errorf("Authorization = %q, want the bearer token", got)
	}
	if got := r.Header.Get("Accept"); got != "application/json" {
		t.Errorf("Accept = %q, want application/json", got)
	}
	if ua := r.Header.Get("User-Agent"); !regexp.MustCompile(`^terraform-provider-flashback/test Terraform/\d+\.\d+\.\d+`).MatchString(ua) {
		t.Errorf("User-Agent = %q, want the provider and Terraform versions", ua)
	}
}

// TestAccOrganizationUsers_filters shows that each filter argument reaches
// the filter; the client's TestFilter covers how filters combine.
func TestAccOrganizationUsers_filters(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	step := func(args string, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{
			Config:            acctest.ProviderBlock(url) + "data \"flashback_organization_users\" \"test\" {\n" + args + "\n}\n",
			ConfigStateChecks: append(checks, acctest.CheckUsers(acctest.Top("total"), knownvalue.Int64Exact(7)), acctest.CheckUsers(acctest.Top("org_id"), knownvalue.StringExact(fakeapi.SampleOrgID))),
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Deleted users are left out by default.
			step("", acctest.EmailsAre("ada", "alan", "claude", "edsger", "grace", "katherine"),
				acctest.CheckUsers(user(2, "validated"), knownvalue.Bool(false))),
			step("include_deleted = true", acctest.EmailsAre("ada", "alan", "claude", "edsger", "grace", "katherine", "mallory"),
				acctest.CheckUsers(user(6, "deleted_at"), knownvalue.StringExact("2026-03-14T09:26:53.000Z"))),
			step(`roles = ["ADMINISTRATOR", "BILLING"]`, acctest.EmailsAre("alan", "claude"),
				acctest.CheckUsers(user(0, "org_role"), knownvalue.Int64Exact(254)),
				acctest.CheckUsers(user(0, "org_role_name"), knownvalue.StringExact("ADMINISTRATOR"))),
			step(`min_role = "ADMINISTRATOR"`, acctest.EmailsAre("ada", "alan", "grace")),
			step("validated = false", acctest.EmailsAre("claude")),
		},
	})
}

func TestAccOrganizationUsers_environment(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	t.Setenv(provider.EnvAccessToken, acctest.TestToken)
	t.Setenv(provider.EnvBaseURL, url+"/")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "flashback" {}
data "flashback_organization_users" "test" {
  roles = ["OWNER"]
}`,
			ConfigStateChecks: []statecheck.StateCheck{acctest.EmailsAre("ada", "grace")},
		}},
	})
}

func TestAccOrganizationUsers_basePathPrefix(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.PathPrefix = "/api/v1"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            acctest.ProviderBlock(url+"/api/v1/") + `data "flashback_organization_users" "test" { roles = ["OWNER"] }`,
			ConfigStateChecks: []statecheck.StateCheck{acctest.EmailsAre("ada", "grace")},
		}},
	})
}

func TestAccOrganizationUsers_nullsAndUnknownRoles(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, nil)
	// No success and no total (so the read needs allow_incomplete, and
	// total is null); nulls, missing fields and a role code outside the table.
	fake.Always(fakeapi.Reply{Body: `{"data": [
		{"id": "u2", "email": "B@Example.com", "orgRole": 7, "orgRoles": null, "validated": null, "extra": {"ignored": true}},
		{"id": "u1", "email": null, "name": null},
		{"id": "u3", "email": "a@example.com", "orgId": "org-9", "orgRole": 254, "deletedAt": "2026-01-01T00:00:00Z"}
	]}`})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" {
  include_deleted  = true
  allow_incomplete = true
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckUsers(acctest.Top("total"), knownvalue.Null()),
				// org_id comes from the users before any filter: only the deleted one has it.
				acctest.CheckUsers(acctest.Top("org_id"), knownvalue.StringExact("org-9")),
				// A null email sorts first; "a@" before "B@" ignoring case.
				acctest.CheckUsers(acctest.Top("emails"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.Null(), knownvalue.StringExact("a@example.com"), knownvalue.StringExact("B@Example.com"),
				})),
				acctest.CheckUsers(tfjsonpath.New("users").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact("u1"), "email": knownvalue.Null(), "name": knownvalue.Null(),
					"last_name": knownvalue.Null(), "org_id": knownvalue.Null(), "org_role": knownvalue.Null(),
					"org_role_name": knownvalue.Null(), "org_role_description": knownvalue.Null(),
					"org_roles": knownvalue.ListExact([]knownvalue.Check{}), "validated": knownvalue.Null(), "deleted_at": knownvalue.Null(),
				})),
				acctest.CheckUsers(user(1, "org_role_name"), knownvalue.StringExact("ADMINISTRATOR")),
				acctest.CheckUsers(user(1, "deleted_at"), knownvalue.StringExact("2026-01-01T00:00:00Z")),
				acctest.CheckUsers(user(2, "org_role"), knownvalue.Int64Exact(7)),
				acctest.CheckUsers(user(2, "org_role_name"), knownvalue.StringExact("UNKNOWN")),
				acctest.CheckUsers(user(2, "org_roles"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccOrganizationUsers_emptyOrganization(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, []fakeapi.User{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.CheckUsers(acctest.Top("users"), knownvalue.ListExact([]knownvalue.Check{})),
				acctest.CheckUsers(acctest.Top("emails"), knownvalue.ListExact([]knownvalue.Check{})),
				acctest.CheckUsers(acctest.Top("total"), knownvalue.Int64Exact(0)),
				acctest.CheckUsers(acctest.Top("org_id"), knownvalue.Null()),
			},
		}},
	})
}

// requestsFor runs one apply of config against a fresh fake API and returns
// how many requests the API received.
func requestsFor(t *testing.T, config func(url string) string, checks ...statecheck.StateCheck) int {
	t.Helper()
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config(url), ConfigStateChecks: checks}},
	})
	return fake.RequestCount()
}

// TestAccOrganizationUsers_oneRequestPerRun shows that the data sources a
// provider configuration reads in one Terraform operation share one API
// call: five blocks cost what one costs. Terraform reads them in parallel,
// so this also shows that parallel reads coalesce.
func TestAccOrganizationUsers_oneRequestPerRun(t *testing.T) {
	one := requestsFor(t, func(url string) string {
		return acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" {}`
	})
	five := requestsFor(t, func(url string) string {
		return acctest.ProviderBlock(url) + `
data "flashback_organization_users" "test" {}
data "flashback_organization_users" "owners" { roles = ["OWNER"] }
data "flashback_organization_users" "admins" { min_role = "ADMINISTRATOR" }
data "flashback_organization_user" "ada" { email = "` + acctest.Email("ADA", "example.com") + `" }
data "flashback_organization_user" "alan" { id = "a1b2c3d4-0003-4000-8000-000000000003" }
`
	},
		// Each block still gets its own filter, applied to its own copy.
		acctest.CheckUsers(acctest.Top("users"), knownvalue.ListSizeExact(6)),
		statecheck.ExpectKnownValue("data.flashback_organization_users.owners", tfjsonpath.New("emails"),
			knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(acctest.Email("ada", "example.com")), knownvalue.StringExact(acctest.Email("grace", "example.com"))})),
		statecheck.ExpectKnownValue("data.flashback_organization_users.admins", tfjsonpath.New("users"), knownvalue.ListSizeExact(3)),
		statecheck.ExpectKnownValue("data.flashback_organization_user.alan", tfjsonpath.New("name"), knownvalue.StringExact("Alan")),
	)
	if one == 0 {
		t.Fatal("one data source made no request")
	}
	if five != one {
		t.Errorf("five data sources made %d requests, one made %d: the reads were not shared", five, one)
	}
}

// fiveReads is a configuration with five data sources on one provider.
const fiveReads = `
data "flashback_organization_users" "all" {}
data "flashback_organization_users" "owners" { roles = ["OWNER"] }
data "flashback_organization_users" "admins" { min_role = "ADMINISTRATOR" }
data "flashback_organization_user" "alan" { id = "a1b2c3d4-0003-4000-8000-000000000003" }
data "flashback_organization_user" "grace" { id = "a1b2c3d4-0002-4000-8000-000000000002" }
`

// TestAccOrganizationUsers_cliAliasesCallSeparately runs the real CLI, with
// the provider as its own process as in production. A plan that reads five
// data sources of the default configuration sends exactly one request; an
// aliased provider configuration with another base_url and token makes its
// own call, with its own token: a mix-up would get a 401 and fail the plan.
func TestAccOrganizationUsers_cliAliasesCallSeparately(t *testing.T) {
	r := acctest.NewCLIRunner(t)
	other := fakeapi.New("other-token", fakeapi.ReferenceUsers())
	otherSrv := httptest.NewServer(other)
	t.Cleanup(otherSrv.Close)
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	res := r.Plan(t, map[string]string{"main.tf": acctest.CLIProvider("") + `
provider "flashback" {
  alias        = "other"
  base_url     = "` + otherSrv.URL + `"
  access_token = "other-token"
}
` + fiveReads + `
data "flashback_organization_users" "other_all" {
  provider = flashback.other
}
data "flashback_organization_users" "other_admins" {
  provider = flashback.other
  min_role = "WORKSPACES"
}
`}, url)
	if res.Failed || len(res.Diagnostics) > 0 {
		t.Fatalf("plan failed: %v\n%s", res.Diagnostics, res.Output)
	}
	if fake.RequestCount() != 1 || other.RequestCount() != 1 {
		t.Errorf("requests: default configuration %d, alias %d; want 1 each", fake.RequestCount(), other.RequestCount())
	}
}
