# Barbara may read and write in the Research workspace. user_id is the id
# of an organization user, usually a flashback_organization_user's.
resource "flashback_workspace_user" "barbara" {
  workspace_id = flashback_workspace.research.id
  user_id      = flashback_organization_user.barbara.id
  role         = "WRITE"
}

# The workspace's creator, the access token's user, is its ADMIN from the
# start: declaring the membership takes it over with the role given here.
# On destroy, the provider leaves this membership for the workspace's own
# delete (see "Guard rails" below).
data "flashback_organization_user" "pipeline" {
  email = "pipeline@example.com"
}

resource "flashback_workspace_user" "pipeline" {
  workspace_id = flashback_workspace.research.id
  user_id      = data.flashback_organization_user.pipeline.id
  role         = "ADMIN"
}
