package cfngen_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/samgen"
	"github.com/durablefn/durablefn/spec"
)

var versionIDRE = regexp.MustCompile(`FVersion[0-9a-f]{10}`)

func versionID(t *testing.T, body string) string {
	t.Helper()
	src := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/k.zip\n" + body
	f, _, err := model.Parse("t.yaml", ".", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := cfngen.Render(f, cfngen.YAML)
	if err != nil {
		t.Fatal(err)
	}
	id := versionIDRE.FindString(string(out))
	if id == "" {
		t.Fatalf("no version in:\n%s", out)
	}
	return id
}

// TestVersionChangesWithEveryProperty: CloudFormation publishes a new
// version only when the version resource is new, so its logical ID must
// change whenever anything of the function changes (the parity tests
// normalize the hash away, so it is checked here).
func TestVersionChangesWithEveryProperty(t *testing.T) {
	base := "    durable: {executionTimeout: 1h}\n"
	want := versionID(t, base)
	if again := versionID(t, base); again != want {
		t.Fatalf("the version ID is not stable: %s then %s", want, again)
	}
	for name, body := range map[string]string{
		"execution timeout": "    durable: {executionTimeout: 2h}\n",
		"retention":         "    durable: {executionTimeout: 1h, retentionDays: 30}\n",
		"kms key":           "    durable: {executionTimeout: 1h, kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/k}\n",
		"memory":            base + "    memorySize: 256\n",
		"environment":       base + "    environment: {AB: b}\n",
		"log format":        base + "    logs: {format: Text}\n",
		"description":       base + "    description: x\n",
	} {
		if got := versionID(t, body); got == want {
			t.Errorf("changing the %s keeps version %s", name, want)
		}
	}
	// The alias is not a property of the function: same version.
	if got := versionID(t, base+"    alias: prod\n"); got != want {
		t.Errorf("changing the alias changed the version: %s → %s", want, got)
	}
}

// TestVersionChangesWithLocalCode: the version also changes when local
// code changes while its path stays the same.
func TestVersionChangesWithLocalCode(t *testing.T) {
	dir := t.TempDir()
	code := filepath.Join(dir, "src")
	if err := os.Mkdir(code, 0o755); err != nil {
		t.Fatal(err)
	}
	render := func(content string) string {
		if err := os.WriteFile(filepath.Join(code, "index.mjs"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		src := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: ./src\n    durable: {executionTimeout: 1h}\n"
		f, _, err := model.Parse(filepath.Join(dir, "durable.yaml"), dir, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		out, err := cfngen.Render(f, cfngen.YAML)
		if err != nil {
			t.Fatal(err)
		}
		return versionIDRE.FindString(string(out))
	}
	a, b := render("export const handler = async () => 1;"), render("export const handler = async () => 2;")
	if a == "" || a == b {
		t.Errorf("new code kept version %q", a)
	}
}

// TestVersionIgnoresOutputPath: where the template is written changes how
// the local code path is written, never the version: moving the output
// must not publish a new version.
func TestVersionIgnoresOutputPath(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "index.mjs"), []byte("export const handler = async () => 1;"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: ./src\n    durable: {executionTimeout: 1h}\n"
	var ids []string
	for _, codePath := range []string{"./src", "../src", "../../x/src"} {
		f, _, err := spec.Parse(filepath.Join(dir, "durable.yaml"), dir, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		f.Functions[0].Code.Path = codePath // as synth -o in another directory writes it
		app, _, err := model.Build(f, nil)
		if err != nil {
			t.Fatal(err)
		}
		out, err := cfngen.Render(app, cfngen.YAML)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, versionIDRE.FindString(string(out)))
	}
	if ids[0] == "" || ids[0] != ids[1] || ids[1] != ids[2] {
		t.Errorf("the version changes with the output path: %v", ids)
	}
}

// TestRenderRefusesUnvalidatedModel: a model not built from a validated
// spec is refused, never written with empty names.
func TestRenderRefusesUnvalidatedModel(t *testing.T) {
	if _, err := cfngen.Render(&model.App{}, cfngen.YAML); err == nil {
		t.Error("a zero model was rendered")
	}
}

// TestVersionCannotSeeDeployTimeValues pins what the README says: the ID
// is computed at synth time, so a value the template only takes at deploy
// time cannot change it — a parameter's value (its default here), S3 code
// under a fixed key — while a new key or objectVersion in the spec does.
func TestVersionCannotSeeDeployTimeValues(t *testing.T) {
	withStage := func(stage string) string {
		return "parameters: {Stage: {type: String, default: " + stage + "}}\n" +
			"functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/k.zip\n" +
			"    durable: {executionTimeout: 1h}\n    environment: {STAGE: !Ref Stage}\n"
	}
	var ids []string
	for _, src := range []string{withStage("dev"), withStage("prod")} {
		f, _, err := model.Parse("t.yaml", ".", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		out, err := cfngen.Render(f, cfngen.YAML)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, versionIDRE.FindString(string(out)))
	}
	if ids[0] == "" || ids[0] != ids[1] {
		t.Errorf("a parameter's value changed the version ID: %v", ids)
	}
	base := "    durable: {executionTimeout: 1h}\n"
	fixed := versionID(t, base)
	if again := versionID(t, base); again != fixed {
		t.Errorf("S3 code under one key: %s then %s", fixed, again)
	}
	// A new key per build, or an object version, is a new spec: a new ID.
	for _, code := range []string{"s3://b/k-build2.zip", "{bucket: b, key: k.zip, objectVersion: \"2\"}"} {
		src := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: " + code + "\n" + base
		f, _, err := model.Parse("t.yaml", ".", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		out, err := cfngen.Render(f, cfngen.YAML)
		if err != nil {
			t.Fatal(err)
		}
		if id := versionIDRE.FindString(string(out)); id == "" || id == fixed {
			t.Errorf("code %s kept version %s", code, fixed)
		}
	}
}

// TestUnreadableCodeIsRefusedAtItsField: code the digest walk refuses (a
// named pipe in the directory) is an error of the CloudFormation output at
// the spec's code field; the SAM output, which does not hash the code,
// renders.
func TestUnreadableCodeIsRefusedAtItsField(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "src", "fifo"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	src := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: ./src\n    durable: {executionTimeout: 1h}\n"
	app, _, err := model.Parse(filepath.Join(dir, "durable.yaml"), dir, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfngen.Render(app, cfngen.YAML)
	want := filepath.Join(dir, "durable.yaml") + ":5:11: functions.F.code: code ./src cannot be read: fifo is a named pipe"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s…", err, want)
	}
	if _, err := samgen.Render(app, samgen.YAML); err != nil {
		t.Errorf("SAM: %v", err)
	}
}
