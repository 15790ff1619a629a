package provider

import (
	"context"

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
