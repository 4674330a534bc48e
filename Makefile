# The test command of the README: every Go test (goldens, real cfn-lint,
# the real SAM translator, CLI) and, when set up, the example handlers.
.PHONY: test build vet
GO ?= go

build:
	$(GO) build -o bin/durablefn ./cmd/durablefn

vet:
	$(GO) vet ./...

test: vet
	$(GO) test ./...
