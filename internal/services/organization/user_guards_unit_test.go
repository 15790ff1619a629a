package organization_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// The last-OWNER guard fails closed: on an answer with fewer users than
// its total, the OWNER that keeps the organization open may be the one
// left out, so the change is refused rather than let through.
func TestGuardLastOwnerFailsClosedOnIncompleteList(t *testing.T) {
	for _, tc := range []struct {
		name      string
		total     int64 // 0: the answer's own count
		wantError string
	}{
		{name: "complete, another OWNER active", wantError: ""},
		{name: "incomplete", total: 100, wantError: "Cannot check the last-OWNER rule on an incomplete list"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
			if tc.total > 0 {
				fake.SetTotal(tc.total)
			}
			c, err := client.New(client.Config{BaseURL: url, Token: acctest.TestToken})
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.Diagnostics
			organization.GuardLastOwner(context.Background(), c, fakeapi.SampleOwnerID, "ada@example.com", "destroy it", &diags)
			got := ""
			if diags.HasError() {
				got = diags.Errors()[0].Summary()
			}
			if got != tc.wantError {
				t.Fatalf("error %q, want %q (diagnostics: %v)", got, tc.wantError, diags)
			}
			if tc.wantError != "" && !strings.Contains(diags.Errors()[0].Detail(), "reported a total of 100") {
				t.Errorf("the detail does not say what the API reported: %s", diags.Errors()[0].Detail())
			}
		})
	}
}
