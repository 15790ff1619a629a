#!/usr/bin/env bash
# Builds the provider and a local fake Flashback API serving a sample
# organization, then runs `terraform apply` on examples/quickstart through a
# dev_overrides CLI config, and shows the outputs. Run it with `make demo`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:?set TERRAFORM to the Terraform CLI (make demo does)}
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"

echo "==> building the provider and the fake Flashback API"
build_binaries
token="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
start_fake_api -token "$token"
url=$api_url
use_local_provider
cp "$root/examples/quickstart/main.tf" "$work/"

echo "==> terraform apply on examples/quickstart, against $url"
cd "$work"
export FLASHBACK_BASE_URL="$url" FLASHBACK_ACCESS_TOKEN="$token"
if ! "$terraform" apply -auto-approve -input=false -no-color > "$work/apply.log" 2>&1; then
  cat "$work/apply.log" >&2
  echo "demo: terraform apply failed" >&2
  exit 1
fi
grep -E '^data\.|^Apply complete' "$work/apply.log"
echo
echo "==> terraform output"
"$terraform" output -no-color
