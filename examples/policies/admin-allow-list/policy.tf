# Policy: ADMINISTRATOR and higher roles are held only by the people on an
# allow-list.
#
# A postcondition: when the organization breaks the rule, plan and apply stop
# with an error that carries the message below.

variable "admin_allow_list" {
  description = "The emails allowed to hold the ADMINISTRATOR or OWNER role. Case does not matter."
  type        = set(string)
  default     = ["ada@example.com", "grace@example.com", "alan@example.com"]
}

locals {
  admin_allow_list = toset([for e in var.admin_allow_list : lower(e)])
}

# Active users with the ADMINISTRATOR role or higher.
data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"

  lifecycle {
    postcondition {
      condition = alltrue([
        for u in self.users : contains(local.admin_allow_list, lower(coalesce(u.email, "-")))
      ])
      error_message = "Only the people on the allow-list may hold ADMINISTRATOR or OWNER. Not on it: ${join(", ", [
        for u in self.users : "${coalesce(u.email, "(no email)")} (${u.org_role_name})"
        if !contains(local.admin_allow_list, lower(coalesce(u.email, "-")))
      ])}. Lower their role in Flashback, or add them to var.admin_allow_list."
    }
  }
}
