# What every Flashback policy on a Terraform plan shares: where the plan is
# in the input, which data sources read which users, the role codes, and how
# emails compare. The policies beside this folder import it; run them with
# this folder: `opa test lib admin-allow-list`, or
# `conftest test --all-namespaces -p lib -p admin-allow-list plan.json`.
package flashback.lib

# The JSON of `terraform show -json PLANFILE` (or `tofu show -json`): the
# input itself for conftest and `opa eval`; input.plan on HCP Terraform,
# input.terraform on Spacelift and input.tfplan on Scalr, whose inputs wrap
# the plan with data about the run.
plan := input.plan if {
	is_object(input.plan)
} else := input.terraform if {
	is_object(input.terraform)
} else := input.tfplan if {
	is_object(input.tfplan)
} else := input

# The role codes of the API's orgRole, from the lowest role to the highest.
# A code without a name (the API may add roles) compares by its number.
role_codes := {"USER": 0, "BILLING": 1, "WORKSPACES": 2, "ADMINISTRATOR": 254, "OWNER": 255}

# The names of the role codes.
role_names := {code: name | some name, code in role_codes}

# role_label(u) names a user's role for a message: its name, or its code.
role_label(u) := u.org_role_name if {
	u.org_role_name != "UNKNOWN"
	is_string(u.org_role_name)
} else := sprintf("role code %v", [u.org_role])

# The value of the configuration's variable name, as planned; default when
# the configuration declares no such variable. A policy reads the same
# variable as its HCL version, so both judge by the same list.
variable(name, default_value) := plan.variables[name].value if {
	plan.variables[name]
} else := default_value

# Every resource and data source the plan's prior state holds, by address,
# in the root module and in two levels of modules below it. Data sources
# read while planning are here, with the values they read.
prior_resources[r.address] := r if {
	some r in plan.prior_state.values.root_module.resources
}

prior_resources[r.address] := r if {
	some m in plan.prior_state.values.root_module.child_modules
	some r in m.resources
}

prior_resources[r.address] := r if {
	some m in plan.prior_state.values.root_module.child_modules
	some c in m.child_modules
	some r in c.resources
}

# The flashback_organization_users data sources read while planning.
users_reads[address] := r.values if {
	some address, r in prior_resources
	r.mode == "data"
	r.type == "flashback_organization_users"
}

# A read vouches for a set of users only when no filter left any of them
# out and its list is complete: validated unset, and allow_incomplete not
# true (with it, an incomplete list is a warning, not an error).
_whole(v) if {
	object.get(v, "validated", null) == null
	object.get(v, "allow_incomplete", null) != true
}

_min_role_keeps(v, _) if object.get(v, "min_role", null) == null

_min_role_keeps(v, code) if role_codes[v.min_role] <= code

# reads_at_least(v): the read v holds every active user whose role code is
# code or higher, named or not (so no roles filter, which drops the codes
# that have no name).
reads_at_least(v, code) if {
	_whole(v)
	object.get(v, "roles", null) == null
	_min_role_keeps(v, code)
}

# reads_role(v, name): the read v holds every active user whose role is name.
reads_role(v, name) if {
	_whole(v)
	object.get(v, "roles", null) == null
	_min_role_keeps(v, role_codes[name])
}

reads_role(v, name) if {
	_whole(v)
	some role in v.roles
	role == name
	_min_role_keeps(v, role_codes[name])
}

# The active users (deleted_at null) of every read that holds all users of
# role code min_code or higher, whose role is min_code or higher. A user
# two reads hold is here twice: count users by id.
active_users_at_least(min_code) := [u |
	some v in users_reads
	reads_at_least(v, min_code)
	some u in v.users
	u.deleted_at == null
	is_number(u.org_role)
	u.org_role >= min_code
]

# The active users of every read that holds all users of the role name,
# whose role is that one.
active_users_with_role(name) := [u |
	some v in users_reads
	reads_role(v, name)
	some u in v.users
	u.deleted_at == null
	u.org_role == role_codes[name]
]

# The active users whose role the API left out: no policy on roles can
# judge them, and so each such policy fails on them.
active_users_without_role := [u |
	some v in users_reads
	_whole(v)
	some u in v.users
	u.deleted_at == null
	not is_number(u.org_role)
]

# The message of a policy that finds no read it can trust.
missing_read(what, example) := sprintf(
	"The plan holds no flashback_organization_users data source that reads %s: without validated, without allow_incomplete = true, and without a filter that leaves any of them out. Add one, such as %s.",
	[what, example],
)

# Emails compare as the provider compares them: ASCII letters ignoring
# case, every other character exactly. (Rego's lower() folds Unicode too,
# and so would take the KELVIN SIGN of "\u212Aen@example.com" for the k
# of ken@example.com: two accounts the API keeps apart.)
_ascii_upper := {
	"A": "a", "B": "b", "C": "c", "D": "d", "E": "e", "F": "f", "G": "g", "H": "h", "I": "i",
	"J": "j", "K": "k", "L": "l", "M": "m", "N": "n", "O": "o", "P": "p", "Q": "q", "R": "r",
	"S": "s", "T": "t", "U": "u", "V": "v", "W": "w", "X": "x", "Y": "y", "Z": "z",
}

ascii_lower(s) := strings.replace_n(_ascii_upper, s)

# email_key(u) is the user's email as compared, or "" when it is missing.
email_key(u) := ascii_lower(u.email) if {
	is_string(u.email)
} else := ""

# email_label(u) is the user's email for a message.
email_label(u) := u.email if {
	is_string(u.email)
} else := "(no email)"
