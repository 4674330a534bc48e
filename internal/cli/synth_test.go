package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/model"
)

// dirNames lists a directory, to catch stray temporary files.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSynthMatchesGoldens: the command prints what the renderers' goldens
// hold, for every spec of the corpus and both formats, and --check finds
// every golden fresh.
func TestSynthMatchesGoldens(t *testing.T) {
	for _, c := range testutil.GoldenCases(t) {
		for _, format := range []string{"cfn", "sam"} {
			t.Run(c.Name+"/"+format, func(t *testing.T) {
				r := cli(t, "synth", "--format", format, c.Spec()).want(t, 0)
				if want := readFile(t, c.Golden(format)); r.stdout != want {
					t.Errorf("synth differs from %s:\n%s", c.Golden(format), testutil.LineDiff(want, r.stdout))
				}
				cli(t, "synth", "--format", format, "-o", c.Golden(format), "--check", c.Spec()).want(t, 0)
			})
		}
	}
}

func TestSynthJSON(t *testing.T) {
	for _, format := range []string{"cfn", "sam"} {
		t.Run(format, func(t *testing.T) {
			r := cli(t, "synth", "--format", format, "--json", orderSaga()).want(t, 0)
			var tmpl map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &tmpl); err != nil {
				t.Fatalf("--json is not JSON: %v\n%s", err, r.stdout)
			}
			res, _ := tmpl["Resources"].(map[string]any)
			if _, ok := res["OrderProcessor"]; !ok {
				t.Errorf("no OrderProcessor resource in %v", tmpl)
			}
			if _, sam := tmpl["Transform"]; sam != (format == "sam") {
				t.Errorf("Transform present = %v for %s", sam, format)
			}
		})
	}
}

func TestSynthWritesFile(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	out := filepath.Join(dir, "template.yaml")
	r := cli(t, "synth", "--format", "sam", "-o", out, specPath).want(t, 0)
	if r.stdout != "" {
		t.Errorf("stdout with -o: %s", r.stdout)
	}
	want := cli(t, "synth", "--format", "sam", specPath).want(t, 0).stdout
	if got := readFile(t, out); got != want {
		t.Errorf("-o file differs from stdout:\n%s", testutil.LineDiff(want, got))
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"durable.yaml", "template.yaml"}) {
		t.Errorf("directory holds %v", names)
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", info.Mode().Perm())
	}
	// Overwriting keeps the file's permissions.
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	cli(t, "synth", "--format", "cfn", "-o", out, specPath).want(t, 0)
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o600 {
		t.Errorf("mode after rewrite %v, want 0600", info.Mode().Perm())
	}
	if !strings.Contains(readFile(t, out), "AWS::Lambda::Version") {
		t.Error("the file was not rewritten with the cfn template")
	}
}

// TestSynthSpecErrorLeavesFile: a spec with errors writes nothing, leaves
// an existing output as it was and no temporary file.
func TestSynthSpecErrorLeavesFile(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", invalidSpec)
	out := filepath.Join(dir, "template.yaml")
	const old = "previous template\n"
	if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "synth", "--format", "cfn", "-o", out, specPath).want(t, 1)
	if got := readFile(t, out); got != old {
		t.Errorf("output changed to:\n%s", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"durable.yaml", "template.yaml"}) {
		t.Errorf("directory holds %v", names)
	}
	r.oneLineErrors(t)
	for _, want := range []string{
		specPath + ":3:14: functions.Worker.runtime: ruby3.3: the durable execution SDK is not available",
		specPath + ":7:25: functions.Worker.durable.executionTimeout: 400d is over the 366-day maximum",
		"durablefn: " + specPath + " has 2 errors: nothing written to " + out,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("stdout: %s", r.stdout)
	}
	// Without -o: nothing on stdout either.
	if r := cli(t, "synth", "--format", "cfn", specPath).want(t, 1); r.stdout != "" {
		t.Errorf("partial output on stdout: %s", r.stdout)
	}
}

