// Package readme_test runs every shell command of the README, so that the
// README cannot rot. Blocks fenced as ```sh are run in order, from the
// repository root, in one bash with -euo pipefail; a block right after a
// <!-- readme-test: skip (reason) --> comment is not (the set-up and test
// commands, which .ci/run runs).
package readme_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
)

type block struct {
	line int
	text string
}

func shellBlocks(t *testing.T, path string) (run, skipped []block) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var cur *block
	skip, n := false, 0
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case cur != nil && strings.HasPrefix(line, "```"):
			if skip {
				skipped = append(skipped, *cur)
			} else {
				run = append(run, *cur)
			}
			cur, skip = nil, false
		case cur != nil:
			cur.text += line + "\n"
		case line == "```sh":
			cur = &block{line: n}
		case strings.HasPrefix(line, "<!-- readme-test: skip"):
			skip = true
		case strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "```"):
			skip = false
		}
	}
	return run, skipped
}

func TestREADMECommands(t *testing.T) {
	root := testutil.Root()
	run, skipped := shellBlocks(t, filepath.Join(root, "README.md"))
	if len(run) < 5 {
		t.Fatalf("found %d runnable blocks in README.md; the parser or the README is off", len(run))
	}
	// The skipped block must be exactly what .ci/run runs.
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range skipped {
		for _, cmd := range strings.Split(strings.TrimSpace(b.text), "\n") {
			if !strings.Contains(string(ci), cmd) {
				t.Errorf("README line %d: %q is skipped here but .ci/run does not run it", b.line, cmd)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "examples", "order-saga", "handlers", "dist")); err != nil {
		t.Fatal("the examples' handlers are not built: run npm run build (make test does)")
	}
	for _, b := range run {
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", b.text)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("README block at line %d failed: %v\n%s\n--- output ---\n%s", b.line, err, b.text, out)
		}
	}
}
