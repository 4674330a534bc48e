//go:build unix

package spec

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/durablefn/durablefn/facts"
)

// codeTree writes a small code directory: two files, one in a subdirectory.
func codeTree(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "src")
	write(t, filepath.Join(dir, "index.mjs"), "export const handler = async () => 1;")
	write(t, filepath.Join(dir, "lib", "util.mjs"), "export const x = 1;")
	return dir
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func digest(t *testing.T, dir string) string {
	t.Helper()
	d, err := digestPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDigestCoversWhatIsPackaged: everything `aws cloudformation package`
// zips changes the digest: dot files and dot-directories, the executable
// bit, the content behind a symlink (to a file or a directory, inside or
// outside the tree), and where a symlink inside the tree points.
func TestDigestCoversWhatIsPackaged(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "shared")
	write(t, filepath.Join(outside, "config.json"), `{"a": 1}`)
	for name, change := range map[string]func(t *testing.T, dir string){
		"dot file":      func(t *testing.T, dir string) { write(t, filepath.Join(dir, ".env"), "A=1") },
		"dot directory": func(t *testing.T, dir string) { write(t, filepath.Join(dir, ".config", "x.json"), "{}") },
		"executable bit": func(t *testing.T, dir string) {
			if err := os.Chmod(filepath.Join(dir, "index.mjs"), 0o755); err != nil {
				t.Fatal(err)
			}
		},
		"file content": func(t *testing.T, dir string) { write(t, filepath.Join(dir, "lib", "util.mjs"), "export const x = 2;") },
		"file renamed": func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, "lib", "util.mjs"), filepath.Join(dir, "lib", "util2.mjs")); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := codeTree(t)
			before := digest(t, dir)
			if again := digest(t, dir); again != before {
				t.Fatalf("digest not stable: %s then %s", before, again)
			}
			change(t, dir)
			if after := digest(t, dir); after == before {
				t.Errorf("digest unchanged")
			}
		})
	}

	t.Run("symlinked file outside the tree", func(t *testing.T) {
		dir := codeTree(t)
		if err := os.Symlink(filepath.Join(outside, "config.json"), filepath.Join(dir, "config.json")); err != nil {
			t.Fatal(err)
		}
		before := digest(t, dir)
		write(t, filepath.Join(outside, "config.json"), `{"a": 2}`)
		defer write(t, filepath.Join(outside, "config.json"), `{"a": 1}`)
		if digest(t, dir) == before {
			t.Error("changing the target of a symlink kept the digest")
		}
	})
	t.Run("symlinked directory", func(t *testing.T) {
		dir := codeTree(t)
		if err := os.Symlink(outside, filepath.Join(dir, "shared")); err != nil {
			t.Fatal(err)
		}
		before := digest(t, dir)
		write(t, filepath.Join(outside, "more.json"), "{}")
		defer os.Remove(filepath.Join(outside, "more.json"))
		if digest(t, dir) == before {
			t.Error("a new file in a symlinked directory kept the digest")
		}
	})
	t.Run("symlink inside the tree pointed elsewhere", func(t *testing.T) {
		dir := codeTree(t)
		write(t, filepath.Join(dir, "a.txt"), "same")
		write(t, filepath.Join(dir, "b.txt"), "same")
		link := filepath.Join(dir, "current.txt")
		if err := os.Symlink("a.txt", link); err != nil {
			t.Fatal(err)
		}
		before := digest(t, dir)
		os.Remove(link)
		if err := os.Symlink("b.txt", link); err != nil {
			t.Fatal(err)
		}
		if digest(t, dir) == before {
			t.Error("re-pointing a symlink inside the tree kept the digest")
		}
	})
	t.Run("empty directory", func(t *testing.T) {
		// Not packaged by aws cloudformation package nor sam: not hashed.
		dir := codeTree(t)
		before := digest(t, dir)
		if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
			t.Fatal(err)
		}
		if digest(t, dir) != before {
			t.Error("an empty directory changed the digest")
		}
	})
}

