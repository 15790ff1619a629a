package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

// TestCredentialsRule walks the rule of provider_auth.go: the provider
// block before the environment, an access token before a sign-in.
func TestCredentialsRule(t *testing.T) {
	everything := map[string]string{
		EnvAccessToken: "env-token", EnvEmail: "env@example.com", EnvPassword: "env-password",
	}
	type want struct{ token, email, password string }
	tests := []struct {
		name                   string
		token, email, password string // in the provider block; "" is null
		env                    map[string]string
		want                   want
	}{
		{"token in the block wins over everything in the environment", "block-token", "", "", everything,
			want{token: "block-token"}},
		{"a sign-in in the block wins over a token in the environment", "", "ci@example.com", "block-password", everything,
			want{email: "ci@example.com", password: "block-password"}},
		{"the block's email takes the environment's password", "", "ci@example.com", "", everything,
			want{email: "ci@example.com", password: "env-password"}},
		{"the block's password takes the environment's email", "", "", "block-password", everything,
			want{email: "env@example.com", password: "block-password"}},
		{"a token in the environment wins over a sign-in there", "", "", "", everything,
			want{token: "env-token"}},
		{"a sign-in from the environment", "", "", "", map[string]string{EnvEmail: " env@example.com\n", EnvPassword: " pw with spaces \n"},
			want{email: "env@example.com", password: " pw with spaces \n"}},
		{"an empty token in the block falls back to the environment", " ", "", "", map[string]string{EnvEmail: "env@example.com", EnvPassword: "p"},
			want{email: "env@example.com", password: "p"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := FlashbackProviderModel{AccessToken: optional(tc.token), Email: optional(tc.email), Password: optional(tc.password)}
			var cfg client.Config
			var diags diag.Diagnostics
			m.credentials(env(tc.env), &cfg, &diags)
			if diags.HasError() {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if got := (want{cfg.Token, cfg.Email, cfg.Password}); got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestCredentialsMissing(t *testing.T) {
	tests := []struct {
		name            string
		email, password string
		env             map[string]string
		attribute       string
		want            []string
	}{
		{"nothing anywhere", "", "", nil, "access_token",
			[]string{"Missing Flashback credentials", EnvAccessToken, EnvEmail, EnvPassword}},
		{"a password in the block, no email", "", "pw", map[string]string{EnvAccessToken: "ignored"}, "email",
			[]string{"Missing Flashback email", "in the provider block", EnvEmail}},
		{"an email in the environment, no password", "", "", map[string]string{EnvEmail: "ci@example.com"}, "password",
			[]string{"Missing Flashback password", "in the environment", EnvPassword}},
		{"an email in the block, a token but no password in the environment", "ci@example.com", "", map[string]string{EnvAccessToken: "t"}, "password",
			[]string{"Missing Flashback password"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := FlashbackProviderModel{AccessToken: types.StringNull(), Email: optional(tc.email), Password: optional(tc.password)}
			var cfg client.Config
			var diags diag.Diagnostics
			m.credentials(env(tc.env), &cfg, &diags)
			errs := diags.Errors()
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
			}
			text := errs[0].Summary() + ": " + errs[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("error %q lacks %q", text, w)
				}
			}
			if p := pathOf(errs[0]); p != tc.attribute {
				t.Errorf("error on %q, want %q", p, tc.attribute)
			}
			if strings.Contains(text, "pw") && tc.password == "pw" {
				t.Errorf("the error shows the password: %s", text)
			}
		})
	}
}

// TestCredentialsConflictValidator runs the plan-time check on provider
// configurations: only access_token with email or password, both known and
// in the block, is a conflict.
func TestCredentialsConflictValidator(t *testing.T) {
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	null := tftypes.NewValue(tftypes.String, nil)
	tests := []struct {
		name                   string
		token, email, password tftypes.Value
		conflicts              []string
	}{
		{"token and email", str("t"), str("ci@example.com"), null, []string{"email"}},
		{"token and both", str("t"), str("ci@example.com"), str("pw"), []string{"email", "password"}},
		{"token and password", str("t"), null, str("pw"), []string{"password"}},
		{"token alone", str("t"), null, null, nil},
		{"sign-in alone", null, str("ci@example.com"), str("pw"), nil},
		{"an empty token with a sign-in", str(""), str("ci@example.com"), str("pw"), nil},
		{"a token not known yet", unknown, str("ci@example.com"), str("pw"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := providerConfig(t, map[string]tftypes.Value{"access_token": tc.token, "email": tc.email, "password": tc.password})
			var resp provider.ValidateConfigResponse
			credentialsConflict{}.ValidateProvider(context.Background(), provider.ValidateConfigRequest{Config: cfg}, &resp)
			var got []string
			for _, d := range resp.Diagnostics.Errors() {
				if d.Summary() != "Conflicting Flashback credentials" {
					t.Errorf("unexpected error %q", d.Summary())
				}
				got = append(got, pathOf(d))
			}
			if strings.Join(got, ",") != strings.Join(tc.conflicts, ",") {
				t.Errorf("errors on %v, want %v", got, tc.conflicts)
			}
		})
	}
}

// optional is a provider block's value: null when empty.
func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// pathOf names the attribute a diagnostic is about, or "".
func pathOf(d diag.Diagnostic) string {
	if dp, ok := d.(diag.DiagnosticWithPath); ok {
		return dp.Path().String()
	}
	return ""
}

// providerConfig builds a provider configuration with the given values and
// every other attribute null.
func providerConfig(t *testing.T, values map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	var resp provider.SchemaResponse
	newFlashbackProvider("test", &framework.Configuration{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	typ, ok := resp.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatal("the provider's schema is not an object")
	}
	all := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		all[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range values {
		all[name] = v
	}
	return tfsdk.Config{Schema: resp.Schema, Raw: tftypes.NewValue(typ, all)}
}

func TestPasswordIsSensitiveAndEmailIsNot(t *testing.T) {
	var resp provider.SchemaResponse
	newFlashbackProvider("test", &framework.Configuration{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	for name, sensitive := range map[string]bool{"password": true, "email": false} {
		attr, ok := resp.Schema.Attributes[name]
		if !ok || attr.IsSensitive() != sensitive || !attr.IsOptional() {
			t.Errorf("%s: present %v, sensitive %v; want optional, sensitive %v", name, ok, ok && attr.IsSensitive(), sensitive)
		}
	}
}
