package spec

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

// decoder walks a yaml.Node tree, keeping the position of every field and
// collecting every problem instead of stopping at the first.
type decoder struct {
	file  string
	diags diag.List
	pos   map[string]diag.Pos
	// refs are the names intrinsic functions refer to, checked once every
	// name of the spec is known.
	refs []RefUse
	// inCondition is set while a condition is decoded, where {Condition: X}
	// names another condition.
	inCondition bool
}

func (d *decoder) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Column: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, code, path, fix, format string, args ...any) {
	d.diags.Errorf(code, d.at(n), path, fix, format, args...)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "null"
		}
		return "a string"
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// field is one known key of a mapping and how to decode its value.
type field struct {
	name   string
	decode func(n *yaml.Node, path string)
}

// mapping decodes a mapping node strictly: unknown keys and duplicate keys
// are errors, each named with its position. It returns false when n is not
// a mapping.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) bool {
	if !d.checkTag(n, path) {
		return false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeType, path, "", "expected a mapping, got %s", kindName(n))
		return false
	}
	known := make(map[string]field, len(fields))
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		known[f.name] = f
		names = append(names, f.name)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		fp := joinPath(path, key)
		if seen[key] {
			d.errorf(k, CodeDuplicateKey, fp, "remove one of the two", "duplicate key %q", key)
			continue
		}
		seen[key] = true
		f, ok := known[key]
		if !ok {
			d.errorf(k, CodeUnknownField, fp, unknownFix(key, names), "unknown field %q", key)
			continue
		}
		d.pos[fp] = d.at(v)
		f.decode(v, fp)
	}
	return true
}

func unknownFix(key string, names []string) string {
	best, bestD := "", max(1, len(key)/3)+1
	for _, n := range names {
		if dist := diag.EditDistance(key, n); dist < bestD {
			best, bestD = n, dist
		}
	}
	for _, n := range names {
		if best == "" && len(key) >= 4 && strings.HasPrefix(strings.ToLower(n), strings.ToLower(key)) {
			best = n
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "known fields: " + strings.Join(names, ", ")
}

func (d *decoder) str(n *yaml.Node, path string, dst *string) bool {
	if !d.checkTag(n, path) {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, CodeType, path, "", "expected a string, got %s", kindName(n))
		return false
	}
	*dst = n.Value
	return true
}

func (d *decoder) integer(n *yaml.Node, path string, dst *int) bool {
	if !d.checkTag(n, path) {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errorf(n, CodeType, path, "", "expected an integer, got %s %q", kindName(n), n.Value)
		return false
	}
	v, err := strconv.ParseInt(n.Value, 0, 64)
	if err != nil || v > math.MaxInt32 || v < math.MinInt32 {
		d.errorf(n, CodeType, path, "", "%s is not an integer in range", n.Value)
		return false
	}
	*dst = int(v)
	return true
}

func (d *decoder) boolean(n *yaml.Node, path string, dst *bool) {
	if !d.checkTag(n, path) {
		return
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errorf(n, CodeType, path, "", "expected true or false, got %s %q", kindName(n), n.Value)
		return
	}
	*dst = n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

// list decodes a sequence, calling item for each element with its path.
func (d *decoder) list(n *yaml.Node, path string, item func(n *yaml.Node, path string)) {
	if !d.checkTag(n, path) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, CodeType, path, "", "expected a list, got %s", kindName(n))
		return
	}
	for i, c := range n.Content {
		ip := fmt.Sprintf("%s[%d]", path, i)
		d.pos[ip] = d.at(c)
		item(c, ip)
	}
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// parentPath strips the last element of a field path:
// "a.b[2]" → "a.b", "a.b" → "a", "a" → "".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i > 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}
