package model

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// PseudoParameters are the names CloudFormation defines in every template.
var PseudoParameters = []string{"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
	"AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"}

// checkRefs checks every name the spec's intrinsic functions refer to:
// a parameter, a resource, a function or a pseudo parameter (a mapping for
// !FindInMap, a condition for !If and Condition).
func (b *builder) checkRefs() {
	for _, u := range b.f.Refs {
		b.checkRef(u)
	}
}

func (b *builder) checkRef(u spec.RefUse) {
	fail := func(fix, format string, args ...any) {
		b.diags.Errorf(spec.CodeReference, u.Pos, u.Path, fix, format, args...)
	}
	switch u.Kind {
	case "Fn::FindInMap":
		if _, ok := b.a.has(nsMapping, u.Name); !ok {
			fail("define it under mappings:", "!FindInMap names %q, which is not a mapping of this spec", u.Name)
		}
		return
	case "Condition":
		if _, ok := b.a.has(nsCondition, u.Name); !ok {
			fail("define it under conditions:", "%q is not a condition of this spec", u.Name)
		}
		return
	}
	if u.Locals[u.Name] {
		return
	}
	if strings.HasPrefix(u.Name, "AWS::") {
		for _, p := range PseudoParameters {
			if p == u.Name {
				if u.Kind == "Fn::GetAtt" {
					fail("write !Ref "+u.Name, "%s is a pseudo parameter, which has no attributes", u.Name)
				}
				return
			}
		}
		fail("use one of "+strings.Join(PseudoParameters, ", "), "%s is not a pseudo parameter", u.Name)
		return
	}
	if fn, ok := b.fns[u.Name]; ok {
		if u.Attr != "" && u.Attr != "Arn" {
			fail("write !GetAtt "+u.Name+".Arn", "%s.%s: a function of the spec offers its Arn", u.Name, u.Attr)
			return
		}
		if fn.Durable && handsOut(u.Path) {
			what := "name"
			if u.Attr == "Arn" {
				what = "ARN"
			}
			fix := "hand out the alias ARN: write ${" + u.Name + ".AliasArn} as the environment value"
			if strings.HasPrefix(u.Path, "outputs.") {
				fix = "durablefn already outputs the alias ARN as " + fn.AliasArnOutputID + ": use that output"
			}
			b.diags.Warnf(spec.CodeUnqualifiedRef, u.Pos, u.Path, fix,
				"this is the unqualified %s of durable function %s, which cannot be invoked through it", what, u.Name)
		}
		return
	}
	if attrs, ok := b.referable[u.Name]; ok {
		if !attrs[u.Attr] {
			var can []string
			for a := range attrs {
				if a != "" {
					can = append(can, "!GetAtt "+u.Name+"."+a)
				}
			}
			sort.Strings(can)
			fail("write !Ref "+u.Name+strings.Join(append([]string{""}, can...), " or "), "%s has no attribute %s that durablefn offers", u.Name, u.Attr)
		}
		return
	}
	o, ok := b.a.has(nsResource, u.Name)
	switch {
	case ok && (strings.HasPrefix(o.what, "parameter ") || strings.HasPrefix(o.what, "resource ")):
		if u.Attr != "" && strings.HasPrefix(o.what, "parameter ") {
			fail("write !Ref "+u.Name, "%s is a parameter, which has no attributes", u.Name)
		}
		return
	case ok:
		fail("refer to the function, its alias, role or log group (!Ref FnAliaslive, !GetAtt FnRole.Arn, !GetAtt FnLogGroup.Arn), or use ${Function.AliasArn} in an environment value",
			"%s is %s, which durablefn names itself: it is not part of the spec's contract (the Go CDK output names it otherwise)", u.Name, o.what)
		return
	}
	var names []string
	for _, p := range b.f.Parameters {
		names = append(names, p.Name)
	}
	for _, r := range b.f.Resources {
		names = append(names, r.Name)
	}
	for _, fn := range b.f.Functions {
		names = append(names, fn.Name)
	}
	fix := "define it under parameters: or resources:, or name a function of the spec"
	if len(names) > 0 {
		fix = "names of this spec: " + strings.Join(names, ", ")
	}
	fail(fix, "%q is not a parameter, resource or function of this spec, nor a pseudo parameter", u.Name)
}

// handsOut reports whether a spec field hands a value to callers: another
// function's environment or an output.
func handsOut(path string) bool {
	return strings.HasPrefix(path, "outputs.") || strings.Contains(path, ".environment.")
}

