import {
  to = flashback_workspace_user.barbara
  identity = {
    workspace_id = "3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01"
    user_id      = "8f14e45f-ceea-4e7a-9b1c-0c3b7a1d2e55"
  }
}
