package provider_test

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// The organizations the policy examples are tested against: one that
// passes every policy, and for each policy one that breaks it.

// withUser returns users with the user of the given id changed by edit.
func withUser(users []fakeapi.User, id string, edit func(*fakeapi.User)) []fakeapi.User {
	for i := range users {
		if *users[i].ID == id {
			edit(&users[i])
		}
	}
	return users
}

// policyCase is one policy example and an organization that breaks it.
type policyCase struct {
	// dir is the example's folder under examples/policies.
	dir string
	// warns is true for a check block, which warns and lets the run go on;
	// otherwise the policy is a condition that fails the run.
	warns bool
	// check is the check block's name, when warns is true.
	check string
	// summary is the CLI's summary of the diagnostic the policy gives.
	summary string
	// broken is an organization that breaks the policy, and message the
	// policy's error_message for it.
	broken  []fakeapi.User
	message string
	// brokenOrg, when set, changes the organization's settings so that
	// they break the policy; otherwise the settings pass every policy.
	brokenOrg func(*fakeapi.Organization)
	// brokenWorkspaces, when set, changes the workspaces of
	// policyWorkspaces so that they break the policy.
	brokenWorkspaces func(fake *fakeapi.Server, ids map[string]string)
	// functions is true for a policy that calls the provider functions,
	// which need Terraform 1.8 (OpenTofu 1.7): its tests skip below.
	functions bool
	// extraFiles are the folder's files beside policy.tf and provider.tf
	// that the policy needs, such as the members it counts.
	extraFiles []string
	// members, when set, is var.members of both runs: each member's email
	// and role. Such a policy plans only: an apply would create members
	// that the organization already has.
	members map[string]string
}

// config is the policy's configuration for terraform-plugin-testing,
// against the fake API at url.
func (pc policyCase) config(t *testing.T, url string) string {
	t.Helper()
	cfg := acctest.ProviderBlock(url) + acctest.PolicyFile(t, pc.dir)
	for _, name := range pc.extraFiles {
		cfg += acctest.ExampleFile(t, "policies/"+pc.dir+"/"+name)
	}
	return cfg
}

// files is the policy's folder as the CLI runs it, with var.members in a
// terraform.tfvars.json when the case sets it.
func (pc policyCase) files(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{
		"provider.tf": acctest.ExampleFile(t, "policies/"+pc.dir+"/provider.tf"),
		"policy.tf":   acctest.PolicyFile(t, pc.dir),
	}
	for _, name := range pc.extraFiles {
		files[name] = acctest.ExampleFile(t, "policies/"+pc.dir+"/"+name)
	}
	if pc.members != nil {
		members := map[string]map[string]string{}
		for address, role := range pc.members {
			members[address] = map[string]string{"name": "Test", "last_name": "Test", "role": role}
		}
		b, err := json.Marshal(map[string]any{"members": members})
		if err != nil {
			t.Fatal(err)
		}
		files["terraform.tfvars.json"] = string(b)
	}
	return files
}

// variables is var.members for terraform-plugin-testing, when the case
// sets it.
func (pc policyCase) variables() config.Variables {
	if pc.members == nil {
		return nil
	}
	members := map[string]config.Variable{}
	for address, role := range pc.members {
		members[address] = config.ObjectVariable(map[string]config.Variable{
			"name": config.StringVariable("Test"), "last_name": config.StringVariable("Test"), "role": config.StringVariable(role),
		})
	}
	return config.Variables{"members": config.MapVariable(members)}
}

// versionChecks skips the tests of a policy on a CLI that cannot run it.
func (pc policyCase) versionChecks() []tfversion.TerraformVersionCheck {
	if pc.functions {
		return functionsVersionChecks
	}
	return nil
}

// policyCaseByDir returns the policy case of the example folder dir.
func policyCaseByDir(t *testing.T, dir string) policyCase {
	t.Helper()
	for _, pc := range policyCases() {
		if pc.dir == dir {
			return pc
		}
	}
	t.Fatalf("no policy example %q", dir)
	return policyCase{}
}

