package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// The output format follows rain's cft/format, the conventional
// CloudFormation style: sections and resource attributes in canonical order
// (Type first), short-form intrinsics (!Ref, !GetAtt A.B, !Sub), two-space
// indentation, a blank line between sections and between resources.
//
// Why not call rain's formatter: it was measured at 5.6 ms and 2.6 MB per
// function (560 ms for 100 functions, docs/performance.md), ten times over
// our budget, because it round-trips every node through YAML. This file
// writes the same bytes (every golden was first produced by rain and is
// unchanged by this formatter) from plain data in one pass, with yaml.v3
// doing the YAML encoding.

// topOrder is the canonical order of a template's sections.
var topOrder = []string{"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs"}

// resourceOrder is the canonical order of a resource's attributes.
var resourceOrder = []string{"Type", "Condition", "DependsOn", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "Properties"}

// outputOrder is the canonical order of an output's attributes.
var outputOrder = []string{"Description", "Condition", "Value", "Export"}

// shortForms maps intrinsic functions to their YAML tags. Condition is left
// out: as a one-key mapping it is as likely a property as the intrinsic.
var shortForms = map[string]string{
	"Ref": "!Ref", "Fn::GetAtt": "!GetAtt", "Fn::Sub": "!Sub", "Fn::Join": "!Join",
	"Fn::Equals": "!Equals", "Fn::If": "!If", "Fn::Not": "!Not", "Fn::And": "!And", "Fn::Or": "!Or",
	"Fn::Select": "!Select", "Fn::Split": "!Split", "Fn::GetAZs": "!GetAZs", "Fn::ImportValue": "!ImportValue",
	"Fn::FindInMap": "!FindInMap", "Fn::Base64": "!Base64", "Fn::Cidr": "!Cidr", "Fn::Length": "!Length",
	"Fn::ToJsonString": "!ToJsonString",
}

// FormatJSONTemplate formats a template given as CloudFormation JSON (long-form
// intrinsics) as YAML or JSON in the canonical order.
func FormatJSONTemplate(src []byte, f Format) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("formatting template: %w", err)
	}
	return FormatTemplate(v, f)
}

// FormatTemplate formats a template held as plain data (maps, slices,
// strings, json.Number, bools) with long-form intrinsics.
func FormatTemplate(v map[string]any, f Format) ([]byte, error) {
	if f == JSON {
		var b bytes.Buffer
		writeJSON(&b, v, 0, "")
		b.WriteByte('\n')
		return b.Bytes(), nil
	}
	e := &emitter{scalars: map[string]string{}}
	e.mapping(toNode(v, 0, ""), 0)
	return spaceOut(e.buf.Bytes()), nil
}

// keysOf orders a mapping's keys: canonical orders by position in the
// template (section is the top-level key the mapping lies under),
// alphabetical elsewhere.
func keysOf(m map[string]any, depth int, section string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	var order []string
	switch {
	case depth == 0:
		order = topOrder
	case depth == 2 && section == "Resources":
		order = resourceOrder
	case depth == 2 && section == "Outputs":
		order = outputOrder
	}
	rank := func(k string) int {
		for i, o := range order {
			if o == k {
				return i
			}
		}
		return len(order)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := rank(keys[i]), rank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// childSection is the section a child of a mapping at depth lies under.
func childSection(depth int, section, key string) string {
	if depth == 0 {
		return key
	}
	return section
}

// toNode builds the YAML node of a value at a depth under a section.
func toNode(v any, depth int, section string) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, inner := range x {
				if tag, ok := shortForms[k]; ok {
					return intrinsicNode(k, tag, inner, depth)
				}
			}
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range keysOf(x, depth, section) {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}
			n.Content = append(n.Content, key, toNode(x[k], depth+1, childSection(depth, section, k)))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, item := range x {
			n.Content = append(n.Content, toNode(item, depth+1, section))
		}
		return n
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
		if strings.Contains(x, "\n") {
			n.Style = yaml.LiteralStyle
		}
		return n
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(string(x), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(x)}
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: fmt.Sprint(x)}
	case int, int64, uint64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(x)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v)}
}

