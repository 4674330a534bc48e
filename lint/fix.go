package lint

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

// --fix: the mechanical mistakes are mended by editing the template's
// text at the positions of its nodes, never by writing the template
// again: comments, key order, quoting and the formatting of every line not
// touched stay as they were. A rule proposes an edit with the finding it
// mends; a fix that needs a decision (which alias, when there are several;
// which hash) is not proposed.

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
	// finding is the key of the finding it mends (findingKey).
	finding string
}

func findingKey(d diag.Diagnostic) string {
	return d.Code + "|" + d.Path + "|" + d.Pos.String()
}

// propose attaches edits to the finding reported last. A finding whose
// edits cannot all be made gets none.
func (t *template) propose(edits ...edit) {
	if len(t.findings) == 0 || len(edits) == 0 || t.cdk {
		return // CDK: the template is generated; the fix is in the app
	}
	key := findingKey(t.findings[len(t.findings)-1])
	for i := range edits {
		if edits[i].start < 0 || edits[i].end < edits[i].start {
			return
		}
		edits[i].finding = key
	}
	t.edits = append(t.edits, edits...)
}

// offset turns a node's line and column (columns count characters) into
// a byte offset of the source; -1 when it is outside.
func (t *template) offset(line, col int) int {
	if line < 1 || line > len(t.lines) || col < 1 {
		return -1
	}
	off := t.lines[line-1]
	for c := 1; c < col; c++ {
		if off >= len(t.src) || t.src[off] == '\n' {
			return -1
		}
		_, n := utf8.DecodeRune(t.src[off:])
		off += n
	}
	return off
}

// span returns where a node's text starts and ends in the source: a
// scalar (with its tag and quotes) or a flow collection, on one line or
// in brackets. Block collections have no span (-1).
func (t *template) span(n *yaml.Node) (start, end int) {
	if n == nil || (n.Kind != yaml.ScalarNode && n.Style&yaml.FlowStyle == 0 && !t.json) {
		return -1, -1
	}
	start = t.offset(n.Line, n.Column)
	if start < 0 {
		return -1, -1
	}
	depth := 0
	var quote byte
	i := start
	for ; i < len(t.src); i++ {
		c := t.src[i]
		switch {
		case quote != 0:
			switch {
			case quote == '"' && c == '\\':
				i++
			case c == quote && quote == '\'' && i+1 < len(t.src) && t.src[i+1] == '\'':
				i++
			case c == quote:
				quote = 0
			case c == '\n' && depth == 0 && !t.json:
				return -1, -1 // a quoted scalar over several lines: not edited
			}
			continue
		case c == '"' || c == '\'':
			quote = c
			continue
		case c == '[' || c == '{':
			depth++
			continue
		case (c == ']' || c == '}') && depth > 0:
			depth--
			if depth == 0 && n.Kind != yaml.ScalarNode {
				return start, i + 1
			}
			continue
		}
		if depth > 0 {
			continue
		}
		if c == ',' || c == ']' || c == '}' || c == '\n' || c == '\r' ||
			(c == '#' && i > start && (t.src[i-1] == ' ' || t.src[i-1] == '\t')) {
			break
		}
	}
	end = i
	for end > start && (t.src[end-1] == ' ' || t.src[end-1] == '\t') {
		end--
	}
	if end == start || (n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0) {
		return -1, -1 // no text (a null), or a block scalar over several lines
	}
	return start, end
}

// replaceNode replaces a node's text: yamlText in YAML, jsonText in JSON.
func (t *template) replaceNode(n *yaml.Node, yamlText, jsonText string) (edit, bool) {
	s, e := t.span(n)
	if s < 0 {
		return edit{}, false
	}
	text := yamlText
	if t.json {
		text = jsonText
	}
	return edit{start: s, end: e, text: text}, true
}

// replaceIn replaces the one occurrence of old in a node's text.
func (t *template) replaceIn(n *yaml.Node, old, new string) (edit, bool) {
	s, e := t.span(n)
	if s < 0 || old == "" {
		return edit{}, false
	}
	txt := string(t.src[s:e])
	if strings.Count(txt, old) != 1 {
		return edit{}, false
	}
	i := strings.Index(txt, old)
	return edit{start: s + i, end: s + i + len(old), text: new}, true
}

