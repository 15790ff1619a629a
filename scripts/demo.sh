#!/usr/bin/env bash
# Builds the provider and a local fake Flashback API serving a sample
# organization, then runs `terraform apply` on examples/quickstart through a
# dev_overrides CLI config, and shows the outputs. Then it manages a team
# with examples/membership: creates two members, promotes one and removes
# the other; and its access with examples/workspaces: creates a workspace,
# adds two members and changes one's role. Run it with `make demo`.
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

# apply_membership LABEL ARGS...: applies examples/membership with ARGS, and
# shows what changed: each member's change, the warning of the check block.
apply_membership() {
  echo "--> $1"
  shift
  if ! "$terraform" apply -auto-approve -input=false -no-color "$@" > "$work/membership.log" 2>&1; then
    cat "$work/membership.log" >&2
    echo "demo: terraform apply failed" >&2
    exit 1
  fi
  grep -E '^flashback_organization_user\..*complete' "$work/membership.log"
  # The check block's warning, its wrapped lines joined.
  awk '/Waiting for these members/ { on = 1 } /^[│ ]*$/ { on = 0 } on' "$work/membership.log" | sed 's/^│ //' | paste -sd' ' - |
    sed 's/^/warning: /'
  grep -E '^Apply complete' "$work/membership.log"
}

echo
echo "==> managing a team with examples/membership, against the same organization"
mkdir "$work/membership"
cp "$root/examples/membership/main.tf" "$root/examples/membership/provider.tf" "$work/membership/"
cd "$work/membership"
apply_membership "create the team: barbara (WORKSPACES) and frances (USER), each invited"
cat > promoted.tfvars <<'VARS'
team = {
  "barbara@example.com" = { name = "Barbara", last_name = "Liskov", role = "ADMINISTRATOR" }
  "frances@example.com" = { name = "Frances", last_name = "Allen" }
}
VARS
apply_membership "promote barbara to ADMINISTRATOR: updated in place" -var-file=promoted.tfvars
cat > removed.tfvars <<'VARS'
team = {
  "barbara@example.com" = { name = "Barbara", last_name = "Liskov", role = "ADMINISTRATOR" }
}
VARS
apply_membership "remove frances: deleted (Flashback keeps the user as deleted)" -var-file=removed.tfvars
echo
echo "==> terraform output"
"$terraform" output -no-color

# apply_workspaces LABEL ARGS...: applies examples/workspaces with ARGS, and
# shows each change of a workspace or a membership.
apply_workspaces() {
  echo "--> $1"
  shift
  if ! "$terraform" apply -auto-approve -input=false -no-color "$@" > "$work/workspaces.log" 2>&1; then
    cat "$work/workspaces.log" >&2
    echo "demo: terraform apply failed" >&2
    exit 1
  fi
  grep -E '^flashback_workspace(_user)?\..*complete' "$work/workspaces.log"
  grep -E '^Apply complete' "$work/workspaces.log"
}

echo
echo "==> managing the team's access with examples/workspaces, against the same organization"
mkdir "$work/workspaces"
cp "$root/examples/workspaces/main.tf" "$root/examples/workspaces/provider.tf" "$work/workspaces/"
cd "$work/workspaces"
cat > team.tfvars <<'VARS'
workspaces = { research = "Research" }
access = {
  "barbara@example.com" = { research = "WRITE" }
  "edsger@example.com"  = { research = "READ" }
}
VARS
apply_workspaces "create the Research workspace (ada, the token's user, is its ADMIN), add barbara (WRITE) and edsger (READ)" \
  -var-file=team.tfvars
cat > promoted.tfvars <<'VARS'
workspaces = { research = "Research" }
access = {
  "barbara@example.com" = { research = "ADMIN" }
  "edsger@example.com"  = { research = "READ" }
}
VARS
apply_workspaces "make barbara an ADMIN of Research: updated in place" -var-file=promoted.tfvars
echo
echo "==> terraform output"
"$terraform" output -no-color
