# Workspaces for the policies' tests, as flashback_workspaces holds them.
package flashback.fixtures

# workspace_member is one member: email null for a user the API sent none for.
workspace_member(id, email, role) := {
	"user_id": id,
	"email": email,
	"name": "Test",
	"last_name": "Test",
	"org_role": 0,
	"org_role_name": "USER",
	"role": role,
}

workspace(name, members) := {"id": concat("-", ["ws", name]), "name": name, "org_id": "org-1", "members": members}

# workspaces_read is a flashback_workspaces data source read while planning.
workspaces_read(name, workspaces) := {
	"address": concat(".", ["data.flashback_workspaces", name]),
	"mode": "data",
	"type": "flashback_workspaces",
	"name": name,
	"values": {"workspaces": workspaces},
}

# workspaces keeps every workspace policy with its defaults: ADMINs ada and
# Grace (her email in mixed case), members who are active users of org.
workspaces := [
	workspace("Data", [
		workspace_member("ada@example.com", "ada@example.com", "ADMIN"),
		workspace_member("Grace@Example.com", "Grace@Example.com", "ADMIN"),
		workspace_member("katherine@example.com", "katherine@example.com", "WRITE"),
	]),
	workspace("Platform", [
		workspace_member("ada@example.com", "ada@example.com", "ADMIN"),
		workspace_member("alan@example.com", "alan@example.com", "WRITE"),
		workspace_member("edsger@example.com", "edsger@example.com", "READ"),
	]),
]
