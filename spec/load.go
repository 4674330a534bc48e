package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

// Load reads, decodes, defaults and validates a spec file. Relative code
// paths are resolved against the file's directory.
//
// On invalid input it returns a nil File and a diag.List holding every
// problem found; warnings of a valid file are returned as the second value
// with a nil error.
func Load(path string) (*File, diag.List, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("reading spec: %w", err)
	}
	return Parse(path, filepath.Dir(path), data)
}

// Parse is Load for bytes already read: name is used in diagnostics and dir
// resolves relative code paths.
func Parse(name, dir string, data []byte) (*File, diag.List, error) {
	d := &decoder{file: name, pos: map[string]diag.Pos{}}
	f := &File{Path: name, Dir: dir}
	root, err := parseYAML(name, data)
	if err != nil {
		ds, _ := err.(diag.List)
		return nil, ds, err
	}
	d.pos[""] = d.at(root) // where a problem of no known field is placed
	d.decodeFile(root, f)
	f.positions = d.pos
	applyDefaults(f)
	// Validate even when decoding found problems, so that one run reports
	// everything; but say nothing more about a field that did not decode.
	all := d.diags
	for _, v := range validate(f) {
		if !underAny(v.Path, d.diags) {
			all = append(all, v)
		}
	}
	all.Sort()
	if all.HasErrors() {
		return nil, all, all
	}
	return f, all, nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses one YAML document, turning the YAML library's errors
// into diagnostics with a position.
func parseYAML(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: 1, Column: 1},
				Message: "the spec is empty", Fix: "add a functions: mapping"}}
		}
		msg := err.Error()
		line, col := 0, 1
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		// yaml.v3 places a syntax error at the start of the enclosing
		// construct; goccy/go-yaml's parser points at the offending token.
		var se *goccy.SyntaxError
		if _, perr := goccyparser.ParseBytes(data, 0); errors.As(perr, &se) && se.Token != nil {
			line, col, msg = se.Token.Position.Line, se.Token.Position.Column, se.Message
		}
		if line == 0 { // yaml.v3 gives no line for a bad character or encoding
			line, col = firstControl(data)
		}
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: line, Column: col},
			Message: "invalid YAML: " + msg, Fix: "check the indentation and quoting here"}}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: extra.Line, Column: extra.Column},
			Message: "the spec holds more than one YAML document", Fix: "keep one document per spec file"}}
	}
	if len(doc.Content) == 0 {
		return nil, diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: 1, Column: 1},
			Message: "the spec is empty", Fix: "add a functions: mapping"}}
	}
	root := doc.Content[0]
	if err := rejectAliases(name, root); err != nil {
		return nil, err
	}
	return root, nil
}

// firstControl returns the line and column of the first character YAML
// refuses (a control character other than tab and line breaks), or 1:1.
func firstControl(data []byte) (line, col int) {
	line, col = 1, 1
	for _, r := range string(data) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r < 0x20 && r != '\t' && r != '\r', r == 0x7f, r >= 0x80 && r < 0xa0 && r != 0x85:
			return line, col
		}
		col++
	}
	return 1, 1
}

// rejectAliases refuses YAML anchors and aliases: they make positions
// ambiguous and are a classic way to blow up a parser.
func rejectAliases(name string, n *yaml.Node) error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return diag.List{{Severity: diag.Error, Code: CodeSyntax, Pos: diag.Pos{File: name, Line: n.Line, Column: n.Column},
			Message: "YAML anchors and aliases are not supported", Fix: "write the value out"}}
	}
	for _, c := range n.Content {
		if err := rejectAliases(name, c); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) decodeFile(n *yaml.Node, f *File) {
	seenFunctions := false
	d.mapping(n, "", []field{
		{"functions", func(n *yaml.Node, path string) {
			seenFunctions = true
			if n.Kind != yaml.MappingNode {
				d.errorf(n, CodeType, path, "", "expected a mapping of function names to functions, got %s", kindName(n))
				return
			}
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				fp := joinPath(path, k.Value)
				d.pos[fp] = d.at(k)
				if seen[k.Value] {
					d.errorf(k, CodeDuplicateKey, fp, "give each function its own name", "duplicate function name %q", k.Value)
					continue
				}
				seen[k.Value] = true
				fn := &Function{Name: k.Value}
				d.decodeFunction(v, fp, fn)
				f.Functions = append(f.Functions, fn)
			}
		}},
	})
	if n.Kind == yaml.MappingNode && !seenFunctions {
		d.errorf(n, CodeRequired, "functions", "add a functions: mapping with at least one function", "required field is missing")
	}
}

