// Package testutil is the test harness of durablefn: find the golden
// corpus, load a spec, render it, compare with a golden file (rewriting it
// under -update), and expect an error.
package testutil

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/model"
)

// Update rewrites golden files instead of comparing with them:
// go test ./... -update. Read every rewritten golden before committing it.
var Update = flag.Bool("update", false, "rewrite golden files")

// Root returns the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Case is one spec of the golden corpus, testdata/golden/<Name>/durable.yaml,
// with its goldens durable.cfn.yaml and durable.sam.yaml beside it.
type Case struct {
	Name string
	Dir  string
	// Prefix names the goldens: <Prefix>.cfn.yaml; "durable" when empty.
	Prefix string
}

// Spec is the path of the case's spec.
func (c Case) Spec() string { return filepath.Join(c.Dir, "durable.yaml") }

// Golden is the path of the case's golden for an output ("cfn", "sam").
func (c Case) Golden(output string) string {
	prefix := c.Prefix
	if prefix == "" {
		prefix = "durable"
	}
	return filepath.Join(c.Dir, prefix+"."+output+".yaml")
}

// ExampleCases lists the examples, examples/<app>/durable.yaml with their
// committed templates template.cfn.yaml and template.sam.yaml.
func ExampleCases(t testing.TB) []Case {
	t.Helper()
	specs, err := filepath.Glob(filepath.Join(Root(), "examples", "*", "durable.yaml"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no example specs under examples/ (err %v)", err)
	}
	var out []Case
	for _, s := range specs {
		dir := filepath.Dir(s)
		out = append(out, Case{Name: "example-" + filepath.Base(dir), Dir: dir, Prefix: "template"})
	}
	return out
}

// GoldenCases lists the golden corpus; it fails the test when it is empty.
func GoldenCases(t testing.TB) []Case {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(Root(), "testdata", "golden", "*", "durable.yaml"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden specs under testdata/golden (err %v)", err)
	}
	var out []Case
	for _, d := range dirs {
		dir := filepath.Dir(d)
		out = append(out, Case{Name: filepath.Base(dir), Dir: dir})
	}
	return out
}

// LoadApp loads a spec that must be valid (warnings allowed) and builds
// its model.
func LoadApp(t testing.TB, path string) *model.App {
	t.Helper()
	f, _, err := model.Load(path)
	if err != nil {
		t.Fatalf("loading %s:\n%v", path, err)
	}
	return f
}

// AssertGolden compares got with the golden file at path, or rewrites the
// file under -update.
func AssertGolden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden: %v (run go test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale (run go test with -update, then read the diff):\n%s", rel(path), LineDiff(string(want), string(got)))
	}
}

func rel(path string) string {
	if r, err := filepath.Rel(Root(), path); err == nil {
		return r
	}
	return path
}

// LineDiff shows the first differing lines of two texts, with context.
func LineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	from := max(0, i-3)
	for j := from; j < i; j++ {
		fmt.Fprintf(&b, "  %4d   %s\n", j+1, w[j])
	}
	for j := i; j < len(w) && j < i+8; j++ {
		fmt.Fprintf(&b, "  %4d - %s\n", j+1, w[j])
	}
	for j := i; j < len(g) && j < i+8; j++ {
		fmt.Fprintf(&b, "  %4d + %s\n", j+1, g[j])
	}
	return b.String()
}

// At reads plain data (maps and lists, as a template is read) along a
// path of map keys and list indexes ("Targets", "0", "Arn"); nil when the
// path leads nowhere.
func At(v any, path ...string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}
