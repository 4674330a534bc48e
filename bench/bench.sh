#!/usr/bin/env bash
# What `make bench` runs: builds bin/durablefn and the Go CDK bench app,
# times durablefn beside the SAM translator, cfn-lint and the CDK
# (bench/run.py: the table and chart in docs/performance.md), then checks
# the Go benchmarks against bench/baseline.txt (bench/regress.py).
# Arguments go to bench/run.py (e.g. --no-write, --sizes 1,10).
# Needs what scripts/setup.sh installs. About 8-10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
go build -o bin/durablefn ./cmd/durablefn
go build -o bin/durablefn-cdk ./cmd/durablefn-cdk
go build -o bin/durable-bench ./constructs/durable/bench
python3 bench/run.py "$@"
python3 bench/regress.py
