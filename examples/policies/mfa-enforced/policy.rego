# Policy: the organization requires multi-factor authentication (MFA) of its
# members when they sign in. The Rego version of policy.tf, over the plan's
# JSON: it needs the flashback_organization data source, read while
# planning.
package flashback.policies.mfa_enforced

import data.flashback.lib

_organizations[address] := r.values if {
	some address, r in lib.prior_resources
	r.mode == "data"
	r.type == "flashback_organization"
}

deny contains msg if {
	count(_organizations) == 0
	msg := `The plan holds no flashback_organization data source, so it cannot say whether the organization requires MFA. Add one: data "flashback_organization" "current" {}.`
}

# mfa_enforced is null when the API leaves it out: only true passes.
deny contains msg if {
	some org in _organizations
	org.mfa_enforced != true
	msg := sprintf("The Flashback organization %s must require MFA of its members when they sign in, but %s. An ADMINISTRATOR or OWNER of the organization can turn on MFA enforcement in its settings in Flashback.", [_name(org), _why(org)])
}

_name(org) := org.name if {
	is_string(org.name)
} else := org.id

_why(org) := "the API did not say whether it does" if {
	org.mfa_enforced == null
} else := "it does not"
