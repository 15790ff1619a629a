# __generated__ by Terraform
# Please review these resources and move them into your main configuration files.

# __generated__ by Terraform
resource "flashback_workspace" "workspaces_0" {
  provider = flashback
  name     = "Payments"
}

import {
  to       = flashback_workspace.workspaces_0
  provider = flashback
  identity = {
    id = "b2c3d4e5-0002-4000-8000-000000000002"
  }
}

resource "flashback_workspace" "workspaces_1" {
  provider = flashback
  name     = "Research"
}

import {
  to       = flashback_workspace.workspaces_1
  provider = flashback
  identity = {
    id = "b2c3d4e5-0001-4000-8000-000000000001"
  }
}



# __generated__ by Terraform
resource "flashback_organization_user" "members_0" {
  provider    = flashback
  email       = "ada@example.com"
  last_name   = "Lovelace"
  name        = "Ada"
  password_wo = null # sensitive
  role        = "OWNER"
  send_invite = true
}

import {
  to       = flashback_organization_user.members_0
  provider = flashback
  identity = {
    id = "a1b2c3d4-0001-4000-8000-000000000001"
  }
}

resource "flashback_organization_user" "members_1" {
  provider    = flashback
  email       = "alan@example.com"
  last_name   = "Turing"
  name        = "Alan"
  password_wo = null # sensitive
  role        = "ADMINISTRATOR"
  send_invite = true
}

import {
  to       = flashback_organization_user.members_1
  provider = flashback
  identity = {
    id = "a1b2c3d4-0003-4000-8000-000000000003"
  }
}

resource "flashback_organization_user" "members_2" {
  provider    = flashback
  email       = "claude@contractor.example.net"
  last_name   = "Shannon"
  name        = "Claude"
  password_wo = null # sensitive
  role        = "BILLING"
  send_invite = true
}

import {
  to       = flashback_organization_user.members_2
  provider = flashback
  identity = {
    id = "a1b2c3d4-0005-4000-8000-000000000005"
  }
}

resource "flashback_organization_user" "members_3" {
  provider    = flashback
  email       = "edsger@example.com"
  last_name   = "Dijkstra"
  name        = "Edsger"
  password_wo = null # sensitive
  role        = "USER"
  send_invite = true
}

import {
  to       = flashback_organization_user.members_3
  provider = flashback
  identity = {
    id = "a1b2c3d4-0006-4000-8000-000000000006"
  }
}

resource "flashback_organization_user" "members_4" {
  provider    = flashback
  email       = "grace@example.com"
  last_name   = "Hopper"
  name        = "Grace"
  password_wo = null # sensitive
  role        = "OWNER"
  send_invite = true
}

import {
  to       = flashback_organization_user.members_4
  provider = flashback
  identity = {
    id = "a1b2c3d4-0002-4000-8000-000000000002"
  }
}

resource "flashback_organization_user" "members_5" {
  provider    = flashback
  email       = "katherine@example.com"
  last_name   = "Johnson"
  name        = "Katherine"
  password_wo = null # sensitive
  role        = "WORKSPACES"
  send_invite = true
}

import {
  to       = flashback_organization_user.members_5
  provider = flashback
  identity = {
    id = "a1b2c3d4-0004-4000-8000-000000000004"
  }
}



# __generated__ by Terraform
resource "flashback_workspace_user" "access_0" {
  provider     = flashback
  role         = "ADMIN"
  user_id      = "a1b2c3d4-0001-4000-8000-000000000001"
  workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
}

import {
  to       = flashback_workspace_user.access_0
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0001-4000-8000-000000000001"
    workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
  }
}

resource "flashback_workspace_user" "access_1" {
  provider     = flashback
  role         = "ADMIN"
  user_id      = "a1b2c3d4-0002-4000-8000-000000000002"
  workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
}

import {
  to       = flashback_workspace_user.access_1
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0002-4000-8000-000000000002"
    workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
  }
}

resource "flashback_workspace_user" "access_2" {
  provider     = flashback
  role         = "WRITE"
  user_id      = "a1b2c3d4-0004-4000-8000-000000000004"
  workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
}

import {
  to       = flashback_workspace_user.access_2
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0004-4000-8000-000000000004"
    workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
  }
}

resource "flashback_workspace_user" "access_3" {
  provider     = flashback
  role         = "READ"
  user_id      = "a1b2c3d4-0007-4000-8000-000000000007"
  workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
}

import {
  to       = flashback_workspace_user.access_3
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0007-4000-8000-000000000007"
    workspace_id = "b2c3d4e5-0002-4000-8000-000000000002"
  }
}

resource "flashback_workspace_user" "access_4" {
  provider     = flashback
  role         = "ADMIN"
  user_id      = "a1b2c3d4-0001-4000-8000-000000000001"
  workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
}

import {
  to       = flashback_workspace_user.access_4
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0001-4000-8000-000000000001"
    workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
  }
}

resource "flashback_workspace_user" "access_5" {
  provider     = flashback
  role         = "WRITE"
  user_id      = "a1b2c3d4-0003-4000-8000-000000000003"
  workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
}

import {
  to       = flashback_workspace_user.access_5
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0003-4000-8000-000000000003"
    workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
  }
}

resource "flashback_workspace_user" "access_6" {
  provider     = flashback
  role         = "READ"
  user_id      = "a1b2c3d4-0006-4000-8000-000000000006"
  workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
}

import {
  to       = flashback_workspace_user.access_6
  provider = flashback
  identity = {
    user_id      = "a1b2c3d4-0006-4000-8000-000000000006"
    workspace_id = "b2c3d4e5-0001-4000-8000-000000000001"
  }
}


