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
  # The highest role each person may hold, by email in lower case.
  max_role = { for email, role in var.admin_allow_list : lower(email) => role }
}

# Active users with the ADMINISTRATOR role or higher.
data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"

  lifecycle {
    postcondition {
      # Someone off the list may hold no more than USER: every user here
      # holds more, so each must be on the list.
      condition = alltrue([
        for u in self.users :
        provider::flashback::role_at_least(lookup(local.max_role, lower(coalesce(u.email, "-")), "USER"), u.org_role)
      ])
      error_message = "Only the people on the allow-list may hold ADMINISTRATOR or OWNER, each up to the role the list gives them. Above it: ${join(", ", [
        for u in self.users :
        "${coalesce(u.email, "(no email)")} (${u.org_role_name}, ${contains(keys(local.max_role), lower(coalesce(u.email, "-"))) ? "allowed up to ${local.max_role[lower(coalesce(u.email, "-"))]}" : "not on the list"})"
        if !provider::flashback::role_at_least(lookup(local.max_role, lower(coalesce(u.email, "-")), "USER"), u.org_role)
      ])}. Lower their role in Flashback, or change var.admin_allow_list."
    }
  }
}
