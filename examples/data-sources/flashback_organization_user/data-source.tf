# Look a user up by email: ASCII letters match in either case.
data "flashback_organization_user" "ada" {
  email = "Ada@Example.com"
}

# Or by id. A deleted user is found too, with deleted_at set, so a policy can
# tell a deleted account from a missing one.
data "flashback_organization_user" "break_glass" {
  id = "a1b2c3d4-0002-4000-8000-000000000002"

  lifecycle {
    # Any field but the id looked up may be null, and a null cannot be put
    # in a string: the message says what is missing instead.
    postcondition {
      condition     = self.deleted_at == null && self.org_role_name == "OWNER"
      error_message = "The break-glass account ${coalesce(self.email, self.id)} must be an active OWNER, but ${self.org_role_name == null ? "the API gave no role for it" : "its role is ${self.org_role_name}"}${self.deleted_at == null ? "" : " and it was deleted at ${self.deleted_at}"}."
    }
  }
}

output "ada" {
  value = {
    id        = data.flashback_organization_user.ada.id
    role      = data.flashback_organization_user.ada.org_role_name
    validated = data.flashback_organization_user.ada.validated
  }
}
