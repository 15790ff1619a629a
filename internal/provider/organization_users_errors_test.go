package provider_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// TestAccOrganizationUsers_configErrors shows that bad configuration fails
// at plan time, before any request, with a message that names the fault.
func TestAccOrganizationUsers_configErrors(t *testing.T) {
	fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	t.Setenv(provider.EnvAccessToken, "")
	t.Setenv(provider.EnvBaseURL, "")
	ds := "\n" + `data "flashback_organization_users" "test" {}`
	expectConfigErrors(t, fake, []configErrorCase{
		{"missing token", `provider "flashback" { base_url = "` + url + `" }` + ds, acctest.ErrorLike("access_token", "FLASHBACK_ACCESS_TOKEN")},
		{"clear-text base_url", acctest.ProviderBlock("http://api.example.com") + ds, acctest.ErrorLike("plain http", "clear text")},
		{"relative base_url", acctest.ProviderBlock("backend.flashback.tech") + ds, acctest.ErrorLike("not an absolute URL")},
		{"bad request_timeout", acctest.ProviderBlock(url, `request_timeout = "soon"`) + ds, acctest.ErrorLike(`"soon" is not a duration`)},
		{"zero request_timeout", acctest.ProviderBlock(url, `request_timeout = "0s"`) + ds, acctest.ErrorLike("greater than zero")},
		{"negative max_retries", acctest.ProviderBlock(url, `max_retries = -1`) + ds, acctest.ErrorLike("max_retries", "between 0 and 100", "-1")},
		{"wait bounds reversed", strings.Replace(acctest.ProviderBlock(url), `"1ms"`, `"1m"`, 1) + ds, acctest.ErrorLike("retry_wait_max", "shorter than retry_wait_min")},
		{"unknown role", acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" { roles = ["OWNER", "owner"] }`, acctest.ErrorLike("roles", `"owner"`)},
		{"unknown min_role", acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" { min_role = "ROOT" }`, acctest.ErrorLike("min_role", `"ROOT"`)},
		{"empty roles", acctest.ProviderBlock(url) + `data "flashback_organization_users" "test" { roles = [] }`, acctest.ErrorLike("roles", "at least 1")},
	})
}

func TestAccOrganizationUsers_badBaseURLFromEnvironment(t *testing.T) {
	t.Setenv(provider.EnvAccessToken, acctest.TestToken)
	t.Setenv(provider.EnvBaseURL, "ftp://files.example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `data "flashback_organization_users" "test" {}`,
			ExpectError: acctest.ErrorLike("FLASHBACK_BASE_URL", `scheme "ftp"`),
		}},
	})
}

// TestAccOrganizationUsers_apiErrors shows each API fault as a clear error.
func TestAccOrganizationUsers_apiErrors(t *testing.T) {
	failed := `{"success": false, "data": [], "total": 0}`
	cases := []struct {
		name  string
		reply *fakeapi.Reply
		extra string
		token string
		want  *regexp.Regexp
	}{
		{name: "bad token", token: "not-the-token", want: acctest.ErrorLike("rejected the access token", "HTTP 401", "last one hour")},
		{name: "forbidden", reply: &fakeapi.Reply{Status: 403, Body: failed}, want: acctest.ErrorLike("HTTP 403", "WORKSPACES role or higher")},
		{name: "not found", reply: &fakeapi.Reply{Status: 404, Body: `{"message": "no such route"}`}, want: acctest.ErrorLike("HTTP 404", "no such route", "base_url")},
		{name: "server error", reply: &fakeapi.Reply{Status: 500, Body: failed}, extra: "max_retries = 2",
			want: acctest.ErrorLike("Flashback API unavailable", "after 3 attempts", "HTTP 500")},
		{name: "rate limited", reply: &fakeapi.Reply{Status: 429, Header: map[string]string{"Retry-After": "0"}}, extra: "max_retries = 1",
			want: acctest.ErrorLike("rate limit", "after 2 attempts", "HTTP 429")},
		{name: "html page", reply: &fakeapi.Reply{Body: "<!DOCTYPE html><html><body>Gateway login</body></html>"},
			want: acctest.ErrorLike("Unexpected response", "not valid JSON", "<!DOCTYPE html>")},
		{name: "cut short", reply: &fakeapi.Reply{Body: `{"success": true, "data": [{"id": "u1", "em`}, want: acctest.ErrorLike("Unexpected response", "ends early")},
		{name: "success false", reply: &fakeapi.Reply{Body: `{"success": false, "message": "organization suspended", "data": [], "total": 0}`},
			want: acctest.ErrorLike("reported a failure", "organization suspended")},
		{name: "no data", reply: &fakeapi.Reply{Body: `{"success": true, "total": 3}`}, want: acctest.ErrorLike(`no "data" array`)},
		{name: "timeout", reply: &fakeapi.Reply{Delay: 3e9, Body: `{"data": []}`}, extra: "request_timeout = \"200ms\"\n  max_retries = 0",
			want: acctest.ErrorLike("timed out", "request_timeout (200 milliseconds)")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
			if tc.reply != nil {
				fake.Always(*tc.reply)
			}
			config := acctest.ProviderBlock(url, tc.extra)
			if tc.token != "" {
				config = strings.Replace(config, acctest.TestToken, tc.token, 1)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      config + `data "flashback_organization_users" "test" {}`,
					ExpectError: tc.want,
				}},
			})
		})
	}
}
