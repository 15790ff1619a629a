# Every option of the provider block; the terraform block is the one above.
provider "flashback" {
  # Credentials: an access token (or FLASHBACK_ACCESS_TOKEN), or an email
  # and a password the provider signs in with (or FLASHBACK_EMAIL and
  # FLASHBACK_PASSWORD), never both.
  access_token = var.flashback_access_token
  # email    = "terraform-ci@example.com"
  # password = var.flashback_password

  # Another API host (or FLASHBACK_BASE_URL).
  base_url = "https://backend.flashback.tech"

  # How long one request may take, and how failed requests are retried.
  request_timeout = "1m"
  max_retries     = 6
  retry_wait_min  = "2s"
  retry_wait_max  = "1m"

  # A private CA to trust besides the system's, for a deployment behind a
  # corporate CA:
  # ca_certificate = file("${path.module}/corp-ca.pem")
}

variable "flashback_access_token" {
  type      = string
  sensitive = true
}
