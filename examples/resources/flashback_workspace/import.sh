# By the workspace's id. The access token's user must be a member of the
# workspace: the API shows a workspace to its members only.
terraform import flashback_workspace.research 3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01
