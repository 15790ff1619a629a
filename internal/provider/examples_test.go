package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccExamples_answerWithNulls runs every example under examples/ that
// reads the API, from its own files, through the CLI, on answers where
// fields are null. Each
// must either pass or break with its own message, never with an error of
// Terraform's own, such as a null put in a string.
func TestAccExamples_answerWithNulls(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	// The user with a null role is kept by min_role (a search for
	// privileged users cannot rule it out), so the policies that use it
	// name it too.
	noEmail := "(no email)"
	tests := []struct {
		name  string
		files map[string]string
		// want is the one diagnostic the example gives; none when empty.
		want acctest.CLIDiagnostic
		// functions is true for an example that calls the provider functions.
		functions bool
	}{
		{name: "quickstart", files: map[string]string{"main.tf": acctest.ExampleFile(t, "quickstart/main.tf")}},
		{name: "organization_users", files: map[string]string{"provider.tf": acctest.ExampleProviderFile,
			"main.tf": acctest.ExampleFile(t, "data-sources/flashback_organization_users/data-source.tf")}},
		{name: "organization_user", files: map[string]string{"provider.tf": acctest.ExampleProviderFile,
			"main.tf": acctest.ExampleFile(t, "data-sources/flashback_organization_user/data-source.tf")},
			want: acctest.CLIDiagnostic{Severity: "error", Summary: "Resource postcondition failed", Detail: "The break-glass account a1b2c3d4-0002-4000-8000-000000000002 " +
				"must be an active OWNER, but the API gave no role for it."}},
		{name: "organization", files: map[string]string{"provider.tf": acctest.ExampleProviderFile,
			"main.tf": acctest.ExampleFile(t, "data-sources/flashback_organization/data-source.tf")}},
		{name: "role_at_least", functions: true, files: map[string]string{"provider.tf": acctest.ExampleProviderFile,
			"main.tf": acctest.ExampleFile(t, "functions/role_at_least/function.tf")}},
		{name: "validated-admins", want: acctest.CLIDiagnostic{Severity: "warning", Summary: "Check block assertion failed",
			Detail: "Every OWNER and ADMINISTRATOR needs a validated email. Not validated yet: " + noEmail + ", " + noEmail + ". Ask them to validate their email address in Flashback."}},
		{name: "admin-allow-list", want: acctest.CLIDiagnostic{Severity: "error", Summary: "Resource postcondition failed",
			Detail: "Only the people on the allow-list may hold ADMINISTRATOR or OWNER, each up to the role the list gives them. Above it: " +
				noEmail + " (no role, not on the list), " + noEmail + " (OWNER, not on the list). Lower their role in Flashback, or change var.admin_allow_list."}},
		{name: "company-domains", want: acctest.CLIDiagnostic{Severity: "error", Summary: "Resource postcondition failed",
			Detail: "Every active user must have an email in the company's domains (example.com). Outside them: " + noEmail + ", " + noEmail + ". " +
				"Remove these users from the organization, or add their domain to var.company_domains."}},
		{name: "min-owners", want: acctest.CLIDiagnostic{Severity: "error", Summary: "Module output value precondition failed",
			Detail: "The organization needs at least 2 active OWNERs, so that nobody is locked out, but has 1: " + noEmail + ". " +
				"Give the OWNER role to another trusted person in Flashback."}},
		{name: "no-unmanaged-members", want: acctest.CLIDiagnostic{Severity: "warning", Summary: "Check block assertion failed",
			Detail: "Every ADMINISTRATOR and OWNER must be managed by this configuration. Not managed: " + noEmail + " (no role), " + noEmail + " (OWNER). " +
				"Declare them as flashback_organization_user (import each by email), " +
				"or lower their role in Flashback."}},
		{name: "mfa-enforced", want: acctest.CLIDiagnostic{Severity: "error", Summary: "Resource postcondition failed",
			Detail: "The Flashback organization " + fakeapi.SampleOrgID + " must require MFA of its members when they sign in, " +
				"but the API did not say whether it does. An ADMINISTRATOR or OWNER of the organization can turn on MFA enforcement " +
				"in its settings in Flashback."}},
		{name: "workspaces", files: map[string]string{"provider.tf": acctest.ExampleProviderFile,
			"main.tf": acctest.ExampleFile(t, "data-sources/flashback_workspaces/data-source.tf")}},
		{name: "workspace", files: map[string]string{"provider.tf": acctest.ExampleProviderFile,
			"main.tf": acctest.ExampleFile(t, "data-sources/flashback_workspace/data-source.tf")}},
		{name: "workspace-admin-allow-list", want: acctest.CLIDiagnostic{Severity: "error", Summary: "Resource postcondition failed",
			Detail: "Only the people on the allow-list may be ADMIN of a workspace. Not on it: user ada (ADMIN of Payments), " +
				"user nameless-owner (ADMIN of Payments). Give them WRITE or READ in these workspaces, or change var.workspace_admins."}},
		{name: "workspace-members-active", want: acctest.CLIDiagnostic{Severity: "error", Summary: "Resource postcondition failed",
			Detail: "Every member of a workspace must be an active user of the organization. Not active: " +
				"user stranger (Payments, not in the organization). Remove them from these workspaces in Flashback."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.functions {
				cli.SkipBelow(t, tfversion.Version1_8_0)
			}
			if tc.files == nil {
				if policyCaseByDir(t, tc.name).functions {
					cli.SkipBelow(t, tfversion.Version1_8_0)
				}
				tc.files = policyCaseByDir(t, tc.name).files(t)
			}
			fake, url := acctest.StartFakeAPI(t, nil)
			fake.Always(fakeapi.Reply{Path: client.UsersPath, Body: acctest.NullAnswer()})
			// A plan reads the workspaces once; a second reply is to spare.
			workspaces := fakeapi.Reply{Path: client.WorkspacesPath, Body: nullWorkspaces}
			fake.Script(workspaces, workspaces)
			// The organization has its id and nothing else.
			fake.SetOrganization(fakeapi.Organization{ID: fakeapi.SampleOrgID})
			res := cli.Plan(t, tc.files, url)
			var want []acctest.CLIDiagnostic
			if tc.want != (acctest.CLIDiagnostic{}) {
				want = append(want, tc.want)
			}
			if fmt.Sprint(res.Diagnostics) != fmt.Sprint(want) {
				t.Errorf("got diagnostics\n  %v\nwant\n  %v\n%s", res.Diagnostics, want, res.Output)
			}
			if res.Failed != (tc.want.Severity == "error") {
				t.Errorf("plan failed = %v, want %v", res.Failed, tc.want.Severity == "error")
			}
		})
	}
}

// nullWorkspaces is a workspaces answer in which any field of a member's
// user may be null, or the user itself: two ADMINs without an email, and a
// member the users answer (acctest.NullAnswer) does not have.
const nullWorkspaces = `{"success": true, "workspaces": [
  {"id": "b2c3d4e5-0002-4000-8000-000000000002", "name": "Payments", "orgId": null, "users": [
    {"userId": "nameless-owner", "role": "ADMIN", "user": null},
    {"userId": "ada", "role": "ADMIN", "user": {"id": "ada", "email": null, "name": null, "lastName": null, "orgRole": null}},
    {"userId": "stranger", "role": "READ", "user": {"id": "stranger", "email": null, "name": "S", "lastName": null, "orgRole": 0}}]},
  {"id": "research", "name": "Research", "orgId": null, "users": []}
]}`
