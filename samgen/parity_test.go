package samgen_test

import (
	"os"
	"testing"

	"github.com/durablefn/durablefn/internal/realtools"
	"github.com/durablefn/durablefn/internal/templatecmp"
	"github.com/durablefn/durablefn/internal/testutil"
)

// TestSAMEqualsCloudFormation is the promise of the project for SAM: every
// SAM golden (and every example's SAM template), transformed by the real aws-sam-translator 1.110.0, is the
// same infrastructure as its CloudFormation golden, after the normalization
// of templatecmp.SAMRules (each rule documented and tested there).
func TestSAMEqualsCloudFormation(t *testing.T) {
	realtools.Require(t, realtools.SAMTranslator)
	cases := append(testutil.GoldenCases(t), testutil.ExampleCases(t)...)
	sams := map[string][]byte{}
	for _, c := range cases {
		b, err := os.ReadFile(c.Golden("sam"))
		if err != nil {
			t.Fatal(err)
		}
		sams[c.Name] = b
	}
	translated := realtools.SAMTranslateMany(t, sams)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			cfn, err := os.ReadFile(c.Golden("cfn"))
			if err != nil {
				t.Fatal(err)
			}
			templatecmp.AssertEquivalent(t,
				templatecmp.MustParse(t, cfn),
				templatecmp.MustParse(t, translated[c.Name]),
				templatecmp.Options{Rules: templatecmp.SAMRules(), WantName: "cfn", GotName: "sam"})
		})
	}
}
