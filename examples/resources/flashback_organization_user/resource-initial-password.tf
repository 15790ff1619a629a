# With Terraform 1.11 or later, an initial password can be set. password_wo is
# write-only: it is sent when the user is created and kept in no plan or
# state. Pass it through an ephemeral variable (Terraform 1.10+), so that no
# saved plan keeps it either: TF_VAR_initial_password=... terraform apply
variable "initial_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "flashback_organization_user" "service" {
  email       = "ci-service@example.com"
  name        = "CI"
  last_name   = "Service"
  password_wo = var.initial_password
}
