# Policy: every active user with the ADMINISTRATOR role or higher is managed
# by this configuration: declared as a flashback_organization_user. The
# plan knows both sides: the users a flashback_organization_users data
# source read while planning, and every flashback_organization_user the
# configuration declares, in resource_changes (unchanged ones too, as
# no-op), in any module and through for_each.
package flashback.policies.no_unmanaged_members

import data.flashback.lib

deny contains msg if {
	not _read
	msg := lib.missing_read("every active user with the ADMINISTRATOR role or higher", `data "flashback_organization_users" "admins" { min_role = "ADMINISTRATOR" }`)
}

_read if {
	some v in lib.users_reads
	lib.reads_at_least(v, lib.role_codes.ADMINISTRATOR)
}

# The flashback_organization_user resources of the plan, but those that
# Terraform is about to forget (a removed block): their users stay in the
# organization, unmanaged. A resource being destroyed still counts: its user
# is deleted by this run.
_members contains rc if {
	some rc in lib.plan.resource_changes
	rc.mode == "managed"
	rc.type == "flashback_organization_user"
	not "forget" in rc.change.actions
}

# The email each one manages, as compared: the planned one, or the one in
# state for a resource being destroyed.
managed contains lib.ascii_lower(rc.change.after.email) if {
	some rc in _members
	is_string(rc.change.after.email)
}

managed contains lib.ascii_lower(rc.change.before.email) if {
	some rc in _members
	rc.change.after == null
	is_string(rc.change.before.email)
}

# An email known only after apply (computed from another resource) cannot
# be compared: the policy fails rather than guess.
deny contains msg if {
	some rc in _members
	object.get(rc.change, ["after_unknown", "email"], false) == true
	msg := sprintf("The email of %s is known only after apply, so the plan cannot show whom it manages: give it an email known while planning.", [rc.address])
}

deny contains msg if {
	some u in lib.active_users_at_least(lib.role_codes.ADMINISTRATOR)
	not lib.email_key(u) in managed
	msg := sprintf("%s holds %s but is not managed by this configuration: declare them as a flashback_organization_user (import the user by email), or lower their role in Flashback.", [lib.email_label(u), lib.role_label(u)])
}

deny contains msg if {
	some u in lib.active_users_without_role
	msg := sprintf("The API did not say the role of %s, so the policy cannot tell whether they must be managed here.", [lib.email_label(u)])
}
