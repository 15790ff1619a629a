# Look a workspace up by name: the match is exact, case included. When two
# of the token's workspaces share the name, the read fails and lists their
# ids: look it up by id then.
data "flashback_workspace" "research" {
  name = "Research"
}

# Or by id.
data "flashback_workspace" "payments" {
  id = "b2c3d4e5-0002-4000-8000-000000000002"

  lifecycle {
    postcondition {
      condition     = length([for m in self.members : m if m.role == "ADMIN"]) >= 2
      error_message = "The workspace ${self.name} needs at least two ADMINs, so that nobody is locked out."
    }
  }
}

output "research_members" {
  # Each member's email (or user id, when the API gave no email) and role.
  value = { for m in data.flashback_workspace.research.members : coalesce(m.email, m.user_id) => m.role }
}
