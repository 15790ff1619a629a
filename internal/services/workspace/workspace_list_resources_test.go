package workspace_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// The list resources' query tests: `terraform query` through
// terraform-plugin-testing's query mode, on Terraform 1.14 and later.

func memberIdentity(workspaceID, userID string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"workspace_id": knownvalue.StringExact(workspaceID), "user_id": knownvalue.StringExact(userID)}
}

// TestAccWorkspaceLists_query lists the caller's workspaces and everyone's
// access to them, in the data sources' order, each result with the
// resources' identity; Archive, which the caller is not in, is left out.
// Every list block of the query shares one GET /workspace.
func TestAccWorkspaceLists_query(t *testing.T) {
	fake, url, twin := sampleWorkspaces(t)
	first, second := fakeapi.SampleResearchID, twin
	if twin < fakeapi.SampleResearchID {
		first, second = twin, fakeapi.SampleResearchID
	}
	researchNames := map[string][]string{
		fakeapi.SampleResearchID: {"Research: ada@example.com (ADMIN)", "Research: alan@example.com (WRITE)", "Research: edsger@example.com (READ)"},
		// The member without an email is named by its user id.
		twin: {"Research: " + ghostID + " (WRITE)", "Research: ada@example.com (READ)", "Research: alan@example.com (READ)",
			"Research: grace@example.com (ADMIN)"},
	}
	payments := []string{"Payments: ada@example.com (ADMIN)", "Payments: grace@example.com (ADMIN)",
		"Payments: katherine@example.com (WRITE)", "Payments: mallory@example.com (READ)"}
	lists := `
list "flashback_workspace" "all" {
  provider = flashback
}
list "flashback_workspace_user" "access" {
  provider = flashback
}
list "flashback_workspace_user" "payments" {
  provider = flashback
  config {
    workspace_id = "` + fakeapi.SamplePaymentsID + `"
  }
}
`
	resource.Test(t, acctest.QueryTest(t, url, lists,
		acctest.ExpectDisplayNames("flashback_workspace.all", "Payments", "Research", "Research"),
		acctest.ExpectDisplayNames("flashback_workspace_user.access", append(append(payments, researchNames[first]...), researchNames[second]...)...),
		acctest.ExpectDisplayNames("flashback_workspace_user.payments", payments...),
		querycheck.ExpectIdentity("flashback_workspace.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(twin)}),
		querycheck.ExpectIdentity("flashback_workspace.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(fakeapi.SamplePaymentsID)}),
		querycheck.ExpectNoIdentity("flashback_workspace.all", map[string]knownvalue.Check{"id": knownvalue.StringExact(fakeapi.SampleArchiveID)}),
		querycheck.ExpectIdentity("flashback_workspace_user.access", memberIdentity(twin, ghostID)),
		querycheck.ExpectIdentity("flashback_workspace_user.payments", memberIdentity(fakeapi.SamplePaymentsID, fakeapi.SampleDeletedID)),
	))
	// Terraform runs the query once more to check it; each run reads the list once.
	if n := len(fake.CallsTo(http.MethodGet, client.WorkspacesPath)); n == 0 || n > 2 {
		t.Errorf("the query test made %d GET %s calls, want one for each of its runs (at most 2)", n, client.WorkspacesPath)
	}
}

// TestAccWorkspaceLists_resources asks for the resources: each is the
// object an import of its identity reads.
func TestAccWorkspaceLists_resources(t *testing.T) {
	_, url, _ := sampleWorkspaces(t)
	lists := `
list "flashback_workspace" "all" {
  provider         = flashback
  include_resource = true
}
list "flashback_workspace_user" "research" {
  provider         = flashback
  include_resource = true
  config {
    workspace_id = "` + fakeapi.SampleResearchID + `"
  }
}
`
	byID := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"id": knownvalue.StringExact(fakeapi.SamplePaymentsID)})
	alanIn := queryfilter.ByResourceIdentity(memberIdentity(fakeapi.SampleResearchID, fakeapi.SampleAdminID))
	resource.Test(t, acctest.QueryTest(t, url, lists,
		querycheck.ExpectResourceKnownValues("flashback_workspace.all", byID, []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(fakeapi.SamplePaymentsID)},
			{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Payments")},
			{Path: tfjsonpath.New("org_id"), KnownValue: knownvalue.StringExact(fakeapi.SampleOrgID)},
		}),
		querycheck.ExpectResourceKnownValues("flashback_workspace_user.research", alanIn, []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("workspace_id"), KnownValue: knownvalue.StringExact(fakeapi.SampleResearchID)},
			{Path: tfjsonpath.New("user_id"), KnownValue: knownvalue.StringExact(fakeapi.SampleAdminID)},
			{Path: tfjsonpath.New("role"), KnownValue: knownvalue.StringExact("WRITE")},
			{Path: tfjsonpath.New("email"), KnownValue: knownvalue.StringExact("alan@example.com")},
			{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Alan")},
			{Path: tfjsonpath.New("last_name"), KnownValue: knownvalue.StringExact("Turing")},
		}),
		querycheck.ExpectLength("flashback_workspace_user.research", 3),
	))
}

