package rendertest_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/internal/rendertest"
	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/samgen"
)

// maxInput bounds the fuzz input: the largest golden spec is 2.6 KB. A
// larger input returns at once, finds no new code and is never minimized
// (see docs/testing.md, "Why FuzzTemplate stalled").
const maxInput = 4096

// FuzzRender: from the fuzzer's bytes — a spec as written (seeded with
// every golden spec) or, with structural set, a spec generated from the
// bytes (specGen) — build the model and render CloudFormation and SAM, as
// YAML and as JSON. Never a panic. A valid spec renders (the only
// refusals: a template over 1 MB); every output reads back (yaml.v3 with
// the short-form tags resolved, JSON with numbers as written) as exactly
// the plain data the renderer built (cfngen.Template, samgen.Template);
// rendering again gives the same bytes.
func FuzzRender(f *testing.F) {
	golden, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", "durable.yaml"))
	if err != nil || len(golden) == 0 {
		f.Fatalf("no golden specs: %v", err)
	}
	for _, p := range golden {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(false, data)
	}
	for _, seed := range []string{"", "\x03\x01\x02\x03\x04\x05\x06\x07\x08\x09", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1", "\x02\x07\x13\x21\x35\x41\x55\x63\x77\x81\x95\xa3\xb7\xc1\xd5\xe3"} {
		f.Add(true, []byte(seed))
	}
	dir := codeTree(f)
	f.Fuzz(func(t *testing.T, structural bool, data []byte) {
		if len(data) > maxInput {
			return
		}
		src := data
		if structural {
			src = (&specGen{data: data}).spec()
		} else if testutil.ReachesOut(data) {
			return
		}
		app, _, err := model.Parse("fuzz.yaml", dir, src)
		if err != nil {
			if app != nil {
				t.Fatal("a model with an error")
			}
			return
		}
		if err := checkRender(app); err != nil {
			t.Fatalf("%v\nspec:\n%s", err, src)
		}
	})
}

