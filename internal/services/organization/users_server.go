package organization

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// UsersTypeName is the type name of the list data source, which this server
// serves.
const UsersTypeName = "flashback_organization_users"

// organizationUsersServer serves flashback_organization_users: a
// terraform-plugin-go server that NewServer combines with the framework's.
//
// For a large organization, the framework's handling of a data source's new
// state after Read returns (copies, an equality walk, a walk for null
// blocks, conversions to framework values) costs several times the read
// itself. The state of this data source needs none of it: it has no blocks
// and no semantic-equality types. So this server reads with
// readOrganizationUsers, which encodes the state as the protocol carries
// it, and hands that over as it is.
//
// The schema and its validation stay the framework's, written once in
// OrganizationUsersDataSource: this server answers those calls through a
// framework server of a provider that declares this data source alone.
// The provider's own configuration belongs to the framework's main server;
// this one reads with the client that server's Configure made.
// TestUsersServerMatchesFramework shows that the state and the diagnostics
// are those the framework's own Read gives.
type organizationUsersServer struct {
	schemas       tfprotov6.ProviderServer
	configuration *framework.Configuration
	schema        tfsdk.Config // the data source's schema, with no value
	typ           tftypes.Type
}

var _ tfprotov6.ProviderServer = &organizationUsersServer{}

// NewUsersServer returns the factory of the server of
// flashback_organization_users, which reads with the client that the
// provider's Configure records in shared. base is the provider, whose
// metadata and schema this server answers with too. The provider's
// NewServer combines it with the framework's server.
func NewUsersServer(base provider.Provider, shared *framework.Configuration) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		ctx := context.Background()
		var resp datasource.SchemaResponse
		NewOrganizationUsersDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
		return &organizationUsersServer{
			schemas:       providerserver.NewProtocol6(organizationUsersProvider{base: base})(),
			configuration: shared,
			schema:        tfsdk.Config{Schema: resp.Schema},
			typ:           resp.Schema.Type().TerraformType(ctx),
		}
	}
}

// organizationUsersProvider is the provider as organizationUsersServer's
// schema calls see it: the provider's metadata and schema, which the mux
// requires to be the same from every server, and this data source alone.
// It is never configured.
type organizationUsersProvider struct{ base provider.Provider }

func (p organizationUsersProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.base.Metadata(ctx, req, resp)
}

func (p organizationUsersProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.base.Schema(ctx, req, resp)
}

func (organizationUsersProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (organizationUsersProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewOrganizationUsersDataSource}
}

func (organizationUsersProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (s *organizationUsersServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != UsersTypeName {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: notServed("data source", req.TypeName)}, nil
	}
	data, deferred := s.configuration.Get()
	if deferred {
		// As the framework answers: an unknown state, read again once the
		// provider's configuration is known.
		state, err := tfprotov6.NewDynamicValue(s.typ, tftypes.NewValue(s.typ, tftypes.UnknownValue))
		if err != nil {
			return nil, err
		}
		return &tfprotov6.ReadDataSourceResponse{
			State:    &state,
			Deferred: &tfprotov6.Deferred{Reason: tfprotov6.DeferredReasonProviderConfigUnknown},
		}, nil
	}
	var diags diag.Diagnostics
	c := framework.ProviderClientFrom(data, &diags).Get(&diags)
	if c == nil {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: framework.ProtoDiagnostics(ctx, diags)}, nil
	}
	if req.Config == nil {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: framework.ProtoDiagnostics(ctx, configError(errors.New("the request held none")))}, nil
	}
	raw, err := req.Config.Unmarshal(s.typ)
	if err != nil {
		return &tfprotov6.ReadDataSourceResponse{Diagnostics: framework.ProtoDiagnostics(ctx, configError(err))}, nil
	}
	config := s.schema
	config.Raw = raw
	state, diags := readOrganizationUsers(ctx, c, config)
	resp := &tfprotov6.ReadDataSourceResponse{Diagnostics: framework.ProtoDiagnostics(ctx, diags)}
	if !diags.HasError() {
		resp.State = &tfprotov6.DynamicValue{MsgPack: state}
	}
	return resp, nil
}

// The schema and the validation of the data source are the framework's.

func (s *organizationUsersServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return s.schemas.GetMetadata(ctx, req)
}

func (s *organizationUsersServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return s.schemas.GetProviderSchema(ctx, req)
}

func (s *organizationUsersServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return s.schemas.GetResourceIdentitySchemas(ctx, req)
}

func (s *organizationUsersServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return s.schemas.GetFunctions(ctx, req)
}

func (s *organizationUsersServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return s.schemas.ValidateDataResourceConfig(ctx, req)
}

// The provider's configuration is the framework server's: the mux sends
// these calls to every server and keeps every answer, so this one adds
// nothing.

func (s *organizationUsersServer) ValidateProviderConfig(context.Context, *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{}, nil
}

func (s *organizationUsersServer) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (s *organizationUsersServer) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

// configError reports a configuration this server cannot decode: a
// disagreement between Terraform and the provider about the schema.
func configError(err error) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.AddError("Cannot read the data source's configuration",
		"The provider could not decode the configuration Terraform sent for "+UsersTypeName+": "+err.Error()+
			". This is a bug in the provider: please report it, with the Terraform version.")
	return diags
}

// The mux sends this server nothing of the types it does not declare. Were
// it to, each call of them gets an error.

// notServed is the error for a call about a type this server does not serve.
func notServed(kind, name string) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Unexpected call to the " + UsersTypeName + " server",
		Detail: "The " + kind + " " + name + " is not served by the server of " + UsersTypeName +
			". This is a bug in the provider: please report it.",
	}}
}

func (s *organizationUsersServer) ValidateResourceConfig(_ context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return &tfprotov6.PlanResourceChangeResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return &tfprotov6.ApplyResourceChangeResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) ImportResourceState(_ context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return &tfprotov6.ImportResourceStateResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) MoveResourceState(_ context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return &tfprotov6.MoveResourceStateResponse{Diagnostics: notServed("resource", req.TargetTypeName)}, nil
}

func (s *organizationUsersServer) UpgradeResourceIdentity(_ context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return &tfprotov6.UpgradeResourceIdentityResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) GenerateResourceConfig(_ context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return &tfprotov6.GenerateResourceConfigResponse{Diagnostics: notServed("resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) CallFunction(_ context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{Error: &tfprotov6.FunctionError{
		Text: "The function " + req.Name + " is not served by the server of " + UsersTypeName + ". This is a bug in the provider: please report it.",
	}}, nil
}

func (s *organizationUsersServer) ValidateEphemeralResourceConfig(_ context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov6.ValidateEphemeralResourceConfigResponse{Diagnostics: notServed("ephemeral resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) OpenEphemeralResource(_ context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return &tfprotov6.OpenEphemeralResourceResponse{Diagnostics: notServed("ephemeral resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) RenewEphemeralResource(_ context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return &tfprotov6.RenewEphemeralResourceResponse{Diagnostics: notServed("ephemeral resource", req.TypeName)}, nil
}

func (s *organizationUsersServer) CloseEphemeralResource(_ context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return &tfprotov6.CloseEphemeralResourceResponse{Diagnostics: notServed("ephemeral resource", req.TypeName)}, nil
}
