package lint_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/internal/realtools"
)

// TestGoodCasesPassCFNLint: the close variants that durablefn lint finds
// clean (rules/*/good*) are valid templates for the real cfn-lint too, so a
// good case never hides its point behind a template CloudFormation would
// reject. (The bad cases are not run: cfn-lint misses most durable
// mistakes, which is why this linter exists.)
func TestGoodCasesPassCFNLint(t *testing.T) {
	var paths []string
	for _, ext := range []string{"yaml", "json"} {
		m, err := filepath.Glob(filepath.Join(testdata, "rules", "*", "good*."+ext))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	paths = append(paths, filepath.Join(testdata, "cdk", "CleanStack.template.json"))
	for path, findings := range realtools.CFNLintMany(t, paths, realtools.Ignore{
		Rule: "W3005", Path: "Workflow193EF7C1/DependsOn",
		Reason: "CDK writes a DependsOn on the role next to the GetAtt of its ARN (see durable-iac-facts.md)",
	}) {
		for _, f := range findings {
			t.Errorf("%s: %s", filepath.Base(path), f)
		}
	}
}

// TestLambdaActionsMatchCFNLint: facts.LambdaActions is the list of Lambda
// actions cfn-lint 1.51.0 ships (data/AdditionalSpecs/Policies.json, from
// IAM's Service Authorization Reference), so DL402 flags exactly what IAM
// does not define.
func TestLambdaActionsMatchCFNLint(t *testing.T) {
	realtools.Require(t, realtools.CFNLinter)
	py := os.Getenv(realtools.PythonEnv)
	if py == "" {
		py = "python3"
	}
	script := `import cfnlint, json, os
d = json.load(open(os.path.join(os.path.dirname(cfnlint.__file__), "data", "AdditionalSpecs", "Policies.json")))
print("\n".join(sorted(d["lambda"]["Actions"])))`
	out, err := exec.Command(py, "-c", script).Output()
	if err != nil {
		t.Fatalf("reading cfn-lint's action list with %s: %v", py, err)
	}
	var want []string
	for _, a := range strings.Fields(string(out)) {
		want = append(want, "lambda:"+a)
	}
	var got []string
	for _, a := range facts.LambdaActions() {
		got = append(got, strings.ToLower(a))
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("facts.LambdaActions differs from cfn-lint's list:\ngot  %v\nwant %v", got, want)
	}
}
