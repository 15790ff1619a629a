# Every active member of the organization, as flashback_organization_user
# resources to import. The config block takes the filters of the
# flashback_organization_users data source, to adopt part of the
# organization at a time: roles, min_role and validated.
list "flashback_organization_user" "members" {
  provider = flashback

  # Terraform returns at most 100 results unless told otherwise.
  limit = 1000
}