// limits enforces CloudFormation's, IAM's and Lambda's limits on what the
// spec makes.
func (b *builder) limits() {
	count := func(what string, n, limit int, path, fix string) {
		if n > limit {
			b.errorf(spec.CodeLimit, path, fix, "the template would have %d %s, over CloudFormation's limit of %d", n, what, limit)
		}
	}
	count("resources", b.a.count(nsResource)-len(b.f.Parameters), facts.MaxResources, "functions", "split the spec into several stacks")
	count("outputs", b.a.count(nsOutput), facts.MaxOutputs, "outputs", "split the spec into several stacks")
	count("parameters", len(b.f.Parameters), facts.MaxParameters, "parameters", "group values into fewer parameters")
	count("mappings", len(b.f.Mappings), facts.MaxMappings, "mappings", "merge mappings")
	if n := len(b.f.Description); n > facts.MaxTemplateDescriptionLength {
		b.errorf(spec.CodeLimit, "description", "shorten it", "the description is %d bytes, over CloudFormation's %d for a template's", n, facts.MaxTemplateDescriptionLength)
	}

	// Inline policies per role, all together.
	type roleUse struct {
		bytes int
		path  string
	}
	perRole := map[string]*roleUse{}
	add := func(role any, doc map[string]any, path string) {
		key, _ := json.Marshal(role)
		u := perRole[string(key)]
		if u == nil {
			u = &roleUse{path: path}
			perRole[string(key)] = u
		}
		u.bytes += PolicySize(doc)
	}
	for _, fn := range b.app.Functions {
		if fn.Role != nil {
			for _, p := range fn.Role.Policies {
				add(fn.RoleRef, p.Document, "functions."+fn.ID+".policies")
			}
		}
	}
	for _, p := range b.app.Policies {
		path := "functions"
		if p.Grant != nil && p.Grant.On != nil {
			path = "functions." + p.Grant.On.ID
		}
		for _, r := range p.Roles {
			add(r, p.Document, path)
		}
	}
	for key, u := range perRole {
		if u.bytes > facts.MaxInlinePolicyBytes {
			b.errorf(spec.CodeLimit, u.path, "grant fewer functions to this role, or give it a managed policy of its own",
				"the inline policies on role %s would be about %d bytes, over IAM's %d bytes per role", key, u.bytes, facts.MaxInlinePolicyBytes)
		}
	}
	for _, fn := range b.app.Functions {
		// The permissions of its events, all in the alias's policy.
		size := 0
		for _, e := range fn.Events {
			for _, g := range e.Resources {
				if g.Type == "AWS::Lambda::Permission" {
					size += facts.PermissionStatementBytes + valueSize(g.Properties["SourceArn"])
				}
			}
		}
		if size > facts.MaxResourcePolicyBytes {
			b.warnf(spec.CodeLimit, "functions."+fn.ID+".events", "let fewer sources invoke this function: route them through one topic, bus or API",
				"the permissions of the events would make a resource-based policy of about %d bytes on the alias, over Lambda's %d: the deploy fails at the permission that passes it", size, facts.MaxResourcePolicyBytes)
		}
	}
	for _, fn := range b.app.Functions {
		size := 0
		for _, kv := range fn.Spec.Environment {
			size += len(kv.Key) + valueSize(kv.Value.Data())
		}
		if size > facts.MaxEnvironmentBytes {
			b.errorf(spec.CodeLimit, "functions."+fn.ID+".environment", "move large values to SSM parameters or S3 and read them at run time",
				"the environment is about %d bytes, over Lambda's %d", size, facts.MaxEnvironmentBytes)
		}
	}
}

// resolvedSize is what an intrinsic is counted as once resolved: an ARN of
// a function, a role or a log group is rarely longer.
const resolvedSize = 100

// valueSize estimates the length of a value once CloudFormation resolved
// it.
func valueSize(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok {
			return len(facts.SubPlaceholderPattern.ReplaceAllString(s, "")) + resolvedSize*len(facts.SubPlaceholderPattern.FindAllString(s, -1))
		}
		return resolvedSize
	}
	b, _ := json.Marshal(v)
	return len(b)
}

// PolicySize estimates the size IAM counts for a policy document: its JSON
// without whitespace, with intrinsics as the values they resolve to.
func PolicySize(doc map[string]any) int {
	return size(doc)
}

func size(v any) int {
	switch x := v.(type) {
	case map[string]any:
		if spec.IsIntrinsic(x) {
			return valueSize(x) + 2
		}
		n := 2
		for k, item := range x {
			n += len(k) + 4 + size(item)
		}
		return n
	case []any:
		n := 2
		for _, item := range x {
			n += size(item) + 1
		}
		return n
	case string:
		return len(x) + 2
	}
	b, _ := json.Marshal(v)
	return len(b)
}
