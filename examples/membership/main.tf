# A team of the Flashback organization, declared as a map from email to
# person, and checked with the data sources in the same configuration.
# Adding an entry invites a person, changing a role updates it in place,
# and removing an entry deletes the user (Flashback keeps it as deleted).
variable "team" {
  description = "The team, by email: each person's first name, last name and role."
  type = map(object({
    name      = string
    last_name = string
    role      = optional(string, "USER")
  }))
  default = {
    "barbara@example.com" = { name = "Barbara", last_name = "Liskov", role = "WORKSPACES" }
    "frances@example.com" = { name = "Frances", last_name = "Allen" }
  }
}

resource "flashback_organization_user" "team" {
  for_each = var.team

  email     = each.key
  name      = each.value.name
  last_name = each.value.last_name
  role      = each.value.role
}

# The whole organization, team or not, read after the team is written
# (depends_on), so that it sees this run's changes.
data "flashback_organization_users" "admins" {
  min_role   = "ADMINISTRATOR"
  depends_on = [flashback_organization_user.team]
}

# New members are not validated until they accept the invitation: a warning
# that names them, which does not stop the run.
locals {
  not_validated = [for email, u in flashback_organization_user.team : email if u.validated != true]
}

check "team_validated" {
  assert {
    condition     = length(local.not_validated) == 0
    error_message = "Waiting for these members to accept their invitation: ${join(", ", local.not_validated)}."
  }
}

output "team" {
  description = "Each member's id, role and whether its email is validated."
  value = {
    for email, u in flashback_organization_user.team : email => {
      id        = u.id
      role      = u.role
      validated = u.validated
    }
  }
}

output "admins" {
  description = "Everyone with the ADMINISTRATOR role or higher, managed here or not."
  value       = data.flashback_organization_users.admins.emails
}
