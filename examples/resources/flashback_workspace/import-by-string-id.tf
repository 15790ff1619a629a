import {
  to = flashback_workspace.research
  id = "3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01"
}
