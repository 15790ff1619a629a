# Policy: every member of a workspace is an active user of the organization.
# Deleting a user in Flashback does not take them out of the workspaces they
# were in: this finds them.
#
# A postcondition: when a workspace breaks the rule, plan and apply stop with
# an error that carries the message below.
#
# IMPORTANT: the API shows a workspace to its members only, whatever their
# organization role. This policy checks the workspaces the token's user is a
# member of, and no others: run it with the token of a user who is a member
# (any role) of every workspace, or a workspace that user is not in goes
# unchecked. The output workspaces_checked lists what was checked.

# Every user of the organization, deleted ones included, to tell a deleted
# user from one the organization does not have.
data "flashback_organization_users" "everyone" {
  include_deleted = true
}

locals {
  user_ids   = toset([for u in data.flashback_organization_users.everyone.users : u.id if u.id != null])
  active_ids = toset([for u in data.flashback_organization_users.everyone.users : u.id if u.id != null && u.deleted_at == null])
}

# The workspaces the token's user is a member of, with their members.
data "flashback_workspaces" "all" {
  lifecycle {
    postcondition {
      condition = alltrue(flatten([
        for w in self.workspaces : [for m in w.members : contains(local.active_ids, m.user_id)]
      ]))
      error_message = "Every member of a workspace must be an active user of the organization. Not active: ${join(", ", flatten([
        for w in self.workspaces : [
          for m in w.members : "${coalesce(m.email, "user ${m.user_id}")} (${w.name}, ${contains(local.user_ids, m.user_id) ? "deleted" : "not in the organization"})"
          if !contains(local.active_ids, m.user_id)
        ]
      ]))}. Remove them from these workspaces in Flashback."
    }
  }
}

output "workspaces_checked" {
  description = "The workspaces the policy could see: those the token's user is a member of."
  value       = [for w in data.flashback_workspaces.all.workspaces : w.name]
}
