# The workspaces the token's user is a member of, each with its members.
# Only those: a workspace the token's user does not belong to is not listed,
# even for an OWNER of the organization.
data "flashback_workspaces" "mine" {}

output "workspace_admins" {
  # For each workspace, by name, the emails of its ADMINs.
  value = {
    for w in data.flashback_workspaces.mine.workspaces : w.name => [
      for m in w.members : coalesce(m.email, m.user_id) if m.role == "ADMIN"
    ]...
  }
}
