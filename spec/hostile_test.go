package spec_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/spec"
)

// hostile are inputs built to make a YAML parser allocate without bound:
// each is refused by a linear pre-scan, with a position, before a parser
// sees it.
var hostile = map[string]struct {
	data      string
	line, col int
	msg       string
}{
	"flow nested 100,000 levels (200 KB)": {"functions:\n  A: " + strings.Repeat("[", 100000) + "\n", 2, 104, "nested more than 100 levels deep"},
	"sequences nested 100,000 levels":     {"functions:\n  A:\n" + strings.Repeat("- ", 100000) + "x\n", 3, 199, "nested more than 100 levels deep"},
	"NUL byte":                            {"functions:\n  A:\n    runtime: x\x00\n", 3, 15, "a NUL byte"},
	"invalid UTF-8":                       {"functions:\n  A:\n    handler: caf\xe9\n", 3, 17, "invalid UTF-8"},
	"UTF-16":                              {"\xff\xfef\x00u\x00", 1, 1, "UTF-16"},
}

func TestHostileInputIsRefusedWithAPosition(t *testing.T) {
	for name, c := range hostile {
		t.Run(name, func(t *testing.T) {
			_, diags, err := spec.Parse("x.yaml", ".", []byte(c.data))
			if err == nil || len(diags) != 1 {
				t.Fatalf("err %v, diagnostics %v", err, diags)
			}
			d := diags[0]
			if d.Pos.Line != c.line || d.Pos.Column != c.col || !strings.Contains(d.Message, c.msg) || d.Code != spec.CodeSyntax {
				t.Errorf("got %s, want %d:%d %s", d.Error(), c.line, c.col, c.msg)
			}
		})
	}
}

// BenchmarkHostileInput measures the memory a hostile spec costs. Before
// the pre-scan, the flow case of 10,000 levels (20 KB) allocated 162 MB
// (the goccy/go-yaml re-parse that places a syntax error grows with the
// square of the depth: 100,000 levels would ask for about 16 GB); now each
// is refused after one pass over the bytes.
func BenchmarkHostileInput(b *testing.B) {
	for name, c := range hostile {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				spec.Parse("x.yaml", ".", []byte(c.data))
			}
		})
	}
	// A big, shallow, broken spec: under the 5 MB cap, over the size that
	// goccy/go-yaml re-parses, so yaml.v3's position is reported.
	big := "functions:\n" + strings.Repeat("  # padding comment line to make the file large\n", 100000) + "  A: [\n"
	b.Run("4.8 MB unclosed flow", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(big)))
		for b.Loop() {
			spec.Parse("x.yaml", ".", []byte(big))
		}
	})
}

// TestRawDataDepth: raw data passes the 100-level pre-scan from the top of
// the file, then a second bound, spec.MaxDataDepth levels below the item
// that holds it (here a resource), as docs/security.md says.
func TestRawDataDepth(t *testing.T) {
	src := func(levels int) string {
		return "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/k.zip\n    durable: {executionTimeout: 1h}\n" +
			"resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Metadata: " + strings.Repeat("[", levels) + strings.Repeat("]", levels) + "\n"
	}
	// The resource's body is level 0, the outermost list of its Metadata
	// level 1.
	deepest := spec.MaxDataDepth
	if _, _, err := spec.Parse("t.yaml", t.TempDir(), []byte(src(deepest))); err != nil {
		t.Errorf("%d levels refused: %v", deepest, err)
	}
	_, diags, err := spec.Parse("t.yaml", t.TempDir(), []byte(src(deepest+1)))
	if err == nil || len(diags) != 1 || diags[0].Code != spec.CodeType || diags[0].Pos.Line != 10 ||
		!strings.Contains(diags[0].Message, fmt.Sprintf("nested more than %d levels", spec.MaxDataDepth)) {
		t.Errorf("%d levels: %v", deepest+1, err)
	}
}
