package provider_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// These tests run the policy examples under examples/policies, read from
// the files themselves, against organizations that pass them and that
// break them. Each example folder holds policy.tf, the policy, and
// provider.tf, the terraform and provider blocks for a run on its own.

// policyTest runs the policy of pc against the fake API at url, and
// expects it to break with message, or to pass when message is empty. The
// step applies, but for a policy whose configuration declares members,
// which plans only. A data source scoped to a check block is read again on
// every apply, so that the check sees fresh data: the plan after apply is
// never empty then.
func policyTest(t *testing.T, pc policyCase, url, message string) {
	t.Helper()
	step := resource.TestStep{
		Config:             pc.config(t, url),
		ConfigVariables:    pc.variables(),
		ExpectNonEmptyPlan: pc.warns || pc.members != nil,
		PlanOnly:           pc.members != nil,
	}
	switch {
	case pc.warns:
		check := expectCheckBlock{pc.check, "pass", ""}
		if message != "" {
			check = expectCheckBlock{pc.check, "fail", message}
		}
		if step.PlanOnly {
			step.ConfigPlanChecks.PostApplyPreRefresh = []plancheck.PlanCheck{check}
		} else {
			step.ConfigPlanChecks.PreApply = []plancheck.PlanCheck{check}
		}
	case message != "":
		step.ExpectError = acctest.ErrorLike(message)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   pc.versionChecks(),
		Steps:                    []resource.TestStep{step},
	})
}

// TestAccPolicyExamples runs each policy through terraform-plugin-testing:
// the passing organization applies cleanly; the breaking one fails the run
// with the policy's own message, except for a check block, whose failure
// is a warning that lets the run go on: the plan's check results show it
// failed, with the policy's message (TestAccPolicyExamples_cli shows the
// warning as the CLI prints it).
func TestAccPolicyExamples(t *testing.T) {
	for _, pc := range policyCases() {
		t.Run(pc.dir, func(t *testing.T) {
			t.Run("passes", func(t *testing.T) {
				policyTest(t, pc, startPolicyAPI(t, acctest.PolicyOrg(), nil), "")
			})
			t.Run("breaks", func(t *testing.T) {
				policyTest(t, pc, pc.startBroken(t), pc.message)
			})
		})
	}
}

// TestAccPolicyExamples_unnamedRoleCode shows that a role code above OWNER
// that has no name (the API may add roles) is caught by the policies on
// ADMINISTRATOR or higher, which read with min_role, not a list of role
// names; and that min-owners does not take it for an OWNER.
func TestAccPolicyExamples_unnamedRoleCode(t *testing.T) {
	root := acctest.PolicyUser("root", acctest.Email("root", "example.com"), unnamedRoleCode, false, "")
	tests := []struct {
		dir     string
		users   []fakeapi.User
		message string
	}{
		{"validated-admins", append(acctest.PolicyOrg(), root),
			"Every OWNER and ADMINISTRATOR needs a validated email. Not validated yet: " + acctest.Email("root", "example.com") +
				". Ask them to validate their email address in Flashback."},
		{"admin-allow-list", append(acctest.PolicyOrg(), root),
			"Only the people on the allow-list may hold ADMINISTRATOR or OWNER, each up to the role the list gives them. Above it: " +
				acctest.Email("root", "example.com") + " (UNKNOWN, not on the list). Lower their role in Flashback, or change var.admin_allow_list."},
		{"min-owners", append(withUser(acctest.PolicyOrg(), "grace", func(u *fakeapi.User) { u.OrgRole = fakeapi.Ptr(client.RoleAdministrator) }), root),
			"The organization needs at least 2 active OWNERs, so that nobody is locked out, but has 1: " +
				acctest.Email("ada", "example.com") + ". Give the OWNER role to another trusted person in Flashback."},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			policyTest(t, policyCaseByDir(t, tc.dir), startPolicyAPI(t, tc.users, nil), tc.message)
		})
	}
}

// expectCheckBlock is a plan check: the check block name has the status
// ("pass" or "fail") in the plan's check results and, when it failed, the
// one problem message.
type expectCheckBlock struct {
	name, status, message string
}

func (e expectCheckBlock) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, c := range req.Plan.Checks {
		if c.Address.Kind != "check" || c.Address.Name != e.name {
			continue
		}
		var problems []string
		for _, inst := range c.Instances {
			for _, p := range inst.Problems {
				problems = append(problems, p.Message)
			}
		}
		want := []string{}
		if e.message != "" {
			want = []string{e.message}
		}
		if string(c.Status) != e.status || !slices.Equal(problems, want) {
			resp.Error = fmt.Errorf("check block %s: status %q with problems %q; want %q with %q", e.name, c.Status, problems, e.status, want)
		}
		return
	}
	resp.Error = fmt.Errorf("the plan has no result for the check block %s", e.name)
}

