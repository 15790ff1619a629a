package provider_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/acctest"
	"github.com/flashbacknetwork/terraform-provider-flashback/internal/fakeapi"
)

// TestAccCLI_logsOnlyWhatTheCLIKeeps runs plans through the real CLI with
// the provider's stderr captured, and shows that the SDK's and the
// provider's loggers write no line more verbose than the CLI keeps
// (TF_LOG_PROVIDER, else TF_LOG; none when both are unset), and every line
// at TRACE: lines nobody reads were half of the provider's CPU on a plan
// over 1,000 members (BENCHMARKS.md).
func TestAccCLI_logsOnlyWhatTheCLIKeeps(t *testing.T) {
	cli := acctest.NewCLIRunner(t)
	logPath := cli.CaptureProviderStderr(t)
	_, url := acctest.StartFakeAPI(t, fakeapi.SampleUsers())
	files := map[string]string{"main.tf": acctest.CLIProvider(`base_url = "`+url+`"`) + `
data "flashback_organization_users" "all" {}

output "count" {
  value = length(data.flashback_organization_users.all.users)
}
`}
	// levels plans with env and counts the provider's lines by module and level.
	levels := func(t *testing.T, env ...string) map[string]int {
		t.Helper()
		if err := os.WriteFile(logPath, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		res := cli.Run(t, files, append(env, "FLASHBACK_ACCESS_TOKEN="+acctest.TestToken), "plan", "-input=false", "-lock=false", "-no-color")
		if res.Failed {
			t.Fatalf("plan failed:\n%s%s", res.Stdout, res.Stderr)
		}
		written, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		lines := bufio.NewScanner(bytes.NewReader(written))
		lines.Buffer(nil, 1<<20)
		for lines.Scan() {
			var line struct {
				Level  string `json:"@level"`
				Module string `json:"@module"`
			}
			if json.Unmarshal(lines.Bytes(), &line) != nil || line.Level == "" || line.Module == "" {
				continue // not a log line, or go-plugin's two at start-up, which no level here governs
			}
			module := "provider"
			if strings.HasPrefix(line.Module, "sdk") {
				module = "sdk"
			}
			counts[module+" "+line.Level]++
			if line.Module == "sdk.framework" {
				counts["framework "+line.Level]++
			}
		}
		if err := lines.Err(); err != nil {
			t.Fatal(err)
		}
		return counts
	}

	t.Run("TF_LOG=TRACE: every line", func(t *testing.T) {
		got := levels(t, "TF_LOG=TRACE")
		if got["sdk trace"] == 0 || got["provider debug"]+got["provider trace"] == 0 {
			t.Errorf("at TRACE the provider wrote %v; want trace lines from the SDK and lines of its own", got)
		}
	})
	t.Run("no variable: no line", func(t *testing.T) {
		if got := levels(t); len(got) != 0 {
			t.Errorf("with TF_LOG and TF_LOG_PROVIDER unset the CLI keeps no provider log, yet the provider wrote %v", got)
		}
	})
	t.Run("TF_LOG=WARN: nothing below WARN", func(t *testing.T) {
		for key, n := range levels(t, "TF_LOG=WARN") {
			if !strings.HasSuffix(key, " warn") && !strings.HasSuffix(key, " error") {
				t.Errorf("at WARN the provider wrote %d %q lines", n, key)
			}
		}
	})
	t.Run("TF_LOG_PROVIDER wins over TF_LOG", func(t *testing.T) {
		for key, n := range levels(t, "TF_LOG=TRACE", "TF_LOG_PROVIDER=ERROR") {
			if !strings.HasSuffix(key, " error") {
				t.Errorf("with TF_LOG_PROVIDER=ERROR the provider wrote %d %q lines", n, key)
			}
		}
	})
	// A level set for the SDK alone gives its lines, and none of the
	// provider's own.
	for _, tc := range []struct{ name, env, lines, asked string }{
		{"TF_LOG_SDK alone: the SDK's subsystems follow it", "TF_LOG_SDK=TRACE", "framework trace", "the SDK's trace lines, the framework's among them"},
		{"a level set for the SDK is kept", "TF_LOG_SDK_PROTO=TRACE", "sdk trace", "the protocol's trace lines"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := levels(t, tc.env)
			if got[tc.lines] == 0 {
				t.Errorf("%s asked for %s, got %v", tc.env, tc.asked, got)
			}
			if got["provider debug"]+got["provider trace"] != 0 {
				t.Errorf("only %s were asked for, got %v", tc.asked, got)
			}
		})
	}
}
