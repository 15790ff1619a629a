package framework_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// diagnosticsProvider serves one data source whose Read reports diags: the
// framework's own conversion of diagnostics, to compare framework.ProtoDiagnostics with.
type diagnosticsProvider struct{ diags diag.Diagnostics }

func (p diagnosticsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "test"
}
func (p diagnosticsProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {
}
func (p diagnosticsProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p diagnosticsProvider) Resources(context.Context) []func() resource.Resource { return nil }
func (p diagnosticsProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return diagnosticsDataSource(p) }}
}

type diagnosticsDataSource diagnosticsProvider

func (d diagnosticsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "test_diagnostics"
}
func (d diagnosticsDataSource) Schema(context.Context, datasource.SchemaRequest, *datasource.SchemaResponse) {
}
func (d diagnosticsDataSource) Read(_ context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.Diagnostics = d.diags
}

// TestProtoDiagnosticsAsTheFramework shows that the users server converts
// diagnostics, their severity and their attribute path of every kind of
// step, exactly as the framework's server does.
func TestProtoDiagnosticsAsTheFramework(t *testing.T) {
	var diags diag.Diagnostics
	diags.AddWarning("a warning", "with no path")
	diags.AddError("an error", "with no path")
	diags.AddAttributeWarning(path.Root("roles"), "a warning", "on an attribute")
	diags.AddAttributeError(path.Root("users").AtListIndex(2).AtName("org_roles").AtListIndex(0), "an error", "in a list")
	diags.AddAttributeError(path.Root("tags").AtMapKey("team").AtName("x"), "an error", "in a map")
	diags.AddAttributeError(path.Root("roles").AtSetValue(types.StringValue("OWNER")), "an error", "in a set")

	ctx := context.Background()
	server := providerserver.NewProtocol6(diagnosticsProvider{diags})()
	config := acctest.DynamicValue(t, (&tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{}}).ValueType(), nil)
	resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "test_diagnostics", Config: config})
	if err != nil {
		t.Fatal(err)
	}
	got, want := framework.ProtoDiagnostics(ctx, diags), resp.Diagnostics
	if len(got) != len(want) {
		t.Fatalf("framework.ProtoDiagnostics:%s\nthe framework:%s", acctest.DiagnosticsText(got), acctest.DiagnosticsText(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail || !g.Attribute.Equal(w.Attribute) {
			t.Errorf("diagnostic %d: framework.ProtoDiagnostics%s\nthe framework%s", i, acctest.DiagnosticsText(got[i:i+1]), acctest.DiagnosticsText(want[i:i+1]))
		}
	}
}
