package organization_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The list resource's query tests: `terraform query` through
// terraform-plugin-testing's query mode, on Terraform 1.14 and later.

// listBlock is a list block named name with a config of HCL lines.
func listBlock(name string, config ...string) string {
	return fmt.Sprintf(`
list "flashback_organization_user" %q {
  provider = flashback
  config {
    %s
  }
}
`, name, strings.Join(config, "\n    "))
}

func samples(locals ...string) []string {
	out := make([]string, len(locals))
	for i, l := range locals {
		out[i] = acctest.Sample(l)
	}
	return out
}

func byID(id string) queryfilter.QueryFilter {
	return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
}

// TestAccOrganizationUserList_filters runs one query with a list block per
// filter, each with the data source's meaning, and shows that all of them
// share one call to the API.
func TestAccOrganizationUserList_filters(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	lists := listBlock("all") +
		listBlock("owners", `roles = ["OWNER"]`) +
		listBlock("some_roles", `roles = ["BILLING", "USER", "BILLING"]`) +
		listBlock("admins", `min_role = "ADMINISTRATOR"`) +
		listBlock("unvalidated", `validated = false`) +
		listBlock("with_deleted", `include_deleted = true`) +
		listBlock("deleted_admins", `include_deleted = true`, `roles = ["ADMINISTRATOR"]`, `validated = true`)
	resource.Test(t, acctest.QueryTest(t, url, lists,
		acctest.ExpectDisplayNames("flashback_organization_user.all", samples("ada", "alan", "claude", "edsger", "grace", "katherine")...),
		acctest.ExpectDisplayNames("flashback_organization_user.owners", samples("ada", "grace")...),
		acctest.ExpectDisplayNames("flashback_organization_user.some_roles", samples("claude", "edsger")...),
		acctest.ExpectDisplayNames("flashback_organization_user.admins", samples("ada", "alan", "grace")...),
		acctest.ExpectDisplayNames("flashback_organization_user.unvalidated", samples("claude")...),
		acctest.ExpectDisplayNames("flashback_organization_user.with_deleted",
			samples("ada", "alan", "claude", "edsger", "grace", "katherine", "mallory")...),
		acctest.ExpectDisplayNames("flashback_organization_user.deleted_admins", samples("alan", "mallory")...),
		querycheck.ExpectIdentity("flashback_organization_user.owners",
			map[string]knownvalue.Check{"id": knownvalue.StringExact(fakeapi.SampleSecondOwnerID)}),
		querycheck.ExpectResourceDisplayName("flashback_organization_user.with_deleted", byID(fakeapi.SampleDeletedID),
			knownvalue.StringExact(acctest.Sample("mallory"))),
	))
	if n := len(fake.CallsTo(http.MethodGet, client.UsersPath)); n != 1 {
		t.Errorf("the query's seven list blocks made %d calls to GET %s, want 1", n, client.UsersPath)
	}
}

// TestAccOrganizationUserList_includeResource returns the resource as an
// import would read it, and leaves out the users no configuration can
// import: the deleted one, asked for with include_deleted.
func TestAccOrganizationUserList_includeResource(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	lists := `
list "flashback_organization_user" "members" {
  provider         = flashback
  include_resource = true
  config {
    include_deleted = true
  }
}
`
	at := func(name string) tfjsonpath.Path { return tfjsonpath.New(name) }
	resource.Test(t, acctest.QueryTest(t, url, lists,
		acctest.ExpectDisplayNames("flashback_organization_user.members", samples("ada", "alan", "claude", "edsger", "grace", "katherine")...),
		querycheck.ExpectResourceKnownValues("flashback_organization_user.members", byID(fakeapi.SampleBillingID), []querycheck.KnownValueCheck{
			{Path: at("id"), KnownValue: knownvalue.StringExact(fakeapi.SampleBillingID)},
			{Path: at("email"), KnownValue: knownvalue.StringExact(acctest.Sample("claude"))},
			{Path: at("name"), KnownValue: knownvalue.StringExact("Claude")},
			{Path: at("last_name"), KnownValue: knownvalue.StringExact("Shannon")},
			{Path: at("role"), KnownValue: knownvalue.StringExact("BILLING")},
			{Path: at("send_invite"), KnownValue: knownvalue.Bool(true)},
			{Path: at("password_wo"), KnownValue: knownvalue.Null()},
			{Path: at("org_id"), KnownValue: knownvalue.StringExact(fakeapi.SampleOrgID)},
			{Path: at("org_role"), KnownValue: knownvalue.Int64Exact(client.RoleBilling)},
			{Path: at("org_roles"), KnownValue: knownvalue.ListExact([]knownvalue.Check{
				knownvalue.Int64Exact(client.RoleUser), knownvalue.Int64Exact(client.RoleBilling)})},
			{Path: at("validated"), KnownValue: knownvalue.Bool(false)},
			{Path: at("deleted_at"), KnownValue: knownvalue.Null()},
		}),
		querycheck.ExpectNoIdentity("flashback_organization_user.members",
			map[string]knownvalue.Check{"id": knownvalue.StringExact(fakeapi.SampleDeletedID)}),
	))
}

