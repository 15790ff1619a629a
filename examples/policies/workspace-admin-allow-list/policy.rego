# Policy: only the people on an allow-list are ADMIN of a workspace. The
# Rego version of policy.tf, over the plan's JSON: it needs a
# flashback_workspaces data source, such as policy.tf's. Like policy.tf, it
# sees only the workspaces the token's user is a member of.
package flashback.policies.workspace_admin_allow_list

import data.flashback.lib

# The allow-list: the configuration's variable workspace_admins (policy.tf
# declares it), or this list when the configuration has no such variable.
default_admins := ["ada@example.com", "grace@example.com"]

admins := {lib.ascii_lower(email) | some email in lib.variable("workspace_admins", default_admins)}

deny contains lib.missing_workspaces_read if {
	count(lib.workspaces_reads) == 0
}

# A member without an email is on no list.
deny contains msg if {
	some wm in lib.workspace_members
	wm.member.role == "ADMIN"
	not _allowed(wm.member)
	msg := sprintf("%s is ADMIN of the workspace %s but not on the allow-list: give them WRITE or READ there in Flashback, or change the allow-list.", [lib.member_label(wm.member), wm.workspace])
}

_allowed(m) if {
	is_string(m.email)
	admins[lib.ascii_lower(m.email)]
}