// TestAccPolicyExamples_variables shows that the policies read their
// variables: the organizations that broke them pass once the variables
// allow them.
func TestAccPolicyExamples_variables(t *testing.T) {
	tests := []struct {
		dir  string
		vars config.Variables
	}{
		// Case does not matter in the allow-list's emails.
		{"admin-allow-list", config.Variables{"admin_allow_list": config.MapVariable(map[string]config.Variable{
			acctest.Email("ada", "example.com"): config.StringVariable("OWNER"), acctest.Email("grace", "example.com"): config.StringVariable("OWNER"),
			acctest.Email("alan", "example.com"): config.StringVariable("OWNER"), acctest.Email("EVE", "example.com"): config.StringVariable("ADMINISTRATOR"),
			acctest.Email("katherine", "EXAMPLE.COM"): config.StringVariable("OWNER"),
		})}},
		{"company-domains", config.Variables{"company_domains": config.SetVariable(
			config.StringVariable("example.com"), config.StringVariable("Contractor.Example.NET"), config.StringVariable("example.com.evil.net"),
		)}},
		{"min-owners", config.Variables{"min_owners": config.IntegerVariable(1)}},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			pc := policyCaseByDir(t, tc.dir)
			_, url := acctest.StartFakeAPI(t, pc.broken)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				TerraformVersionChecks:   pc.versionChecks(),
				Steps: []resource.TestStep{{
					Config:          acctest.ProviderBlock(url) + acctest.PolicyFile(t, tc.dir),
					ConfigVariables: tc.vars,
				}},
			})
		})
	}
}

// TestAccPolicyExamples_minOwnersOutput shows the min-owners example's
// output, and its message when the organization has no OWNER at all.
func TestAccPolicyExamples_minOwnersOutput(t *testing.T) {
	policy := acctest.PolicyFile(t, "min-owners")
	_, url := acctest.StartFakeAPI(t, acctest.PolicyOrg())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + policy,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("owners", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(acctest.Email("ada", "example.com")), knownvalue.StringExact(acctest.Email("Grace", "Example.com")),
				})),
			},
		}},
	})

	var noOwners []fakeapi.User
	for _, u := range acctest.PolicyOrg() {
		if *u.OrgRole != client.RoleOwner {
			noOwners = append(noOwners, u)
		}
	}
	_, url = acctest.StartFakeAPI(t, noOwners)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(url) + policy,
			ExpectError: acctest.ErrorLike("needs at least 2 active OWNERs, so that nobody is locked out, but has 0: none."),
		}},
	})
}

// TestAccPolicyExamples_cli runs each example folder as it is, provider.tf
// included, through the real CLI (Terraform or OpenTofu, whichever
// TF_ACC_TERRAFORM_PATH names). A passing organization gives no warning and
// no error. A breaking one gives the policy's message: as a warning, with a
// successful run, for a check block; as an error that fails the run
// otherwise.
func TestAccPolicyExamples_cli(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	for _, pc := range policyCases() {
		t.Run(pc.dir, func(t *testing.T) {
			if pc.functions {
				cli.SkipBelow(t, tfversion.Version1_8_0)
			}
			files := pc.files(t)
			t.Run("passes", func(t *testing.T) {
				url := startPolicyAPI(t, acctest.PolicyOrg(), nil)
				res := cli.Plan(t, files, url)
				if res.Failed || len(res.Diagnostics) > 0 {
					t.Fatalf("plan failed=%v with diagnostics %v; want a clean run\n%s", res.Failed, res.Diagnostics, res.Output)
				}
			})
			t.Run("breaks", func(t *testing.T) {
				url := pc.startBroken(t)
				res := cli.Plan(t, files, url)
				want := acctest.CLIDiagnostic{Severity: "error", Summary: pc.summary, Detail: pc.message}
				if pc.warns {
					want.Severity = "warning"
				}
				if res.Failed != !pc.warns {
					t.Errorf("plan failed = %v, want %v", res.Failed, !pc.warns)
				}
				if len(res.Diagnostics) != 1 {
					t.Fatalf("got diagnostics %v, want one: %v\n%s", res.Diagnostics, want, res.Output)
				}
				got := res.Diagnostics[0]
				if got != want {
					t.Errorf("got diagnostic\n  %v\nwant\n  %v", got, want)
				}
			})
		})
	}
}

