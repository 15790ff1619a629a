# A workspace of the organization. The access token's user becomes its
# ADMIN; declare that membership too (flashback_workspace_user) to manage
# its role with the others'.
resource "flashback_workspace" "research" {
  name = "Research"
}
