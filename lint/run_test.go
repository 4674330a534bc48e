package lint_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/lint"
)

// The command line contract of `durablefn lint`, through lint.Run (the
// cobra command in internal/cli only maps its exit code).

type runResult struct {
	code           int
	stdout, stderr string
}

func runLint(t *testing.T, opts lint.Options, args ...string) runResult {
	t.Helper()
	var out, errb bytes.Buffer
	code := lint.Run(opts, args, &out, &errb)
	return runResult{code, out.String(), errb.String()}
}

func rulesCase(name string) string { return filepath.Join(testdata, "rules", name) }

func TestRunExitCodes(t *testing.T) {
	clean := rulesCase("DL601-log-group-missing/good.yaml")
	errs := rulesCase("DL301-permission-unqualified/bad.yaml")
	warns := rulesCase("DL104-explicit-function-name/bad.yaml")
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	for _, c := range []struct {
		name string
		opts lint.Options
		args []string
		code int
		// stderr must hold this
		stderr string
	}{
		{"clean", lint.Options{}, []string{clean}, 0, "no findings in 1 template"},
		{"errors", lint.Options{}, []string{errs}, 1, "3 errors, 1 info in 1 template"},
		{"warnings below fail-on", lint.Options{}, []string{warns}, 0, "1 warning, 1 info in 1 template"},
		{"warnings at fail-on", lint.Options{FailOn: "warning"}, []string{warns}, 1, "1 warning"},
		{"info fails on anything", lint.Options{FailOn: "info"}, []string{warns}, 1, ""},
		{"several files", lint.Options{}, []string{clean, errs, warns}, 1, "3 errors, 1 warning, 2 infos in 3 templates"},
		{"by rule past a handful", lint.Options{}, []string{errs, errs}, 1, "6 errors, 2 infos in 2 templates; by rule: DL301 ×6, DL601 ×2"},
		// A file read but not a template (DL000) is a template with a
		// problem: 1; a file that cannot be read at all: 2.
		{"not a template", lint.Options{}, []string{filepath.Join(testdata, "errors", "bad-yaml.yaml")}, 1, "1 file not read"},
		{"not a template, with findings", lint.Options{}, []string{errs, filepath.Join(testdata, "errors", "empty.yaml")}, 1, ""},
		{"missing file", lint.Options{}, []string{missing}, 2, "1 file not read"},
		{"missing file wins over findings", lint.Options{}, []string{errs, missing}, 2, ""},
		{"no template", lint.Options{}, nil, 2, "no template given"},
		{"unknown format", lint.Options{Format: "xml"}, []string{clean}, 2, `unknown --format "xml"`},
		{"unknown fail-on", lint.Options{FailOn: "fatal"}, []string{clean}, 2, "--fail-on"},
		{"missing config", lint.Options{Config: missing}, []string{clean}, 2, "reading lint configuration"},
		{"cloud assembly directory", lint.Options{}, []string{filepath.Join(testdata, "cdk")}, 1, "in 3 templates"},
		{"directory without templates", lint.Options{}, []string{t.TempDir()}, 2, "no *.template.json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runLint(t, c.opts, c.args...)
			if r.code != c.code {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, c.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, c.stderr) {
				t.Errorf("stderr does not hold %q:\n%s", c.stderr, r.stderr)
			}
		})
	}
}

func TestRunStdin(t *testing.T) {
	data, err := os.ReadFile(rulesCase("DL306-event-source-mapping-unqualified/bad.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r := runLint(t, lint.Options{Stdin: bytes.NewReader(data)}, "-")
	if r.code != 1 || !strings.Contains(r.stdout, "\n-:50:21: error DL306") {
		t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
	}
}

// TestRunOutputs compares the three formats of one run with goldens: two
// CDK templates, and a case with a suppressed finding.
func TestRunOutputs(t *testing.T) {
	args := []string{filepath.Join(testdata, "cdk"), rulesCase("DL901-invalid-suppression/good.yaml")}
	for _, format := range lint.Formats() {
		t.Run(format, func(t *testing.T) {
			r := runLint(t, lint.Options{Format: format}, args...)
			if r.code != 1 {
				t.Errorf("exit code %d, want 1", r.code)
			}
			assertGolden(t, filepath.Join(testdata, "cli", "output."+format+".golden"), []byte(r.stdout))
			if format != lint.FormatText {
				var v any
				if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
					t.Errorf("not JSON: %v", err)
				}
				if r.stderr != "" {
					t.Errorf("stderr: %s", r.stderr)
				}
			}
			if format == lint.FormatSARIF {
				validateSARIF(t, []byte(r.stdout))
			}
		})
	}
}

// TestSARIFUnreadable: a template that cannot be read is a tool execution
// notification, and the log stays valid.
func TestSARIFUnreadable(t *testing.T) {
	r := runLint(t, lint.Options{Format: lint.FormatSARIF}, filepath.Join(testdata, "errors", "bad-json.json"), rulesCase("DL104-explicit-function-name/bad.yaml"))
	if r.code != 1 {
		t.Errorf("exit code %d, want 1", r.code)
	}
	if !strings.Contains(r.stdout, `"executionSuccessful": false`) || !strings.Contains(r.stdout, "invalid JSON") {
		t.Errorf("no notification:\n%s", r.stdout)
	}
	validateSARIF(t, []byte(r.stdout))
}

// validateSARIF validates a log against the SARIF 2.1.0 JSON schema
// (testdata/lint/sarif-schema-2.1.0.json) with Python's jsonschema, which
// cfn-lint brings to every machine of the project.
func validateSARIF(t *testing.T, log []byte) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: SARIF not validated against its schema")
	}
	if exec.Command(py, "-c", "import jsonschema").Run() != nil {
		t.Skip("python3 has no jsonschema (pip install cfn-lint brings it): SARIF not validated")
	}
	script := `import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(sys.stdin)
errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors:
    print("/".join(str(p) for p in e.path), e.message)
sys.exit(1 if errors else 0)
`
	cmd := exec.Command(py, "-c", script, filepath.Join(testdata, "sarif-schema-2.1.0.json"))
	cmd.Stdin = bytes.NewReader(log)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the SARIF log is not valid SARIF 2.1.0: %v\n%s", err, out)
	}
}

