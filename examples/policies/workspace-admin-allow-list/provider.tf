# The provider, for a run of this folder on its own: set FLASHBACK_ACCESS_TOKEN
# (and FLASHBACK_BASE_URL for another API host), then terraform plan, or
# tofu plan. The policy is in policy.tf; copy that file into your own
# configuration, beside your provider block. It checks only the workspaces
# the token's user is a member of: use the token of a user who is a member
# of every workspace.
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

provider "flashback" {}
