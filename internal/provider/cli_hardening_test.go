package provider_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// These tests run the real CLI, through acctest.CLIRunner (internal/acctest), for
// what terraform-plugin-testing cannot show: the CLI's own log, a proxy
// taken from the environment, and an interrupt.

// TestAccCLI_traceLogHasNoToken runs a full apply at TF_LOG=TRACE, against
// an API that echoes the token back in a body and a header, and shows that
// the token appears nowhere: not in the CLI's output, not in its log,
// whether the log goes to TF_LOG_PATH or to stderr, while the log does
// show each request, with the Authorization header as [REDACTED].
func TestAccCLI_traceLogHasNoToken(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	echo := fakeapi.Reply{
		Status: http.StatusServiceUnavailable,
		Header: map[string]string{"X-Echo-Authorization": "Bearer " + acctest.TestToken},
		Body:   `{"success": false, "message": "rejected Authorization: Bearer ` + acctest.TestToken + `"}`,
	}
	wantLogged := func(t *testing.T, log string) {
		t.Helper()
		for _, want := range []string{"Sending Flashback API request", "Authorization:[REDACTED]", "X-Echo-Authorization:Bearer [REDACTED]"} {
			if !strings.Contains(log, want) {
				t.Errorf("the TRACE log lacks %q", want)
			}
		}
	}

	t.Run("successful apply, token from a sensitive variable, log to TF_LOG_PATH", func(t *testing.T) {
		fake, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
		fake.Script(echo) // a 503 echoing the token, then the users
		files := map[string]string{"main.tf": acctest.CLIProvider(acctest.FastRetries+"\n  access_token = var.token\n  base_url = \""+url+"\"") + `
variable "token" {
  type      = string
  sensitive = true
}

data "flashback_organization_users" "owners" {
  roles = ["OWNER"]
}

output "owners" {
  value = data.flashback_organization_users.owners.emails
}
`}
		logPath := filepath.Join(t.TempDir(), "terraform.log")
		res := cli.Run(t, files, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logPath, "TF_VAR_token=" + acctest.TestToken},
			"apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if res.Failed || !strings.Contains(res.Stdout, acctest.Email("grace", "example.com")) {
			t.Fatalf("the apply failed or did not output the owners:\n%s%s", res.Stdout, res.Stderr)
		}
		log, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		acctest.AssertNoTestToken(t, "stdout", res.Stdout)
		acctest.AssertNoTestToken(t, "stderr", res.Stderr)
		acctest.AssertNoTestToken(t, "the TRACE log", string(log))
		wantLogged(t, string(log))
		if fake.RequestCount() < 2 {
			t.Errorf("the API got %d requests, want the echoing one and a retry", fake.RequestCount())
		}
	})

	t.Run("failed apply, token in the provider block, log to stderr", func(t *testing.T) {
		fake, url := acctest.StartFakeAPI(t, nil)
		echo401 := echo
		echo401.Status = http.StatusUnauthorized
		fake.Always(echo401)
		files := map[string]string{"main.tf": acctest.CLIProvider(acctest.FastRetries+"\n  access_token = \""+acctest.TestToken+"\"\n  base_url = \""+url+"\"") + `
data "flashback_organization_users" "all" {}
`}
		res := cli.Run(t, files, []string{"TF_LOG=TRACE"}, "apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if !res.Failed || !strings.Contains(res.Stderr, "Flashback rejected the access token") {
			t.Fatalf("the apply did not fail with the API's 401:\n%s%s", res.Stdout, res.Stderr)
		}
		acctest.AssertNoTestToken(t, "stdout", res.Stdout)
		acctest.AssertNoTestToken(t, "stderr, which holds the TRACE log", res.Stderr)
		wantLogged(t, res.Stderr)
		if !strings.Contains(res.Stderr, "The API said: \u201crejected Authorization: Bearer [REDACTED]\u201d") {
			t.Errorf("the error does not quote the API's message with the token redacted:\n%s", res.Stderr)
		}
	})
}

