package organization_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// Membership at scale (issue 17): the real CLI applies and plans many
// flashback_organization_user resources in one folder, and the fake counts
// the API calls each command makes. A count is exact; nothing is timed.

// ansiEscape is a colour code of the CLI's output.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")

// scaleRun is a folder of many members, its CLI and its fake API.
type scaleRun struct {
	cli  *acctest.CLIRunner
	fake *fakeapi.Server
	work string
	env  []string
}

// newScaleRun writes a configuration of n members, member00000 to
// member<n-1>, in a fresh folder, for a fake of the sample organization.
func newScaleRun(t *testing.T, cli *acctest.CLIRunner, n int) *scaleRun {
	t.Helper()
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	s := &scaleRun{cli: cli, fake: fake, work: t.TempDir(), env: []string{provider.EnvBaseURL + "=" + url, provider.EnvAccessToken + "=" + acctest.TestToken}}
	config := acctest.CLIProvider("") + fmt.Sprintf(`
resource "flashback_organization_user" "m" {
  for_each    = toset([for i in range(%d) : format("member%%05d", i)])
  email       = "${each.key}@members.example.com"
  name        = "Member"
  last_name   = each.key
  role        = "USER"
  send_invite = false
}
`, n)
	if err := os.WriteFile(filepath.Join(s.work, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return s
}

// apiCalls are the calls one command made, by kind.
type apiCalls struct {
	all, lists, byID, creates int
}

func (c apiCalls) String() string {
	return fmt.Sprintf("%d calls: %d reads of the list, %d reads by id, %d creates", c.all, c.lists, c.byID, c.creates)
}

// run runs the CLI with args in the folder, fails the test when it fails,
// and returns its output, without colours, and the calls it made.
func (s *scaleRun) run(t *testing.T, args ...string) (string, apiCalls) {
	t.Helper()
	before := s.fake.RequestCount()
	r := s.cli.StartWithInput(t, s.work, "", s.env, args...).Wait(t)
	out := acctest.Unwrapped(ansiEscape.ReplaceAllString(r.Stdout+r.Stderr, ""))
	if r.Failed {
		t.Fatalf("terraform %s failed:\n%s", strings.Join(args, " "), out)
	}
	var calls apiCalls
	for _, c := range s.fake.Calls()[before:] {
		calls.all++
		switch {
		case c.Method == http.MethodGet && c.Path == client.UsersPath:
			calls.lists++
		case c.Method == http.MethodGet && strings.HasPrefix(c.Path, client.UsersPath+"/"):
			calls.byID++
		case c.Method == http.MethodPost && c.Path == client.UsersPath:
			calls.creates++
		}
	}
	return out, calls
}

func (s *scaleRun) apply(t *testing.T) (string, apiCalls) {
	t.Helper()
	return s.run(t, "apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
}

func (s *scaleRun) plan(t *testing.T) (string, apiCalls) {
	t.Helper()
	return s.run(t, "plan", "-input=false", "-lock=false", "-no-color")
}

// member returns the fake's user of a member, by its key.
func (s *scaleRun) member(t *testing.T, key string) fakeapi.User {
	t.Helper()
	return fakeUser(t, s.fake, key+"@members.example.com")
}

// listWithout makes the fake's next answer to the list leave out the user
// with the id, and report total as its total.
func (s *scaleRun) listWithout(id string, total func(listed int) int) {
	var rest []fakeapi.User
	for _, u := range s.fake.Users() {
		if u.ID == nil || *u.ID != id {
			rest = append(rest, u)
		}
	}
	body := strings.Replace(string(fakeapi.UsersBody(rest)), fmt.Sprintf(`"total":%d`, len(rest)), fmt.Sprintf(`"total":%d`, total(len(rest))), 1)
	s.fake.Script(fakeapi.Reply{Method: http.MethodGet, Path: client.UsersPath, Status: http.StatusOK, Body: body})
}

// TestAccOrganizationUser_manyMembers applies 50 and 200 members, then
// plans over them: the apply creates each with one POST and reads the list
// at most once; the plan reads the list once, whatever the number of
// members, and finds no change. Then, in plans over the same members: a
// role changed outside Terraform shows as drift, a member deleted outside
// Terraform is created again, a member missing from a list whose total says
// more exist is read by id (and kept), and one missing from a complete list
// is gone.
func TestAccOrganizationUser_manyMembers(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	for _, n := range []int{50, 200} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := newScaleRun(t, cli, n)
			out, calls := s.apply(t)
			if !strings.Contains(out, fmt.Sprintf("Apply complete! Resources: %d added", n)) {
				t.Fatalf("the apply did not create %d members:\n%s", n, out)
			}
			if calls.lists > 1 || calls.creates != n {
				t.Errorf("the apply made %s; want %d creates and at most 1 read of the list", calls, n)
			}

			out, calls = s.plan(t)
			if !strings.Contains(out, "No changes.") {
				t.Errorf("the plan after the apply found changes:\n%s", out)
			}
			if calls.all > 3 || calls.lists != 1 || calls.byID != 0 {
				t.Errorf("the plan over %d members made %s; want 1 read of the list, and at most 3 calls", n, calls)
			}

			// Drift and a deletion outside Terraform.
			promoted, deleted := s.member(t, "member00003"), s.member(t, "member00007")
			if err := s.fake.SetRole(*promoted.ID, fakeapi.RoleWorkspaces); err != nil {
				t.Fatal(err)
			}
			if err := s.fake.DeleteUser(*deleted.ID); err != nil {
				t.Fatal(err)
			}
			out, calls = s.plan(t)
			for _, want := range []string{
				`flashback_organization_user.m["member00003"] will be updated in-place`,
				`~ role = "WORKSPACES" -> "USER"`,
				`flashback_organization_user.m["member00007"] will be created`,
				"Plan: 1 to add, 1 to change, 0 to destroy.",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("the plan after changes outside Terraform lacks %q:\n%s", want, out)
				}
			}
			if calls.all > 3 || calls.lists != 1 || calls.byID != 0 {
				t.Errorf("the plan with drift made %s; want 1 read of the list, and at most 3 calls", calls)
			}
			if err := s.fake.SetRole(*promoted.ID, fakeapi.RoleUser); err != nil {
				t.Fatal(err)
			}
			if err := s.fake.EditUser(*deleted.ID, func(u *fakeapi.User) { u.DeletedAt = nil }); err != nil {
				t.Fatal(err)
			}

			// An incomplete list proves nothing: the member it leaves out is read by id.
			missing := s.member(t, "member00011")
			s.listWithout(*missing.ID, func(listed int) int { return listed + 1 })
			out, calls = s.plan(t)
			if !strings.Contains(out, "No changes.") {
				t.Errorf("the plan over an incomplete list found changes:\n%s", out)
			}
			if calls.lists != 1 || calls.byID != 1 {
				t.Errorf("the plan over an incomplete list made %s; want 1 read of the list and 1 read by id", calls)
			}

			// A complete list that does not have a member shows it gone.
			s.listWithout(*missing.ID, func(listed int) int { return listed })
			out, calls = s.plan(t)
			if !strings.Contains(out, `flashback_organization_user.m["member00011"] will be created`) {
				t.Errorf("the plan over a complete list without member00011 does not create it again:\n%s", out)
			}
			if calls.lists != 1 || calls.byID != 0 {
				t.Errorf("the plan over a complete list made %s; want 1 read of the list and none by id", calls)
			}
		})
	}
}

