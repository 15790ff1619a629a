# The name of a role code; "UNKNOWN" for a code the API reserves for roles to come.
output "role_names" {
  value = [for code in [0, 254, 255, 7] : provider::flashback::role_name(code)] # ["USER", "ADMINISTRATOR", "OWNER", "UNKNOWN"]
}
