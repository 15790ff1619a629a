import {
  to = flashback_organization_user.barbara
  identity = {
    id = "8f14e45f-ceea-4e7a-9b1c-0c3b7a1d2e55"
  }
}
