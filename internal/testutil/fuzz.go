package testutil

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// ReachesOut reports whether a fuzzed spec could point local code out of
// the fuzz directory (an absolute path, a home path, ..): hashing a real
// tree on every run would measure the disk, not the code under test.
// Aliases are not followed: the spec refuses them before it reads any
// code.
func ReachesOut(data []byte) bool {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return false
	}
	var walk func(n *yaml.Node) bool
	walk = func(n *yaml.Node) bool {
		if n.Kind == yaml.ScalarNode && (strings.HasPrefix(n.Value, "/") || strings.HasPrefix(n.Value, "~") || strings.Contains(n.Value, "..")) {
			return true
		}
		for _, c := range n.Content {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(&doc)
}
