package flashback.policies.workspace_members_active_test

import data.flashback.fixtures
import data.flashback.policies.workspace_members_active

# The data sources of policy.tf: every user, deleted ones included, and the
# workspaces. The fixtures' users have their email as id.
_plan(users, workspaces) := fixtures.plan(
	[
		fixtures.users_read("everyone", {"include_deleted": true}, users),
		fixtures.workspaces_read("all", workspaces),
	],
	[], {},
)

test_keeps if {
	count(workspace_members_active.deny) == 0 with input as _plan(fixtures.org, fixtures.workspaces)
}

# Mallory is a deleted user, and u-9 no user of the organization at all.
test_breaks if {
	workspaces := array.concat(fixtures.workspaces, [fixtures.workspace("Ops", [
		fixtures.workspace_member("mallory@evil.example.net", "mallory@evil.example.net", "READ"),
		fixtures.workspace_member("u-9", null, "WRITE"),
	])])
	workspace_members_active.deny == {
		"mallory@evil.example.net, a member of the workspace Ops, is a deleted user of the organization: remove them from the workspace in Flashback.",
		"user u-9, a member of the workspace Ops, is not a user of the organization: remove them from the workspace in Flashback.",
	} with input as _plan(fixtures.org, workspaces)
}

# A users read that leaves deleted users out, or any other, cannot tell a
# deleted user from a stranger: the policy says what read it needs.
test_breaks_without_a_whole_read if {
	every args in [{}, {"include_deleted": true, "validated": true}, {"include_deleted": true, "roles": ["USER"]}, {"include_deleted": true, "allow_incomplete": true}] {
		plan := fixtures.plan([fixtures.users_read("everyone", args, fixtures.org), fixtures.workspaces_read("all", fixtures.workspaces)], [], {})
		denied := workspace_members_active.deny with input as plan
		count(denied) == 1
		some msg in denied
		startswith(msg, "The plan holds no flashback_organization_users data source that reads every user, deleted ones included")
	}
}

test_breaks_on_a_plan_without_the_workspaces if {
	plan := fixtures.plan([fixtures.users_read("everyone", {"include_deleted": true}, fixtures.org)], [], {})
	workspace_members_active.deny == {data.flashback.lib.missing_workspaces_read} with input as plan
}
