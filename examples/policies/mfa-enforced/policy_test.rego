package flashback.policies.mfa_enforced_test

import data.flashback.fixtures
import data.flashback.policies.mfa_enforced

test_keeps if {
	count(mfa_enforced.deny) == 0 with input as fixtures.plan([fixtures.organization(true)], [], {})
}

test_breaks if {
	mfa_enforced.deny == {"The Flashback organization Example Org must require MFA of its members when they sign in, but it does not. An ADMINISTRATOR or OWNER of the organization can turn on MFA enforcement in its settings in Flashback."} with input as fixtures.plan([fixtures.organization(false)], [], {})
}

# A null (the API did not say) fails too.
test_breaks_when_the_api_does_not_say if {
	mfa_enforced.deny == {"The Flashback organization Example Org must require MFA of its members when they sign in, but the API did not say whether it does. An ADMINISTRATOR or OWNER of the organization can turn on MFA enforcement in its settings in Flashback."} with input as fixtures.plan([fixtures.organization(null)], [], {})
}

test_breaks_without_the_data_source if {
	count(mfa_enforced.deny) == 1 with input as fixtures.plan([], [], {})
}
