# Policy: every OWNER and ADMINISTRATOR has a validated email. The Rego
# version of policy.tf, over the plan's JSON: it needs a
# flashback_organization_users data source that reads every active user
# with the ADMINISTRATOR role or higher, such as policy.tf's.
package flashback.policies.validated_admins

import data.flashback.lib

deny contains msg if {
	not _read
	msg := lib.missing_read("every active user with the ADMINISTRATOR role or higher", `data "flashback_organization_users" "admins" { min_role = "ADMINISTRATOR" }`)
}

_read if {
	some v in lib.users_reads
	lib.reads_at_least(v, lib.role_codes.ADMINISTRATOR)
}

# validated may be null when the API leaves it out: only true passes.
deny contains msg if {
	some u in lib.active_users_at_least(lib.role_codes.ADMINISTRATOR)
	u.validated != true
	msg := sprintf("%s holds %s but has not validated their email yet: ask them to validate it in Flashback.", [lib.email_label(u), lib.role_label(u)])
}

deny contains msg if {
	some u in lib.active_users_without_role
	msg := sprintf("The API did not say the role of %s, so the policy cannot tell whether they need a validated email.", [lib.email_label(u)])
}
