package provider_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// The sign-in's acceptance tests: the provider signs in with an email and
// a password, from the environment or the provider block, against the fake
// organization, through each CLI. Each test also runs at TRACE, with the
// CLI's and the provider's logs in one file, and shows that no form of the
// password or of any token the fake issued appears there, nor in the state.

// signInPassword holds characters that JSON, percent-encoding and HTML
// escaping each change, so that every form of it differs.
const signInPassword = `pw/+=&<"Sign-In">?%`

// signInEmail is the sample organization's OWNER, who signs in.
var signInEmail = acctest.Email("ada", "example.com")

// signInAPI is the fake organization behind a recorder of the tokens its
// sign-ins give out: what must never show.
type signInAPI struct {
	fake *fakeapi.Server
	url  string

	mu     sync.Mutex
	tokens []string // every accessToken and refreshToken given out
	before func(r *http.Request)
}

// startSignInAPI serves the sample organization, in which signInEmail has
// signInPassword.
func startSignInAPI(t *testing.T) *signInAPI {
	t.Helper()
	fake := fakeapi.New(acctest.TestToken, fakeapi.SampleUsers())
	for _, who := range []string{signInEmail, acctest.Email("mallory", "example.com")} {
		if err := fake.SetPassword(who, signInPassword); err != nil {
			t.Fatal(err)
		}
	}
	api := &signInAPI{fake: fake}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	api.url = srv.URL
	return api
}

// ServeHTTP runs the before hook, then the fake, keeping the tokens of
// every sign-in's answer.
func (a *signInAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	before := a.before
	a.mu.Unlock()
	if before != nil {
		before(r)
	}
	if r.URL.Path != client.LoginPath {
		a.fake.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	a.fake.ServeHTTP(rec, r)
	var answer struct{ AccessToken, RefreshToken string }
	_ = json.Unmarshal(rec.Body.Bytes(), &answer)
	a.mu.Lock()
	a.tokens = append(a.tokens, answer.AccessToken, answer.RefreshToken)
	a.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// secrets returns the password and every token given out so far.
func (a *signInAPI) secrets() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := []string{signInPassword}
	for _, tok := range a.tokens {
		if tok != "" {
			out = append(out, tok)
		}
	}
	return out
}

// listCalls are the calls that read the users list.
func (a *signInAPI) listCalls() []fakeapi.Call {
	return a.fake.CallsTo(http.MethodGet, client.UsersPath)
}

// signInProvider is a provider block without a token: the credentials come
// from the environment, or from the lines given.
func signInProvider(baseURL string, lines ...string) string {
	return fmt.Sprintf(`
provider "flashback" {
  base_url       = %q
  retry_wait_min = "1ms"
  retry_wait_max = "5ms"
  %s
}
`, baseURL, strings.Join(lines, "\n  "))
}

// signInFromEnvironment sets the sign-in's environment variables.
func signInFromEnvironment(t *testing.T, emailAddr, password string) {
	t.Setenv(provider.EnvEmail, emailAddr)
	t.Setenv(provider.EnvPassword, password)
	t.Setenv(provider.EnvAccessToken, "")
}

// traceLog sends the CLI's and the provider's logs, at TRACE, to a file,
// and at the end of the test checks it: it must show the provider's calls,
// and no form of any of the API's secrets.
func traceLog(t *testing.T, api *signInAPI) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		return // resource.Test skips the test
	}
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_LOG_CORE", "")
	t.Cleanup(func() {
		log, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatalf("reading the TRACE log: %v", err)
		}
		for _, want := range []string{"Sending Flashback API request", client.LoginPath, "Received Flashback API response"} {
			if !bytes.Contains(log, []byte(want)) {
				t.Errorf("the TRACE log lacks %q: it does not show the provider's calls", want)
			}
		}
		assertNoSecrets(t, "the TRACE log", string(log), api.secrets())
	})
}

// secretForms are the forms a secret can take in a log or a file: raw,
// JSON-escaped (also with "\/" and HTML escapes), percent-encoded (upper-
// and lower-case hex) and base64 (standard and URL-safe, padded or not).
// It is written apart from the client's list, as an oracle.
func secretForms(secret string) []string {
	j, _ := json.Marshal(secret)
	inner := string(j[1 : len(j)-1])
	unescapedHTML := strings.NewReplacer(`\u0026`, "&", `\u003c`, "<", `\u003e`, ">").Replace(inner)
	q := url.QueryEscape(secret)
	lower := regexp.MustCompile(`%[0-9A-F]{2}`).ReplaceAllStringFunc(q, strings.ToLower)
	return []string{
		secret, inner, unescapedHTML, strings.ReplaceAll(unescapedHTML, "/", `\/`), q, lower, url.PathEscape(secret),
		base64.StdEncoding.EncodeToString([]byte(secret)), base64.URLEncoding.EncodeToString([]byte(secret)),
		base64.RawStdEncoding.EncodeToString([]byte(secret)), base64.RawURLEncoding.EncodeToString([]byte(secret)),
	}
}

// assertNoSecrets fails when text holds any form of any secret.
func assertNoSecrets(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		for _, form := range secretForms(s) {
			if strings.Contains(text, form) {
				t.Errorf("%s holds a secret, as %q", what, form)
				return
			}
		}
	}
}

// checkNoSecretsInState fails when the state holds any form of a secret.
func checkNoSecretsInState(api *signInAPI) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var b strings.Builder
		for name, r := range s.RootModule().Resources {
			b.WriteString(name + "\n")
			for k, v := range r.Primary.Attributes {
				b.WriteString(k + "=" + v + "\n")
			}
		}
		if b.Len() == 0 {
			return fmt.Errorf("the state is empty")
		}
		for _, secret := range api.secrets() {
			for _, form := range secretForms(secret) {
				if strings.Contains(b.String(), form) {
					return fmt.Errorf("the state holds a secret, as %q", form)
				}
			}
		}
		return nil
	}
}

