package organization

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// UserTypeName is the type name of the member resource.
const UserTypeName = "flashback_organization_user"

// FrameworkServer is the framework's protocol 6 server with every call it
// answers, the optional ones (list resources, actions, state stores) too.
type FrameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// organizationUserServer is the framework's server, but for the two calls
// that a plan makes for every flashback_organization_user of the
// configuration: the refresh (ReadResource) and, for a member that does not
// change, the plan (PlanResourceChange).
//
// Around a resource's Read and ModifyPlan, the framework's server walks
// each value through the schema several times (defaults, write-only and
// unknown values, plan modifiers, semantic equality, blocks), whatever the
// resource is. On a plan over 1,000 members that handling cost the
// provider three CPU-seconds, where the reads themselves shared one call;
// a provider whose refresh and plan did nothing at all took half the wall
// time (BENCHMARKS.md, "Membership at scale").
//
// This server calls the same Read and ModifyPlan of
// OrganizationUserResource, the only definitions of what they do, and
// leaves out the walks that cannot change this resource's values: it has
// no blocks and no semantic-equality types, and its Read writes its
// write-only attribute as null. It answers only the common case, and gives
// the framework every other call: a private state (a read after an
// import), a configuration not known yet (a deferred read), and any plan
// whose outcome is not "no change" (planUnchanged).
// TestUserServerMatchesFramework shows that both give the same answers.
type organizationUserServer struct {
	FrameworkServer
	configuration  *framework.Configuration
	identitySchema identityschema.Schema
	identityTyp    tftypes.Type
	nullIdentity   *tfprotov6.ResourceIdentityData // what the framework plans when Terraform sends no identity
	defaults       map[string]tftypes.Value        // the attributes with a default, and the default
	defaultsKnown  bool                            // whether defaults has every default of the schema
	writeOnly      []string
}

// NewUserServer returns next, the framework's server of the provider,
// answering the refresh and the plan of flashback_organization_user as
// organizationUserServer does, with the configuration that the provider's
// Configure records in shared.
func NewUserServer(next FrameworkServer, shared *framework.Configuration) (FrameworkServer, error) {
	ctx := context.Background()
	var identity resource.IdentitySchemaResponse
	(&OrganizationUserResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identity)
	s := &organizationUserServer{
		FrameworkServer: next,
		configuration:   shared,
		identitySchema:  identity.IdentitySchema,
		identityTyp:     identity.IdentitySchema.Type().TerraformType(ctx),
	}
	null, err := tfprotov6.NewDynamicValue(s.identityTyp, tftypes.NewValue(s.identityTyp, nil))
	if err != nil {
		return nil, err
	}
	s.nullIdentity = &tfprotov6.ResourceIdentityData{IdentityData: &null}
	s.defaults, s.writeOnly, s.defaultsKnown = schemaDefaults(ctx)
	return s, nil
}

// resource returns the resource as the framework gives it to each call:
// new, and configured with what the provider's Configure made. ok is false
// when the provider deferred its configuration: the framework answers then.
func (s *organizationUserServer) resource(ctx context.Context, diags *diag.Diagnostics) (r *OrganizationUserResource, ok bool) {
	data, deferred := s.configuration.Get()
	if deferred {
		return nil, false
	}
	r = &OrganizationUserResource{}
	var resp resource.ConfigureResponse
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: data}, &resp)
	diags.Append(resp.Diagnostics...)
	return r, true
}

// identity decodes an identity Terraform sent; a null one when it sent
// none (Terraform before 1.12).
func (s *organizationUserServer) identity(data *tfprotov6.ResourceIdentityData) (*tfsdk.ResourceIdentity, error) {
	id := tfsdk.ResourceIdentity{Schema: s.identitySchema, Raw: tftypes.NewValue(s.identityTyp, nil)}
	if data == nil || data.IdentityData == nil {
		return &id, nil
	}
	raw, err := data.IdentityData.Unmarshal(s.identityTyp)
	id.Raw = raw
	return &id, err
}

