package flashback.policies.validated_admins_test

import data.flashback.fixtures
import data.flashback.policies.validated_admins

# The data source of policy.tf: min_role = "ADMINISTRATOR".
_plan(users) := fixtures.plan([fixtures.users_read("admins", {"min_role": "ADMINISTRATOR"}, fixtures.admins(users))], [], {})

_unvalidated(email, role) := sprintf("%s holds %s but has not validated their email yet: ask them to validate it in Flashback.", [email, role])

test_keeps if {
	count(validated_admins.deny) == 0 with input as _plan(fixtures.org)
}

# Alan is not validated, and the API left Grace's flag out.
test_breaks if {
	users := [
		fixtures.user("ada@example.com", 255, true),
		fixtures.user("Grace@Example.com", 255, null),
		fixtures.user("alan@example.com", 254, false),
	]
	validated_admins.deny == {_unvalidated("Grace@Example.com", "OWNER"), _unvalidated("alan@example.com", "ADMINISTRATOR")} with input as _plan(users)
}

# A code above OWNER that has no name is checked too.
test_breaks_with_a_code_without_a_name if {
	users := array.concat(fixtures.org, [fixtures.user("root@example.com", 300, false)])
	validated_admins.deny == {_unvalidated("root@example.com", "role code 300")} with input as _plan(users)
}

# The old example's roles = ["OWNER", "ADMINISTRATOR"] leaves such codes
# out, so the policy does not trust it.
test_breaks_on_a_roles_filter if {
	plan := fixtures.plan([fixtures.users_read("admins", {"roles": ["OWNER", "ADMINISTRATOR"]}, fixtures.admins(fixtures.org))], [], {})
	count(validated_admins.deny) == 1 with input as plan
}

test_breaks_on_a_missing_role if {
	users := array.concat(fixtures.org, [object.union(fixtures.user("who@example.com", 0, true), {"org_role": null})])
	plan := fixtures.plan([fixtures.users_read("all", {}, users)], [], {})
	validated_admins.deny == {"The API did not say the role of who@example.com, so the policy cannot tell whether they need a validated email."} with input as plan
}
