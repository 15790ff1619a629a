package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestOPAStaysOutOfTheProvider checks that the policy engine the tests run
// (OPA, pinned in tools/opa, a module of its own) is neither in the
// provider's module graph nor among the packages its binary is built from.
func TestOPAStaysOutOfTheProvider(t *testing.T) {
	for _, args := range [][]string{
		{"list", "-m", "all"},
		{"list", "-deps", "."},
	} {
		out, err := exec.Command("go", args...).Output()
		if err != nil {
			t.Fatalf("go %s: %v", strings.Join(args, " "), err)
		}
		lines := strings.Fields(string(out))
		if len(lines) < 10 {
			t.Fatalf("go %s listed %d entries; want the provider's many", strings.Join(args, " "), len(lines))
		}
		for _, line := range lines {
			if strings.HasPrefix(line, "github.com/open-policy-agent/") {
				t.Errorf("go %s lists %s: OPA belongs in tools/opa, not in the provider", strings.Join(args, " "), line)
			}
		}
	}
}