// ReadResource refreshes a member with OrganizationUserResource.Read.
func (s *organizationUserServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	if req.TypeName != UserTypeName || len(req.Private) > 0 || req.CurrentState == nil {
		return s.FrameworkServer.ReadResource(ctx, req)
	}
	state, err := req.CurrentState.Unmarshal(organizationUserType())
	if err != nil || state.IsNull() {
		return s.FrameworkServer.ReadResource(ctx, req)
	}
	current, err := s.identity(req.CurrentIdentity)
	if err != nil {
		return s.FrameworkServer.ReadResource(ctx, req)
	}
	var diags diag.Diagnostics
	r, ok := s.resource(ctx, &diags)
	if !ok {
		return s.FrameworkServer.ReadResource(ctx, req)
	}
	if diags.HasError() {
		return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Diagnostics: framework.ProtoDiagnostics(ctx, diags)}, nil
	}
	readReq := resource.ReadRequest{State: tfsdk.State{Schema: organizationUserSchema(), Raw: state}, Identity: current}
	if req.ClientCapabilities != nil {
		readReq.ClientCapabilities.DeferralAllowed = req.ClientCapabilities.DeferralAllowed
	}
	newIdentity := *current
	readResp := resource.ReadResponse{State: readReq.State, Identity: &newIdentity, Diagnostics: diags}
	r.Read(ctx, readReq, &readResp)
	diags = readResp.Diagnostics
	if !diags.HasError() {
		// As the framework: an identity, once known, stays; and a read
		// always gives one.
		switch {
		case !current.Raw.IsFullyNull() && !current.Raw.Equal(newIdentity.Raw):
			diags.AddError("Unexpected Identity Change",
				"The refresh of the user gave another identity than the one in state ("+current.Raw.String()+", now "+
					newIdentity.Raw.String()+"). This is a bug in the provider: please report it.")
		case newIdentity.Raw.IsFullyNull():
			diags.AddError("Missing Resource Identity After Read",
				"The refresh of the user gave no identity. This is a bug in the provider: please report it.")
		}
	}
	resp := &tfprotov6.ReadResourceResponse{Diagnostics: framework.ProtoDiagnostics(ctx, diags)}
	newState, err := tfprotov6.NewDynamicValue(organizationUserType(), readResp.State.Raw)
	if err != nil {
		return nil, err
	}
	resp.NewState = &newState
	encoded, err := tfprotov6.NewDynamicValue(s.identityTyp, newIdentity.Raw)
	if err != nil {
		return nil, err
	}
	resp.NewIdentity = &tfprotov6.ResourceIdentityData{IdentityData: &encoded}
	if readResp.Deferred != nil {
		resp.Deferred = &tfprotov6.Deferred{Reason: tfprotov6.DeferredReason(readResp.Deferred.Reason)}
	}
	return resp, nil
}

// PlanResourceChange plans a member that does not change; the framework
// plans every other.
func (s *organizationUserServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if req.TypeName == UserTypeName && len(req.PriorPrivate) == 0 && s.planUnchanged(ctx, req) {
		identity := req.PriorIdentity
		if identity == nil || identity.IdentityData == nil {
			identity = s.nullIdentity
		}
		return &tfprotov6.PlanResourceChangeResponse{PlannedState: req.PriorState, PlannedIdentity: identity}, nil
	}
	return s.FrameworkServer.PlanResourceChange(ctx, req)
}

