#!/usr/bin/env bash
# Installs everything the build and the tests need, from the registries this
# project reaches: Go modules, and (when package.json exists) the
# project-local Node 22 toolchain and npm packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
go mod download
if [ -f package-lock.json ] && [ -f scripts/setup-node.sh ]; then
  # node_modules holds Go files (aws-cdk's init templates) that would break
  # `go vet ./...`; package.json's postinstall writes node_modules/go.mod,
  # which makes Go treat it as another module, after every npm ci.
  bash scripts/setup-node.sh
fi
# The real tools the tests run against (present on every machine of this
# project; installed here when missing).
python3 -c 'import samtranslator' 2>/dev/null || pip install 'aws-sam-translator==1.110.0'
command -v cfn-lint >/dev/null 2>&1 || pip install 'cfn-lint==1.51.0'
