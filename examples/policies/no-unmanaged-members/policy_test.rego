package flashback.policies.no_unmanaged_members_test

import data.flashback.fixtures
import data.flashback.policies.no_unmanaged_members

# The data source of policy.tf, min_role = "ADMINISTRATOR", and the
# members planned.
_plan(users, changes) := fixtures.plan([fixtures.users_read("admins", {"min_role": "ADMINISTRATOR"}, fixtures.admins(users))], changes, {})

# Every administrator of the organization, each as declared: Grace's email
# in another case.
_managed := [
	fixtures.member("ada", ["no-op"], "ada@example.com"),
	fixtures.member("grace", ["update"], "grace@example.com"),
	fixtures.member("alan", ["create"], "alan@example.com"),
]

_unmanaged(email, role) := sprintf("%s holds %s but is not managed by this configuration: declare them as a flashback_organization_user (import the user by email), or lower their role in Flashback.", [email, role])

test_keeps if {
	count(no_unmanaged_members.deny) == 0 with input as _plan(fixtures.org, _managed)
}

test_breaks if {
	users := array.concat(fixtures.org, [fixtures.user("eve@example.com", 254, true), fixtures.user("root@example.com", 300, true)])
	no_unmanaged_members.deny == {_unmanaged("eve@example.com", "ADMINISTRATOR"), _unmanaged("root@example.com", "role code 300")} with input as _plan(users, _managed)
}

# A member that Terraform forgets (a removed block) stays in the
# organization, unmanaged; one being destroyed is deleted by this run.
test_forgotten_and_destroyed_members if {
	forget := fixtures.member("alan", ["forget"], "alan@example.com")
	destroy := object.union(fixtures.member("alan", ["delete"], "alan@example.com"), {"change": {"after": null, "before": {"email": "alan@example.com"}}})
	no_unmanaged_members.deny == {_unmanaged("alan@example.com", "ADMINISTRATOR")} with input as _plan(fixtures.org, array.concat(array.slice(_managed, 0, 2), [forget]))
	count(no_unmanaged_members.deny) == 0 with input as _plan(fixtures.org, array.concat(array.slice(_managed, 0, 2), [destroy]))
}

# Only ASCII letters ignore case: the account with a dotted capital I
# (U+0130) is not ines's, though lower() would make it so.
test_breaks_on_a_dotted_capital_i if {
	users := array.concat(fixtures.org, [fixtures.user("\u0130nes@example.com", 254, true)])
	ines := fixtures.member("ines", ["create"], "ines@example.com")
	no_unmanaged_members.deny == {_unmanaged("\u0130nes@example.com", "ADMINISTRATOR")} with input as _plan(users, array.concat(_managed, [ines]))
}

test_breaks_on_an_email_known_after_apply if {
	unknown := object.union(fixtures.member("alan", ["create"], null), {"change": {"after_unknown": {"email": true}}})
	no_unmanaged_members.deny == {
		`The email of flashback_organization_user.members["alan"] is known only after apply, so the plan cannot show whom it manages: give it an email known while planning.`,
		_unmanaged("alan@example.com", "ADMINISTRATOR"),
	} with input as _plan(fixtures.org, array.concat(array.slice(_managed, 0, 2), [unknown]))
}

# Resources of a module count: resource_changes lists them all.
test_reads_members_in_modules if {
	in_module := object.union(fixtures.member("alan", ["no-op"], "alan@example.com"), {"address": `module.team.flashback_organization_user.members["alan"]`, "module_address": "module.team"})
	count(no_unmanaged_members.deny) == 0 with input as _plan(fixtures.org, array.concat(array.slice(_managed, 0, 2), [in_module]))
}

test_breaks_without_a_whole_read if {
	plan := fixtures.plan([fixtures.users_read("admins", {"roles": ["ADMINISTRATOR", "OWNER"]}, fixtures.admins(fixtures.org))], _managed, {})
	count(no_unmanaged_members.deny) == 1 with input as plan
}
