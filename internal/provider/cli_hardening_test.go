package provider

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// These tests run the real CLI, through cliRunner (cli_runner_test.go), for
// what terraform-plugin-testing cannot show: the CLI's own log, a proxy
// taken from the environment, and an interrupt.

// cliRun is one run of the CLI.
type cliRun struct {
	stdout, stderr string
	failed         bool
}

// cliCommand starts the CLI with args in a fresh folder holding files,
// with env added to an environment free of TF_ and FLASHBACK_ variables.
// The process is killed after cliSafetyTimeout, so that a broken test
// fails instead of hanging.
type cliCommand struct {
	cmd            *exec.Cmd
	cancel         context.CancelFunc
	stdout, stderr *watchedBuffer
	// exited is closed when the CLI has exited, with err its Wait error.
	exited chan struct{}
	err    error
}

// watchedBuffer holds what the CLI writes, and closes seen once it holds
// want, so that a test can wait for a line of the CLI's log.
type watchedBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
}

func newWatchedBuffer(want string) *watchedBuffer {
	return &watchedBuffer{want: []byte(want), seen: make(chan struct{})}
}

func (w *watchedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if w.want != nil {
		// Only the tail can hold a match that was not there before.
		tail := w.buf.Bytes()[max(0, w.buf.Len()-len(p)-len(w.want)):]
		if bytes.Contains(tail, w.want) {
			close(w.seen)
			w.want = nil
		}
	}
	return n, err
}

func (w *watchedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// cliSafetyTimeout bounds one run of the CLI; it is a guard, not an
// expectation of speed.
const cliSafetyTimeout = 3 * time.Minute

func (r *cliRunner) start(t *testing.T, files map[string]string, env []string, args ...string) *cliCommand {
	t.Helper()
	return r.startIn(t, t.TempDir(), files, env, args...)
}

// startIn is start in the folder work, which may hold what an earlier run
// left there: a saved plan, a state.
func (r *cliRunner) startIn(t *testing.T, work string, files map[string]string, env []string, args ...string) *cliCommand {
	t.Helper()
	return r.launch(t, work, files, env, "", "", args...)
}

// startWithInput starts the CLI with args in the folder work, with stdin
// as its input.
func (r *cliRunner) startWithInput(t *testing.T, work, stdin string, env []string, args ...string) *cliCommand {
	t.Helper()
	return r.launch(t, work, nil, env, "", stdin, args...)
}

// startWatching is start, and c.stderr.seen is closed once the CLI has
// written stderrLine to its stderr.
func (r *cliRunner) startWatching(t *testing.T, files map[string]string, env []string, stderrLine string, args ...string) *cliCommand {
	t.Helper()
	return r.launch(t, t.TempDir(), files, env, stderrLine, "", args...)
}

func (r *cliRunner) launch(t *testing.T, work string, files map[string]string, env []string, stderrLine, stdin string, args ...string) *cliCommand {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), cliSafetyTimeout)
	c := &cliCommand{cancel: cancel, exited: make(chan struct{}), stdout: newWatchedBuffer(""), stderr: newWatchedBuffer(stderrLine)}
	c.cmd = exec.CommandContext(ctx, r.cli, append([]string{"-chdir=" + work}, args...)...)
	c.cmd.Env = append(cliEnviron(), "TF_CLI_CONFIG_FILE="+r.cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	c.cmd.Env = append(c.cmd.Env, env...)
	c.cmd.Stdin = strings.NewReader(stdin)
	c.cmd.Stdout, c.cmd.Stderr = c.stdout, c.stderr
	if err := c.cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting %s: %v", r.cli, err)
	}
	t.Cleanup(cancel)
	go func() {
		c.err = c.cmd.Wait()
		close(c.exited)
	}()
	return c
}

// waitFor waits until ch yields or the CLI exits, and fails the test in
// the second case, or when neither happens within cliSafetyTimeout.
func (c *cliCommand) waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-c.exited:
		t.Fatalf("the CLI exited before %s:\n%s%s", what, c.stdout.String(), c.stderr.String())
	case <-time.After(cliSafetyTimeout):
		t.Fatalf("no %s within %s", what, cliSafetyTimeout)
	}
}

