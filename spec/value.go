package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

// Value is a property value as the user wrote it: a literal string, or a
// CloudFormation intrinsic function. A value is carried to every output as
// it came — a string stays that string, an intrinsic stays that intrinsic —
// and is never re-guessed from its shape.
type Value struct {
	// Lit is the literal text, when Fn is nil.
	Lit string
	// Fn is an intrinsic function in long form, as plain data: a map with
	// one key ("Ref", "Fn::GetAtt", "Fn::Sub" …) whose value holds strings,
	// json.Number, bools, nil, []any and map[string]any.
	Fn map[string]any
}

// Lit returns a literal value.
func Lit(s string) Value { return Value{Lit: s} }

// IsZero reports whether the value is the empty literal.
func (v Value) IsZero() bool { return v.Fn == nil && v.Lit == "" }

// IsLiteral reports whether the value is a literal string.
func (v Value) IsLiteral() bool { return v.Fn == nil }

// Data returns the value as plain template data: the string, or the
// intrinsic's map.
func (v Value) Data() any {
	if v.Fn != nil {
		return v.Fn
	}
	return v.Lit
}

// String writes the value for messages.
func (v Value) String() string {
	if v.Fn == nil {
		return v.Lit
	}
	b, _ := json.Marshal(v.Fn)
	return string(b)
}

// Intrinsics maps the YAML short forms to CloudFormation's intrinsic
// functions that a spec may use.
var Intrinsics = map[string]string{
	"!Ref": "Ref", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!ImportValue": "Fn::ImportValue",
	"!FindInMap": "Fn::FindInMap", "!If": "Fn::If", "!Base64": "Fn::Base64",
	"!GetAZs": "Fn::GetAZs", "!Cidr": "Fn::Cidr", "!Equals": "Fn::Equals", "!Not": "Fn::Not",
	"!And": "Fn::And", "!Or": "Fn::Or", "!Condition": "Condition",
}

// conditionFunctions are the intrinsics that only conditions (and the
// conditions of !If) may use.
var conditionFunctions = map[string]bool{"Fn::Equals": true, "Fn::Not": true, "Fn::And": true, "Fn::Or": true, "Condition": true}

// isIntrinsicKey reports whether a mapping key names an intrinsic function
// in long form. {Condition: X} is read as a condition reference only in
// conditions (where d.inCondition is set): elsewhere it is a property.
func isIntrinsicKey(k string) bool {
	if k == "Ref" {
		return true
	}
	if !strings.HasPrefix(k, "Fn::") {
		return false
	}
	for _, fn := range Intrinsics {
		if fn == k {
			return true
		}
	}
	return false
}

// MaxDataDepth bounds the nesting of raw CloudFormation data (resources,
// statements, outputs) in a spec.
const MaxDataDepth = 64

// RefUse is one name an intrinsic refers to, with where it stands.
type RefUse struct {
	// Kind is "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::FindInMap" or "Condition".
	Kind string
	// Name is the logical name referred to; Attr the attribute of a GetAtt
	// (or of a ${Name.Attr} in a Sub).
	Name, Attr string
	// Locals are the variables a two-argument Sub defines, which its
	// placeholders may name.
	Locals map[string]bool
	Path   string
	Pos    diag.Pos
}

// data converts a YAML node to plain template data, turning short-form
// intrinsics into their long form and recording every name they refer to.
func (d *decoder) data(n *yaml.Node, path string, depth int) any {
	if depth > MaxDataDepth {
		d.errorf(n, CodeType, path, "flatten the value", "nested more than %d levels", MaxDataDepth)
		return nil
	}
	if fn, ok := Intrinsics[n.Tag]; ok {
		return d.intrinsic(n, fn, path, depth)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return d.scalarData(n, path)
	case yaml.SequenceNode:
		if n.Tag != "!!seq" {
			d.badTag(n, path)
			return nil
		}
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			ip := fmt.Sprintf("%s[%d]", path, i)
			d.pos[ip] = d.at(c)
			out = append(out, d.data(c, ip, depth+1))
		}
		return out
	case yaml.MappingNode:
		if n.Tag != "!!map" {
			d.badTag(n, path)
			return nil
		}
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.Tag != "!!int") {
				d.errorf(k, CodeType, path, "write the key as plain text", "a mapping key must be a string, got %s", kindName(k))
				continue
			}
			kp := joinPath(path, k.Value)
			if _, dup := out[k.Value]; dup {
				d.errorf(k, CodeDuplicateKey, kp, "remove one of the two", "duplicate key %q", k.Value)
				continue
			}
			if len(n.Content) == 2 && (isIntrinsicKey(k.Value) || d.inCondition && k.Value == "Condition") {
				return d.intrinsicArgs(k, k.Value, v, path, depth)
			}
			if len(n.Content) == 2 && isLanguageExtension(k.Value) {
				d.languageExtension(k, k.Value, path)
				return nil
			}
			d.pos[kp] = d.at(v)
			out[k.Value] = d.data(v, kp, depth+1)
		}
		return out
	}
	d.errorf(n, CodeType, path, "", "unexpected %s", kindName(n))
	return nil
}

