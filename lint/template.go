package lint

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

// Resource types the rules read.
const (
	typeFunction      = "AWS::Lambda::Function"
	typeSAMFunction   = "AWS::Serverless::Function"
	typeVersion       = "AWS::Lambda::Version"
	typeAlias         = "AWS::Lambda::Alias"
	typePermission    = "AWS::Lambda::Permission"
	typeESM           = "AWS::Lambda::EventSourceMapping"
	typeRole          = "AWS::IAM::Role"
	typePolicy        = "AWS::IAM::Policy"
	typeManagedPolicy = "AWS::IAM::ManagedPolicy"
	typeRolePolicy    = "AWS::IAM::RolePolicy"

	// samTransform is the transform that makes a template SAM.
	samTransform = "AWS::Serverless-2016-10-31"
)

// resource is one entry of Resources.
type resource struct {
	id   string
	key  *yaml.Node // the logical ID, where findings about the whole resource point
	node *yaml.Node
	typ  string
	// props is the Properties mapping, nil when there is none.
	props *yaml.Node
	// path is "Resources.<id>".
	path string
}

// prop returns a property's key and value nodes, or nils.
func (r *resource) prop(name string) (k, v *yaml.Node) { return get(r.props, name) }

// propPath is the path of a property: "Resources.<id>.Properties.<name>".
func (r *resource) propPath(name string) string { return r.path + ".Properties." + name }

func (r *resource) isFunction() bool { return r.typ == typeFunction || r.typ == typeSAMFunction }

// template is a template as the rules see it: its resources, which
// functions are durable, their versions and aliases, and the findings so
// far.
type template struct {
	file string
	root *yaml.Node
	// src is the template as read, lines the offset where each line
	// starts, json whether it is written in JSON: for --fix's edits.
	src   []byte
	lines []int
	json  bool
	edits []edit
	// sam is set when the template declares the SAM transform.
	sam bool
	// cdk is set when the template is a CDK cloud assembly's: CDK's
	// resource metadata (aws:cdk:…) or its BootstrapVersion parameter.
	cdk bool
	// macros is set when another transform (a macro, or
	// AWS::LanguageExtensions' Fn::ForEach) creates resources the linter
	// cannot see.
	macros bool

	params    map[string]*yaml.Node
	paramIDs  []string // in file order
	resources map[string]*resource
	order     []*resource
	// globalsFn is SAM's Globals.Function mapping.
	globalsFn *yaml.Node

	// fns are the durable functions, by logical ID and in file order.
	fns     map[string]*function
	fnOrder []*function
	// byName finds a template function (durable or not) by its literal
	// FunctionName.
	byName map[string]*resource
	// aliasOf and versionOf map an AWS::Lambda::Alias or Version to the
	// durable function it belongs to.
	aliasOf   map[string]*function
	versionOf map[string]*function

	iam *iamModel

	findings diag.List
}

// report adds a finding of a rule at a node.
func (t *template) report(r *Rule, at *yaml.Node, path, fix, format string, args ...any) {
	t.reportAs(r, r.Severity, at, path, fix, format, args...)
}

// reportAs adds a finding with a severity other than the rule's default.
func (t *template) reportAs(r *Rule, sev diag.Severity, at *yaml.Node, path, fix, format string, args ...any) {
	t.findings.Add(diag.Diagnostic{Severity: sev, Code: r.ID, Pos: t.pos(at), Path: path,
		Message: fmt.Sprintf(format, args...), Fix: fix})
}

func (t *template) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: t.file}
	}
	return diag.Pos{File: t.file, Line: n.Line, Column: n.Column}
}

// load builds the model of a parsed template. Structural problems that
// stop a resource from being read are findings of DL001.
func load(file string, src []byte, root *yaml.Node) *template {
	t := &template{
		file: file, root: root, src: src, lines: lineStarts(src),
		json:   len(bytes.TrimLeft(src, " \t\r\n\ufeff")) > 0 && bytes.TrimLeft(src, " \t\r\n\ufeff")[0] == '{',
		params: map[string]*yaml.Node{}, resources: map[string]*resource{},
		fns: map[string]*function{}, byName: map[string]*resource{},
		aliasOf: map[string]*function{}, versionOf: map[string]*function{},
	}
	for _, tr := range items(val(root, "Transform")) {
		s, ok := str(tr)
		switch {
		case ok && s == samTransform:
			t.sam = true
		default:
			t.macros = true
		}
	}
	for _, e := range entries(val(root, "Parameters")) {
		t.params[e.key.Value] = e.val
		t.paramIDs = append(t.paramIDs, e.key.Value)
	}
	if g := val(val(root, "Globals"), "Function"); isMap(g) {
		t.globalsFn = g
	}
	t.loadResources()
	t.cdk = !t.sam && t.fromCDK()
	t.loadFunctions()
	t.linkVersions()
	t.iam = buildIAM(t)
	return t
}

