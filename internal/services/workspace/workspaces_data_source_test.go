package workspace_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// sampleWorkspaces serves the sample organization with its workspaces
// (Research, Payments, and Archive, which the caller ada is not in), and
// a second "Research" that ada reads, in which one member is a user the
// organization does not have, and Grace's user id sorts before Alan's,
// unlike their emails.
func sampleWorkspaces(t *testing.T) (fake *fakeapi.Server, url, twin string) {
	t.Helper()
	fake, url = acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	fake.AddSampleWorkspaces()
	twin = fake.AddWorkspace("Research", map[string]string{
		fakeapi.SampleOwnerID: "READ", ghostID: "WRITE", fakeapi.SampleSecondOwnerID: "ADMIN", fakeapi.SampleAdminID: "READ",
	})
	return fake, url, twin
}

// ghostID is a workspace member the organization does not have: the API
// sends it with a null user.
const ghostID = "0f0f0f0f-0000-4000-8000-00000000dead"

// memberValue is the expected value of one member: email "" for a null user.
func memberValue(userID, email, name, lastName string, orgRole int64, role string) knownvalue.Check {
	if email == "" {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"user_id": knownvalue.StringExact(userID), "email": knownvalue.Null(), "name": knownvalue.Null(),
			"last_name": knownvalue.Null(), "org_role": knownvalue.Null(), "org_role_name": knownvalue.Null(),
			"role": knownvalue.StringExact(role),
		})
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"user_id": knownvalue.StringExact(userID), "email": knownvalue.StringExact(email), "name": knownvalue.StringExact(name),
		"last_name": knownvalue.StringExact(lastName), "org_role": knownvalue.Int64Exact(orgRole),
		"org_role_name": knownvalue.StringExact(client.RoleName(orgRole)), "role": knownvalue.StringExact(role),
	})
}

// sampleMember is the expected value of a sample user, by the local part
// of its email, as a member with role.
func sampleMember(local, role string) knownvalue.Check {
	for _, u := range fakeapi.SampleUsers() {
		if *u.Email == acctest.Email(local, "example.com") {
			return memberValue(*u.ID, *u.Email, *u.Name, *u.LastName, *u.OrgRole, role)
		}
	}
	panic("no sample user " + local)
}

// workspaceValue is the expected value of one workspace.
func workspaceValue(id, name string, members ...knownvalue.Check) knownvalue.Check {
	return knownvalue.ObjectExact(workspaceFields(id, name, members...))
}

func workspaceFields(id, name string, members ...knownvalue.Check) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"id": knownvalue.StringExact(id), "name": knownvalue.StringExact(name),
		"org_id": knownvalue.StringExact(fakeapi.SampleOrgID), "members": knownvalue.ListExact(members),
	}
}

// researches are the two workspaces named Research, in the order of their ids.
func researches(twin string) []knownvalue.Check {
	sample := workspaceValue(fakeapi.SampleResearchID, "Research", sampleMember("ada", "ADMIN"), sampleMember("alan", "WRITE"), sampleMember("edsger", "READ"))
	// The member without an email sorts first, as an empty email.
	other := workspaceValue(twin, "Research", memberValue(ghostID, "", "", "", 0, "WRITE"), sampleMember("ada", "READ"), sampleMember("alan", "READ"), sampleMember("grace", "ADMIN"))
	if twin < fakeapi.SampleResearchID {
		return []knownvalue.Check{other, sample}
	}
	return []knownvalue.Check{sample, other}
}

// TestAccWorkspaces_lists reads the caller's workspaces: sorted by name,
// then id; members by email; a member the organization does not have with
// null fields; a deleted user still a member; and Archive, which the
// caller is not in, left out.
func TestAccWorkspaces_lists(t *testing.T) {
	_, url, twin := sampleWorkspaces(t)
	want := append([]knownvalue.Check{
		workspaceValue(fakeapi.SamplePaymentsID, "Payments", sampleMember("ada", "ADMIN"), sampleMember("grace", "ADMIN"), sampleMember("katherine", "WRITE"), sampleMember("mallory", "READ")),
	}, researches(twin)...)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `data "flashback_workspaces" "mine" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.flashback_workspaces.mine", tfjsonpath.New("workspaces"), knownvalue.ListExact(want)),
			},
		}},
	})
}

// TestAccWorkspaces_answers reads a caller that is in no workspace (an
// empty list, not null), and an answer with a role outside the three (an
// error that names it, from the client's check of the answer).
func TestAccWorkspaces_answers(t *testing.T) {
	tests := []struct {
		name    string
		members map[string]string
		step    resource.TestStep
	}{
		{"in no workspace", map[string]string{fakeapi.SampleSecondOwnerID: "ADMIN"}, resource.TestStep{
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.flashback_workspaces.mine", tfjsonpath.New("workspaces"), knownvalue.ListExact(nil)),
			},
		}},
		{"a role outside the three", map[string]string{fakeapi.SampleOwnerID: "OWNER"}, resource.TestStep{
			ExpectError: regexp.MustCompile(`(?s)the\s+role\s+"OWNER"`),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
			fake.AddWorkspace("Elsewhere", tc.members)
			tc.step.Config = acctest.ProviderBlock(url) + `data "flashback_workspaces" "mine" {}`
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{tc.step}})
		})
	}
}

// TestAccWorkspaces_oneCallPerRun plans, through the real CLI, a
// configuration with several blocks of both workspace data sources: the
// run reads GET /workspace once.
func TestAccWorkspaces_oneCallPerRun(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	fake, url, _ := sampleWorkspaces(t)
	config := `
data "flashback_workspaces" "a" {}
data "flashback_workspaces" "b" {}
data "flashback_workspace" "by_id" {
  id = "` + fakeapi.SamplePaymentsID + `"
}
data "flashback_workspace" "by_name" {
  name = "Payments"
}
output "same" {
  value = data.flashback_workspace.by_id.members == data.flashback_workspace.by_name.members && length(data.flashback_workspaces.a.workspaces) == 3
}
`
	res := cli.Plan(t, map[string]string{"provider.tf": acctest.ExampleProviderFile, "main.tf": config}, url)
	if res.Failed || len(res.Diagnostics) > 0 {
		t.Fatalf("plan failed=%v with %v\n%s", res.Failed, res.Diagnostics, res.Output)
	}
	if n := len(fake.CallsTo(http.MethodGet, client.WorkspacesPath)); n != 1 {
		t.Errorf("one plan with four blocks made %d GET %s calls, want 1", n, client.WorkspacesPath)
	}
	var others []string
	for _, c := range fake.Calls() {
		if c.Method != http.MethodGet || c.Path != client.WorkspacesPath {
			others = append(others, c.Method+" "+c.Path)
		}
	}
	if len(others) > 0 {
		t.Errorf("the plan made other calls too: %v", others)
	}
}
