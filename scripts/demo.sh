#!/usr/bin/env bash
# Builds the provider and a local fake Flashback API serving a sample
# organization, then runs `terraform apply` on examples/quickstart through a
# dev_overrides CLI config, and shows the outputs. Run it with `make demo`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:?set TERRAFORM to the Terraform CLI (make demo does)}
bin="$root/bin"
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the provider and the fake Flashback API"
mkdir -p "$bin"
(cd "$root" && go build -o "$bin/terraform-provider-flashback" . && go build -o "$bin/fakeflashback" ./internal/fakeapi/fakeflashback)

token="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
"$bin/fakeflashback" -addr 127.0.0.1:0 -token "$token" -url-file "$work/url" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { echo "demo: the fake Flashback API did not start" >&2; exit 1; }
url=$(cat "$work/url")

cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "flashbacknetwork/flashback" = "$bin"
  }
  direct {}
}
RC
cp "$root/examples/quickstart/main.tf" "$work/"

echo "==> terraform apply on examples/quickstart, against $url"
cd "$work"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
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