func (d *decoder) decodeFunction(n *yaml.Node, path string, fn *Function) {
	d.mapping(n, path, []field{
		{"description", func(n *yaml.Node, p string) { d.str(n, p, &fn.Description) }},
		{"functionName", func(n *yaml.Node, p string) { d.str(n, p, &fn.FunctionName) }},
		{"runtime", func(n *yaml.Node, p string) { d.str(n, p, &fn.Runtime) }},
		{"handler", func(n *yaml.Node, p string) { d.str(n, p, &fn.Handler) }},
		{"code", func(n *yaml.Node, p string) { d.decodeCode(n, p, &fn.Code) }},
		{"memorySize", func(n *yaml.Node, p string) { d.integer(n, p, &fn.MemorySize) }},
		{"timeout", func(n *yaml.Node, p string) { d.integer(n, p, &fn.Timeout) }},
		{"architecture", func(n *yaml.Node, p string) { d.str(n, p, &fn.Architecture) }},
		{"environment", func(n *yaml.Node, p string) { d.strMap(n, p, &fn.Environment) }},
		{"tags", func(n *yaml.Node, p string) { d.strMap(n, p, &fn.Tags) }},
		{"tracing", func(n *yaml.Node, p string) { d.str(n, p, &fn.Tracing) }},
		{"layers", func(n *yaml.Node, p string) { d.strList(n, p, &fn.Layers) }},
		{"reservedConcurrency", func(n *yaml.Node, p string) {
			var v int
			if d.integer(n, p, &v) {
				fn.ReservedConcurrency = &v
			}
		}},
		{"vpc", func(n *yaml.Node, p string) {
			fn.VPC = &VPC{}
			d.mapping(n, p, []field{
				{"subnetIds", func(n *yaml.Node, p string) { d.strList(n, p, &fn.VPC.SubnetIDs) }},
				{"securityGroupIds", func(n *yaml.Node, p string) { d.strList(n, p, &fn.VPC.SecurityGroupIDs) }},
			})
		}},
		{"deadLetterQueue", func(n *yaml.Node, p string) { d.str(n, p, &fn.DeadLetterQueue) }},
		{"durable", func(n *yaml.Node, p string) { d.decodeDurable(n, p, &fn.Durable) }},
		{"alias", func(n *yaml.Node, p string) { d.str(n, p, &fn.Alias) }},
		{"logs", func(n *yaml.Node, p string) {
			d.mapping(n, p, []field{
				{"retentionDays", func(n *yaml.Node, p string) { d.integer(n, p, &fn.Logs.RetentionDays) }},
				{"format", func(n *yaml.Node, p string) { d.str(n, p, &fn.Logs.Format) }},
				{"applicationLevel", func(n *yaml.Node, p string) { d.str(n, p, &fn.Logs.ApplicationLevel) }},
				{"systemLevel", func(n *yaml.Node, p string) { d.str(n, p, &fn.Logs.SystemLevel) }},
			})
		}},
		{"leastPrivilege", func(n *yaml.Node, p string) { d.boolean(n, p, &fn.LeastPrivilege) }},
		{"callbackSenders", func(n *yaml.Node, p string) { d.principals(n, p, &fn.CallbackSenders) }},
		{"starters", func(n *yaml.Node, p string) { d.principals(n, p, &fn.Starters) }},
		{"observers", func(n *yaml.Node, p string) { d.principals(n, p, &fn.Observers) }},
		{"operators", func(n *yaml.Node, p string) { d.principals(n, p, &fn.Operators) }},
		{"invokes", func(n *yaml.Node, p string) {
			d.list(n, p, func(n *yaml.Node, p string) {
				var t InvokeTarget
				if d.mapping(n, p, []field{
					{"function", func(n *yaml.Node, p string) { d.str(n, p, &t.Function) }},
					{"functionArn", func(n *yaml.Node, p string) { d.str(n, p, &t.FunctionArn) }},
				}) {
					if (t.Function == "") == (t.FunctionArn == "") {
						d.errorf(n, CodeOneOf, p, "write {function: Name} or {functionArn: ARN}", "give exactly one of function or functionArn")
					}
				}
				fn.Invokes = append(fn.Invokes, t)
			})
		}},
		{"events", func(n *yaml.Node, p string) { d.decodeEvents(n, p, &fn.Events) }},
	})
	if n.Kind != yaml.MappingNode {
		return
	}
	if _, ok := d.pos[joinPath(path, "durable")]; !ok {
		d.errorf(n, CodeRequired, joinPath(path, "durable"), "add durable: {executionTimeout: 24h}", "required field is missing")
	}
	if _, ok := d.pos[joinPath(path, "code")]; !ok {
		d.errorf(n, CodeRequired, joinPath(path, "code"), "add code: ./path/to/handler (a local directory or zip, s3://bucket/key, {inline: ...} or {image: URI})", "required field is missing")
	}
}

