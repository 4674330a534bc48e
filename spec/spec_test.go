package spec_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

func parse(t *testing.T, durable string) (*spec.File, error) {
	t.Helper()
	src := fmt.Sprintf("functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/k.zip\n    durable: %s\n", durable)
	f, _, err := spec.Parse("t.yaml", ".", []byte(src))
	return f, err
}

func TestExecutionTimeoutBoundaries(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"1", 1, true},
		{"1s", 1, true},
		{"31622400", facts.MaxExecutionTimeout, true},
		{"366d", facts.MaxExecutionTimeout, true},
		{"31622401", 0, false},
		{"0", 0, false},
		{"-5", 0, false},
		{"90m", 5400, true},
		{"1d12h", 129600, true},
		{"12h1d", 0, false},
		{"1.5h", 0, false},
	} {
		t.Run(c.in, func(t *testing.T) {
			f, err := parse(t, "{executionTimeout: "+c.in+"}")
			if c.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, c.ok)
			}
			if c.ok && f.Functions[0].Durable.ExecutionTimeout != c.want {
				t.Errorf("got %d, want %d", f.Functions[0].Durable.ExecutionTimeout, c.want)
			}
		})
	}
}

func TestRetentionBoundaries(t *testing.T) {
	for _, c := range []struct {
		days int
		ok   bool
	}{{0, false}, {1, true}, {90, true}, {91, false}} {
		_, err := parse(t, fmt.Sprintf("{executionTimeout: 1h, retentionDays: %d}", c.days))
		if c.ok != (err == nil) {
			t.Errorf("retentionDays %d: err = %v, want ok=%v", c.days, err, c.ok)
		}
	}
}

func TestDefaults(t *testing.T) {
	f, err := parse(t, "{executionTimeout: 1h}")
	if err != nil {
		t.Fatal(err)
	}
	fn := f.Functions[0]
	if fn.Alias != spec.DefaultAlias || fn.Durable.RetentionDays != facts.DefaultRetentionDays ||
		fn.Logs.RetentionDays != spec.DefaultLogRetentionDays || fn.Logs.Format != spec.DefaultLogFormat {
		t.Errorf("defaults not applied: %+v", fn)
	}
}

func TestEmptyDurableBlock(t *testing.T) {
	_, err := parse(t, "{}")
	if err == nil || !strings.Contains(err.Error(), "executionTimeout") {
		t.Fatalf("want an executionTimeout error, got %v", err)
	}
}

func TestDuplicateKeys(t *testing.T) {
	_, err := parse(t, "{executionTimeout: 1h, executionTimeout: 2h}")
	if err == nil || !strings.Contains(err.Error(), "duplicate key") {
		t.Fatalf("want a duplicate key error, got %v", err)
	}
}

func TestFormatDuration(t *testing.T) {
	for sec, want := range map[int]string{1: "1s", 60: "1m", 5400: "1h30m", 86400: "1d", facts.MaxExecutionTimeout: "366d"} {
		if got := spec.FormatDuration(sec); got != want {
			t.Errorf("FormatDuration(%d) = %q, want %q", sec, got, want)
		}
	}
}
