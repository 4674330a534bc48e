package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cliIn runs the command line with stdin.
func cliIn(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// TestSynthRefusesToOverwriteTheSpec: -o naming the spec, however written,
// is refused with exit 2 and the spec is left as it was.
func TestSynthRefusesToOverwriteTheSpec(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	link := filepath.Join(dir, "link.yaml")
	hard := filepath.Join(dir, "hard.yaml")
	if err := os.Symlink("durable.yaml", link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Link(specPath, hard); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, out := range []string{"durable.yaml", "./durable.yaml", specPath, dir + "/../" + filepath.Base(dir) + "/durable.yaml", link, hard} {
		for _, check := range []bool{false, true} {
			args := []string{"synth", "--format", "cfn", "-o", out}
			if check {
				args = append(args, "--check")
			}
			r := cli(t, append(args, "durable.yaml")...).want(t, 2)
			r.oneLineErrors(t)
			if !strings.Contains(r.stderr, "is the spec durable.yaml itself") && !strings.Contains(r.stderr, "is a symbolic link") {
				t.Errorf("-o %s: %s", out, r.stderr)
			}
		}
	}
	if got := readFile(t, specPath); got != validSpec {
		t.Errorf("the spec changed:\n%s", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"durable.yaml", "hard.yaml", "link.yaml"}) {
		t.Errorf("directory holds %v", names)
	}
}

// TestSynthRemovesStaleTemporaryFiles: a temporary file a killed run left
// for the same output is removed by the next run; a fresh one (a run
// still writing) and another output's are left.
func TestSynthRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	out := filepath.Join(dir, "template.yaml")
	write := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-age)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	write(".durablefn-template.yaml-123.tmp", 2*time.Minute)
	write(".durablefn-template.yaml-456.tmp", 0)
	write(".durablefn-other.yaml-789.tmp", 2*time.Minute)
	cli(t, "synth", "--format", "cfn", "-o", out, specPath).want(t, 0)
	want := []string{".durablefn-other.yaml-789.tmp", ".durablefn-template.yaml-456.tmp", "durable.yaml", "template.yaml"}
	if names := dirNames(t, dir); !slices.Equal(names, want) {
		t.Errorf("directory holds %v, want %v", names, want)
	}
}

// TestSynthCodePathsThroughSymlinkedOutput: the code path is computed from
// the output's real directory; when reading the path by name would reach
// another place, it is written absolute, with a note.
func TestSynthCodePathsThroughSymlinkedOutput(t *testing.T) {
	root := t.TempDir()
	specDir := filepath.Join(root, "app")
	deep := filepath.Join(root, "deep", "build")
	for _, d := range []string{filepath.Join(specDir, "src"), deep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(specDir, "src", "index.js"), []byte("exports.handler = async () => {}\n"), 0o644)
	specPath := writeSpec(t, specDir, "durable.yaml", strings.Replace(validSpec, "s3://my-bucket/worker.zip", "./src", 1))
	link := filepath.Join(root, "out")
	if err := os.Symlink(deep, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	realRoot, _ := filepath.EvalSymlinks(root)
	out := filepath.Join(link, "template.yaml")
	r := cli(t, "synth", "--format", "sam", "-o", out, specPath).want(t, 0)
	want := "CodeUri: " + filepath.Join(realRoot, "app", "src") + "\n"
	if got := readFile(t, out); !strings.Contains(got, want) {
		t.Errorf("want %q in:\n%s", want, got)
	}
	if !strings.Contains(r.stderr, "is reached through a symbolic link") {
		t.Errorf("no note: %s", r.stderr)
	}
	// Through its real path, the relative path from the real directory.
	real := filepath.Join(deep, "template.yaml")
	cli(t, "synth", "--format", "sam", "-o", real, specPath).want(t, 0)
	if got := readFile(t, real); !strings.Contains(got, "CodeUri: ../../app/src\n") {
		t.Errorf("real directory:\n%s", got)
	}
}

// TestSpecFromStdin: "-" reads the spec from standard input, for synth
// and validate; relative code resolves against the working directory.
func TestSpecFromStdin(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "src"), 0o755)
	os.WriteFile(filepath.Join(dir, "src", "index.js"), []byte("exports.handler = async () => {}\n"), 0o644)
	t.Chdir(dir)
	body := strings.Replace(validSpec, "s3://my-bucket/worker.zip", "./src", 1)
	r := cliIn(t, body, "synth", "--format", "sam", "-").want(t, 0)
	if !strings.Contains(r.stdout, "CodeUri: ./src\n") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if r := cliIn(t, body, "validate", "-").want(t, 0); r.stdout != "-: valid\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	r = cliIn(t, invalidSpec, "validate", "-").want(t, 1)
	if !strings.Contains(r.stderr, "-:3:14: functions.Worker.runtime") {
		t.Errorf("stderr: %s", r.stderr)
	}
	for _, cmd := range []string{"synth", "validate"} {
		if h := cli(t, cmd, "--help").stdout; !strings.Contains(h, `"-" reads the spec from standard input`) || !strings.Contains(h, "current directory") {
			t.Errorf("%s --help does not say how - works", cmd)
		}
	}
}

// TestExitCodesAgree: an unreadable input exits 2 in every command, and a
// problem in the spec or the template exits 1.
func TestExitCodesAgree(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, bytes.Repeat([]byte("# padding\n"), 600_000), 0o644)
	deep := writeSpec(t, dir, "deep.yaml", "functions:\n  A: "+strings.Repeat("[", 100_000)+"\n")
	broken := writeSpec(t, dir, "broken.yaml", "functions: [\n")
	for _, in := range []string{missing, fifo, big} {
		for _, args := range [][]string{
			{"validate", in}, {"synth", "--format", "cfn", in}, {"lint", in},
		} {
			done := make(chan result, 1)
			go func() { done <- cli(t, args...) }()
			select {
			case r := <-done:
				r.want(t, 2)
				if args[0] != "lint" { // lint prints a fix line under each error
					r.oneLineErrors(t)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%v blocks", args)
			}
		}
	}
	for _, in := range []string{deep, broken} {
		for _, args := range [][]string{{"validate", in}, {"synth", "--format", "cfn", in}, {"lint", in}} {
			r := cli(t, args...).want(t, 1)
			if !strings.Contains(r.stderr, in+":") {
				t.Errorf("%v: no position: %s", args, r.stderr)
			}
		}
	}
	r := cli(t, "validate", deep).want(t, 1)
	if !strings.Contains(r.stderr, deep+":2:104: the spec is nested more than 100 levels deep") {
		t.Errorf("stderr: %s", r.stderr)
	}
	// Standard input over the cap.
	cliIn(t, strings.Repeat("# padding\n", 600_000), "validate", "-").want(t, 2).oneLineErrors(t)
}

func TestVersionFromBuildInfo(t *testing.T) {
	for _, c := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{nil, "dev"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "4181dc4a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"}, {Key: "vcs.modified", Value: "true"}}}, "dev-4181dc4a0b1c-dirty"},
		{&debug.BuildInfo{Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "4181dc4a0b1c2d3e"}, {Key: "vcs.modified", Value: "false"}}}, "dev-4181dc4a0b1c"},
	} {
		if got := versionFrom(c.bi); got != c.want {
			t.Errorf("versionFrom(%+v) = %q, want %q", c.bi, got, c.want)
		}
	}
	version = "1.2.3"
	t.Cleanup(func() { version = "" })
	if r := cli(t, "--version").want(t, 0); r.stdout != "durablefn 1.2.3\n" {
		t.Errorf("-ldflags version: %q", r.stdout)
	}
}