func policyCases() []policyCase {
	return []policyCase{
		{
			dir:     "validated-admins",
			warns:   true,
			check:   "admins_have_validated_emails",
			summary: "Check block assertion failed",
			// Alan is not validated, and the API left Grace's flag out.
			broken: withUser(withUser(acctest.PolicyOrg(), "alan", func(u *fakeapi.User) { u.Validated = fakeapi.Ptr(false) }),
				"grace", func(u *fakeapi.User) { u.Validated = nil }),
			message: "Every OWNER and ADMINISTRATOR needs a validated email. Not validated yet: " +
				acctest.Email("alan", "example.com") + ", " + acctest.Email("Grace", "Example.com") + ". Ask them to validate their email address in Flashback.",
		},
		{
			dir:       "admin-allow-list",
			functions: true,
			summary:   "Resource postcondition failed",
			// Alan, on the list as an ADMINISTRATOR, becomes an OWNER;
			// Katherine and Eve, off the list, hold OWNER and ADMINISTRATOR.
			broken: append(withUser(withUser(acctest.PolicyOrg(),
				"katherine", func(u *fakeapi.User) { u.OrgRole = fakeapi.Ptr(client.RoleOwner) }),
				"alan", func(u *fakeapi.User) { u.OrgRole = fakeapi.Ptr(client.RoleOwner) }),
				acctest.PolicyUser("eve", acctest.Email("eve", "example.com"), client.RoleAdministrator, true, "")),
			message: "Only the people on the allow-list may hold ADMINISTRATOR or OWNER, each up to the role the list gives them. Above it: " +
				acctest.Email("alan", "example.com") + " (OWNER, allowed up to ADMINISTRATOR), " +
				acctest.Email("eve", "example.com") + " (ADMINISTRATOR, not on the list), " +
				acctest.Email("katherine", "example.com") + " (OWNER, not on the list). " +
				"Lower their role in Flashback, or change var.admin_allow_list.",
		},
		{
			dir:     "company-domains",
			summary: "Resource postcondition failed",
			// A domain that merely starts with the company's does not pass.
			broken: append(acctest.PolicyOrg(),
				acctest.PolicyUser("claude", acctest.Email("claude", "contractor.example.net"), client.RoleBilling, true, ""),
				acctest.PolicyUser("frank", acctest.Email("frank", "example.com.evil.net"), client.RoleUser, true, "")),
			message: "Every active user must have an email in the company's domains (example.com). Outside them: " +
				acctest.Email("claude", "contractor.example.net") + ", " + acctest.Email("frank", "example.com.evil.net") + ". " +
				"Remove these users from the organization, or add their domain to var.company_domains.",
		},
		{
			dir:     "min-owners",
			summary: "Module output value precondition failed",
			// Grace steps down; the deleted OWNER does not count.
			broken: withUser(acctest.PolicyOrg(), "grace", func(u *fakeapi.User) { u.OrgRole = fakeapi.Ptr(client.RoleAdministrator) }),
			message: "The organization needs at least 2 active OWNERs, so that nobody is locked out, but has 1: " +
				acctest.Email("ada", "example.com") + ". Give the OWNER role to another trusted person in Flashback.",
		},
		{
			dir:       "mfa-enforced",
			summary:   "Resource postcondition failed",
			broken:    acctest.PolicyOrg(),
			brokenOrg: func(o *fakeapi.Organization) { o.MFAEnforced = fakeapi.Ptr(false) },
			message: "The Flashback organization Example Org must require MFA of its members when they sign in, but it does not. " +
				"An ADMINISTRATOR or OWNER of the organization can turn on MFA enforcement in its settings in Flashback.",
		},
		{
			dir:        "no-unmanaged-members",
			warns:      true,
			check:      "no_unmanaged_members",
			summary:    "Check block assertion failed",
			extraFiles: []string{"members.tf"},
			// Every ADMINISTRATOR and OWNER of the organization is a member;
			// Grace's email is declared in another case.
			members: map[string]string{
				acctest.Email("ada", "example.com"): "OWNER", acctest.Email("grace", "example.com"): "OWNER",
				acctest.Email("alan", "example.com"): "ADMINISTRATOR",
			},
			// Eve, an ADMINISTRATOR, is not a member, and neither is a user
			// with a role code above OWNER that has no name.
			broken: append(acctest.PolicyOrg(),
				acctest.PolicyUser("eve", acctest.Email("eve", "example.com"), client.RoleAdministrator, true, ""),
				acctest.PolicyUser("root", acctest.Email("root", "example.com"), unnamedRoleCode, true, "")),
			message: "Every ADMINISTRATOR and OWNER must be managed by this configuration. Not managed: " +
				acctest.Email("eve", "example.com") + " (ADMINISTRATOR), " + acctest.Email("root", "example.com") + " (UNKNOWN). " +
				"Declare them as flashback_organization_user (import each by email), or lower their role in Flashback.",
		},
		{
			dir:     "workspace-admin-allow-list",
			summary: "Resource postcondition failed",
			broken:  acctest.PolicyOrg(),
			// Alan becomes ADMIN of Platform, and a member without an email
			// (a user the organization does not have) ADMIN of Data.
			brokenWorkspaces: func(fake *fakeapi.Server, ids map[string]string) {
				fake.SetWorkspaceMember(ids["Platform"], "alan", "ADMIN")
				fake.SetWorkspaceMember(ids["Data"], "ghost", "ADMIN")
			},
			message: "Only the people on the allow-list may be ADMIN of a workspace. Not on it: user ghost (ADMIN of Data), " +
				acctest.Email("alan", "example.com") + " (ADMIN of Platform). Give them WRITE or READ in these workspaces, or change var.workspace_admins.",
		},
		{
			dir:     "workspace-members-active",
			summary: "Resource postcondition failed",
			broken:  acctest.PolicyOrg(),
			// Mallory, a deleted user, is still a member of Data. (A member
			// the organization does not have: TestAccExamples_answerWithNulls.)
			brokenWorkspaces: func(fake *fakeapi.Server, ids map[string]string) {
				fake.SetWorkspaceMember(ids["Data"], "mallory", "READ")
			},
			message: "Every member of a workspace must be an active user of the organization. Not active: " +
				acctest.Email("mallory", "evil.example.net") + " (Data, deleted). Remove them from these workspaces in Flashback.",
		},
	}
}

