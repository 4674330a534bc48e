package cfngen_test

import (
	"bytes"
	"testing"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/internal/testutil"
)

// TestGolden renders every spec of the golden corpus and compares it with
// its CloudFormation golden, byte for byte.
func TestGolden(t *testing.T) {
	for _, c := range testutil.GoldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			f := testutil.LoadApp(t, c.Spec())
			got, err := cfngen.Render(f, cfngen.YAML)
			if err != nil {
				t.Fatal(err)
			}
			testutil.AssertGolden(t, c.Golden("cfn"), got)

			again, err := cfngen.Render(testutil.LoadApp(t, c.Spec()), cfngen.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Error("two renders of the same spec differ")
			}
		})
	}
}
