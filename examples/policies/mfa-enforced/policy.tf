# Policy: the organization requires multi-factor authentication (MFA) of its
# members when they sign in.
#
# A postcondition: when the organization breaks the rule, plan and apply stop
# with an error that carries the message below.

# The organization of the user the access token belongs to.
data "flashback_organization" "current" {
  lifecycle {
    postcondition {
      # mfa_enforced is null when the API leaves it out: only true passes.
      condition     = self.mfa_enforced == true
      error_message = "The Flashback organization ${coalesce(self.name, self.id)} must require MFA of its members when they sign in, but ${self.mfa_enforced == null ? "the API did not say whether it does" : "it does not"}. An ADMINISTRATOR or OWNER of the organization can turn on MFA enforcement in its settings in Flashback."
    }
  }
}
