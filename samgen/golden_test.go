package samgen_test

import (
	"bytes"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/samgen"
)

// TestGolden renders every spec of the golden corpus and compares it with
// its SAM golden, byte for byte.
func TestGolden(t *testing.T) {
	for _, c := range testutil.GoldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			f := testutil.LoadApp(t, c.Spec())
			got, err := samgen.Render(f, samgen.YAML)
			if err != nil {
				t.Fatal(err)
			}
			testutil.AssertGolden(t, c.Golden("sam"), got)

			again, err := samgen.Render(testutil.LoadApp(t, c.Spec()), samgen.YAML)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Error("two renders of the same spec differ")
			}
		})
	}
}
