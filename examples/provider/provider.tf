provider "flashback" {
  # Better left out and read from FLASHBACK_ACCESS_TOKEN, so that the token
  # stays out of the configuration. Tokens last one hour.
  access_token = var.flashback_access_token

  # Or, instead of a token, let the provider sign in with an email and a
  # password, better read from FLASHBACK_EMAIL and FLASHBACK_PASSWORD: it
  # signs in once per run, and again when the one-hour token expires. See
  # the authentication guide.
  # email    = "terraform-ci@example.com"
  # password = var.flashback_password

  # Optional. Defaults to FLASHBACK_BASE_URL, then https://backend.flashback.tech.
  base_url = "https://backend.flashback.tech"

  # Optional. How long one request may take, and how failed requests are retried.
  request_timeout = "30s"
  max_retries     = 4
  retry_wait_min  = "1s"
  retry_wait_max  = "30s"

  # Optional. The PEM of a private CA, for a deployment behind a corporate
  # CA; it is trusted besides the system's CAs.
  ca_certificate = file("${path.module}/corp-ca.pem")
}

variable "flashback_access_token" {
  type      = string
  sensitive = true
}
