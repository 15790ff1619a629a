package provider

import (
	"context"
	"crypto/x509"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/framework"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestClientConfigPrecedence(t *testing.T) {
	full := FlashbackProviderModel{
		AccessToken:    types.StringValue("from-config"),
		BaseURL:        types.StringValue("https://config.example.com/api/"),
		RequestTimeout: types.StringValue("5s"),
		MaxRetries:     types.NumberValue(big.NewFloat(0)),
		RetryWaitMin:   types.StringValue("2s"),
		RetryWaitMax:   types.StringValue("3s"),
	}
	empty := FlashbackProviderModel{
		AccessToken: types.StringNull(), BaseURL: types.StringNull(), RequestTimeout: types.StringNull(),
		MaxRetries: types.NumberNull(), RetryWaitMin: types.StringNull(), RetryWaitMax: types.StringNull(),
	}
	environment := env(map[string]string{EnvAccessToken: "from-env", EnvBaseURL: "https://env.example.com"})

	tests := []struct {
		name   string
		model  FlashbackProviderModel
		getenv func(string) string
		want   client.Config
	}{
		{"config wins over environment", full, environment, client.Config{
			Token: "from-config", BaseURL: "https://config.example.com/api/", RequestTimeout: 5 * time.Second,
			MaxRetries: 0, RetryWaitMin: 2 * time.Second, RetryWaitMax: 3 * time.Second,
		}},
		{"environment fills what config leaves out", empty, environment, client.Config{
			Token: "from-env", BaseURL: "https://env.example.com", RequestTimeout: client.DefaultRequestTimeout,
			MaxRetries: client.DefaultMaxRetries, RetryWaitMin: client.DefaultRetryWaitMin, RetryWaitMax: client.DefaultRetryWaitMax,
		}},
		{"defaults when neither sets a value", FlashbackProviderModel{
			AccessToken: types.StringValue("t"), BaseURL: types.StringNull(), RequestTimeout: types.StringNull(),
			MaxRetries: types.NumberNull(), RetryWaitMin: types.StringNull(), RetryWaitMax: types.StringNull(),
		}, env(nil), client.Config{
			Token: "t", BaseURL: client.DefaultBaseURL, RequestTimeout: client.DefaultRequestTimeout,
			MaxRetries: client.DefaultMaxRetries, RetryWaitMin: client.DefaultRetryWaitMin, RetryWaitMax: client.DefaultRetryWaitMax,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := tc.model.clientConfig(tc.getenv)
			if diags.HasError() {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if got != tc.want {
				t.Errorf("clientConfig() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestClientConfigErrors(t *testing.T) {
	base := func() FlashbackProviderModel {
		return FlashbackProviderModel{
			AccessToken: types.StringNull(), BaseURL: types.StringNull(), RequestTimeout: types.StringNull(),
			MaxRetries: types.NumberNull(), RetryWaitMin: types.StringNull(), RetryWaitMax: types.StringNull(),
		}
	}
	tests := []struct {
		name   string
		edit   func(*FlashbackProviderModel)
		getenv map[string]string
		want   []string
	}{
		{"no token anywhere", func(*FlashbackProviderModel) {}, nil, []string{"access_token", EnvAccessToken}},
		{"empty token in config and none in env", func(m *FlashbackProviderModel) { m.AccessToken = types.StringValue("") }, nil,
			[]string{"access_token", EnvAccessToken}},
		{"bad base URL from environment", func(*FlashbackProviderModel) {}, map[string]string{EnvAccessToken: "t", EnvBaseURL: "http://api.example.com"},
			[]string{EnvBaseURL, "clear text"}},
		{"token with a line break inside", func(m *FlashbackProviderModel) { m.AccessToken = types.StringValue("ab\ncd\n") }, nil,
			[]string{"access token", "a line break (U+000A) at character 3 of 5"}},
		{"wait bounds reversed by the defaults", func(m *FlashbackProviderModel) { m.RetryWaitMin = types.StringValue("1m") },
			map[string]string{EnvAccessToken: "t"}, []string{"retry_wait_max (30 seconds) is shorter than retry_wait_min (1 minute)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.edit(&m)
			_, diags := m.newClient(env(tc.getenv), "test")
			if !diags.HasError() {
				t.Fatal("want an error, got none")
			}
			text := ""
			for _, d := range diags.Errors() {
				text += d.Summary() + " " + d.Detail() + "\n"
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("diagnostics %q do not mention %q", text, w)
				}
			}
		})
	}
}

func TestUserAgent(t *testing.T) {
	if got, want := userAgent("1.2.3", "1.9.0"), "terraform-provider-flashback/1.2.3 Terraform/1.9.0"; got != want {
		t.Errorf("userAgent = %q, want %q", got, want)
	}
	if got, want := userAgent("dev", ""), "terraform-provider-flashback/dev"; got != want {
		t.Errorf("userAgent without a Terraform version = %q, want %q", got, want)
	}
}

func TestSchemaMarksAccessTokenSensitive(t *testing.T) {
	var resp provider.SchemaResponse
	newFlashbackProvider("test", &framework.Configuration{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	attr, ok := resp.Schema.Attributes["access_token"].(pschema.StringAttribute)
	if !ok || !attr.Sensitive {
		t.Fatal("access_token must be a sensitive string attribute")
	}
}

// TestEnvironmentTokenIsCleaned shows that the environment variable is
// trimmed and checked like access_token, with client.CleanToken, and that
// an error names the variable.
func TestEnvironmentTokenIsCleaned(t *testing.T) {
	m := FlashbackProviderModel{}
	cfg, diags := m.clientConfig(env(map[string]string{EnvAccessToken: " tok\n"}))
	if diags.HasError() || cfg.Token != "tok" {
		t.Errorf("token %q with %v; want \"tok\" and no error", cfg.Token, diags)
	}
	_, diags = m.clientConfig(env(map[string]string{EnvAccessToken: "to\x0bk"}))
	if !diags.HasError() {
		t.Fatal("a vertical tab inside the token was accepted")
	}
	if d := diags.Errors()[0].Detail(); !strings.Contains(d, EnvAccessToken) || !strings.Contains(d, "character 3 of 4") {
		t.Errorf("detail %q does not name %s and the position", d, EnvAccessToken)
	}
}

// TestClientConfigCACertificate shows that Configure hands the client the
// pool of ca_certificate, and reports a bad one on the attribute.
func TestClientConfigCACertificate(t *testing.T) {
	ca, err := fakeapi.NewCA("Unit CA")
	if err != nil {
		t.Fatal(err)
	}
	m := FlashbackProviderModel{AccessToken: types.StringValue("t"), CACertificate: types.StringValue(ca.PEM)}
	cfg, diags := m.clientConfig(env(nil))
	if diags.HasError() || cfg.RootCAs == nil {
		t.Fatalf("RootCAs = %v, diagnostics %v; want a pool", cfg.RootCAs, diags)
	}
	leaf, err := ca.Issue("api.example.com")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(leaf.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cert.Verify(x509.VerifyOptions{Roots: cfg.RootCAs, DNSName: "api.example.com"}); err != nil {
		t.Errorf("a certificate the CA issued does not verify with the pool: %v", err)
	}

	m.CACertificate = types.StringValue("not PEM")
	_, diags = m.clientConfig(env(nil))
	if len(diags.Errors()) != 1 {
		t.Fatalf("diagnostics = %v, want one error", diags)
	}
	d := diags.Errors()[0]
	if d.Summary() != "Invalid CA certificate" || !strings.Contains(d.Detail(), "ca_certificate is not usable") {
		t.Errorf("diagnostic = %q: %q", d.Summary(), d.Detail())
	}

	if cfg, _ := (&FlashbackProviderModel{AccessToken: types.StringValue("t")}).clientConfig(env(nil)); cfg.RootCAs != nil {
		t.Error("RootCAs is set without ca_certificate: the client must use the system's pool as it is")
	}
}