func (d *decoder) badTag(n *yaml.Node, path string) {
	if _, ok := languageExtensions[n.Tag]; ok {
		d.languageExtension(n, n.Tag, path)
		return
	}
	d.errorf(n, CodeTag, path, "use an intrinsic function (!Ref, !GetAtt, !Sub, !Join, …) or quote the text", "the YAML tag %s is not supported", n.Tag)
}

// languageExtensions are the intrinsic functions that only the
// AWS::LanguageExtensions transform defines, by their short form. A
// template without the transform is refused where one appears, and
// durablefn adds no transform (SAM's own aside).
var languageExtensions = map[string]string{"!ToJsonString": "Fn::ToJsonString", "!Length": "Fn::Length"}

// isLanguageExtension reports whether a mapping key is the long form of a
// function of languageExtensions.
func isLanguageExtension(k string) bool {
	for _, fn := range languageExtensions {
		if fn == k {
			return true
		}
	}
	return false
}

// languageExtension refuses a function of languageExtensions, as written,
// saying why.
func (d *decoder) languageExtension(n *yaml.Node, written, path string) {
	d.errorf(n, CodeTag, path, "write the value itself (the JSON text, the count), or build it with !Join or !Sub",
		"%s needs the AWS::LanguageExtensions transform, which durablefn does not add to the template: without it CloudFormation refuses the function", written)
}

// scalarData converts a scalar to a string, json.Number, bool or nil as
// YAML typed it. Numbers keep the text written when JSON can carry it.
func (d *decoder) scalarData(n *yaml.Node, path string) any {
	switch n.Tag {
	case "!!str", "!!timestamp":
		return n.Value
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int":
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err != nil {
			d.errorf(n, CodeType, path, "quote it to keep it as text", "%s is not an integer in range", n.Value)
			return nil
		}
		return json.Number(strconv.FormatInt(v, 10))
	case "!!float":
		v, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			d.errorf(n, CodeType, path, "quote it to keep it as text", "%s is not a number CloudFormation can carry", n.Value)
			return nil
		}
		if json.Valid([]byte(n.Value)) {
			return json.Number(n.Value)
		}
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64))
	}
	d.badTag(n, path)
	return nil
}

// intrinsic converts a short-form intrinsic (!Ref X, !GetAtt A.B, !Sub s …).
func (d *decoder) intrinsic(n *yaml.Node, fn, path string, depth int) any {
	// The argument is the node itself with its tag taken off.
	arg := *n
	switch n.Kind {
	case yaml.ScalarNode:
		arg.Tag = "!!str"
		if fn == "Fn::GetAtt" {
			res, attr, ok := strings.Cut(n.Value, ".")
			if !ok || res == "" || attr == "" {
				d.errorf(n, CodeIntrinsic, path, "write !GetAtt Resource.Attribute", "!GetAtt %q names no attribute", n.Value)
				return nil
			}
			d.refs = append(d.refs, RefUse{Kind: fn, Name: res, Attr: attr, Path: path, Pos: d.at(n)})
			return map[string]any{fn: []any{res, attr}}
		}
	case yaml.SequenceNode:
		arg.Tag = "!!seq"
	case yaml.MappingNode:
		arg.Tag = "!!map"
	}
	return d.intrinsicArgs(n, fn, &arg, path, depth)
}