// intrinsicNode writes an intrinsic function in short form: !GetAtt A.B
// for a two-string GetAtt, otherwise the tag on the argument's node.
func intrinsicNode(fn, tag string, arg any, depth int) *yaml.Node {
	if fn == "Fn::GetAtt" {
		if l, ok := arg.([]any); ok && len(l) == 2 {
			a, aok := l[0].(string)
			b, bok := l[1].(string)
			if aok && bok {
				return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: a + "." + b}
			}
		}
	}
	n := toNode(arg, depth, "")
	n.Tag = tag
	if n.Kind == yaml.ScalarNode {
		n.Style &^= yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle
	}
	return n
}

// spaceOut puts a blank line between top-level sections and between the
// entries of a section (resources, outputs), outside block scalars.
func spaceOut(in []byte) []byte {
	lines := strings.Split(strings.TrimRight(string(in), "\n"), "\n")
	var out strings.Builder
	lastIndent, blockIndent := 0, -1
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		indent := len(line) - len(trimmed)
		inBlock := false
		if blockIndent >= 0 {
			if indent <= blockIndent && line != "" {
				blockIndent = -1
			} else {
				inBlock = true
			}
		}
		if !inBlock && isBlockHeader(strings.TrimRight(line, " ")) {
			blockIndent = indent
		}
		if i > 0 && !inBlock && indent <= lastIndent && (indent == 0 || indent == 2) {
			out.WriteByte('\n')
		}
		out.WriteString(line)
		out.WriteByte('\n')
		if !inBlock {
			lastIndent = indent
		}
	}
	return []byte(out.String())
}

// isBlockHeader reports whether a line opens a block scalar: it ends in
// | or >, optionally followed by a chomping and an indentation indicator.
func isBlockHeader(line string) bool {
	i := len(line) - 1
	for i >= 0 && (line[i] == '+' || line[i] == '-' || (line[i] >= '0' && line[i] <= '9')) {
		i--
	}
	return i >= 1 && (line[i] == '|' || line[i] == '>') && line[i-1] == ' '
}

// writeJSON writes a value as two-space-indented JSON in canonical order.
func writeJSON(b *bytes.Buffer, v any, depth int, section string) {
	indent := strings.Repeat("  ", depth)
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, k := range keysOf(x, depth, section) {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(indent + "  ")
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteString(": ")
			writeJSON(b, x[k], depth+1, childSection(depth, section, k))
		}
		b.WriteString("\n" + indent + "}")
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, item := range x {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(indent + "  ")
			writeJSON(b, item, depth+1, section)
		}
		b.WriteString("\n" + indent + "]")
	default:
		var sb bytes.Buffer
		enc := json.NewEncoder(&sb)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(x) // plain data cannot fail
		b.Write(bytes.TrimRight(sb.Bytes(), "\n"))
	}
}

// emitter writes the block-style YAML of a node tree. yaml.v3 decides how
// each single-line scalar is written (plain or quoted), once per distinct
// string; the emitter writes the structure, which is all block style.
type emitter struct {
	buf     bytes.Buffer
	scalars map[string]string
}

func (e *emitter) indent(n int) {
	for range n {
		e.buf.WriteByte(' ')
	}
}

// scalar writes a scalar's text: plain or quoted as yaml.v3 would, tagged
// when it is an intrinsic.
func (e *emitter) scalar(n *yaml.Node, indent int) {
	if n.Tag != "" && n.Tag[0] == '!' && !strings.HasPrefix(n.Tag, "!!") {
		e.buf.WriteString(n.Tag)
		e.buf.WriteByte(' ')
	}
	if n.Tag != "!!str" && strings.HasPrefix(n.Tag, "!!") {
		e.buf.WriteString(n.Value) // numbers, booleans, null
		return
	}
	if n.Style == yaml.LiteralStyle {
		e.literal(n.Value, indent)
		return
	}
	if plainSafe(n.Value) {
		e.buf.WriteString(n.Value)
		return
	}
	text, ok := e.scalars[n.Value]
	if !ok {
		b, err := yaml.Marshal(n.Value)
		if err != nil { // cannot happen for a string; keep a safe form
			b, _ = json.Marshal(n.Value)
		}
		text = strings.TrimSuffix(string(b), "\n")
		e.scalars[n.Value] = text
	}
	e.buf.WriteString(text)
}

