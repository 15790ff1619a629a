provider "flashback" {
  # Better left out and read from FLASHBACK_ACCESS_TOKEN, so that the token
  # stays out of the configuration. Tokens last one hour.
  access_token = var.flashback_access_token

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
