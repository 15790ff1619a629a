//go:build tools

// Package gotestsum pins the gotestsum that the make test targets build into
// ../../.tools. It runs go test and closes each pass with a summary that
// lists every skipped test with its reason (a tfversion skip names the
// version), and every failure with its output. A module of its own, like
// ../actionlint, so that its dependencies never move the linters'.
package gotestsum

import (
	_ "gotest.tools/gotestsum"
)
