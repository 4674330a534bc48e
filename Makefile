# `make test` is the README's test command and what CI runs (after
# scripts/setup.sh): every Go test — goldens, the real cfn-lint and SAM
# translator, CDK synth, the CLI — and the examples' durable handler tests.
# It fails when cfn-lint or aws-sam-translator is missing or not at the
# pinned version (internal/realtools). `make test-fast` skips the tests
# that need them instead (DURABLEFN_SKIP_REAL_TOOLS=1; ignored under CI).
.PHONY: test test-fast build vet handlers go-test handler-test fuzz-short bench
GO ?= go

# durablefn-cdk is durablefn with the cdk format (internal/cli/cdkexec.go).
build:
	$(GO) build -o bin/durablefn ./cmd/durablefn
	$(GO) build -o bin/durablefn-cdk ./cmd/durablefn-cdk

vet:
	$(GO) vet ./...

# The examples' specs point at the handlers' compiled output.
handlers:
	npm run -s build

go-test: handlers
	$(GO) test ./...

handler-test:
	npm test

# A short run of every fuzz target (FUZZTIME executions each), minimization
# bounded so that it cannot stall; see docs/testing.md for long campaigns.
fuzz-short:
	bash scripts/fuzz-short.sh

test: vet go-test handler-test fuzz-short

test-fast: export DURABLEFN_SKIP_REAL_TOOLS = 1
test-fast: vet go-test handler-test

# Times durablefn beside the SAM translator, cfn-lint and the CDK as whole
# processes and rewrites the table and chart in docs/performance.md, then
# fails when a Go benchmark is over 2x its figure in bench/baseline.txt
# (meaningful only on the machine kind that recorded it). Not part of
# `make test`: about 10 minutes, and a shared machine is no measurement.
bench:
	bash bench/bench.sh