// TestSynthWriteFailure: when the last step fails, the old file stays and
// the temporary file is removed.
func TestSynthWriteFailure(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	out := filepath.Join(dir, "template.yaml")
	const old = "previous template\n"
	if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	renameFile = func(string, string) error { return errors.New("disk on fire") }
	t.Cleanup(func() { renameFile = os.Rename })
	r := cli(t, "synth", "--format", "cfn", "-o", out, specPath).want(t, 2)
	if r.stderr != "durablefn: writing "+out+": disk on fire (nothing written)\n" {
		t.Errorf("stderr: %s", r.stderr)
	}
	if got := readFile(t, out); got != old {
		t.Errorf("output changed")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"durable.yaml", "template.yaml"}) {
		t.Errorf("directory holds %v", names)
	}
}

func TestSynthOutputProblems(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	// A directory that does not exist: exit 2, nothing created.
	missing := filepath.Join(dir, "no-such-dir", "template.yaml")
	r := cli(t, "synth", "--format", "cfn", "-o", missing, specPath).want(t, 2)
	r.oneLineErrors(t)
	if _, err := os.Stat(filepath.Dir(missing)); !os.IsNotExist(err) {
		t.Errorf("created %s", filepath.Dir(missing))
	}
	// A directory as output: a usage error.
	cli(t, "synth", "--format", "cfn", "-o", dir, specPath).want(t, 2)
	if names := dirNames(t, dir); !slices.Equal(names, []string{"durable.yaml"}) {
		t.Errorf("directory holds %v", names)
	}
}

// TestSynthSymlink: -o naming a symbolic link, dangling or not, is refused
// (exit 2): neither the link nor the file it points to changes. --check
// reads through a link.
func TestSynthSymlink(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	real := filepath.Join(dir, "real.yaml")
	if err := os.WriteFile(real, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("real.yaml", link); err != nil {
		t.Skip("no symlinks:", err)
	}
	dangling := filepath.Join(dir, "dangling.yaml")
	if err := os.Symlink(filepath.Join(dir, "elsewhere", "x.yaml"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, dangling} {
		r := cli(t, "synth", "--format", "cfn", "-o", l, specPath).want(t, 2)
		r.oneLineErrors(t)
		if !strings.Contains(r.stderr, "-o "+l+" is a symbolic link: durablefn does not follow it") {
			t.Errorf("stderr: %s", r.stderr)
		}
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link %s was replaced", l)
		}
	}
	if got := readFile(t, real); got != "old\n" {
		t.Errorf("the link's target changed: %s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "elsewhere")); !os.IsNotExist(err) {
		t.Errorf("the dangling link's target was created")
	}
	cli(t, "synth", "--format", "cfn", "-o", link, "--check", specPath).want(t, 1) // stale, read through the link
}

func TestSynthCheck(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	out := filepath.Join(dir, "template.yaml")

	// Missing: stale, and not created.
	r := cli(t, "synth", "--format", "cfn", "-o", out, "--check", specPath).want(t, 1)
	if !strings.Contains(r.stderr, out+" does not exist") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("--check created the file")
	}

	// Fresh.
	cli(t, "synth", "--format", "cfn", "-o", out, specPath).want(t, 0)
	fresh := readFile(t, out)
	r = cli(t, "synth", "--format", "cfn", "-o", out, "--check", specPath).want(t, 0)
	if r.stdout != "" {
		t.Errorf("stdout: %s", r.stdout)
	}

	// Stale: the spec changed. The file stays as it was, and the message
	// names it and the command that regenerates it.
	writeSpec(t, dir, "durable.yaml", strings.Replace(validSpec, "1h", "2h", 1))
	r = cli(t, "synth", "--format", "cfn", "-o", out, "--check", specPath).want(t, 1)
	r.oneLineErrors(t)
	wantMsg := "durablefn: " + out + " is stale: it differs from what " + specPath + " renders; regenerate it with: durablefn synth --format cfn -o " + out + " " + specPath + "\n"
	if r.stderr != wantMsg {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, wantMsg)
	}
	if readFile(t, out) != fresh {
		t.Error("--check changed the file")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"durable.yaml", "template.yaml"}) {
		t.Errorf("directory holds %v", names)
	}

	// Stale: another format, or JSON, against the YAML file.
	cli(t, "synth", "--format", "sam", "-o", out, "--check", specPath).want(t, 1)
	r = cli(t, "synth", "--format", "cfn", "--json", "-o", out, "--check", specPath).want(t, 1)
	if !strings.Contains(r.stderr, "durablefn synth --format cfn --json -o") {
		t.Errorf("the regenerate command lacks --json: %s", r.stderr)
	}

	// A spec error under --check: exit 1, nothing written.
	writeSpec(t, dir, "durable.yaml", invalidSpec)
	cli(t, "synth", "--format", "cfn", "-o", out, "--check", specPath).want(t, 1)
	if readFile(t, out) != fresh {
		t.Error("file changed")
	}

	// --check without -o is a usage error.
	cli(t, "synth", "--format", "cfn", "--check", specPath).want(t, 2)
}

