package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/internal/safeio"
)

// CodeUnreadable is the code of the one diagnostic an unreadable template
// returns as its error: not YAML or JSON, empty, not a mapping, too large,
// or written with what CloudFormation does not accept (anchors, duplicate
// keys).
const CodeUnreadable = "DL000"

// MaxTemplateBytes is the largest template read: CloudFormation accepts at
// most 1 MB from S3 (51,200 bytes inline), so a larger file cannot be a
// template it deploys.
const MaxTemplateBytes = facts.MaxTemplateBytes

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// unreadable returns the error of a template that cannot be read.
func unreadable(name string, line, col int, fix, format string, args ...any) error {
	return diag.List{{Severity: diag.Error, Code: CodeUnreadable, Pos: diag.Pos{File: name, Line: line, Column: col},
		Message: fmt.Sprintf(format, args...), Fix: fix}}
}

// parse reads one template document and returns its root mapping. The
// encoding and the nesting depth are checked first, in one linear pass
// (safeio), so that no YAML parser sees what would make it allocate
// without bound.
func parse(name string, data []byte, limit int) (*yaml.Node, error) {
	if limit <= 0 {
		limit = MaxTemplateBytes
	}
	if len(data) > limit {
		return nil, tooLarge(name, len(data), limit)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, unreadable(name, 1, 1, "a template is a mapping with at least a Resources section", "the template is empty")
	}
	if e := safeio.CheckEncoding(data); e != nil {
		return nil, unreadable(name, e.Line, e.Column, e.Fix, "%s", e.Message)
	}
	if e := safeio.CheckDepth(data, safeio.MaxDepth); e != nil {
		return nil, unreadable(name, e.Line, e.Column, e.Fix, "the template is %s", e.Message)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, unreadable(name, 1, 1, "a template is a mapping with at least a Resources section", "the template is empty")
		}
		line, col, msg, fix := syntaxError(data, err)
		return nil, unreadable(name, line, col, fix, "%s", msg)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, unreadable(name, extra.Line, extra.Column, "keep one template per file",
			"the file holds more than one YAML document")
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return nil, unreadable(name, 1, 1, "a template is a mapping with at least a Resources section", "the template is empty")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || isCustomTag(root.Tag) {
		return nil, unreadable(name, root.Line, root.Column, "a template is a mapping with at least a Resources section",
			"the template is %s, not a mapping", kindName(root))
	}
	if err := checkNodes(name, root); err != nil {
		return nil, err
	}
	return root, nil
}

// syntaxError places a syntax error. yaml.v3 reports the line where the
// enclosing construct starts (and counts it from 0 for parser errors); a
// template that looks like JSON is placed by encoding/json's offset, and
// YAML by goccy/go-yaml's parser, which points at the offending token.
func syntaxError(data []byte, err error) (line, col int, msg, fix string) {
	msg = err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		var v any
		var se *json.SyntaxError
		if jerr := json.Unmarshal(data, &v); errors.As(jerr, &se) {
			line, col = lineCol(data, int(se.Offset))
			return line, col, "invalid JSON: " + se.Error(), "check the brackets, commas and quotes up to here"
		}
	}
	// goccy/go-yaml's memory grows with the square of the nesting depth:
	// it only re-parses small input, whose depth parse has checked.
	var ge *goccy.SyntaxError
	if len(data) > maxReparseBytes {
		return line, col, "invalid YAML: " + msg, yamlFix
	}
	if _, perr := goccyparser.ParseBytes(data, 0); errors.As(perr, &ge) && ge.Token != nil {
		return ge.Token.Position.Line, ge.Token.Position.Column, "invalid YAML: " + ge.Message, yamlFix
	}
	return line, col, "invalid YAML: " + msg, yamlFix
}

// maxReparseBytes bounds the input goccy/go-yaml re-parses to place a
// syntax error.
const maxReparseBytes = 256 << 10

const yamlFix = "check the indentation, quotes and brackets up to here"

// lineCol turns a byte offset into a line and a column, both from 1.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = off - bytes.LastIndexByte(before, '\n')
	return line, col
}

// tooLarge is the error of a template over the size limit.
func tooLarge(name string, n, limit int) error {
	return unreadable(name, 0, 0, "split the stack (nested stacks), or move large inline code to S3",
		"the template is %s, over the %s CloudFormation accepts", safeio.Size(int64(n)), safeio.Size(int64(limit)))
}

// checkNodes refuses what CloudFormation refuses and what would make the
// linter's reading ambiguous: YAML anchors and aliases, and keys written
// twice in one mapping.
func checkNodes(name string, n *yaml.Node) error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return unreadable(name, n.Line, n.Column, "write the value out",
			"YAML anchors and aliases are not supported by CloudFormation")
	}
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if first, dup := seen[k.Value]; dup {
				return unreadable(name, k.Line, k.Column, "keep one of them",
					"the key %q is written twice in one mapping (first at line %d)", k.Value, first.Line)
			}
			seen[k.Value] = k
		}
	}
	for _, c := range n.Content {
		if err := checkNodes(name, c); err != nil {
			return err
		}
	}
	return nil
}