// intrinsicArgs converts the argument of an intrinsic and records the names
// it refers to. at is where the function is written.
func (d *decoder) intrinsicArgs(at *yaml.Node, fn string, argNode *yaml.Node, path string, depth int) any {
	before := len(d.diags)
	arg := d.data(argNode, path, depth+1)
	// An argument already refused is not refused again for its shape.
	nested := len(d.diags) > before
	pos := d.at(at)
	str := func() (string, bool) { s, ok := arg.(string); return s, ok }
	switch fn {
	case "Ref", "Condition":
		s, ok := str()
		if !ok || s == "" {
			d.errorf(at, CodeIntrinsic, path, "write !Ref Name", "%s takes a name", shortName(fn))
			return nil
		}
		d.refs = append(d.refs, RefUse{Kind: fn, Name: s, Path: path, Pos: pos})
	case "Fn::GetAtt":
		var res, attr string
		switch a := arg.(type) {
		case string:
			res, attr, _ = strings.Cut(a, ".")
		case []any:
			if len(a) == 2 {
				res, _ = a[0].(string)
				attr, _ = a[1].(string)
			}
		}
		if res == "" || attr == "" {
			d.errorf(at, CodeIntrinsic, path, "write !GetAtt Resource.Attribute", "!GetAtt takes a resource and an attribute")
			return nil
		}
		arg = []any{res, attr}
		d.refs = append(d.refs, RefUse{Kind: fn, Name: res, Attr: attr, Path: path, Pos: pos})
	case "Fn::Sub":
		var tmpl string
		locals := map[string]bool{}
		switch a := arg.(type) {
		case string:
			tmpl = a
		case []any:
			if len(a) == 2 {
				tmpl, _ = a[0].(string)
				if vars, ok := a[1].(map[string]any); ok {
					for k := range vars {
						locals[k] = true
					}
				}
			}
		}
		if tmpl == "" {
			d.errorf(at, CodeIntrinsic, path, "write !Sub 'text ${Name}' or !Sub ['text ${x}', {x: value}]", "!Sub takes a string, or a string and a mapping of variables")
			return nil
		}
		for _, m := range facts.SubPlaceholderPattern.FindAllStringSubmatch(tmpl, -1) {
			name, attr, _ := strings.Cut(m[1], ".")
			if strings.HasPrefix(m[1], "AWS::") {
				name, attr = m[1], ""
			}
			d.refs = append(d.refs, RefUse{Kind: fn, Name: name, Attr: attr, Locals: locals, Path: path, Pos: pos})
		}
	case "Fn::FindInMap":
		if a, ok := arg.([]any); ok && len(a) >= 3 {
			if m, ok := a[0].(string); ok {
				d.refs = append(d.refs, RefUse{Kind: fn, Name: m, Path: path, Pos: pos})
			}
		} else {
			d.errorf(at, CodeIntrinsic, path, "write !FindInMap [Mapping, Key, Name]", "!FindInMap takes a mapping, a key and a name")
			return nil
		}
	case "Fn::If":
		if a, ok := arg.([]any); ok && len(a) == 3 {
			if c, ok := a[0].(string); ok {
				d.refs = append(d.refs, RefUse{Kind: "Condition", Name: c, Path: path, Pos: pos})
			}
		} else {
			d.errorf(at, CodeIntrinsic, path, "write !If [Condition, value-if-true, value-if-false]", "!If takes a condition and two values")
			return nil
		}
	case "Fn::Join", "Fn::Select", "Fn::Split":
		a, ok := arg.([]any)
		if !ok || len(a) != 2 {
			d.errorf(at, CodeIntrinsic, path, argsFix[fn], "%s takes a list of two items", shortName(fn))
			return nil
		}
		if !nested && !d.pairArgs(at, fn, a, path) {
			return nil
		}
	case "Fn::ImportValue", "Fn::Base64":
		if s, isStr := arg.(string); !nested && (isStr && s == "" || !isStr && (!IsIntrinsic(arg) || returnsList(arg))) {
			d.errorf(at, CodeIntrinsic, path, argsFix[fn], "%s takes a string, or an intrinsic function that returns one; got %s", shortName(fn), describeArg(arg))
			return nil
		}
	}
	return map[string]any{fn: arg}
}

