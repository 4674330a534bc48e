package durable_test

import (
	"os"
	"testing"

	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/nodeenv"
)

// TestMain points jsii at the project's Node 22 (when scripts/setup-node.sh
// has installed it) and silences its Node version banner, before the first
// CDK call starts Node.
func TestMain(m *testing.M) {
	nodeenv.Setup()
	code := m.Run()
	// Stop Node and let jsii remove its temporary directory.
	jsii.Close()
	os.Exit(code)
}
