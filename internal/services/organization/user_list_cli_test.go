package organization_test

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// TestAccOrganizationUserList_cliWarnings shows, through the CLI, the
// warnings that say what the results leave out, which query checks cannot
// see: users past the list block's limit, users no configuration can
// import, and a total larger than the users the API returned, which
// allow_incomplete lets through.
func TestAccOrganizationUserList_cliWarnings(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	cli.SkipBelow(t, tfversion.Version1_14_0)
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.SetTotal(8)
	query := `
list "flashback_organization_user" "first" {
  provider         = flashback
  include_resource = true
  limit            = 2
  config {
    include_deleted  = true
    allow_incomplete = true
  }
}
`
	run := cli.Run(t, map[string]string{"provider.tf": acctest.ExampleProviderFile, "members.tfquery.hcl": query},
		[]string{provider.EnvBaseURL + "=" + url, provider.EnvAccessToken + "=" + acctest.TestToken}, "query", "-json")
	if run.Failed {
		t.Fatalf("the query failed:\n%s%s", run.Stdout, run.Stderr)
	}
	got := acctest.ParseDiagnostics(t, []byte(run.Stdout))
	want := []acctest.CLIDiagnostic{
		{Severity: "warning", Summary: "Flashback returned fewer users than it reported", Detail: "The API reported a total of 8 users but returned 7, " +
			"so the list is incomplete. allow_incomplete is true, so the read goes on: policy checks on it may miss users. " +
			"Run again later, and report it to Flashback if it persists."},
		{Severity: "warning", Summary: "Users left out of the results", Detail: "1 user matches the filters but is not listed, as no configuration could import it without changes:\n" +
			"  - " + acctest.Sample("mallory") + " (id " + fakeapi.SampleDeletedID + "): it is deleted, and a deleted user cannot be imported: " +
			"declare it, and apply to reactivate it\nFix these users in Flashback and run the query again, or manage them outside Terraform."},
		{Severity: "warning", Summary: "More users than the list block's limit", Detail: "6 users match, and the list block asks for at most 2: the results are " +
			"the first 2 by email. Set limit in the list block to 6 or more to get them all."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("the query's diagnostics are\n%q\nwant\n%q", got, want)
	}
}