// policyWorkspaces gives the policy organization workspaces that pass
// every policy, and returns their ids by name. Vault breaks both workspace
// policies, but ada, whose token the policies run with, is not one of its
// members, so the API hides it from them: a policy sees only the workspaces
// of the token's user.
func policyWorkspaces(fake *fakeapi.Server) map[string]string {
	return map[string]string{
		"Platform": fake.AddWorkspace("Platform", map[string]string{"ada": "ADMIN", "grace": "ADMIN", "alan": "WRITE", "edsger": "READ"}),
		"Data":     fake.AddWorkspace("Data", map[string]string{"ada": "ADMIN", "katherine": "WRITE"}),
		"Vault":    fake.AddWorkspace("Vault", map[string]string{"grace": "ADMIN", "katherine": "ADMIN", "mallory": "READ", "ghost": "WRITE"}),
	}
}

// startBroken serves the organization that breaks the policy.
func (pc policyCase) startBroken(t *testing.T) string {
	t.Helper()
	fake, url := startPolicyFake(t, pc.broken, pc.brokenOrg)
	if pc.brokenWorkspaces != nil {
		pc.brokenWorkspaces(fake, policyWorkspaces(fake))
	} else {
		policyWorkspaces(fake)
	}
	return url
}

// unnamedRoleCode is a role code above OWNER that has no name: the API may
// add roles, and a policy on ADMINISTRATOR or higher must not miss them.
const unnamedRoleCode int64 = 300

// startPolicyAPI serves an organization of users whose settings pass every
// policy (it enforces MFA), changed by editOrg when it is not nil, with the
// workspaces of policyWorkspaces.
func startPolicyAPI(t *testing.T, users []fakeapi.User, editOrg func(*fakeapi.Organization)) string {
	t.Helper()
	fake, url := startPolicyFake(t, users, editOrg)
	policyWorkspaces(fake)
	return url
}

// startPolicyFake is startPolicyAPI without the workspaces.
func startPolicyFake(t *testing.T, users []fakeapi.User, editOrg func(*fakeapi.Organization)) (*fakeapi.Server, string) {
	t.Helper()
	fake, url := acctest.StartFakeAPI(t, users)
	org := fake.Organization()
	org.MFAEnforced = fakeapi.Ptr(true)
	if editOrg != nil {
		editOrg(&org)
	}
	fake.SetOrganization(org)
	return fake, url
}
