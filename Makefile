# `make test` is the README's test command and what CI runs (after
# scripts/setup.sh): every Go test — goldens, the real cfn-lint and SAM
# translator, CDK synth, the CLI — and the examples' durable handler tests.
.PHONY: test build vet handlers go-test handler-test
GO ?= go

build:
	$(GO) build -o bin/durablefn ./cmd/durablefn

vet:
	$(GO) vet ./...

# The examples' specs point at the handlers' compiled output.
handlers:
	npm run -s build

go-test: handlers
	$(GO) test ./...

handler-test:
	npm test

test: vet go-test handler-test