// wait waits for the CLI to exit and returns what it did.
func (c *cliCommand) wait(t *testing.T) cliRun {
	t.Helper()
	<-c.exited
	err := c.err
	c.cancel()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("running the CLI: %v", err)
	}
	if exitErr != nil && !exitErr.Exited() {
		t.Fatalf("the CLI did not exit on its own within %s (%v):\n%s%s", cliSafetyTimeout, err, c.stdout.String(), c.stderr.String())
	}
	return cliRun{stdout: c.stdout.String(), stderr: c.stderr.String(), failed: err != nil}
}

// run runs the CLI to its end.
func (r *cliRunner) run(t *testing.T, files map[string]string, env []string, args ...string) cliRun {
	t.Helper()
	return r.start(t, files, env, args...).wait(t)
}

// cliProvider is the terraform and provider blocks of a configuration run
// by the CLI, with settings in the provider block.
func cliProvider(settings string) string {
	return `terraform {
  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

provider "flashback" {
  ` + settings + `
}
`
}

// unwrapped undoes the CLI's wrapping of diagnostics: the box's left edge
// goes, and every run of white space becomes one space.
func unwrapped(output string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(output, "\u2502", " ")), " ")
}

// fastRetries are provider settings for retries that do not slow a test.
const fastRetries = "retry_wait_min = \"1ms\"\n  retry_wait_max = \"5ms\""

// assertNoTestToken fails when text holds the token, or its distinctive tail.
func assertNoTestToken(t *testing.T, what, text string) {
	t.Helper()
	if strings.Contains(text, testToken) || strings.Contains(text, testToken[len(testToken)-12:]) {
		t.Errorf("the token appears in %s", what)
	}
}

