package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// This file holds how the provider authenticates: with an access token, or
// by signing in with an email and a password. The rule, which the
// attributes' descriptions and the authentication guide state too:
//
//  1. access_token in the provider block;
//  2. email and password in the provider block (either one may come from
//     its environment variable);
//  3. FLASHBACK_ACCESS_TOKEN;
//  4. FLASHBACK_EMAIL and FLASHBACK_PASSWORD.
//
// The provider block comes before the environment, and at each of the two
// an access token before a sign-in. Only a provider block that sets
// access_token together with email or password contradicts itself: that is
// an error at plan time.

// Environment variables of the sign-in.
const (
	EnvEmail    = client.EnvEmail
	EnvPassword = client.EnvPassword
)

// signInAttributes are the schema's email and password.
func signInAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"email": schema.StringAttribute{
			MarkdownDescription: "The email of the Flashback user the provider signs in as, with `password`, when it has no access token; " +
				"or the `" + EnvEmail + "` environment variable. The provider signs in once per run, and again when its one-hour token expires.",
			Optional: true,
		},
		"password": schema.StringAttribute{
			MarkdownDescription: "The password of the user in `email`, better given in the `" + EnvPassword + "` environment variable, " +
				"since a value in the configuration is saved in plan files. It is sent only to `base_url` and shown nowhere; " +
				"an organization that enforces MFA needs an access token instead.",
			Optional:  true,
			Sensitive: true,
		},
	}
}

// given reports whether a setting holds a value: known, not null, and not
// only white space (an empty value falls back to the environment).
func given(v types.String) bool {
	return !v.IsNull() && !v.IsUnknown() && strings.TrimSpace(v.ValueString()) != ""
}

// credentials resolves, by the rule above, the access token or the email
// and password of a sign-in into cfg.
func (m *FlashbackProviderModel) credentials(getenv func(string) string, cfg *client.Config, diags *diag.Diagnostics) {
	envToken := strings.TrimSpace(getenv(client.EnvAccessToken))
	switch {
	case given(m.AccessToken):
		m.checkConflict(diags)
		cfg.Token = m.accessToken(getenv, diags)
	case given(m.Email) || given(m.Password):
		cfg.Email, cfg.Password = m.signIn(getenv)
		requireBoth(cfg, "the provider block", diags)
	case envToken != "":
		cfg.Token = m.accessToken(getenv, diags)
	case strings.TrimSpace(getenv(EnvEmail)) != "" || getenv(EnvPassword) != "":
		cfg.Email, cfg.Password = strings.TrimSpace(getenv(EnvEmail)), getenv(EnvPassword)
		requireBoth(cfg, "the environment", diags)
	default:
		diags.AddAttributeError(path.Root("access_token"), "Missing Flashback credentials",
			"The provider needs an access token, or an email and password to sign in with. Set access_token in the provider block "+
				"or the "+client.EnvAccessToken+" environment variable; or set email and password, or the "+EnvEmail+" and "+
				EnvPassword+" environment variables. The authentication guide says which fits a pipeline.")
	}
}

// signIn returns the email and password of a sign-in set in the provider
// block, each taken from its environment variable when the block leaves
// it out. White space around the email, as a file leaves, is dropped.
func (m *FlashbackProviderModel) signIn(getenv func(string) string) (email, password string) {
	email, password = m.Email.ValueString(), m.Password.ValueString()
	if !given(m.Email) {
		email = getenv(EnvEmail)
	}
	if !given(m.Password) {
		password = getenv(EnvPassword)
	}
	return strings.TrimSpace(email), password
}

// requireBoth reports the half of a sign-in that is missing; where says
// where the other half was found.
func requireBoth(cfg *client.Config, where string, diags *diag.Diagnostics) {
	switch {
	case cfg.Email == "":
		diags.AddAttributeError(path.Root("email"), "Missing Flashback email",
			"A password to sign in with is set in "+where+", but no email: set email in the provider block or the "+EnvEmail+
				" environment variable to the email of the user to sign in as, or use an access token instead.")
	case cfg.Password == "":
		diags.AddAttributeError(path.Root("password"), "Missing Flashback password",
			"An email to sign in with is set in "+where+", but no password: set the "+EnvPassword+" environment variable "+
				"(or password in the provider block) to that user's password, or use an access token instead.")
	}
}

var _ provider.ProviderWithConfigValidators = &FlashbackProvider{}

// ConfigValidators refuse, at plan time and in terraform validate, a
// provider block that sets both ways to authenticate.
func (p *FlashbackProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{credentialsConflict{}}
}

// credentialsConflict is the check that access_token is not set together
// with email or password in the provider block. Values not known yet are
// left alone: a variable that may be null is a way to choose between them.
type credentialsConflict struct{}

func (credentialsConflict) Description(context.Context) string {
	return "access_token cannot be set together with email or password"
}

func (v credentialsConflict) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (credentialsConflict) ValidateProvider(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var m FlashbackProviderModel
	for name, v := range map[string]*types.String{"access_token": &m.AccessToken, "email": &m.Email, "password": &m.Password} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), v)...)
	}
	if !resp.Diagnostics.HasError() {
		m.checkConflict(&resp.Diagnostics)
	}
}

// checkConflict reports email and password set with access_token.
func (m *FlashbackProviderModel) checkConflict(diags *diag.Diagnostics) {
	if !given(m.AccessToken) {
		return
	}
	for _, a := range []struct {
		name string
		v    types.String
	}{{"email", m.Email}, {"password", m.Password}} {
		if given(a.v) {
			diags.AddAttributeError(path.Root(a.name), "Conflicting Flashback credentials",
				"access_token and "+a.name+" are both set in the provider block, so it is not clear whether to use the token or to sign in. "+
					"Keep one way: access_token alone, or email and password alone. Values from the environment never conflict: "+
					"the provider block comes first, and an access token before a sign-in.")
		}
	}
}