// insertKey adds key: value to a mapping, after its Type entry when it
// starts with one, else first, in the mapping's own style. yamlValue is
// written in YAML, jsonValue in JSON.
func (t *template) insertKey(m *yaml.Node, key, yamlValue, jsonValue string) (edit, bool) {
	if !isMap(m) || len(m.Content) < 2 {
		return edit{}, false
	}
	before := m.Content[0]
	if m.Content[0].Value == "Type" {
		if len(m.Content) < 4 {
			return edit{}, false
		}
		before = m.Content[2]
	}
	kOff := t.offset(before.Line, before.Column)
	if kOff < 0 {
		return edit{}, false
	}
	lineStart := t.lines[before.Line-1]
	indent := string(t.src[lineStart:kOff])
	ownLine := strings.TrimLeft(indent, " \t") == ""
	switch {
	case t.json && ownLine:
		return edit{start: lineStart, end: lineStart, text: indent + strconv.Quote(key) + ": " + jsonValue + "," + t.newline()}, true
	case t.json:
		return edit{start: kOff, end: kOff, text: strconv.Quote(key) + ": " + jsonValue + ", "}, true
	case m.Style&yaml.FlowStyle != 0:
		return edit{start: kOff, end: kOff, text: key + ": " + yamlValue + ", "}, true
	case ownLine:
		return edit{start: lineStart, end: lineStart, text: indent + key + ": " + yamlValue + t.newline()}, true
	}
	return edit{}, false
}

// appendItem adds an item after one item of a list (block or flow), or
// turns a single value into a flow list of it and the item.
func (t *template) appendItem(list, after *yaml.Node, yamlItem, jsonItem string) (edit, bool) {
	item := yamlItem
	if t.json {
		item = jsonItem
	}
	if !isSeq(list) || isCustomTag(list.Tag) {
		s, e := t.span(after)
		if s < 0 {
			return edit{}, false
		}
		return edit{start: s, end: e, text: "[" + string(t.src[s:e]) + ", " + item + "]"}, true
	}
	s, e := t.span(after)
	if s < 0 {
		return edit{}, false
	}
	if list.Style&yaml.FlowStyle != 0 || t.json {
		lineStart := t.lines[after.Line-1]
		if indent := string(t.src[lineStart:s]); strings.TrimLeft(indent, " \t") == "" {
			return edit{start: e, end: e, text: "," + t.newline() + indent + item}, true // items one per line
		}
		return edit{start: e, end: e, text: ", " + item}, true
	}
	// A block list: a new "- item" line after the item's line, at its dash.
	lineStart := t.lines[after.Line-1]
	dash := bytes.LastIndexByte(t.src[lineStart:s], '-')
	if dash < 0 {
		return edit{}, false
	}
	eol := bytes.IndexByte(t.src[e:], '\n')
	if eol < 0 {
		return edit{}, false
	}
	return edit{start: e + eol + 1, end: e + eol + 1, text: string(t.src[lineStart:lineStart+dash]) + "- " + item + t.newline()}, true
}

