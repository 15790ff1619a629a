package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// SetIdentity sets a resource's identity to v, a struct with the
// identity's tfsdk fields, when Terraform keeps one (identity is nil before
// Terraform 1.12). Read sets it even when it removes the resource: a
// framework resource that declares an identity must return one from every
// read.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, v any, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, v)...)
}
