# WORKSPACE_ID/USER_ID, or WORKSPACE_ID/EMAIL.
import {
  to = flashback_workspace_user.barbara
  id = "3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01/barbara@example.com"
}
