# Every active user of the organization, sorted by email.
data "flashback_organization_users" "all" {}

# Users with ADMINISTRATOR or a higher role, deleted ones included.
data "flashback_organization_users" "admins" {
  min_role        = "ADMINISTRATOR"
  include_deleted = true
}

# Owners and billing managers whose email is not validated yet.
data "flashback_organization_users" "unvalidated_owners" {
  roles     = ["OWNER", "BILLING"]
  validated = false
}

output "admin_emails" {
  value = data.flashback_organization_users.admins.emails
}

output "organization_size" {
  # The total the API reported, before any filter.
  value = data.flashback_organization_users.all.total
}
