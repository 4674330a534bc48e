package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/lint"
)

// TestRules lints every case of testdata/lint/rules/<ID>-<name>/ and
// compares the findings with the case's golden. Each rule has a directory;
// in it, files named bad* must raise the rule and files named good* (a
// close variant) must not, in YAML and in JSON. The JSON files are twins of
// the YAML ones, written by -update with long-form intrinsics.
func TestRules(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(testdata, "rules", "DL*"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, dir := range dirs {
		base := filepath.Base(dir)
		id, name, _ := strings.Cut(base, "-")
		rule, ok := lint.RuleByID(id)
		if !ok {
			t.Errorf("%s: no rule %s", dir, id)
			continue
		}
		if name != rule.Name {
			t.Errorf("%s: the directory should be named %s-%s", dir, rule.ID, rule.Name)
		}
		covered[id] = true
		t.Run(base, func(t *testing.T) {
			writeTwins(t, dir)
			kinds := map[string]bool{}
			for _, f := range caseFiles(t, dir) {
				file := filepath.Base(f)
				ext := filepath.Ext(file)
				rep, err := check(t, f, lint.Config{})
				if err != nil {
					t.Errorf("%s: %v", file, err)
					continue
				}
				assertGolden(t, f+".golden", render(rep))
				raised := false
				for _, d := range rep.Findings {
					raised = raised || d.Code == id
				}
				switch {
				case strings.HasPrefix(file, "bad"):
					kinds["bad"+ext] = true
					if !raised {
						t.Errorf("%s does not raise %s", file, id)
					}
				case strings.HasPrefix(file, "good"):
					kinds["good"+ext] = true
					if raised {
						t.Errorf("%s raises %s", file, id)
					}
				default:
					t.Errorf("%s: name a case bad… or good…", file)
				}
			}
			for _, k := range []string{"bad.yaml", "bad.json", "good.yaml", "good.json"} {
				if !kinds[k] {
					t.Errorf("no %s* case", strings.TrimSuffix(k, filepath.Ext(k))+" "+filepath.Ext(k))
				}
			}
		})
	}
	for _, r := range lint.Rules() {
		if r.ID == lint.CodeUnreadable {
			continue // an error, not a finding: see TestMalformed
		}
		if !covered[r.ID] {
			t.Errorf("rule %s has no testdata/lint/rules/%s-%s directory", r.ID, r.ID, r.Name)
		}
	}
}

// writeTwins writes (with -update) or checks the JSON twin of every YAML
// case of a directory.
func writeTwins(t *testing.T, dir string) {
	t.Helper()
	ymls, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	for _, y := range ymls {
		data, err := os.ReadFile(y)
		if err != nil {
			t.Fatal(err)
		}
		twin := strings.TrimSuffix(y, ".yaml") + ".json"
		want := jsonTwin(t, data)
		if *update {
			if err := os.WriteFile(twin, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(twin)
		if err != nil {
			t.Errorf("%v (go test ./lint -update writes the JSON twins)", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not the JSON twin of %s (go test ./lint -update rewrites it)", twin, filepath.Base(y))
		}
	}
}
