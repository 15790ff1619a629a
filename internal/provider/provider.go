// Package provider is the provider itself: the provider block (its schema,
// Configure, the settings' checks and the sign-in), the provider functions,
// NewServer, which combines the framework's server with the domains'
// terraform-plugin-go servers, and the list of every type the provider
// serves, taken from each domain's DataSources, Resources and
// ListResources. The types themselves live in a package per domain under
// internal/services; what the domains share on the Terraform side lives in
// internal/framework; HTTP, retries and API errors live in internal/client.
//
// The layers, arrows pointing at what a package may import:
//
//	internal/provider -> internal/services/* -> internal/framework -> internal/client
//
// internal/acctest imports this package, and only tests import acctest.
package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/organization"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/services/workspace"
)

// Environment variables the provider reads when its configuration leaves a value out.
const (
	EnvAccessToken = client.EnvAccessToken
	EnvBaseURL     = "FLASHBACK_BASE_URL"
)

// MaxRetriesLimit is the largest max_retries the schema accepts.
const MaxRetriesLimit = 100

var (
	_ provider.Provider                  = &FlashbackProvider{}
	_ provider.ProviderWithFunctions     = &FlashbackProvider{}
	_ provider.ProviderWithListResources = &FlashbackProvider{}
)

// FlashbackProvider is the flashback provider.
type FlashbackProvider struct {
	// version is "dev" in local builds and the release version otherwise.
	version string

	// configuration holds what Configure made, for every server of this
	// provider instance (see server.go).
	configuration *framework.Configuration
}

// FlashbackProviderModel is the provider block.
type FlashbackProviderModel struct {
	AccessToken    types.String `tfsdk:"access_token"`
	BaseURL        types.String `tfsdk:"base_url"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxRetries     types.Number `tfsdk:"max_retries"`
	RetryWaitMin   types.String `tfsdk:"retry_wait_min"`
	RetryWaitMax   types.String `tfsdk:"retry_wait_max"`
	CACertificate  types.String `tfsdk:"ca_certificate"`
	Email          types.String `tfsdk:"email"`
	Password       types.String `tfsdk:"password"`
}

// New is one provider instance alone, with a configuration of its own: the
// framework's part of what NewServer serves, for the tests that compare
// the two.
func New(version string) *FlashbackProvider {
	return newFlashbackProvider(version, &framework.Configuration{})
}

// newFlashbackProvider builds the provider the framework serves, which
// shares what its Configure makes through configuration.
func newFlashbackProvider(version string, configuration *framework.Configuration) *FlashbackProvider {
	return &FlashbackProvider{version: version, configuration: configuration}
}

func (p *FlashbackProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "flashback"
	resp.Version = p.version
}

func (p *FlashbackProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Flashback provider reads your [Flashback](https://flashback.tech) organization and manages its members " +
			"and its workspaces' access, for infrastructure-as-code pipelines and policy checks on membership and access.",
		Attributes: map[string]schema.Attribute{
			"access_token": schema.StringAttribute{
				MarkdownDescription: "An access token for the Flashback API, or the `" + EnvAccessToken + "` environment variable; " +
					"tokens last one hour, and white space around one is ignored. The provider block comes before the environment, " +
					"and a token before a sign-in, but one provider block cannot set both `access_token` and `email` or `password`.",
				Optional:  true,
				Sensitive: true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The root URL of the Flashback API, or the `" + EnvBaseURL + "` environment variable; defaults to `" +
					client.DefaultBaseURL + "`. It must use `https`, but for a loopback host (`localhost`, `127.0.0.0/8`, `::1`), " +
					"so that the token never travels in clear text.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator()},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one request may take, reading the answer included, as a duration such as `\"30s\"` or `\"2m\"`; " +
					"defaults to " + client.FormatDuration(client.DefaultRequestTimeout) + ". Each retry gets the same time again.",
				Optional:   true,
				Validators: []validator.String{durationValidator()},
			},
			"max_retries": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed request is retried after the first attempt, from 0 (never) to %d; "+
					"defaults to %d. A read is retried on HTTP %s, connection errors and timeouts; a change, only when the API "+
					"surely did not act on it.", MaxRetriesLimit, client.DefaultMaxRetries, framework.RetriedStatuses()),
				Optional:   true,
				Validators: []validator.Number{wholeNumberValidator{0, MaxRetriesLimit}},
			},
			"retry_wait_min": schema.StringAttribute{
				MarkdownDescription: "The shortest wait before a retry, as a duration such as `\"1s\"`; defaults to " +
					client.FormatDuration(client.DefaultRetryWaitMin) + ". The wait doubles on each retry, with jitter, up to `retry_wait_max`.",
				Optional:   true,
				Validators: []validator.String{durationValidator()},
			},
			"retry_wait_max": schema.StringAttribute{
				MarkdownDescription: "The longest wait before a retry, which a `Retry-After` header from the API may ask for up to this bound; " +
					"defaults to " + client.FormatDuration(client.DefaultRetryWaitMax) + ". It can be at most " +
					client.FormatDuration(client.DefaultMaxElapsed) + ", the time one read may take with its retries.",
				Optional:   true,
				Validators: []validator.String{durationValidator()},
			},
			"ca_certificate": schema.StringAttribute{
				MarkdownDescription: "The PEM text of CA certificates to trust besides the system's, for an API or a proxy whose certificate " +
					"a private CA signed; read a file with `file(\"ca.pem\")`. Proxies come from the `HTTPS_PROXY` and `NO_PROXY` " +
					"environment variables.",
				Optional:   true,
				Validators: []validator.String{caCertificateValidator()},
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, signInAttributes())
}