// inOrder matches the parts in order in the CLI's output, which wraps
// lines anywhere a space is.
func inOrder(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// listReads are data sources that all read the users list, and nothing
// else: the owners, the administrators, and the signed-in user looked up
// by email.
const listReads = `
data "flashback_organization_users" "owners" {
  roles = ["OWNER"]
}

data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"
}

data "flashback_organization_user" "me" {
  email = "ada@example.com"
}
`

// severalReads are listReads and a read of the caller's organization: three
// calls, one sign-in.
const severalReads = listReads + `
data "flashback_organization" "mine" {}
`

// severalReadsChecks assert what severalReads read.
var severalReadsChecks = []statecheck.StateCheck{
	statecheck.ExpectKnownValue("data.flashback_organization_users.owners", tfjsonpath.New("emails"),
		knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(acctest.Email("ada", "example.com")), knownvalue.StringExact(acctest.Email("grace", "example.com"))})),
	statecheck.ExpectKnownValue("data.flashback_organization_user.me", tfjsonpath.New("org_role_name"), knownvalue.StringExact("OWNER")),
	statecheck.ExpectKnownValue("data.flashback_organization.mine", tfjsonpath.New("name"), knownvalue.StringExact("Example Org")),
}

// readSignedIn runs severalReads, signing in with the environment's
// credentials, and checks what they read and that the state holds no
// secret.
func readSignedIn(t *testing.T, api *signInAPI) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            signInProvider(api.url) + severalReads,
			ConfigStateChecks: severalReadsChecks,
			Check:             checkNoSecretsInState(api),
		}},
	})
}

// TestAccSignIn_fromEnvironment signs in with FLASHBACK_EMAIL and
// FLASHBACK_PASSWORD: each run of the provider signs in once for all its
// reads, and every call carries the token of a sign-in.
func TestAccSignIn_fromEnvironment(t *testing.T) {
	api := startSignInAPI(t)
	signInFromEnvironment(t, signInEmail, signInPassword)
	traceLog(t, api)
	readSignedIn(t, api)
	lists := api.listCalls()
	if n := api.fake.Logins(); n == 0 || n != len(lists) {
		t.Errorf("%d sign-ins for %d runs that read the list, want one sign-in per run", n, len(lists))
	}
	issued := map[string]bool{}
	for _, s := range api.secrets() {
		issued["Bearer "+s] = true
	}
	for _, c := range lists {
		if !issued[c.Header.Get("Authorization")] {
			t.Fatalf("a call carried a token no sign-in gave")
		}
	}
}

// TestAccSignIn_blockWinsOverEnvironment signs in with email and password
// from the provider block (the password from a sensitive variable) while
// FLASHBACK_ACCESS_TOKEN holds a token: the block comes first.
func TestAccSignIn_blockWinsOverEnvironment(t *testing.T) {
	api := startSignInAPI(t)
	t.Setenv(provider.EnvAccessToken, acctest.TestToken)
	t.Setenv(provider.EnvEmail, "")
	t.Setenv(provider.EnvPassword, "")
	traceLog(t, api)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			ConfigVariables: config.Variables{"password": config.StringVariable(signInPassword)},
			Config: `
variable "password" {
  type      = string
  sensitive = true
}
` + signInProvider(api.url, fmt.Sprintf("email = %q", signInEmail), "password = var.password") + severalReads,
			ConfigStateChecks: severalReadsChecks,
			Check:             checkNoSecretsInState(api),
		}},
	})
	if api.fake.Logins() == 0 {
		t.Error("the provider did not sign in")
	}
	for _, c := range api.listCalls() {
		if c.Header.Get("Authorization") == "Bearer "+acctest.TestToken {
			t.Fatal("a call used the environment's token although the provider block signs in")
		}
	}
}

// TestAccSignIn_tokenWinsOverEnvironmentSignIn sets FLASHBACK_EMAIL and
// FLASHBACK_PASSWORD and access_token in the provider block: the token is
// used, and nobody signs in.
func TestAccSignIn_tokenWinsOverEnvironmentSignIn(t *testing.T) {
	api := startSignInAPI(t)
	signInFromEnvironment(t, signInEmail, signInPassword)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            acctest.ProviderBlock(api.url) + severalReads,
			ConfigStateChecks: severalReadsChecks,
		}},
	})
	if n := api.fake.Logins(); n != 0 {
		t.Errorf("%d sign-ins, want none: access_token comes first", n)
	}
}

// TestAccSignIn_configErrors shows the plan-time errors: a provider block
// with both ways, and half a sign-in.
func TestAccSignIn_configErrors(t *testing.T) {
	api := startSignInAPI(t)
	t.Setenv(provider.EnvAccessToken, "")
	t.Setenv(provider.EnvPassword, "")
	t.Setenv(provider.EnvEmail, signInEmail)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      acctest.ProviderBlock(api.url, fmt.Sprintf("email = %q", signInEmail)) + severalReads,
				ExpectError: inOrder("Conflicting Flashback credentials", "access_token and email are both set in the provider block"),
			},
			{
				Config:      signInProvider(api.url) + severalReads,
				ExpectError: inOrder("Missing Flashback password", "An email to sign in with is set in the environment, but no password"),
			},
		},
	})
	if n := api.fake.RequestCount(); n != 0 {
		t.Errorf("the API got %d requests from configurations that cannot work", n)
	}
}
