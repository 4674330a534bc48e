package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
var topOrder = []string{"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs"}

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
		if err := check(v); err != nil {
			return nil, fmt.Errorf("formatting template: %w", err)
		}
		var b bytes.Buffer
		writeJSON(&b, v, 0, "")
		b.WriteByte('\n')
		return b.Bytes(), nil
	}
	if len(v) == 0 {
		return []byte("{}\n"), nil
	}
	e := &emitter{scalars: map[string]string{}}
	if res, ok := v["Resources"].(map[string]any); ok {
		e.buf.Grow(512 * len(res)) // about what a resource takes
	}
	e.mapping(v, 0, 0, "")
	if e.refused {
		// The emitter checks what it writes; the message needs the path.
		if err := checkValue(v, ""); err != nil {
			return nil, fmt.Errorf("formatting template: %w", err)
		}
	}
	return spaceOut(e.buf.Bytes()), nil
}

// keysOf orders a mapping's keys: canonical orders by position in the
// template (section is the top-level key the mapping lies under),
// alphabetical elsewhere.
func keysOf(m map[string]any, depth int, section string) []string {
	return appendKeys(make([]string, 0, len(m)), m, depth, section)
}

// appendKeys is keysOf appending to keys.
func appendKeys(keys []string, m map[string]any, depth int, section string) []string {
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
	if order == nil {
		slices.Sort(keys)
		return keys
	}
	rank := func(k string) int {
		for i, o := range order {
			if o == k {
				return i
			}
		}
		return len(order)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
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

// spaceOut puts a blank line between top-level sections and between the
// entries of a section (resources, outputs), outside block scalars.
func spaceOut(in []byte) []byte {
	in = bytes.TrimRight(in, "\n")
	if len(in) == 0 {
		return []byte("\n")
	}
	out := make([]byte, 0, len(in)+len(in)/16)
	lastIndent, blockIndent := 0, -1
	for i := 0; len(in) > 0; i++ {
		line := in
		if nl := bytes.IndexByte(in, '\n'); nl >= 0 {
			line, in = in[:nl], in[nl+1:]
		} else {
			in = nil
		}
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		inBlock := false
		if blockIndent >= 0 {
			if indent <= blockIndent && len(line) > 0 {
				blockIndent = -1
			} else {
				inBlock = true
			}
		}
		if !inBlock && isBlockHeader(bytes.TrimRight(line, " ")) {
			blockIndent = indent
		}
		if i > 0 && !inBlock && indent <= lastIndent && (indent == 0 || indent == 2) {
			out = append(out, '\n')
		}
		out = append(out, line...)
		out = append(out, '\n')
		if !inBlock {
			lastIndent = indent
		}
	}
	return out
}

// isBlockHeader reports whether a line opens a block scalar: it ends in
// | or >, optionally followed by a chomping and an indentation indicator.
func isBlockHeader(line []byte) bool {
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

// emitter writes the block-style YAML of plain data in one pass. yaml.v3
// decides how each single-line string that is not plainly safe is written
// (plain or quoted), once per distinct string; the emitter writes the
// structure, which is all block style.
type emitter struct {
	buf     bytes.Buffer
	scalars map[string]string
	// refused is set when a key or a scalar is one checkValue refuses:
	// the emitter checks as it writes, saving a walk of the template.
	refused bool
	// free holds key slices to reuse, one per level of nesting at most.
	free [][]string
}

const spaces = "                                                                "

func (e *emitter) indent(n int) {
	for n > len(spaces) {
		e.buf.WriteString(spaces)
		n -= len(spaces)
	}
	e.buf.WriteString(spaces[:n])
}

// intrinsic returns the short-form tag and argument of a one-key mapping
// that is an intrinsic function. A short form is used only when it reads
// back as the same long form: the argument is a string, a list or a
// mapping (a tagged scalar is always read as a string), and !GetAtt A.B
// only for a list of two strings when A holds no dot (a reader splits at
// the first one).
func intrinsic(m map[string]any) (tag string, arg any, ok bool) {
	if len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		t, found := shortForms[k]
		if !found {
			return "", nil, false
		}
		switch x := v.(type) {
		case string:
			if k == "Fn::GetAtt" { // !GetAtt of a string is read as a list
				return "", nil, false
			}
		case map[string]any:
		case []any:
			if k == "Fn::GetAtt" && len(x) == 2 {
				a, aok := x[0].(string)
				b, bok := x[1].(string)
				if aok && bok && !strings.Contains(a, ".") {
					return t, a + "." + b, true
				}
			}
		default:
			return "", nil, false
		}
		return t, v, true
	}
	return "", nil, false
}

// str writes a string: plain when safe, a literal block when multi-line
// and YAML can carry it exactly (see literalSafe), as yaml.v3 would when
// every character is printable on one line, else double-quoted with
// escapes (see quote).
func (e *emitter) str(s string, indent int) {
	if plainSafe(s) {
		e.buf.WriteString(s)
		return
	}
	if strings.Contains(s, "\n") && literalSafe(s) {
		e.literal(s, indent)
		return
	}
	e.buf.WriteString(e.inline(s))
}

// inline returns a string written on one line: as yaml.v3 writes it when
// every character is printable and no line break (once per distinct
// string), else double-quoted with escapes.
func (e *emitter) inline(s string) string {
	if !printableLine(s) || s == "<<" { // yaml.v3 writes << plain, which reads as a merge key
		return quote(s)
	}
	if text, ok := yamlASCII(s); ok {
		return text
	}
	text, ok := e.scalars[s]
	if !ok {
		b, err := yaml.Marshal(s)
		if err != nil { // cannot happen for a string; keep a safe form
			b = []byte(quote(s))
		}
		text = strings.TrimSuffix(string(b), "\n")
		e.scalars[s] = text
	}
	return text
}

// maxSimpleKey is the longest key written as "key:"; a YAML parser looks
// no further than 1,024 characters for the ":" of an implicit key, so a
// longer one is written as an explicit "? key".
const maxSimpleKey = 1024

// key writes a mapping key and its ":", on one line.
func (e *emitter) key(k string, indent int) {
	if !utf8.ValidString(k) {
		e.refused = true
	}
	text := k
	if !plainSafe(k) {
		text = e.inline(k)
	}
	if len(text) > maxSimpleKey {
		e.buf.WriteString("? " + text + "\n")
		e.indent(indent)
	} else {
		e.buf.WriteString(text)
	}
	e.buf.WriteByte(':')
}

// scalar writes a value that is not a collection.
func (e *emitter) scalar(v any, indent int) {
	switch x := v.(type) {
	case string:
		if !utf8.ValidString(x) {
			e.refused = true
		}
		e.str(x, indent)
		return
	case bool:
		e.buf.WriteString(strconv.FormatBool(x))
		return
	}
	if checkValue(v, "") != nil {
		e.refused = true
	}
	switch x := v.(type) {
	case json.Number:
		e.buf.WriteString(string(x))
	case nil:
		e.buf.WriteString("null")
	default:
		fmt.Fprint(&e.buf, x)
	}
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
	if strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\t") || strings.HasPrefix(body, "\n") {
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

// value writes a value that follows "key:" or "- " on the current line; a
// block collection starts on the next line at indent (or, after "- ", on
// the dash's line).
func (e *emitter) value(v any, indent int, afterDash bool, depth int, section string) {
	sep := " "
	if afterDash {
		sep = ""
	}
	switch x := v.(type) {
	case map[string]any:
		if tag, arg, ok := intrinsic(x); ok {
			e.buf.WriteString(sep + tag)
			switch a := arg.(type) {
			case map[string]any:
				if len(a) > 0 {
					e.buf.WriteByte('\n')
					e.mapping(a, indent, depth, "")
					return
				}
			case []any:
				if len(a) > 0 {
					e.buf.WriteByte('\n')
					e.sequence(a, indent, false, depth, "")
					return
				}
			}
			e.value(arg, indent, false, depth, "")
			return
		}
		switch {
		case len(x) == 0:
			e.buf.WriteString(sep + "{}\n")
		case afterDash:
			e.mappingFrom(x, indent, depth, section, true)
		default:
			e.buf.WriteByte('\n')
			e.mapping(x, indent, depth, section)
		}
	case []any:
		switch {
		case len(x) == 0:
			e.buf.WriteString(sep + "[]\n")
		case afterDash:
			e.sequence(x, indent, true, depth, section)
		default:
			e.buf.WriteByte('\n')
			e.sequence(x, indent, false, depth, section)
		}
	default:
		e.buf.WriteString(sep)
		e.scalar(x, indent-2)
		e.buf.WriteByte('\n')
	}
}

// mapping writes every entry of a mapping at indent.
func (e *emitter) mapping(m map[string]any, indent, depth int, section string) {
	e.mappingFrom(m, indent, depth, section, false)
}

// mappingFrom writes a mapping; onDashLine puts its first key on the
// current line (after "- ").
func (e *emitter) mappingFrom(m map[string]any, indent, depth int, section string, onDashLine bool) {
	var keys []string
	if n := len(e.free); n > 0 {
		keys, e.free = e.free[n-1], e.free[:n-1]
	}
	keys = appendKeys(keys[:0], m, depth, section)
	for i, k := range keys {
		if i > 0 || !onDashLine {
			e.indent(indent)
		}
		e.key(k, indent)
		e.value(m[k], indent+2, false, depth+1, childSection(depth, section, k))
	}
	clear(keys)
	e.free = append(e.free, keys)
}

// sequence writes every item after "- "; onDashLine puts the first item on
// the current line.
func (e *emitter) sequence(l []any, indent int, onDashLine bool, depth int, section string) {
	for i, item := range l {
		if i > 0 || !onDashLine {
			e.indent(indent)
		}
		e.buf.WriteString("- ")
		e.value(item, indent+2, true, depth+1, section)
	}
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
		case plainPunct[c]:
		case c == ':' || c == ' ':
			if i+1 < len(s) && (s[i+1] == ' ' || (c == ' ' && s[i+1] == '#')) {
				return false
			}
		default:
			return false
		}
	}
	if len(s) <= len("false") {
		for _, w := range [...]string{"y", "yes", "n", "no", "true", "false", "on", "off", "null"} {
			if strings.EqualFold(s, w) {
				return false
			}
		}
	}
	return true
}

// plainPunct holds the punctuation plainSafe lets through.
var plainPunct = func() (t [256]bool) {
	for _, c := range []byte("_./${}*@=+()-") {
		t[c] = true
	}
	return t
}()
