resource "flashback_organization_user" "members_3" {
  provider    = flashback
  email       = "edsger@example.com"
  last_name   = "Dijkstra"
  name        = "Edsger"
  password_wo = null # sensitive
  role        = "WORKSPACES"
  send_invite = true
}