func (t *template) loadResources() {
	k, res := get(t.root, "Resources")
	switch {
	case k == nil:
		t.report(ruleResourceStructure, t.root, "Resources", "add a Resources section with at least one resource",
			"the template has no Resources section")
		return
	case !isMap(res):
		t.report(ruleResourceStructure, res, "Resources", "write Resources as a mapping of logical IDs to resources",
			"Resources is %s, not a mapping", kindName(res))
		return
	}
	for _, e := range entries(res) {
		id := e.key.Value
		path := "Resources." + id
		if strings.HasPrefix(id, "Fn::") {
			// Fn::ForEach (AWS::LanguageExtensions) or Fn::Transform
			// (AWS::Include) create resources the linter cannot see.
			t.macros = true
			continue
		}
		if !isMap(e.val) {
			t.report(ruleResourceStructure, e.val, path, "write the resource as a mapping with Type and Properties",
				"resource %s is %s, not a mapping", id, kindName(e.val))
			continue
		}
		tk, tv := get(e.val, "Type")
		typ, ok := str(tv)
		switch {
		case tk == nil:
			t.report(ruleResourceStructure, e.key, path, "add Type, e.g. Type: AWS::Lambda::Function",
				"resource %s has no Type", id)
			continue
		case !ok || typ == "":
			t.report(ruleResourceStructure, tv, path+".Type", "write the type as a string, e.g. AWS::Lambda::Function",
				"the Type of resource %s is %s, not a resource type", id, kindName(tv))
			continue
		}
		r := &resource{id: id, key: e.key, node: e.val, typ: typ, path: path}
		if pk, pv := get(e.val, "Properties"); pk != nil {
			switch {
			case isMap(pv) && !isCustomTag(pv.Tag):
				if _, _, isFn := intrinsic(pv); !isFn {
					r.props = pv
				}
			case isNull(pv):
			default:
				if _, _, isFn := intrinsic(pv); !isFn {
					t.report(ruleResourceStructure, pv, path+".Properties", "write Properties as a mapping",
						"the Properties of resource %s are %s, not a mapping", id, kindName(pv))
				}
			}
		}
		t.resources[id] = r
		t.order = append(t.order, r)
	}
}

// fromCDK reports whether CDK wrote the template: a resource with CDK's
// metadata (aws:cdk:path, aws:cdk:do-not-refactor …) or of type
// AWS::CDK::Metadata, or CDK's BootstrapVersion parameter.
func (t *template) fromCDK() bool {
	if d, ok := str(val(t.params["BootstrapVersion"], "Description")); ok && strings.Contains(d, "[cdk:skip]") {
		return true
	}
	for _, r := range t.order {
		if r.typ == "AWS::CDK::Metadata" {
			return true
		}
		for _, e := range entries(val(r.node, "Metadata")) {
			if strings.HasPrefix(e.key.Value, "aws:cdk:") {
				return true
			}
		}
	}
	return false
}

// fixFor picks the fix text for the kind of template being linted: what
// to write in CloudFormation, in SAM, or in the CDK app that synthesized a
// cloud assembly (whose template nobody edits by hand).
func (t *template) fixFor(cfn, sam, cdk string) string {
	switch {
	case t.sam && sam != "":
		return sam
	case t.cdk && cdk != "":
		return cdk
	}
	return cfn
}

// function is a durable function of the template: an AWS::Lambda::Function
// or AWS::Serverless::Function with a DurableConfig (its own, or SAM's
// Globals.Function.DurableConfig).
type function struct {
	res *resource
	sam bool
	// config is the function's own DurableConfig (nil when it comes only
	// from Globals), configKey its key.
	config, configKey *yaml.Node
	// global is Globals.Function.DurableConfig, for SAM functions, and
	// globalKey its key.
	global, globalKey *yaml.Node
	// timeout is the ExecutionTimeout in seconds, 0 when it cannot be read.
	timeout int
	// name is the literal FunctionName, "" when there is none or it is an
	// intrinsic.
	name string
	// autoAlias is SAM's AutoPublishAlias ("" when unset; the written
	// value, or "${…}" for an intrinsic).
	autoAlias string
	// versions and aliases of the function written in the template.
	versions, aliases []*resource
}

