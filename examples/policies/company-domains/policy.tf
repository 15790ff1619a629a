# Policy: no active user has an email outside the company's domains.
#
# A postcondition: when the organization breaks the rule, plan and apply stop
# with an error that carries the message below. Deleted users are left out.

variable "company_domains" {
  description = "The company's email domains. Case does not matter; list each subdomain on its own."
  type        = set(string)
  default     = ["example.com"]
}

locals {
  company_domains = toset([for d in var.company_domains : lower(d)])
}

# Every active user of the organization.
data "flashback_organization_users" "active" {
  lifecycle {
    postcondition {
      # The domain is what follows the last @; a missing or malformed email
      # has none, so it fails the policy. Only an ASCII domain is compared
      # ignoring case: lower() folds more than ASCII (the dotted capital I of
      # "\u0130ntel.com" into the i of intel.com), so a domain with any other
      # character fails; list such a domain in its ASCII form (xn--...).
      condition = alltrue([
        for u in self.users : can(regex("^[[:ascii:]]+$", try(regex("@([^@]+)$", u.email)[0], ""))) && contains(local.company_domains, lower(try(regex("@([^@]+)$", u.email)[0], "")))
      ])
      error_message = "Every active user must have an email in the company's domains (${join(", ", sort(local.company_domains))}). Outside them: ${join(", ", [
        for u in self.users : coalesce(u.email, "(no email)")
        if !(can(regex("^[[:ascii:]]+$", try(regex("@([^@]+)$", u.email)[0], ""))) && contains(local.company_domains, lower(try(regex("@([^@]+)$", u.email)[0], ""))))
      ])}. Remove these users from the organization, or add their domain to var.company_domains."
    }
  }
}