// TestAccOrganizationUser_fewMembersReadByID: a plan over a few members
// reads each by id, and never the list, which in a large organization
// costs far more.
func TestAccOrganizationUser_fewMembersReadByID(t *testing.T) {
	s := newScaleRun(t, acctest.NewCLIRunner(t), 5)
	s.apply(t)
	out, calls := s.plan(t)
	if !strings.Contains(out, "No changes.") {
		t.Errorf("the plan after the apply found changes:\n%s", out)
	}
	if calls.lists != 0 || calls.byID != 5 {
		t.Errorf("the plan over 5 members made %s; want 5 reads by id and none of the list", calls)
	}
}

// TestAccOrganizationUser_rateLimitedPlan: against an API that allows 60
// requests a minute and answers 429 beyond, a plan over 200 members
// finishes without an error and without meeting the limit.
func TestAccOrganizationUser_rateLimitedPlan(t *testing.T) {
	s := newScaleRun(t, acctest.NewCLIRunner(t), 200)
	s.apply(t)
	s.fake.SetRateLimit(60)
	out, calls := s.plan(t)
	if !strings.Contains(out, "No changes.") {
		t.Errorf("the rate-limited plan found changes:\n%s", out)
	}
	if calls.all > 3 || s.fake.RateLimited() > 0 {
		t.Errorf("the plan made %s, and %d were refused by the rate limit; want at most 3, none refused", calls, s.fake.RateLimited())
	}
}
