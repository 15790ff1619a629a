# Policy: no active user has an email outside the company's domains. The
# Rego version of policy.tf, over the plan's JSON: it needs a
# flashback_organization_users data source that reads every active user,
# such as policy.tf's.
package flashback.policies.company_domains

import data.flashback.lib

# The company's domains: the configuration's variable company_domains
# (policy.tf declares it), or these when it has none. Case does not matter;
# list each subdomain on its own.
default_domains := ["example.com"]

domains := {lib.ascii_lower(d) | some d in lib.variable("company_domains", default_domains)}

deny contains msg if {
	not _read
	msg := lib.missing_read("every active user", `data "flashback_organization_users" "active" {}`)
}

_read if {
	some v in lib.users_reads
	lib.reads_at_least(v, lib.role_codes.USER)
}

# The domain is what follows the last @; a missing or malformed email has
# none, so it fails the policy.
deny contains msg if {
	some u in lib.active_users_at_least(lib.role_codes.USER)
	not _domain(u) in domains
	msg := sprintf("%s is outside the company's domains (%s): remove the user from the organization, or add the domain to the list.", [lib.email_label(u), concat(", ", sort(domains))])
}

_domain(u) := lib.ascii_lower(m[1]) if {
	m := regex.find_all_string_submatch_n(`@([^@]+)$`, u.email, 1)[0]
} else := ""
