#!/usr/bin/env bash
# End-to-end benchmark: times whole `terraform plan` runs that read an
# organization through this provider, against a local fake API, next to the
# same work done with jsondecode(file("users.json")). Reports median wall
# times and the provider process's peak RSS. Two runs:
#
# - list:   every user, at 1,000, 10,000 and 100,000 users, each size also
#           with jsondecode.
# - policy: a policy check (the ADMINISTRATORs and OWNERs, each with a
#           company address, as a postcondition) on an organization where 1
#           user in 10,000 is an ADMINISTRATOR, at 250,000 users (also with
#           jsondecode) and 1,000,000 users (the provider alone: jsondecode
#           needs minutes and gigabytes there). The million-user row is
#           checked against the targets: plan within 5 s, peak RSS at most
#           1.5 times the payload.
#
# usage: TERRAFORM=path/to/terraform scripts/bench.sh
#   BENCH_SIZES="1000 10000"        list run sizes ("" skips the run)
#   BENCH_POLICY_SIZES="1000000"    policy run sizes ("" skips the run)
#   BENCH_JSONDECODE_MAX=250000     largest policy size also timed with jsondecode
#   BENCH_RUNS=5                    timed runs per list size, after one untimed run
#   BENCH_POLICY_RUNS=3             the same for the policy run (jsondecode takes
#                                   minutes a run at 250,000 users)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:?set TERRAFORM to the Terraform CLI (make bench does)}
sizes=${BENCH_SIZES-1000 10000 100000}
policy_sizes=${BENCH_POLICY_SIZES-250000 1000000}
jsondecode_max=${BENCH_JSONDECODE_MAX:-250000}
runs=${BENCH_RUNS:-5}
policy_runs=${BENCH_POLICY_RUNS:-3}
# The million-user targets (issue 13).
target_users=1000000 target_plan_s=5 target_rss_ratio=1.5
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
build_binaries
use_local_provider
provider="$bin/terraform-provider-flashback"
export FLASHBACK_ACCESS_TOKEN=bench-token

provider_header='terraform {
  required_providers {
    flashback = { source = "flashbacknetwork/flashback" }
  }
}
provider "flashback" {}'

mkdir -p "$work/list/provider" "$work/list/jsondecode" "$work/policy/provider" "$work/policy/jsondecode"
cat > "$work/list/provider/main.tf" <<TF
$provider_header
data "flashback_organization_users" "all" {
  include_deleted = true
}
output "users" {
  value = length(data.flashback_organization_users.all.users)
}
TF
cat > "$work/list/jsondecode/main.tf" <<'TF'
locals {
  users = jsondecode(file("${path.module}/users.json")).data
}
output "users" {
  value = length(local.users)
}
TF
# The policy: every active ADMINISTRATOR or OWNER uses a company address.
cat > "$work/policy/provider/main.tf" <<TF
$provider_header
data "flashback_organization_users" "admins" {
  min_role = "ADMINISTRATOR"
  lifecycle {
    postcondition {
      condition     = alltrue([for u in self.users : endswith(lower(u.email), "@example.com")])
      error_message = "Every ADMINISTRATOR and OWNER must use a company address."
    }
  }
}
output "users" {
  value = data.flashback_organization_users.admins.total
}
output "admins" {
  value = length(data.flashback_organization_users.admins.users)
}
TF
cat > "$work/policy/jsondecode/main.tf" <<'TF'
locals {
  users  = jsondecode(file("${path.module}/users.json")).data
  admins = [for u in local.users : u if u.deletedAt == null && u.orgRole >= 254]
}
output "users" {
  value = length(local.users)
}
output "admins" {
  value = length(local.admins)
  precondition {
    condition     = alltrue([for u in local.admins : endswith(lower(u.email), "@example.com")])
    error_message = "Every ADMINISTRATOR and OWNER must use a company address."
  }
}
TF

# The provider's peak RSS comes from GNU time, which runs it: the CLI
# starts a wrapper in place of the provider, so that no polling takes CPU
# from the runs being timed. Each run appends the peak, in KiB, to $rss_log.
gnu_time=${GNU_TIME:-/usr/bin/time}
"$gnu_time" -f %M true 2>/dev/null || { echo "bench: GNU time is needed at $gnu_time (set GNU_TIME)" >&2; exit 1; }
rss_log="$work/rss.log"
mkdir -p "$work/wrap"
cat > "$work/wrap/terraform-provider-flashback" <<SH
#!/bin/sh
exec "$gnu_time" -a -o "$rss_log" -f %M "$provider" "\$@"
SH
chmod +x "$work/wrap/terraform-provider-flashback"
sed -i "s|\"$bin\"|\"$work/wrap\"|" "$TF_CLI_CONFIG_FILE"

