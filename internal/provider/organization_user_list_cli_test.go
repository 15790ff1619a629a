package provider

import (
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccOrganizationUserList_cliWarnings shows, through the CLI, the
// warnings that say what the results leave out, which query checks cannot
// see: users past the list block's limit, users no configuration can
// import, and a total larger than the users the API returned, which
// allow_incomplete lets through.
func TestAccOrganizationUserList_cliWarnings(t *testing.T) {
	cli := newCLIRunner(t)
	cli.skipBelow(t, tfversion.Version1_14_0)
	fake, url := startFakeAPI(t, fakeapi.SampleUsers())
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
	run := cli.run(t, map[string]string{"provider.tf": exampleProviderFile, "members.tfquery.hcl": query},
		[]string{EnvBaseURL + "=" + url, EnvAccessToken + "=" + testToken}, "query", "-json")
	if run.failed {
		t.Fatalf("the query failed:\n%s%s", run.stdout, run.stderr)
	}
	got := parseDiagnostics(t, []byte(run.stdout))
	want := []cliDiagnostic{
		{"warning", "Flashback returned fewer users than it reported", "The API reported a total of 8 users but returned 7, " +
			"so the list is incomplete. allow_incomplete is true, so the read goes on: policy checks on it may miss users. " +
			"Run again later, and report it to Flashback if it persists."},
		{"warning", "Users left out of the results", "1 user matches the filters but is not listed, as no configuration could import it without changes:\n" +
			"  - " + sample("mallory") + " (id " + fakeapi.SampleDeletedID + "): it is deleted, and a deleted user cannot be imported: " +
			"declare it, and apply to reactivate it\nFix these users in Flashback and run the query again, or manage them outside Terraform."},
		{"warning", "More users than the list block's limit", "6 users match, and the list block asks for at most 2: the results are " +
			"the first 2 by email. Set limit in the list block to 6 or more to get them all."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("the query's diagnostics are\n%q\nwant\n%q", got, want)
	}
}
