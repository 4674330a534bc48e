package spec

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// decodeFile decodes the whole spec: its sections, the globals, and every
// function merged with the globals.
func (d *decoder) decodeFile(n *yaml.Node, f *File) {
	seenFunctions := false
	var globals *yaml.Node
	if n.Kind == yaml.MappingNode {
		// The globals are merged into every function, wherever they stand.
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "globals" {
				globals = n.Content[i+1]
			}
		}
	}
	d.mapping(n, "", []field{
		{"description", func(n *yaml.Node, p string) { d.str(n, p, &f.Description) }},
		{"parameters", func(n *yaml.Node, p string) {
			d.named(n, p, "parameter", func(name string, n *yaml.Node, p string) {
				f.Parameters = append(f.Parameters, d.decodeParameter(name, n, p))
			})
		}},
		{"mappings", func(n *yaml.Node, p string) {
			d.named(n, p, "mapping", func(name string, n *yaml.Node, p string) {
				body := d.data(n, p, 0)
				if !isMappingShape(body) {
					d.errorf(n, CodeValue, p, "write Key: {Name: value} for each key", "a mapping is a mapping of keys to mappings of values")
				}
				f.Mappings = append(f.Mappings, &Section{Name: name, Body: body})
			})
		}},
		{"conditions", func(n *yaml.Node, p string) {
			d.named(n, p, "condition", func(name string, n *yaml.Node, p string) {
				d.inCondition = true
				body := d.data(n, p, 0)
				d.inCondition = false
				if m, ok := body.(map[string]any); !ok || len(m) != 1 || !conditionFunctions[firstKey(m)] {
					d.errorf(n, CodeValue, p, "write !Equals [a, b], !And [...], !Or [...], !Not [...] or !Condition Name", "a condition is a condition function")
				}
				f.Conditions = append(f.Conditions, &Section{Name: name, Body: body})
			})
		}},
		{"resources", func(n *yaml.Node, p string) {
			d.named(n, p, "resource", func(name string, n *yaml.Node, p string) {
				if r := d.decodeResource(name, n, p); r != nil {
					f.Resources = append(f.Resources, r)
				}
			})
		}},
		{"outputs", func(n *yaml.Node, p string) {
			d.named(n, p, "output", func(name string, n *yaml.Node, p string) {
				o := &Output{Name: name}
				d.mapping(n, p, []field{
					{"value", func(n *yaml.Node, p string) { d.value(n, p, &o.Value) }},
					{"export", func(n *yaml.Node, p string) { d.value(n, p, &o.Export) }},
					{"description", func(n *yaml.Node, p string) { d.str(n, p, &o.Description) }},
				})
				if _, ok := d.pos[joinPath(p, "value")]; !ok && n.Kind == yaml.MappingNode {
					d.errorf(n, CodeRequired, joinPath(p, "value"), "add value: !GetAtt Resource.Attribute (or a literal)", "required field is missing")
				}
				f.Outputs = append(f.Outputs, o)
			})
		}},
		{"globals", func(n *yaml.Node, p string) {
			g := &Function{Name: "globals"}
			d.decodeGlobals(n, p, g)
			f.Globals = g
		}},
		{"functions", func(n *yaml.Node, path string) {
			seenFunctions = true
			d.named(n, path, "function", func(name string, v *yaml.Node, fp string) {
				fn := &Function{Name: name}
				d.decodeFunction(mergeGlobals(globals, v), fp, fn)
				f.Functions = append(f.Functions, fn)
			})
		}},
	})
	if n.Kind == yaml.MappingNode && !seenFunctions {
		d.errorf(n, CodeRequired, "functions", "add a functions: mapping with at least one function", "required field is missing")
	}
	f.Refs = d.refs
}

// named decodes a mapping of names to entries, refusing duplicate names.
func (d *decoder) named(n *yaml.Node, path, what string, entry func(name string, n *yaml.Node, path string)) {
	if !d.checkTag(n, path) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeType, path, "", "expected a mapping of %s names to %ss, got %s", what, what, kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		fp := joinPath(path, k.Value)
		d.pos[fp] = d.at(k)
		if k.Kind != yaml.ScalarNode || !d.checkTag(k, fp) {
			continue
		}
		if seen[k.Value] {
			d.errorf(k, CodeDuplicateKey, fp, "give each "+what+" its own name", "duplicate %s name %q", what, k.Value)
			continue
		}
		seen[k.Value] = true
		entry(k.Value, v, fp)
	}
}

// globalFields are the fields globals may set, merged into every function
// as SAM merges Globals.
var globalFields = []string{"runtime", "handler", "memorySize", "timeout", "architecture", "environment", "tags",
	"layers", "tracing", "vpc", "logs", "alias", "durable"}

