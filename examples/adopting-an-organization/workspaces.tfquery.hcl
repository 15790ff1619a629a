# The workspaces of the token's user, and who has which role in each, as
# flashback_workspace and flashback_workspace_user resources to import. A
# workspace the token's user is not a member of is not found: adopt with the
# token of a user who is a member of every workspace.
list "flashback_workspace" "workspaces" {
  provider = flashback
  limit    = 1000
}

list "flashback_workspace_user" "access" {
  provider = flashback
  limit    = 1000
}
