package flashback.policies.company_domains_test

import data.flashback.fixtures
import data.flashback.policies.company_domains

# The data source of policy.tf: every active user.
_plan(users, variables) := fixtures.plan([fixtures.users_read("active", {}, [u | some u in users; u.deleted_at == null])], [], variables)

_outside(email) := sprintf("%s is outside the company's domains (example.com): remove the user from the organization, or add the domain to the list.", [email])

test_keeps if {
	count(company_domains.deny) == 0 with input as _plan(fixtures.org, {})
}

# A domain that merely starts with the company's does not pass, nor a
# subdomain, nor a missing email.
test_breaks if {
	users := array.concat(fixtures.org, [
		fixtures.user("claude@contractor.example.net", 1, true),
		fixtures.user("frank@example.com.evil.net", 0, true),
		fixtures.user("sub@eu.example.com", 0, true),
		object.union(fixtures.user("ghost@example.com", 0, true), {"email": null}),
	])
	company_domains.deny == {
		_outside("claude@contractor.example.net"),
		_outside("frank@example.com.evil.net"),
		_outside("sub@eu.example.com"),
		_outside("(no email)"),
	} with input as _plan(users, {})
}

# Deleted users are left out, even when the data source holds them.
test_leaves_deleted_users_out if {
	plan := fixtures.plan([fixtures.users_read("all", {"include_deleted": true}, fixtures.org)], [], {})
	count(company_domains.deny) == 0 with input as plan
}

test_reads_the_variable if {
	users := array.concat(fixtures.org, [fixtures.user("claude@contractor.example.net", 1, true)])
	count(company_domains.deny) == 0 with input as _plan(users, {"company_domains": {"value": ["example.com", "Contractor.Example.NET"]}})
}

# Only ASCII letters ignore case: a dotted capital I (U+0130) is not an i,
# though lower() would make it one.
test_breaks_on_a_dotted_capital_i if {
	users := [fixtures.user("ann@\u0130ntel.com", 0, true)]
	count(company_domains.deny) == 1 with input as _plan(users, {"company_domains": {"value": ["intel.com"]}})
}

test_breaks_without_a_whole_read if {
	every args in [{"min_role": "BILLING"}, {"roles": ["USER"]}, {"validated": true}, {"allow_incomplete": true}] {
		denied := company_domains.deny with input as fixtures.plan([fixtures.users_read("some", args, fixtures.org)], [], {})
		some msg in denied
		startswith(msg, "The plan holds no flashback_organization_users data source that reads every active user:")
	}
}
