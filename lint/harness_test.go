package lint_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/lint"
)

// The test harness: golden files in the go/printer style, and the JSON
// twin of every YAML case, written with long-form intrinsics as CDK and
// `aws cloudformation` write JSON.

var update = flag.Bool("update", false, "rewrite the golden files and the JSON twins of testdata/lint")

const testdata = "../testdata/lint"

// render writes a report the way the goldens hold it: every finding in the
// text format, then every suppressed finding with its reason and source.
func render(rep *lint.Report) []byte {
	var b bytes.Buffer
	for _, d := range rep.Findings {
		b.WriteString(lint.FormatFinding(d))
		b.WriteByte('\n')
	}
	for _, s := range rep.Suppressed {
		first, _, _ := strings.Cut(lint.FormatFinding(s.Diagnostic), "\n")
		b.WriteString("suppressed: " + first + "\n")
		b.WriteString("    reason: " + s.Reason + " (" + s.Source + ")\n")
	}
	return b.Bytes()
}

// renderErr writes an error the way the error goldens hold it: as the CLI
// prints it.
func renderErr(err error) []byte {
	var l diag.List
	if !errors.As(err, &l) {
		return []byte(err.Error() + "\n")
	}
	var b bytes.Buffer
	for _, d := range l {
		b.WriteString(lint.FormatFinding(d) + "\n")
	}
	return b.Bytes()
}

// assertGolden compares got with a golden file, or rewrites it with -update.
func assertGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./lint -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./lint -update rewrites it; read the result)\n--- got\n%s--- want\n%s", golden, got, want)
	}
}

// jsonTwin converts a YAML template into JSON: keys in their order, the
// short-form intrinsics in their long form, two-space indentation.
func jsonTwin(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	writeJSON(t, &b, doc.Content[0], "")
	b.WriteByte('\n')
	return b.Bytes()
}

func writeJSON(t *testing.T, b *bytes.Buffer, n *yaml.Node, indent string) {
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		name := "Fn::" + n.Tag[1:]
		if n.Tag == "!Ref" || n.Tag == "!Condition" {
			name = n.Tag[1:]
		}
		arg := *n
		arg.Tag = ""
		if n.Tag == "!GetAtt" && n.Kind == yaml.ScalarNode {
			res, att, _ := strings.Cut(n.Value, ".")
			arg = yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Value: res}, {Kind: yaml.ScalarNode, Value: att}}}
		}
		wrapped := yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: name}, &arg}}
		writeJSON(t, b, &wrapped, indent)
		return
	}
	inner := indent + "  "
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i := 0; i < len(n.Content); i += 2 {
			b.WriteString(inner)
			writeString(b, n.Content[i].Value)
			b.WriteString(": ")
			writeJSON(t, b, n.Content[i+1], inner)
			if i+2 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, c := range n.Content {
			b.WriteString(inner)
			writeJSON(t, b, c, inner)
			if i+1 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			b.WriteString(n.Value)
		case "!!bool":
			if strings.EqualFold(n.Value, "true") {
				b.WriteString("true")
			} else {
				b.WriteString("false")
			}
		case "!!null":
			b.WriteString("null")
		default:
			writeString(b, n.Value)
		}
	default:
		t.Fatalf("cannot write a %v node as JSON", n.Kind)
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}

// caseFiles lists the templates of a case directory: *.yaml and *.json.
func caseFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"*.yaml", "*.json"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	return out
}

// check lints a file of testdata, naming it by its base name so that
// goldens do not depend on where the repository is.
func check(t *testing.T, path string, cfg lint.Config) (*lint.Report, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return lint.Check(filepath.Base(path), data, cfg)
}
