package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/safeio"
)

// Load reads, decodes, defaults and validates a spec file. Relative code
// paths are resolved against the file's directory. The file must be a
// regular file of at most safeio.MaxBytes (see internal/safeio).
//
// On invalid input it returns a nil File and a diag.List holding every
// problem found; warnings of a valid file are returned as the second value
// with a nil error.
func Load(path string) (*File, diag.List, error) {
	f, all, err := Read(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading spec: %w", err)
	}
	if all.HasErrors() {
		return nil, all, all
	}
	return f, all, nil
}

// Read reads a spec file (a regular file of at most safeio.MaxBytes) and
// decodes it as Decode does, relative code paths resolving against the
// file's directory. The error is for a file that cannot be read; the
// spec's problems are in the diagnostics.
func Read(path string) (*File, diag.List, error) {
	data, err := safeio.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	f, all := Decode(path, filepath.Dir(path), data)
	return f, all, nil
}

// Parse is Load for bytes already read: name is used in diagnostics and dir
// resolves relative code paths.
func Parse(name, dir string, data []byte) (*File, diag.List, error) {
	f, all := Decode(name, dir, data)
	if all.HasErrors() {
		return nil, all, all
	}
	return f, all, nil
}

// Decode is Parse that also returns, with the diagnostics of an invalid
// spec, the File as far as it decoded (nil when the YAML does not parse),
// so that a later stage can check what it alone knows — the model's names
// and references — in the same run. A File with errors is never rendered.
func Decode(name, dir string, data []byte) (*File, diag.List) {
	d := &decoder{file: name, pos: map[string]diag.Pos{}}
	f := &File{Path: name, Dir: dir}
	root, err := parseYAML(name, data)
	if err != nil {
		ds, ok := err.(diag.List)
		if !ok || !ds.HasErrors() {
			ds = diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: 1, Column: 1},
				Message: "the spec cannot be read: " + err.Error()}}
		}
		return nil, ds
	}
	d.pos[""] = d.at(root) // where a problem of no known field is placed
	d.decodeFile(root, f)
	f.positions = d.pos
	applyDefaults(f)
	// Validate even when decoding found problems, so that one run reports
	// everything; but say nothing more about a field that did not decode.
	all := d.diags
	for _, v := range validate(f) {
		if !underAny(v.Path, d.diags) {
			all = append(all, v)
		}
	}
	all.Sort()
	return f, all
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// maxReparseBytes bounds the input re-parsed with goccy/go-yaml to place a
// syntax error: its memory grows with the square of the nesting depth, so
// it only sees small input whose depth is already checked.
const maxReparseBytes = 256 << 10

// parseYAML parses one YAML document, turning the YAML library's errors
// into diagnostics with a position. The encoding and the nesting depth are
// checked first, in one linear pass, so that no parser sees what would
// make it allocate without bound.
func parseYAML(name string, data []byte) (*yaml.Node, error) {
	if e := safeio.CheckEncoding(data); e != nil {
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: e.Line, Column: e.Column},
			Message: e.Message, Fix: e.Fix}}
	}
	if e := safeio.CheckDepth(data, safeio.MaxDepth); e != nil {
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: e.Line, Column: e.Column},
			Message: "the spec is " + e.Message, Fix: "a spec nests a few levels: check the brackets and the indentation here"}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: 1, Column: 1},
				Message: "the spec is empty", Fix: "add a functions: mapping"}}
		}
		msg := err.Error()
		line, col := 0, 1
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		// yaml.v3 places a syntax error at the start of the enclosing
		// construct; goccy/go-yaml's parser points at the offending token,
		// and is asked when the input is small (see maxReparseBytes).
		var se *goccy.SyntaxError
		if len(data) <= maxReparseBytes {
			if _, perr := goccyparser.ParseBytes(data, 0); errors.As(perr, &se) && se.Token != nil {
				line, col, msg = se.Token.Position.Line, se.Token.Position.Column, se.Message
			}
		}
		if line == 0 { // yaml.v3 gives no line for a bad character or encoding
			line, col = firstControl(data)
		}
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: line, Column: col},
			Message: "invalid YAML: " + msg, Fix: "check the indentation and quoting here"}}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: extra.Line, Column: extra.Column},
			Message: "the spec holds more than one YAML document", Fix: "keep one document per spec file"}}
	}
	if len(doc.Content) == 0 {
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: 1, Column: 1},
			Message: "the spec is empty", Fix: "add a functions: mapping"}}
	}
	root := doc.Content[0]
	if err := rejectAliases(name, root); err != nil {
		return nil, err
	}
	return root, nil
}

// firstControl returns the line and column of the first character YAML
// refuses (a control character other than tab and line breaks), or 1:1.
func firstControl(data []byte) (line, col int) {
	line, col = 1, 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7f, r >= 0x80 && r < 0xa0 && r != 0x85:
			return line, col
		}
		col++
	}
	return 1, 1
}

// rejectAliases refuses YAML anchors and aliases: they make positions
// ambiguous and are a classic way to blow up a parser.
func rejectAliases(name string, n *yaml.Node) error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: n.Line, Column: n.Column},
			Message: "YAML anchors and aliases are not supported", Fix: "write the value out"}}
	}
	for _, c := range n.Content {
		if err := rejectAliases(name, c); err != nil {
			return err
		}
	}
	return nil
}

// underAny reports whether path is, or lies under, the path of one of the
// diagnostics; a diagnostic of the whole spec (path "") covers every path.
func underAny(path string, ds diag.List) bool {
	for _, d := range ds {
		if d.Path == "" || path == d.Path || strings.HasPrefix(path, d.Path+".") || strings.HasPrefix(path, d.Path+"[") {
			return true
		}
	}
	return false
}