// newline is the template's line ending: \r\n when it uses it, else \n.
func (t *template) newline() string {
	if bytes.Contains(t.src, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// yamlRef and jsonRef write a Ref; yamlSub and jsonSub a Fn::Sub.
func yamlRef(name string) string { return "!Ref " + name }
func jsonRef(name string) string { return `{"Ref": ` + strconv.Quote(name) + `}` }
func yamlSub(s string) string    { return "!Sub " + strconv.Quote(s) }
func jsonSub(s string) string    { return `{"Fn::Sub": ` + strconv.Quote(s) + `}` }

// applyEdits applies the edits of the findings left after suppressions,
// and returns the keys of the findings mended. Overlapping edits of
// different findings keep the first; the rest wait for the next round.
func applyEdits(src []byte, findings diag.List, edits []edit) ([]byte, map[string]bool) {
	keep := map[string]bool{}
	for _, d := range findings {
		keep[findingKey(d)] = true
	}
	var use []edit
	for _, e := range edits {
		if keep[e.finding] {
			use = append(use, e)
		}
	}
	sort.SliceStable(use, func(i, j int) bool { return use[i].start < use[j].start })
	// A finding is mended when all its edits are made: those of a finding
	// whose edits meet another's wait, whole, for the next round.
	// Two findings may propose the same edit (a role shared by two
	// functions): made once, it mends both.
	same := func(i int) bool {
		return i > 0 && use[i].start == use[i-1].start && use[i].end == use[i-1].end && use[i].text == use[i-1].text
	}
	skip := map[string]bool{}
	last := 0
	for i, e := range use {
		if e.start < last && !same(i) {
			skip[e.finding] = true
		}
		last = max(last, e.end)
	}
	var out bytes.Buffer
	done := map[string]bool{}
	last = 0
	for i, e := range use {
		if same(i) && done[use[i-1].finding] {
			done[e.finding] = true
			continue
		}
		if skip[e.finding] || e.start < last {
			continue
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
		done[e.finding] = true
	}
	out.Write(src[last:])
	return out.Bytes(), done
}

// FixResult is what Fix did to one template.
type FixResult struct {
	// Fixed is the template after the fixes (the input when nothing was
	// fixed).
	Fixed []byte
	// Applied are the findings mended.
	Applied diag.List
	// Report lints the fixed template.
	Report *Report
}

// maxFixRounds bounds the rounds of fixing: a fix can make another one
// possible (a version retained, then …); each round lints again.
const maxFixRounds = 3

// Fix mends the mechanical mistakes of a template (see docs/lint-rules.md,
// "--fix") by editing its text, and lints the result. A template that
// cannot be read is an error, as for Check.
func Fix(name string, data []byte, cfg Config) (*FixResult, error) {
	res := &FixResult{Fixed: data}
	for range maxFixRounds {
		rep, edits, err := check(name, res.Fixed, cfg)
		if err != nil {
			return nil, err
		}
		res.Report = rep
		out, done := applyEdits(res.Fixed, rep.Findings, edits)
		if len(done) == 0 {
			return res, nil
		}
		for _, d := range rep.Findings {
			if done[findingKey(d)] {
				res.Applied = append(res.Applied, d)
			}
		}
		if _, err := parse(name, out, cfg.MaxBytes); err != nil {
			return nil, fmt.Errorf("fixing %s gave a template that cannot be read (please report it): %w", name, err)
		}
		res.Fixed = out
	}
	rep, _, err := check(name, res.Fixed, cfg)
	if err != nil {
		return nil, err
	}
	res.Report = rep
	return res, nil
}

// removeItem deletes an item of a list: its whole line in a block list
// (the item alone on it, a comment after it included), or the item and
// the comma that separates it from a neighbour in a flow list or JSON.
func (t *template) removeItem(list, item *yaml.Node) (edit, bool) {
	if !isSeq(list) || isCustomTag(list.Tag) || len(list.Content) < 2 {
		return edit{}, false // the last item: removing it is a decision
	}
	at := -1
	for i, c := range list.Content {
		if c == item {
			at = i
		}
	}
	s, e := t.span(item)
	if at < 0 || s < 0 {
		return edit{}, false
	}
	if list.Style&yaml.FlowStyle == 0 && !t.json {
		lineStart := t.lines[item.Line-1]
		prefix := strings.TrimLeft(string(t.src[lineStart:s]), " \t")
		if prefix != "- " && prefix != "-" {
			return edit{}, false
		}
		eol := bytes.IndexByte(t.src[e:], '\n')
		if eol < 0 {
			return edit{start: lineStart, end: len(t.src)}, true
		}
		return edit{start: lineStart, end: e + eol + 1}, true
	}
	if at > 0 {
		_, pe := t.span(list.Content[at-1])
		if pe < 0 {
			return edit{}, false
		}
		return edit{start: pe, end: e}, true
	}
	ns, _ := t.span(list.Content[1])
	if ns < 0 {
		return edit{}, false
	}
	return edit{start: s, end: ns}, true
}
