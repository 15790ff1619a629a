package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// The provider functions through the real CLI. Provider functions need
// Terraform 1.8 or OpenTofu 1.7: on an older CLI these tests skip, saying so.

var functionsVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)}

// TestAccFunctions calls each function as a configuration does, arguments
// as literals and as values from elsewhere in the configuration.
func TestAccFunctions(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   functionsVersionChecks,
		Steps: []resource.TestStep{{
			Config: `
locals {
  minimum   = "ADMINISTRATOR"
  no_role   = null
  role_list = ["USER", "BILLING", "WORKSPACES", "ADMINISTRATOR", "OWNER"]
}

output "codes" {
  value = [for r in local.role_list : provider::flashback::role_code(r)]
}

output "names" {
  value = [for c in [0, 1, 2, 254, 255, 3, 253, 256, -1] : provider::flashback::role_name(c)]
}

output "round_trip" {
  value = [for r in local.role_list : provider::flashback::role_name(provider::flashback::role_code(r))]
}

output "at_least" {
  value = {
    owner_by_code   = provider::flashback::role_at_least(255, local.minimum)
    admin_by_name   = provider::flashback::role_at_least("ADMINISTRATOR", 254)
    workspaces      = provider::flashback::role_at_least("WORKSPACES", local.minimum)
    reserved        = provider::flashback::role_at_least(100, "WORKSPACES")
    from_role_code  = provider::flashback::role_at_least(provider::flashback::role_code("BILLING"), "USER")
    guarded_null    = local.no_role != null ? provider::flashback::role_at_least(local.no_role, local.minimum) : false
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("codes", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.Int64Exact(0), knownvalue.Int64Exact(1), knownvalue.Int64Exact(2),
					knownvalue.Int64Exact(254), knownvalue.Int64Exact(255),
				})),
				statecheck.ExpectKnownOutputValue("names", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("USER"), knownvalue.StringExact("BILLING"), knownvalue.StringExact("WORKSPACES"),
					knownvalue.StringExact("ADMINISTRATOR"), knownvalue.StringExact("OWNER"),
					knownvalue.StringExact("UNKNOWN"), knownvalue.StringExact("UNKNOWN"),
					knownvalue.StringExact("UNKNOWN"), knownvalue.StringExact("UNKNOWN"),
				})),
				statecheck.ExpectKnownOutputValue("round_trip", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("USER"), knownvalue.StringExact("BILLING"), knownvalue.StringExact("WORKSPACES"),
					knownvalue.StringExact("ADMINISTRATOR"), knownvalue.StringExact("OWNER"),
				})),
				statecheck.ExpectKnownOutputValue("at_least", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"owner_by_code":  knownvalue.Bool(true),
					"admin_by_name":  knownvalue.Bool(true),
					"workspaces":     knownvalue.Bool(false),
					"reserved":       knownvalue.Bool(true),
					"from_role_code": knownvalue.Bool(true),
					"guarded_null":   knownvalue.Bool(false),
				})),
			},
		}},
	})
}

// TestAccFunctions_userRoles compares the users' org_role, a number from a
// data source, with a name: the same users as the data source's min_role.
func TestAccFunctions_userRoles(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, acctest.PolicyOrg())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   functionsVersionChecks,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `
data "flashback_organization_users" "all" {}

data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"
}

output "admins_by_function" {
  value = [for u in data.flashback_organization_users.all.users : u.id if provider::flashback::role_at_least(u.org_role, "ADMINISTRATOR")]
}

output "admins_by_filter" {
  value = data.flashback_organization_users.admins.users[*].id
}

output "names_by_function" {
  value = [for u in data.flashback_organization_users.all.users : provider::flashback::role_name(u.org_role) == u.org_role_name]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("admins_by_function", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("ada"), knownvalue.StringExact("alan"), knownvalue.StringExact("grace"),
				})),
				statecheck.ExpectKnownOutputValue("admins_by_filter", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("ada"), knownvalue.StringExact("alan"), knownvalue.StringExact("grace"),
				})),
				statecheck.ExpectKnownOutputValue("names_by_function", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true), knownvalue.Bool(true),
				})),
			},
		}},
	})
}

// TestAccFunctions_badInput shows the CLI's error for each kind of bad
// input: it names the function, the argument, and what is accepted.
func TestAccFunctions_badInput(t *testing.T) {
	names := provider.AllRoleNames
	tests := []struct {
		name, call string
		want       []string
	}{
		{"unknown name", `provider::flashback::role_code("owner")`,
			[]string{`"name" parameter`, `"owner" is not a Flashback organization role; use one of ` + names}},
		{"fraction", `provider::flashback::role_name(254.5)`,
			[]string{`"code" parameter`, "254.5 is not a whole number"}},
		{"role above a byte", `provider::flashback::role_at_least("OWNER", 256)`,
			[]string{`"minimum" parameter`, "256 is not a Flashback role code; role codes are whole numbers from 0 to 255"}},
		{"role of another type", `provider::flashback::role_at_least(true, "OWNER")`,
			[]string{`"role" parameter`, "not a bool"}},
		{"role as a list", `provider::flashback::role_at_least(["OWNER"], "OWNER")`,
			[]string{`"role" parameter`, "not a list"}},
		{"lower-case name", `provider::flashback::role_at_least("OWNER", "administrator")`,
			[]string{`"minimum" parameter`, `"administrator" is not a Flashback organization role`, names, "or a role code from 0 to 255"}},
		// Terraform refuses a null before calling the provider.
		{"null", `provider::flashback::role_at_least(null, "OWNER")`, []string{"role", "null"}},
	}
	steps := make([]resource.TestStep, len(tests))
	for i, tc := range tests {
		steps[i] = resource.TestStep{
			Config:      "output \"x\" {\n  value = " + tc.call + "\n}\n",
			ExpectError: acctest.ErrorLike(tc.want...),
		}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   functionsVersionChecks,
		Steps:                    steps,
	})
}

// TestAccFunctions_examples runs the examples of the functions' doc pages,
// examples/functions/<name>/function.tf, read from the files themselves.
func TestAccFunctions_examples(t *testing.T) {
	// Nora's role the API left out: the example must still work.
	noRole := acctest.PolicyUser("nora", acctest.Email("nora", "example.com"), client.RoleOwner, true, "")
	noRole.OrgRole = nil
	_, url := acctest.StartFakeAPI(t, append(acctest.PolicyOrg(), noRole))
	example := func(name string) string { return acctest.ExampleFile(t, "functions/"+name+"/function.tf") }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		TerraformVersionChecks:   functionsVersionChecks,
		Steps: []resource.TestStep{
			{
				Config: example("role_code"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("administrator_code", knownvalue.Int64Exact(254)),
				},
			},
			{
				Config:          example("role_code"),
				ConfigVariables: config.Variables{"required_role": config.StringVariable("Workspaces")},
				ExpectError:     acctest.ErrorLike("required_role must be a Flashback role name"),
			},
			{
				Config: example("role_name"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("role_names", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("USER"), knownvalue.StringExact("ADMINISTRATOR"),
						knownvalue.StringExact("OWNER"), knownvalue.StringExact("UNKNOWN"),
					})),
				},
			},
			{
				Config: acctest.ProviderBlock(url) + example("role_at_least"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("owner_is_at_least_administrator", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("administrators", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(acctest.Email("ada", "example.com")), knownvalue.StringExact(acctest.Email("alan", "example.com")),
						knownvalue.StringExact(acctest.Email("Grace", "Example.com")),
					})),
				},
			},
		},
	})
}
