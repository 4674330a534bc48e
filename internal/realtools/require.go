package realtools

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Tool names a real tool that Require can check.
type Tool string

// The tools, and the versions the project's tests are pinned to (the
// translator's output and cfn-lint's rules change between versions).
const (
	SAMTranslator        Tool   = "aws-sam-translator"
	CFNLinter            Tool   = "cfn-lint"
	SAMTranslatorVersion string = "1.110.0"
	CFNLintVersion       string = "1.51.0"
)

// PythonEnv names the environment variable that selects the Python
// interpreter used for the SAM translator. Default: python3 on PATH.
const PythonEnv = "DURABLEFN_PYTHON"

// CFNLintEnv names the environment variable that selects the cfn-lint
// executable. Default: cfn-lint on PATH.
const CFNLintEnv = "DURABLEFN_CFN_LINT"

var (
	checkMu sync.Mutex
	checked = map[Tool]string{} // tool → "" when usable, else the problem
)

// SkipEnv names the environment variable that, set to 1, lets a test
// skip when a tool is missing or at another version (`make test-fast`).
// It is ignored when CI is set.
const SkipEnv = "DURABLEFN_SKIP_REAL_TOOLS"

// Require makes sure tool is installed at the pinned version. When it is
// not, the test fails with a message saying what to install; it is skipped
// instead only when SkipEnv is 1 and CI is not set. The check runs once
// per test binary.
func Require(t testing.TB, tool Tool) {
	t.Helper()
	problem := check(tool)
	if problem == "" {
		return
	}
	if mayskip() {
		t.Skipf("realtools: %s (skipped because %s=1)", problem, SkipEnv)
		return
	}
	t.Fatalf("realtools: %s (set %s=1, or run make test-fast, to skip instead; never under CI)", problem, SkipEnv)
}

// mayskip reports whether a missing tool skips rather than fails.
func mayskip() bool {
	return os.Getenv(SkipEnv) == "1" && os.Getenv("CI") == ""
}

func check(tool Tool) string {
	checkMu.Lock()
	defer checkMu.Unlock()
	if p, ok := checked[tool]; ok {
		return p
	}
	var p string
	switch tool {
	case SAMTranslator:
		p = checkSAMTranslator()
	case CFNLinter:
		p = checkCFNLint()
	default:
		p = fmt.Sprintf("unknown tool %q: use realtools.SAMTranslator or realtools.CFNLinter", tool)
	}
	checked[tool] = p
	return p
}

func python() string {
	if p := os.Getenv(PythonEnv); p != "" {
		return p
	}
	return "python3"
}

func cfnLintCommand() string {
	if p := os.Getenv(CFNLintEnv); p != "" {
		return p
	}
	return "cfn-lint"
}

func checkSAMTranslator() string {
	install := "pip install aws-sam-translator==" + SAMTranslatorVersion
	py := python()
	if _, err := exec.LookPath(py); err != nil {
		return fmt.Sprintf("%s not found (install Python 3.11, then: %s)", py, install)
	}
	out, err := exec.Command(py, "-c", "import samtranslator; print(samtranslator.__version__)").CombinedOutput()
	if err != nil {
		return fmt.Sprintf("the SAM translator cannot be imported by %s (%s); install it: %s",
			py, lastLine(out), install)
	}
	if v := strings.TrimSpace(string(out)); v != SAMTranslatorVersion {
		return fmt.Sprintf("aws-sam-translator %s found, the tests are pinned to %s: %s", v, SAMTranslatorVersion, install)
	}
	return ""
}

func checkCFNLint() string {
	install := "pip install cfn-lint==" + CFNLintVersion
	cmd := cfnLintCommand()
	path, err := exec.LookPath(cmd)
	if err != nil {
		return fmt.Sprintf("%s not found on PATH: %s", cmd, install)
	}
	v, err := cfnLintVersion(path)
	if err != nil {
		return fmt.Sprintf("%s: %v: %s", cmd, err, install)
	}
	if v != CFNLintVersion {
		return fmt.Sprintf("cfn-lint %s found, the tests are pinned to %s: %s", v, CFNLintVersion, install)
	}
	return ""
}

// cfnLintVersion returns the version of the cfn-lint at path. `cfn-lint
// --version` imports all of cfn-lint (two seconds), so when the interpreter
// that runs it is known, the version is read from its package metadata
// instead (a tenth of a second): the interpreter of the script's #! line, or
// the python3 beside it (a virtualenv's bin, pyenv's shims).
func cfnLintVersion(path string) (string, error) {
	if py := scriptInterpreter(path); py != "" {
		out, err := exec.Command(py, "-c", "import importlib.metadata as m; print(m.version('cfn-lint'))").Output()
		if err == nil {
			return strings.TrimSpace(string(out)), nil
		}
	}
	out, err := exec.Command(path, "--version").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("--version failed (%s)", lastLine(out))
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(out)), "cfn-lint")), nil
}

func scriptInterpreter(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 256)
	n, _ := f.Read(buf)
	first, _, _ := strings.Cut(string(buf[:n]), "\n")
	if strings.HasPrefix(first, "#!") {
		fields := strings.Fields(strings.TrimPrefix(first, "#!"))
		if len(fields) == 1 && strings.Contains(filepath.Base(fields[0]), "python") {
			return fields[0]
		}
	}
	beside := filepath.Join(filepath.Dir(path), "python3")
	if st, err := os.Stat(beside); err == nil && !st.IsDir() {
		return beside
	}
	return ""
}

func lastLine(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
