package workspace_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
)

// TestAccWorkspaceUserResource_destroyWarns: `terraform destroy` of a
// workspace with its creator's ADMIN membership and another member
// succeeds, and says, at plan and at apply, that the creator's own
// membership was left for the workspace's delete.
func TestAccWorkspaceUserResource_destroyWarns(t *testing.T) {
	r := acctest.NewCLIRunner(t)
	fake, url := sampleOrg(t)
	config := acctest.CLIProvider(fmt.Sprintf("base_url = %q\n  access_token = %q\n  %s", url, acctest.TestToken, acctest.FastRetries)) +
		strings.TrimPrefix(workspaceConfig(url, "Ops", member{"ada", ada, "ADMIN"}, member{"alan", alan, "WRITE"}), acctest.ProviderBlock(url))
	work := t.TempDir()
	if run := r.StartIn(t, work, map[string]string{"main.tf": config}, nil, "apply", "-auto-approve", "-input=false").Wait(t); run.Failed {
		t.Fatalf("apply failed:\n%s%s", run.Stdout, run.Stderr)
	}
	run := r.StartIn(t, work, nil, nil, "destroy", "-auto-approve", "-input=false", "-json").Wait(t)
	if run.Failed {
		t.Fatalf("destroy failed:\n%s%s", run.Stdout, run.Stderr)
	}
	warned := 0
	for _, d := range acctest.ParseDiagnostics(t, []byte(run.Stdout)) {
		if d.Severity == "warning" && d.Summary == "Workspace ADMIN membership of the access token's user left in place" &&
			strings.Contains(d.Detail, "its delete ends the membership") {
			warned++
		}
	}
	if warned < 2 {
		t.Errorf("%d warnings say that the creator's membership is left (want one at plan, one at apply):\n%s", warned, run.Stdout)
	}
	for _, w := range fake.Workspaces() {
		got, deleted := roles(t, fake, w.ID)
		if !deleted || fmt.Sprint(got) != fmt.Sprint(map[string]string{ada: "ADMIN"}) {
			t.Errorf("workspace %s: deleted %v, members %v; want deleted, with ada's own membership only", w.ID, deleted, got)
		}
	}
}
