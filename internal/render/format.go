package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	e := &emitter{}
	if scratch.TryLock() {
		e.out = scratch.buf[:0]
		defer func() {
			if cap(e.out) <= maxScratch {
				scratch.buf = e.out
			}
			scratch.Unlock()
		}()
	} else if res, ok := v["Resources"].(map[string]any); ok {
		e.out = make([]byte, 0, 512*len(res)) // about what a resource takes
	}
	e.mapping(v, 0, 0, "")
	if e.refused {
		// The emitter checks what it writes; the message needs the path.
		if err := checkValue(v, ""); err != nil {
			return nil, fmt.Errorf("formatting template: %w", err)
		}
	}
	return slices.Clone(e.out), nil
}

// scratch is the buffer a template is written into, kept from one
// template to the next (a sync.Pool would drop it at every collection,
// which comes every template or two), so that the template is copied out
// at its size instead of written into a new buffer sized by a guess or
// grown by doubling: that was a third of the bytes rendering allocated.
// A template formatted while another is is written into a buffer of its
// own.
var scratch struct {
	sync.Mutex
	buf []byte
}

// maxScratch is the largest buffer scratch keeps: CloudFormation's limit
// on a template's size (facts.MaxTemplateBytes), and some.
const maxScratch = 2 << 20

// keysOf orders a mapping's keys (see compareKeys).
func keysOf(m map[string]any, depth int, section string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	order := orderOf(depth, section)
	slices.SortFunc(keys, func(a, b string) int { return compareKeys(order, a, b) })
	return keys
}

// orderOf is the canonical order of the keys of a mapping at depth under
// section (the top-level key the mapping lies under), nil where keys are
// alphabetical.
func orderOf(depth int, section string) []string {
	switch {
	case depth == 0:
		return topOrder
	case depth == 2 && section == "Resources":
		return resourceOrder
	case depth == 2 && section == "Outputs":
		return outputOrder
	}
	return nil
}

