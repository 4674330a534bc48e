package lint_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/realtools"
	"github.com/durablefn/durablefn/lint"
)

// fixCases lists the templates --fix is tested on: every bad case of the
// rules corpus, and the cases of testdata/lint/fix (comments, flow and
// block styles). Each one that --fix changes has a golden of its output,
// testdata/lint/fix/golden/<dir>/<file>.
func fixCases(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"rules/*/bad*.yaml", "rules/*/bad*.json", "fix/*.yaml", "fix/*.json", "cdk/*.template.json"} {
		m, err := filepath.Glob(filepath.Join(testdata, pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	sort.Strings(out)
	return out
}

func fixGolden(f string) string {
	rel, _ := filepath.Rel(testdata, f)
	return filepath.Join(testdata, "fix", "golden", strings.ReplaceAll(rel, string(filepath.Separator), "__"))
}

// TestFix: --fix on every case gives its golden (comments, key order and
// untouched lines kept); the result has no finding left that a fix exists
// for; fixing it again changes nothing; every rule that says it is
// fixable is fixed at least once, and no other.
func TestFix(t *testing.T) {
	fixed := map[string]bool{}
	for _, f := range fixCases(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		res, err := lint.Fix(name, data, lint.Config{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		golden := fixGolden(f)
		if len(res.Applied) == 0 {
			if !bytes.Equal(res.Fixed, data) {
				t.Errorf("%s: changed without a finding fixed", f)
			}
			if _, err := os.Stat(golden); err == nil && !*update {
				t.Errorf("%s: nothing fixed, but %s exists", f, golden)
			} else if *update {
				os.Remove(golden)
			}
			continue
		}
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
		}
		assertGolden(t, golden, res.Fixed)
		for _, d := range res.Applied {
			fixed[d.Code] = true
		}
		again, err := lint.Fix(name, res.Fixed, lint.Config{})
		if err != nil {
			t.Errorf("%s fixed: %v", f, err)
			continue
		}
		if len(again.Applied) > 0 || !bytes.Equal(again.Fixed, res.Fixed) {
			t.Errorf("%s: a second --fix changes %v", f, again.Applied)
		}
	}
	for _, r := range lint.Rules() {
		if r.Fixable != fixed[r.ID] {
			t.Errorf("rule %s: Fixable is %v, but the corpus fixes it: %v", r.ID, r.Fixable, fixed[r.ID])
		}
	}
}

// TestFixRealTools: what --fix writes is still a template the real tools
// accept: cfn-lint finds nothing in a fixed template that it did not find
// in the input, and every fixed SAM template passes the real SAM
// translator.
func TestFixRealTools(t *testing.T) {
	before, after := map[string][]byte{}, map[string][]byte{}
	sam := map[string][]byte{}
	for _, f := range fixCases(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := lint.Fix(filepath.Base(f), data, lint.Config{})
		if err != nil || len(res.Applied) == 0 {
			continue
		}
		name := filepath.Base(fixGolden(f))
		before["in-"+name], after["out-"+name] = data, res.Fixed
		if bytes.Contains(data, []byte("AWS::Serverless-2016-10-31")) {
			sam[name] = res.Fixed
		}
	}
	if len(sam) == 0 {
		t.Fatal("no fixed SAM template")
	}
	all := map[string][]byte{}
	for k, v := range before {
		all[k] = v
	}
	for k, v := range after {
		all[k] = v
	}
	found := realtools.CFNLintTemplates(t, all)
	for name := range after {
		had := map[string]bool{}
		for _, f := range found["in-"+strings.TrimPrefix(name, "out-")] {
			had[f.Rule+" "+f.PathString()] = true
		}
		for _, f := range found[name] {
			if !had[f.Rule+" "+f.PathString()] {
				t.Errorf("%s: cfn-lint finds what the input did not have: %s", name, f)
			}
		}
	}
	realtools.SAMTranslateMany(t, sam)
}

// TestFixCRLF: a template with Windows line endings is fixed the same, and
// the lines --fix adds end as the others do.
func TestFixCRLF(t *testing.T) {
	in, err := os.ReadFile(filepath.Join(testdata, "fix", "comments.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(testdata, "fix", "golden", "fix__comments.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	res, err := lint.Fix("comments.yaml", crlf(in), lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Fixed, crlf(want)) {
		t.Errorf("the CRLF template fixed is not the golden with CRLF:\n%q", res.Fixed)
	}
}

// TestFixDoesNotDecide: with two aliases of the function, which one a
// permission should name is a decision: --fix leaves it, and the finding
// stays.
func TestFixDoesNotDecide(t *testing.T) {
	tmpl := triggerBase + `  WorkflowAliasCanary:
    Type: AWS::Lambda::Alias
    Properties: {Name: canary, FunctionName: !Ref Workflow, FunctionVersion: !GetAtt WorkflowVersion5e1f0c0de1.Version}
  Permission:
    Type: AWS::Lambda::Permission
    Properties: {Action: lambda:InvokeFunction, Principal: sns.amazonaws.com, FunctionName: !GetAtt Workflow.Arn}
`
	res, err := lint.Fix("t.yaml", []byte(tmpl), lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) > 0 || string(res.Fixed) != tmpl {
		t.Errorf("--fix chose an alias: %v\n%s", res.Applied, res.Fixed)
	}
	if len(res.Report.Findings) != 1 || res.Report.Findings[0].Code != "DL301" {
		t.Errorf("findings %v, want the DL301 left", res.Report.Findings)
	}
}
