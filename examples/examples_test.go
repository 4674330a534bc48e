// Package examples_test checks that the templates committed beside each
// example are the ones durablefn writes today: each runs the real command,
// `durablefn synth --check`, as users' CI would.
package examples_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommittedTemplatesAreFresh(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "durablefn")
	build := exec.Command("go", "build", "-o", bin, "../cmd/durablefn")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building durablefn: %v\n%s", err, out)
	}
	specs, _ := filepath.Glob("*/durable.yaml")
	if len(specs) < 3 {
		t.Fatalf("found %d example specs, want at least 3", len(specs))
	}
	for _, spec := range specs {
		dir := filepath.Dir(spec)
		if _, err := os.Stat(filepath.Join(dir, "handlers", "dist")); err != nil {
			t.Fatalf("%s/handlers/dist is missing: build the handlers first (npm run build, which make test does)", dir)
		}
		for _, format := range []string{"cfn", "sam"} {
			out := filepath.Join(dir, "template."+format+".yaml")
			cmd := exec.Command(bin, "synth", "--format", format, "--check", "-o", out, spec)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s is stale: %v\n%s\nregenerate it with: durablefn synth --format %s -o %s %s",
					out, err, strings.TrimSpace(string(b)), format, out, spec)
			}
		}
	}
}
