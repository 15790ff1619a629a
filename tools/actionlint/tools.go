//go:build tools

// Package actionlint pins the actionlint that `make actionlint` builds into
// ../../.tools to check .github/workflows. It is a module of its own because
// actionlint and golangci-lint (../go.mod) need incompatible versions of
// go.yaml.in/yaml/v4, and one module can hold only one.
package actionlint

import (
	_ "github.com/rhysd/actionlint/cmd/actionlint"
)
