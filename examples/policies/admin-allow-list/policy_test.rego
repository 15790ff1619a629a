package flashback.policies.admin_allow_list_test

import data.flashback.fixtures
import data.flashback.policies.admin_allow_list

# The data source of policy.tf: min_role = "ADMINISTRATOR".
_plan(users, variables) := fixtures.plan([fixtures.users_read("admins", {"min_role": "ADMINISTRATOR"}, fixtures.admins(users))], [], variables)

test_keeps if {
	count(admin_allow_list.deny) == 0 with input as _plan(fixtures.org, {})
}

test_breaks_off_the_list if {
	users := array.concat(fixtures.org, [fixtures.user("eve@example.com", 254, true)])
	admin_allow_list.deny == {"eve@example.com holds ADMINISTRATOR, above what the allow-list gives them (not on the list): lower their role in Flashback, or change the allow-list."} with input as _plan(users, {})
}

test_breaks_above_the_role_allowed if {
	users := [u | some u in fixtures.org; u.email != "alan@example.com"]
	alan := fixtures.user("alan@example.com", 255, true)
	admin_allow_list.deny == {"alan@example.com holds OWNER, above what the allow-list gives them (up to ADMINISTRATOR): lower their role in Flashback, or change the allow-list."} with input as _plan(array.concat(users, [alan]), {})
}

# A code above OWNER that has no name is above anything the list allows.
test_breaks_with_a_code_without_a_name if {
	users := array.concat(fixtures.org, [fixtures.user("ada@example.com", 300, true)])
	admin_allow_list.deny == {"ada@example.com holds role code 300, above what the allow-list gives them (up to OWNER): lower their role in Flashback, or change the allow-list."} with input as _plan(users, {})
}

# The plan's variable is the list; case does not matter in its emails.
test_reads_the_variable if {
	users := array.concat(fixtures.org, [fixtures.user("eve@example.com", 254, true)])
	list := {"value": {"ADA@example.com": "OWNER", "grace@EXAMPLE.com": "OWNER", "alan@example.com": "ADMINISTRATOR", "Eve@example.com": "ADMINISTRATOR"}}
	count(admin_allow_list.deny) == 0 with input as _plan(users, {"admin_allow_list": list})
}

# Only ASCII letters ignore case: a dotted capital I (U+0130) is not an i,
# though lower() would make it one.
test_breaks_on_a_dotted_capital_i if {
	users := array.concat(fixtures.org, [fixtures.user("\u0130nes@example.com", 254, true)])
	list := {"value": {"ada@example.com": "OWNER", "grace@example.com": "OWNER", "alan@example.com": "ADMINISTRATOR", "ines@example.com": "ADMINISTRATOR"}}
	count(admin_allow_list.deny) == 1 with input as _plan(users, {"admin_allow_list": list})
}

test_breaks_on_a_role_name_that_is_not_one if {
	list := {"value": {"ada@example.com": "OWNER", "grace@example.com": "OWNER", "alan@example.com": "Administrator"}}
	admin_allow_list.deny == {
		`The allow-list gives alan@example.com the role "Administrator", which is not a Flashback role name: use USER, BILLING, WORKSPACES, ADMINISTRATOR or OWNER.`,
		"alan@example.com holds ADMINISTRATOR, above what the allow-list gives them (not on the list): lower their role in Flashback, or change the allow-list.",
	} with input as _plan(fixtures.org, {"admin_allow_list": list})
}

# A read that may leave an administrator out vouches for nobody.
test_breaks_without_a_whole_read if {
	every args in [{"roles": ["ADMINISTRATOR", "OWNER"]}, {"min_role": "OWNER"}, {"validated": true}, {"allow_incomplete": true}] {
		plan := fixtures.plan([fixtures.users_read("admins", args, fixtures.admins(fixtures.org))], [], {})
		denied := admin_allow_list.deny with input as plan
		some msg in denied
		startswith(msg, "The plan holds no flashback_organization_users data source that reads every active user with the ADMINISTRATOR role or higher")
	}
}

test_breaks_on_an_empty_plan if {
	count(admin_allow_list.deny) == 1 with input as fixtures.plan([], [], {})
}

# HCP Terraform's input.plan, Spacelift's input.terraform and Scalr's
# input.tfplan hold the same plan.
test_reads_the_plan_in_each_engine_input if {
	users := array.concat(fixtures.org, [fixtures.user("eve@example.com", 254, true)])
	every key in ["plan", "terraform", "tfplan"] {
		count(admin_allow_list.deny) == 1 with input as {key: _plan(users, {}), "run": {}}
		count(admin_allow_list.deny) == 0 with input as {key: _plan(fixtures.org, {}), "run": {}}
	}
}
