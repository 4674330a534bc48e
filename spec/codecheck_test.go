package spec_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/durablefn/durablefn/spec"
)

// TestCodeFIFOIsRefused: code naming a FIFO is an error at once, not a
// read that blocks.
func TestCodeFIFOIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "code.zip"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	src := `functions:
  Worker:
    runtime: nodejs22.x
    handler: index.handler
    code: ./code.zip
    durable: {executionTimeout: 1h}
`
	done := make(chan string, 1)
	go func() {
		_, diags, _ := spec.Parse(filepath.Join(dir, "durable.yaml"), dir, []byte(src))
		done <- diags.Error()
	}()
	select {
	case msg := <-done:
		if !strings.Contains(msg, "code ./code.zip cannot be read: a named pipe (FIFO), not a regular file") {
			t.Errorf("diagnostics: %s", msg)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("loading a spec whose code is a FIFO blocks")
	}
}
