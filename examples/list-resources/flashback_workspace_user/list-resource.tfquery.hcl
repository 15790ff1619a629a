# Who has which role in every workspace the token's user is a member of.
list "flashback_workspace_user" "access" {
  provider = flashback
  limit    = 1000
}

# The members of one workspace, each with the resource as an import would
# read it.
list "flashback_workspace_user" "research" {
  provider         = flashback
  include_resource = true

  config {
    workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
  }
}