# time_plan DIR WANT: seconds for one plan in DIR, checking that it read
# WANT users. The provider's peak RSS, when it ran, goes to DIR/rss.
time_plan() {
  local dir=$1 want=$2 start end
  : > "$rss_log"
  start=$(date +%s%N)
  "$terraform" -chdir="$dir" plan -input=false -lock=false -no-color > "$dir/plan.log" 2>&1 ||
    { cat "$dir/plan.log" >&2; echo "bench: plan failed in $dir" >&2; exit 1; }
  end=$(date +%s%N)
  grep -Eq "^ *\+ users +=  *$want\$" "$dir/plan.log" || { cat "$dir/plan.log" >&2; echo "bench: plan in $dir did not read $want users" >&2; exit 1; }
  sort -n "$rss_log" | tail -1 > "$dir/rss"
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}'
}

# admins DIR: the number of administrators the last plan in DIR found.
admins() { sed -n 's/^ *+ *admins *= *//p' "$1/plan.log"; }

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

# bench_size RUN N JSONDECODE RUNS: times RUN (list or policy) at N users,
# RUNS times, with jsondecode too when JSONDECODE is 1, and prints one row
# of the table.
bench_size() {
  local kind=$1 n=$2 with_jsondecode=$3 runs=$4 rss=0 r p j=0 payload
  local dir="$work/$kind"
  local fake_args=(-token bench-token -users "$n" -body-file "$dir/jsondecode/users.json")
  [ "$kind" = policy ] && fake_args+=(-admin-every 10000)
  start_fake_api "${fake_args[@]}"
  export FLASHBACK_BASE_URL=$api_url

  # One untimed run of each warms the page cache and the CLI.
  time_plan "$dir/provider" "$n" > /dev/null
  [ "$with_jsondecode" = 1 ] && time_plan "$dir/jsondecode" "$n" > /dev/null
  : > "$work/p.times"; : > "$work/j.times"
  for _ in $(seq "$runs"); do
    time_plan "$dir/provider" "$n" >> "$work/p.times"
    r=$(cat "$dir/provider/rss"); [ "$r" -gt "$rss" ] && rss=$r
    [ "$with_jsondecode" = 1 ] && time_plan "$dir/jsondecode" "$n" >> "$work/j.times"
  done
  if [ "$kind" = policy ] && [ "$with_jsondecode" = 1 ] && [ "$(admins "$dir/provider")" != "$(admins "$dir/jsondecode")" ]; then
    echo "bench: the provider found $(admins "$dir/provider") administrators, jsondecode $(admins "$dir/jsondecode")" >&2
    exit 1
  fi
  payload=$(stat -c %s "$dir/jsondecode/users.json")
  p=$(median < "$work/p.times")
  [ "$with_jsondecode" = 1 ] && j=$(median < "$work/j.times")
  awk -v n="$n" -v payload="$payload" -v p="$p" -v j="$j" -v rss="$rss" 'BEGIN {
    js = "-"; ratio = "-"
    if (j > 0) { js = sprintf("%.3f", j); ratio = sprintf("%.2f", p / j) }
    printf "%-8s %11.1f %14.3f %16s %8s %15.1f %13.2f\n", n, payload / 1048576, p, js, ratio, rss / 1024, rss * 1024 / payload
  }' | tee -a "$work/$kind.rows"
  stop_fake_api
  rm -f "$dir/jsondecode/users.json"
}

header() { printf '%-8s %11s %14s %16s %8s %15s %13s\n' users payload_MB provider_plan_s jsondecode_plan_s ratio provider_rss_MB rss/payload; }

if [ -n "$sizes" ]; then
  echo "list: every user (include_deleted = true), the length of the list"
  header
  for n in $sizes; do bench_size list "$n" 1 "$runs"; done
fi

if [ -n "$policy_sizes" ]; then
  echo
  echo "policy: min_role = \"ADMINISTRATOR\" and a postcondition on each; 1 user in 10,000 is an ADMINISTRATOR"
  header
  for n in $policy_sizes; do
    with_jsondecode=0; [ "$n" -le "$jsondecode_max" ] && with_jsondecode=1
    bench_size policy "$n" "$with_jsondecode" "$policy_runs"
  done
  awk -v n="$target_users" -v ts="$target_plan_s" -v tr="$target_rss_ratio" '
    $1 == n { found = 1
      printf "\n%d users: plan %.3f s (target %s s: %s), peak RSS %.2f x the payload (target %s: %s)\n",
        n, $3, ts, ($3 <= ts ? "met" : "MISSED"), $7, tr, ($7 <= tr ? "met" : "MISSED") }
  ' "$work/policy.rows"
fi
