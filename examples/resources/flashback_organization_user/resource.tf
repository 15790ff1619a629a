# A member of the organization. Flashback emails the new user an
# invitation, through which the user sets a password and gets in.
resource "flashback_organization_user" "barbara" {
  email     = "barbara@example.com"
  name      = "Barbara"
  last_name = "Liskov"
  role      = "WORKSPACES"
}

# A member created without an invitation, for a user who is told how to get
# in some other way. The role defaults to USER.
resource "flashback_organization_user" "auditor" {
  email       = "auditor@example.com"
  name        = "Ada"
  last_name   = "Auditor"
  send_invite = false
}