// TestAccWorkspaceLists_cli shows, through the CLI, what query checks
// cannot see: the warning for results past the list block's limit, and the
// error for a workspace_id the token's user has no workspace of.
func TestAccWorkspaceLists_cli(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	cli.SkipBelow(t, tfversion.Version1_14_0)
	_, url, _ := sampleWorkspaces(t)
	env := []string{provider.EnvBaseURL + "=" + url, provider.EnvAccessToken + "=" + acctest.TestToken}
	query := func(body string) []acctest.CLIDiagnostic {
		run := cli.Run(t, map[string]string{"provider.tf": acctest.ExampleProviderFile, "access.tfquery.hcl": body}, env, "query", "-json")
		return acctest.ParseDiagnostics(t, []byte(run.Stdout))
	}
	got := query(`
list "flashback_workspace_user" "access" {
  provider = flashback
  limit    = 2
}
`)
	want := []acctest.CLIDiagnostic{{Severity: "warning", Summary: "More workspace members than the list block's limit",
		Detail: "There are 11 workspace members, and the list block asks for at most 2: the results are the first 2. " +
			"Set limit in the list block to 11 or more to get them all."}}
	if !slices.Equal(got, want) {
		t.Errorf("the query's diagnostics are\n%q\nwant\n%q", got, want)
	}

	got = query(`
list "flashback_workspace_user" "archive" {
  provider = flashback
  config {
    workspace_id = "` + fakeapi.SampleArchiveID + `"
  }
}
`)
	if len(got) != 1 || got[0].Severity != "error" || got[0].Summary != "Flashback workspace not found" ||
		!strings.Contains(got[0].Detail, `has the id "`+fakeapi.SampleArchiveID+`"`) {
		t.Errorf("a workspace the caller is not in: diagnostics %q, want the not-found error", got)
	}
}

// TestAccWorkspaceLists_examples runs the documented examples on the sample
// organization.
func TestAccWorkspaceLists_examples(t *testing.T) {
	lists := acctest.ExampleFile(t, "list-resources/flashback_workspace/list-resource.tfquery.hcl") +
		acctest.ExampleFile(t, "list-resources/flashback_workspace_user/list-resource.tfquery.hcl")
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.AddSampleWorkspaces()
	resource.Test(t, acctest.QueryTest(t, url, lists,
		acctest.ExpectDisplayNames("flashback_workspace.all", "Payments", "Research"),
		querycheck.ExpectLength("flashback_workspace_user.access", 7),
		acctest.ExpectDisplayNames("flashback_workspace_user.research",
			"Research: ada@example.com (ADMIN)", "Research: alan@example.com (WRITE)", "Research: edsger@example.com (READ)"),
	))
}
