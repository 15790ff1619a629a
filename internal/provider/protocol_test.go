package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Helpers that drive the provider over the protocol, as Terraform does.

// safetyTimeout is how long a test waits before failing instead of
// hanging. It is a guard, not an expectation of speed.
const safetyTimeout = 20 * time.Second

// servedProvider is the provider's server as main.go serves it.
func servedProvider(tb testing.TB) tfprotov6.ProviderServer {
	tb.Helper()
	s, err := NewServer("test")()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// frameworkOnlyProvider is the provider with every data source served by
// the framework, flashback_organization_users by its framework Read: the
// reference the served provider's own server is compared with.
type frameworkOnlyProvider struct{ *FlashbackProvider }

func (frameworkOnlyProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewOrganizationUsersDataSource, NewOrganizationUserDataSource}
}

var _ provider.Provider = frameworkOnlyProvider{}

func frameworkOnlyServer() tfprotov6.ProviderServer {
	return providerserver.NewProtocol6(frameworkOnlyProvider{newFlashbackProvider("test", &configuration{})})()
}

// protoHarness drives a provider server over the protocol.
type protoHarness struct {
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

func newProtoHarness(tb testing.TB, server tfprotov6.ProviderServer) *protoHarness {
	tb.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range schemas.Diagnostics {
		tb.Fatalf("GetProviderSchema: %s: %s", d.Summary, d.Detail)
	}
	return &protoHarness{server: server, schemas: schemas}
}

// configure configures the provider for the API at url with the token,
// and fails on any diagnostic.
func (h *protoHarness) configure(tb testing.TB, url string) {
	tb.Helper()
	resp := h.configureWith(tb, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.16.4"}, url, nil)
	if len(resp.Diagnostics) > 0 {
		tb.Fatalf("ConfigureProvider:%s", diagnosticsText(resp.Diagnostics))
	}
}

// configureWith sends req with a provider configuration for the API at url.
func (h *protoHarness) configureWith(tb testing.TB, req *tfprotov6.ConfigureProviderRequest, url string, settings map[string]tftypes.Value) *tfprotov6.ConfigureProviderResponse {
	tb.Helper()
	set := map[string]tftypes.Value{
		"base_url":     tftypes.NewValue(tftypes.String, url),
		"access_token": tftypes.NewValue(tftypes.String, testToken),
	}
	for k, v := range settings {
		set[k] = v
	}
	req.Config = dynamicValue(tb, h.schemas.Provider.ValueType(), set)
	resp, err := h.server.ConfigureProvider(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// read reads the data source typeName with the given arguments set.
func (h *protoHarness) read(tb testing.TB, typeName string, args map[string]tftypes.Value) *tfprotov6.ReadDataSourceResponse {
	tb.Helper()
	s, ok := h.schemas.DataSourceSchemas[typeName]
	if !ok {
		tb.Fatalf("no data source %s", typeName)
	}
	resp, err := h.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName, Config: dynamicValue(tb, s.ValueType(), args),
	})
	if err != nil {
		tb.Fatal(err)
	}
	return resp
}

// state decodes the state of a read of typeName.
func (h *protoHarness) state(tb testing.TB, typeName string, resp *tfprotov6.ReadDataSourceResponse) tftypes.Value {
	tb.Helper()
	if resp.State == nil {
		tb.Fatalf("the read of %s gave no state:%s", typeName, diagnosticsText(resp.Diagnostics))
	}
	v, err := resp.State.Unmarshal(h.schemas.DataSourceSchemas[typeName].ValueType())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// dynamicValue encodes an object of type typ with the given attributes set
// and every other one null.
func dynamicValue(tb testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	vals := nullAttributes(typ)
	for name, v := range set {
		vals[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

// nullAttributes returns a null value for each attribute of an object type.
func nullAttributes(typ tftypes.Type) map[string]tftypes.Value {
	obj, _ := typ.(tftypes.Object) // not an object: no attributes
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return vals
}

// diagnosticsText shows protocol diagnostics in a failure message.
func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  %s: %s: %s (at %v)", d.Severity, d.Summary, d.Detail, d.Attribute)
	}
	return b.String()
}

// nullObject is an object of type typ whose attributes are all null.
func nullObject(typ tftypes.Type) tftypes.Value {
	return tftypes.NewValue(typ, nullAttributes(typ))
}

// serveLoopback serves h on loopback for the length of the test.
func serveLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
