# The policy without the API: mock_provider answers every data source, and
# override_data gives the workspaces the run reads, as the data source would
# return them. Run it with `tofu test` (OpenTofu 1.8 or later) or
# `terraform test` (Terraform 1.7 or later; but see the policy-checks guide:
# up to Terraform 1.16 at least, terraform test fails to override a data
# source's nested lists). Every field of each member must be given.
mock_provider "flashback" {}

run "keeps" {
  command = plan

  override_data {
    target = data.flashback_workspaces.all
    values = {
      workspaces = [
        { id = "ws-1", name = "Data", org_id = "org-1", members = [
          { user_id = "ada", email = "ada@example.com", name = "Ada", last_name = "Test", org_role = 255, org_role_name = "OWNER", role = "ADMIN" },
          { user_id = "grace", email = "Grace@Example.com", name = "Grace", last_name = "Test", org_role = 255, org_role_name = "OWNER", role = "ADMIN" },
          { user_id = "alan", email = "alan@example.com", name = "Alan", last_name = "Test", org_role = 254, org_role_name = "ADMINISTRATOR", role = "WRITE" },
        ] },
      ]
    }
  }
}

# Alan is ADMIN of Platform, and not on the list.
run "breaks" {
  command = plan

  override_data {
    target = data.flashback_workspaces.all
    values = {
      workspaces = [
        { id = "ws-1", name = "Data", org_id = "org-1", members = [
          { user_id = "ada", email = "ada@example.com", name = "Ada", last_name = "Test", org_role = 255, org_role_name = "OWNER", role = "ADMIN" },
        ] },
        { id = "ws-2", name = "Platform", org_id = "org-1", members = [
          { user_id = "alan", email = "alan@example.com", name = "Alan", last_name = "Test", org_role = 254, org_role_name = "ADMINISTRATOR", role = "ADMIN" },
        ] },
      ]
    }
  }

  expect_failures = [data.flashback_workspaces.all]
}

# A member without an email is on no list.
run "breaks_without_an_email" {
  command = plan

  override_data {
    target = data.flashback_workspaces.all
    values = {
      workspaces = [
        { id = "ws-1", name = "Ops", org_id = "org-1", members = [
          { user_id = "u-9", email = null, name = null, last_name = null, org_role = null, org_role_name = null, role = "ADMIN" },
        ] },
      ]
    }
  }

  expect_failures = [data.flashback_workspaces.all]
}
