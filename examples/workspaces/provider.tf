# The terraform and provider blocks, to run this folder on its own. Set
# FLASHBACK_ACCESS_TOKEN (and FLASHBACK_BASE_URL for another API host).
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

provider "flashback" {}
