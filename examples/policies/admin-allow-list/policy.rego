# Policy: only the people on an allow-list hold the ADMINISTRATOR or OWNER
# role, each no higher than the list allows them. The Rego version of
# policy.tf, over the plan's JSON: it needs a flashback_organization_users
# data source that reads every active ADMINISTRATOR and OWNER, such as
# policy.tf's.
package flashback.policies.admin_allow_list

import data.flashback.lib

# The allow-list: the configuration's variable admin_allow_list (policy.tf
# declares it), or this list when the configuration has no such variable.
# Each email (case does not matter) with the highest role that person may
# hold.
default_allow_list := {
	"ada@example.com": "OWNER",
	"grace@example.com": "OWNER",
	"alan@example.com": "ADMINISTRATOR",
}

allow_list := lib.variable("admin_allow_list", default_allow_list)

# The highest role code each person may hold, by email as compared (the
# highest, where the list names one person twice in different cases).
max_code[key] := max({code |
	some email, role in allow_list
	lib.ascii_lower(email) == key
	code := lib.role_codes[role]
}) if {
	some email, _ in allow_list
	key := lib.ascii_lower(email)
}

deny contains msg if {
	some email, role in allow_list
	not lib.role_codes[role]
	msg := sprintf("The allow-list gives %s the role %q, which is not a Flashback role name: use USER, BILLING, WORKSPACES, ADMINISTRATOR or OWNER.", [email, role])
}

deny contains msg if {
	not _read
	msg := lib.missing_read("every active user with the ADMINISTRATOR role or higher", `data "flashback_organization_users" "admins" { min_role = "ADMINISTRATOR" }`)
}

_read if {
	some v in lib.users_reads
	lib.reads_at_least(v, lib.role_codes.ADMINISTRATOR)
}

# Someone off the list may hold no more than USER.
deny contains msg if {
	some u in lib.active_users_at_least(lib.role_codes.ADMINISTRATOR)
	allowed := object.get(max_code, lib.email_key(u), lib.role_codes.USER)
	u.org_role > allowed
	msg := sprintf("%s holds %s, above what the allow-list gives them (%s): lower their role in Flashback, or change the allow-list.", [lib.email_label(u), lib.role_label(u), _allowed_label(u)])
}

deny contains msg if {
	some u in lib.active_users_without_role
	msg := sprintf("The API did not say the role of %s, so the allow-list cannot be checked for them.", [lib.email_label(u)])
}

_allowed_label(u) := sprintf("up to %s", [lib.role_names[max_code[lib.email_key(u)]]]) if {
	max_code[lib.email_key(u)]
} else := "not on the list"
