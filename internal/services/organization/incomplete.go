package organization

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/flashbacknetwork/terraform-provider-flashback/internal/client"
)

// Policies fail closed: an answer that cannot be shown to hold every user
// (client.UserList.Complete: fewer users than the total the API reported,
// or no total at all) is an error for every type that reads the list (the
// data sources, and the list resource, whose query would adopt part of
// it), since a policy would judge part of the organization as if it were
// all of it. allow_incomplete turns the error back into a warning.

// allowIncompleteName is the argument's name.
const allowIncompleteName = "allow_incomplete"

// allowIncompleteDescription describes allow_incomplete.
const allowIncompleteDescription = "Whether to read the users anyway, with a warning, when the API returns fewer users than " +
	"its `total`, or no `total`. Defaults to `false`: such an answer is an error, so that a policy check never passes on part of the organization."

// allowIncompleteAttribute is the allow_incomplete argument of every data
// source that reads the list of users.
func allowIncompleteAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: allowIncompleteDescription, Optional: true}
}

// allowIncompleteListAttribute is the allow_incomplete argument of the list
// resource's config.
func allowIncompleteListAttribute() listschema.BoolAttribute {
	return listschema.BoolAttribute{MarkdownDescription: allowIncompleteDescription, Optional: true}
}

// checkComplete reports an answer that cannot be shown complete: an
// error, or a warning when allow is true.
func checkComplete(diags *diag.Diagnostics, list *client.UserList, allow bool) {
	complete, detail := list.Complete()
	if complete {
		return
	}
	summary := "Flashback returned fewer users than it reported"
	if !list.TotalReported() {
		summary = "Flashback reported no total of users"
	}
	if allow {
		diags.AddWarning(summary, detail+". allow_incomplete is true, so the read goes on: policy checks on it may miss users. "+
			"Run again later, and report it to Flashback if it persists.")
		return
	}
	diags.AddError(summary, detail+", and a policy check on it could pass while a user it leaves out breaks the rule. "+
		"Run again later, and report it to Flashback if it persists. To read an incomplete list anyway, "+
		"set allow_incomplete = true where it is read (in the data source, or in the list block's config): the read then warns instead.")
}
