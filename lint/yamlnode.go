package lint

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Helpers over yaml.Node: the linter reads templates as nodes so that
// intrinsics stay as written and every value keeps its position.

// entry is one key and its value in a mapping.
type entry struct {
	key, val *yaml.Node
}

func isMap(n *yaml.Node) bool { return n != nil && n.Kind == yaml.MappingNode }
func isSeq(n *yaml.Node) bool { return n != nil && n.Kind == yaml.SequenceNode }

// entries lists a mapping's entries in order; nil for anything else.
func entries(m *yaml.Node) []entry {
	if !isMap(m) {
		return nil
	}
	out := make([]entry, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, entry{m.Content[i], m.Content[i+1]})
	}
	return out
}

// get returns the key and value nodes of a mapping entry, or nils.
func get(m *yaml.Node, key string) (k, v *yaml.Node) {
	if !isMap(m) {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// val returns a mapping entry's value node, or nil.
func val(m *yaml.Node, key string) *yaml.Node {
	_, v := get(m, key)
	return v
}

// str returns a plain scalar's text: a scalar without an intrinsic tag.
func str(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || isCustomTag(n.Tag) {
		return "", false
	}
	return n.Value, true
}

// isNull reports whether a node is absent or a YAML null.
func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// isCustomTag reports whether a tag is a CloudFormation short-form
// intrinsic (!Ref, !Sub …) rather than a YAML core tag (!!str, !!int …).
func isCustomTag(tag string) bool {
	return strings.HasPrefix(tag, "!") && !strings.HasPrefix(tag, "!!")
}

// items returns a sequence's items, or the node itself as a list of one
// when it is a single value (many CloudFormation lists accept a scalar).
func items(n *yaml.Node) []*yaml.Node {
	switch {
	case n == nil:
		return nil
	case isSeq(n) && !isCustomTag(n.Tag):
		return n.Content
	}
	return []*yaml.Node{n}
}

// kindName names a node's kind for messages.
func kindName(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	if name, _, ok := intrinsic(n); ok {
		return "an intrinsic (" + name + ")"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "null"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	}
	return "a string"
}

// join appends a key to a property path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index appends a list index to a property path.
func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// intrinsic recognizes a CloudFormation intrinsic function, in its short
// form (a tag: !Ref, !GetAtt, !Sub …) or its long form (a mapping with the
// one key Ref, Condition or Fn::*). It returns the long name ("Ref",
// "Fn::Sub") and the argument. For a short form the argument is a copy of
// the node without its tag.
func intrinsic(n *yaml.Node) (name string, arg *yaml.Node, ok bool) {
	if n == nil {
		return "", nil, false
	}
	if isCustomTag(n.Tag) {
		short := n.Tag[1:]
		switch short {
		case "Ref", "Condition":
			name = short
		default:
			name = "Fn::" + short
		}
		cp := *n
		cp.Tag = ""
		switch n.Kind {
		case yaml.ScalarNode:
			cp.Tag = "!!str"
		case yaml.SequenceNode:
			cp.Tag = "!!seq"
		case yaml.MappingNode:
			cp.Tag = "!!map"
		}
		return name, &cp, true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
			return k, n.Content[1], true
		}
	}
	return "", nil, false
}

// isNoValue reports whether a node is !Ref AWS::NoValue, which removes the
// property it stands for.
func isNoValue(n *yaml.Node) bool {
	name, arg, ok := intrinsic(n)
	if !ok || name != "Ref" {
		return false
	}
	s, _ := str(arg)
	return s == "AWS::NoValue"
}
