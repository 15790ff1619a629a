//go:build tools

// Package tools pins the versions of the development tools the make targets
// run, so that every machine builds the same ones from the Go module proxy.
package tools

import (
	// Lint: built once into ../.tools by `make lint`.
	_ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
	// Documentation generation.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
