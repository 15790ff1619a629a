# The policy without the API: mock_provider answers every data source, and
# override_data gives the organization each run reads. Run it with
# `tofu test` (OpenTofu 1.8 or later) or `terraform test` (Terraform 1.7 or
# later).
mock_provider "flashback" {}

run "keeps" {
  command = plan

  override_data {
    target = data.flashback_organization.current
    values = {
      name         = "Example Org"
      mfa_enforced = true
    }
  }
}

run "breaks" {
  command = plan

  override_data {
    target = data.flashback_organization.current
    values = {
      name         = "Example Org"
      mfa_enforced = false
    }
  }

  expect_failures = [data.flashback_organization.current]
}

# A null (the API did not say) fails too.
run "breaks_when_the_api_does_not_say" {
  command = plan

  override_data {
    target = data.flashback_organization.current
    values = {
      name         = "Example Org"
      mfa_enforced = null
    }
  }

  expect_failures = [data.flashback_organization.current]
}
