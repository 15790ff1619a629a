package organization_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// BenchmarkReadDataSource is one whole read through the provider server:
// configure, the HTTP call over loopback, decoding, filtering, building the
// state, and encoding it for Terraform. "server" is the provider as served;
// "framework_only" reads the same data source through the framework's Read.
func BenchmarkReadDataSource(b *testing.B) {
	for _, n := range organization.BenchSizes {
		url := organization.BenchAPI(b, n)
		for _, path := range []struct {
			name   string
			server func() tfprotov6.ProviderServer
		}{
			{"server", func() tfprotov6.ProviderServer { return acctest.ServedProvider(b) }},
			{"framework_only", acctest.FrameworkOnlyServer},
		} {
			p := acctest.NewProtoHarness(b, path.server())
			b.Run(fmt.Sprintf("%s/users=%d", path.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					// A new configuration each time, so that no read is served from the cache.
					p.Configure(b, url)
					if resp := p.Read(b, organization.UsersTypeName, nil); resp.State == nil {
						b.Fatal("no state")
					}
				}
				organization.ReportPerUser(b, n)
			})
		}
	}
}
