# Every active member of the organization.
list "flashback_organization_user" "members" {
  provider = flashback
}

# The OWNERs and ADMINISTRATORs, each with the resource as an import would
# read it.
list "flashback_organization_user" "admins" {
  provider         = flashback
  include_resource = true

  config {
    min_role = "ADMINISTRATOR"
  }
}

# The people who have not validated their email address, deleted ones
# included.
list "flashback_organization_user" "unvalidated" {
  provider = flashback

  config {
    validated       = false
    include_deleted = true
  }
}
