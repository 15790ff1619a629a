package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// addClientError turns a client error into a diagnostic. The client's
// errors already carry a summary and a detail that says what to do next.
func addClientError(diags *diag.Diagnostics, err error) {
	var apiErr *client.Error
	if errors.As(err, &apiErr) {
		diags.AddError(apiErr.Summary, apiErr.Detail)
		return
	}
	diags.AddError("Flashback API call failed", err.Error())
}

// clientFromProviderData takes the client that the provider's Configure
// made. It returns nil, with no error, while the provider is not configured.
func clientFromProviderData(data any, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*client.Client)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *client.Client, got %T. This is a bug in the provider: please report it.", data))
		return nil
	}
	return c
}

// requireClient reports an error when a data source is read before the
// provider was configured.
func requireClient(c *client.Client, diags *diag.Diagnostics) bool {
	if c == nil {
		diags.AddError("Flashback provider not configured",
			"The data source was read before the provider was configured. Check the provider block for errors, and run again.")
		return false
	}
	return true
}

// addStateError reports a state that could not be built: a provider bug.
func addStateError(diags *diag.Diagnostics, err error) {
	diags.AddError("Cannot build the data source's state",
		"The provider could not map the API's answer to Terraform values: "+err.Error()+". This is a bug in the provider: please report it.")
}
