# The code of a role name, as the users' org_role holds it.
output "administrator_code" {
  value = provider::flashback::role_code("ADMINISTRATOR") # 254
}

# A name that is not a role is an error, so a variable can be checked at plan time.
variable "required_role" {
  type    = string
  default = "WORKSPACES"

  validation {
    condition     = can(provider::flashback::role_code(var.required_role))
    error_message = "required_role must be a Flashback role name: USER, BILLING, WORKSPACES, ADMINISTRATOR or OWNER."
  }
}