// literal writes a multi-line string as a literal block scalar.
func (e *emitter) literal(s string, indent int) {
	chomp := "-"
	body := s
	if strings.HasSuffix(s, "\n") {
		chomp = ""
		body = strings.TrimSuffix(s, "\n")
		if strings.HasSuffix(body, "\n") {
			chomp = "+"
		}
	}
	lead := ""
	if strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\n") {
		lead = "2"
	}
	e.buf.WriteString("|" + lead + chomp)
	for _, line := range strings.Split(body, "\n") {
		e.buf.WriteByte('\n')
		if line != "" {
			e.indent(indent + 2)
			e.buf.WriteString(line)
		}
	}
}

// isTagged reports whether a node carries an intrinsic's short-form tag.
func isTagged(n *yaml.Node) bool {
	return n.Tag != "" && n.Tag[0] == '!' && !strings.HasPrefix(n.Tag, "!!")
}

// value writes a node that follows "key:" or "- " on the current line; a
// block collection starts on the next line at the given indent.
func (e *emitter) value(n *yaml.Node, indent int, afterDash bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if !afterDash {
			e.buf.WriteByte(' ')
		}
		e.scalar(n, indent-2)
		e.buf.WriteByte('\n')
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			e.buf.WriteString(pre(afterDash) + "{}\n")
			return
		}
		if isTagged(n) {
			e.buf.WriteString(pre(afterDash) + n.Tag + "\n")
			e.mapping(n, indent)
			return
		}
		if afterDash {
			e.mappingInline(n, indent)
			return
		}
		e.buf.WriteByte('\n')
		e.mapping(n, indent)
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			e.buf.WriteString(pre(afterDash) + "[]\n")
			return
		}
		if isTagged(n) {
			e.buf.WriteString(pre(afterDash) + n.Tag + "\n")
			e.sequence(n, indent)
			return
		}
		if afterDash {
			e.sequenceInline(n, indent)
			return
		}
		e.buf.WriteByte('\n')
		e.sequence(n, indent)
	}
}

func pre(afterDash bool) string {
	if afterDash {
		return ""
	}
	return " "
}

// mapping writes every entry of a mapping at indent.
func (e *emitter) mapping(n *yaml.Node, indent int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		e.indent(indent)
		e.entry(n.Content[i], n.Content[i+1], indent)
	}
}

// mappingInline writes a mapping that starts after "- ": its first key on
// the dash's line, the others at indent.
func (e *emitter) mappingInline(n *yaml.Node, indent int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if i > 0 {
			e.indent(indent)
		}
		e.entry(n.Content[i], n.Content[i+1], indent)
	}
}

func (e *emitter) entry(k, v *yaml.Node, indent int) {
	e.scalar(k, indent)
	e.buf.WriteByte(':')
	e.value(v, indent+2, false)
}

// sequence writes every item of a sequence at indent, each after "- ".
func (e *emitter) sequence(n *yaml.Node, indent int) {
	for _, item := range n.Content {
		e.indent(indent)
		e.item(item, indent)
	}
}

// sequenceInline writes a sequence that starts after "- ".
func (e *emitter) sequenceInline(n *yaml.Node, indent int) {
	for i, item := range n.Content {
		if i > 0 {
			e.indent(indent)
		}
		e.item(item, indent)
	}
}

func (e *emitter) item(n *yaml.Node, indent int) {
	e.buf.WriteString("- ")
	e.value(n, indent+2, true)
}

// plainSafe reports, conservatively, whether a string reads back as the
// same string when written plain: it starts with a letter or $, holds only
// characters with no meaning in YAML flow or block context at those
// places, and is not one of the words YAML reads as a boolean or null. For
// any other string yaml.v3 decides.
func plainSafe(s string) bool {
	if s == "" || s[len(s)-1] == ':' || s[len(s)-1] == ' ' {
		return false
	}
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("_./${}*@=+()-", c) >= 0:
		case c == ':' || c == ' ':
			if i+1 < len(s) && (s[i+1] == ' ' || (c == ' ' && s[i+1] == '#')) {
				return false
			}
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "true", "false", "on", "off", "null":
		return false
	}
	return true
}
