package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/internal/templatecmp"
	"github.com/durablefn/durablefn/internal/testutil"
)

// TestGoldensAreIdempotent parses every golden and formats it again: the
// bytes must not change (as go/printer's tests check for Go source).
func TestGoldensAreIdempotent(t *testing.T) {
	for _, c := range testutil.GoldenCases(t) {
		for _, out := range []string{"cfn", "sam"} {
			src, err := os.ReadFile(c.Golden(out))
			if err != nil {
				t.Fatal(err)
			}
			tmpl, err := templatecmp.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := render.FormatTemplate(tmpl.Value(), render.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, src) {
				t.Errorf("%s/%s changes when formatted again:\n%s", c.Name, out, testutil.LineDiff(string(src), string(got)))
			}
		}
	}
}

// TestJSONMatchesYAML checks that the JSON form holds the same template as
// the YAML form.
func TestJSONMatchesYAML(t *testing.T) {
	for _, c := range testutil.GoldenCases(t) {
		src, err := os.ReadFile(c.Golden("cfn"))
		if err != nil {
			t.Fatal(err)
		}
		tmpl := templatecmp.MustParse(t, src)
		js, err := render.FormatTemplate(tmpl.Value(), render.JSON)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(js) {
			t.Fatalf("%s: invalid JSON:\n%s", c.Name, js)
		}
		back := templatecmp.MustParse(t, js)
		if d := templatecmp.Diff(tmpl, back, templatecmp.Options{}); len(d) > 0 {
			t.Errorf("%s: JSON differs from YAML: %v", c.Name, d)
		}
	}
}

func TestBlockScalarsKeepTheirLines(t *testing.T) {
	v := map[string]any{"Resources": map[string]any{"F": map[string]any{
		"Type":       "AWS::Lambda::Function",
		"Properties": map[string]any{"Code": map[string]any{"ZipFile": "def handler(e, c):\n\n  return 1\n"}},
	}}}
	got, err := render.FormatTemplate(v, render.YAML)
	if err != nil {
		t.Fatal(err)
	}
	back := templatecmp.MustParse(t, got)
	if d := templatecmp.Diff(templatecmp.MustParse(t, mustJSON(t, v)), back, templatecmp.Options{}); len(d) > 0 {
		t.Errorf("inline code changed: %v\n%s", d, got)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTrickyValuesRoundTrip formats values that the goldens do not hold
// (nested and tagged sequences, empty collections, block scalars with
// leading spaces or several final newlines, strings YAML would misread)
// and checks that a YAML parser reads back exactly what was written.
func TestTrickyValuesRoundTrip(t *testing.T) {
	props := map[string]any{
		"Join":       map[string]any{"Fn::Join": []any{"", []any{"arn:", map[string]any{"Ref": "AWS::Partition"}, ":s3:::b"}}},
		"Nested":     []any{[]any{"a", "b"}, []any{}, map[string]any{}},
		"Select":     []any{map[string]any{"Fn::Select": []any{json.Number("0"), map[string]any{"Fn::GetAZs": ""}}}},
		"If":         map[string]any{"Fn::If": []any{"IsProd", map[string]any{"A": "b"}, map[string]any{"Ref": "AWS::NoValue"}}},
		"Block":      "  indented first\nsecond\n\n",
		"Keep":       "one\ntwo\n\n\n",
		"Strip":      "one\ntwo",
		"Ambiguous":  []any{"true", "null", "2012-10-17", "0x1F", "a: b", "- x", "#c", "", " lead", "${X}:*"},
		"Numbers":    []any{json.Number("1"), json.Number("1.5"), true, nil},
		"GetAttList": map[string]any{"Fn::GetAtt": []any{"A", "B.C"}},
		"Sub":        map[string]any{"Fn::Sub": []any{"${A}-${B}", map[string]any{"B": map[string]any{"Ref": "X"}}}},
	}
	v := map[string]any{"Resources": map[string]any{"R": map[string]any{"Type": "Custom::Thing", "Properties": props}}}
	got, err := render.FormatTemplate(v, render.YAML)
	if err != nil {
		t.Fatal(err)
	}
	back, err := templatecmp.Parse(got)
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, got)
	}
	if d := templatecmp.Diff(templatecmp.MustParse(t, mustJSON(t, v)), back, templatecmp.Options{}); len(d) > 0 {
		t.Errorf("round trip changed values: %v\n%s", d, got)
	}
}
