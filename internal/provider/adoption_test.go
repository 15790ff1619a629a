package provider_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// The adoption guide (templates/guides/adopting-an-organization.md.tmpl)
// shows the files and the commands of examples/adopting-an-organization,
// and TestAccAdoptingAnOrganization runs exactly those, through the real
// CLI, so that the two cannot drift apart.

const adoptionExample = "adopting-an-organization"

// adoptionSteps are the guide's steps, in order: each has the commands
// STEP.sh and an excerpt of their output, STEP.txt.
var adoptionSteps = []string{"1-find", "2-generate", "3-import", "4-verify", "5-manage"}

// adoptionCommands reads the commands of one step of the guide: a shell
// file of the example folder, one CLI command a line.
func adoptionCommands(t *testing.T, script string) [][]string {
	t.Helper()
	var commands [][]string
	for _, line := range strings.Split(acctest.ExampleFile(t, adoptionExample+"/"+script), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Fields(line)
		if words[0] != "terraform" || strings.ContainsAny(line, `"'$|&;<>`) {
			t.Fatalf("%s: %q is not a plain terraform command, which the test can run as the guide shows it", script, line)
		}
		commands = append(commands, words[1:])
	}
	return commands
}

// adoption runs the guide's steps in one folder, as a person would.
type adoption struct {
	cli  *acctest.CLIRunner
	work string
	env  []string
}

// step runs every command of the step adoptionSteps[i], answering "yes"
// to the apply's question, checks their output against the step's excerpt,
// and returns it, without colours and with each run of white space made
// one space. Each command must succeed: a plan with -detailed-exitcode
// that finds changes fails too.
func (a *adoption) step(t *testing.T, i int) string {
	t.Helper()
	script := adoptionSteps[i] + ".sh"
	var out strings.Builder
	for _, args := range adoptionCommands(t, script) {
		run := a.cli.StartWithInput(t, a.work, "yes\n", a.env, args...).Wait(t)
		out.WriteString(acctest.Unwrapped(ansiEscape.ReplaceAllString(run.Stdout+run.Stderr, "")) + " ")
		if run.Failed {
			t.Fatalf("%s: terraform %s failed:\n%s%s", script, strings.Join(args, " "), run.Stdout, run.Stderr)
		}
	}
	expectOutput(t, out.String(), adoptionSteps[i]+".txt")
	return out.String()
}