// argsFix shows the argument of an intrinsic function written right (a
// YAML node takes one tag: an intrinsic inside a short form's only
// argument is written in long form).
var argsFix = map[string]string{
	"Fn::Join":        "write !Join [',', [a, b]] or !Join [',', !Ref ListParameter]",
	"Fn::Select":      "write !Select [0, [a, b]] or !Select [0, !Split [',', !Ref Text]]",
	"Fn::Split":       "write !Split [',', 'a,b'] or !Split [',', !Ref Text]",
	"Fn::ImportValue": "write !ImportValue export-name or !ImportValue {Fn::Sub: '${Stage}-export-name'}",
	"Fn::Base64":      "write !Base64 text or !Base64 {Fn::Sub: '...'}",
}

// pairArgs checks the two arguments of !Join, !Select and !Split, as
// CloudFormation reads them: !Join [delimiter, list], !Select [index,
// list], !Split [delimiter, string]. Each may be an intrinsic function,
// of the right kind: a list where a list is taken, a string where a string
// is.
func (d *decoder) pairArgs(at *yaml.Node, fn string, a []any, path string) bool {
	first, second := a[0], a[1]
	_, firstStr := first.(string)
	_, secondList := second.([]any)
	var wrong string
	switch fn {
	case "Fn::Join", "Fn::Split":
		if !firstStr {
			wrong = fmt.Sprintf("the delimiter is a string; got %s", describeArg(first))
			break
		}
		if fn == "Fn::Join" && !secondList && !IsIntrinsic(second) {
			wrong = fmt.Sprintf("the second item is the list to join (or an intrinsic function that returns one); got %s", describeArg(second))
		}
		if _, isStr := second.(string); fn == "Fn::Split" && !isStr && (!IsIntrinsic(second) || returnsList(second)) {
			wrong = fmt.Sprintf("the second item is the string to split (or an intrinsic function that returns one); got %s", describeArg(second))
		}
	case "Fn::Select":
		if !isIndex(first) {
			wrong = fmt.Sprintf("the index is an integer from 0, a string of digits or an intrinsic function; got %s", describeArg(first))
		} else if !secondList && !IsIntrinsic(second) {
			wrong = fmt.Sprintf("the second item is the list to pick from (or an intrinsic function that returns one); got %s", describeArg(second))
		}
	}
	if wrong != "" {
		d.errorf(at, CodeIntrinsic, path, argsFix[fn], "%s: %s", shortName(fn), wrong)
		return false
	}
	return true
}

// isIndex reports whether v can be the index of !Select: a whole number
// from 0, written as a number or a string of digits, or an intrinsic
// function (a parameter, a mapping's value).
func isIndex(v any) bool {
	switch x := v.(type) {
	case json.Number:
		return digitsRE.MatchString(string(x))
	case string:
		return digitsRE.MatchString(x)
	}
	return IsIntrinsic(v)
}

// listFunctions are the intrinsic functions that return a list.
var listFunctions = map[string]bool{"Fn::GetAZs": true, "Fn::Cidr": true, "Fn::Split": true}

// returnsList reports whether data is an intrinsic function that returns a
// list: !GetAZs, !Cidr, !Split, or an !If with a list (or such a function)
// in a branch. A !Ref of a list parameter returns one too, which only the
// parameter's type tells.
func returnsList(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for fn, arg := range m {
		if listFunctions[fn] {
			return true
		}
		if a, ok := arg.([]any); ok && fn == "Fn::If" && len(a) == 3 {
			for _, branch := range a[1:] {
				if _, isList := branch.([]any); isList || returnsList(branch) {
					return true
				}
			}
		}
	}
	return false
}

// describeArg names the kind of an intrinsic's argument for messages: the
// function's tag for an intrinsic, the kind of data otherwise.
func describeArg(v any) string {
	if IsIntrinsic(v) {
		for fn := range v.(map[string]any) {
			return shortName(fn)
		}
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf("the string %q", s)
	}
	return describeData(v)
}

// shortName writes an intrinsic function as its YAML tag.
func shortName(fn string) string {
	for tag, f := range Intrinsics {
		if f == fn {
			return tag
		}
	}
	return fn
}

