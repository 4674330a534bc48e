package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// benchSpec writes a spec of n functions with S3 code: each has a durable
// config, log settings and an environment, and from the second on grants
// callbacks to the function before it and observing to an existing role
// (one role per ten functions: IAM takes 10,240 bytes of inline policy per
// role), so that grants are rendered too. 70 functions make 488 resources,
// the most of this shape under CloudFormation's 500 (100 made 698: the
// model refuses them since it checks the limits).
func benchSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("functions:\n")
	for i := range n {
		fmt.Fprintf(&b, `  Fn%d:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bench-artifacts/fn%d.zip
    memorySize: 512
    environment: {TABLE: table%d}
    durable: {executionTimeout: 7d, retentionDays: 30}
    logs: {retentionDays: 30, format: JSON}
`, i, i, i)
		if i > 0 {
			fmt.Fprintf(&b, "    callbackSenders: [{function: Fn%d}]\n", i-1)
			fmt.Fprintf(&b, "    observers: [{roleArn: arn:aws:iam::123456789012:role/dashboard%d}]\n", i/10)
		}
	}
	return []byte(b.String())
}

func benchFile(b *testing.B, n int) *spec.File {
	b.Helper()
	f, _, err := spec.Parse("bench.yaml", b.TempDir(), benchSpec(n))
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// BenchmarkRender renders specs of 1, 10 and 70 functions with each
// format synth knows (as YAML, synth's default).
func BenchmarkRender(b *testing.B) {
	for _, format := range []string{"cfn", "sam"} {
		r := formats[format]
		for _, n := range []int{1, 10, 70} {
			b.Run(fmt.Sprintf("%s/functions=%d", format, n), func(b *testing.B) {
				app, _, err := model.Build(benchFile(b, n), nil)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if _, err := r.render(app, renderOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkParse loads the same specs (decode, defaults, validation), for
// comparison with rendering.
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1, 10, 70} {
		b.Run(fmt.Sprintf("functions=%d", n), func(b *testing.B) {
			src := benchSpec(n)
			dir := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, _, err := spec.Parse("bench.yaml", dir, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchMixedSpec writes a spec of n functions that fits one template: even
// functions are durable (role, function, log group, version, alias), odd
// ones plain (role, function, log group); every function has S3 code, log
// settings and an environment, every durable function from the second on
// grants callbacks to the durable function before it, and every tenth
// function grants observing to an existing role. 100 functions make 459
// resources, under CloudFormation's 500.
func benchMixedSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("functions:\n")
	for i := range n {
		fmt.Fprintf(&b, `  Fn%d:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bench-artifacts/fn%d.zip
    memorySize: 512
    environment: {TABLE: table%d}
    logs: {retentionDays: 30, format: JSON}
`, i, i, i)
		if i%2 == 0 {
			b.WriteString("    durable: {executionTimeout: 7d, retentionDays: 30}\n")
			if i > 0 {
				fmt.Fprintf(&b, "    callbackSenders: [{function: Fn%d}]\n", i-2)
			}
		}
		if i%10 == 0 {
			fmt.Fprintf(&b, "    observers: [{roleArn: arn:aws:iam::123456789012:role/dashboard%d}]\n", i/10)
		}
	}
	return []byte(b.String())
}

// BenchmarkRenderBoth renders both templates (CloudFormation and SAM, as
// YAML) of the 100-function mixed spec: issue 13's target.
func BenchmarkRenderBoth(b *testing.B) {
	f, _, err := spec.Parse("bench.yaml", b.TempDir(), benchMixedSpec(100))
	if err != nil {
		b.Fatal(err)
	}
	app, _, err := model.Build(f, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, format := range []string{"cfn", "sam"} {
			if _, err := formats[format].render(app, renderOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkSynthSharedCode loads the 100-function mixed spec with every
// function's code in one local directory of 5 MB (50 files of 100 KB),
// builds the model and renders it, as synth does: the SAM output never
// reads the code, the CloudFormation output hashes the directory once.
func BenchmarkSynthSharedCode(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		b.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 100<<10/16)
	for i := range 50 {
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("f%02d.js", i)), chunk, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	specSrc := regexp.MustCompile(`s3://bench-artifacts/fn\d+\.zip`).ReplaceAll(benchMixedSpec(100), []byte("./src"))
	for _, format := range []string{"sam", "cfn"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f, _, err := spec.Parse(filepath.Join(dir, "durable.yaml"), dir, specSrc)
				if err != nil {
					b.Fatal(err)
				}
				app, _, err := model.Build(f, nil)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := formats[format].render(app, renderOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
