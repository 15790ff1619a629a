#!/usr/bin/env bash
# Builds a pinned Terraform or OpenTofu CLI from its Go module into the tools folder.
#
# HashiCorp's release downloads are unreachable from our machines, so we build
# the CLI from source through the Go module proxy. The build is skipped when the
# binary for that exact version is already there.
#
# usage: scripts/install-cli.sh terraform|tofu VERSION DEST_DIR
set -euo pipefail

kind=${1:?usage: install-cli.sh terraform|tofu VERSION DEST_DIR}
version=${2:?missing version}
dest=${3:?missing destination folder}

case "$kind" in
  terraform) module=github.com/hashicorp/terraform; pkg=. ;;
  tofu)      module=github.com/opentofu/opentofu;   pkg=./cmd/tofu ;;
  *) echo "install-cli.sh: unknown CLI '$kind' (want terraform or tofu)" >&2; exit 2 ;;
esac

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
bin="$dest/$kind"
export TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1
if [ -x "$bin" ] && grep -Eqx "(Terraform|OpenTofu) v${version#v}" <<<"$("$bin" version 2>/dev/null)"; then
  exit 0
fi

echo "==> building $kind ${version} from the Go module proxy (a few minutes, once)" >&2

export GOFLAGS=-mod=mod
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

src=$(cd "$work" && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] || { echo "install-cli.sh: could not download $module@$version" >&2; exit 1; }
cp -r "$src" "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"

if [ "$kind" = terraform ] && grep -q 'internal/backend/remote-state/s3' go.mod; then
  # Terraform >= 1.9 keeps some remote-state backends and internal/legacy as nested
  # modules that the module zip leaves out. Drop them; provider tests need none of them.
  nested='internal/backend/remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)|internal/legacy'
  grep -vE "hashicorp/terraform/($nested)" go.mod > go.mod.new && mv go.mod.new go.mod
  grep -vE "hashicorp/terraform/($nested)\"|backendS3|backendAzure|backendConsul|backendCos|backendGCS|backendKubernetes|backendOCI|backendOSS|backendPg" \
    internal/backend/init/init.go > init.go.new && mv init.go.new internal/backend/init/init.go
fi

# Go drops godebug settings once their behaviour is gone for good, and then
# refuses a go.mod that still names one (Terraform 1.11 pins tlskyber=0,
# which Go 1.24 and later do not know). Drop the settings this Go does not know.
known="$(go env GOROOT)/src/internal/godebugs/table.go"
for setting in $(sed -n 's/^godebug[[:space:]]\{1,\}\([a-z0-9]*\)=.*/\1/p' go.mod); do
  if [ -f "$known" ] && ! grep -q "Name: \"$setting\"" "$known"; then
    echo "==> dropping 'godebug $setting' from go.mod: Go $(go env GOVERSION) does not know it" >&2
    sed -i "/^godebug[[:space:]]\{1,\}$setting=/d" go.mod
  fi
done

go build -trimpath -ldflags "-s -w -X '$module/version.dev=no'" -o "$bin.tmp" "$pkg"
mv "$bin.tmp" "$bin"
# sed reads all the output: head would close the pipe early, and with
# pipefail the CLI's SIGPIPE would fail the build (exit 141).
"$bin" version | sed -n 1p >&2
