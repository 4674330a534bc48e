// Command durablefn-cdk is durablefn with the cdk format: `durablefn synth
// --format cdk` runs it. It links aws-cdk-go (and needs Node 22 for the
// cdk format); durablefn does not, so that every other command starts
// without the CDK's package initialisation.
//
//	go install github.com/durablefn/durablefn/cmd/durablefn-cdk@latest
package main

import (
	"os"

	"github.com/durablefn/durablefn/internal/cli"
	"github.com/durablefn/durablefn/internal/cli/cdkformat"
)

func main() {
	cli.TuneGC()
	cli.RegisterCDK(cdkformat.Render)
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