// TestAccCLI_traceLogHasNoToken runs a full apply at TF_LOG=TRACE, against
// an API that echoes the token back in a body and a header, and shows that
// the token appears nowhere: not in the CLI's output, not in its log,
// whether the log goes to TF_LOG_PATH or to stderr, while the log does
// show each request, with the Authorization header as [REDACTED].
func TestAccCLI_traceLogHasNoToken(t *testing.T) {
	cli := newCLIRunner(t)
	echo := fakeapi.Reply{
		Status: http.StatusServiceUnavailable,
		Header: map[string]string{"X-Echo-Authorization": "Bearer " + testToken},
		Body:   `{"success": false, "message": "rejected Authorization: Bearer ` + testToken + `"}`,
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
		fake, url := startFakeAPI(t, fakeapi.SampleUsers())
		fake.Script(echo) // a 503 echoing the token, then the users
		files := map[string]string{"main.tf": cliProvider(fastRetries+"\n  access_token = var.token\n  base_url = \""+url+"\"") + `
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
		res := cli.run(t, files, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logPath, "TF_VAR_token=" + testToken},
			"apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if res.failed || !strings.Contains(res.stdout, email("grace", "example.com")) {
			t.Fatalf("the apply failed or did not output the owners:\n%s%s", res.stdout, res.stderr)
		}
		log, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		assertNoTestToken(t, "stdout", res.stdout)
		assertNoTestToken(t, "stderr", res.stderr)
		assertNoTestToken(t, "the TRACE log", string(log))
		wantLogged(t, string(log))
		if fake.RequestCount() < 2 {
			t.Errorf("the API got %d requests, want the echoing one and a retry", fake.RequestCount())
		}
	})

	t.Run("failed apply, token in the provider block, log to stderr", func(t *testing.T) {
		fake, url := startFakeAPI(t, nil)
		echo401 := echo
		echo401.Status = http.StatusUnauthorized
		fake.Always(echo401)
		files := map[string]string{"main.tf": cliProvider(fastRetries+"\n  access_token = \""+testToken+"\"\n  base_url = \""+url+"\"") + `
data "flashback_organization_users" "all" {}
`}
		res := cli.run(t, files, []string{"TF_LOG=TRACE"}, "apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if !res.failed || !strings.Contains(res.stderr, "Flashback rejected the access token") {
			t.Fatalf("the apply did not fail with the API's 401:\n%s%s", res.stdout, res.stderr)
		}
		assertNoTestToken(t, "stdout", res.stdout)
		assertNoTestToken(t, "stderr, which holds the TRACE log", res.stderr)
		wantLogged(t, res.stderr)
		if !strings.Contains(res.stderr, "The API said: \u201crejected Authorization: Bearer [REDACTED]\u201d") {
			t.Errorf("the error does not quote the API's message with the token redacted:\n%s", res.stderr)
		}
	})
}

// TestAccCLI_interruptCancelsRead interrupts the CLI (Ctrl-C, SIGINT) while
// the provider reads: while the request is in flight, and while it waits a
// minute before a retry. The CLI stops the provider, the read stops at once
// with a cancellation error, and the request is abandoned.
func TestAccCLI_interruptCancelsRead(t *testing.T) {
	cli := newCLIRunner(t)
	// Long enough that only the interrupt ends the read, and short enough
	// that a timed-out request could be retried, as the provider requires.
	files := map[string]string{"main.tf": cliProvider(`request_timeout = "4m"
  retry_wait_min  = "1m"
  retry_wait_max  = "1m"
  max_retries     = 3`) + `
data "flashback_organization_users" "all" {}
`}
	interrupted := func(t *testing.T, c *cliCommand) {
		t.Helper()
		if err := c.cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		res := c.wait(t)
		if !res.failed {
			t.Errorf("the interrupted run succeeded:\n%s%s", res.stdout, res.stderr)
		}
		output := unwrapped(res.stdout + res.stderr)
		for _, want := range []string{"Flashback API request canceled", "The operation was canceled while GET", "Nothing was read"} {
			if !strings.Contains(output, want) {
				t.Errorf("the output lacks %q:\n%s%s", want, res.stdout, res.stderr)
			}
		}
	}

	t.Run("request in flight", func(t *testing.T) {
		arrived, abandoned := make(chan struct{}, 10), make(chan struct{}, 10)
		api := serveLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			arrived <- struct{}{}
			select {
			case <-r.Context().Done():
				abandoned <- struct{}{}
			case <-time.After(cliSafetyTimeout):
			}
		}))
		c := cli.start(t, files, []string{EnvBaseURL + "=" + api, EnvAccessToken + "=" + testToken}, "plan", "-input=false", "-lock=false", "-no-color")
		c.waitFor(t, arrived, "a request reached the API")
		interrupted(t, c)
		select {
		case <-abandoned:
		case <-time.After(safetyTimeout):
			t.Error("the API never saw the request abandoned")
		}
	})

	t.Run("waiting to retry", func(t *testing.T) {
		fake, api := startFakeAPI(t, nil)
		fake.Always(fakeapi.Reply{Status: http.StatusServiceUnavailable})
		// The provider logs its retry just before it waits; its log goes to stderr.
		c := cli.startWatching(t, files, []string{EnvBaseURL + "=" + api, EnvAccessToken + "=" + testToken, "TF_LOG_PROVIDER=DEBUG"},
			"Flashback API request failed, retrying", "plan", "-input=false", "-lock=false", "-no-color")
		c.waitFor(t, c.stderr.seen, "the provider logged a retry")
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
	cli := newCLIRunner(t)
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
	proxyURL := serveLoopback(t, proxy)
	caFile := filepath.Join(t.TempDir(), "corp-ca.pem")
	if err := os.WriteFile(caFile, []byte(ca.PEM), 0o600); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"main.tf": cliProvider(`base_url       = "https://`+host+`"
  ca_certificate = file(`+quote(caFile)+`)`) + `
data "flashback_organization_users" "owners" {
  roles = ["OWNER"]
}

output "owners" {
  value = data.flashback_organization_users.owners.emails
}
`}
	res := cli.run(t, files, []string{EnvAccessToken + "=" + testToken, "HTTPS_PROXY=" + proxyURL, "NO_PROXY="},
		"apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
	if res.failed || !strings.Contains(res.stdout, email("grace", "example.com")) {
		t.Fatalf("the apply through the proxy failed:\n%s%s", res.stdout, res.stderr)
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
			assertNoTestToken(t, "the CONNECT request's "+name+" header", strings.Join(values, " "))
		}
	}
	assertNoTestToken(t, "the bytes the proxy tunneled", string(proxy.Sent()))
	if n := fake.RequestCount(); n != len(reqs) {
		t.Errorf("the API got %d requests through %d tunnels", n, len(reqs))
	}
}
