#!/usr/bin/env bash
# End-to-end benchmark: times `terraform plan` reading an organization of
# 1,000, 10,000 and 100,000 users through this provider, against a local
# fake API, and the same list read with jsondecode(file("users.json")).
# Reports median wall times and the provider process's peak RSS.
#
# usage: TERRAFORM=path/to/terraform scripts/bench.sh
#        BENCH_SIZES="1000 10000" BENCH_RUNS=5 to change the defaults
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:?set TERRAFORM to the Terraform CLI (make bench does)}
sizes=${BENCH_SIZES:-1000 10000 100000}
runs=${BENCH_RUNS:-5}
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
build_binaries
use_local_provider
provider="$bin/terraform-provider-flashback"
export FLASHBACK_ACCESS_TOKEN=bench-token

mkdir -p "$work/provider" "$work/jsondecode"
cat > "$work/provider/main.tf" <<'TF'
terraform {
  required_providers {
    flashback = { source = "flashbacknetwork/flashback" }
  }
}
provider "flashback" {}
data "flashback_organization_users" "all" {
  include_deleted = true
}
output "users" {
  value = length(data.flashback_organization_users.all.users)
}
TF
cat > "$work/jsondecode/main.tf" <<'TF'
locals {
  users = jsondecode(file("${path.module}/users.json")).data
}
output "users" {
  value = length(local.users)
}
TF

# peak_rss_kib PID: the largest VmHWM of the provider processes seen while PID runs.
peak_rss_kib() {
  local watched=$1 peak=0 hwm
  while kill -0 "$watched" 2>/dev/null; do
    for p in $(pgrep -f "^$provider" || true); do
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
    done
    sleep 0.01
  done
  echo "$peak"
}

# time_plan DIR WANT: seconds for one plan in DIR, checking that it read WANT users.
time_plan() {
  local dir=$1 want=$2 start end
  start=$(date +%s%N)
  "$terraform" -chdir="$dir" plan -input=false -lock=false -no-color > "$dir/plan.log" 2>&1 &
  local pid=$!
  peak_rss_kib "$pid" > "$dir/rss"
  wait "$pid" || { cat "$dir/plan.log" >&2; echo "bench: plan failed in $dir" >&2; exit 1; }
  end=$(date +%s%N)
  grep -q "users = $want" "$dir/plan.log" || { cat "$dir/plan.log" >&2; echo "bench: plan in $dir did not read $want users" >&2; exit 1; }
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}'
}

median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

printf '%-8s %11s %14s %16s %8s %15s %13s\n' users payload_MB provider_plan_s jsondecode_plan_s ratio provider_rss_MB rss/payload
for n in $sizes; do
  start_fake_api -token bench-token -users "$n" -body-file "$work/jsondecode/users.json"
  export FLASHBACK_BASE_URL=$api_url

  # One untimed run of each warms the page cache and the CLI.
  time_plan "$work/provider" "$n" > /dev/null
  time_plan "$work/jsondecode" "$n" > /dev/null
  : > "$work/p.times"; : > "$work/j.times"; rss=0
  for _ in $(seq "$runs"); do
    time_plan "$work/provider" "$n" >> "$work/p.times"
    r=$(cat "$work/provider/rss"); [ "$r" -gt "$rss" ] && rss=$r
    time_plan "$work/jsondecode" "$n" >> "$work/j.times"
  done
  payload=$(stat -c %s "$work/jsondecode/users.json")
  p=$(median < "$work/p.times"); j=$(median < "$work/j.times")
  awk -v n="$n" -v payload="$payload" -v p="$p" -v j="$j" -v rss="$rss" 'BEGIN {
    printf "%-8s %11.1f %14.3f %16.3f %8.2f %15.1f %13.1f\n", n, payload / 1048576, p, j, p / j, rss / 1024, rss * 1024 / payload
  }'

  stop_fake_api
done
