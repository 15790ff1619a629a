# The organization of the user the access token belongs to.
data "flashback_organization" "current" {}

# Or one by id. A token may read only its own user's organization: another
# organization's id fails the read.
data "flashback_organization" "by_id" {
  id = "7d9f2c1e-4b8a-4f3e-9c6d-2a1b3c4d5e6f"
}

output "organization" {
  value = {
    id           = data.flashback_organization.current.id
    name         = data.flashback_organization.current.name
    domain       = data.flashback_organization.current.domain
    mfa_enforced = data.flashback_organization.current.mfa_enforced
  }
}
