# The id may be the user's id or its email.
import {
  to = flashback_organization_user.barbara
  id = "barbara@example.com"
}
