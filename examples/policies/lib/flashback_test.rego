package flashback.lib_test

import data.flashback.fixtures
import data.flashback.lib

# Data sources are found in the root module and two levels of modules.
test_reads_data_sources_in_modules if {
	read := fixtures.users_read("admins", {}, fixtures.org)
	child := object.union(read, {"address": "module.a.data.flashback_organization_users.admins"})
	grandchild := object.union(read, {"address": "module.a.module.b.data.flashback_organization_users.admins"})
	plan := {"prior_state": {"values": {"root_module": {
		"resources": [read],
		"child_modules": [{"resources": [child], "child_modules": [{"resources": [grandchild]}]}],
	}}}}
	object.keys(lib.users_reads) == {read.address, child.address, grandchild.address} with input as plan
}

# Only data sources of the type count; a managed resource of another type
# with users does not.
test_reads_only_the_data_source if {
	other := object.union(fixtures.users_read("admins", {}, fixtures.org), {"mode": "managed"})
	count(lib.users_reads) == 0 with input as fixtures.plan([other], [], {})
}

test_reads_at_least if {
	lib.reads_at_least({"min_role": "ADMINISTRATOR"}, 254)
	lib.reads_at_least({"min_role": null, "include_deleted": true}, 0)
	not lib.reads_at_least({"min_role": "OWNER"}, 254)
	not lib.reads_at_least({"roles": ["OWNER", "ADMINISTRATOR"]}, 254)
	not lib.reads_at_least({"validated": false}, 254)
	not lib.reads_at_least({"allow_incomplete": true}, 254)
}

test_reads_role if {
	lib.reads_role({"roles": ["OWNER"]}, "OWNER")
	lib.reads_role({"min_role": "OWNER"}, "OWNER")
	not lib.reads_role({"roles": ["ADMINISTRATOR"]}, "OWNER")
	not lib.reads_role({"roles": ["OWNER"], "validated": true}, "OWNER")
}

test_ascii_lower if {
	lib.ascii_lower("Grace@Example.COM") == "grace@example.com"
	lib.ascii_lower("\u0130nes@\u00C9cole.fr") == "\u0130nes@\u00C9cole.fr"
}

test_variable if {
	lib.variable("min_owners", 2) == 3 with input as {"variables": {"min_owners": {"value": 3}}}
	lib.variable("min_owners", 2) == 2 with input as {"variables": {}}
}

test_role_label if {
	lib.role_label(fixtures.user("a@example.com", 254, true)) == "ADMINISTRATOR"
	lib.role_label(fixtures.user("a@example.com", 300, true)) == "role code 300"
}