// TestAccOrganizationUserList_usersNoConfigCanImport lists the odd users
// by identity, but leaves them out when the resource is asked for, as it
// is to generate configuration.
func TestAccOrganizationUserList_usersNoConfigCanImport(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, append(fakeapi.SampleUsers()[:1], acctest.OddUsers()...))
	lists := listBlock("found") + `
list "flashback_organization_user" "importable" {
  provider         = flashback
  include_resource = true
}
`
	resource.Test(t, acctest.QueryTest(t, url, lists,
		acctest.ExpectDisplayNames("flashback_organization_user.found",
			acctest.OddIDs[4], acctest.Sample("ada"), acctest.Sample("barbara"), acctest.Sample("frances"), acctest.Sample("ken"), acctest.Sample("margaret")),
		acctest.ExpectDisplayNames("flashback_organization_user.importable", acctest.Sample("ada")),
	))
}

// TestAccOrganizationUserList_limit gives the first users by email, as many
// as the list block's limit.
func TestAccOrganizationUserList_limit(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	lists := `
list "flashback_organization_user" "first" {
  provider = flashback
  limit    = 2
}
`
	resource.Test(t, acctest.QueryTest(t, url, lists,
		acctest.ExpectDisplayNames("flashback_organization_user.first", samples("ada", "alan")...),
	))
}

// TestAccOrganizationUserList_invalidConfig refuses what the data source
// refuses, naming the argument.
func TestAccOrganizationUserList_invalidConfig(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	for _, tc := range []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"unknown role", `roles = ["owner"]`, acctest.ErrorLike("roles", "value must be one of")},
		{"empty roles", `roles = []`, acctest.ErrorLike("roles", "at least 1")},
		{"null in roles", `roles = ["OWNER", null]`, acctest.ErrorLike("Null List Value", "contains a null value")},
		{"unknown min_role", `min_role = "ROOT"`, acctest.ErrorLike("min_role", "value must be one of")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := acctest.QueryTest(t, url, listBlock("bad", tc.config))
			c.Steps[0].ExpectError = tc.want
			resource.Test(t, c)
		})
	}
}

// TestAccOrganizationUserList_incomplete fails, as the data sources do,
// on an answer with fewer users than its total: a query on it would adopt
// part of the organization as if it were all of it.
func TestAccOrganizationUserList_incomplete(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.SetTotal(8)
	c := acctest.QueryTest(t, url, listBlock("members"))
	c.Steps[0].ExpectError = acctest.ErrorLike("Flashback returned fewer users than it reported", "total of 8 users but returned 7",
		"allow_incomplete = true")
	resource.Test(t, c)
}

// TestAccOrganizationUserList_apiError reports the API's refusal as the
// data sources do.
func TestAccOrganizationUserList_apiError(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.Always(fakeapi.Reply{Status: http.StatusForbidden, Body: `{"success": false, "message": "Insufficient permissions"}`})
	c := acctest.QueryTest(t, url, listBlock("denied"))
	c.Steps[0].ExpectError = acctest.ErrorLike("WORKSPACES")
	resource.Test(t, c)
}

// TestAccOrganizationUserList_example runs the documented example, on the
// sample organization and on an answer full of nulls.
func TestAccOrganizationUserList_example(t *testing.T) {
	example := acctest.ExampleFile(t, "list-resources/flashback_organization_user/list-resource.tfquery.hcl")
	t.Run("sample organization", func(t *testing.T) {
		_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
		resource.Test(t, acctest.QueryTest(t, url, example,
			acctest.ExpectDisplayNames("flashback_organization_user.members", samples("ada", "alan", "claude", "edsger", "grace", "katherine")...),
			acctest.ExpectDisplayNames("flashback_organization_user.admins", samples("ada", "alan", "grace")...),
			querycheck.ExpectResourceKnownValues("flashback_organization_user.admins", byID(fakeapi.SampleAdminID), []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("role"), KnownValue: knownvalue.StringExact("ADMINISTRATOR")},
			}),
			acctest.ExpectDisplayNames("flashback_organization_user.unvalidated", samples("claude")...),
		))
	})
	t.Run("answer with nulls", func(t *testing.T) {
		fake, url := acctest.StartFakeAPI(t, nil)
		fake.Always(fakeapi.Reply{Status: http.StatusOK, Body: acctest.NullAnswer()})
		resource.Test(t, acctest.QueryTest(t, url, example,
			// Grace has no id, so no identity; the users with no email are
			// named by their id; with the resource, the admins without a
			// name or a last name are left out. A null validated counts
			// as not validated: the search for unvalidated users keeps it.
			acctest.ExpectDisplayNames("flashback_organization_user.members", "a1b2c3d4-0002-4000-8000-000000000002", "nameless-owner", acctest.Sample("ada")),
			acctest.ExpectDisplayNames("flashback_organization_user.admins"),
			acctest.ExpectDisplayNames("flashback_organization_user.unvalidated", "a1b2c3d4-0002-4000-8000-000000000002", "nameless-owner"),
		))
	})
}
