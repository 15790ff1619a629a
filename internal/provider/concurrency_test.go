package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccOrganizationUsers_manyAtOnce reads twenty data sources with
// different filters in one run, which Terraform does in parallel, against
// an API slow enough for the reads to overlap. Under -race, as make test
// runs it, it shows the provider safe for concurrent reads; and every
// data source gets its own filter's users out of the shared call.
func TestAccOrganizationUsers_manyAtOnce(t *testing.T) {
	fake, url := startFakeAPI(t, nil)
	fake.Always(fakeapi.Reply{Delay: 100 * time.Millisecond, Body: string(fakeapi.UsersBody(fakeapi.SampleUsers()))})
	active := []string{"ada", "alan", "claude", "edsger", "grace", "katherine"}
	filters := []struct {
		args   string
		emails []string
	}{
		{"", active},
		{"include_deleted = true", append(active[:6:6], "mallory")},
		{`roles = ["OWNER"]`, []string{"ada", "grace"}},
		{`roles = ["ADMINISTRATOR"]`, []string{"alan"}},
		{"roles = [\"ADMINISTRATOR\"]\n  include_deleted = true", []string{"alan", "mallory"}},
		{`roles = ["BILLING"]`, []string{"claude"}},
		{`roles = ["USER"]`, []string{"edsger"}},
		{`roles = ["WORKSPACES"]`, []string{"katherine"}},
		{`roles = ["USER", "BILLING"]`, []string{"claude", "edsger"}},
		{`min_role = "OWNER"`, []string{"ada", "grace"}},
		{`min_role = "ADMINISTRATOR"`, []string{"ada", "alan", "grace"}},
		{`min_role = "WORKSPACES"`, []string{"ada", "alan", "grace", "katherine"}},
		{`min_role = "BILLING"`, []string{"ada", "alan", "claude", "grace", "katherine"}},
		{`min_role = "USER"`, active},
		{"validated = true", []string{"ada", "alan", "edsger", "grace", "katherine"}},
		{"validated = false", []string{"claude"}},
		{"validated = false\n  include_deleted = true", []string{"claude"}},
		{"min_role = \"ADMINISTRATOR\"\n  include_deleted = true", []string{"ada", "alan", "grace", "mallory"}},
		{"roles = [\"OWNER\", \"WORKSPACES\"]\n  validated = true", []string{"ada", "grace", "katherine"}},
		{"roles = [\"USER\"]\n  min_role = \"OWNER\"", nil},
	}
	var config strings.Builder
	config.WriteString(providerBlock(url))
	var checks []statecheck.StateCheck
	for i, f := range filters {
		name := fmt.Sprintf("d%02d", i)
		fmt.Fprintf(&config, "data \"flashback_organization_users\" %q {\n  %s\n}\n", name, f.args)
		want := make([]knownvalue.Check, len(f.emails))
		for j, local := range f.emails {
			domain := "example.com"
			if local == "claude" {
				domain = "contractor.example.net"
			}
			want[j] = knownvalue.StringExact(email(local, domain))
		}
		addr := "data.flashback_organization_users." + name
		checks = append(checks,
			statecheck.ExpectKnownValue(addr, top("emails"), knownvalue.ListExact(want)),
			statecheck.ExpectKnownValue(addr, top("users"), knownvalue.ListSizeExact(len(f.emails))),
			statecheck.ExpectKnownValue(addr, top("total"), knownvalue.Int64Exact(7)),
			statecheck.ExpectKnownValue(addr, top("org_id"), knownvalue.StringExact(fakeapi.SampleOrgID)),
		)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: config.String(), ConfigStateChecks: checks}},
	})
	// Each Terraform command configures the provider once and reads all
	// twenty data sources through that configuration's one call; reading
	// them one call each would take twenty requests per command.
	if n := fake.RequestCount(); n == 0 || n >= len(filters) {
		t.Errorf("the API got %d requests for %d data sources; want them to share the calls", n, len(filters))
	}
}