// TestRenderGoldens runs the property on every golden spec and on specs
// generated from a few thousand byte streams, in plain `go test`.
func TestRenderGoldens(t *testing.T) {
	golden, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*", "durable.yaml"))
	dir := codeTree(t)
	for _, p := range golden {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		app, _, err := model.Parse("fuzz.yaml", dir, data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := checkRender(app); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	n, valid := 500, 0
	if testing.Short() {
		n = 100
	}
	for i := range n {
		data := []byte(strconv.Itoa(i*7919) + strings.Repeat(string(rune('a'+i%26)), i%40))
		for j := range data {
			data[j] ^= byte(i * (j + 3))
		}
		src := (&specGen{data: data}).spec()
		app, _, err := model.Parse("fuzz.yaml", dir, src)
		if err != nil {
			continue
		}
		valid++
		if err := checkRender(app); err != nil {
			t.Fatalf("stream %d: %v\nspec:\n%s", i, err, src)
		}
	}
	// The generator is worth running only if it makes valid specs.
	if valid < n/2 {
		t.Errorf("only %d of %d generated specs are valid", valid, n)
	}
}

// codeTree is a directory with the local code of the golden specs.
func codeTree(tb testing.TB) string {
	dir := tb.TempDir()
	for _, d := range []string{"src", "handlers/approver", "handlers/orchestrator", "handlers/order", "handlers/worker"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, d, "index.mjs"), []byte("export const handler = async () => 1;\n"), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

type renderer struct {
	name     string
	template func(*model.App) (render.Template, error)
	render   func(*model.App, render.Format) ([]byte, error)
}

var renderers = []renderer{
	{"CloudFormation", cfngen.Template, cfngen.Render},
	{"SAM", samgen.Template, samgen.Render},
}

// checkRender renders a valid model in every output and checks the
// property.
func checkRender(app *model.App) error {
	missing := false
	for _, fn := range app.Functions {
		// Only a version (a function with an alias) is named after the
		// code's digest.
		missing = missing || fn.Spec.Code.Missing && fn.AliasID != ""
	}
	for _, r := range renderers {
		if missing && r.name == "CloudFormation" {
			// The spec warned: local code that is not built has no digest
			// to name the version after, and only this output needs one.
			if _, err := r.template(app); err == nil || !strings.Contains(err.Error(), "does not exist") {
				return fmt.Errorf("%s: code that does not exist is not refused clearly: %v", r.name, err)
			}
			continue
		}
		want, err := r.template(app)
		if err != nil {
			return fmt.Errorf("%s: building the template: %v", r.name, err)
		}
		for _, format := range []render.Format{render.YAML, render.JSON} {
			name := fmt.Sprintf("%s %s", r.name, map[render.Format]string{render.YAML: "YAML", render.JSON: "JSON"}[format])
			out, err := r.render(app, format)
			if err != nil {
				if strings.Contains(err.Error(), "over CloudFormation's limit of") {
					continue
				}
				return fmt.Errorf("%s: a valid spec does not render: %v", name, err)
			}
			again, err := r.render(app, format)
			if err != nil || !bytes.Equal(out, again) {
				return fmt.Errorf("%s: rendering twice gives different bytes (%v)", name, err)
			}
			var back any
			if format == render.YAML {
				back, err = rendertest.ReadYAML(out)
			} else {
				back, err = rendertest.ReadJSON(out)
			}
			if err != nil {
				return fmt.Errorf("%s: the output does not read back: %v\n%s", name, err, out)
			}
			if err := rendertest.Equal(map[string]any(want), back); err != nil {
				return fmt.Errorf("%s: the output is not the template data: %v\n%s", name, err, out)
			}
		}
	}
	return nil
}

// specGen writes a spec from a stream of bytes: functions (durable or
// plain, each kind of code, existing roles, least privilege, aliases,
// events, grants to each other and to roles, invokes, statements,
// environment values that are strings, numbers, intrinsics and
// ${Fn.Attr} references), globals, parameters, resources and outputs, with
// strings that YAML readers are known to change. Once the bytes run out it
// reads zeros, so every stream gives a finite spec; most are valid.
type specGen struct {
	data []byte
	i    int
	b    strings.Builder
	fns  []string
}

func (g *specGen) next() byte {
	if g.i >= len(g.data) {
		return 0
	}
	g.i++
	return g.data[g.i-1]
}

func (g *specGen) pick(items ...string) string { return items[int(g.next())%len(items)] }

func (g *specGen) line(indent int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

// tricky are strings YAML and the formatter must keep as they are.
var tricky = []string{
	"plain", "", " ", "true", "no", "null", "~", "0755", "1e3", "0x1F", ".inf", "2012-10-17", "- x", "a: b", "#c",
	"!Ref X", "*a", "&a", "|", ">", "'", `"`, `\`, "%YAML", "@x", "`x", "<<", "---", "...", "a\nb", "a\nb\n", "\n lead",
	"a\r\nb", "x\u2028y", "tab\there", "trailing ", " lead", "é日本😀", "${AWS::Region}", "$${Literal}",
	"eyJSZWYiOiJPcmRlcnNSb2xlIn0=", `{"Ref": "F0"}`, `{"Fn::GetAtt": ["F0", "Arn"]}`, "Ref", "Fn::Sub",
	"def handler(e, c):\n  return 1\n", strings.Repeat("long ", 50),
}

// tagValue is a tag value IAM takes (letters, digits, spaces and
// _.:/=+-@ of any script), tricky for YAML all the same.
func (g *specGen) tagValue() string {
	return g.pick(`""`, `" "`, "true", "no", "null", `"0755"`, "1e3", `"2012-10-17"`, `"a: b"`, `"@x"`, `"é日本"`, `"trailing "`, "plain")
}

// str is a string quoted for YAML (JSON's quoting is YAML's too).
func (g *specGen) str() string {
	s := tricky[int(g.next())%len(tricky)]
	if g.next()%3 == 0 {
		s += tricky[int(g.next())%len(tricky)]
	}
	b, _ := json.Marshal(s)
	return string(b)
}

// value is an environment, tag or output value: a string, a number, an
// intrinsic, a reference to a function.
func (g *specGen) value() string {
	fn := "F0"
	if len(g.fns) > 0 {
		fn = g.fns[int(g.next())%len(g.fns)]
	}
	switch g.next() % 9 {
	case 0, 1, 2:
		return g.str()
	case 3:
		return g.pick("8080", "0", "-1", "1.5", "true", "false", "null", "0o17")
	case 4:
		return g.pick("!Ref P0", "!Ref AWS::Region", "!Ref AWS::StackName", "!Ref R0", "!GetAtt R0.Arn")
	case 5:
		return "!Sub " + g.pick(`"${AWS::StackName}-x"`, `"arn:${AWS::Partition}:s3:::b/*"`, `["${A}-${B}", {A: !Ref P0, B: x}]`, `"$${Literal}"`)
	case 6:
		return g.pick("!Join ['', [a, !Ref P0]]", "!Select [0, [a, b]]", "!Base64 abc", "{Ref: P0}", `{"Fn::Sub": "${P0}"}`, "!If [C0, a, b]")
	case 7:
		return `"${` + fn + `.` + g.pick("Arn", "AliasArn") + `}"`
	default:
		return g.pick("!Ref "+fn, "!GetAtt "+fn+".Arn")
	}
}

func (g *specGen) spec() []byte {
	if g.next()%2 == 0 {
		g.line(0, "description: %s", g.str())
	}
	g.line(0, "parameters:")
	g.line(1, "P0: {type: String, default: %s, description: %s}", g.str(), g.str())
	if g.next()%2 == 0 {
		g.line(1, "P1: {type: Number, minValue: 1, maxValue: 10, noEcho: true}")
	}
	g.line(0, "conditions:")
	g.line(1, "C0: !Equals [!Ref P0, %s]", g.str())
	g.line(0, "mappings:")
	g.line(1, "M0: {k: {v: %s}}", g.str())
	g.line(0, "resources:")
	g.line(1, "R0:")
	g.line(2, "Type: AWS::SQS::Queue")
	g.line(2, "Properties: {QueueName: %s, Tags: [{Key: k, Value: %s}]}", g.str(), g.str())
	g.line(1, "B0: {Type: AWS::S3::Bucket}")
	g.line(1, "T0: {Type: AWS::SNS::Topic}")
	if g.next()%2 == 0 {
		g.line(1, "Role0:")
		g.line(2, "Type: AWS::IAM::Role")
		g.line(2, `Properties: {AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}}`)
	}
	n := 1 + int(g.next()%4)
	for i := range n {
		g.fns = append(g.fns, fmt.Sprintf("F%d", i))
	}
	if g.next()%3 == 0 {
		g.line(0, "globals:")
		g.line(1, "memorySize: %s", g.pick("256", "512"))
		g.line(1, "environment: {GLOBAL: %s}", g.value())
		g.line(1, "tags: {t: %s}", g.tagValue())
		if g.next()%2 == 0 {
			g.line(1, "durable: {retentionDays: %d}", 1+g.next()%90)
		}
	}
	g.line(0, "functions:")
	for i := range n {
		g.function(i)
	}
	g.line(0, "outputs:")
	g.line(1, "O0: {value: %s, description: %s}", g.value(), g.str())
	if g.next()%2 == 0 {
		g.line(1, "O1: {value: %s, export: %s}", g.value(), g.value())
	}
	return []byte(g.b.String())
}

func (g *specGen) function(i int) {
	name := g.fns[i]
	durable := g.next()%4 != 3
	g.line(1, "%s:", name)
	switch g.next() % 5 {
	case 0:
		g.line(2, "code: ./src")
	case 1:
		g.line(2, "code: {inline: %s}", g.str())
	case 2:
		g.line(2, "code: {image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest}")
	case 3:
		g.line(2, "code: {bucket: !Ref P0, key: %s, objectVersion: v1}", g.str())
	default:
		g.line(2, "code: s3://bucket/%s.zip", name)
	}
	if !strings.Contains(g.b.String()[strings.LastIndex(g.b.String(), "code:"):], "image:") {
		g.line(2, "runtime: %s", g.pick("nodejs24.x", "python3.13", "java21"))
		g.line(2, "handler: index.handler")
	}
	if durable {
		g.line(2, "durable: {executionTimeout: %s, retentionDays: %d}", g.pick("15m", "1h", "366d", "1s"), 1+g.next()%90)
		if g.next()%3 == 1 {
			g.line(2, "alias: %s", g.pick("live", "prod-1", "blue_green", "v2"))
		}
	}
	if g.next()%2 == 1 {
		g.line(2, "description: %s", g.str())
	}
	if g.next()%2 == 1 {
		g.line(2, "environment:")
		for j := range 1 + int(g.next()%4) {
			g.line(3, "VAR_%d: %s", j, g.value())
		}
	}
	if g.next()%2 == 1 {
		g.line(2, "tags: {team: %s, %s: x}", g.tagValue(), g.pick("cost-center", "aws-x", "k"))
	}
	existing := false
	switch g.next() % 4 {
	case 1:
		g.line(2, "role: arn:aws:iam::123456789012:role/%s", g.pick("shared", "path/to/r", "x"))
		existing = true
	case 2:
		if strings.Contains(g.b.String(), "Role0:") {
			g.line(2, "role: !GetAtt Role0.Arn")
			existing = true
		}
	case 3:
		g.line(2, "leastPrivilege: true")
	}
	if g.next()%2 == 1 {
		g.line(2, "policies:")
		g.line(3, "- {Action: s3:GetObject, Resource: %s}", g.pick("!Sub arn:${AWS::Partition}:s3:::b/*", `"*"`, `"arn:aws:s3:::b/${aws:username}"`))
		if !existing && g.next()%2 == 1 {
			g.line(3, "- arn:aws:iam::aws:policy/ReadOnlyAccess")
		}
	}
	if durable {
		for _, kind := range []string{"starters", "observers", "operators", "callbackSenders"} {
			if g.next()%3 != 1 {
				continue
			}
			other := g.fns[int(g.next())%len(g.fns)]
			g.line(2, "%s: [{function: %s}, {roleArn: arn:aws:iam::123456789012:role/%s}]", kind, other, g.pick("a", "b", "svc/c"))
		}
		if g.next()%3 == 1 {
			g.line(2, "invokes: [{function: %s}, {functionArn: arn:aws:lambda:us-east-1:123456789012:function:other}]", g.fns[int(g.next())%len(g.fns)])
		}
	}
	if g.next()%3 == 1 {
		g.line(2, "events:")
		g.line(3, "Tick: {schedule: rate(1 hour)}")
		if g.next()%2 == 0 {
			g.line(3, "Work: {sqs: {queueArn: !GetAtt R0.Arn, batchSize: %d, filterCriteria: [{body: {k: [%s]}}]}}", 1+g.next()%10, g.str())
		}
		// Every other kind, each with the generator's awkward strings where
		// the spec takes text.
		for k := 0; k < 8; k++ {
			if g.next()%3 != 1 {
				continue
			}
			switch k {
			case 0:
				g.line(3, "Route%d: {http: {method: %s, path: %s, auth: %s}}", i, g.pick("GET", "POST", "ANY"), g.pick("/", "/a", "\"/a/{id}\"", "\"/p/{proxy+}\""), g.pick("none", "iam"))
			case 1:
				g.line(3, "Url: {functionUrl: {auth: %s, cors: {allowOrigins: [%s]}}}", g.pick("AWS_IAM", "NONE"), g.str())
			case 2:
				g.line(3, "Bus: {rule: {pattern: {source: [%s]}, input: {k: %s}}}", g.str(), g.str())
			case 3:
				g.line(3, "Later: {scheduler: {expression: \"rate(1 hour)\", input: {k: %s}, flexibleWindow: %s}}", g.str(), g.pick("1m", "15m"))
			case 4:
				g.line(3, "Topic: {sns: {topic: !Ref T0, filterPolicy: {k: [%s]}}}", g.str())
			case 5:
				g.line(3, "Files: {s3: {bucket: !Ref B0, events: [\"s3:ObjectCreated:*\"], prefix: %s}}", g.str())
			case 6:
				g.line(3, "Table: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x, startingPosition: LATEST, onFailure: !GetAtt R0.Arn}}")
			case 7:
				g.line(3, "Clicks: {kinesis: {streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: TRIM_HORIZON}}")
			}
		}
	}
	if g.next()%3 == 1 {
		g.line(2, "logs: {retentionDays: %s, format: %s}", g.pick("1", "30", "3653"), g.pick("JSON", "Text"))
	}
}
