package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// TestAccProvider_accessTokenTrimmed shows a token with the newline that
// file("token.txt") keeps, in the configuration and in the environment,
// reaching the API as the token itself.
func TestAccProvider_accessTokenTrimmed(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	ds := `data "flashback_organization_users" "test" {}`
	check := acctest.CheckUsers(acctest.Top("total"), knownvalue.Int64Exact(int64(len(fakeapi.SampleUsers()))))
	t.Run("configuration", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:            strings.Replace(acctest.ProviderBlock(url), `"`+acctest.TestToken+`"`, `"  `+acctest.TestToken+`\r\n"`, 1) + ds,
				ConfigStateChecks: []statecheck.StateCheck{check},
			}},
		})
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv(provider.EnvAccessToken, acctest.TestToken+"\n")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:            strings.Replace(acctest.ProviderBlock(url), `access_token   = "`+acctest.TestToken+`"`, "", 1) + ds,
				ConfigStateChecks: []statecheck.StateCheck{check},
			}},
		})
	})
}

// configErrorCase is a configuration that must fail at plan time with an
// error like want.
type configErrorCase struct {
	name, config string
	want         *regexp.Regexp
}

// expectConfigErrors runs each case, and fails when any of them made a
// request: a configuration that can never work is refused before any.
func expectConfigErrors(t *testing.T, fake *fakeapi.Server, cases []configErrorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}
	if n := fake.RequestCount(); n != 0 {
		t.Errorf("the fake API received %d requests; a configuration that cannot work must fail before any", n)
	}
}

// TestAccProvider_userMistakesNameTheAttribute shows each value that once
// reached a failed conversion, reported as "an error in the provider",
// refused instead with an error that names the attribute.
func TestAccProvider_userMistakesNameTheAttribute(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	ds := "\n" + `data "flashback_organization_users" "test" {}`
	nullVariable := `
variable "extra" {
  type    = string
  default = null
}
`
	expectConfigErrors(t, fake, []configErrorCase{
		{"fractional max_retries", acctest.ProviderBlock(url, `max_retries = 1.5`) + ds, acctest.ErrorLike("max_retries", "whole number between 0 and 100", "got 1.5")},
		{"huge max_retries", acctest.ProviderBlock(url, `max_retries = 1e30`) + ds, acctest.ErrorLike("max_retries", "whole number between 0 and 100", "got 1e+30")},
		{"null in roles", acctest.ProviderBlock(url) + nullVariable + `data "flashback_organization_users" "test" { roles = ["OWNER", var.extra] }`,
			acctest.ErrorLike("Null Set Value", "contains a null value")},
	})
}

// TestAccProvider_impossibleSettings shows each combination of settings
// that could never work refused at plan time, on the attribute to change,
// with what to do.
func TestAccProvider_impossibleSettings(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	ds := "\n" + `data "flashback_organization_users" "test" {}`
	// settings replaces the fast wait bounds of acctest.ProviderBlock.
	settings := func(lines ...string) string {
		block := strings.Replace(acctest.ProviderBlock(url, lines...), `retry_wait_min = "1ms"`, "", 1)
		return strings.Replace(block, `retry_wait_max = "5ms"`, "", 1) + ds
	}
	expectConfigErrors(t, fake, []configErrorCase{
		{"wait min past the read limit", settings(`retry_wait_min = "6m"`, `retry_wait_max = "10m"`),
			acctest.ErrorLike("retry_wait_min (6 minutes)", "no retry could ever be made", "below 5 minutes", "max_retries = 0")},
		{"wait min reaches the read limit", settings(`retry_wait_min = "5m"`, `retry_wait_max = "5m"`),
			acctest.ErrorLike("retry_wait_min (5 minutes)", "no retry could ever be made")},
		{"wait min above the default max", settings(`retry_wait_min = "1m"`),
			acctest.ErrorLike("retry_wait_max (30 seconds) is shorter than retry_wait_min (1 minute) (retry_wait_max left at the default)")},
		{"wait bounds reversed", settings(`retry_wait_min = "2s"`, `retry_wait_max = "1s"`),
			acctest.ErrorLike("retry_wait_max (1 second) is shorter than retry_wait_min (2 seconds). Raise")},
		{"wait max past the read limit", settings(`retry_wait_max = "6m"`),
			acctest.ErrorLike("retry_wait_max (6 minutes) is longer than the 5 minutes", "5 minutes or less")},
		{"timeout leaves no time to retry", settings(`request_timeout = "5m"`),
			acctest.ErrorLike("request_timeout (5 minutes)", "retry_wait_min (1 second)", "could never be retried", "4 minutes 59 seconds or less", "max_retries = 0")},
		{"token with a space", strings.Replace(acctest.ProviderBlock(url), `"`+acctest.TestToken+`"`, `"fb-test token"`, 1) + ds,
			acctest.ErrorLike("In access_token, the access token holds a space (U+0020) at character 8 of 13")},
		{"token with a line break inside", strings.Replace(acctest.ProviderBlock(url), `"`+acctest.TestToken+`"`, `"fb-test\ntoken\n"`, 1) + ds,
			acctest.ErrorLike("In access_token, the access token holds a line break (U+000A) at character 8 of 13")},
	})
}

