# The workspaces the token's user is a member of. A workspace that user is
# not in is not found, whatever the user's organization role.
list "flashback_workspace" "all" {
  provider         = flashback
  include_resource = true
}
