package workspace_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// expectWorkspace checks every attribute of a flashback_workspace block.
func expectWorkspace(address string, fields map[string]knownvalue.Check) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for name, check := range fields {
		checks = append(checks, statecheck.ExpectKnownValue(address, tfjsonpath.New(name), check))
	}
	return checks
}

// TestAccWorkspace_lookups looks a workspace up by id and by name: the same
// workspace, with its members sorted by email, whichever argument is given.
func TestAccWorkspace_lookups(t *testing.T) {
	_, url, _ := sampleWorkspaces(t)
	payments := workspaceFields(fakeapi.SamplePaymentsID, "Payments", sampleMember("ada", "ADMIN"), sampleMember("grace", "ADMIN"), sampleMember("katherine", "WRITE"), sampleMember("mallory", "READ"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + `
data "flashback_workspace" "by_id" {
  id = "` + fakeapi.SamplePaymentsID + `"
}
data "flashback_workspace" "by_name" {
  name = "Payments"
}
`,
			ConfigStateChecks: append(expectWorkspace("data.flashback_workspace.by_id", payments),
				expectWorkspace("data.flashback_workspace.by_name", payments)...),
		}},
	})
}

// TestAccWorkspace_errors shows each lookup that finds no single workspace,
// and the arguments the validators refuse.
func TestAccWorkspace_errors(t *testing.T) {
	_, url, twin := sampleWorkspaces(t)
	ids := []string{fakeapi.SampleResearchID, twin}
	if twin < fakeapi.SampleResearchID {
		ids = []string{twin, fakeapi.SampleResearchID}
	}
	tests := []struct {
		name, args string
		want       string
	}{
		{"a name two workspaces share", `name = "Research"`,
			`Several Flashback workspaces share this name.*2 workspaces are named "Research": ids "` + ids[0] + `", "` + ids[1] + `".*look the workspace up by id`},
		// Archive exists, but the caller is not one of its members.
		{"a workspace the caller is not in, by name", `name = "Archive"`,
			`Flashback workspace not found.*None of the 3 workspaces the token's user is a member of has the name "Archive".*` +
				`shows a workspace only to its members, whatever their organization role.*add the token's user to it`},
		{"a workspace the caller is not in, by id", `id = "` + fakeapi.SampleArchiveID + `"`,
			`None of the 3 workspaces the token's user is a member of has the id "` + fakeapi.SampleArchiveID + `"`},
		{"a name in another case", `name = "payments"`, `has the name "payments" \(compared exactly, case included\)`},
		{"both", `id = "` + fakeapi.SamplePaymentsID + `"` + "\n" + `name = "Payments"`, `Invalid Attribute Combination`},
		{"neither", ``, `Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[id,name\]`},
		{"an empty name", `name = ""`, `Attribute name string length must be at least 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderBlock(url) + "data \"flashback_workspace\" \"w\" {\n" + tc.args + "\n}\n",
					ExpectError: regexp.MustCompile(`(?s)` + spaced(tc.want)),
				}},
			})
		})
	}
}

// spaced lets each space of a pattern match any run of white space, as
// the CLI wraps long messages.
func spaced(pattern string) string {
	return strings.ReplaceAll(pattern, " ", `\s+`)
}
