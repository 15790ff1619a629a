package provider_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// slashToken is a token with the characters that encodings change: "/",
// "+" and "=", as any base64 token has.
const slashToken = "fb/Tok+7Q2xN9wE=SECRET/v4Lm8Kp3Rz+0c1d2e3f"

// pyQuote percent-encodes s as Python's urllib.parse.quote does by
// default: "/" left as it is, "+" and "=" encoded.
func pyQuote(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("_.-~/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// noSlashToken fails when text holds the token as it is, as Python quotes
// it, or a piece of either long enough to narrow a guess.
func noSlashToken(t *testing.T, what, text string) {
	t.Helper()
	for _, form := range []string{slashToken, pyQuote(slashToken)} {
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
	quoted := pyQuote(slashToken)
	echo := fakeapi.Reply{
		Status: http.StatusServiceUnavailable,
		Header: map[string]string{"X-Echo": "token=" + quoted},
		Body:   `{"success": false, "message": "rejected token=` + quoted + `"}`,
	}
	fake := fakeapi.New(slashToken, fakeapi.SampleUsers())
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
		res := cli.Run(t, files, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logPath, "TF_VAR_token=" + slashToken},
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
		res := cli.Run(t, files, []string{"TF_LOG=TRACE", "TF_VAR_token=" + slashToken}, "apply", "-auto-approve", "-input=false", "-lock=false", "-no-color")
		if !res.Failed || !strings.Contains(acctest.Unwrapped(res.Stderr), "rejected token=[REDACTED]") {
			t.Fatalf("the apply did not fail with the API's message, redacted:\n%s%s", res.Stdout, res.Stderr)
		}
		noSlashToken(t, "stderr, which holds the diagnostic and the TRACE log", res.Stdout+res.Stderr)
	})
}
