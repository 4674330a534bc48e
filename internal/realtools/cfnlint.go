package realtools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Finding is one problem cfn-lint reports.
type Finding struct {
	// File is the linted file, as the caller named it.
	File string
	// Rule is the rule id, such as "E3002" or "W3002".
	Rule string
	// Level is "Error", "Warning" or "Informational".
	Level string
	// Message is cfn-lint's message.
	Message string
	// Line and Column locate the start of the problem (1-based; 0 when cfn-lint
	// gives no place).
	Line, Column int
	// Path is the path in the template, such as
	// ["Resources", "Orders", "Properties", "DurableConfig", "KMSKeyArn"].
	Path []string
}

// PathString returns Path joined with "/".
func (f Finding) PathString() string { return strings.Join(f.Path, "/") }

// String formats the finding as file:line:col: RULE Level: message (path).
func (f Finding) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s %s: %s", f.File, f.Line, f.Column, f.Rule, f.Level, f.Message)
	if len(f.Path) > 0 {
		s += " (" + f.PathString() + ")"
	}
	return s
}

// Ignore drops the findings of one rule, optionally only under one path, and
// says why. An Ignore without a Reason fails the test, and so does one that
// matched no finding (it is stale: the tool was fixed or the template
// changed, so remove it).
type Ignore struct {
	// Rule is the rule id to ignore, such as "E3002".
	Rule string
	// Path, when set, limits the ignore to findings whose path (joined with "/")
	// contains it, such as "DurableConfig/KMSKeyArn". Default: every finding of
	// the rule.
	Path string
	// Reason says why the finding is wrong or acceptable. Required.
	Reason string
}

func (ig Ignore) matches(f Finding) bool {
	return f.Rule == ig.Rule && (ig.Path == "" || strings.Contains(f.PathString(), ig.Path))
}

// IgnoreKMSKeyArn is the ignore for cfn-lint 1.51.0's E3002 on
// DurableConfig.KMSKeyArn, which its AWS::Lambda::Function schema lacks.
var IgnoreKMSKeyArn = Ignore{
	Rule:   "E3002",
	Path:   "DurableConfig/KMSKeyArn",
	Reason: "cfn-lint 1.51.0's schema has no DurableConfig.KMSKeyArn, which CloudFormation accepts",
}

// IgnorePackageCode is the ignore for W3002 on Code: ./path, the input form
// of `aws cloudformation package` that our CloudFormation output uses.
var IgnorePackageCode = Ignore{
	Rule:   "W3002",
	Path:   "Properties/Code",
	Reason: "our CloudFormation names local code for `aws cloudformation package`, as documented",
}

// CFNLint runs cfn-lint on one template file and returns its findings, minus
// the ignored ones (logged with their reason). It calls Require first.
func CFNLint(t testing.TB, path string, ignore ...Ignore) []Finding {
	t.Helper()
	return CFNLintMany(t, []string{path}, ignore...)[path]
}

// CFNLintMany runs cfn-lint once on many template files (one process: its
// start-up dominates) and returns the findings per file, minus the ignored
// ones. Every path is a key of the result, with no findings when clean. It
// calls Require first, and fails the test when cfn-lint itself fails or its
// exit code disagrees with its findings (the exit code is a bit mask: 2
// error, 4 warning, 8 informational).
func CFNLintMany(t testing.TB, paths []string, ignore ...Ignore) map[string][]Finding {
	t.Helper()
	Require(t, CFNLinter)
	for _, ig := range ignore {
		if strings.TrimSpace(ig.Reason) == "" || ig.Rule == "" {
			t.Fatalf("realtools: ignore %+v needs a rule and a reason", ig)
		}
	}
	findings, err := RunCFNLint(t.TempDir(), paths)
	if err != nil {
		t.Fatalf("realtools: %v", err)
	}
	return applyIgnores(t, paths, findings, ignore)
}

// applyIgnores drops the ignored findings (logging each with its reason) and
// fails the test for every ignore that matched nothing.
func applyIgnores(t testing.TB, paths []string, findings map[string][]Finding, ignore []Ignore) map[string][]Finding {
	t.Helper()
	used := make([]bool, len(ignore))
	out := map[string][]Finding{}
	for _, p := range paths {
		out[p] = nil
		for _, f := range findings[p] {
			ignored := false
			for i, ig := range ignore {
				if ig.matches(f) {
					used[i] = true
					ignored = true
					t.Logf("realtools: ignored %s (reason: %s)", f, ig.Reason)
					break
				}
			}
			if !ignored {
				out[p] = append(out[p], f)
			}
		}
	}
	for i, ig := range ignore {
		if !used[i] {
			t.Errorf("realtools: ignore of %s %q matched no finding (%s): remove it", ig.Rule, ig.Path, ig.Reason)
		}
	}
	return out
}

