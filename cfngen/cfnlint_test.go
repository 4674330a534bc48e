package cfngen_test

import (
	"testing"

	"github.com/durablefn/durablefn/internal/realtools"
	"github.com/durablefn/durablefn/internal/testutil"
)

// TestGoldensPassCFNLint runs the real cfn-lint 1.51.0 on every
// CloudFormation and SAM golden, and every example template, in one run, and expects no finding at all,
// warnings included, but for two documented exceptions:
//
//   - E3002 on DurableConfig.KMSKeyArn: cfn-lint 1.51.0's schema predates
//     the property, which CloudFormation accepts (realtools.IgnoreKMSKeyArn,
//     scoped to that exact path; every other E3002 still fails);
//   - W3002 on Code: ./path in CloudFormation goldens: that is the input form
//     of `aws cloudformation package`, which our CloudFormation output uses
//     for local code on purpose (realtools.IgnorePackageCode).
//
// An ignore that matches nothing fails too, so neither can go stale.
func TestGoldensPassCFNLint(t *testing.T) {
	realtools.Require(t, realtools.CFNLinter)
	var paths []string
	for _, c := range append(testutil.GoldenCases(t), testutil.ExampleCases(t)...) {
		paths = append(paths, c.Golden("cfn"), c.Golden("sam"))
	}
	findings := realtools.CFNLintMany(t, paths, realtools.IgnoreKMSKeyArn, realtools.IgnorePackageCode)
	for _, p := range paths {
		for _, f := range findings[p] {
			t.Errorf("cfn-lint: %s", f)
		}
	}
}
