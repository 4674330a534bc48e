package lint

import "gopkg.in/yaml.v3"

// walk visits a node and everything under it, depth first, with each
// node's property path. visit returns false to skip a node's children.
func walk(n *yaml.Node, path string, visit func(n *yaml.Node, path string) bool) {
	if n == nil || !visit(n, path) {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			walk(n.Content[i+1], join(path, n.Content[i].Value), visit)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			walk(c, index(path, i), visit)
		}
	}
}
