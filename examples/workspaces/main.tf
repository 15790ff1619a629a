# A team's workspaces, and who has which role in each, from one map of
# people to roles. Adding a person or a workspace to a person's map adds a
# membership, changing a role updates it in place, and removing one
# removes the membership. The people are users of the organization already
# (flashback_organization_user resources, or people invited before).
variable "workspaces" {
  description = "The team's workspaces: a key of your choosing to the workspace's name."
  type        = map(string)
  default = {
    research = "Research"
    billing  = "Billing"
  }
}

variable "access" {
  description = "Who has which role where: by email, each person's role (READ, WRITE or ADMIN) in each workspace, by its key."
  type        = map(map(string))
  default = {
    "barbara@example.com" = { research = "ADMIN", billing = "READ" }
    "frances@example.com" = { research = "WRITE" }
  }
}

resource "flashback_workspace" "team" {
  for_each = var.workspaces

  name = each.value
}

# Everyone in the organization, read once, and each person's user id by
# email, as the organization has the address.
data "flashback_organization_users" "everyone" {}

locals {
  user_ids = { for u in data.flashback_organization_users.everyone.users : u.email => u.id if u.email != null }
}

# One membership per person and workspace, keyed "workspace/email".
locals {
  memberships = merge([
    for email, roles in var.access : {
      for workspace, role in roles : "${workspace}/${email}" => { workspace = workspace, email = email, role = role }
    }
  ]...)
}

resource "flashback_workspace_user" "team" {
  for_each = local.memberships

  workspace_id = flashback_workspace.team[each.value.workspace].id
  user_id      = local.user_ids[each.value.email]
  role         = each.value.role
}

output "workspaces" {
  description = "Each workspace's id, by its key."
  value       = { for key, w in flashback_workspace.team : key => w.id }
}

output "access" {
  description = "Each workspace's members managed here, by email, with their role."
  value = {
    for key in keys(var.workspaces) : key => {
      for m in values(flashback_workspace_user.team) : m.email => m.role if m.workspace_id == flashback_workspace.team[key].id
    }
  }
}