// value decodes a field that takes one string: a literal, or an intrinsic
// function that returns a string.
func (d *decoder) value(n *yaml.Node, path string, dst *Value) {
	m, isFn := d.intrinsicValue(n, path)
	switch {
	case !isFn:
		var s string
		if d.str(n, path, &s) {
			dst.Lit = s
		}
	case returnsList(m):
		fn := firstKey(m)
		what := shortName(fn) + " returns a list"
		if fn == "Fn::If" {
			what = "!If has a list in a branch"
		}
		d.errorf(n, CodeIntrinsic, path, "pick one item with !Select [0, ...], or join them with !Join [',', ...]",
			"%s: %s takes one string", what, lastField(path))
		dst.Fn = m // kept, so that no "required" follows
	case m != nil:
		dst.Fn = m
	}
}

// intrinsicValue decodes a field's value when it is an intrinsic function,
// short form or long: it returns the function (nil when it was refused)
// and whether the value is one. A condition function is refused: it is
// valid only in conditions.
// isIntrinsicNode reports whether a node is an intrinsic function: a short
// form tag (!Ref …) or a long-form mapping of one key (Ref, Fn::…).
func isIntrinsicNode(n *yaml.Node) bool {
	if _, tagged := Intrinsics[n.Tag]; tagged {
		return true
	}
	return n.Kind == yaml.MappingNode && len(n.Content) == 2 && isIntrinsicKey(n.Content[0].Value)
}

func (d *decoder) intrinsicValue(n *yaml.Node, path string) (map[string]any, bool) {
	fn, tagged := Intrinsics[n.Tag]
	keyNode := n
	if !tagged && n.Kind == yaml.MappingNode && len(n.Content) == 2 && isLanguageExtension(n.Content[0].Value) {
		d.languageExtension(n.Content[0], n.Content[0].Value, path)
		return nil, true
	}
	if !tagged && n.Kind == yaml.MappingNode && len(n.Content) == 2 && isIntrinsicKey(n.Content[0].Value) {
		fn, keyNode = n.Content[0].Value, n.Content[0]
	} else if !tagged {
		return nil, false
	}
	if conditionFunctions[fn] {
		written := n.Tag
		if !tagged {
			written = fn
		}
		d.errorf(n, CodeTag, path, "define a condition under conditions: and write !If [Condition, value-if-true, value-if-false]",
			"%s is a condition function: CloudFormation takes it only in conditions", written)
		return nil, true
	}
	var out any
	if tagged {
		out = d.intrinsic(n, fn, path, 0)
	} else {
		out = d.intrinsicArgs(keyNode, fn, n.Content[1], path, 0)
	}
	m, _ := out.(map[string]any)
	return m, true
}

// valueList decodes a list of values.
func (d *decoder) valueList(n *yaml.Node, path string, dst *[]Value) {
	d.list(n, path, func(n *yaml.Node, p string) {
		var v Value
		d.value(n, p, &v)
		*dst = append(*dst, v)
	})
}

// valueListOr decodes a list of values, or one intrinsic that is the whole
// list (!Ref of a list parameter).
func (d *decoder) valueListOr(n *yaml.Node, path string, items *[]Value, whole *Value) {
	m, isFn := d.intrinsicValue(n, path)
	if !isFn {
		d.valueList(n, path, items)
		return
	}
	if fn := firstKey(m); stringFunctions[fn] {
		d.errorf(n, CodeIntrinsic, path, "write a list of values, or an intrinsic function that returns a list (!Ref of a list parameter, !Split, !If)",
			"%s returns a string: %s takes a list", shortName(fn), lastField(path))
	}
	if m != nil { // kept even when refused, so that no "required" follows
		whole.Fn = m
	}
}

// stringFunctions are the intrinsic functions that always return a string.
var stringFunctions = map[string]bool{"Fn::Sub": true, "Fn::Join": true, "Fn::Base64": true, "Fn::ImportValue": true}

// checkTag refuses a YAML tag on a field that takes a plain scalar: an
// intrinsic function where CloudFormation cannot take one, or any other
// explicit tag. It reports whether the node carries no such tag.
func (d *decoder) checkTag(n *yaml.Node, path string) bool {
	switch n.Tag {
	case "", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!map", "!!seq":
		return true
	}
	if _, ok := Intrinsics[n.Tag]; ok {
		d.errorf(n, CodeTag, path, "write the value itself here: this field takes no intrinsic function",
			"%s is not allowed in %s", n.Tag, lastField(path))
		return false
	}
	d.badTag(n, path)
	return false
}

func lastField(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}
