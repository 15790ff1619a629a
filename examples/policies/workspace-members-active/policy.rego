# Policy: every member of a workspace is an active user of the organization.
# The Rego version of policy.tf, over the plan's JSON: it joins a
# flashback_workspaces data source with a flashback_organization_users one
# read with include_deleted = true and no filter, as policy.tf's are. Like
# policy.tf, it sees only the workspaces the token's user is a member of.
package flashback.policies.workspace_members_active

import data.flashback.lib

# The users reads that hold every user, deleted ones included.
_everyone contains v if {
	some v in lib.users_reads
	v.include_deleted == true
	lib.reads_at_least(v, lib.role_codes.USER)
}

user_ids := {u.id | some v in _everyone; some u in v.users; is_string(u.id)}

active_ids := {u.id | some v in _everyone; some u in v.users; is_string(u.id); u.deleted_at == null}

deny contains lib.missing_workspaces_read if {
	count(lib.workspaces_reads) == 0
}

deny contains msg if {
	count(_everyone) == 0
	msg := lib.missing_read("every user, deleted ones included", `data "flashback_organization_users" "everyone" { include_deleted = true }`)
}

deny contains msg if {
	count(_everyone) > 0
	some wm in lib.workspace_members
	not active_ids[wm.member.user_id]
	msg := sprintf("%s, a member of the workspace %s, is %s: remove them from the workspace in Flashback.", [lib.member_label(wm.member), wm.workspace, _why(wm.member)])
}

_why(m) := "a deleted user of the organization" if {
	user_ids[m.user_id]
} else := "not a user of the organization"
