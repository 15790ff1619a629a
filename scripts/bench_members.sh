#!/usr/bin/env bash
# Membership at scale (issue 17): times whole `terraform apply` and
# `terraform plan` runs over many flashback_organization_user resources
# against the local fake API, and counts the API calls each made (the
# fake's request log), for this tree's provider ("after") and for one built
# from an older commit ("before"), in the same run so that the machine's
# load weighs on both alike. Reports medians.
#
# - members: for each size, a fresh organization (the 7-user sample), an
#   apply that creates the members, then a plan over them (no changes); the
#   plan's provider CPU seconds too.
# - big org: 5 members in an organization of a million users: apply, then
#   plan; reports the provider's CPU time (all its processes) for the plan.
# - adoption: `terraform query -generate-config-out` over an organization of
#   10,000 users, then the plan that imports them all (Terraform 1.14+).
#
# usage: TERRAFORM=path/to/terraform scripts/bench_members.sh
#   BENCH_MEMBER_SIZES="10 100 1000 5000"   members per run ("" skips)
#   BENCH_MEMBER_RUNS=3                      runs per size (a fresh organization each)
#   BENCH_MEMBER_BIG=1000                    sizes above this run once
#   BENCH_BEFORE=0fb2ae2                     the commit "before" is built from ("" skips it):
#                                            main just before issue 17's changes
#   BENCH_BIG_ORG=1000000                    the big organization's users ("" skips)
#   BENCH_ADOPT=10000                        users to adopt ("" skips)
#   BENCH_FLOOR=1000                         members of the floor: Terraform alone, a plan over
#                                            as many of its own terraform_data ("" skips)
#   BENCH_LATENCY=0                          the fake answers each request this long after it
#                                            arrives (fakeflashback -latency), as a real API
#                                            across a network does; 0 is loopback's speed
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
terraform=${TERRAFORM:?set TERRAFORM to the Terraform CLI (make bench does)}
sizes=${BENCH_MEMBER_SIZES-10 100 1000 5000}
runs=${BENCH_MEMBER_RUNS:-3}
big=${BENCH_MEMBER_BIG:-1000}
before=${BENCH_BEFORE-0fb2ae2}
big_org=${BENCH_BIG_ORG-1000000}
adopt=${BENCH_ADOPT-10000}
floor=${BENCH_FLOOR-1000}
latency=${BENCH_LATENCY:-0}
# shellcheck source=scripts/lib.sh
. "$root/scripts/lib.sh"
build_binaries
use_local_provider
export FLASHBACK_ACCESS_TOKEN=bench-token
gnu_time=${GNU_TIME:-/usr/bin/time}
"$gnu_time" -f %M true 2>/dev/null || { echo "bench: GNU time is needed at $gnu_time (set GNU_TIME)" >&2; exit 1; }

# Each variant's provider runs under GNU time, which appends its CPU
# seconds (user and system) to cpu.log; a CLI config points at each.
variants=(after)
provider_after="$bin/terraform-provider-flashback"
if [ -n "$before" ]; then
  echo "building the provider of $before (before)" >&2
  mkdir -p "$work/before-src" "$work/before-bin"
  git -C "$root" archive "$before" | tar -x -C "$work/before-src"
  (cd "$work/before-src" && go build -o "$work/before-bin/terraform-provider-flashback" .)
  provider_before="$work/before-bin/terraform-provider-flashback"
  variants=(before after)
fi
for v in "${variants[@]}"; do
  provider_var="provider_$v"
  mkdir -p "$work/wrap-$v"
  cat > "$work/wrap-$v/terraform-provider-flashback" <<SH
#!/bin/sh
exec "$gnu_time" -a -o "$work/cpu.log" -f "%U %S" "${!provider_var}" "\$@"
SH
  chmod +x "$work/wrap-$v/terraform-provider-flashback"
  sed "s|\"$bin\"|\"$work/wrap-$v\"|" "$TF_CLI_CONFIG_FILE" > "$work/rc-$v"
done

provider_header='terraform {
  required_providers {
    flashback = { source = "flashbacknetwork/flashback" }
  }
}
provider "flashback" {}'

# members DIR N: a configuration of N members, written as the guides write
# one: for_each over a map held in a local. Terraform evaluates a resource's
# for_each expression again for each of its instances, so an expression that
# builds the keys inline costs each instance all of its work (BENCHMARKS.md,
# "Membership at scale", has the figures).
members_local() {
  cat <<TF
locals {
  # range() makes at most 1,024 values: the keys come in blocks of 1,000.
  members = merge([for b in range(ceil($1 / 1000)) :
  { for i in range(1000) : format("member%05d", b * 1000 + i) => "USER" if b * 1000 + i < $1 }]...)
}
TF
}
members() {
  mkdir -p "$1"
  cat > "$1/main.tf" <<TF
$provider_header
$(members_local "$2")
resource "flashback_organization_user" "m" {
  for_each    = local.members
  email       = "\${each.key}@members.example.com"
  name        = "Member"
  last_name   = each.key
  role        = each.value
  send_invite = false
}
TF
}

