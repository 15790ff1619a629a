package flashback.policies.workspace_admin_allow_list_test

import data.flashback.fixtures
import data.flashback.policies.workspace_admin_allow_list

_plan(workspaces, variables) := fixtures.plan([fixtures.workspaces_read("all", workspaces)], [], variables)

_off(label, workspace) := sprintf("%s is ADMIN of the workspace %s but not on the allow-list: give them WRITE or READ there in Flashback, or change the allow-list.", [label, workspace])

test_keeps if {
	count(workspace_admin_allow_list.deny) == 0 with input as _plan(fixtures.workspaces, {})
}

# Alan becomes ADMIN of Platform; a member without an email is ADMIN of Ops.
test_breaks if {
	workspaces := [
		fixtures.workspaces[0],
		fixtures.workspace("Platform", [
			fixtures.workspace_member("ada@example.com", "ada@example.com", "ADMIN"),
			fixtures.workspace_member("alan@example.com", "alan@example.com", "ADMIN"),
		]),
		fixtures.workspace("Ops", [fixtures.workspace_member("u-9", null, "ADMIN")]),
	]
	workspace_admin_allow_list.deny == {_off("alan@example.com", "Platform"), _off("user u-9", "Ops")} with input as _plan(workspaces, {})
}

# WRITE and READ members need not be on the list.
test_only_admins_count if {
	workspaces := [fixtures.workspace("Ops", [fixtures.workspace_member("eve@example.com", "eve@example.com", "WRITE")])]
	count(workspace_admin_allow_list.deny) == 0 with input as _plan(workspaces, {})
}

# The plan's variable is the list; case does not matter in its emails.
test_reads_the_variable if {
	list := {"value": ["ADA@example.com"]}
	workspace_admin_allow_list.deny == {_off("Grace@Example.com", "Data")} with input as _plan(fixtures.workspaces, {"workspace_admins": list})
}

test_breaks_on_a_plan_without_the_read if {
	workspace_admin_allow_list.deny == {data.flashback.lib.missing_workspaces_read} with input as fixtures.plan([], [], {})
}
