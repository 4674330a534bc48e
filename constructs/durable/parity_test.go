package durable_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/internal/templatecmp"
	"github.com/durablefn/durablefn/model"
)

// synthContext is what `cdk synth` and `sam build` set, so that logical IDs
// and assets can be traced back (see templatecmp.CDKRules).
func synthContext() *map[string]interface{} {
	return &map[string]interface{}{
		"aws:cdk:enable-path-metadata":  true,
		"aws:cdk:enable-asset-metadata": true,
		"aws:cdk:disable-asset-staging": true,
	}
}

// TestParityWithCloudFormation synthesizes FromSpec for every golden spec
// and compares it with the CloudFormation golden by meaning.
func TestParityWithCloudFormation(t *testing.T) {
	specs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", "durable.yaml"))
	if err != nil || len(specs) == 0 {
		t.Fatalf("no golden specs: %v", err)
	}
	for _, path := range specs {
		dir, _ := filepath.Abs(filepath.Dir(path))
		t.Run(filepath.Base(dir), func(t *testing.T) {
			golden, err := os.ReadFile(filepath.Join(dir, "durable.cfn.yaml"))
			if os.IsNotExist(err) {
				t.Skip("no CloudFormation golden yet")
			}
			if err != nil {
				t.Fatal(err)
			}
			// GIVEN
			m, _, err := model.Load(filepath.Join(dir, "durable.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			app := awscdk.NewApp(&awscdk.AppProps{Context: synthContext(), AnalyticsReporting: jsii.Bool(false)})

			// WHEN
			stack, _ := durable.NewSpecStack(app, jsii.String("Parity"), m, nil)
			got, err := templatecmp.FromValue((*assertions.Template_FromStack(stack, nil).ToJSON()))
			if err != nil {
				t.Fatal(err)
			}

			// THEN
			want := templatecmp.MustParse(t, golden)
			templatecmp.AssertEquivalent(t, want, got, templatecmp.Options{
				Rules:    templatecmp.CDKRules(templatecmp.CDKOptions{Renames: renames(m), AssetBaseDir: dir}),
				WantName: "cfn", GotName: "cdk",
			})
		})
	}
}

// renames maps the human part of the construct's logical IDs to the
// generators' where they differ: the version (CDK's currentVersion) and an
// alias whose name has "-" or "_" (CDK drops them, SAM spells them D and U).
func renames(m *model.App) map[string]string {
	out := map[string]string{}
	for _, fn := range m.Functions {
		if fn.AliasID == "" {
			continue
		}
		out[fn.ID+"CurrentVersion"] = fn.VersionPrefix
		cdkAlias := fn.ID + "Alias" + strings.NewReplacer("-", "", "_", "").Replace(fn.Alias)
		if cdkAlias != fn.AliasID {
			out[cdkAlias] = fn.AliasID
		}
	}
	return out
}