// TestAccPolicyExamples_missingEmail shows that a user whose email the API
// left out fails the allow-list and the domain policies, with a message
// that still reads well.
func TestAccPolicyExamples_missingEmail(t *testing.T) {
	noEmail := acctest.PolicyUser("ghost", "", client.RoleOwner, true, "")
	noEmail.Email = nil
	tests := []struct {
		dir, message string
	}{
		{"admin-allow-list", "Above it: (no email) (OWNER, not on the list). Lower their role"},
		{"company-domains", "Outside them: (no email). Remove these users"},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			_, url := acctest.StartFakeAPI(t, append(acctest.PolicyOrg(), noEmail))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				TerraformVersionChecks:   policyCaseByDir(t, tc.dir).versionChecks(),
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderBlock(url) + acctest.PolicyFile(t, tc.dir),
					ExpectError: acctest.ErrorLike(tc.message),
				}},
			})
		})
	}
}

// TestAccPolicyExamples_allowListRoles shows that the allow-list's roles
// are checked with role_code, with a message that lists the valid names.
func TestAccPolicyExamples_allowListRoles(t *testing.T) {
	pc := policyCaseByDir(t, "admin-allow-list")
	_, url := acctest.StartFakeAPI(t, acctest.PolicyOrg())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   pc.versionChecks(),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + acctest.PolicyFile(t, pc.dir),
			ConfigVariables: config.Variables{"admin_allow_list": config.MapVariable(map[string]config.Variable{
				acctest.Email("ada", "example.com"): config.StringVariable("OWNER"), acctest.Email("alan", "example.com"): config.StringVariable("Administrator"),
			})},
			ExpectError: acctest.ErrorLike("Each role in admin_allow_list must be a Flashback role name: USER, BILLING, WORKSPACES, ADMINISTRATOR or OWNER."),
		}},
	})
}

// TestAccPolicyExamples_mfaNotSaid shows the MFA policy's message when the
// API leaves mfaEnforced out: the policy fails closed.
func TestAccPolicyExamples_mfaNotSaid(t *testing.T) {
	url := startPolicyAPI(t, acctest.PolicyOrg(), func(o *fakeapi.Organization) { o.MFAEnforced = nil })
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(url) + acctest.PolicyFile(t, "mfa-enforced"),
			ExpectError: acctest.ErrorLike("must require MFA of its members when they sign in, but the API did not say whether it does."),
		}},
	})
}

// TestAccPolicyExamples_foldedEmail shows that the examples compare emails
// as the provider does, ASCII letters ignoring case and nothing more: the
// account \u0130nes@example.com, whose dotted capital I lower() turns into
// an i, is not ines@example.com's, and a domain with it is not the
// company's. (U+212A KELVIN SIGN cannot show this: Terraform normalizes
// every string to NFC, which makes it a K.)
func TestAccPolicyExamples_foldedEmail(t *testing.T) {
	folded := acctest.PolicyUser("ines", "\u0130nes@example.com", client.RoleAdministrator, true, "")
	t.Run("admin-allow-list", func(t *testing.T) {
		pc := policyCaseByDir(t, "admin-allow-list")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			TerraformVersionChecks:   pc.versionChecks(),
			Steps: []resource.TestStep{{
				Config: pc.config(t, startPolicyAPI(t, append(acctest.PolicyOrg(), folded), nil)),
				ConfigVariables: config.Variables{"admin_allow_list": config.MapVariable(map[string]config.Variable{
					acctest.Email("ada", "example.com"): config.StringVariable("OWNER"), acctest.Email("grace", "example.com"): config.StringVariable("OWNER"),
					acctest.Email("alan", "example.com"): config.StringVariable("ADMINISTRATOR"), acctest.Email("ines", "example.com"): config.StringVariable("ADMINISTRATOR"),
				})},
				ExpectError: acctest.ErrorLike("Above it: \u0130nes@example.com (ADMINISTRATOR, not on the list)."),
			}},
		})
	})
	t.Run("company-domains", func(t *testing.T) {
		pc := policyCaseByDir(t, "company-domains")
		user := acctest.PolicyUser("ann", "ann@\u0130ntel.com", client.RoleUser, true, "")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: pc.config(t, startPolicyAPI(t, append(acctest.PolicyOrg(), user), nil)),
				ConfigVariables: config.Variables{"company_domains": config.SetVariable(
					config.StringVariable("example.com"), config.StringVariable("intel.com"),
				)},
				ExpectError: acctest.ErrorLike("Outside them: ann@\u0130ntel.com. Remove these users"),
			}},
		})
	})
	t.Run("no-unmanaged-members", func(t *testing.T) {
		pc := policyCaseByDir(t, "no-unmanaged-members")
		pc.members[acctest.Email("ines", "example.com")] = "ADMINISTRATOR"
		policyTest(t, pc, startPolicyAPI(t, append(acctest.PolicyOrg(), folded), nil),
			"Every ADMINISTRATOR and OWNER must be managed by this configuration. Not managed: \u0130nes@example.com (ADMINISTRATOR). "+
				"Declare them as flashback_organization_user (import each by email), or lower their role in Flashback.")
	})
}
