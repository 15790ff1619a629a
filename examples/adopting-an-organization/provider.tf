terraform {
  # terraform query and list blocks came with Terraform 1.14.
  required_version = ">= 1.14"

  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

# The access token comes from the FLASHBACK_ACCESS_TOKEN environment variable.
provider "flashback" {}
