package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

var benchSizes = []int{1_000, 10_000, 100_000}

// benchAPI serves n generated users from a body encoded once.
func benchAPI(b *testing.B, n int) string {
	b.Helper()
	fake := fakeapi.New(testToken, nil)
	fake.Always(fakeapi.Reply{Body: string(fakeapi.UsersBody(fakeapi.GenerateUsers(n)))})
	srv := httptest.NewServer(fake)
	b.Cleanup(srv.Close)
	return srv.URL
}

func reportPerUser(b *testing.B, users int) {
	b.Helper()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(users), "ns/user")
}

// BenchmarkFilterAndBuild is the provider's work on a decoded list: the
// default filter (active users) and building the Terraform values.
func BenchmarkFilterAndBuild(b *testing.B) {
	for _, n := range benchSizes {
		c, err := client.New(client.Config{BaseURL: benchAPI(b, n), Token: testToken})
		if err != nil {
			b.Fatal(err)
		}
		list, err := c.ListOrganizationUsers(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var f client.Filter
			for b.Loop() {
				users, emails := usersTerraformValues(f.Apply(list.Users))
				if !users.IsKnown() || !emails.IsKnown() {
					b.Fatal("no values built")
				}
			}
			reportPerUser(b, n)
		})
	}
}

// BenchmarkReadDataSource is one whole read through the provider server:
// configure, the HTTP call over loopback, decoding, filtering, building the
// state, and the framework's encoding of it for Terraform.
func BenchmarkReadDataSource(b *testing.B) {
	ctx := context.Background()
	server := providerserver.NewProtocol6(New("bench")())()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	dsType := schemas.DataSourceSchemas["flashback_organization_users"].ValueType()
	dsConfig := dynamicValue(b, dsType, nil)
	for _, n := range benchSizes {
		providerConfig := dynamicValue(b, schemas.Provider.ValueType(), map[string]tftypes.Value{
			"base_url":     tftypes.NewValue(tftypes.String, benchAPI(b, n)),
			"access_token": tftypes.NewValue(tftypes.String, testToken),
		})
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				// A new configuration each time, so that no read is served from the cache.
				cresp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: providerConfig})
				if err != nil || len(cresp.Diagnostics) > 0 {
					b.Fatalf("configure: %v %v", err, cresp.Diagnostics)
				}
				resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
					TypeName: "flashback_organization_users", Config: dsConfig,
				})
				if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
					b.Fatalf("read: %v %v", err, resp.Diagnostics)
				}
			}
			reportPerUser(b, n)
		})
	}
}

// dynamicValue encodes an object of type typ with the given attributes set
// and every other one null.
func dynamicValue(b *testing.B, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	obj := typ.(tftypes.Object)
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}
