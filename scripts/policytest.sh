#!/usr/bin/env bash
# Runs the .tftest.hcl of each policy under examples/policies, without the
# API (mock_provider and override_data), on each CLI given that can run it,
# and says why it skips the others:
# - Terraform before 1.7 has no mock_provider;
# - Terraform 1.7 to 1.16.x cannot override the users of
#   flashback_organization_users, nor the workspaces of flashback_workspaces
#   ("incompatible types; expected object type,
#   found tuple", hashicorp/terraform#38369, a bug with the nested list
#   attributes of framework providers); the policies on the organization
#   alone run there.
# The provider is built here and reached through dev_overrides.
#
# usage: scripts/policytest.sh CLI...
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || { echo "usage: policytest.sh CLI..." >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/bin/terraform-provider-flashback" .)
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "flashbacknetwork/flashback" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# version_at_least A B: whether version A is B or later.
version_at_least() {
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]
}

failed=
for cli in "$@"; do
  # The tests run in another folder: a relative path would not reach the CLI there.
  cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
  # The first line of `version`: "Terraform v1.16.4" or "OpenTofu v1.12.6"
  # (read whole: a pipe closed early would fail the script under pipefail).
  line=$("$cli" version 2>/dev/null || true)
  line=${line%%$'\n'*}
  name=${line% *}
  version=${line##* v}
  case "$name" in
    Terraform|OpenTofu) ;;
    *) echo "policytest: cannot tell which CLI $cli is from its version: \"$line\"" >&2; exit 1 ;;
  esac
  for test in "$root"/examples/policies/*/*.tftest.hcl; do
    dir=$(dirname "$test")
    policy=$(basename "$dir")
    reason=
    if [ "$name" = Terraform ] && ! version_at_least "$version" 1.7.0; then
      reason="Terraform $version has no mock_provider for terraform test (Terraform 1.7 or later)"
    elif [ "$name" = Terraform ] && ! version_at_least "$version" 1.17.0 && grep -qE '(users|workspaces) = \[' "$test"; then
      reason="Terraform $version cannot override the nested lists of flashback_organization_users and flashback_workspaces in terraform test (\"incompatible types; expected object type, found tuple\": hashicorp/terraform#38369, seen on Terraform 1.14.9 and 1.16.4, fixed after 1.16)"
    fi
    if [ -n "$reason" ]; then
      echo "SKIP $policy on $name $version: $reason"
      continue
    fi
    # A copy, so that the CLI writes nothing under examples/.
    rm -rf "$work/run" && mkdir -p "$work/run" && cp "$dir"/*.tf "$dir"/*.tftest.hcl "$work/run/"
    if out=$(cd "$work/run" && "$cli" test -no-color 2>&1); then
      echo "PASS $policy on $name $version: $(grep -E '^(Success|Failure)!' <<<"$out")"
    else
      echo "FAIL $policy on $name $version:"
      echo "$out"
      failed="$failed $policy($name $version)"
    fi
  done
done
if [ -n "$failed" ]; then
  echo "policytest: these .tftest.hcl failed:$failed" >&2
  exit 1
fi
