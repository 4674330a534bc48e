package lint_test

import (
	"path/filepath"
	"testing"

	"github.com/durablefn/durablefn/lint"
)

// TestCDK lints templates that aws-cdk-go synthesized (see
// testdata/lint/cdk/README.md): a clean stack, one with the usual
// mistakes of a CDK app, and one with an event source on the alias (CDK's
// Fn::Join/Fn::Select/Fn::Split form) and the unqualified ARN handed out,
// against their goldens.
func TestCDK(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "cdk", "*.template.json"))
	if len(files) != 3 {
		t.Fatalf("want the 3 synthesized templates, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			rep, err := check(t, f, lint.Config{})
			if err != nil {
				t.Fatal(err)
			}
			assertGolden(t, f+".golden", render(rep))
			if filepath.Base(f) == "CleanStack.template.json" && len(rep.Findings) > 0 {
				t.Errorf("the clean stack has findings:\n%s", render(rep))
			}
		})
	}
}
