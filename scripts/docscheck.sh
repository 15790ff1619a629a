#!/usr/bin/env bash
# The docs gate (make docscheck): docs/ is generated from the schemas,
# examples/ and templates/, and committed. make generate must change nothing
# under docs/ or examples/: the state of those files before and after it must
# be the same. TERRAFORM names the CLI make generate formats examples/ with.
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