func TestSynthQuotesRegenerateCommand(t *testing.T) {
	got := regenerateCommand(synthOptions{format: "sam", output: "my dir/template.yaml"}, "it's.yaml")
	want := `durablefn synth --format sam -o 'my dir/template.yaml' 'it'\''s.yaml'`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSynthUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"no format":      {"synth", orderSaga()},
		"unknown format": {"synth", "--format", "terraform", orderSaga()},
		"no spec":        {"synth", "--format", "cfn"},
		"two specs":      {"synth", "--format", "cfn", orderSaga(), orderSaga()},
	} {
		t.Run(name, func(t *testing.T) {
			r := cli(t, args...).want(t, 2)
			r.oneLineErrors(t)
		})
	}
	r := cli(t, "synth", "--format", "terraform", orderSaga())
	if !strings.Contains(r.stderr, `unknown format "terraform": use one of cdk, cfn, sam`) {
		t.Errorf("stderr: %s", r.stderr)
	}
	r = cli(t, "synth", "--format", "cfn", filepath.Join(t.TempDir(), "missing.yaml")).want(t, 2)
	r.oneLineErrors(t)
	if !strings.Contains(r.stderr, "cannot read spec") || !strings.Contains(r.stderr, "no such file or directory") || strings.Contains(r.stderr, "--help") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestSynthWarnings: warnings go to stderr and do not fail.
