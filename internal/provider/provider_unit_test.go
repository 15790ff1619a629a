package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestClientConfigPrecedence(t *testing.T) {
	full := FlashbackProviderModel{
		AccessToken:    types.StringValue("from-config"),
		BaseURL:        types.StringValue("https://config.example.com/api/"),
		RequestTimeout: types.StringValue("5s"),
		MaxRetries:     types.Int64Value(0),
		RetryWaitMin:   types.StringValue("2s"),
		RetryWaitMax:   types.StringValue("3s"),
	}
	empty := FlashbackProviderModel{
		AccessToken: types.StringNull(), BaseURL: types.StringNull(), RequestTimeout: types.StringNull(),
		MaxRetries: types.Int64Null(), RetryWaitMin: types.StringNull(), RetryWaitMax: types.StringNull(),
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
			MaxRetries: types.Int64Null(), RetryWaitMin: types.StringNull(), RetryWaitMax: types.StringNull(),
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
			MaxRetries: types.Int64Null(), RetryWaitMin: types.StringNull(), RetryWaitMax: types.StringNull(),
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
		{"wait bounds reversed by the defaults", func(m *FlashbackProviderModel) { m.RetryWaitMin = types.StringValue("1m") },
			map[string]string{EnvAccessToken: "t"}, []string{"retry_wait_max (30s) is shorter than retry_wait_min (1m0s)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := base()
			tc.edit(&m)
			_, diags := m.clientConfig(env(tc.getenv))
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

func TestAccessTokenIsSensitive(t *testing.T) {
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	attr, ok := resp.Schema.Attributes["access_token"].(pschema.StringAttribute)
	if !ok || !attr.Sensitive {
		t.Fatal("access_token must be a sensitive string attribute")
	}
}

// TestSchemasDescribeEveryAttribute fails when an attribute of the provider
// or of a data source, nested ones included, has no description.
func TestSchemasDescribeEveryAttribute(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	var presp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &presp)
	if presp.Schema.MarkdownDescription == "" {
		t.Error("the provider has no description")
	}
	for name, a := range presp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("provider attribute %s has no description", name)
		}
	}
	dataSources := p.DataSources(ctx)
	if len(dataSources) == 0 {
		t.Fatal("the provider has no data sources")
	}
	for _, newDS := range dataSources {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "flashback"}, &meta)
		var sresp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
		if sresp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no description", meta.TypeName)
		}
		checkDescribed(t, meta.TypeName, sresp.Schema.Attributes)
	}
}

func checkDescribed(t *testing.T, prefix string, attrs map[string]dschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s.%s has no description", prefix, name)
		}
		if nested, ok := a.(dschema.ListNestedAttribute); ok {
			checkDescribed(t, prefix+"."+name, nested.NestedObject.Attributes)
		}
	}
}
