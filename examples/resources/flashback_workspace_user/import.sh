# By the workspace's id and the member's user id:
terraform import flashback_workspace_user.barbara 3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01/8f14e45f-ceea-4e7a-9b1c-0c3b7a1d2e55

# By the workspace's id and the member's email, matched as every email
# lookup of the provider matches (ASCII letters in either case):
terraform import flashback_workspace_user.barbara 3b1f0c6e-7d2a-4c55-9e8b-5f6a7b8c9d01/barbara@example.com
