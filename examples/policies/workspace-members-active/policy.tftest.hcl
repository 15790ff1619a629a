# The policy without the API: mock_provider answers every data source, and
# override_data gives the users and the workspaces the run reads, as the
# data sources would return them. Run it with `tofu test` (OpenTofu 1.8 or
# later) or `terraform test` (Terraform 1.7 or later; but see the
# policy-checks guide: up to Terraform 1.16 at least, terraform test fails
# to override a data source's nested lists). Every field must be given.
mock_provider "flashback" {}

# Ada and Alan are active; Mallory is a deleted user.
override_data {
  target = data.flashback_organization_users.everyone
  values = {
    users = [
      { id = "ada", email = "ada@example.com", name = "Ada", last_name = "Test", org_id = "org-1", org_role = 255, org_role_name = "OWNER", org_role_description = "OWNER", org_roles = [0], validated = true, deleted_at = null },
      { id = "alan", email = "alan@example.com", name = "Alan", last_name = "Test", org_id = "org-1", org_role = 254, org_role_name = "ADMINISTRATOR", org_role_description = "ADMINISTRATOR", org_roles = [0], validated = true, deleted_at = null },
      { id = "mallory", email = "mallory@example.com", name = "Mallory", last_name = "Test", org_id = "org-1", org_role = 0, org_role_name = "USER", org_role_description = "USER", org_roles = [0], validated = true, deleted_at = "2026-03-14T09:26:53.000Z" },
    ]
  }
}

run "keeps" {
  command = plan

  override_data {
    target = data.flashback_workspaces.all
    values = {
      workspaces = [
        { id = "ws-1", name = "Data", org_id = "org-1", members = [
          { user_id = "ada", email = "ada@example.com", name = "Ada", last_name = "Test", org_role = 255, org_role_name = "OWNER", role = "ADMIN" },
          { user_id = "alan", email = "alan@example.com", name = "Alan", last_name = "Test", org_role = 254, org_role_name = "ADMINISTRATOR", role = "READ" },
        ] },
      ]
    }
  }
}

# Mallory, deleted, is still a member of Data.
run "breaks_with_a_deleted_user" {
  command = plan

  override_data {
    target = data.flashback_workspaces.all
    values = {
      workspaces = [
        { id = "ws-1", name = "Data", org_id = "org-1", members = [
          { user_id = "ada", email = "ada@example.com", name = "Ada", last_name = "Test", org_role = 255, org_role_name = "OWNER", role = "ADMIN" },
          { user_id = "mallory", email = "mallory@example.com", name = "Mallory", last_name = "Test", org_role = 0, org_role_name = "USER", role = "READ" },
        ] },
      ]
    }
  }

  expect_failures = [data.flashback_workspaces.all]
}

# u-9 is no user of the organization at all.
run "breaks_with_a_stranger" {
  command = plan

  override_data {
    target = data.flashback_workspaces.all
    values = {
      workspaces = [
        { id = "ws-1", name = "Data", org_id = "org-1", members = [
          { user_id = "u-9", email = null, name = null, last_name = null, org_role = null, org_role_name = null, role = "WRITE" },
        ] },
      ]
    }
  }

  expect_failures = [data.flashback_workspaces.all]
}