func (p *FlashbackProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	// Whatever Configure ends with, every server of this provider instance
	// reads with it, and the resources write with it.
	defer func() {
		resp.ResourceData = resp.DataSourceData
		p.configuration.Set(resp.DataSourceData, resp.Deferred != nil)
	}()
	var cfg FlashbackProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if unknown := cfg.unknownAttributes(); len(unknown) > 0 {
		if req.ClientCapabilities.DeferralAllowed {
			resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
			return
		}
		// Reads that run at apply, once the values are known, meet a
		// provider configured again; a read that runs now fails, saying why.
		resp.DataSourceData = framework.PendingSettings(unknown)
		resp.ListResourceData = resp.DataSourceData
		return
	}

	c, diags := cfg.newClient(os.Getenv, userAgent(p.version, req.TerraformVersion))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.DataSourceData = c
	resp.ListResourceData = c
}

// Resources are the resources of every domain.
func (p *FlashbackProvider) Resources(context.Context) []func() resource.Resource {
	return slices.Concat(organization.Resources(), workspace.Resources())
}

// DataSources are the data sources the framework serves, of every domain.
// The list data source, flashback_organization_users, has a server of its
// own (see server.go).
func (p *FlashbackProvider) DataSources(context.Context) []func() datasource.DataSource {
	return slices.Concat(organization.DataSources(), workspace.DataSources())
}

// ListResources are the list resources, which `terraform query` runs
// (Terraform 1.14+), of every domain.
func (p *FlashbackProvider) ListResources(context.Context) []func() list.ListResource {
	return slices.Concat(organization.ListResources(), workspace.ListResources())
}

// Functions are the provider functions (Terraform 1.8+, OpenTofu 1.7+).
func (p *FlashbackProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newRoleCodeFunction,
		newRoleNameFunction,
		newRoleAtLeastFunction,
	}
}

// unknownAttributes names the settings whose value is not known yet.
func (m *FlashbackProviderModel) unknownAttributes() []string {
	var names []string
	for _, a := range []struct {
		name    string
		unknown bool
	}{
		{"access_token", m.AccessToken.IsUnknown()},
		{"base_url", m.BaseURL.IsUnknown()},
		{"request_timeout", m.RequestTimeout.IsUnknown()},
		{"max_retries", m.MaxRetries.IsUnknown()},
		{"retry_wait_min", m.RetryWaitMin.IsUnknown()},
		{"retry_wait_max", m.RetryWaitMax.IsUnknown()},
		{"ca_certificate", m.CACertificate.IsUnknown()},
		{"email", m.Email.IsUnknown()},
		{"password", m.Password.IsUnknown()},
	} {
		if a.unknown {
			names = append(names, a.name)
		}
	}
	return names
}

