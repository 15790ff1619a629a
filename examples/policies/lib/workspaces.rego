# What the workspace policies share: the flashback_workspaces data sources
# read while planning, and how a member is named in a message. Like the
# data source, they see only the workspaces the token's user is a member
# of: a workspace that user is not in is in no plan.
package flashback.lib

# The flashback_workspaces data sources read while planning.
workspaces_reads[address] := r.values if {
	some address, r in prior_resources
	r.mode == "data"
	r.type == "flashback_workspaces"
}

# Every member of every workspace read, with the workspace: {workspace,
# member}. A member two reads hold is here twice; a set keeps it once.
workspace_members contains {"workspace": w.name, "member": m} if {
	some v in workspaces_reads
	some w in v.workspaces
	some m in w.members
}

# member_label(m) names a workspace member for a message: its email, or its
# user id when the API gave no email.
member_label(m) := m.email if {
	is_string(m.email)
} else := sprintf("user %s", [m.user_id])

# The message of a workspace policy that finds no read.
missing_workspaces_read := `The plan holds no flashback_workspaces data source, so no workspace can be checked. Add one, such as data "flashback_workspaces" "all" {}.`