func (a *adoption) read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(a.work, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAccAdoptingAnOrganization brings the sample organization, with users
// that no configuration can import without changes, under Terraform as the
// guide does: a query, the configuration it generates, an import, a plan
// with nothing left to change, then a change made from Terraform.
func TestAccAdoptingAnOrganization(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	cli.SkipBelow(t, tfversion.Version1_14_0)
	// The guide's first step is `terraform init`, which installs the
	// provider as a user's would: from a mirror, not dev_overrides.
	cli.InstallFromMirror(t)
	fake, url := acctest.StartFakeAPI(t, append(fakeapi.SampleUsers(), acctest.OddUsers()...))
	// Research and Payments, which ada, the token's user, is a member of,
	// and Archive, which she is not: no query finds it.
	fake.AddSampleWorkspaces()
	a := &adoption{cli: cli, work: t.TempDir(), env: []string{provider.EnvBaseURL + "=" + url, provider.EnvAccessToken + "=" + acctest.TestToken}}
	for _, name := range []string{"provider.tf", "members.tfquery.hcl", "workspaces.tfquery.hcl"} {
		if err := os.WriteFile(filepath.Join(a.work, name), []byte(acctest.ExampleFile(t, adoptionExample+"/"+name)), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	// 1. The query lists the active members, by email, or by id for the
	// user the API gave no email, then the workspaces of the token's user
	// and everyone's role in them, as the guide shows.
	out := a.step(t, 0)
	if strings.Contains(out, "list.flashback_organization_user.members id="+fakeapi.SampleDeletedID) {
		t.Errorf("the query lists the deleted user %s", acctest.Sample("mallory"))
	}
	if strings.Contains(out, fakeapi.SampleArchiveID) {
		t.Errorf("the query lists Archive, a workspace the token's user is not a member of")
	}

	// 2. The generated configuration is the one the guide shows (its list
	// blocks in any order); the users it cannot hold are named in a warning.
	a.step(t, 1)
	if got, want := a.read(t, "members.tf"), acctest.ExampleFile(t, adoptionExample+"/generated/members.tf"); !slices.Equal(hclBlocks(got), hclBlocks(want)) {
		t.Errorf("the generated members.tf differs from the guide's:\n%s\nwant:\n%s", got, want)
	}

	// 3. The plan imports every listed user, workspace and workspace
	// member, and changes nothing; so does the apply.
	a.step(t, 2)
	if writes := writeCalls(fake); len(writes) > 0 {
		t.Errorf("adopting the organization wrote to it: %v", writes)
	}

	// 4. Nothing is left to change: the step fails when the plan finds a change.
	a.step(t, 3)

	// 5. From then on, Terraform manages the members: the guide promotes
	// Edsger, the USER, to WORKSPACES, with the block it shows.
	generated := a.read(t, "members.tf")
	if block := edsgerBlock.FindString(generated); !strings.Contains(block, `"`+acctest.Sample("edsger")+`"`) {
		t.Fatalf("members.tf has no block members_3 for %s to change:\n%s", acctest.Sample("edsger"), generated)
	}
	promoted := edsgerBlock.ReplaceAllLiteralString(generated, strings.TrimSpace(acctest.ExampleFile(t, adoptionExample+"/promote/members_3.tf")))
	if err := os.WriteFile(filepath.Join(a.work, "members.tf"), []byte(promoted), 0o600); err != nil {
		t.Fatal(err)
	}
	a.step(t, 4)
	if u, _ := fake.User(fakeapi.SampleUserID); u.OrgRole == nil || *u.OrgRole != fakeapi.RoleWorkspaces {
		t.Errorf("after the apply, %s has the role %v, want WORKSPACES", acctest.Sample("edsger"), u.OrgRole)
	}
	if writes := writeCalls(fake); len(writes) != 1 || writes[0] != http.MethodPut+" "+client.UsersPath+"/"+fakeapi.SampleUserID {
		t.Errorf("promoting one user made the writes %v, want one PUT of that user", writes)
	}
}

// ansiEscape is a colour code of the CLI's output.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// edsgerBlock is the generated resource block members_3, Edsger's.
var edsgerBlock = regexp.MustCompile(`(?s)resource "flashback_organization_user" "members_3" \{\n.*?\n\}`)

// writeCalls lists the calls that changed the organization, as "METHOD path".
func writeCalls(fake *fakeapi.Server) []string {
	var writes []string
	for _, c := range fake.Calls() {
		if c.Method != http.MethodGet {
			writes = append(writes, c.Method+" "+c.Path)
		}
	}
	return writes
}

// expectOutput checks that a step's output holds each line of the example's
// excerpt of it, in order, with white space compared as in step's output.
// A line "..." in the excerpt stands for lines left out. The results of a
// query ("list.TYPE.NAME ..." lines) are in order within each list block,
// but Terraform runs the blocks at once and prints each block's results
// as they come: each block's lines are checked on their own.
func expectOutput(t *testing.T, output, excerpt string) {
	t.Helper()
	groups := map[string][]string{}
	var order []string
	for _, line := range strings.Split(acctest.ExampleFile(t, adoptionExample+"/"+excerpt), "\n") {
		line = acctest.Unwrapped(line)
		if line == "" || line == "..." {
			continue
		}
		group := ""
		if strings.HasPrefix(line, "list.") {
			group, _, _ = strings.Cut(line, " ")
		}
		if _, ok := groups[group]; !ok {
			order = append(order, group)
		}
		groups[group] = append(groups[group], line)
	}
	for _, group := range order {
		rest := output
		for _, line := range groups[group] {
			i := strings.Index(rest, line)
			if i < 0 {
				t.Errorf("the output lacks, from %s, the line %q, or has it out of order:\n%s", excerpt, line, output)
				return
			}
			rest = rest[i+len(line):]
		}
	}
}

// hclBlocks is configuration cut into its top-level blocks, each as
// hclLines gives it, sorted: -generate-config-out writes the blocks of
// each list block in order, but the list blocks in the order their
// results came.
func hclBlocks(config string) []string {
	var blocks []string
	for _, line := range strings.Split(hclLines(config), "\n") {
		if len(blocks) == 0 || strings.HasPrefix(line, "resource ") || line == "import {" {
			blocks = append(blocks, line)
			continue
		}
		blocks[len(blocks)-1] += "\n" + line
	}
	slices.Sort(blocks)
	return blocks
}

// hclLines is configuration without its comments and with each line's
// white space trimmed: what the configuration says, not how a version of
// Terraform aligns it.
func hclLines(config string) string {
	var lines []string
	for _, line := range strings.Split(config, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// TestAdoptionGuideShowsEveryStep ties the guide to the end-to-end test:
// the guide shows each step's commands and output in the order the test
// runs them, and the example folder has no step the test leaves out.
func TestAdoptionGuideShowsEveryStep(t *testing.T) {
	tmpl, err := os.ReadFile(filepath.Join("..", "..", "templates", "guides", "adopting-an-organization.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, m := range regexp.MustCompile(`"examples/`+adoptionExample+`/([^"]+\.(?:sh|txt))"`).FindAllStringSubmatch(string(tmpl), -1) {
		shown = append(shown, m[1])
	}
	var want []string
	for _, step := range adoptionSteps {
		want = append(want, step+".sh", step+".txt")
	}
	if !slices.Equal(shown, want) {
		t.Errorf("the guide shows %q, want %q", shown, want)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", adoptionExample, "*.sh"))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	for _, f := range files {
		scripts = append(scripts, strings.TrimSuffix(filepath.Base(f), ".sh"))
	}
	if !slices.Equal(scripts, adoptionSteps) {
		t.Errorf("the example folder has the steps %q, the test runs %q", scripts, adoptionSteps)
	}
}
