package lint_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/templatecmp"
	"github.com/durablefn/durablefn/lint"
)

// TestMalformed: every file of testdata/lint/errors gives one clear error
// and no panic: unreadable input is an error of code DL000; a readable
// template that CloudFormation would reject (no Type, a Ref to nothing, no
// Resources) is one error finding. The golden holds it.
func TestMalformed(t *testing.T) {
	files := caseFiles(t, filepath.Join(testdata, "errors"))
	if len(files) == 0 {
		t.Fatal("no malformed cases")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			rep, err := check(t, f, lint.Config{})
			if err != nil {
				assertOneUnreadable(t, err)
				assertGolden(t, f+".golden", renderErr(err))
				return
			}
			if len(rep.Findings) != 1 || rep.Findings[0].Severity != diag.Error {
				t.Errorf("want one error finding, got:\n%s", render(rep))
			}
			assertGolden(t, f+".golden", render(rep))
		})
	}
}

func assertOneUnreadable(t *testing.T, err error) {
	t.Helper()
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].Code != lint.CodeUnreadable {
		t.Fatalf("want one %s diagnostic, got %#v", lint.CodeUnreadable, err)
	}
	if l[0].Message == "" || strings.Contains(l[0].Message, "internal error") {
		t.Errorf("unclear message: %q", l[0].Message)
	}
}

