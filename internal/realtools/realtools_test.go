package realtools

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures and skips instead of
// stopping the test.
type recorder struct {
	testing.TB
	fatals, skips, errs []string
}

func (r *recorder) Helper()             {}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Fatalf(format string, a ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, a...))
}
func (r *recorder) Skipf(format string, a ...any) {
	r.skips = append(r.skips, fmt.Sprintf(format, a...))
}
func (r *recorder) Errorf(format string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, a...))
}

// TestRequireFailsUnlessSkipAsked: a missing tool fails the test; it skips
// only with DURABLEFN_SKIP_REAL_TOOLS=1, and never under CI.
func TestRequireFailsUnlessSkipAsked(t *testing.T) {
	const missing Tool = "no-such-tool"
	for _, c := range []struct {
		ci, skip string
		skips    bool
	}{
		{"", "", false},
		{"true", "", false},
		{"true", "1", false},
		{"", "1", true},
		{"", "0", false},
	} {
		t.Setenv("CI", c.ci)
		t.Setenv(SkipEnv, c.skip)
		r := &recorder{TB: t}
		Require(r, missing)
		if c.skips && (len(r.skips) != 1 || len(r.fatals) != 0) || !c.skips && (len(r.fatals) != 1 || len(r.skips) != 0) {
			t.Errorf("CI=%q %s=%q: fatals %q, skips %q; want skip=%v", c.ci, SkipEnv, c.skip, r.fatals, r.skips, c.skips)
		}
	}
}

func TestRequireNamesTheInstallCommand(t *testing.T) {
	t.Setenv(PythonEnv, "no-such-python")
	t.Setenv(CFNLintEnv, "no-such-cfn-lint")
	checkMu.Lock()
	saved := checked
	checked = map[Tool]string{}
	checkMu.Unlock()
	defer func() {
		checkMu.Lock()
		checked = saved
		checkMu.Unlock()
	}()
	for tool, want := range map[Tool]string{
		SAMTranslator: "pip install aws-sam-translator==1.110.0",
		CFNLinter:     "pip install cfn-lint==1.51.0",
	} {
		if p := check(tool); !strings.Contains(p, want) {
			t.Errorf("check(%s) = %q, want it to contain %q", tool, p, want)
		}
	}
}

func TestPackageLocalCode(t *testing.T) {
	tpl := map[string]any{
		"Globals": map[string]any{"Function": map[string]any{"CodeUri": "src/"}},
		"Resources": map[string]any{
			"Local":  map[string]any{"Type": "AWS::Serverless::Function", "Properties": map[string]any{"CodeUri": "./handlers/order"}},
			"S3":     map[string]any{"Type": "AWS::Serverless::Function", "Properties": map[string]any{"CodeUri": "s3://bucket/key.zip"}},
			"Map":    map[string]any{"Type": "AWS::Serverless::Function", "Properties": map[string]any{"CodeUri": map[string]any{"Bucket": "b", "Key": "k"}}},
			"Layer":  map[string]any{"Type": "AWS::Serverless::LayerVersion", "Properties": map[string]any{"ContentUri": "layers/common"}},
			"Plain":  map[string]any{"Type": "AWS::Lambda::Function", "Properties": map[string]any{"Code": "./x"}},
			"Inline": map[string]any{"Type": "AWS::Serverless::Function", "Properties": map[string]any{"InlineCode": "x"}},
		},
	}
	got := PackageLocalCode(tpl)
	if want := []string{"./handlers/order", "layers/common", "src/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("rewritten = %q, want %q", got, want)
	}
	res := tpl["Resources"].(map[string]any)
	prop := func(id, p string) any { return res[id].(map[string]any)["Properties"].(map[string]any)[p] }
	for _, c := range []struct {
		id, prop string
		want     any
	}{
		{"Local", "CodeUri", "s3://durablefn-package/handlers/order"},
		{"S3", "CodeUri", "s3://bucket/key.zip"},
		{"Map", "CodeUri", map[string]any{"Bucket": "b", "Key": "k"}},
		{"Layer", "ContentUri", "s3://durablefn-package/layers/common"},
		{"Plain", "Code", "./x"},
	} {
		if got := prop(c.id, c.prop); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s.%s = %v, want %v", c.id, c.prop, got, c.want)
		}
	}
	if g := tpl["Globals"].(map[string]any)["Function"].(map[string]any)["CodeUri"]; g != "s3://durablefn-package/src" {
		t.Errorf("Globals.Function.CodeUri = %v", g)
	}
}

