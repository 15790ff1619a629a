package organization

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

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
// default filter (active users) and building the Terraform values, which
// here means encoding the state as the protocol carries it.
func BenchmarkFilterAndBuild(b *testing.B) {
	for _, n := range benchSizes {
		list := decodedUsers(b, n)
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var f client.Filter
			for b.Loop() {
				state, err := encodeUsersState(benchConfig, usersState{users: list.Select(&f), total: list.Total, orgID: list.OrgID()})
				if err != nil || len(state) == 0 {
					b.Fatal(err)
				}
			}
			reportPerUser(b, n)
		})
	}
}

// benchConfig is an empty configuration of flashback_organization_users.
var benchConfig = func() tfsdk.Config {
	var resp datasource.SchemaResponse
	NewOrganizationUsersDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	return tfsdk.Config{Schema: resp.Schema, Raw: nullObject(resp.Schema.Type().TerraformType(context.Background()))}
}()
