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

	"github.com/durablefn/durablefn/lint"
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

// TestCDKAppsSynthAndLintClean runs each example's Go CDK app (main.go, the
// construct) and lints every stack it synthesizes: no lint error, and no
// cdk-nag AwsSolutions finding left unsuppressed.
func TestCDKAppsSynthAndLintClean(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node for each app")
	}
	apps, _ := filepath.Glob("*/main.go")
	if len(apps) < 3 {
		t.Fatalf("found %d Go CDK example apps, want 3", len(apps))
	}
	root, _ := filepath.Abs("..")
	for _, app := range apps {
		dir := filepath.Dir(app)
		t.Run(dir, func(t *testing.T) {
			out := t.TempDir()
			cmd := exec.Command("go", "run", "./examples/"+dir)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "CDK_OUTDIR="+out)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go run ./examples/%s: %v\n%s", dir, err, b)
			}
			templates, _ := filepath.Glob(filepath.Join(out, "*.template.json"))
			if len(templates) < 2 {
				t.Fatalf("want a hand-written and a from-spec stack, got %v", templates)
			}
			// cdk-nag's AwsSolutions pack runs on every stack (the app adds
			// it): each finding is suppressed, with its reason, or the test
			// fails. Its report lists every rule and resource it checked.
			reports, _ := filepath.Glob(filepath.Join(out, "AwsSolutions-*-NagReport.csv"))
			if len(reports) != len(templates) {
				t.Fatalf("%d cdk-nag reports for %d stacks", len(reports), len(templates))
			}
			for _, r := range reports {
				data, err := os.ReadFile(r)
				if err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.Split(string(data), "\n") {
					if strings.Contains(line, `"Non-Compliant"`) {
						t.Errorf("%s: unsuppressed cdk-nag finding: %s", filepath.Base(r), line)
					}
				}
			}
			for _, tp := range templates {
				data, err := os.ReadFile(tp)
				if err != nil {
					t.Fatal(err)
				}
				findings, err := lint.Template(filepath.Base(tp), data, lint.Config{})
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range findings.Errors() {
					t.Errorf("%s: %v", filepath.Base(tp), d)
				}
			}
		})
	}
}

// TestREADMETranscriptsMatch reruns every "$ durablefn ..." command shown in
// an example's README and compares its output with the transcript.
func TestREADMETranscriptsMatch(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "durablefn")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/durablefn").CombinedOutput(); err != nil {
		t.Fatalf("building durablefn: %v\n%s", err, out)
	}
	readmes, _ := filepath.Glob("*/README.md")
	seen := 0
	for _, readme := range readmes {
		data, err := os.ReadFile(readme)
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(data), "```console\n")[1:] {
			block = block[:strings.Index(block, "```")]
			cmdLine, want, _ := strings.Cut(block, "\n")
			args := strings.Fields(strings.TrimPrefix(cmdLine, "$ durablefn "))
			got, err := exec.Command(bin, args...).Output()
			if err != nil {
				t.Errorf("%s: %s: %v", readme, cmdLine, err)
				continue
			}
			if string(got) != want {
				t.Errorf("%s: the output of %q changed:\n%s", readme, cmdLine, got)
			}
			seen++
		}
	}
	if seen < 3 {
		t.Fatalf("found %d transcripts, want the three policy snippets", seen)
	}
}
