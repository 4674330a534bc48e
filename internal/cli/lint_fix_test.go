package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
)

// fixCase copies the --fix case with every fixable mistake into a
// temporary directory.
func fixCase(t *testing.T) (path string, data []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testutil.Root(), "testdata", "lint", "fix", "comments.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(path, data, 0o640); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// TestLintFix: --fix rewrites the template in place, keeping its
// permissions, matches the golden of package lint, leaves nothing to fix
// (exit 0) and changes nothing when run again.
func TestLintFix(t *testing.T) {
	path, _ := fixCase(t)
	r := cli(t, "lint", "--fix", path).want(t, 0)
	if !strings.Contains(r.stderr, "fixed 9 findings") || !strings.Contains(r.stderr, "no findings in 1 template") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(testutil.Root(), "testdata", "lint", "fix", "golden", "fix__comments.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("the fixed file is not the golden:\n%s", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want 0640 kept", st.Mode().Perm())
	}
	again := cli(t, "lint", "--fix", path).want(t, 0)
	if strings.Contains(again.stderr, "fixed") {
		t.Errorf("a second --fix fixed something:\n%s", again.stderr)
	}
	if after, _ := os.ReadFile(path); string(after) != string(got) {
		t.Error("a second --fix changed the file")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files, want the template alone (no temporary file left)", len(entries))
	}
}

// TestLintFixDryRun: --dry-run prints a unified diff and writes nothing;
// the exit code is that of the findings left after the fixes.
func TestLintFixDryRun(t *testing.T) {
	path, data := fixCase(t)
	r := cli(t, "lint", "--fix", "--dry-run", path).want(t, 0)
	for _, s := range []string{"--- " + path, "+++ " + path + " (fixed)", "@@ -", "-      FunctionName: !Ref Workflow   # should be the alias",
		"+      FunctionName: !Ref WorkflowAliasLive   # should be the alias", "+    DeletionPolicy: Retain"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("the diff has no %q:\n%s", s, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "would fix 9 findings") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Error("--dry-run wrote the file")
	}
}

// TestLintFixRefuses: --fix does not follow a symbolic link, does not read
// standard input, and --dry-run alone is a usage error.
func TestLintFixRefuses(t *testing.T) {
	path, data := fixCase(t)
	link := filepath.Join(filepath.Dir(path), "link.yaml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	r := cli(t, "lint", "--fix", link).want(t, 2)
	if !strings.Contains(r.stderr, "symbolic link") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Error("the link's target was written")
	}
	if r := cli(t, "lint", "--fix", "-").want(t, 2); !strings.Contains(r.stderr, "standard input") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if r := cli(t, "lint", "--dry-run", path).want(t, 2); !strings.Contains(r.stderr, "--dry-run goes with --fix") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if r := cli(t, "lint", "--fix", "--dry-run", "--format", "json", path).want(t, 2); !strings.Contains(r.stderr, "goes with --format text") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Error("a refused run wrote the file")
	}
}
