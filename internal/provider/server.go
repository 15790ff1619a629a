package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

const organizationUsersTypeName = "flashback_organization_users"

// NewServer returns a factory for the provider's protocol 6 server: the
// framework's server, with a fast path for reading flashback_organization_users.
//
// For a large organization, the framework's handling of a data source's new
// state after Read returns (copies, an equality walk, a walk for null
// blocks, conversions to framework values) costs several times the read
// itself. The state of this data source needs none of it: it has no blocks
// and no semantic-equality types. So the fast path runs the same Read logic
// (readOrganizationUsers), which encodes the state as the protocol carries
// it, and hands that over as it is. Everything else, validation included, is
// the framework's. TestServerFastPathMatchesFramework shows that both paths
// give the same state.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := &FlashbackProvider{version: version}
		return &server{ProviderServer: providerserver.NewProtocol6(p)(), provider: p}
	}
}

type server struct {
	tfprotov6.ProviderServer
	provider *FlashbackProvider

	schemaOnce sync.Once
	schema     datasourceSchema
}

type datasourceSchema struct {
	tfsdk tfsdk.Config
	typ   tftypes.Type
}

func (s *server) usersSchema(ctx context.Context) datasourceSchema {
	s.schemaOnce.Do(func() {
		var resp datasource.SchemaResponse
		NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
		s.schema = datasourceSchema{tfsdk: tfsdk.Config{Schema: resp.Schema}, typ: resp.Schema.Type().TerraformType(ctx)}
	})
	return s.schema
}

func (s *server) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	c := s.provider.configuredClient()
	if req.TypeName != organizationUsersTypeName || c == nil || req.Config == nil {
		// Anything unusual (not configured, deferred) is the framework's to answer.
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	sch := s.usersSchema(ctx)
	raw, err := req.Config.Unmarshal(sch.typ)
	if err != nil {
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	config := sch.tfsdk
	config.Raw = raw
	state, diags := readOrganizationUsers(ctx, c, config)
	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: protoDiagnostics(diags)}
	if diags.HasError() {
		return resp, nil
	}
	resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	return resp, nil
}

// protoDiagnostics converts diagnostics for the wire. The paths of
// readOrganizationUsers's diagnostics, when they have one, name attributes.
func protoDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

func attributePath(p path.Path) *tftypes.AttributePath {
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		name, ok := step.(path.PathStepAttributeName)
		if !ok {
			break
		}
		ap = ap.WithAttributeName(string(name))
	}
	return ap
}

// configuredClient returns the client that Configure made, or nil.
func (p *FlashbackProvider) configuredClient() *client.Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.client
}