// GlobalFields lists the fields of globals, for the schema and the docs.
func GlobalFields() []string { return append([]string(nil), globalFields...) }

func (d *decoder) decodeGlobals(n *yaml.Node, path string, g *Function) {
	all := d.functionFields(g)
	var fields []field
	for _, f := range all {
		for _, name := range globalFields {
			if f.name == name {
				fields = append(fields, f)
			}
		}
	}
	// Only the retention of the durable config is shared: the execution
	// timeout belongs to each workflow.
	for i := range fields {
		if fields[i].name == "durable" {
			fields[i].decode = func(n *yaml.Node, p string) {
				g.Durable = &Durable{ExecutionTimeout: -1, RetentionDays: -1}
				d.mapping(n, p, []field{
					{"retentionDays", func(n *yaml.Node, p string) { d.integer(n, p, &g.Durable.RetentionDays) }},
				})
			}
		}
	}
	d.mapping(n, path, fields)
}

// mergeGlobals merges the globals into a function the way SAM merges
// Globals: mappings key by key (the function's keys win), lists
// concatenated (the globals' items first), any other value replaced by the
// function's. The durable block is merged only into durable functions.
func mergeGlobals(globals, fn *yaml.Node) *yaml.Node {
	if globals == nil || globals.Kind != yaml.MappingNode || fn.Kind != yaml.MappingNode {
		return fn
	}
	has := func(key string) bool {
		for i := 0; i+1 < len(fn.Content); i += 2 {
			if fn.Content[i].Value == key {
				return true
			}
		}
		return false
	}
	g := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(globals.Content); i += 2 {
		if globals.Content[i].Value == "durable" && !has("durable") {
			continue
		}
		g.Content = append(g.Content, globals.Content[i], globals.Content[i+1])
	}
	return mergeNodes(g, fn)
}

func mergeNodes(g, l *yaml.Node) *yaml.Node {
	switch {
	case g.Kind == yaml.MappingNode && l.Kind == yaml.MappingNode && g.Tag == "!!map" && l.Tag == "!!map":
		out := &yaml.Node{Kind: yaml.MappingNode, Tag: l.Tag, Line: l.Line, Column: l.Column}
		local := map[string]*yaml.Node{}
		for i := 0; i+1 < len(l.Content); i += 2 {
			local[l.Content[i].Value] = l.Content[i+1]
		}
		for i := 0; i+1 < len(g.Content); i += 2 {
			k, v := g.Content[i], g.Content[i+1]
			if lv, ok := local[k.Value]; ok {
				v = mergeNodes(v, lv)
				delete(local, k.Value)
				// The function's own key, so that positions point at it.
				for j := 0; j+1 < len(l.Content); j += 2 {
					if l.Content[j].Value == k.Value {
						k = l.Content[j]
					}
				}
			}
			out.Content = append(out.Content, k, v)
		}
		for i := 0; i+1 < len(l.Content); i += 2 {
			if _, ok := local[l.Content[i].Value]; ok {
				out.Content = append(out.Content, l.Content[i], l.Content[i+1])
			}
		}
		return out
	case g.Kind == yaml.SequenceNode && l.Kind == yaml.SequenceNode && g.Tag == "!!seq" && l.Tag == "!!seq":
		out := &yaml.Node{Kind: yaml.SequenceNode, Tag: l.Tag, Line: l.Line, Column: l.Column}
		out.Content = append(append(out.Content, g.Content...), l.Content...)
		return out
	}
	return l
}

func (d *decoder) decodeParameter(name string, n *yaml.Node, path string) *Parameter {
	p := &Parameter{Name: name}
	optInt := func(dst **int) func(n *yaml.Node, p string) {
		return func(n *yaml.Node, p string) {
			var v int
			if d.integer(n, p, &v) {
				*dst = &v
			}
		}
	}
	d.mapping(n, path, []field{
		{"type", func(n *yaml.Node, fp string) { d.str(n, fp, &p.Type) }},
		{"description", func(n *yaml.Node, fp string) { d.str(n, fp, &p.Description) }},
		{"default", func(n *yaml.Node, fp string) { p.Default = d.plainScalar(n, fp) }},
		{"allowedValues", func(n *yaml.Node, fp string) {
			d.list(n, fp, func(n *yaml.Node, ip string) { p.AllowedValues = append(p.AllowedValues, d.plainScalar(n, ip)) })
		}},
		{"allowedPattern", func(n *yaml.Node, fp string) { d.str(n, fp, &p.AllowedPattern) }},
		{"constraintDescription", func(n *yaml.Node, fp string) { d.str(n, fp, &p.ConstraintDescription) }},
		{"minLength", optInt(&p.MinLength)},
		{"maxLength", optInt(&p.MaxLength)},
		{"minValue", optInt(&p.MinValue)},
		{"maxValue", optInt(&p.MaxValue)},
		{"noEcho", func(n *yaml.Node, fp string) { d.boolean(n, fp, &p.NoEcho) }},
	})
	if p.Type == "" {
		p.Type = "String"
	}
	return p
}

