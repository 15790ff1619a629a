# A role is a name or a code, so a user's org_role (a number) compares
# directly with a name.
output "owner_is_at_least_administrator" {
  value = provider::flashback::role_at_least("OWNER", 254) # true
}

# The emails of the users who hold ADMINISTRATOR or a higher role. The API may
# leave a user's role out: test it for null first, as a null argument is an error.
data "flashback_organization_users" "all" {}

output "administrators" {
  value = [
    for u in data.flashback_organization_users.all.users : u.email
    if u.org_role != null ? provider::flashback::role_at_least(u.org_role, "ADMINISTRATOR") : false
  ]
}
