//go:build tools

// Package opa pins the Open Policy Agent CLI that `make policytest` builds into
// ../../.tools: it runs the Rego policies of examples/policies (opa test) and
// the acceptance test's checks on a real plan (opa eval). A module of its own,
// like ../actionlint, so that OPA's many dependencies never move the linters'
// or the provider's: the provider's module graph does not include OPA.
package opa

import (
	_ "github.com/open-policy-agent/opa"
)
