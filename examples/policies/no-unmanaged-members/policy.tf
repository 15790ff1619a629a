# Policy: every active user with the ADMINISTRATOR role or higher is managed
# by this configuration: declared as a flashback_organization_user.
#
# A check block: when the organization breaks the rule, plan and apply show a
# warning that names the unmanaged users, and the run goes on. Import each
# one (an import block with the user's email as id), or lower their role.
#
# What HCL cannot do here: it cannot list every resource of a type, so
# local.managed_emails names them. Add each flashback_organization_user of
# your configuration (or for_each group) to it; one left out counts as
# unmanaged, and one in a child module needs an output to reach it.
# policy.rego, a policy engine's version on the plan, finds every one.

locals {
  # The emails of the users this configuration manages, as the provider
  # compares emails: ASCII letters ignoring case, every other character
  # exactly. (lower() would also fold other letters, such as the dotted
  # capital I of "\u0130nes@example.com" into the i of ines@example.com: two
  # accounts the API keeps apart.)
  managed_emails = toset([
    for email in [for u in flashback_organization_user.members : u.email] :
    join("", [for c in split("", email) : lookup(local.ascii_lower, c, c)])
  ])

  ascii_lower = {
    A = "a", B = "b", C = "c", D = "d", E = "e", F = "f", G = "g", H = "h", I = "i",
    J = "j", K = "k", L = "l", M = "m", N = "n", O = "o", P = "p", Q = "q", R = "r",
    S = "s", T = "t", U = "u", V = "v", W = "w", X = "x", Y = "y", Z = "z",
  }
}

check "no_unmanaged_members" {
  # Active users with the ADMINISTRATOR role or higher, codes without a name
  # included. A data source scoped to the check block: if it cannot be read,
  # that is a warning too.
  data "flashback_organization_users" "admins" {
    min_role = "ADMINISTRATOR"
  }

  assert {
    condition = alltrue([
      for u in data.flashback_organization_users.admins.users :
      contains(local.managed_emails, join("", [for c in split("", coalesce(u.email, "-")) : lookup(local.ascii_lower, c, c)]))
    ])
    error_message = "Every ADMINISTRATOR and OWNER must be managed by this configuration. Not managed: ${join(", ", [
      for u in data.flashback_organization_users.admins.users : "${coalesce(u.email, "(no email)")} (${coalesce(u.org_role_name, "no role")})"
      if !contains(local.managed_emails, join("", [for c in split("", coalesce(u.email, "-")) : lookup(local.ascii_lower, c, c)]))
    ])}. Declare them as flashback_organization_user (import each by email), or lower their role in Flashback."
  }
}
