package lint_test

import (
	"path/filepath"
	"testing"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/lint"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/samgen"
)

// goldenCorpus is the generators' golden corpus: one spec per case.
const goldenCorpus = "../testdata/golden"

// TestGeneratorGoldensLintClean: every CloudFormation and SAM golden of the
// generators (testdata/golden/*/durable.{cfn,sam}.yaml) lints without a
// single finding. It skips only while the corpus holds no such golden.
func TestGeneratorGoldensLintClean(t *testing.T) {
	var files []string
	for _, pat := range []string{"durable.cfn.yaml", "durable.sam.yaml", "durable.cfn.json", "durable.sam.json"} {
		m, err := filepath.Glob(filepath.Join(goldenCorpus, "*", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no generator golden (testdata/golden/*/durable.{cfn,sam}.yaml) yet")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(goldenCorpus, f)
		t.Run(rel, func(t *testing.T) {
			rep, err := check(t, f, lint.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Findings) > 0 || len(rep.Suppressed) > 0 {
				t.Errorf("the generator's output has findings:\n%s", render(rep))
			}
		})
	}
}

// TestGeneratorsLintClean renders every spec of the golden corpus with
// cfngen and samgen, in YAML and JSON, and lints the result: what the
// generators write has no finding, whatever state the goldens are in.
func TestGeneratorsLintClean(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join(goldenCorpus, "*", "durable.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) == 0 {
		t.Fatal("no spec in the golden corpus")
	}
	for _, p := range specs {
		name := filepath.Base(filepath.Dir(p))
		f, diags, err := model.Load(p)
		if err != nil {
			t.Errorf("%s: %v %v", name, err, diags)
			continue
		}
		outputs := map[string]func() ([]byte, error){
			"cfn.yaml": func() ([]byte, error) { return cfngen.Render(f, cfngen.YAML) },
			"cfn.json": func() ([]byte, error) { return cfngen.Render(f, cfngen.JSON) },
			"sam.yaml": func() ([]byte, error) { return samgen.Render(f, samgen.YAML) },
			"sam.json": func() ([]byte, error) { return samgen.Render(f, samgen.JSON) },
		}
		for kind, renderFn := range outputs {
			t.Run(name+"/"+kind, func(t *testing.T) {
				data, err := renderFn()
				if err != nil {
					t.Fatal(err)
				}
				rep, err := lint.Check(name+"."+kind, data, lint.Config{})
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Findings) > 0 {
					t.Errorf("%s of %s has findings:\n%s", kind, name, render(rep))
				}
			})
		}
	}
}