// planUnchanged reports whether the framework would plan the prior state
// as it is, with no replacement, no diagnostic and the same identity.
//
// The framework plans from the proposed new state: it sets the defaults
// of the attributes the configuration leaves null, and nulls the
// write-only ones. When that is the prior state, it marks nothing unknown,
// and each attribute's plan modifiers leave it as it is
// (TestPlanModifiersKeepAnUnchangedPlan shows it for each of them). Then
// ModifyPlan runs: here too, and the plan stays the prior state only if it
// changes nothing and says nothing. ModifyPlan only calls the API to guard
// a destroy, a replacement or a demotion, none of which leaves the plan
// unchanged.
func (s *organizationUserServer) planUnchanged(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) bool {
	if !s.defaultsKnown || req.PriorState == nil || req.ProposedNewState == nil || req.Config == nil {
		return false
	}
	typ := organizationUserType()
	prior, err1 := req.PriorState.Unmarshal(typ)
	proposed, err2 := req.ProposedNewState.Unmarshal(typ)
	config, err3 := req.Config.Unmarshal(typ)
	if err1 != nil || err2 != nil || err3 != nil || prior.IsNull() || proposed.IsNull() || !prior.IsFullyKnown() {
		return false
	}
	var diags diag.Diagnostics
	priorAttrs := objectAttributes(prior, &diags)
	planned := objectAttributes(proposed, &diags)
	configured := objectAttributes(config, &diags)
	if diags.HasError() || configured == nil {
		return false
	}
	planned = maps.Clone(planned) // the attributes of proposed itself, which stays as it is
	for name, v := range s.defaults {
		if configured[name].IsNull() {
			planned[name] = v
		}
	}
	for _, name := range s.writeOnly {
		planned[name] = tftypes.NewValue(planned[name].Type(), nil)
	}
	for name, v := range priorAttrs {
		if !v.Equal(planned[name]) {
			return false
		}
	}
	identity, err := s.identity(req.PriorIdentity)
	if err != nil {
		return false
	}
	r, ok := s.resource(ctx, &diags)
	if !ok || diags.HasError() {
		return false
	}
	schema := organizationUserSchema()
	modifyReq := resource.ModifyPlanRequest{
		Config:   tfsdk.Config{Schema: schema, Raw: config},
		Plan:     tfsdk.Plan{Schema: schema, Raw: prior},
		State:    tfsdk.State{Schema: schema, Raw: prior},
		Identity: identity,
	}
	if req.ClientCapabilities != nil {
		modifyReq.ClientCapabilities.DeferralAllowed = req.ClientCapabilities.DeferralAllowed
	}
	planIdentity := *identity
	modifyResp := resource.ModifyPlanResponse{Plan: modifyReq.Plan, Identity: &planIdentity, RequiresReplace: path.Paths{}}
	r.ModifyPlan(ctx, modifyReq, &modifyResp)
	return len(modifyResp.Diagnostics) == 0 && len(modifyResp.RequiresReplace) == 0 && modifyResp.Deferred == nil &&
		modifyResp.Plan.Raw.Equal(prior) && planIdentity.Raw.Equal(identity.Raw)
}

// schemaDefaults are the resource's attributes that have a default, with
// its value, and its write-only attributes. ok is false for a default of a
// kind it does not read (the resource has string and boolean ones):
// planUnchanged then leaves every plan to the framework.
func schemaDefaults(ctx context.Context) (values map[string]tftypes.Value, writeOnly []string, ok bool) {
	values = map[string]tftypes.Value{}
	for name, a := range organizationUserSchema().Attributes {
		if w, ok := a.(interface{ IsWriteOnly() bool }); ok && w.IsWriteOnly() {
			writeOnly = append(writeOnly, name)
		}
		var v attr.Value
		switch a := a.(type) {
		case schema.StringAttribute:
			if a.Default != nil {
				var resp defaults.StringResponse
				a.Default.DefaultString(ctx, defaults.StringRequest{Path: path.Root(name)}, &resp)
				v = resp.PlanValue
			}
		case schema.BoolAttribute:
			if a.Default != nil {
				var resp defaults.BoolResponse
				a.Default.DefaultBool(ctx, defaults.BoolRequest{Path: path.Root(name)}, &resp)
				v = resp.PlanValue
			}
		case schema.Int64Attribute:
			if a.Default != nil {
				return nil, nil, false
			}
		case schema.ListAttribute:
			if a.Default != nil {
				return nil, nil, false
			}
		default:
			return nil, nil, false
		}
		if v == nil {
			continue
		}
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			return nil, nil, false
		}
		values[name] = tv
	}
	return values, writeOnly, true
}