// plainScalar decodes a parameter's default or allowed value: a string or a
// number, never an intrinsic function (CloudFormation refuses them there).
func (d *decoder) plainScalar(n *yaml.Node, path string) any {
	if !d.checkTag(n, path) {
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, CodeType, path, "", "expected a string or a number, got %s", kindName(n))
		return nil
	}
	return n.Value
}

// resourceKeys are the attributes a resource of the spec may have.
var resourceKeys = []string{"Type", "Properties", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Condition",
	"Metadata", "UpdatePolicy", "CreationPolicy"}

func (d *decoder) decodeResource(name string, n *yaml.Node, path string) *Resource {
	if !d.checkTag(n, path) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeType, path, "write Type: and Properties: as in CloudFormation", "expected a resource (a mapping), got %s", kindName(n))
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		found := false
		for _, rk := range resourceKeys {
			found = found || rk == k.Value
		}
		if !found {
			d.errorf(k, CodeUnknownField, joinPath(path, k.Value), unknownFix(k.Value, resourceKeys), "unknown resource attribute %q", k.Value)
		}
		d.pos[joinPath(path, k.Value)] = d.at(n.Content[i+1])
	}
	body, _ := d.data(n, path, 0).(map[string]any)
	if body == nil {
		return nil
	}
	typ, isString := body["Type"].(string)
	switch {
	case body["Type"] != nil && !isString:
		d.errorf(n, CodeValue, joinPath(path, "Type"), "write the type itself, such as AWS::SNS::Topic", "a resource's Type is a name, not an intrinsic function")
		return nil
	case typ == "":
		d.errorf(n, CodeRequired, joinPath(path, "Type"), "add Type: AWS::DynamoDB::Table (or another resource type)", "a resource needs a Type")
		return nil
	case strings.HasPrefix(typ, "AWS::Serverless::"):
		d.errorf(n, CodeValue, joinPath(path, "Type"), "write the function under functions:, or use the CloudFormation resource type",
			"%s is a SAM type: resources are written to CloudFormation as they are, where SAM types do not exist", typ)
		return nil
	case len(strings.Split(typ, "::")) < 3 && !strings.HasPrefix(typ, "Custom::"):
		d.errorf(n, CodeValue, joinPath(path, "Type"), "write Service::Provider::Resource, such as AWS::SNS::Topic", "%q is not a resource type", typ)
		return nil
	}
	return &Resource{Name: name, Type: typ, Body: body}
}

func (d *decoder) decodePolicies(n *yaml.Node, path string, dst *[]Policy) {
	d.list(n, path, func(n *yaml.Node, p string) {
		var pol Policy
		switch {
		case n.Kind == yaml.ScalarNode || isIntrinsicNode(n):
			d.value(n, p, &pol.ManagedArn)
		case n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if !containsString(statementKeys, k.Value) {
					fix := unknownFix(k.Value, statementKeys)
					if k.Value == "Principal" || k.Value == "NotPrincipal" {
						fix = "remove it: a statement on an execution role applies to the role itself"
					}
					d.errorf(k, CodeUnknownField, joinPath(p, k.Value), fix, "unknown statement field %q", k.Value)
				}
				kp, v := joinPath(p, k.Value), n.Content[i+1]
				d.pos[kp] = d.at(v)
				if v.Kind == yaml.SequenceNode {
					// Validation names the items of Action, Resource ….
					for j, item := range v.Content {
						d.pos[fmt.Sprintf("%s[%d]", kp, j)] = d.at(item)
					}
				}
			}
			pol.Statement, _ = d.data(n, p, 0).(map[string]any)
		default:
			d.errorf(n, CodeType, p, "write a managed policy ARN or a statement {Action: ..., Resource: ...}", "expected a policy ARN or a statement, got %s", kindName(n))
		}
		*dst = append(*dst, pol)
	})
}

// statementKeys are the fields of an IAM statement in a function's policies.
var statementKeys = []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func firstKey(m map[string]any) string {
	for k := range m {
		return k
	}
	return ""
}

// isMappingShape reports whether v is a mapping of keys to mappings of
// values, as CloudFormation's Mappings are.
func isMappingShape(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return false
	}
	for _, inner := range m {
		if im, ok := inner.(map[string]any); !ok || len(im) == 0 {
			return false
		}
	}
	return true
}
