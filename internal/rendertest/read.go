// Package rendertest reads rendered templates back into plain data, for
// tests that check what the renderers write: YAML through yaml.v3 with the
// short-form tags resolved to long-form intrinsics, JSON with numbers kept
// as written. It is strict: anchors, aliases, duplicate keys, unknown tags
// and scalars of other types are errors, since the formatter never writes
// them.
package rendertest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// ReadJSON reads JSON into plain data, numbers as json.Number.
func ReadJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("data after the template")
	}
	return v, nil
}

// longForms maps the short-form tags the formatter writes to their
// intrinsic functions.
var longForms = map[string]string{
	"!Ref": "Ref", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
	"!Equals": "Fn::Equals", "!If": "Fn::If", "!Not": "Fn::Not", "!And": "Fn::And", "!Or": "Fn::Or",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!GetAZs": "Fn::GetAZs", "!ImportValue": "Fn::ImportValue",
	"!FindInMap": "Fn::FindInMap", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!Length": "Fn::Length",
	"!ToJsonString": "Fn::ToJsonString",
}

// ReadYAML reads YAML into plain data with yaml.v3, resolving the
// short-form tags to long-form maps; numbers keep their digits as
// json.Number. Aliases, duplicate keys, unknown tags and scalars of other
// types (timestamps, binary) are errors: the formatter never writes them.
func ReadYAML(data []byte) (any, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("more than one document (%v)", err)
	}
	if len(doc.Content) != 1 {
		return nil, fmt.Errorf("empty document")
	}
	return fromNode(doc.Content[0])
}

func fromNode(n *yaml.Node) (any, error) {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return nil, fmt.Errorf("line %d: anchor or alias", n.Line)
	}
	if fn, ok := longForms[n.Tag]; ok {
		if n.Kind == yaml.ScalarNode {
			if fn == "Fn::GetAtt" {
				a, b, found := strings.Cut(n.Value, ".")
				if !found {
					return nil, fmt.Errorf("line %d: !GetAtt %q without a dot", n.Line, n.Value)
				}
				return map[string]any{fn: []any{a, b}}, nil
			}
			return map[string]any{fn: n.Value}, nil
		}
		plain := *n
		plain.Tag = ""
		arg, err := fromNode(&plain)
		if err != nil {
			return nil, err
		}
		return map[string]any{fn: arg}, nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
				return nil, fmt.Errorf("line %d: key of tag %s", k.Line, k.ShortTag())
			}
			if _, dup := m[k.Value]; dup {
				return nil, fmt.Errorf("line %d: duplicate key %q", k.Line, k.Value)
			}
			v, err := fromNode(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := fromNode(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return n.Value, nil
		case "!!int", "!!float":
			return json.Number(n.Value), nil
		case "!!bool":
			switch n.Value {
			case "true":
				return true, nil
			case "false":
				return false, nil
			}
		case "!!null":
			if n.Value == "null" {
				return nil, nil
			}
		}
		return nil, fmt.Errorf("line %d: scalar %q of tag %s", n.Line, n.Value, n.ShortTag())
	}
	return nil, fmt.Errorf("line %d: node of kind %v", n.Line, n.Kind)
}

// Equal compares template data a renderer built (want: maps, lists,
// strings, json.Number, Go integers, bools, nil) with what was read back
// (got: ReadYAML's or ReadJSON's), and names the first difference by its
// path. A number is equal when it has the same digits: json.Number as
// written, a Go integer in decimal. Nothing else is loosened.
func Equal(want, got any) error { return equal(want, got, "") }

func equal(want, got any, path string) error {
	at := path
	if at == "" {
		at = "the top level"
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want a mapping, got %#v", at, got)
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s: key %q is missing", at, k)
			}
			if err := equal(wv, gv, joinPath(path, k)); err != nil {
				return err
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				return fmt.Errorf("%s: key %q was not in the template", at, k)
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Errorf("%s: want a list of %d, got %#v", at, len(w), got)
		}
		for i := range w {
			if err := equal(w[i], g[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case json.Number:
		if g, ok := got.(json.Number); !ok || g != w {
			return fmt.Errorf("%s: want the number %s, got %#v", at, w, got)
		}
		return nil
	case int, int64, int32, uint, uint64, uint32:
		if g, ok := got.(json.Number); !ok || string(g) != fmt.Sprint(w) {
			return fmt.Errorf("%s: want the number %v, got %#v", at, w, got)
		}
		return nil
	case string, bool, nil:
		if got != want {
			return fmt.Errorf("%s: want %#v, got %#v", at, want, got)
		}
		return nil
	}
	return fmt.Errorf("%s: the template holds a %T, which is not plain data", at, want)
}

func joinPath(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