func TestSynthWarnings(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", strings.Replace(validSpec, "    runtime:", "    functionName: worker\n    runtime:", 1))
	r := cli(t, "synth", "--format", "sam", specPath).want(t, 0)
	if !strings.Contains(r.stderr, specPath+":3:19: warning: functions.Worker.functionName:") {
		t.Errorf("no warning on stderr:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "FunctionName: worker") {
		t.Errorf("no template on stdout")
	}
}

// TestSynthCodePathsFollowOutput: local code paths are written relative to
// the template's directory.
func TestSynthCodePathsFollowOutput(t *testing.T) {
	root := t.TempDir()
	specDir := filepath.Join(root, "app")
	outDir := filepath.Join(root, "build")
	for _, d := range []string{filepath.Join(specDir, "src"), outDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(specDir, "src", "index.js"), []byte("exports.handler = async () => {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	specPath := writeSpec(t, specDir, "durable.yaml", strings.Replace(validSpec, "s3://my-bucket/worker.zip", "./src", 1))

	if r := cli(t, "synth", "--format", "sam", specPath).want(t, 0); !strings.Contains(r.stdout, "CodeUri: ./src\n") {
		t.Errorf("stdout keeps the spec's path:\n%s", r.stdout)
	}
	same := filepath.Join(specDir, "template.yaml")
	cli(t, "synth", "--format", "sam", "-o", same, specPath).want(t, 0)
	if !strings.Contains(readFile(t, same), "CodeUri: ./src\n") {
		t.Errorf("beside the spec:\n%s", readFile(t, same))
	}
	other := filepath.Join(outDir, "template.yaml")
	for _, format := range []string{"sam", "cfn"} {
		cli(t, "synth", "--format", format, "-o", other, specPath).want(t, 0)
		if !strings.Contains(readFile(t, other), "../app/src\n") {
			t.Errorf("%s in another directory:\n%s", format, readFile(t, other))
		}
		cli(t, "synth", "--format", format, "-o", other, "--check", specPath).want(t, 0)
	}
	parent := filepath.Join(root, "template.yaml")
	cli(t, "synth", "--format", "sam", "-o", parent, specPath).want(t, 0)
	if !strings.Contains(readFile(t, parent), "CodeUri: ./app/src\n") {
		t.Errorf("in the parent directory:\n%s", readFile(t, parent))
	}
}

// TestFormatRegistry: a format registered from another file (as cdk.go
// does) is usable and listed; registering a name twice panics.
func TestFormatRegistry(t *testing.T) {
	registerFormat("test-upper", renderer{
		summary: "the spec's function names, for this test",
		render: func(app *model.App, o renderOptions) ([]byte, error) {
			var b strings.Builder
			for _, fn := range app.Functions {
				b.WriteString(strings.ToUpper(fn.ID) + "\n")
			}
			if o.JSON {
				b.WriteString("json\n")
			}
			return []byte(b.String()), nil
		},
	})
	t.Cleanup(func() { delete(formats, "test-upper") })
	if r := cli(t, "synth", "--format", "test-upper", "--json", orderSaga()).want(t, 0); r.stdout != "ORDERPROCESSOR\nAPPROVER\njson\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	if r := cli(t, "synth", "--help"); !strings.Contains(r.stdout, "test-upper the spec's function names") {
		t.Errorf("synth --help does not list the format:\n%s", r.stdout)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering cfn twice does not panic")
		}
	}()
	registerFormat("cfn", formats["cfn"])
}

// TestSynthWarnsLargeTemplate: a template over the 51,200 bytes
// CloudFormation takes in a request is written, with a warning naming its
// size and --s3-bucket, in both formats; exit code 0. One just under gets no
// warning, nor does the cdk format.
func TestSynthWarnsLargeTemplate(t *testing.T) {
	spec := func(n int) string {
		var b strings.Builder
		b.WriteString("functions:\n")
		for i := range n {
			fmt.Fprintf(&b, "  F%d:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: {inline: %q}\n    durable: {executionTimeout: 1h}\n",
				i, strings.Repeat("x", 4000))
		}
		return b.String()
	}
	dir := t.TempDir()
	big := writeSpec(t, dir, "big.yaml", spec(13))
	for _, format := range []string{"cfn", "sam"} {
		for _, asJSON := range []bool{false, true} {
			args := []string{"synth", "--format", format, big}
			if asJSON {
				args = append(args[:3], "--json", big)
			}
			r := cli(t, args...).want(t, 0)
			if len(r.stdout) <= 51200 {
				t.Fatalf("%v: the template is %d bytes, want over 51200", args, len(r.stdout))
			}
			want := fmt.Sprintf("durablefn: warning: the template is %d bytes, over the 51200 bytes CloudFormation takes in a request: deploy it with --s3-bucket BUCKET", len(r.stdout))
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, want, r.stderr)
			}
		}
	}
	small := writeSpec(t, dir, "small.yaml", spec(3))
	if r := cli(t, "synth", "--format", "cfn", small).want(t, 0); strings.Contains(r.stderr, "warning") {
		t.Errorf("a template of %d bytes warned:\n%s", len(r.stdout), r.stderr)
	}
	useCDKHelper(t)
	if r := cli(t, "synth", "--format", "cdk", big).want(t, 0); strings.Contains(r.stderr, "warning") {
		t.Errorf("the cdk format (Go code of %d bytes) warned:\n%s", len(r.stdout), r.stderr)
	}
}
