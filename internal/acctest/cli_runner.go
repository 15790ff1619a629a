package acctest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/provider"
)

// The CLI runner runs the real Terraform or OpenTofu CLI on a folder of
// configuration, with the provider built from this module. It exists for
// what terraform-plugin-testing cannot observe: warnings, such as a failed
// check block's.

// CLIRunner runs the CLI named by TF_ACC_TERRAFORM_PATH with a provider
// binary it built, through a dev_overrides CLI configuration.
type CLIRunner struct {
	cli       string
	cliConfig string
	// binDir holds the provider binary the runner built.
	binDir string
}

// CLIDiagnostic is one diagnostic of the CLI's machine-readable output.
type CLIDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
}

func (d CLIDiagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
}

// CLIResult is what one run of the CLI produced.
type CLIResult struct {
	// Failed is true when the CLI exited with a status other than 0.
	Failed bool
	// Diagnostics are every warning and error, but the expected
	// "Provider development overrides are in effect" warning.
	Diagnostics []CLIDiagnostic
	// Output is stdout and stderr, for failure messages.
	Output string
}

// DevOverridesSummary is the warning every run with dev_overrides gives.
const DevOverridesSummary = "Provider development overrides are in effect"

// NewCLIRunner builds the provider into a temporary folder and writes a CLI
// configuration that points the CLI at it. Like the other acceptance tests,
// it skips the test unless TF_ACC is set.
func NewCLIRunner(t *testing.T) *CLIRunner {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests skipped unless env 'TF_ACC' set")
	}
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must name the Terraform or OpenTofu CLI to run (make test and make testacc set it)")
	}
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-flashback"),
		"github.com/flashbacknetwork/terraform-provider-flashback")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	cliConfig := filepath.Join(dir, "cli.tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "flashbacknetwork/flashback" = %q
  }
  direct {}
}
`, dir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return &CLIRunner{cli: cli, cliConfig: cliConfig, binDir: dir}
}

// MirrorVersion is the version the provider has in the local mirror that
// InstallFromMirror sets up.
const MirrorVersion = "0.0.1"

// InstallFromMirror makes the CLI install the provider as a user's `init`
// does, from a local filesystem mirror holding the binary the runner built,
// in place of dev_overrides. A test that runs `init` needs it: under
// dev_overrides, Terraform 1.14 (unlike 1.16) still asks the public
// registry for flashbacknetwork/flashback during init, which fails where
// the registry cannot be reached. The mirror serves the provider under both
// registries' host names, since OpenTofu reads a bare source address as
// registry.opentofu.org.
func (r *CLIRunner) InstallFromMirror(t *testing.T) {
	t.Helper()
	mirror := filepath.Join(r.binDir, "mirror")
	platform := runtime.GOOS + "_" + runtime.GOARCH
	binary, err := os.ReadFile(filepath.Join(r.binDir, "terraform-provider-flashback"))
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		dir := filepath.Join(mirror, host, "flashbacknetwork", "flashback", MirrorVersion, platform)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "terraform-provider-flashback_v"+MirrorVersion), binary, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	rc := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path = %q
  }
}
`, mirror)
	r.cliConfig = filepath.Join(r.binDir, "mirror.tfrc")
	if err := os.WriteFile(r.cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Plan copies files (name → content) into a fresh folder and runs
// `plan -json` there, with the provider reading baseURL and TestToken from
// the environment.
func (r *CLIRunner) Plan(t *testing.T, files map[string]string, baseURL string) CLIResult {
	t.Helper()
	work := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(r.cli, "-chdir="+work, "plan", "-json", "-input=false", "-lock=false")
	cmd.Env = append(CLIEnviron(),
		"TF_CLI_CONFIG_FILE="+r.cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		provider.EnvBaseURL+"="+baseURL,
		provider.EnvAccessToken+"="+TestToken,
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("running %s: %v", r.cli, err)
	}
	res := CLIResult{Failed: err != nil, Output: stdout.String() + stderr.String()}
	res.Diagnostics = ParseDiagnostics(t, stdout.Bytes())
	return res
}

// CLIEnviron is this process's environment without the variables that
// would change how the CLI or the provider behaves: every TF_ and
// FLASHBACK_ variable.
func CLIEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "FLASHBACK_") {
			env = append(env, kv)
		}
	}
	return env
}

// ParseDiagnostics reads the diagnostics out of the CLI's JSON lines.
func ParseDiagnostics(t *testing.T, out []byte) []CLIDiagnostic {
	t.Helper()
	var diags []CLIDiagnostic
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for sc.Scan() {
		var line struct {
			Type       string         `json:"type"`
			Diagnostic *CLIDiagnostic `json:"diagnostic"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("the CLI printed a line that is not JSON: %q", sc.Text())
		}
		if line.Type == "diagnostic" && line.Diagnostic != nil && line.Diagnostic.Summary != DevOverridesSummary {
			diags = append(diags, *line.Diagnostic)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return diags
}

// SkipBelow skips the test when the CLI is older than minimum, saying so,
// as tfversion.SkipBelow does for terraform-plugin-testing's tests.
func (r *CLIRunner) SkipBelow(t *testing.T, minimum *version.Version) {
	t.Helper()
	cmd := exec.Command(r.cli, "version", "-json")
	cmd.Env = append(CLIEnviron(), "TF_CLI_CONFIG_FILE="+r.cliConfig, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s version: %v", r.cli, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("reading %s version -json: %v\n%s", r.cli, err, out)
	}
	got, err := version.NewVersion(v.Version)
	if err != nil {
		t.Fatalf("the CLI's version %q: %v", v.Version, err)
	}
	if got.Core().LessThan(minimum) {
		t.Skipf("CLI version %s is below minimum version %s: skipping test", got, minimum)
	}
}

// CaptureProviderStderr makes the CLI start the provider through a script
// that appends the provider's stderr, where its loggers write their lines
// as JSON, to a file, and returns the file's path. The CLI then reads no log
// line of the provider; the file holds every line the provider wrote. Call
// it before InstallFromMirror, if at all: the mirror would hold the script.
func (r *CLIRunner) CaptureProviderStderr(t *testing.T) string {
	t.Helper()
	binary := filepath.Join(r.binDir, "terraform-provider-flashback")
	real := filepath.Join(r.binDir, "provider-under-capture")
	if err := os.Rename(binary, real); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(r.binDir, "provider-stderr.log")
	script := fmt.Sprintf("#!/bin/sh\nexec %q \"$@\" 2>>%q\n", real, logPath)
	if err := os.WriteFile(binary, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return logPath
}