# tf VARIANT DIR ARGS...: runs the CLI in DIR with VARIANT's provider, and
# prints the seconds it took, the API calls, the reads of the whole list,
# and the provider's CPU seconds.
tf() {
  local v=$1 dir=$2 start end
  shift 2
  : > "$work/requests.log"
  : > "$work/cpu.log"
  start=$(date +%s%N)
  TF_CLI_CONFIG_FILE="$work/rc-$v" "$terraform" -chdir="$dir" "$@" -no-color > "$dir/out.log" 2>&1 ||
    { tail -40 "$dir/out.log" >&2; echo "bench: terraform $* failed in $dir ($v)" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" -v calls="$(wc -l < "$work/requests.log")" \
    -v lists="$(grep -c '^GET /organization/users ' "$work/requests.log" || true)" \
    -v cpu="$(awk '{s += $1 + $2} END {printf "%.2f", s}' "$work/cpu.log")" \
    'BEGIN {printf "%.3f %d %d %s\n", (b - a) / 1e9, calls, lists, cpu}'
}

# plans VARIANT DIR: $runs plans in DIR with VARIANT's provider, one row
# each (as tf prints it) in plan.rows.
plans() {
  : > "$work/plan.rows"
  for _ in $(seq "$runs"); do tf "$1" "$2" plan -detailed-exitcode -input=false -lock=false >> "$work/plan.rows"; done
}

# median COLUMN FILE: the median of a column.
median() { awk -v c="$1" '{print $c}' "$2" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%g", m}'; }

fake() { start_fake_api -token bench-token -request-log "$work/requests.log" -latency "$latency" "$@"; export FLASHBACK_BASE_URL=$api_url; }

if [ -n "$sizes" ]; then
  echo "members: apply creating N members in the sample organization, then plan over them (medians; latency $latency)"
  printf '%-8s %-7s %8s %7s %7s %8s %7s %7s %7s\n' members build apply_s calls lists plan_s calls lists cpu_s
  for n in $sizes; do
    r=$runs; [ "$n" -gt "$big" ] && r=1
    for v in "${variants[@]}"; do
      : > "$work/apply.rows"; : > "$work/plan.rows"
      for i in $(seq "$r"); do
        dir="$work/members-$v-$n-$i"
        members "$dir" "$n"
        fake
        tf "$v" "$dir" apply -auto-approve -input=false -lock=false >> "$work/apply.rows"
        tf "$v" "$dir" plan -detailed-exitcode -input=false -lock=false >> "$work/plan.rows"
        stop_fake_api
        rm -rf "$dir"
      done
      printf '%-8s %-7s %8s %7s %7s %8s %7s %7s %7s\n' "$n" "$v" \
        "$(median 1 "$work/apply.rows")" "$(median 2 "$work/apply.rows")" "$(median 3 "$work/apply.rows")" \
        "$(median 1 "$work/plan.rows")" "$(median 2 "$work/plan.rows")" "$(median 3 "$work/plan.rows")" "$(median 4 "$work/plan.rows")"
    done
  done
fi

if [ -n "$floor" ]; then
  echo
  echo "floor: Terraform alone, a plan over N of its own terraform_data with the same for_each (median of $runs)"
  printf '%-8s %8s\n' members plan_s
  for n in $floor; do
    dir="$work/floor-$n"
    mkdir -p "$dir"
    cat > "$dir/main.tf" <<TF
$(members_local "$n")
resource "terraform_data" "m" {
  for_each = local.members
  input    = { email = "\${each.key}@members.example.com", name = "Member", last_name = each.key, role = each.value }
}
TF
    tf after "$dir" apply -auto-approve -input=false -lock=false > /dev/null
    plans after "$dir"
    printf '%-8s %8s\n' "$n" "$(median 1 "$work/plan.rows")"
    rm -rf "$dir"
  done
fi

if [ -n "$big_org" ]; then
  echo
  echo "big org: 5 members in an organization of $big_org users: plan (median of $runs), the provider's CPU seconds"
  printf '%-8s %8s %7s %7s %8s\n' build plan_s calls lists cpu_s
  fake -users "$big_org"
  for v in "${variants[@]}"; do
    dir="$work/big-$v"
    members "$dir" 5
    tf "$v" "$dir" apply -auto-approve -input=false -lock=false > /dev/null
    plans "$v" "$dir"
    printf '%-8s %8s %7s %7s %8s\n' "$v" "$(median 1 "$work/plan.rows")" "$(median 2 "$work/plan.rows")" \
      "$(median 3 "$work/plan.rows")" "$(median 4 "$work/plan.rows")"
    # The members of one build are destroyed, so that the other creates its own.
    tf "$v" "$dir" destroy -auto-approve -input=false -lock=false > /dev/null
  done
  stop_fake_api
fi

if [ -n "$adopt" ]; then
  echo
  echo "adoption: terraform query -generate-config-out over $adopt users, then the plan that imports them"
  printf '%-8s %9s %7s %8s %7s %7s\n' build query_s calls plan_s calls lists
  for v in "${variants[@]}"; do
    dir="$work/adopt-$v"
    mkdir -p "$dir"
    echo "$provider_header" > "$dir/provider.tf"
    cat > "$dir/members.tfquery.hcl" <<TF
list "flashback_organization_user" "members" {
  provider = flashback
  limit    = $adopt
}
TF
    fake -users "$adopt"
    q=$(tf "$v" "$dir" query -generate-config-out=members.tf)
    p=$(tf "$v" "$dir" plan -input=false -lock=false)
    grep -Eq "Plan: [0-9]+ to import" "$dir/out.log" || { tail -20 "$dir/out.log" >&2; echo "bench: the adoption plan imports nothing" >&2; exit 1; }
    stop_fake_api
    read -r qs qc _ _ <<< "$q"
    read -r ps pc pl _ <<< "$p"
    printf '%-8s %9s %7s %8s %7s %7s\n' "$v" "$qs" "$qc" "$ps" "$pc" "$pl"
  done
fi