func (d *decoder) principals(n *yaml.Node, path string, dst *[]Principal) {
	d.list(n, path, func(n *yaml.Node, p string) {
		var pr Principal
		if d.mapping(n, p, []field{
			{"function", func(n *yaml.Node, p string) { d.str(n, p, &pr.Function) }},
			{"roleArn", func(n *yaml.Node, p string) { d.str(n, p, &pr.RoleArn) }},
		}) {
			if (pr.Function == "") == (pr.RoleArn == "") {
				d.errorf(n, CodeOneOf, p, "write {function: Name} or {roleArn: ARN}", "give exactly one of function or roleArn")
			}
		}
		*dst = append(*dst, pr)
	})
}

func (d *decoder) decodeDurable(n *yaml.Node, path string, dur *Durable) {
	dur.ExecutionTimeout = -1
	dur.RetentionDays = -1
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.errorf(n, CodeRequired, joinPath(path, "executionTimeout"), "add executionTimeout: 24h (seconds, or a duration such as 90m, 24h, 7d; at most 366d)",
			"an empty durable block is rejected at deploy time: executionTimeout is required")
		return
	}
	ok := d.mapping(n, path, []field{
		{"executionTimeout", func(n *yaml.Node, p string) {
			if v, ok := d.duration(n, p); ok {
				dur.ExecutionTimeout = v
			}
		}},
		{"retentionDays", func(n *yaml.Node, p string) { d.integer(n, p, &dur.RetentionDays) }},
		{"kmsKeyArn", func(n *yaml.Node, p string) { d.str(n, p, &dur.KMSKeyArn) }},
	})
	if ok {
		if _, seen := d.pos[joinPath(path, "executionTimeout")]; !seen {
			d.errorf(n, CodeRequired, joinPath(path, "executionTimeout"), "add executionTimeout: 24h (seconds, or a duration such as 90m, 24h, 7d; at most 366d)",
				"required field is missing: a durable config without an execution timeout is rejected at deploy time")
		}
	}
}

