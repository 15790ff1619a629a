# Small plans for the policies' tests: the shape of `terraform show -json`,
# with only the parts the policies read.
package flashback.fixtures

# user is one user as the flashback_organization_users data source holds it.
user(email, code, validated) := {
	"id": email,
	"email": email,
	"name": "Test",
	"last_name": "Test",
	"org_id": "org-1",
	"org_role": code,
	"org_role_name": object.get({0: "USER", 1: "BILLING", 2: "WORKSPACES", 254: "ADMINISTRATOR", 255: "OWNER"}, code, "UNKNOWN"),
	"org_role_description": "",
	"org_roles": [0],
	"validated": validated,
	"deleted_at": null,
}

deleted(u) := object.union(u, {"deleted_at": "2026-03-14T09:26:53.000Z"})

# org is an organization that keeps every policy with its defaults: Grace's
# email is in mixed case, Edsger is not validated but only a USER, and
# Mallory is a deleted OWNER at another domain.
org := [
	user("ada@example.com", 255, true),
	user("Grace@Example.com", 255, true),
	user("alan@example.com", 254, true),
	user("katherine@example.com", 2, true),
	user("edsger@example.com", 0, false),
	deleted(user("mallory@evil.example.net", 255, false)),
]

# users_read is a flashback_organization_users data source read while
# planning, with the arguments args, holding the users of org it keeps.
users_read(name, args, users) := {
	"address": concat(".", ["data.flashback_organization_users", name]),
	"mode": "data",
	"type": "flashback_organization_users",
	"name": name,
	"values": object.union(
		{"roles": null, "min_role": null, "validated": null, "include_deleted": null, "allow_incomplete": null, "org_id": "org-1", "total": count(org)},
		object.union(args, {"users": users}),
	),
}

# admins keeps the users of code 254 and higher.
admins(users) := [u | some u in users; u.org_role >= 254]

# organization is the flashback_organization data source.
organization(mfa) := {
	"address": "data.flashback_organization.current",
	"mode": "data",
	"type": "flashback_organization",
	"name": "current",
	"values": {"id": "org-1", "name": "Example Org", "mfa_enforced": mfa, "deleted_at": null},
}

# member is a planned flashback_organization_user.
member(key, actions, email) := {
	"address": sprintf("flashback_organization_user.members[%q]", [key]),
	"mode": "managed",
	"type": "flashback_organization_user",
	"name": "members",
	"index": key,
	"change": {"actions": actions, "before": null, "after": {"email": email, "role": "OWNER"}, "after_unknown": {"id": true}},
}

# plan is the JSON of a saved plan with these data sources read, these
# resource changes and these variables.
plan(reads, changes, variables) := {
	"format_version": "1.2",
	"terraform_version": "1.16.4",
	"variables": variables,
	"prior_state": {"format_version": "1.0", "values": {"root_module": {"resources": reads}}},
	"resource_changes": changes,
}
