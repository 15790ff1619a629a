package acctest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// TestToken is the access token the fake API accepts in these tests.
const TestToken = "fb-test-token-9f8e7d6c5b4a"

// ProtoV6ProviderFactories runs the provider in-process for the
// acceptance tests, through the same server as the released binary.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"flashback": provider.NewServer("test"),
}

// StartFakeAPI serves users on a loopback httptest server for the test.
func StartFakeAPI(t *testing.T, users []fakeapi.User) (*fakeapi.Server, string) {
	t.Helper()
	fake := fakeapi.New(TestToken, users)
	return fake, ServeLoopback(t, fake)
}

// ProviderBlock configures the provider for a fake API, with fast retries
// and any extra settings given as HCL lines.
func ProviderBlock(baseURL string, extra ...string) string {
	return fmt.Sprintf(`
provider "flashback" {
  base_url       = %q
  access_token   = %q
  retry_wait_min = "1ms"
  retry_wait_max = "5ms"
  %s
}
`, baseURL, TestToken, strings.Join(extra, "\n  "))
}

// Email builds an address; the sources never spell one out literally.
func Email(local, domain string) string { return local + "@" + domain }

// ImportBlock is an import block that imports id into the resource at
// address to (Terraform 1.5+).
func ImportBlock(to, id string) string {
	return fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", to, id)
}

// Importable is the terraform block of a configuration that an import step
// uses as it is: terraform-plugin-testing adds none there, and OpenTofu
// would look for an unqualified source in its own registry, not at the
// provider the test serves.
const Importable = `
terraform {
  required_providers {
    flashback = { source = "registry.terraform.io/hashicorp/flashback" }
  }
}
`

// FakeCheck is a state check that runs check, a check of the fake API's
// state, after a step.
func FakeCheck(check func() error) statecheck.StateCheck { return fakeCheck(check) }

type fakeCheck func() error

func (f fakeCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}
