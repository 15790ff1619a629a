# The policy without the API: mock_provider answers every data source, and
# override_data gives the users each run reads, as the data source would
# return them. Run it with `tofu test` (OpenTofu 1.8 or later) or
# `terraform test` (Terraform 1.7 or later; but see the policy-checks guide:
# up to Terraform 1.16 at least, terraform test fails to override this data
# source's users). Every field of each user must be given.
mock_provider "flashback" {}

run "keeps" {
  command = plan

  override_data {
    target = data.flashback_organization_users.admins
    values = {
      users = [
        { id = "ada", email = "ada@example.com", name = "ada", last_name = "Test", org_id = "org-1", org_role = 255, org_role_name = "OWNER", org_role_description = "OWNER", org_roles = [0], validated = true, deleted_at = null },
        { id = "alan", email = "alan@example.com", name = "alan", last_name = "Test", org_id = "org-1", org_role = 254, org_role_name = "ADMINISTRATOR", org_role_description = "ADMINISTRATOR", org_roles = [0], validated = true, deleted_at = null },
      ]
    }
  }
}

# A role code above OWNER that has no name, not validated.
run "breaks" {
  command = plan

  override_data {
    target = data.flashback_organization_users.admins
    values = {
      users = [
        { id = "ada", email = "ada@example.com", name = "ada", last_name = "Test", org_id = "org-1", org_role = 255, org_role_name = "OWNER", org_role_description = "OWNER", org_roles = [0], validated = true, deleted_at = null },
        { id = "root", email = "root@example.com", name = "root", last_name = "Test", org_id = "org-1", org_role = 300, org_role_name = "UNKNOWN", org_role_description = "UNKNOWN", org_roles = [0], validated = false, deleted_at = null },
      ]
    }
  }

  expect_failures = [check.admins_have_validated_emails]
}
