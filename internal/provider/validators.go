package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// stringCheck adapts one of the client's parse functions into a schema
// validator, so that the schema and Configure check a value the same way.
type stringCheck struct {
	summary, description string
	check                func(string) error
}

func (v stringCheck) Description(context.Context) string         { return v.description }
func (v stringCheck) MarkdownDescription(context.Context) string { return v.description }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, err.Error()+".")
	}
}

var (
	baseURLValidator = func() validator.String {
		return stringCheck{
			summary:     "Invalid Flashback base URL",
			description: "must be an absolute https URL, or http to a loopback host",
			check:       func(s string) error { _, err := client.ParseBaseURL(s); return err },
		}
	}
	caCertificateValidator = func() validator.String {
		return stringCheck{
			summary:     "Invalid CA certificate",
			description: "must be the PEM text of one or more CA certificates",
			check:       func(s string) error { _, err := client.ParseCACertificates(s); return err },
		}
	}
	durationValidator = func() validator.String {
		return stringCheck{
			summary:     "Invalid duration",
			description: "must be a positive Go duration such as \"30s\"",
			check:       func(s string) error { _, err := client.ParsePositiveDuration(s); return err },
		}
	}
)

// wholeNumberValidator accepts a whole number from lo to hi. An Int64
// attribute would turn a fraction, or a number past int64, into a failed
// conversion that Terraform reports as a provider bug; a number attribute
// with this validator names the attribute and the rule instead.
type wholeNumberValidator struct{ lo, hi int64 }

func (v wholeNumberValidator) Description(context.Context) string {
	return fmt.Sprintf("must be a whole number from %d to %d", v.lo, v.hi)
}

func (v wholeNumberValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v wholeNumberValidator) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueBigFloat(); !wholeNumberIn(n, v.lo, v.hi) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid number",
			fmt.Sprintf("%s must be a whole number between %d and %d, got %s.", req.Path, v.lo, v.hi, n.Text('g', -1)))
	}
}
