package provider_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/redacttest"
)

// noSlashToken fails when text holds the token as it is, as Python quotes
// it, or a piece of either long enough to narrow a guess.
func noSlashToken(t *testing.T, what, text string) {
	t.Helper()
	for _, form := range []string{redacttest.SlashToken, redacttest.PyQuote(redacttest.SlashToken)} {
		for i := 0; i+10 <= len(form); i++ {
			if strings.Contains(text, form[i:i+10]) {
				t.Fatalf("%s holds %q, a piece of the token as %q", what, form[i:i+10], form)
			}
		}
	}
}

// TestAccCLI_traceLogHasNoQuotedToken: an API that echoes the token as
// Python's quote writes it (a mix of literal and percent-encoded
// characters) shows it in no diagnostic and no TRACE line.
func TestAccCLI_traceLogHasNoQuotedToken(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	quoted := redacttest.PyQuote(redacttest.SlashToken)
	echo := fakeapi.Reply{
		Status: http.StatusServiceUnavailable,
		Header: map[string]string{"X-Echo": "token=" + quoted},
		Body:   `{"success": false, "message": "rejected token=` + quoted + `"}`,
	}
	fake := fakeapi.New(redacttest.SlashToken, fakeapi.SampleUsers())
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	files := map[string]string{"main.tf": acctest.CLIProvider(acctest.FastRetries+"\n  max_retries = 1\n  access_token = var.token\n  base_url = \""+srv.URL+"\"") + `
variable "token" {
  type      = string
  sensitive = true
}

data "flashback_organization_users" "all" {}
`}
	t.Run("retried, then read", func(t *testing.T) {
		fake.Script(echo)
		logPath := filepath.Join(t.TempDir(), "terraform.log")
		res := cli.Run(t, files, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logPath, "TF_VAR_token=" + redacttest.SlashToken},
			"apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if res.Failed {
			t.Fatalf("the apply failed:\n%s%s", res.Stdout, res.Stderr)
		}
		log, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		noSlashToken(t, "the TRACE log", string(log))
		noSlashToken(t, "the output", res.Stdout+res.Stderr)
		if !strings.Contains(string(log), "token=[REDACTED]") && !strings.Contains(string(log), "token=***") {
			t.Errorf("the TRACE log does not show the echo redacted")
		}
	})
	t.Run("the error", func(t *testing.T) {
		always := echo
		always.Status = http.StatusForbidden
		fake.Always(always)
		res := cli.Run(t, files, []string{"TF_LOG=TRACE", "TF_VAR_token=" + redacttest.SlashToken}, "apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if !res.Failed || !strings.Contains(acctest.Unwrapped(res.Stderr), "rejected token=[REDACTED]") {
			t.Fatalf("the apply did not fail with the API's message, redacted:\n%s%s", res.Stdout, res.Stderr)
		}
		noSlashToken(t, "stderr, which holds the diagnostic and the TRACE log", res.Stdout+res.Stderr)
	})
}