// duration reads integer seconds or a duration string (see ParseDuration).
func (d *decoder) duration(n *yaml.Node, path string) (int, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!str") {
		d.errorf(n, CodeType, path, "write seconds (3600) or a duration (90m, 24h, 7d)", "expected a duration, got %s", kindName(n))
		return 0, false
	}
	if n.Tag == "!!int" {
		var v int
		if !d.integer(n, path, &v) {
			return 0, false
		}
		return v, true
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		d.errorf(n, CodeDuration, path, "write seconds (3600) or a duration such as 30s, 90m, 24h, 7d or 1d12h", "%v", err)
		return 0, false
	}
	return v, true
}

func (d *decoder) decodeCode(n *yaml.Node, path string, c *Code) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			d.errorf(n, CodeRequired, path, "write a local path, s3://bucket/key, {inline: ...} or {image: URI}", "code is empty")
			return
		}
		if strings.HasPrefix(n.Value, "s3://") {
			rest := strings.TrimPrefix(n.Value, "s3://")
			bucket, key, ok := strings.Cut(rest, "/")
			if !ok || bucket == "" || key == "" {
				d.errorf(n, CodeValue, path, "write s3://bucket/key", "%q is not an S3 location", n.Value)
				return
			}
			c.Kind, c.Bucket, c.Key = CodeS3, bucket, key
			return
		}
		c.Kind, c.Path = CodeLocal, n.Value
	case yaml.MappingNode:
		var inline, image *string
		d.mapping(n, path, []field{
			{"inline", func(n *yaml.Node, p string) { inline = new(string); d.str(n, p, inline) }},
			{"image", func(n *yaml.Node, p string) { image = new(string); d.str(n, p, image) }},
		})
		switch {
		case inline != nil && image != nil:
			d.errorf(n, CodeOneOf, path, "keep inline or image", "give exactly one of inline or image")
		case inline != nil:
			c.Kind, c.Inline = CodeInline, *inline
		case image != nil:
			c.Kind, c.ImageURI = CodeImage, *image
		default:
			d.errorf(n, CodeOneOf, path, "write {inline: ...} or {image: URI}", "give exactly one of inline or image")
		}
	default:
		d.errorf(n, CodeType, path, "write a local path, s3://bucket/key, {inline: ...} or {image: URI}", "expected a string or a mapping, got %s", kindName(n))
	}
}

func (d *decoder) decodeEvents(n *yaml.Node, path string, dst *[]Event) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeType, path, "", "expected a mapping of event names to events, got %s", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ep := joinPath(path, k.Value)
		d.pos[ep] = d.at(k)
		ev := Event{Name: k.Value, Kind: -1}
		d.mapping(v, ep, []field{
			{"sqs", func(n *yaml.Node, p string) {
				if ev.Kind != -1 {
					d.errorf(n, CodeOneOf, ep, "split it into two events", "an event has exactly one kind (sqs or schedule)")
				}
				ev.Kind = EventSQS
				d.mapping(n, p, []field{
					{"queueArn", func(n *yaml.Node, p string) { d.str(n, p, &ev.QueueArn) }},
					{"batchSize", func(n *yaml.Node, p string) { d.integer(n, p, &ev.BatchSize) }},
				})
			}},
			{"schedule", func(n *yaml.Node, p string) {
				if ev.Kind != -1 {
					d.errorf(n, CodeOneOf, ep, "split it into two events", "an event has exactly one kind (sqs or schedule)")
				}
				ev.Kind = EventSchedule
				d.str(n, p, &ev.Schedule)
			}},
		})
		if v.Kind == yaml.MappingNode && ev.Kind == -1 {
			d.errorf(v, CodeOneOf, ep, "write sqs: {queueArn: ARN} or schedule: rate(1 hour)", "an event needs a kind (sqs or schedule)")
		}
		*dst = append(*dst, ev)
	}
}

// underAny reports whether path is, or lies under, the path of one of the
// diagnostics; a diagnostic of the whole spec (path "") covers every path.
func underAny(path string, ds diag.List) bool {
	for _, d := range ds {
		if d.Path == "" || path == d.Path || strings.HasPrefix(path, d.Path+".") || strings.HasPrefix(path, d.Path+"[") {
			return true
		}
	}
	return false
}