// TestTooLarge: a 10 MB file is refused by its size, with a fix, before it
// is parsed; so is one just over the limit, while one at the limit is read.
func TestTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("# padding of a template that is far too large\n"), 10<<20/46)
	big = append([]byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"), big...)
	_, err := lint.Template("big.yaml", big, lint.Config{})
	assertOneUnreadable(t, err)
	if got := err.Error(); !strings.Contains(got, "10.0 MB, over the 1.0 MB CloudFormation accepts") {
		t.Errorf("message: %s", got)
	}

	atLimit := append([]byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"), bytes.Repeat([]byte{'#'}, 100)...)
	atLimit = append(atLimit, '\n')
	if _, err := lint.Template("limit.yaml", atLimit, lint.Config{MaxBytes: len(atLimit)}); err != nil {
		t.Errorf("a template at the limit: %v", err)
	}
	if _, err := lint.Template("over.yaml", append(atLimit, ' '), lint.Config{MaxBytes: len(atLimit)}); err == nil {
		t.Error("a template one byte over the limit is read")
	}
}

// TestTemplateMap lints a template given as decoded JSON, as a CDK check
// holds it: the same findings, without lines.
func TestTemplateMap(t *testing.T) {
	tmpl := map[string]any{"Resources": map[string]any{
		"Fn": map[string]any{"Type": "AWS::Lambda::Function", "Properties": map[string]any{
			"DurableConfig": map[string]any{"ExecutionTimeout": 0},
		}},
	}}
	got, err := lint.TemplateMap("Stack", tmpl, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, d := range got {
		codes = append(codes, d.Code)
		if d.Pos.Line != 0 || d.Pos.File != "Stack" {
			t.Errorf("position %v: want the name only", d.Pos)
		}
	}
	if strings.Join(codes, " ") != "DL601 DL201 DL102" {
		t.Errorf("codes %v, want DL601 DL201 DL102", codes)
	}
	if _, err := lint.TemplateMap("Stack", map[string]any{"x": make(chan int)}, lint.Config{}); err == nil {
		t.Error("a map that is not JSON is read")
	}
}

// maxFuzzInput bounds the inputs FuzzTemplate works on. Go's minimizer
// tries every sub-slice of each new input (n²/2 runs) for up to
// -fuzzminimizetime, one minute by default; at ~100 µs a run, minimizing an
// input of the 1.5 KB the seed files hold took the whole minute, so that
// `go test -fuzz=FuzzTemplate` for 60 s ran 155 inputs. At 768 bytes a
// minimization ends in seconds. Larger templates are what the rule and
// malformed tests read; FuzzTemplateEdits mutates them whole.
const maxFuzzInput = 768

// FuzzTemplate feeds the linter arbitrary bytes: it must never panic, and
// an error is always the one DL000 diagnostic. Seeds: the templates of
// testdata/lint as written and as compact JSON, and each of their resources
// alone, when they fit in maxFuzzInput.
func FuzzTemplate(f *testing.F) {
	n := 0
	for _, data := range fuzzSeeds(f) {
		for _, s := range smallForms(data) {
			if len(s) <= maxFuzzInput {
				f.Add(s)
				n++
			}
		}
	}
	if n < 100 {
		f.Fatalf("only %d seeds fit in %d bytes", n, maxFuzzInput)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		checkNoPanic(t, data)
	})
}

// FuzzTemplateEdits mutates the seed templates whole, however large: the
// fuzzer's input picks a seed and a few byte edits (each three bytes: where,
// what, and whether to replace, insert or delete), so that it stays a few
// bytes long and minimizes at once.
func FuzzTemplateEdits(f *testing.F) {
	seeds := fuzzSeeds(f)
	for i := range seeds {
		f.Add(uint16(i), []byte{})
	}
	f.Add(uint16(0), []byte{0, 0, 0x7b, 7, 1, ':', 200, 2, 0})
	f.Fuzz(func(t *testing.T, seed uint16, edits []byte) {
		if len(edits) > 3*16 {
			return
		}
		data := append([]byte(nil), seeds[int(seed)%len(seeds)]...)
		for i := 0; i+2 < len(edits); i += 3 {
			at := int(edits[i]) * (len(data) + 1) / 256
			switch edits[i+1] % 3 {
			case 0:
				if at < len(data) {
					data[at] = edits[i+2]
				}
			case 1:
				data = append(data[:at], append([]byte{edits[i+2]}, data[at:]...)...)
			default:
				if at < len(data) {
					data = append(data[:at], data[at+1:]...)
				}
			}
		}
		checkNoPanic(t, data)
	})
}

// fuzzSeeds reads every template of testdata/lint.
func fuzzSeeds(f testing.TB) [][]byte {
	var seeds [][]byte
	for _, dir := range []string{"rules/*", "errors", "cdk", "fix"} {
		for _, ext := range []string{"*.yaml", "*.json"} {
			m, err := filepath.Glob(filepath.Join(testdata, dir, ext))
			if err != nil {
				f.Fatal(err)
			}
			for _, p := range m {
				data, err := os.ReadFile(p)
				if err != nil {
					f.Fatal(err)
				}
				seeds = append(seeds, data)
			}
		}
	}
	if len(seeds) == 0 {
		f.Fatal("no seed")
	}
	return seeds
}

// smallForms returns a template as written, as compact JSON, and each of
// its resources alone (with the template's parameters) as compact JSON.
func smallForms(data []byte) [][]byte {
	out := [][]byte{data}
	tmpl, err := templatecmp.Parse(data)
	if err != nil {
		return out
	}
	v := tmpl.Value()
	if j, err := json.Marshal(v); err == nil {
		out = append(out, j)
	}
	res, _ := v["Resources"].(map[string]any)
	ids := make([]string, 0, len(res))
	for id := range res {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		one := map[string]any{"Resources": map[string]any{id: res[id]}}
		if p, ok := v["Parameters"]; ok {
			one["Parameters"] = p
		}
		if j, err := json.Marshal(one); err == nil {
			out = append(out, j)
		}
	}
	return out
}

// checkNoPanic lints data: an error is the one DL000 diagnostic, every
// finding belongs to a rule and says something.
func checkNoPanic(t *testing.T, data []byte) {
	rep, err := lint.Check("fuzz.yaml", data, lint.Config{})
	if err != nil {
		var l diag.List
		if !errors.As(err, &l) || len(l) != 1 || l[0].Code != lint.CodeUnreadable {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	for _, d := range rep.Findings {
		if _, ok := lint.RuleByID(d.Code); !ok {
			t.Fatalf("finding of no rule: %v", d)
		}
		if d.Message == "" {
			t.Fatalf("finding without message: %v", d)
		}
	}
	// --fix on the same input: no panic, a readable result, and nothing
	// more to fix in it.
	res, err := lint.Fix("fuzz.yaml", data, lint.Config{})
	if err != nil {
		t.Fatalf("--fix: %v", err)
	}
	if len(res.Applied) == 0 {
		return
	}
	again, err := lint.Fix("fuzz.yaml", res.Fixed, lint.Config{})
	if err != nil {
		t.Fatalf("--fix of the fixed template: %v\n%s", err, res.Fixed)
	}
	if len(again.Applied) > 0 {
		t.Fatalf("--fix is not idempotent: %v\n%s", again.Applied, res.Fixed)
	}
}

// TestPathological: inputs built to make a linter slow finish quickly: a
// Fn::Sub variable used three times at each of 25 levels (3^25 copies if
// expanded), the same with 200 KB of text, and lists nested 5,000 deep.
func TestPathological(t *testing.T) {
	nested := func(leaf string, levels int) []byte {
		v := leaf
		for range levels {
			v = `{"Fn::Sub": ["${A}${A}${A}", {"A": ` + v + `}]}`
		}
		return []byte(`{"Resources": {"P": {"Type": "AWS::Lambda::Permission", "Properties": {"FunctionName": ` + v + `}}}}`)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"sub variables", nested(`"x"`, 25)},
		{"sub variables with text", nested(`"`+strings.Repeat("x", 200_000)+`"`, 10)},
		{"deep lists", []byte("Resources: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000))},
		{"deep mappings", []byte("Resources: " + strings.Repeat("{a: ", 5000) + "b" + strings.Repeat("}", 5000))},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, _ = lint.Check("slow.json", c.data, lint.Config{})
			// A guard against exponential blow-ups (they take minutes), not a
			// measurement: generous, so that a busy machine does not fail it.
			if el := time.Since(start); el > 20*time.Second {
				t.Errorf("took %v", el)
			}
		})
	}
}
