package lint_test

import (
	"path/filepath"
	"testing"

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
