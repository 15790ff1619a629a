package organization_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// An answer whose total is larger than the users it holds is incomplete:
// every read of the list fails on it, unless allow_incomplete = true turns
// the error back into a warning.

// incompleteAPI serves users, reporting one user more than it returns.
func incompleteAPI(t *testing.T, users []fakeapi.User) (string, int) {
	t.Helper()
	fake, url := acctest.StartFakeAPI(t, users)
	fake.SetTotal(int64(len(users) + 1))
	return url, len(users)
}

// incompleteDetail is the start of the diagnostic's detail for an answer
// of n users that reports n+1.
func incompleteDetail(n int) string {
	return fmt.Sprintf("The API reported a total of %d users but returned %d", n+1, n)
}

// incompleteDataSources are a read of each data source that reads the list,
// with the extra arguments given.
func incompleteDataSources(extra string) map[string]string {
	return map[string]string{
		"flashback_organization_users": `data "flashback_organization_users" "test" {` + "\n" + extra + `}`,
		"flashback_organization_user":  `data "flashback_organization_user" "test" {` + "\n  email = \"" + acctest.Email("ada", "example.com") + "\"\n" + extra + `}`,
	}
}

// TestAccIncompleteList_failsClosed shows that every data source that reads
// the list fails on an incomplete answer by default, saying what to do.
func TestAccIncompleteList_failsClosed(t *testing.T) {
	url, n := incompleteAPI(t, fakeapi.SampleUsers())
	for typeName, ds := range incompleteDataSources("") {
		t.Run(typeName, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: acctest.ProviderBlock(url) + ds,
					ExpectError: acctest.ErrorLike("Flashback returned fewer users than it reported",
						fmt.Sprintf("total of %d users but returned %d", n+1, n), "allow_incomplete = true"),
				}},
			})
		})
	}
}

// TestAccIncompleteList_allowed shows allow_incomplete = true reading an
// incomplete answer, kept in state, with the API's total.
func TestAccIncompleteList_allowed(t *testing.T) {
	url, n := incompleteAPI(t, fakeapi.SampleUsers())
	active := 0 // the users the data source keeps: the active ones
	for _, u := range fakeapi.SampleUsers() {
		if u.DeletedAt == nil {
			active++
		}
	}
	for typeName, ds := range incompleteDataSources("  allow_incomplete = true\n") {
		t.Run(typeName, func(t *testing.T) {
			addr := "data." + typeName + ".test"
			checks := []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("allow_incomplete"), knownvalue.Bool(true)),
			}
			if typeName == "flashback_organization_users" {
				checks = append(checks,
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("total"), knownvalue.Int64Exact(int64(n+1))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("users"), knownvalue.ListSizeExact(active)))
			} else {
				checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(acctest.AdaID)))
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: acctest.ProviderBlock(url) + ds, ConfigStateChecks: checks}},
			})
		})
	}
}

// TestAccIncompleteList_cli shows, through the CLI, the error by default,
// the warning with allow_incomplete = true, and a policy that would pass
// on the part of the organization it sees failing instead.
func TestAccIncompleteList_cli(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	url, n := incompleteAPI(t, fakeapi.SampleUsers())
	detail := incompleteDetail(n)
	for _, allow := range []bool{false, true} {
		extra := ""
		if allow {
			extra = "  allow_incomplete = true\n"
		}
		for typeName, ds := range incompleteDataSources(extra) {
			t.Run(fmt.Sprintf("%s allow_incomplete=%v", typeName, allow), func(t *testing.T) {
				res := cli.Plan(t, map[string]string{"provider.tf": acctest.ExampleProviderFile, "main.tf": ds}, url)
				if res.Failed == allow {
					t.Errorf("plan failed = %v, want %v\n%s", res.Failed, !allow, res.Output)
				}
				want := "error"
				if allow {
					want = "warning"
				}
				if len(res.Diagnostics) != 1 || res.Diagnostics[0].Severity != want || !strings.HasPrefix(res.Diagnostics[0].Detail, detail) {
					t.Errorf("diagnostics %v, want one %s: %s…\n%s", res.Diagnostics, want, detail, res.Output)
				}
			})
		}
	}
	t.Run("policy", func(t *testing.T) {
		// The organization passes the domain policy; the user the answer
		// leaves out may not.
		url, n := incompleteAPI(t, acctest.PolicyOrg())
		files := map[string]string{
			"provider.tf": acctest.ExampleFile(t, "policies/company-domains/provider.tf"),
			"policy.tf":   acctest.PolicyFile(t, "company-domains"),
		}
		res := cli.Plan(t, files, url)
		if !res.Failed || len(res.Diagnostics) != 1 || !strings.HasPrefix(res.Diagnostics[0].Detail, incompleteDetail(n)) {
			t.Errorf("plan failed = %v with %v; want it to fail on the incomplete list\n%s", res.Failed, res.Diagnostics, res.Output)
		}
	})
}
