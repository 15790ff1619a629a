package organization_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The last-OWNER guard under concurrency, through the real CLI: OWNER
// resources removed or demoted in one run, with no depends_on between
// them, at -parallelism=10, on a fake that does not itself refuse removing
// the last OWNER. Terraform then calls Delete (and Update) for all of them
// at once; without one step for the fresh check and the write, each check
// saw the others' OWNERs, every change went through, and the organization
// was left with none (five runs in ten).

// ownersIterations is how many fresh organizations each case runs.
const ownersIterations = 20

// ownersConfig declares OWNER resources owner0…, none depending on another;
// demoted names those that are ADMINISTRATOR instead, and skip those left out.
func ownersConfig(baseURL string, n int, demoted, skip map[int]bool) string {
	var b strings.Builder
	b.WriteString(acctest.CLIProvider(fmt.Sprintf("base_url = %q\n  access_token = %q\n  %s", baseURL, acctest.TestToken, acctest.FastRetries)))
	for i := range n {
		if skip[i] {
			continue
		}
		role := "OWNER"
		if demoted[i] {
			role = "ADMINISTRATOR"
		}
		fmt.Fprintf(&b, "\nresource \"flashback_organization_user\" \"owner%d\" {\n  email     = %q\n  name      = \"Owner\"\n  last_name = \"N%d\"\n  role      = %q\n}\n",
			i, acctest.Email(fmt.Sprintf("owner%d", i), "example.com"), i, role)
	}
	return b.String()
}

// refusedByRule counts the diagnostics that refuse a change by the rule.
func refusedByRule(t *testing.T, run acctest.CLIRun) int {
	t.Helper()
	n := 0
	for _, d := range acctest.ParseDiagnostics(t, []byte(run.Stdout)) {
		if d.Severity != "error" {
			continue
		}
		if d.Summary != "Cannot remove the organization's last OWNER" || !strings.Contains(d.Detail, client.OwnerRule) {
			t.Fatalf("unexpected error: %s", d)
		}
		n++
	}
	return n
}

// TestAccOrganizationUserResource_ownersUnderConcurrency: two and four
// OWNERs destroyed in one run, and a demotion with a destroy in one run:
// every run leaves exactly one active OWNER, and the change refused says
// the rule.
func TestAccOrganizationUserResource_ownersUnderConcurrency(t *testing.T) {
	r := acctest.NewCLIRunner(t)
	apply := func(t *testing.T, work, config string) acctest.CLIRun {
		return r.StartIn(t, work, map[string]string{"main.tf": config}, nil, "apply", "-auto-approve", "-json", "-input=false", "-parallelism=10").Wait(t)
	}
	fresh := func(t *testing.T) (*fakeapi.Server, string, string) {
		fake, url := acctest.StartFakeAPI(t, withoutOwners())
		fake.SetLastOwnerRule(false)
		return fake, url, t.TempDir()
	}
	mustApply := func(t *testing.T, work, config string) {
		if run := apply(t, work, config); run.Failed {
			t.Fatalf("apply failed:\n%s%s", run.Stdout, run.Stderr)
		}
	}
	for i := range ownersIterations {
		n := 2 + 2*(i%2) // two, then four OWNERs
		t.Run(fmt.Sprintf("destroy %d OWNERs, run %d", n, i), func(t *testing.T) {
			fake, url, work := fresh(t)
			config := ownersConfig(url, n, nil, nil)
			mustApply(t, work, config)
			run := r.StartIn(t, work, nil, nil, "destroy", "-auto-approve", "-json", "-input=false", "-parallelism=10").Wait(t)
			if owners := fake.ActiveWithRole(fakeapi.RoleOwner); owners != 1 || !run.Failed || refusedByRule(t, run) != 1 {
				t.Fatalf("%d active OWNERs left (want 1), destroy failed: %v:\n%s%s", owners, run.Failed, run.Stdout, run.Stderr)
			}
		})
		t.Run(fmt.Sprintf("demote one OWNER and destroy the other, run %d", i), func(t *testing.T) {
			fake, url, work := fresh(t)
			mustApply(t, work, ownersConfig(url, 2, nil, nil))
			run := apply(t, work, ownersConfig(url, 2, map[int]bool{0: true}, map[int]bool{1: true}))
			if owners := fake.ActiveWithRole(fakeapi.RoleOwner); owners != 1 || !run.Failed || refusedByRule(t, run) != 1 {
				t.Fatalf("%d active OWNERs left (want 1), apply failed: %v:\n%s%s", owners, run.Failed, run.Stdout, run.Stderr)
			}
		})
	}
}
