# Policy: the organization has at least two OWNERs, so that nobody is locked
# out when one of them leaves or loses access.
#
# A precondition on an output: when the organization breaks the rule, plan and
# apply stop with an error that carries the message below.

variable "min_owners" {
  description = "The fewest active OWNERs the organization may have."
  type        = number
  default     = 2
}

# Active users with the OWNER role. roles, not min_role = "OWNER": a code
# above OWNER that has no name is not taken for an OWNER, so that it cannot
# make up the count.
data "flashback_organization_users" "owners" {
  roles = ["OWNER"]
}

locals {
  owners = [for u in data.flashback_organization_users.owners.users : coalesce(u.email, "(no email)")]
}

output "owners" {
  description = "The emails of the organization's active OWNERs."
  value       = local.owners

  precondition {
    condition     = length(local.owners) >= var.min_owners
    error_message = "The organization needs at least ${var.min_owners} active OWNERs, so that nobody is locked out, but has ${length(local.owners)}: ${length(local.owners) == 0 ? "none" : join(", ", local.owners)}. Give the OWNER role to another trusted person in Flashback."
  }
}