func (f *function) id() string { return f.res.id }

// field returns a DurableConfig field as SAM merges it: the function's own
// value first, then Globals.Function's.
func (f *function) field(name string) (k, v *yaml.Node, path string) {
	if isMap(f.config) {
		if k, v := get(f.config, name); k != nil {
			return k, v, f.res.propPath("DurableConfig") + "." + name
		}
	}
	if isMap(f.global) && (f.config == nil || isMap(f.config)) {
		if k, v := get(f.global, name); k != nil {
			return k, v, "Globals.Function.DurableConfig." + name
		}
	}
	return nil, nil, ""
}

// configAt returns the DurableConfig node a finding about the whole
// config points at, and its path.
func (f *function) configAt() (*yaml.Node, string) {
	if f.config != nil {
		return f.configKey, f.res.propPath("DurableConfig")
	}
	return f.globalKey, "Globals.Function.DurableConfig"
}

func (t *template) loadFunctions() {
	for _, r := range t.order {
		if !r.isFunction() {
			continue
		}
		if s, ok := str(val(r.props, "FunctionName")); ok && s != "" {
			t.byName[s] = r
		}
		k, v := r.prop("DurableConfig")
		if k != nil && isNoValue(v) {
			k, v = nil, nil
		}
		var global, globalKey *yaml.Node
		if r.typ == typeSAMFunction && t.globalsFn != nil {
			if gk, gv := get(t.globalsFn, "DurableConfig"); gk != nil && !isNoValue(gv) {
				global, globalKey = gv, gk
				if isNull(global) {
					global = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: gk.Line, Column: gk.Column}
				}
			}
		}
		if k == nil && global == nil {
			continue
		}
		f := &function{res: r, sam: r.typ == typeSAMFunction, configKey: k, global: global, globalKey: globalKey}
		if k != nil {
			f.config = v
			if v == nil || isNull(v) {
				f.config = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: k.Line, Column: k.Column}
			}
		}
		if _, tv, _ := f.field("ExecutionTimeout"); tv != nil {
			if n, ok := intValue(tv); ok {
				f.timeout = n
			}
		}
		f.name, _ = str(val(r.props, "FunctionName"))
		if f.sam {
			ak, av := r.prop("AutoPublishAlias")
			if ak == nil && t.globalsFn != nil {
				ak, av = get(t.globalsFn, "AutoPublishAlias")
			}
			if ak != nil && !isNull(av) && !isNoValue(av) {
				f.autoAlias = eval(av).String()
			}
		}
		t.fns[r.id] = f
		t.fnOrder = append(t.fnOrder, f)
	}
}

// linkVersions finds the AWS::Lambda::Version and Alias resources of each
// durable function.
func (t *template) linkVersions() {
	for _, r := range t.order {
		if r.typ != typeVersion && r.typ != typeAlias {
			continue
		}
		for _, ref := range t.targets(eval(val(r.props, "FunctionName"))) {
			if ref.fn == nil {
				continue
			}
			if r.typ == typeVersion {
				ref.fn.versions = append(ref.fn.versions, r)
				t.versionOf[r.id] = ref.fn
			} else {
				ref.fn.aliases = append(ref.fn.aliases, r)
				t.aliasOf[r.id] = ref.fn
			}
			break
		}
	}
}

// lineStarts returns the offset where each line of src starts, counting
// line breaks as the YAML parser does: \r\n, \r, \n, and the Unicode
// NEL, LS and PS.
func lineStarts(src []byte) []int {
	out := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\r' && i+1 < len(src) && src[i+1] == '\n':
			i++
			out = append(out, i+1)
		case c == '\r' || c == '\n':
			out = append(out, i+1)
		case c == 0xc2 && i+1 < len(src) && src[i+1] == 0x85:
			i++
			out = append(out, i+1)
		case c == 0xe2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xa8 || src[i+2] == 0xa9):
			i += 2
			out = append(out, i+1)
		}
	}
	return out
}

// intValue reads an integer written as a number or as a string of digits
// (CloudFormation accepts both).
func intValue(n *yaml.Node) (int, bool) {
	s, ok := str(n)
	if !ok {
		return 0, false
	}
	s = strings.TrimSpace(s)
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v > 1<<40 || v < -(1<<40) {
		return 0, false
	}
	return int(v), true
}

// isIntrinsic reports whether a node is an intrinsic function, whose value
// is only known at deploy time.
func isIntrinsic(n *yaml.Node) bool {
	_, _, ok := intrinsic(n)
	return ok
}