// TestRunConfig: a project configuration suppresses findings with a
// reason, project-wide or for some resources; it is read from the working
// directory when --config is not given.
func TestRunConfig(t *testing.T) {
	warns, err := filepath.Abs(rulesCase("DL104-explicit-function-name/bad.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	all := write("all.yaml", "ignore:\n  - id: DL104\n    reason: names are fixed by the platform team\n")
	other := write("other.yaml", "ignore:\n  - id: DL104\n    reason: only Billing keeps its name\n    resources: [Billing]\n")
	mine := write("mine.yaml", "ignore:\n  - id: dl104\n    reason: Workflow keeps its name\n    resources: [Workflow]\n")

	r := runLint(t, lint.Options{Config: all, FailOn: "warning"}, warns)
	if r.code != 0 || !strings.Contains(r.stderr, "1 info in 1 template (1 suppressed)") {
		t.Errorf("project-wide: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runLint(t, lint.Options{Config: other, FailOn: "warning"}, warns); r.code != 1 {
		t.Errorf("another resource's suppression silences the finding: exit %d", r.code)
	}
	if r := runLint(t, lint.Options{Config: mine, FailOn: "warning"}, warns); r.code != 0 {
		t.Errorf("the resource's suppression does not silence the finding: exit %d", r.code)
	}

	// Without --config: .durablefn-lint.yaml of the working directory.
	write(lint.ConfigFileName, "ignore:\n  - id: DL104\n    reason: names are fixed by the platform team\n")
	t.Chdir(dir)
	if r := runLint(t, lint.Options{FailOn: "warning"}, warns); r.code != 0 {
		t.Errorf("%s is not read from the working directory: exit %d\n%s", lint.ConfigFileName, r.code, r.stderr)
	}
	write(lint.ConfigFileName, "ignore:\n  - id: DL104\n")
	if r := runLint(t, lint.Options{}, warns); r.code != 2 || !strings.Contains(r.stderr, "has no reason") {
		t.Errorf("an invalid configuration: exit %d\n%s", r.code, r.stderr)
	}
}

func TestParseConfig(t *testing.T) {
	for _, c := range []struct {
		name, config string
		// err is what the error holds; "" for none.
		err string
	}{
		{"empty", "", ""},
		{"comment only", "# nothing ignored yet\n", ""},
		{"full", "ignore:\n  - id: DL201\n    reason: versions are published by the pipeline\n    resources: [A, B]\n", ""},
		{"no reason", "ignore:\n  - id: DL201\n", "ignore[0]: the suppression of DL201 has no reason"},
		{"blank reason", "ignore:\n  - id: DL201\n    reason: '  '\n", "has no reason"},
		{"no id", "ignore:\n  - reason: because\n", "a suppression without id"},
		{"unknown rule", "ignore:\n  - id: DL777\n    reason: because\n", "no rule DL777"},
		{"unsuppressible", "ignore:\n  - id: DL901\n    reason: because\n", "DL901 cannot be suppressed"},
		{"unknown key", "ignore: []\nrules: {}\n", "unknown key rules"},
		{"unknown entry key", "ignore:\n  - id: DL201\n    reason: x\n    until: 2027\n", "unknown key until"},
		{"not a list", "ignore: DL201\n", "ignore is a string, not a list"},
		{"not a mapping", "- DL201\n", "not a mapping"},
		{"not YAML", "ignore: [\n", "not YAML"},
		{"duplicate", "ignore: []\nignore: []\n", "written twice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := lint.ParseConfig("lint.yaml", []byte(c.config))
			switch {
			case c.err == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case c.err != "" && err == nil:
				t.Errorf("no error, want %q (config %+v)", c.err, cfg)
			case c.err != "" && !strings.Contains(err.Error(), c.err):
				t.Errorf("error %q does not hold %q", err, c.err)
			}
		})
	}
}
