# Lists a Flashback organization's users, and the workspaces of the token's
# user with who has which role in each. `make demo` runs this against a
# local fake Flashback API; to run it against your organization, set
# FLASHBACK_ACCESS_TOKEN (and FLASHBACK_BASE_URL if you use another API host).
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

provider "flashback" {}

data "flashback_organization_users" "all" {}

data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"
}

output "organization_id" {
  value = data.flashback_organization_users.all.org_id
}

output "users" {
  description = "Active users, sorted by email."
  # Any field of a user may be null, the names included: compact() leaves
  # out the parts of the name that are null or empty.
  value = [
    for u in data.flashback_organization_users.all.users : {
      email     = u.email
      name      = join(" ", compact([u.name, u.last_name]))
      role      = u.org_role_name
      validated = u.validated
    }
  ]
}

output "admin_emails" {
  description = "Emails of the active users with ADMINISTRATOR or a higher role."
  value       = data.flashback_organization_users.admins.emails
}

# The workspaces the token's user is a member of: only those, as Flashback
# shows a workspace to its members alone.
data "flashback_workspaces" "mine" {}

output "workspaces" {
  description = "Each workspace of the token's user, by name (names need not be unique): its members' roles, by email."
  value = {
    for w in data.flashback_workspaces.mine.workspaces : w.name => {
      for m in w.members : coalesce(m.email, m.user_id) => m.role
    }...
  }
}
