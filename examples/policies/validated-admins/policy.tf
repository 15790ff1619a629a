# Policy: every OWNER and ADMINISTRATOR has a validated email.
#
# A check block: when the organization breaks the rule, plan and apply show a
# warning with the message below, and the run goes on. A new administrator
# needs a little time to validate their email, so this policy reminds rather
# than blocks.
check "admins_have_validated_emails" {
  # A data source scoped to the check block: if it cannot be read, that is a
  # warning too, not an error. min_role, not roles = ["OWNER",
  # "ADMINISTRATOR"]: a role code above ADMINISTRATOR that has no name yet
  # is checked too.
  data "flashback_organization_users" "admins" {
    min_role = "ADMINISTRATOR"
  }

  assert {
    # validated may be null when the API leaves it out: only true passes.
    condition = alltrue([
      for u in data.flashback_organization_users.admins.users : u.validated == true
    ])
    error_message = "Every OWNER and ADMINISTRATOR needs a validated email. Not validated yet: ${join(", ", [
      for u in data.flashback_organization_users.admins.users : coalesce(u.email, "(no email)") if u.validated != true
    ])}. Ask them to validate their email address in Flashback."
  }
}
