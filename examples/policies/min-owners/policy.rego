# Policy: the organization has at least two OWNERs, so that nobody is locked
# out when one of them leaves or loses access. The Rego version of
# policy.tf, over the plan's JSON: it needs a flashback_organization_users
# data source that reads every active OWNER, such as policy.tf's.
package flashback.policies.min_owners

import data.flashback.lib

# The fewest active OWNERs: the configuration's variable min_owners
# (policy.tf declares it), or 2 when it has none.
min_owners := lib.variable("min_owners", 2)

deny contains msg if {
	not _read
	msg := lib.missing_read("every active OWNER", `data "flashback_organization_users" "owners" { roles = ["OWNER"] }`)
}

_read if {
	some v in lib.users_reads
	lib.reads_role(v, "OWNER")
}

# Users are counted by id, so that two data sources that both read an OWNER
# count them once. Only the OWNER code counts: a code above it that has no
# name is not taken for an OWNER.
owners := {u.id: lib.email_label(u) | some u in lib.active_users_with_role("OWNER")}

deny contains msg if {
	_read
	count(owners) < min_owners
	msg := sprintf("The organization needs at least %d active OWNERs, so that nobody is locked out, but has %d: %s. Give the OWNER role to another trusted person in Flashback.", [min_owners, count(owners), _list(owners)])
}

_list(owners) := "none" if {
	count(owners) == 0
} else := concat(", ", sort([e | some e in owners]))