// TestDigestRefusesFast: a symlink loop, a link to itself, a dangling link,
// a named pipe (which a reader would block on) and a socket are clear
// errors, returned at once.
func TestDigestRefusesFast(t *testing.T) {
	for name, c := range map[string]struct {
		make func(t *testing.T, dir string) error
		want string
	}{
		"loop to the root":   {func(t *testing.T, dir string) error { return os.Symlink("..", filepath.Join(dir, "lib", "up")) }, "lib/up is a symlink loop"},
		"loop between links": {func(t *testing.T, dir string) error { return os.Symlink("b", filepath.Join(dir, "a")) }, "a is a symlink that cannot be followed"},
		"self link":          {func(t *testing.T, dir string) error { return os.Symlink("self", filepath.Join(dir, "self")) }, "self is a symlink that cannot be followed"},
		"dangling link":      {func(t *testing.T, dir string) error { return os.Symlink("gone", filepath.Join(dir, "x")) }, "x is a symlink that cannot be followed"},
		"named pipe":         {func(t *testing.T, dir string) error { return syscall.Mkfifo(filepath.Join(dir, "lib", "fifo"), 0o644) }, "lib/fifo is a named pipe, not a regular file"},
		"link to a pipe": {func(t *testing.T, dir string) error {
			if err := syscall.Mkfifo(filepath.Join(dir, "p"), 0o644); err != nil {
				return err
			}
			return os.Symlink("p", filepath.Join(dir, "q"))
		}, "p is a named pipe"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := codeTree(t)
			if name == "loop between links" {
				if err := os.Symlink("a", filepath.Join(dir, "b")); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.make(t, dir); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			done := make(chan error, 1)
			go func() { _, err := digestPath(dir); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("got %v, want %q", err, c.want)
				}
				t.Logf("refused in %v", time.Since(start))
			case <-time.After(20 * time.Second):
				t.Fatal("the digest walk hangs")
			}
		})
	}
	t.Run("a pipe as the code", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "code.zip")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := digestPath(p); err == nil || !strings.Contains(err.Error(), "code.zip is a named pipe") {
			t.Errorf("got %v", err)
		}
	})
}

// TestDigestBounded: over the byte or the entry limit the walk stops with
// an error naming the limit; at the limit it passes.
func TestDigestBounded(t *testing.T) {
	dir := codeTree(t) // 2 files of 37 and 19 bytes, 3 entries
	const size = 37 + 19
	if _, err := digestWithin(dir, size, 3); err != nil {
		t.Errorf("at the limits: %v", err)
	}
	_, err := digestWithin(dir, size-1, 3)
	if err == nil || !strings.Contains(err.Error(), "the code is over 55 bytes") || !strings.Contains(err.Error(), "Lambda's limit on unzipped code") {
		t.Errorf("over the byte limit: %v", err)
	}
	_, err = digestWithin(dir, size, 2)
	if err == nil || !strings.Contains(err.Error(), "more than 2 files and directories") {
		t.Errorf("over the entry limit: %v", err)
	}
	if facts.MaxCodeBytes != 262_144_000 {
		t.Errorf("facts.MaxCodeBytes = %d, want Lambda's 250 MB", facts.MaxCodeBytes)
	}
	// A zip file is bounded too.
	if _, err := digestWithin(filepath.Join(dir, "index.mjs"), 10, 3); err == nil || !strings.Contains(err.Error(), "over 10 bytes") {
		t.Errorf("a file over the limit: %v", err)
	}
}

// TestCodeWithPipeIsRefusedWhenHashed: a named pipe inside the code
// directory is found by the walk that hashes it, which runs only when an
// output asks for the digest (Code.Digest): loading the spec reads no code.
// The CloudFormation output puts the error at the spec's code field
// (cfngen's TestUnreadableCodeIsRefusedAtItsField).
func TestCodeWithPipeIsRefusedWhenHashed(t *testing.T) {
	dir := codeTree(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: ./src\n    durable: {executionTimeout: 1h}\n"
	f, ds, err := Parse(filepath.Join(filepath.Dir(dir), "durable.yaml"), filepath.Dir(dir), []byte(src))
	if err != nil || len(ds) != 0 {
		t.Fatalf("loading read the code: %v", err)
	}
	if _, err := f.Functions[0].Code.Digest(); err == nil || !strings.Contains(err.Error(), "fifo is a named pipe") {
		t.Errorf("got %v", err)
	}
}

// TestDigestIsLazyAndShared: the digest is computed when first asked for,
// not while loading, and once per code path for every function naming it.
func TestDigestIsLazyAndShared(t *testing.T) {
	dir := codeTree(t)
	src := "functions:\n" +
		"  A: {runtime: nodejs24.x, handler: index.handler, code: ./src, durable: {executionTimeout: 1h}}\n" +
		"  B: {runtime: nodejs24.x, handler: index.handler, code: ./src/, durable: {executionTimeout: 1h}}\n"
	f, _, err := Parse(filepath.Join(filepath.Dir(dir), "durable.yaml"), filepath.Dir(dir), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "index.mjs"), "changed after loading")
	a, err := f.Functions[0].Code.Digest()
	if err != nil {
		t.Fatal(err)
	}
	if want := digest(t, dir); a != want {
		t.Errorf("the digest was computed while loading: %s, the code now hashes to %s", a, want)
	}
	write(t, filepath.Join(dir, "index.mjs"), "changed again")
	if b, err := f.Functions[1].Code.Digest(); err != nil || b != a {
		t.Errorf("the second function's digest of the same path: %s, %v; want the first's %s", b, err, a)
	}
}

// TestDigestRefusesCodeNotLoaded: Digest of code that is not local, or of
// a Code not validated, is an error.
func TestDigestRefusesCodeNotLoaded(t *testing.T) {
	for _, c := range []Code{{Kind: CodeS3}, {Kind: CodeLocal, Path: "./src"}, {Kind: CodeLocal, Path: "./src", Missing: true}} {
		if d, err := c.Digest(); err == nil {
			t.Errorf("%+v: digest %s", c, d)
		}
	}
}
