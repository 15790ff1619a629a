package provider_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccOrganizationUsers_apiDownOneRetryBudget reads many data sources,
// lists and lookups, from an API that is always down. The provider
// configuration has one retry budget for the run: one call's attempts
// reach the API, and every other read fails with the same error at once,
// rather than retry the outage on its own.
func TestAccOrganizationUsers_apiDownOneRetryBudget(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, nil)
	fake.Always(fakeapi.Reply{Status: http.StatusServiceUnavailable, Body: `{"success": false, "message": "down for maintenance"}`})
	var config strings.Builder
	config.WriteString(acctest.ProviderBlock(url, "max_retries = 2"))
	for i := range 20 {
		fmt.Fprintf(&config, "data \"flashback_organization_users\" \"list%02d\" {}\n", i)
	}
	for i := range 15 {
		fmt.Fprintf(&config, "data \"flashback_organization_user\" \"one%02d\" {\n  email = %q\n}\n", i, acctest.Email(fmt.Sprintf("u%02d", i), "example.com"))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config.String(),
			ExpectError: regexp.MustCompile(`(?s)Flashback API unavailable.*after 3 attempts.*down\s+for\s+maintenance`),
		}},
	})
	if n := fake.RequestCount(); n != 3 {
		t.Errorf("the API got %d requests from 35 reads, want 3: one call and its 2 retries", n)
	}
}
