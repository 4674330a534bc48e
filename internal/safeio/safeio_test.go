package safeio

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFileRefusesFIFOAtOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo.yaml")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(p); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a named pipe (FIFO), not a regular file") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFile blocks on a FIFO")
	}
}

func TestReadFileRefusesDevicesAndDirectories(t *testing.T) {
	for path, want := range map[string]string{"/dev/zero": "a device", t.TempDir(): "a directory"} {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		_, err := ReadFile(path)
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v", path, err)
		}
	}
}

func TestReadFileCap(t *testing.T) {
	dir := t.TempDir()
	at := filepath.Join(dir, "at.yaml")
	over := filepath.Join(dir, "over.yaml")
	os.WriteFile(at, bytes.Repeat([]byte{'a'}, MaxBytes), 0o644)
	os.WriteFile(over, bytes.Repeat([]byte{'a'}, MaxBytes+1), 0o644)
	if data, err := ReadFile(at); err != nil || len(data) != MaxBytes {
		t.Errorf("at the cap: %d bytes, %v", len(data), err)
	}
	_, err := ReadFile(over)
	var se *SizeError
	if !errors.As(err, &se) || !errors.Is(err, ErrTooLarge) || se.Limit != MaxBytes {
		t.Errorf("over the cap: %v", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != over {
		t.Errorf("not a PathError for the file: %v", err)
	}
}

// endless is an endless stream, like /dev/zero on standard input.
type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }

func TestReadAllCap(t *testing.T) {
	if _, err := ReadAll(endless{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("an endless stream: %v", err)
	}
	if data, err := ReadAll(strings.NewReader("a: 1\n")); err != nil || string(data) != "a: 1\n" {
		t.Errorf("%q %v", data, err)
	}
}

func TestCheckEncoding(t *testing.T) {
	for name, c := range map[string]struct {
		in        string
		line, col int
		msg       string
	}{
		"NUL":           {"a: 1\nb: x\x00\n", 2, 5, "a NUL byte"},
		"invalid UTF-8": {"a: 1\n\nb: caf\xe9\n", 3, 7, "invalid UTF-8 (byte 0xe9)"},
		"UTF-16":        {"\xff\xfea\x00:\x00", 1, 1, "UTF-16"},
		"UTF-32":        {"\xff\xfe\x00\x00a\x00\x00\x00", 1, 1, "UTF-32"},
		"inner BOM":     {"a: 1\nb: \xef\xbb\xbf2\n", 2, 4, "byte order mark"},
	} {
		t.Run(name, func(t *testing.T) {
			e := CheckEncoding([]byte(c.in))
			if e == nil || e.Line != c.line || e.Column != c.col || !strings.Contains(e.Message, c.msg) {
				t.Errorf("got %+v, want %d:%d %s", e, c.line, c.col, c.msg)
			}
		})
	}
	for _, ok := range []string{"", "a: 1\n", "\xef\xbb\xbfa: 1\n", "a: café ✓\n"} {
		if e := CheckEncoding([]byte(ok)); e != nil {
			t.Errorf("%q: %v", ok, e)
		}
	}
}

func TestCheckDepth(t *testing.T) {
	for name, c := range map[string]struct {
		in        string
		line, col int
	}{
		"flow":        {"a: " + strings.Repeat("[", 200), 1, 4 + 99},
		"flow, JSON":  {`{"a": ` + strings.Repeat(`{"b": `, 200), 1, 1 + 99*6},
		"compact":     {"a:\n  " + strings.Repeat("- ", 200) + "x\n", 2, 3 + 98*2},
		"indentation": {deepBlock(150), 101, 201},
	} {
		t.Run(name, func(t *testing.T) {
			e := CheckDepth([]byte(c.in), 100)
			if e == nil || e.Line != c.line || e.Column != c.col {
				t.Errorf("got %+v, want %d:%d", e, c.line, c.col)
			}
		})
	}
	for name, ok := range map[string]string{
		"at the limit":         "a: " + strings.Repeat("[", 99) + strings.Repeat("]", 99),
		"brackets in strings":  `a: "` + strings.Repeat("[", 200) + `"` + "\nb: '" + strings.Repeat("{", 200) + "'\n",
		"brackets in plain":    "a: x" + strings.Repeat("[", 200) + "\n",
		"brackets in comments": "a: 1 # " + strings.Repeat("[", 200) + "\n# " + strings.Repeat("{", 200) + "\n",
		"block scalar":         "a: |\n  " + strings.Repeat("{", 200) + "\nb: >-\n   " + strings.Repeat("[", 200) + "\nc: 1\n",
		"multi-line quote":     "a: \"x\n  " + strings.Repeat("[", 200) + "\"\nb: 1\n",
		"sub with brackets":    "a: !Sub '${AWS::Region}" + strings.Repeat("[", 200) + "'\n",
		"closed flows":         strings.Repeat("a: [[[[x]]]]\n", 1000),
		"JSON escapes":         `{"a": "\"[[[[", "b": [1, 2]}`,
	} {
		if e := CheckDepth([]byte(ok), 100); e != nil {
			t.Errorf("%s: %v", name, e)
		}
	}
}

// deepBlock nests n mappings by indentation, two spaces a level.
func deepBlock(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat("  ", i) + "k:\n")
	}
	return b.String()
}

// TestCheckDepthAcceptsTheRepository: every YAML and JSON file of the
// repository passes, far below the limit.
func TestCheckDepthAcceptsTheRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "cdk.out") {
			return filepath.SkipDir
		}
		ext := filepath.Ext(p)
		if d.IsDir() || (ext != ".yaml" && ext != ".yml" && ext != ".json") || strings.Contains(p, "testdata/errors") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil || len(data) > MaxBytes {
			return nil
		}
		n++
		if e := CheckDepth(data, 40); e != nil {
			t.Errorf("%s: %v", p, e)
		}
		return nil
	})
	if n < 50 {
		t.Errorf("only %d files checked", n)
	}
}