// compareKeys orders keys by their position in order, then keys order does
// not name alphabetically.
func compareKeys(order []string, a, b string) int {
	if order != nil {
		if c := cmp.Compare(rank(order, a), rank(order, b)); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

func rank(order []string, k string) int {
	for i, o := range order {
		if o == k {
			return i
		}
	}
	return len(order)
}

// childSection is the section a child of a mapping at depth lies under.
func childSection(depth int, section, key string) string {
	if depth == 0 {
		return key
	}
	return section
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
// (plain or quoted; see appendYAMLASCII and marshalString); the emitter
// writes the structure, which is all block style.
type emitter struct {
	out []byte
	// refused is set when a key or a scalar is one checkValue refuses:
	// the emitter checks as it writes, saving a walk of the template.
	refused bool
	// started is set once a line is written; last is the indentation of
	// the line last started with line.
	started bool
	last    int
}

// entry is a key of a mapping and its value; rank is the key's place in
// a canonical order (see sortEntries).
type entry struct {
	key  string
	val  any
	rank int
}

const spaces = "                                                                "

func (e *emitter) indent(n int) {
	for n > len(spaces) {
		e.out = append(e.out, spaces...)
		n -= len(spaces)
	}
	e.out = append(e.out, spaces[:n]...)
}

// line starts a line at indentation n, after a blank line when it is a
// top-level key (n = 0) or an entry of a section (n = 2) that is not
// deeper than the line before: a blank line goes between sections, and
// between the resources, outputs and other entries of a section. The
// lines of a literal block are written with indent, not line, so a blank
// line never lands inside one.
func (e *emitter) line(n int) {
	if e.started && n <= 2 && n <= e.last {
		e.out = append(e.out, '\n')
	}
	e.started, e.last = true, n
	e.indent(n)
}

// entries appends a small mapping's entries to es in the order they are
// written (see compareKeys), read in one pass over the map, and returns a
// large mapping's (largeEntries). Callers pass a slice of an array on
// their stack: sorting moves the entries' pointers, which costs a write
// barrier each on the heap while the GC runs.
func entries(es []entry, m map[string]any, depth int, section string) []entry {
	if len(m) == 1 {
		// Most one-entry mappings are the intrinsics the generators
		// write: a lookup in a small map costs a fraction of starting an
		// iteration over it.
		for _, k := range commonIntrinsics {
			if v, ok := m[k]; ok {
				return append(es, entry{key: k, val: v})
			}
		}
	}
	order := orderOf(depth, section)
	if len(m) > maxInsertionSort {
		return largeEntries(m, order)
	}
	for k, v := range m {
		es = append(es, entry{key: k, val: v})
	}
	if len(es) > 1 {
		sortEntries(es, order)
	}
	return es
}

// largeEntries is entries for a large mapping (the resources, the
// outputs): its keys are sorted as strings, then looked up, which takes
// half the time of sorting entries or indexes of entries.
func largeEntries(m map[string]any, order []string) []entry {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if order == nil {
		slices.Sort(keys)
	} else {
		slices.SortFunc(keys, func(a, b string) int { return compareKeys(order, a, b) })
	}
	es := make([]entry, len(keys))
	for i, k := range keys {
		es[i] = entry{key: k, val: m[k]}
	}
	return es
}

// commonIntrinsics are the keys of the one-entry mappings the generators
// write most often.
var commonIntrinsics = [...]string{"Ref", "Fn::GetAtt", "Fn::Sub"}

// smallMapping is the number of entries read into an array on the stack;
// a larger mapping's entries go to the heap.
const smallMapping = 8

// maxInsertionSort is the size of the largest mapping whose entries are
// insertion-sorted (sortEntries).
const maxInsertionSort = 12

// sortEntries sorts the entries of a small mapping as compareKeys orders
// their keys, in place, without a call per comparison.
func sortEntries(es []entry, order []string) {
	if order != nil {
		for i := range es {
			es[i].rank = rank(order, es[i].key)
		}
	}
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].before(&es[j-1]); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// before reports whether en is written before o.
func (en *entry) before(o *entry) bool {
	return en.rank < o.rank || en.rank == o.rank && en.key < o.key
}

// intrinsic returns the short-form tag of the one entry of a mapping when
// it is an intrinsic function, and whether its argument is written A.B. A
// short form is used only when it reads back as the same long form: the
// argument is a string, a list or a mapping (a tagged scalar is always
// read as a string), and !GetAtt A.B only for a list of two strings when A
// holds no dot (a reader splits at the first one).
func intrinsic(k string, v any) (tag string, dotted, ok bool) {
	t, found := shortForms[k]
	if !found {
		return "", false, false
	}
	switch x := v.(type) {
	case string:
		if k == "Fn::GetAtt" { // !GetAtt of a string is read as a list
			return "", false, false
		}
	case map[string]any:
	case []any:
		if k == "Fn::GetAtt" && len(x) == 2 {
			a, aok := x[0].(string)
			_, bok := x[1].(string)
			if aok && bok && !strings.Contains(a, ".") {
				return t, true, true
			}
		}
	default:
		return "", false, false
	}
	return t, false, true
}

// str writes a string: plain when safe, a literal block when multi-line
// and YAML can carry it exactly (see literalSafe), as yaml.v3 would when
// every character is printable on one line, else double-quoted with
// escapes (see quote).
func (e *emitter) str(s string, indent int) {
	if plainSafe(s) {
		e.out = append(e.out, s...)
		return
	}
	if !utf8.ValidString(s) {
		e.refused = true
	}
	if strings.Contains(s, "\n") && literalSafe(s) {
		e.literal(s, indent)
		return
	}
	e.inline(s)
}

// inline writes a string on one line: as yaml.v3 writes it when every
// character is printable and no line break (once per distinct string),
// else double-quoted with escapes.
func (e *emitter) inline(s string) {
	if !printableLine(s) || s == "<<" { // yaml.v3 writes << plain, which reads as a merge key
		e.out = append(e.out, quote(s)...)
		return
	}
	if out, ok := appendYAMLASCII(e.out, s); ok {
		e.out = out
		return
	}
	e.out = append(e.out, marshalString(s)...)
}

// marshalled remembers what yaml.Marshal wrote for the strings inline
// leaves to it, across templates: they are few (the policy language
// version, account IDs, other strings that start like a number) and come
// back in every template, and each call builds an encoder of some 20 KB.
// It holds at most maxMarshalled strings of up to maxMarshalledLen bytes.
var marshalled struct {
	sync.Mutex
	text map[string]string
}

const (
	maxMarshalled    = 4096
	maxMarshalledLen = 256
)

// marshalString returns yaml.Marshal's one-line form of s.
func marshalString(s string) string {
	marshalled.Lock()
	text, ok := marshalled.text[s]
	marshalled.Unlock()
	if ok {
		return text
	}
	b, err := yaml.Marshal(s)
	if err != nil { // cannot happen for a string; keep a safe form
		b = []byte(quote(s))
	}
	text = strings.TrimSuffix(string(b), "\n")
	if len(s) <= maxMarshalledLen {
		marshalled.Lock()
		if marshalled.text == nil {
			marshalled.text = map[string]string{}
		}
		if len(marshalled.text) < maxMarshalled {
			marshalled.text[s] = text
		}
		marshalled.Unlock()
	}
	return text
}

// maxSimpleKey is the longest key written as "key:"; a YAML parser looks
// no further than 1,024 characters for the ":" of an implicit key, so a
// longer one is written as an explicit "? key".
const maxSimpleKey = 1024

// key writes a mapping key and its ":", on one line.
func (e *emitter) key(k string, indent int) {
	if plainSafe(k) && len(k) <= maxSimpleKey {
		e.out = append(e.out, k...)
		e.out = append(e.out, ':')
		return
	}
	if !utf8.ValidString(k) {
		e.refused = true
	}
	start := len(e.out)
	if plainSafe(k) {
		e.out = append(e.out, k...)
	} else {
		e.inline(k)
	}
	if len(e.out)-start > maxSimpleKey {
		e.out = slices.Insert(e.out, start, '?', ' ')
		e.out = append(e.out, '\n')
		e.line(indent)
	}
	e.out = append(e.out, ':')
}

// scalar writes a value that is not a collection.
func (e *emitter) scalar(v any, indent int) {
	switch x := v.(type) {
	case string:
		e.str(x, indent)
		return
	case bool:
		e.out = strconv.AppendBool(e.out, x)
		return
	case json.Number:
		if plainInteger(x) { // the numbers the generators write; checkValue validates any other
			e.out = append(e.out, x...)
			return
		}
	}
	if checkValue(v, "") != nil {
		e.refused = true
	}
	switch x := v.(type) {
	case json.Number:
		e.out = append(e.out, x...)
	case nil:
		e.out = append(e.out, "null"...)
	default:
		e.out = fmt.Append(e.out, x)
	}
}

// plainInteger reports whether n is an integer without sign or leading
// zero, which is always a valid JSON number.
func plainInteger(n json.Number) bool {
	if n == "" || n[0] == '0' && len(n) > 1 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
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
	e.out = append(e.out, '|')
	if strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\t") || strings.HasPrefix(body, "\n") {
		e.out = append(e.out, '2')
	}
	e.out = append(e.out, chomp...)
	for line := range strings.SplitSeq(body, "\n") {
		e.out = append(e.out, '\n')
		if line != "" {
			e.indent(indent + 2)
			e.out = append(e.out, line...)
		}
	}
}

// value writes a value that follows "key:" or "- " on the current line; a
// block collection starts on the next line at indent (or, after "- ", on
// the dash's line).
func (e *emitter) value(v any, indent int, afterDash bool, depth int, section string) {
	if !afterDash {
		e.out = append(e.out, ' ')
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			e.out = append(e.out, "{}\n"...)
			return
		}
		var buf [smallMapping]entry
		es := entries(buf[:0], x, depth, section)
		if len(es) == 1 {
			if tag, dotted, ok := intrinsic(es[0].key, es[0].val); ok {
				e.tagged(tag, es[0].val, dotted, indent, depth)
				return
			}
		}
		if !afterDash {
			e.out[len(e.out)-1] = '\n' // the space after "key:"
		}
		e.mappingEntries(es, indent, depth, section, afterDash)
	case []any:
		switch {
		case len(x) == 0:
			e.out = append(e.out, "[]\n"...)
		case afterDash:
			e.sequence(x, indent, true, depth, section)
		default:
			e.out[len(e.out)-1] = '\n'
			e.sequence(x, indent, false, depth, section)
		}
	default:
		e.scalar(x, indent-2)
		e.out = append(e.out, '\n')
	}
}

// tagged writes an intrinsic function in short form: its tag, then its
// argument.
func (e *emitter) tagged(tag string, arg any, dotted bool, indent, depth int) {
	e.out = append(e.out, tag...)
	if dotted {
		l := arg.([]any)
		a, b := l[0].(string), l[1].(string)
		e.out = append(e.out, ' ')
		start := len(e.out) // A.B is most often plain: written without joining it first
		e.out = append(append(append(e.out, a...), '.'), b...)
		if !plainSafe(e.out[start:]) {
			e.out = e.out[:start]
			e.scalar(a+"."+b, indent-2)
		}
		e.out = append(e.out, '\n')
		return
	}
	switch a := arg.(type) {
	case map[string]any:
		if len(a) > 0 {
			e.out = append(e.out, '\n')
			e.mapping(a, indent, depth, "")
			return
		}
	case []any:
		if len(a) > 0 {
			e.out = append(e.out, '\n')
			e.sequence(a, indent, false, depth, "")
			return
		}
	}
	e.value(arg, indent, false, depth, "")
}

// mapping writes every entry of a mapping at indent.
func (e *emitter) mapping(m map[string]any, indent, depth int, section string) {
	var buf [smallMapping]entry
	e.mappingEntries(entries(buf[:0], m, depth, section), indent, depth, section, false)
}

// mappingEntries writes a mapping's entries; onDashLine puts the first
// key on the current line (after "- ").
func (e *emitter) mappingEntries(es []entry, indent, depth int, section string, onDashLine bool) {
	for i, en := range es {
		if i > 0 || !onDashLine {
			e.line(indent)
		}
		e.key(en.key, indent)
		e.value(en.val, indent+2, false, depth+1, childSection(depth, section, en.key))
	}
}

// sequence writes every item after "- "; onDashLine puts the first item on
// the current line.
func (e *emitter) sequence(l []any, indent int, onDashLine bool, depth int, section string) {
	for i, item := range l {
		if i > 0 || !onDashLine {
			e.line(indent)
		}
		e.out = append(e.out, '-', ' ')
		e.value(item, indent+2, true, depth+1, section)
	}
}

// plainSafe reports, conservatively, whether a string reads back as the
// same string when written plain: it starts with a letter or $, holds only
// characters with no meaning in YAML flow or block context at those
// places, and is not one of the words YAML reads as a boolean or null. For
// any other string yaml.v3 decides.
func plainSafe[T string | []byte](s T) bool {
	if len(s) == 0 || s[len(s)-1] == ':' || s[len(s)-1] == ' ' {
		return false
	}
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$') {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch plainClass[s[i]] {
		case plainAny:
		case plainUnlessSpaced: // ": " and " #" start a value and a comment
			if i+1 < len(s) && (s[i+1] == ' ' || (s[i] == ' ' && s[i+1] == '#')) {
				return false
			}
		default:
			return false
		}
	}
	return len(s) > len("false") || !boolOrNull(s)
}

// boolOrNull reports whether a string of at most five characters is, in
// any case, one of the words YAML reads as a boolean or null.
func boolOrNull[T string | []byte](s T) bool {
	switch s[0] | 0x20 { // lower case (no other character becomes a letter)
	case 'y', 'n', 't', 'f', 'o':
	default:
		return false
	}
	var low [len("false")]byte
	n := copy(low[:], s)
	for i := range low[:n] {
		low[i] |= 0x20
	}
	switch string(low[:n]) {
	case "y", "yes", "n", "no", "true", "false", "on", "off", "null":
		return true
	}
	return false
}

// Classes of the characters of a plain-safe string.
const (
	plainNever = iota
	plainAny
	plainUnlessSpaced
)

// plainClass classes every byte for plainSafe: letters, digits and
// _./${}*@=+()- anywhere, ':' and ' ' unless followed by a space (or, for
// ' ', a '#'), nothing else.
var plainClass = func() (t [256]uint8) {
	for c := range t {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			t[c] = plainAny
		}
	}
	for _, c := range []byte("_./${}*@=+()-") {
		t[c] = plainAny
	}
	t[':'], t[' '] = plainUnlessSpaced, plainUnlessSpaced
	return t
}()
