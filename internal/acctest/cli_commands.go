package acctest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Helpers that run the real CLI through a CLIRunner and watch what it
// does: its output, its log, an interrupt.

// CLIRun is one run of the CLI.
type CLIRun struct {
	Stdout, Stderr string
	Failed         bool
}

// CLICommand starts the CLI with args in a fresh folder holding files,
// with env added to an environment free of TF_ and FLASHBACK_ variables.
// The process is killed after CLISafetyTimeout, so that a broken test
// fails instead of hanging.
type CLICommand struct {
	Cmd            *exec.Cmd
	cancel         context.CancelFunc
	Stdout, Stderr *WatchedBuffer
	// exited is closed when the CLI has exited, with err its Wait error.
	exited chan struct{}
	err    error
}

// WatchedBuffer holds what the CLI writes, and closes Seen once it holds
// want, so that a test can wait for a line of the CLI's log.
type WatchedBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	Seen chan struct{}
}

func newWatchedBuffer(want string) *WatchedBuffer {
	return &WatchedBuffer{want: []byte(want), Seen: make(chan struct{})}
}

func (w *WatchedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if w.want != nil {
		// Only the tail can hold a match that was not there before.
		tail := w.buf.Bytes()[max(0, w.buf.Len()-len(p)-len(w.want)):]
		if bytes.Contains(tail, w.want) {
			close(w.Seen)
			w.want = nil
		}
	}
	return n, err
}

func (w *WatchedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// CLISafetyTimeout bounds one run of the CLI; it is a guard, not an
// expectation of speed.
const CLISafetyTimeout = 3 * time.Minute

func (r *CLIRunner) Start(t *testing.T, files map[string]string, env []string, args ...string) *CLICommand {
	t.Helper()
	return r.StartIn(t, t.TempDir(), files, env, args...)
}

// StartIn is start in the folder work, which may hold what an earlier run
// left there: a saved plan, a state.
func (r *CLIRunner) StartIn(t *testing.T, work string, files map[string]string, env []string, args ...string) *CLICommand {
	t.Helper()
	return r.launch(t, work, files, env, "", "", args...)
}

// StartWithInput starts the CLI with args in the folder work, with stdin
// as its input.
func (r *CLIRunner) StartWithInput(t *testing.T, work, stdin string, env []string, args ...string) *CLICommand {
	t.Helper()
	return r.launch(t, work, nil, env, "", stdin, args...)
}

// StartWatching is start, and c.Stderr.seen is closed once the CLI has
// written stderrLine to its stderr.
func (r *CLIRunner) StartWatching(t *testing.T, files map[string]string, env []string, stderrLine string, args ...string) *CLICommand {
	t.Helper()
	return r.launch(t, t.TempDir(), files, env, stderrLine, "", args...)
}

func (r *CLIRunner) launch(t *testing.T, work string, files map[string]string, env []string, stderrLine, stdin string, args ...string) *CLICommand {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), CLISafetyTimeout)
	c := &CLICommand{cancel: cancel, exited: make(chan struct{}), Stdout: newWatchedBuffer(""), Stderr: newWatchedBuffer(stderrLine)}
	c.Cmd = exec.CommandContext(ctx, r.cli, append([]string{"-chdir=" + work}, args...)...)
	c.Cmd.Env = append(CLIEnviron(), "TF_CLI_CONFIG_FILE="+r.cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	c.Cmd.Env = append(c.Cmd.Env, env...)
	c.Cmd.Stdin = strings.NewReader(stdin)
	c.Cmd.Stdout, c.Cmd.Stderr = c.Stdout, c.Stderr
	if err := c.Cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting %s: %v", r.cli, err)
	}
	t.Cleanup(cancel)
	go func() {
		c.err = c.Cmd.Wait()
		close(c.exited)
	}()
	return c
}

// WaitFor waits until ch yields or the CLI exits, and fails the test in
// the second case, or when neither happens within CLISafetyTimeout.
func (c *CLICommand) WaitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-c.exited:
		t.Fatalf("the CLI exited before %s:\n%s%s", what, c.Stdout.String(), c.Stderr.String())
	case <-time.After(CLISafetyTimeout):
		t.Fatalf("no %s within %s", what, CLISafetyTimeout)
	}
}

// Wait waits for the CLI to exit and returns what it did.
func (c *CLICommand) Wait(t *testing.T) CLIRun {
	t.Helper()
	<-c.exited
	err := c.err
	c.cancel()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("running the CLI: %v", err)
	}
	if exitErr != nil && !exitErr.Exited() {
		t.Fatalf("the CLI did not exit on its own within %s (%v):\n%s%s", CLISafetyTimeout, err, c.Stdout.String(), c.Stderr.String())
	}
	return CLIRun{Stdout: c.Stdout.String(), Stderr: c.Stderr.String(), Failed: err != nil}
}

// Run runs the CLI to its end.
func (r *CLIRunner) Run(t *testing.T, files map[string]string, env []string, args ...string) CLIRun {
	t.Helper()
	return r.Start(t, files, env, args...).Wait(t)
}

// CLIProvider is the terraform and provider blocks of a configuration run
// by the CLI, with settings in the provider block.
func CLIProvider(settings string) string {
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

// Unwrapped undoes the CLI's wrapping of diagnostics: the box's left edge
// goes, and every run of white space becomes one space.
func Unwrapped(output string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(output, "\u2502", " ")), " ")
}

// FastRetries are provider settings for retries that do not slow a test.
const FastRetries = "retry_wait_min = \"1ms\"\n  retry_wait_max = \"5ms\""

// AssertNoTestToken fails when text holds the token, or its distinctive tail.
func AssertNoTestToken(t *testing.T, what, text string) {
	t.Helper()
	if strings.Contains(text, TestToken) || strings.Contains(text, TestToken[len(TestToken)-12:]) {
		t.Errorf("the token appears in %s", what)
	}
}
