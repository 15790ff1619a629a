#!/usr/bin/env bash
# The docs gate (make docscheck): docs/ is generated from the schemas,
# examples/ and templates/, and committed. make generate must change nothing
# under docs/ or examples/: the state of those files before and after it must
# be the same. Then `tfplugindocs validate` (the version tools/go.mod pins) checks
# the pages as the registry reads them: front matter, folders, one page per
# type. TERRAFORM names the CLI make generate formats examples/ with, and the
# one tfplugindocs reads the provider's schema with.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TERRAFORM:?set TERRAFORM to the terraform binary}"

docs_state() {
  git ls-files --cached --others --exclude-standard -- docs examples | sort -u |
    while IFS= read -r f; do
      if [ -e "$f" ]; then sha256sum -- "$f"; else echo "deleted  $f"; fi
    done
}

before=$(docs_state)
make --no-print-directory generate TERRAFORM="$TERRAFORM"
after=$(docs_state)
if [ "$before" != "$after" ]; then
  echo "docs/ or examples/ are out of date: run 'make generate' and commit the result" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  git diff -- docs examples >&2
  exit 1
fi
echo "docscheck: docs/ and examples/ are as make generate writes them"

# validate logs every file it reads: show its output only when it fails.
if ! out=$(cd tools && PATH="$(dirname "$TERRAFORM"):$PATH" \
    go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs validate --provider-dir .. --provider-name flashback 2>&1); then
  echo "$out" >&2
  echo "docs/ fail tfplugindocs validate: fix the page it names (through templates/ or the schema), then make generate" >&2
  exit 1
fi
echo "docscheck: tfplugindocs validate passes"
