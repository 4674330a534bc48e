// Command durablefn deploys AWS Lambda durable functions from one spec
// file: it validates the spec, renders it as CloudFormation or SAM, prints
// the IAM policies outside systems attach, and prints the spec's JSON
// Schema for editors.
//
//	durablefn validate durable.yaml
//	durablefn synth --format sam -o template.yaml durable.yaml
//	durablefn synth --format sam -o template.yaml --check durable.yaml
//	durablefn policy callback-sender --function-arn arn:aws:lambda:us-east-1:123456789012:function:orders
//	durablefn schema > durable.schema.json
//
// Exit codes, the same in every command: 0 success; 1 the spec or the
// template has problems (a spec with errors, lint findings, a file that is
// not a template, a stale --check, a malformed ARN); 2 a usage error (an
// unknown command, flag, format or role, a missing argument), or input
// that cannot be read or an output that cannot be written (a missing
// file, a FIFO, a file over the 5 MB cap, -o naming the spec or a
// symbolic link). No Go stack trace reaches the user: a panic is reported
// as one line, exit 1. See docs/security.md.
//
// The command holds no rules of its own: spec validates, cfngen and samgen
// render, policies writes the IAM statements.
//
// The cdk format runs in durablefn-cdk (cmd/durablefn-cdk), found beside
// this binary, on PATH or in $DURABLEFN_CDK: linking aws-cdk-go here would
// cost every command ~15 ms and ~14 MiB of package initialisation.
package main

import (
	"os"

	"github.com/durablefn/durablefn/internal/cli"
)

func main() {
	cli.TuneGC()
	cli.RegisterCDKHelper()
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
