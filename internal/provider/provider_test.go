package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// testToken is the access token the fake API accepts in these tests.
const testToken = "fb-test-token-9f8e7d6c5b4a"

// testAccProtoV6ProviderFactories runs the provider in-process for the
// acceptance tests, through the same server as the released binary.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"flashback": NewServer("test"),
}

// startFakeAPI serves users on a loopback httptest server for the test.
func startFakeAPI(t *testing.T, users []fakeapi.User) (*fakeapi.Server, string) {
	t.Helper()
	fake := fakeapi.New(testToken, users)
	return fake, serveLoopback(t, fake)
}

// providerBlock configures the provider for a fake API, with fast retries
// and any extra settings given as HCL lines.
func providerBlock(baseURL string, extra ...string) string {
	return fmt.Sprintf(`
provider "flashback" {
  base_url       = %q
  access_token   = %q
  retry_wait_min = "1ms"
  retry_wait_max = "5ms"
  %s
}
`, baseURL, testToken, strings.Join(extra, "\n  "))
}

// email builds an address; the sources never spell one out literally.
func email(local, domain string) string { return local + "@" + domain }
