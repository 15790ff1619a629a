# Policy: only the people on an allow-list hold the ADMINISTRATOR or OWNER
# role, each no higher than the list allows them.
#
# A postcondition: when the organization breaks the rule, plan and apply stop
# with an error that carries the message below. It compares roles with the
# provider's functions, so it needs Terraform 1.8 or later, or OpenTofu 1.7
# or later.

variable "admin_allow_list" {
  description = "The people allowed to hold ADMINISTRATOR or OWNER: each one's email (case does not matter), with the highest role that person may hold."
  type        = map(string)
  default = {
    "ada@example.com"   = "OWNER"
    "grace@example.com" = "OWNER"
    "alan@example.com"  = "ADMINISTRATOR"
  }

  validation {
    condition     = alltrue([for role in values(var.admin_allow_list) : can(provider::flashback::role_code(role))])
    error_message = "Each role in admin_allow_list must be a Flashback role name: USER, BILLING, WORKSPACES, ADMINISTRATOR or OWNER."
  }
}

locals {
  # The highest role each person may hold, by email as the provider compares
  # emails: ASCII letters ignoring case, every other character exactly.
  # (lower() would also fold other letters, such as the dotted capital I of
  # "\u0130nes@example.com" into the i of ines@example.com: two accounts the
  # API keeps apart.)
  max_role = {
    for email, role in var.admin_allow_list :
    join("", [for c in split("", email) : lookup(local.ascii_lower, c, c)]) => role
  }

  ascii_lower = {
    A = "a", B = "b", C = "c", D = "d", E = "e", F = "f", G = "g", H = "h", I = "i",
    J = "j", K = "k", L = "l", M = "m", N = "n", O = "o", P = "p", Q = "q", R = "r",
    S = "s", T = "t", U = "u", V = "v", W = "w", X = "x", Y = "y", Z = "z",
  }
}

# Active users with the ADMINISTRATOR role or higher, codes without a name
# included.
data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"

  lifecycle {
    postcondition {
      # Someone off the list may hold no more than USER: every user here
      # holds more, so each must be on the list. Codes compare as numbers,
      # so that a code above OWNER that has no name fails too; min_role
      # keeps a user whose role is null, which counts as above OWNER.
      condition = alltrue([
        for u in self.users :
        coalesce(u.org_role, provider::flashback::role_code("OWNER") + 1) <= provider::flashback::role_code(lookup(local.max_role, join("", [for c in split("", coalesce(u.email, "-")) : lookup(local.ascii_lower, c, c)]), "USER"))
      ])
      error_message = "Only the people on the allow-list may hold ADMINISTRATOR or OWNER, each up to the role the list gives them. Above it: ${join(", ", [
        for u in self.users :
        "${coalesce(u.email, "(no email)")} (${coalesce(u.org_role_name, "no role")}, ${contains(keys(local.max_role), join("", [for c in split("", coalesce(u.email, "-")) : lookup(local.ascii_lower, c, c)])) ? "allowed up to ${local.max_role[join("", [for c in split("", coalesce(u.email, "-")) : lookup(local.ascii_lower, c, c)])]}" : "not on the list"})"
        if coalesce(u.org_role, provider::flashback::role_code("OWNER") + 1) > provider::flashback::role_code(lookup(local.max_role, join("", [for c in split("", coalesce(u.email, "-")) : lookup(local.ascii_lower, c, c)]), "USER"))
      ])}. Lower their role in Flashback, or change var.admin_allow_list."
    }
  }
}