// clientConfig resolves the settings, from the configuration, then the
// environment, then the defaults, and checks what the schema cannot: the
// values that came from the environment. How the settings fit together is
// checked before, by ValidateConfig.
func (m *FlashbackProviderModel) clientConfig(getenv func(string) string) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	cfg := client.Config{
		BaseURL:    m.BaseURL.ValueString(),
		MaxRetries: maxRetries(m.MaxRetries),
	}
	m.credentials(getenv, &cfg, &diags)

	if cfg.BaseURL == "" {
		cfg.BaseURL = getenv(EnvBaseURL)
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = client.DefaultBaseURL
	}

	cfg.RequestTimeout = durationSetting(&diags, "request_timeout", m.RequestTimeout, client.DefaultRequestTimeout)
	cfg.RetryWaitMin = durationSetting(&diags, "retry_wait_min", m.RetryWaitMin, client.DefaultRetryWaitMin)
	cfg.RetryWaitMax = durationSetting(&diags, "retry_wait_max", m.RetryWaitMax, client.DefaultRetryWaitMax)
	if !m.CACertificate.IsNull() {
		pool, err := client.ParseCACertificates(m.CACertificate.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("ca_certificate"), "Invalid CA certificate", "ca_certificate is not usable: "+err.Error()+".")
		}
		cfg.RootCAs = pool
	}
	return cfg, diags
}

// newClient resolves the settings and makes the client, which checks them
// (the base URL, the wait bounds) once; a setting it refuses becomes an
// error on that attribute.
func (m *FlashbackProviderModel) newClient(getenv func(string) string, userAgent string) (*client.Client, diag.Diagnostics) {
	cfg, diags := m.clientConfig(getenv)
	if diags.HasError() {
		return nil, diags
	}
	cfg.UserAgent = userAgent
	c, err := client.New(cfg)
	var ce *client.ConfigError
	switch {
	case err == nil:
		return c, diags
	case errors.As(err, &ce) && ce.Field == "BaseURL":
		source := "base_url"
		if m.BaseURL.ValueString() == "" {
			source = "the " + EnvBaseURL + " environment variable"
		}
		diags.AddAttributeError(path.Root("base_url"), "Invalid Flashback base URL",
			fmt.Sprintf("The URL in %s is not usable: %s.", source, ce.Err))
	case errors.As(err, &ce) && ce.Field == "RetryWaitMax":
		diags.AddAttributeError(path.Root("retry_wait_max"), "Invalid retry wait bounds",
			ce.Err.Error()+". Raise retry_wait_max or lower retry_wait_min.")
	case errors.As(err, &ce) && ce.Field == "Token":
		diags.AddAttributeError(path.Root("access_token"), "Invalid Flashback access token", ce.Err.Error()+".")
	case errors.As(err, &ce) && (ce.Field == "Email" || ce.Field == "Password"):
		diags.AddAttributeError(path.Root(strings.ToLower(ce.Field)), "Invalid Flashback sign-in", ce.Err.Error()+".")
	default:
		diags.AddError("Cannot configure the Flashback provider", err.Error()+". Fix the provider configuration and run again.")
	}
	return nil, diags
}

func durationSetting(diags *diag.Diagnostics, name string, v types.String, def time.Duration) time.Duration {
	if v.IsNull() {
		return def
	}
	d, err := client.ParsePositiveDuration(v.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root(name), "Invalid duration", err.Error()+".")
	}
	return d
}

// userAgent names the provider, and Terraform when its version is known.
func userAgent(version, terraformVersion string) string {
	ua := "terraform-provider-flashback/" + version
	if terraformVersion = strings.TrimSpace(terraformVersion); terraformVersion != "" {
		ua += " Terraform/" + terraformVersion
	}
	return ua
}