// TestAccProvider_retriesOffLeaveWaitsAlone shows that the wait settings
// do not matter once max_retries = 0 turns retries off, and that the
// limits themselves are accepted.
func TestAccProvider_retriesOffLeaveWaitsAlone(t *testing.T) {
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	ds := "\n" + `data "flashback_organization_users" "test" {}`
	for name, block := range map[string]string{
		"retries off": strings.NewReplacer(`"1ms"`, `"6m"`, `"5ms"`, `"10m"`).Replace(
			acctest.ProviderBlock(url, `max_retries = 0`, `request_timeout = "10m"`)),
		"at the limits":  strings.NewReplacer(`"1ms"`, `"1s"`, `"5ms"`, `"5m"`).Replace(acctest.ProviderBlock(url, `request_timeout = "4m59s"`)),
		"whole as float": acctest.ProviderBlock(url, `max_retries = 2.0`),
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: block + ds}},
			})
		})
	}
}

// TestAccProvider_settingsKnownAfterApply shows a provider whose token and
// base URL come from a resource created in the same run: the plan goes
// through, the reads that wait for apply see the values, and a read that
// Terraform makes during the plan says what is missing and what to do.
func TestAccProvider_settingsKnownAfterApply(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	config := func(dataSource string) string {
		return `
resource "terraform_data" "login" {
  input = {
    token = "` + acctest.TestToken + `"
    url   = "` + url + `"
  }
}

provider "flashback" {
  base_url       = terraform_data.login.output.url
  access_token   = terraform_data.login.output.token
  retry_wait_min = "1ms"
  retry_wait_max = "5ms"
}
` + dataSource
	}
	t.Run("reads at apply", func(t *testing.T) {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: config(`
data "flashback_organization_users" "test" {
  depends_on = [terraform_data.login]
}
data "flashback_organization_user" "ada" {
  email      = "` + acctest.Email("ada", "example.com") + `"
  depends_on = [terraform_data.login]
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckUsers(acctest.Top("total"), knownvalue.Int64Exact(int64(len(fakeapi.SampleUsers())))),
					statecheck.ExpectKnownValue("data.flashback_organization_user.ada", tfjsonpath.New("id"), knownvalue.StringExact(acctest.AdaID)),
				},
			}},
		})
	})
	t.Run("read during the plan", func(t *testing.T) {
		before := fake.RequestCount()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:      config(`data "flashback_organization_users" "test" {}`),
				ExpectError: acctest.ErrorLike("settings not known yet", "access_token, base_url will only be known after apply", "depends_on"),
			}},
		})
		if n := fake.RequestCount() - before; n != 0 {
			t.Errorf("%d requests were made without the settings", n)
		}
	})
}

// TestReadWithArgumentsNotKnownYet shows a read asked for while an argument
// is not known yet refused on that argument. Terraform waits for apply to
// read such a data source, so only a direct call can show it; without the
// guard, a role not known yet fails a conversion, reported as a provider bug.
func TestReadWithArgumentsNotKnownYet(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	h := acctest.NewProtoHarness(t, acctest.ServedProvider(t))
	h.Configure(t, url)
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	tests := []struct {
		typeName, attr string
		value          tftypes.Value
	}{
		{"flashback_organization_users", "roles", tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
			[]tftypes.Value{tftypes.NewValue(tftypes.String, "OWNER"), unknown})},
		{"flashback_organization_users", "min_role", unknown},
		{"flashback_organization_user", "email", unknown},
	}
	for _, tc := range tests {
		t.Run(tc.typeName+"."+tc.attr, func(t *testing.T) {
			resp := h.Read(t, tc.typeName, map[string]tftypes.Value{tc.attr: tc.value})
			if len(resp.Diagnostics) != 1 {
				t.Fatalf("diagnostics:%s\nwant one error", acctest.DiagnosticsText(resp.Diagnostics))
			}
			d := resp.Diagnostics[0]
			want := tftypes.NewAttributePath().WithAttributeName(tc.attr)
			if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != "Data source argument not known yet" || !d.Attribute.Equal(want) {
				t.Errorf("diagnostic %s %q on %v; want the error on %s", d.Severity, d.Summary, d.Attribute, tc.attr)
			}
		})
	}
	if n := fake.RequestCount(); n != 0 {
		t.Errorf("%d requests were made for reads that could not be made", n)
	}
}
