# The members this configuration manages, by email: each person's first
# name, last name and role. In your own configuration these are your
# flashback_organization_user resources; policy.tf lists them in
# local.managed_emails. An existing user is taken over with an import block:
#   import {
#     to = flashback_organization_user.members["ada@example.com"]
#     id = "ada@example.com"
#   }
variable "members" {
  description = "The members, by email: each one's first name, last name and role."
  type = map(object({
    name      = string
    last_name = string
    role      = optional(string, "USER")
  }))
  default = {}
}

resource "flashback_organization_user" "members" {
  for_each = var.members

  email     = each.key
  name      = each.value.name
  last_name = each.value.last_name
  role      = each.value.role
}
