// Package framework holds what every domain of the provider shares on the
// Terraform side: the configuration that the provider's Configure makes and
// that every server of one provider instance reads (configuration.go), the
// configured client each type gets in its own Configure, diagnostics built
// from the client's errors and for the wire (diagnostics.go), the
// validators more than one domain uses (validators.go), the arguments a
// data source looks one object up by (lookup.go), what every list
// resource does with its results (list.go), and a resource's identity
// (identity.go).
//
// The layers, arrows pointing at what a package may import:
//
//	internal/provider -> internal/services/* -> internal/framework -> internal/client
//
// framework imports none of the provider's other packages: a domain
// (internal/services/organization, ...) imports it, never another domain.
package framework

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// AddClientError turns a client error into a diagnostic. The client's
// errors already carry a summary and a detail that says what to do next.
func AddClientError(diags *diag.Diagnostics, err error) {
	var apiErr *client.Error
	if errors.As(err, &apiErr) {
		diags.AddError(apiErr.Summary, apiErr.Detail)
		return
	}
	diags.AddError("Flashback API call failed", err.Error())
}

// AddClientAttributeError is AddClientError for an error that one
// attribute's value caused, such as an id that names nothing.
func AddClientAttributeError(diags *diag.Diagnostics, at path.Path, err error) {
	var apiErr *client.Error
	if errors.As(err, &apiErr) {
		diags.AddAttributeError(at, apiErr.Summary, apiErr.Detail)
		return
	}
	diags.AddAttributeError(at, "Flashback API call failed", err.Error())
}

// PendingSettings names the provider settings that were not known yet when
// the provider was configured: values that come from a resource not
// created yet. Configure hands it to the data sources in place of a client.
type PendingSettings []string

// ProviderClient is what a data source keeps of the provider's Configure:
// the client, or the settings not known yet, or neither before Configure.
type ProviderClient struct {
	Client  *client.Client
	Pending PendingSettings
}

// ProviderClientFrom takes what the provider's Configure made.
func ProviderClientFrom(data any, diags *diag.Diagnostics) ProviderClient {
	switch d := data.(type) {
	case nil:
		return ProviderClient{}
	case *client.Client:
		return ProviderClient{Client: d}
	case PendingSettings:
		return ProviderClient{Pending: d}
	default:
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider: please report it.", data))
		return ProviderClient{}
	}
}

// Get returns the client for a read, or reports why there is none: the
// provider was not configured, or its settings are not known yet, which
// happens when the read runs during the plan while a setting comes from a
// resource that is created at apply.
func (p ProviderClient) Get(diags *diag.Diagnostics) *client.Client {
	return p.ready("The data source was read", "This data source is read while the plan is made, but the provider's %[1]s will only be known after apply: "+
		"it comes from a resource that is not created yet. Make the read wait for apply, with depends_on naming that "+
		"resource in this data source, or set %[1]s to a value known at plan time.", diags)
}

// ForResource returns the client for a resource of type typeName (such as
// "flashback_workspace"), or reports why there is none: the provider is not
// configured, or its settings are not known yet, as they come from a
// resource not created yet.
func (p ProviderClient) ForResource(typeName string, diags *diag.Diagnostics) *client.Client {
	return p.ready("The resource was used", typeName+" needs the provider's %[1]s, which will only be known after apply: it comes from a resource "+
		"that is not created yet. Create that resource first (terraform apply -target=ADDRESS), or set %[1]s to a value known "+
		"at plan time.", diags)
}

// ready returns the client, or reports why there is none: pending, a
// format of the names of the settings not known yet, says what to do
// about those; used, such as "The resource was used", begins the error of
// a provider not configured.
func (p ProviderClient) ready(used, pending string, diags *diag.Diagnostics) *client.Client {
	switch {
	case p.Client != nil:
		return p.Client
	case len(p.Pending) > 0:
		diags.AddError("Flashback provider settings not known yet", fmt.Sprintf(pending, strings.Join(p.Pending, ", ")))
	default:
		diags.AddError("Flashback provider not configured", used+" before the provider was configured. "+
			"Check the provider block for errors, and run again.")
	}
	return nil
}

// AddStateError reports a state that could not be built: a provider bug.
func AddStateError(diags *diag.Diagnostics, err error) {
	diags.AddError("Cannot build the data source's state",
		"The provider could not map the API's answer to Terraform values: "+err.Error()+". This is a bug in the provider: please report it.")
}

// UnknownArguments reports each argument of a data source's configuration
// that is not known yet. Terraform waits for apply to read a data source
// whose arguments are not all known, so this is a guard: a read with an
// unknown argument would otherwise fail in a conversion that Terraform
// reports as a provider bug, or filter on nothing.
func UnknownArguments(config tfsdk.Config) diag.Diagnostics {
	var diags diag.Diagnostics
	if config.Raw.IsFullyKnown() {
		return diags
	}
	var args map[string]tftypes.Value
	if err := config.Raw.As(&args); err != nil {
		diags.AddError("Data source configuration not known yet", "The configuration is not known yet, so the data source cannot be read. "+
			"Make every argument known at plan time, or make the read wait for apply with depends_on.")
		return diags
	}
	for _, name := range slices.Sorted(maps.Keys(args)) {
		if !args[name].IsFullyKnown() {
			diags.AddAttributeError(path.Root(name), "Data source argument not known yet",
				name+" is only known after apply, so the data source cannot be read yet. Make it known at plan time, "+
					"or make the read wait for apply with depends_on.")
		}
	}
	return diags
}

// ProtoDiagnostics converts diagnostics for the wire, as the framework's
// server does for the types it serves.
func ProtoDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	out := make([]*tfprotov6.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := &tfprotov6.Diagnostic{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: d.Summary(), Detail: d.Detail()}
		if d.Severity() == diag.SeverityError {
			pd.Severity = tfprotov6.DiagnosticSeverityError
		}
		if dp, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(ctx, dp.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath converts a framework path to the protocol's. A step it
// cannot convert (an element key whose value has no Terraform form) ends
// the path there: the diagnostic then names the nearest attribute.
func attributePath(ctx context.Context, p path.Path) *tftypes.AttributePath {
	ap := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			ap = ap.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			ap = ap.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			ap = ap.WithElementKeyString(string(s))
		case path.PathStepElementKeyValue:
			v, err := s.ToTerraformValue(ctx)
			if err != nil {
				return ap
			}
			ap = ap.WithElementKeyValue(v)
		default:
			return ap
		}
	}
	return ap
}

// ForQuery returns the client for `terraform query`, or reports why there
// is none: a query has no apply that could make the provider's settings
// known later.
func (p ProviderClient) ForQuery(diags *diag.Diagnostics) *client.Client {
	switch {
	case p.Client != nil:
		return p.Client
	case len(p.Pending) > 0:
		names := strings.Join(p.Pending, ", ")
		diags.AddError("Flashback provider settings not known",
			fmt.Sprintf("terraform query needs the provider's %s, which is only known after an apply, and a query makes none. "+
				"Set %s to a value known without an apply: a variable, or the provider's environment variable.", names, names))
	default:
		diags.AddError("Flashback provider not configured",
			"The query ran before the provider was configured. Check the provider block for errors, and run again.")
	}
	return nil
}

// AddLookupError reports a lookup that found no single object (a
// *client.LookupError), on the argument that was given.
func AddLookupError(diags *diag.Diagnostics, err error) {
	var le *client.LookupError
	if errors.As(err, &le) {
		diags.AddAttributeError(path.Root(string(le.Field)), le.Summary, le.Detail)
		return
	}
	diags.AddError("Flashback lookup failed", err.Error())
}
