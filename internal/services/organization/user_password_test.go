package organization_test

import (
	"context"
	"fmt"
	"testing"

	tfconfig "github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// testPassword is distinctive, so that any copy of it is easy to find.
const testPassword = "Initial-Pw-4q7Z-never-stored"

// planLacks fails when the JSON of the plan holds secret (read when the
// check runs, as a random password is known only then).
func planLacks(secret func() string) plancheck.PlanCheck {
	return planCheckFunc(func(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
		if held, err := jsonHolds(req.Plan, secret()); err != nil || held {
			resp.Error = fmt.Errorf("the plan holds the password (or cannot be encoded: %v)", err)
		}
	})
}

// stateLacks fails when the JSON of the state holds secret.
func stateLacks(secret func() string) statecheck.StateCheck {
	return stateCheckFunc(func(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
		if held, err := jsonHolds(req.State, secret()); err != nil || held {
			resp.Error = fmt.Errorf("the state holds the password (or cannot be encoded: %v)", err)
		}
	})
}

// passwordOf reads the password the fake holds for an email.
func passwordOf(t *testing.T, fake *fakeapi.Server, address string) func() string {
	return func() string {
		pw, ok := fake.Password(address)
		if !ok || pw == "" {
			t.Errorf("the fake holds no password for %s", address)
			return "\x00no password"
		}
		return pw
	}
}

// passwordVariable is how a configuration should pass password_wo: an
// ephemeral variable (Terraform 1.10+), which no plan file keeps either.
const passwordVariable = `
variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
`

// TestAccOrganizationUserResource_passwordWriteOnly: password_wo reaches
// the API on create, and no plan or state holds it; changing it later
// plans nothing. Write-only attributes need Terraform 1.11.
func TestAccOrganizationUserResource_passwordWriteOnly(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	given := func() string { return testPassword }
	config := acctest.ProviderBlock(url) + passwordVariable + member(address, "password_wo = var.initial_password")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:          config,
				ConfigVariables: tfconfig.Variables{"initial_password": tfconfig.StringVariable(testPassword)},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{planLacks(given)},
					PostApplyPostRefresh: []plancheck.PlanCheck{planLacks(given)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					stateLacks(given),
					checkMember("password_wo", knownvalue.Null()),
					acctest.FakeCheck(func() error {
						if got := passwordOf(t, fake, address)(); got != testPassword {
							return fmt.Errorf("the fake holds the password %q, want the configured one", got)
						}
						return nil
					}),
				},
			},
			{
				Config:           config,
				ConfigVariables:  tfconfig.Variables{"initial_password": tfconfig.StringVariable("another-password-1")},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccOrganizationUserResource_randomPassword: without password_wo, on
// every CLI, the provider sends a strong random password, which no plan
// or state holds.
func TestAccOrganizationUserResource_randomPassword(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	address := acctest.Email("barbara", "example.com")
	sent := passwordOf(t, fake, address)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderBlock(url) + member(address),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{planLacks(sent)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				stateLacks(sent),
				acctest.FakeCheck(func() error {
					if pw := sent(); len(pw) < 32 {
						return fmt.Errorf("the fake holds the password %q, want a strong random one", pw)
					}
					return nil
				}),
			},
		}},
	})
}

// TestAccOrganizationUserResource_passwordNeedsTerraform111: before
// Terraform 1.11, password_wo is refused at plan time, saying why.
func TestAccOrganizationUserResource_passwordNeedsTerraform111(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipAbove(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock(url) + member(acctest.Email("barbara", "example.com"), fmt.Sprintf("password_wo = %q", testPassword)),
			ExpectError: acctest.ErrorLike("Write-only attributes are only supported in Terraform 1.11 and later"),
		}},
	})
}
