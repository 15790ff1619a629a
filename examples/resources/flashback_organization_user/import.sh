# By the user's id:
terraform import flashback_organization_user.barbara 8f14e45f-ceea-4e7a-9b1c-0c3b7a1d2e55

# By email: an import ID holding "@" is an email, matched as the
# flashback_organization_user data source matches one (ASCII letters in
# either case). A deleted user cannot be imported: declare it and apply, and
# the provider reactivates it.
terraform import flashback_organization_user.barbara barbara@example.com
