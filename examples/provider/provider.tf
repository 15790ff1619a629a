# Set FLASHBACK_ACCESS_TOKEN to an access token, then run terraform init
# and terraform plan: the plan lists your organization's emails.
terraform {
  required_providers {
    flashback = {
      source = "flashbacknetwork/flashback"
    }
  }
}

provider "flashback" {}

data "flashback_organization_users" "all" {}

output "emails" {
  value = data.flashback_organization_users.all.emails
}
