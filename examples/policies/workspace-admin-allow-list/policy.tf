# Policy: only the people on an allow-list are ADMIN of a workspace.
#
# A postcondition: when a workspace breaks the rule, plan and apply stop with
# an error that carries the message below.
#
# IMPORTANT: the API shows a workspace to its members only, whatever their
# organization role. This policy checks the workspaces the token's user is a
# member of, and no others: run it with the token of a user who is a member
# (any role) of every workspace, or a workspace that user is not in goes
# unchecked. The output workspaces_checked lists what was checked.

variable "workspace_admins" {
  description = "The emails of the people allowed to be ADMIN of a workspace. Case does not matter."
  type        = set(string)
  default     = ["ada@example.com", "grace@example.com"]
}

locals {
  workspace_admins = toset([for e in var.workspace_admins : lower(e)])
}

# The workspaces the token's user is a member of, with their members.
data "flashback_workspaces" "all" {
  lifecycle {
    postcondition {
      # A member without an email is on no list, so it fails the policy.
      condition = alltrue(flatten([
        for w in self.workspaces : [
          for m in w.members : contains(local.workspace_admins, lower(coalesce(m.email, "-"))) if m.role == "ADMIN"
        ]
      ]))
      error_message = "Only the people on the allow-list may be ADMIN of a workspace. Not on it: ${join(", ", flatten([
        for w in self.workspaces : [
          for m in w.members : "${coalesce(m.email, "user ${m.user_id}")} (ADMIN of ${w.name})"
          if m.role == "ADMIN" && !contains(local.workspace_admins, lower(coalesce(m.email, "-")))
        ]
      ]))}. Give them WRITE or READ in these workspaces, or change var.workspace_admins."
    }
  }
}

output "workspaces_checked" {
  description = "The workspaces the policy could see: those the token's user is a member of."
  value       = [for w in data.flashback_workspaces.all.workspaces : w.name]
}
