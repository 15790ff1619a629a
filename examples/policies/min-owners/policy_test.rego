package flashback.policies.min_owners_test

import data.flashback.fixtures
import data.flashback.policies.min_owners

# The data source of policy.tf: roles = ["OWNER"].
_plan(users, variables) := fixtures.plan([fixtures.users_read("owners", {"roles": ["OWNER"]}, [u | some u in users; u.org_role == 255; u.deleted_at == null])], [], variables)

test_keeps if {
	count(min_owners.deny) == 0 with input as _plan(fixtures.org, {})
}

# Grace steps down; the deleted OWNER does not count.
test_breaks if {
	users := [u | some u in fixtures.org; u.email != "Grace@Example.com"]
	min_owners.deny == {"The organization needs at least 2 active OWNERs, so that nobody is locked out, but has 1: ada@example.com. Give the OWNER role to another trusted person in Flashback."} with input as _plan(users, {})
}

# A code above OWNER that has no name does not make up the count.
test_breaks_with_a_code_without_a_name if {
	users := array.concat([u | some u in fixtures.org; u.email != "Grace@Example.com"], [fixtures.user("grace@example.com", 300, true)])
	plan := fixtures.plan([fixtures.users_read("all", {}, users)], [], {})
	count(min_owners.deny) == 1 with input as plan
}

# Two data sources that both read an OWNER count them once.
test_counts_users_not_records if {
	users := [u | some u in fixtures.org; u.email != "Grace@Example.com"]
	plan := fixtures.plan([fixtures.users_read("owners", {"roles": ["OWNER"]}, [users[0]]), fixtures.users_read("all", {}, users)], [], {})
	count(min_owners.deny) == 1 with input as plan
}

test_reads_the_variable if {
	users := [u | some u in fixtures.org; u.email != "Grace@Example.com"]
	count(min_owners.deny) == 0 with input as _plan(users, {"min_owners": {"value": 1}})
	count(min_owners.deny) == 1 with input as _plan(fixtures.org, {"min_owners": {"value": 3}})
}

test_breaks_without_a_whole_read if {
	every args in [{"roles": ["ADMINISTRATOR"]}, {"validated": true}, {"allow_incomplete": true}] {
		denied := min_owners.deny with input as fixtures.plan([fixtures.users_read("owners", args, fixtures.org)], [], {})
		denied == {`The plan holds no flashback_organization_users data source that reads every active OWNER: without validated, without allow_incomplete = true, and without a filter that leaves any of them out. Add one, such as data "flashback_organization_users" "owners" { roles = ["OWNER"] }.`}
	}
}
