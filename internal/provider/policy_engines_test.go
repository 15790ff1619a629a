package provider_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// TestAccPolicyEngines runs each policy example twice on the same plan: as
// HCL, by the real CLI against the fake API, and as Rego (policy.rego
// beside policy.tf), by OPA on that plan's JSON (`show -json`). Both must
// pass on an organization that keeps the rule and both must fail on one
// that breaks it, and OPA's messages must name every user the HCL
// policy's message names. A plan whose postcondition failed is still saved, with
// what the data sources read, so that OPA judges the same organization.
// OPA reads the plan as conftest and `opa eval` give it, and wrapped as
// HCP Terraform (input.plan), Spacelift (input.terraform) and Scalr
// (input.tfplan) give it.
func TestAccPolicyEngines(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	opa := opaBinary(t)
	for _, pc := range policyCases() {
		t.Run(pc.dir, func(t *testing.T) {
			if pc.functions {
				cli.SkipBelow(t, tfversion.Version1_8_0)
			}
			orgs := []struct {
				name   string
				start  func(*testing.T) string
				breaks bool
			}{
				{"keeps", func(t *testing.T) string { return startPolicyAPI(t, acctest.PolicyOrg(), nil) }, false},
				{"breaks", pc.startBroken, true},
			}
			for _, org := range orgs {
				t.Run(org.name, func(t *testing.T) {
					hcl, named, plan := planPolicy(t, cli, pc, org.start(t))
					if hcl != org.breaks {
						t.Errorf("the HCL policy broke = %v, want %v", hcl, org.breaks)
					}
					for _, key := range []string{"", "plan", "terraform", "tfplan"} {
						input := plan
						if key != "" {
							input = `{"` + key + `": ` + plan + `, "run": {}}`
						}
						deny := opaDeny(t, opa, pc.dir, input)
						if (len(deny) > 0) != hcl {
							t.Errorf("input %q: OPA denies %q, but the HCL policy broke = %v", key, deny, hcl)
						}
						// Both name the same people.
						for _, address := range named {
							if !strings.Contains(strings.Join(deny, "\n"), address) {
								t.Errorf("input %q: the HCL policy names %s, but OPA's messages do not: %q", key, address, deny)
							}
						}
					}
				})
			}
		})
	}
}

// emailPattern finds the emails a policy's message names.
var emailPattern = regexp.MustCompile(`[^\s,:(]+@[^\s,()]*[^\s,().]`)

// planPolicy plans the example folder of pc, as the CLI tests do, with a
// saved plan; it returns whether the HCL policy broke (the plan failed, or
// warned for a check block), the emails its messages name, and the plan's
// JSON.
func planPolicy(t *testing.T, cli *acctest.CLIRunner, pc policyCase, url string) (bool, []string, string) {
	t.Helper()
	work := t.TempDir()
	env := []string{provider.EnvBaseURL + "=" + url, provider.EnvAccessToken + "=" + acctest.TestToken}
	run := cli.StartIn(t, work, pc.files(t), env, "plan", "-json", "-input=false", "-lock=false", "-out=plan.bin").Wait(t)
	diags := acctest.ParseDiagnostics(t, []byte(run.Stdout))
	show := cli.StartIn(t, work, nil, env, "show", "-json", "plan.bin").Wait(t)
	if show.Failed {
		t.Fatalf("show -json of the plan failed:\n%s%s\nthe plan:\n%s%s", show.Stdout, show.Stderr, run.Stdout, run.Stderr)
	}
	var named []string
	for _, d := range diags {
		named = append(named, emailPattern.FindAllString(d.Detail, -1)...)
	}
	return run.Failed || len(diags) > 0, named, show.Stdout
}

// opaDeny evaluates the deny rule of the Rego version of the example
// folder dir on input, with OPA and the shared lib folder, and returns its
// messages.
func opaDeny(t *testing.T, opa, dir, input string) []string {
	t.Helper()
	policies := filepath.Join(acctest.RepositoryRoot(t), "examples", "policies")
	in := filepath.Join(t.TempDir(), "input.json")
	if err := os.WriteFile(in, []byte(input), 0o600); err != nil {
		t.Fatal(err)
	}
	query := "data.flashback.policies." + strings.ReplaceAll(dir, "-", "_") + ".deny"
	out, err := exec.Command(opa, "eval", "--format", "json",
		"-d", filepath.Join(policies, "lib"), "-d", filepath.Join(policies, dir, "policy.rego"),
		"-i", in, query).Output()
	if err != nil {
		t.Fatalf("opa eval %s: %v\n%s", query, err, out)
	}
	var res struct {
		Result []struct {
			Expressions []struct {
				Value []string `json:"value"`
			} `json:"expressions"`
		} `json:"result"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res.Result) != 1 || len(res.Result[0].Expressions) != 1 {
		t.Fatalf("opa eval %s gave %s (%v); want one result, the deny set", query, out, err)
	}
	deny := res.Result[0].Expressions[0].Value
	slices.Sort(deny)
	return deny
}

// opaBinary is the OPA CLI that make builds into .tools (OPA_PATH names it;
// make test and make testacc set it), or the test skips, saying how to
// build it.
func opaBinary(t *testing.T) string {
	t.Helper()
	path := os.Getenv("OPA_PATH")
	if path == "" {
		t.Skip("OPA_PATH is not set: run make opa, and set OPA_PATH to the binary it builds (make test and make testacc do both)")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("OPA_PATH names %s, which is not there: run make opa (make test and make testacc build it)", path)
	}
	return path
}

// TestPolicyExamplesHaveEveryVersion checks that each folder under
// examples/policies (but lib, the Rego shared by all) holds the policy in
// both languages, each with its tests: policy.tf and policy.tftest.hcl,
// policy.rego and policy_test.rego, and provider.tf to run it on its own.
func TestPolicyExamplesHaveEveryVersion(t *testing.T) {
	root := filepath.Join(acctest.RepositoryRoot(t), "examples", "policies")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	folders := 0
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "lib" {
			continue
		}
		folders++
		for _, name := range []string{"provider.tf", "policy.tf", "policy.tftest.hcl", "policy.rego", "policy_test.rego"} {
			if _, err := os.Stat(filepath.Join(root, e.Name(), name)); err != nil {
				t.Errorf("examples/policies/%s has no %s", e.Name(), name)
			}
		}
	}
	if folders < 6 {
		t.Errorf("found %d policy folders under examples/policies; want at least the 6 the guides show", folders)
	}
}