// CFNLintTemplates writes templates (keyed by file name, such as
// "orders.cfn.yaml") into a temporary directory and lints them in one run,
// like CFNLintMany. The result is keyed by the same names.
func CFNLintTemplates(t testing.TB, templates map[string][]byte, ignore ...Ignore) map[string][]Finding {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	byPath := map[string]string{}
	for name, data := range templates {
		p := filepath.Join(dir, filepath.Base(name))
		if _, dup := byPath[p]; dup {
			t.Fatalf("realtools: two templates named %s", filepath.Base(name))
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		byPath[p] = name
	}
	sort.Strings(paths)
	res := CFNLintMany(t, paths, ignore...)
	out := map[string][]Finding{}
	for p, fs := range res {
		name := byPath[p]
		for i := range fs {
			fs[i].File = name
		}
		out[name] = fs
	}
	return out
}

// Errors returns the findings of level Error.
func Errors(findings []Finding) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Level == "Error" {
			out = append(out, f)
		}
	}
	return out
}

// AssertNoLintErrors fails the test listing every finding of level Error,
// and logs the warnings and informational findings.
func AssertNoLintErrors(t testing.TB, findings []Finding) {
	t.Helper()
	var errs []string
	for _, f := range findings {
		if f.Level == "Error" {
			errs = append(errs, f.String())
		} else {
			t.Logf("cfn-lint: %s", f)
		}
	}
	if len(errs) > 0 {
		t.Errorf("cfn-lint found %d error(s):\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
}

// RunCFNLint runs cfn-lint once on paths, from workDir (an empty directory,
// so that no stray .cfnlintrc applies), and returns every finding per path,
// nothing ignored. It checks that the exit code agrees with the findings.
// Tests should use CFNLintMany; this is the part without testing.TB.
func RunCFNLint(workDir string, paths []string) (map[string][]Finding, error) {
	if p := check(CFNLinter); p != "" {
		return nil, fmt.Errorf("realtools: %s", p)
	}
	if len(paths) == 0 {
		return map[string][]Finding{}, nil
	}
	args := []string{"--format", "json", "--non-zero-exit-code", "informational", "--"}
	abs := map[string]string{} // absolute path → caller's path
	for _, p := range paths {
		if strings.ContainsAny(p, "*?[") {
			return nil, fmt.Errorf("cfn-lint reads %q as a glob pattern: rename the file", p)
		}
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(a); err != nil {
			return nil, fmt.Errorf("linting %s: %w", p, err)
		}
		abs[a] = p
		args = append(args, a)
	}
	cmd := exec.Command(cfnLintCommand(), args...)
	cmd.Dir = workDir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			return nil, fmt.Errorf("running cfn-lint: %w", err)
		}
		code = ee.ExitCode()
	}
	var raw []struct {
		Filename *string
		Level    string
		Message  string
		Rule     struct {
			ID string `json:"Id"`
		}
		Location struct {
			Start struct{ LineNumber, ColumnNumber int }
			Path  []any
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil {
		return nil, fmt.Errorf("cfn-lint exited %d without a JSON report: %w\nstdout: %.1000s\nstderr: %.2000s",
			code, err, stdout.String(), stderr.String())
	}
	out := map[string][]Finding{}
	mask := 0
	for _, r := range raw {
		f := Finding{Rule: r.Rule.ID, Level: r.Level, Message: r.Message,
			Line: r.Location.Start.LineNumber, Column: r.Location.Start.ColumnNumber}
		for _, e := range r.Location.Path {
			f.Path = append(f.Path, fmt.Sprint(e))
		}
		switch r.Level {
		case "Error":
			mask |= 2
		case "Warning":
			mask |= 4
		case "Informational":
			mask |= 8
		}
		if r.Filename == nil {
			return nil, fmt.Errorf("cfn-lint could not run: %s %s", f.Rule, f.Message)
		}
		file, ok := abs[*r.Filename]
		if !ok {
			file = *r.Filename
		}
		f.File = file
		out[file] = append(out[file], f)
	}
	if code != mask {
		return nil, fmt.Errorf("cfn-lint exited %d, but its findings make %d (2 error, 4 warning, 8 informational)\nstderr: %.2000s",
			code, mask, stderr.String())
	}
	return out, nil
}
