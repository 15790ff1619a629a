package acctest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
)

// Helpers that drive the provider over the protocol, as Terraform does,
// for the tests that compare servers or look at what goes on the wire.

// SafetyTimeout is how long a test waits before failing instead of
// hanging. It is a guard, not an expectation of speed.
const SafetyTimeout = 20 * time.Second

// ServedProvider is the provider's server as main.go serves it.
func ServedProvider(tb testing.TB) tfprotov6.ProviderServer {
	tb.Helper()
	s, err := provider.NewServer("test")()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// frameworkOnlyProvider is the provider with every data source served by
// the framework, flashback_organization_users by its framework Read: the
// reference the served provider's own server is compared with.
type frameworkOnlyProvider struct{ *provider.FlashbackProvider }

func (frameworkOnlyProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{organization.NewOrganizationUsersDataSource, organization.NewOrganizationUserDataSource}
}

var _ fwprovider.Provider = frameworkOnlyProvider{}

// FrameworkOnlyServer serves the provider with every data source served by
// the framework, flashback_organization_users by its framework Read: the
// reference the served provider's own server is compared with.
func FrameworkOnlyServer() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(frameworkOnlyProvider{provider.New("test")})()
}

// ProtoHarness drives a provider server over the protocol.
type ProtoHarness struct {
	Server  tfprotov6.ProviderServer
	Schemas *tfprotov6.GetProviderSchemaResponse
}

func NewProtoHarness(tb testing.TB, server tfprotov6.ProviderServer) *ProtoHarness {
	tb.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range schemas.Diagnostics {
		tb.Fatalf("GetProviderSchema: %s: %s", d.Summary, d.Detail)
	}
	return &ProtoHarness{Server: server, Schemas: schemas}
}

// Configure configures the provider for the API at url with the token,
// and fails on any diagnostic.
func (h *ProtoHarness) Configure(tb testing.TB, url string) {
	tb.Helper()
	resp := h.ConfigureWith(tb, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.16.4"}, url, nil)
	if len(resp.Diagnostics) > 0 {
		tb.Fatalf("ConfigureProvider:%s", DiagnosticsText(resp.Diagnostics))
	}
}

// ConfigureWith sends req with a provider configuration for the API at url.
func (h *ProtoHarness) ConfigureWith(tb testing.TB, req *tfprotov6.ConfigureProviderRequest, url string, settings map[string]tftypes.Value) *tfprotov6.ConfigureProviderResponse {
	tb.Helper()
	set := map[string]tftypes.Value{
		"base_url":     tftypes.NewValue(tftypes.String, url),
		"access_token": tftypes.NewValue(tftypes.String, TestToken),
	}
	for k, v := range settings {
		set[k] = v
	}
	req.Config = DynamicValue(tb, h.Schemas.Provider.ValueType(), set)
	resp, err := h.Server.ConfigureProvider(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// Read reads the data source typeName with the given arguments set.
func (h *ProtoHarness) Read(tb testing.TB, typeName string, args map[string]tftypes.Value) *tfprotov6.ReadDataSourceResponse {
	tb.Helper()
	s, ok := h.Schemas.DataSourceSchemas[typeName]
	if !ok {
		tb.Fatalf("no data source %s", typeName)
	}
	resp, err := h.Server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName, Config: DynamicValue(tb, s.ValueType(), args),
	})
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// State decodes the state of a read of typeName.
func (h *ProtoHarness) State(tb testing.TB, typeName string, resp *tfprotov6.ReadDataSourceResponse) tftypes.Value {
	tb.Helper()
	if resp.State == nil {
		tb.Fatalf("the read of %s gave no state:%s", typeName, DiagnosticsText(resp.Diagnostics))
	}
	v, err := resp.State.Unmarshal(h.Schemas.DataSourceSchemas[typeName].ValueType())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// DynamicValue encodes an object of type typ with the given attributes set
// and every other one null.
func DynamicValue(tb testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	vals := NullAttributes(typ)
	for name, v := range set {
		vals[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// NullAttributes returns a null value for each attribute of an object type.
func NullAttributes(typ tftypes.Type) map[string]tftypes.Value {
	obj, _ := typ.(tftypes.Object) // not an object: no attributes
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return vals
}

// DiagnosticsText shows protocol diagnostics in a failure message.
func DiagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  %s: %s: %s (at %v)", d.Severity, d.Summary, d.Detail, d.Attribute)
	}
	return b.String()
}

// NullObject is an object of type typ whose attributes are all null.
func NullObject(typ tftypes.Type) tftypes.Value {
	return tftypes.NewValue(typ, NullAttributes(typ))
}

// ServeLoopback serves h on loopback for the length of the test.
func ServeLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
