#!/usr/bin/env bash
# Runs every fuzz target of the Go packages (not constructs/ nor examples/,
# which need Node) for a short time each, so that `make test` can include
# fuzzing. -fuzzminimizetime bounds the minimization of each new input, so a
# run cannot stall there. A crasher is written to the package's
# testdata/fuzz/FuzzXxx/ and fails the run: read it, fix the code, keep the
# file as a regression seed.
#
#   FUZZTIME      budget per target (default 20000x: executions, not seconds).
#                 A duration races Go 1.26's fuzz coordinator, which can end
#                 a clean run with "context deadline exceeded" and no input
#                 (golang/go#75804, fixed in Go 1.27); a count cannot.
#   FUZZ_PARALLEL fuzzing workers per target (default 1; the machine is shared)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-20000x}
parallel=${FUZZ_PARALLEL:-1}

targets=$(grep -rl --include='*_test.go' '^func Fuzz' . | grep -v -e '^./constructs/' -e '^./examples/' | sort |
	while read -r file; do
		for t in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
			echo "./$(dirname "${file#./}") $t"
		done
	done)
if [ -z "$targets" ]; then
	echo "fuzz-short: no fuzz target found" >&2
	exit 1
fi

status=0
while read -r pkg target; do
	echo "fuzz-short: $pkg $target for $fuzztime"
	if ! go test -run='^$' -fuzz="^${target}\$" -fuzztime="$fuzztime" -fuzzminimizetime=2000x -parallel="$parallel" "$pkg"; then
		status=1
	fi
done <<<"$targets"
exit $status
