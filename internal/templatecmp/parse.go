package templatecmp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"gopkg.in/yaml.v3"
)

// Template is a parsed CloudFormation template held as plain data: maps with
// string keys, lists, strings, int64, float64, bool and nil. Intrinsic
// functions are always in their long form ({"Ref": "X"}, {"Fn::GetAtt": ["A",
// "B"]}, …), whatever form the source used. A Template is immutable: Normalize
// returns a new one.
type Template struct {
	root map[string]any
}

// shortTags maps the YAML short-form intrinsic tags to their long-form keys.
var shortTags = map[string]string{
	"!And":          "Fn::And",
	"!Base64":       "Fn::Base64",
	"!Cidr":         "Fn::Cidr",
	"!Condition":    "Condition",
	"!Contains":     "Fn::Contains",
	"!Equals":       "Fn::Equals",
	"!FindInMap":    "Fn::FindInMap",
	"!ForEach":      "Fn::ForEach",
	"!GetAZs":       "Fn::GetAZs",
	"!GetAtt":       "Fn::GetAtt",
	"!If":           "Fn::If",
	"!ImportValue":  "Fn::ImportValue",
	"!Join":         "Fn::Join",
	"!Length":       "Fn::Length",
	"!Not":          "Fn::Not",
	"!Or":           "Fn::Or",
	"!Ref":          "Ref",
	"!Select":       "Fn::Select",
	"!Split":        "Fn::Split",
	"!Sub":          "Fn::Sub",
	"!ToJsonString": "Fn::ToJsonString",
	"!Transform":    "Fn::Transform",
}

// Parse reads a CloudFormation template written in YAML (short-form intrinsic
// tags such as !Ref, !Sub, !GetAtt allowed) or JSON. Short forms are turned into
// the long form, so `!GetAtt Fn.Arn` and `{"Fn::GetAtt": ["Fn", "Arn"]}` parse to
// the same value. Duplicate keys and unknown tags are errors.
func Parse(data []byte) (Template, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Template{}, fmt.Errorf("parsing template: %w", err)
	}
	if doc.Kind == 0 {
		return Template{}, fmt.Errorf("parsing template: empty document")
	}
	v, err := fromNode(&doc, "")
	if err != nil {
		return Template{}, fmt.Errorf("parsing template: %w", err)
	}
	root, ok := v.(map[string]any)
	if !ok {
		return Template{}, fmt.Errorf("parsing template: top level is %s, want a mapping", kindName(v))
	}
	return Template{root: root}, nil
}

// FromValue builds a Template from decoded data, such as the result of
// json.Unmarshal into a map. The value is copied and checked to hold only
// maps, lists and scalars.
func FromValue(v map[string]any) (Template, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return Template{}, fmt.Errorf("encoding template value: %w", err)
	}
	return Parse(data)
}

// Value returns a deep copy of the template as plain data (maps, lists,
// scalars), for tests that want to inspect or mutate it.
func (t Template) Value() map[string]any {
	if t.root == nil {
		return map[string]any{}
	}
	return deepCopy(t.root).(map[string]any)
}

// JSON returns the template as indented JSON with long-form intrinsics and
// keys in alphabetical order.
func (t Template) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t.Value()); err != nil {
		return nil, fmt.Errorf("encoding template as JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// ResourceType returns the Type of the resource with the given logical id, or
// "" when there is no such resource.
func (t Template) ResourceType(logicalID string) string {
	r, _ := resources(t.root)[logicalID].(map[string]any)
	s, _ := r["Type"].(string)
	return s
}

func fromNode(n *yaml.Node, path string) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, fmt.Errorf("empty document")
		}
		return fromNode(n.Content[0], path)
	case yaml.AliasNode:
		return fromNode(n.Alias, path)
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		fn, ok := shortTags[n.Tag]
		if !ok {
			return nil, fmt.Errorf("line %d: %s: unknown tag %s", n.Line, pathOrRoot(path), n.Tag)
		}
		var body any
		if n.Kind == yaml.ScalarNode {
			// The body of a tagged scalar has no type of its own: it is a string.
			body = n.Value
			if fn == "Fn::GetAtt" {
				id, attr, ok := strings.Cut(n.Value, ".")
				if !ok {
					return nil, fmt.Errorf("line %d: %s: !GetAtt %q is not of the form Resource.Attribute", n.Line, pathOrRoot(path), n.Value)
				}
				body = []any{id, attr}
			}
		} else {
			plain := *n
			plain.Tag = ""
			var err error
			if body, err = fromNode(&plain, path+"."+fn); err != nil {
				return nil, err
			}
		}
		return map[string]any{fn: body}, nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, vn := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("line %d: %s: mapping key is not a scalar", k.Line, pathOrRoot(path))
			}
			if k.Value == "<<" && k.Tag == "!!merge" {
				return nil, fmt.Errorf("line %d: %s: YAML merge keys are not supported", k.Line, pathOrRoot(path))
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: %s: duplicate key %q", k.Line, pathOrRoot(path), k.Value)
			}
			v, err := fromNode(vn, joinPath(path, k.Value))
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			v, err := fromNode(c, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil, fmt.Errorf("line %d: %s: unsupported YAML node", n.Line, pathOrRoot(path))
}

// scalar decodes a plain scalar. Timestamps (Version: 2012-10-17) stay strings,
// as CloudFormation reads them; integral floats become integers, so 1.0 and 1
// are the same number.
func scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return i, nil
		}
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return canonicalNumber(f), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("line %d: %w", n.Line, err)
		}
		return canonicalNumber(f), nil
	default: // !!str, !!timestamp, !!binary
		return n.Value, nil
	}
}

func canonicalNumber(f float64) any {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f)
	}
	return f
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func pathOrRoot(path string) string {
	if path == "" {
		return "(top level)"
	}
	return path
}

func kindName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

// deepCopy copies plain data.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	case float64:
		return canonicalNumber(x)
	case int:
		return int64(x)
	}
	return v
}

// canon renders a value as compact JSON with sorted keys: the identity used to
// sort and compare list items.
func canon(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// show renders a value for a difference message, as compact JSON.
func show(v any) string { return canon(v) }

func resources(root map[string]any) map[string]any {
	r, _ := root["Resources"].(map[string]any)
	return r
}