func TestSAMTranslateMany(t *testing.T) {
	Require(t, SAMTranslator)
	sam, err := os.ReadFile(filepath.Join("testdata", "durable.sam.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	jsonSAM := []byte(`{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`)
	out := SAMTranslateMany(t, map[string][]byte{"durable": sam, "json": jsonSAM})

	var cfn struct {
		Transform any
		Resources map[string]struct {
			Type           string
			DeletionPolicy string
			Properties     map[string]any
		}
	}
	if err := json.Unmarshal(out["durable"], &cfn); err != nil {
		t.Fatal(err)
	}
	if cfn.Transform != nil {
		t.Errorf("Transform left in the output: %v", cfn.Transform)
	}
	fn := cfn.Resources["Orders"]
	if fn.Type != "AWS::Lambda::Function" {
		t.Fatalf("Orders is %q", fn.Type)
	}
	if code := fn.Properties["Code"]; !reflect.DeepEqual(code, map[string]any{"S3Bucket": "durablefn-package", "S3Key": "handlers/order"}) {
		t.Errorf("Code = %v", code)
	}
	if dc := fn.Properties["DurableConfig"]; !reflect.DeepEqual(dc, map[string]any{"ExecutionTimeout": 3600.0, "RetentionPeriodInDays": 14.0}) {
		t.Errorf("DurableConfig = %v", dc)
	}
	versions := 0
	for id, r := range cfn.Resources {
		if r.Type == "AWS::Lambda::Version" {
			versions++
			if !strings.HasPrefix(id, "OrdersVersion") || r.DeletionPolicy != "Retain" {
				t.Errorf("version %s with DeletionPolicy %q", id, r.DeletionPolicy)
			}
		}
	}
	if versions != 1 || cfn.Resources["OrdersAliaslive"].Type != "AWS::Lambda::Alias" {
		t.Errorf("want one retained version and the alias OrdersAliaslive; resources: %v", cfn.Resources)
	}
	if !strings.Contains(string(out["json"]), `"AWS::SQS::Queue"`) {
		t.Errorf("json template: %s", out["json"])
	}

	// Cached: translating again starts no process.
	cacheMu.Lock()
	before := runs
	cacheMu.Unlock()
	again := SAMTranslate(t, sam)
	cacheMu.Lock()
	after := runs
	cacheMu.Unlock()
	if after != before || string(again) != string(out["durable"]) {
		t.Errorf("second translation started %d process(es) or differs", after-before)
	}
}

func TestTranslateSAMReportsTheTranslatorsMessage(t *testing.T) {
	t.Parallel()
	Require(t, SAMTranslator)
	sam, err := os.ReadFile(filepath.Join("testdata", "durable.sam.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = TranslateSAM(map[string][]byte{"local": sam}, KeepLocalCode())
	var errs TranslateErrors
	if !errors.As(err, &errs) || len(errs) != 1 {
		t.Fatalf("err = %v, want one TranslateError", err)
	}
	want := "'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key'"
	if errs[0].Name != "local" || !strings.Contains(errs[0].Error(), want) {
		t.Errorf("error = %v, want the translator's %q", errs[0], want)
	}
}

// One cfn-lint run for both files; the ignore logic is then tested on its
// findings without running cfn-lint again.
func TestCFNLint(t *testing.T) {
	t.Parallel()
	cfn := filepath.Join("testdata", "durable.cfn.yaml")
	sam := filepath.Join("testdata", "durable.sam.yaml")
	got := CFNLintMany(t, []string{cfn, sam})
	if len(got[sam]) != 0 {
		t.Errorf("SAM template with local CodeUri: %v", got[sam])
	}
	type key struct{ rule, level, path string }
	var keys []key
	for _, f := range got[cfn] {
		keys = append(keys, key{f.Rule, f.Level, f.PathString()})
		if f.File != cfn || f.Line == 0 {
			t.Errorf("finding without place: %s", f)
		}
	}
	want := []key{
		{"W3002", "Warning", "Resources/Orders/Properties/Code"},
		{"E3002", "Error", "Resources/Orders/Properties/DurableConfig/KMSKeyArn"},
	}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("findings = %v, want %v", got[cfn], want)
	}
	if e := Errors(got[cfn]); len(e) != 1 || e[0].Rule != "E3002" {
		t.Errorf("Errors = %v", e)
	}

	r := &recorder{TB: t}
	kept := applyIgnores(r, []string{cfn}, got, []Ignore{IgnoreKMSKeyArn, IgnorePackageCode})
	if len(kept[cfn]) != 0 || len(r.errs) != 0 {
		t.Errorf("with both ignores: kept %v, errors %q", kept[cfn], r.errs)
	}
	r = &recorder{TB: t}
	stale := Ignore{Rule: "E3001", Reason: "no longer needed"}
	kept = applyIgnores(r, []string{cfn}, got, []Ignore{IgnoreKMSKeyArn, stale})
	if len(kept[cfn]) != 1 || kept[cfn][0].Rule != "W3002" {
		t.Errorf("kept = %v, want only W3002", kept[cfn])
	}
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "E3001") {
		t.Errorf("stale ignore not reported: %q", r.errs)
	}
	r = &recorder{TB: t}
	AssertNoLintErrors(r, got[cfn])
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "E3002") {
		t.Errorf("AssertNoLintErrors: %q", r.errs)
	}
}