// TestAccCLI_interruptCancelsRead interrupts the CLI (Ctrl-C, SIGINT) while
// the provider reads: while the request is in flight, and while it waits a
// minute before a retry. The CLI stops the provider, the read stops at once
// with a cancellation error, and the request is abandoned.
func TestAccCLI_interruptCancelsRead(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	// Long enough that only the interrupt ends the read, and short enough
	// that a timed-out request could be retried, as the provider requires.
	files := map[string]string{"main.tf": acctest.CLIProvider(`request_timeout = "4m"
  retry_wait_min  = "1m"
  retry_wait_max  = "1m"
  max_retries     = 3`) + `
data "flashback_organization_users" "all" {}
`}
	interrupted := func(t *testing.T, c *acctest.CLICommand) {
		t.Helper()
		if err := c.Cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		res := c.Wait(t)
		if !res.Failed {
			t.Errorf("the interrupted run succeeded:\n%s%s", res.Stdout, res.Stderr)
		}
		output := acctest.Unwrapped(res.Stdout + res.Stderr)
		for _, want := range []string{"Flashback API request canceled", "The operation was canceled while GET", "Nothing was read"} {
			if !strings.Contains(output, want) {
				t.Errorf("the output lacks %q:\n%s%s", want, res.Stdout, res.Stderr)
			}
		}
	}

	t.Run("request in flight", func(t *testing.T) {
		arrived, abandoned := make(chan struct{}, 10), make(chan struct{}, 10)
		api := acctest.ServeLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			select {
			case <-r.Context().Done():
				abandoned <- struct{}{}
			case <-time.After(acctest.CLISafetyTimeout):
			}
		}))
		c := cli.Start(t, files, []string{provider.EnvBaseURL + "=" + api, provider.EnvAccessToken + "=" + acctest.TestToken}, "plan", "-input=false", "-lock=false", "-no-color")
		c.WaitFor(t, arrived, "a request reached the API")
		interrupted(t, c)
		select {
		case <-abandoned:
		case <-time.After(acctest.SafetyTimeout):
			t.Error("the API never saw the request abandoned")
		}
	})

	t.Run("waiting to retry", func(t *testing.T) {
		fake, api := acctest.StartFakeAPI(t, nil)
		fake.Always(fakeapi.Reply{Status: http.StatusServiceUnavailable})
		// The provider logs its retry just before it waits; its log goes to stderr.
		c := cli.StartWatching(t, files, []string{provider.EnvBaseURL + "=" + api, provider.EnvAccessToken + "=" + acctest.TestToken, "TF_LOG_PROVIDER=DEBUG"},
			"Flashback API request failed, retrying", "plan", "-input=false", "-lock=false", "-no-color")
		c.WaitFor(t, c.Stderr.Seen, "the provider logged a retry")
		interrupted(t, c)
		if n := fake.RequestCount(); n != 1 {
			t.Errorf("the API got %d requests, want 1: the wait was cut short, with no retry", n)
		}
	})
}

// TestAccCLI_proxyFromEnvironment runs the CLI with HTTPS_PROXY set, for a
// private deployment at a host name only the proxy can reach, whose
// certificate a private CA signed: the provider tunnels through the proxy,
// trusts the CA from ca_certificate, and the proxy never sees the token.
func TestAccCLI_proxyFromEnvironment(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	const host = "api.flashback.test"
	ca, err := fakeapi.NewCA("Example Corp private CA")
	if err != nil {
		t.Fatal(err)
	}
	cert, err := ca.Issue(host)
	if err != nil {
		t.Fatal(err)
	}
	fake, api := startTLSFakeAPI(t, fakeapi.SampleUsers(), &cert)
	proxy := &fakeapi.Proxy{Route: func(target string) string {
		if target == host+":443" {
			return api.Listener.Addr().String()
		}
		return ""
	}}
	proxyURL := acctest.ServeLoopback(t, proxy)
	caFile := filepath.Join(t.TempDir(), "corp-ca.pem")
	if err := os.WriteFile(caFile, []byte(ca.PEM), 0o600); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"main.tf": acctest.CLIProvider(`base_url       = "https://`+host+`"
  ca_certificate = file(`+quote(caFile)+`)`) + `
data "flashback_organization_users" "owners" {
  roles = ["OWNER"]
}

output "owners" {
  value = data.flashback_organization_users.owners.emails
}
`}
	res := cli.Run(t, files, []string{provider.EnvAccessToken + "=" + acctest.TestToken, "HTTPS_PROXY=" + proxyURL, "NO_PROXY="},
		"apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
	if res.Failed || !strings.Contains(res.Stdout, acctest.Email("grace", "example.com")) {
		t.Fatalf("the apply through the proxy failed:\n%s%s", res.Stdout, res.Stderr)
	}
	reqs := proxy.Requests()
	if len(reqs) == 0 {
		t.Fatal("the proxy got no request")
	}
	for _, r := range reqs {
		if r.Method != http.MethodConnect || r.Target != host+":443" {
			t.Errorf("the proxy got %s %s, want only CONNECT %s:443", r.Method, r.Target, host)
		}
		for name, values := range r.Header {
			acctest.AssertNoTestToken(t, "the CONNECT request's "+name+" header", strings.Join(values, " "))
		}
	}
	acctest.AssertNoTestToken(t, "the bytes the proxy tunneled", string(proxy.Sent()))
	if n := fake.RequestCount(); n != len(reqs) {
		t.Errorf("the API got %d requests through %d tunnels", n, len(reqs))
	}
}
