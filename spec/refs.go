package spec

import (
	"fmt"
	"regexp"
	"strings"
)

// Attributes of a function that an environment value may reference as
// ${Name.Attribute}.
const (
	// AttrArn is the unqualified function ARN.
	AttrArn = "Arn"
	// AttrAliasArn is the ARN of the function's alias: the one to invoke.
	AttrAliasArn = "AliasArn"
	// AttrName is the function's physical name.
	AttrName = "Name"
)

// RefAttributes lists what ${Name.Attribute} may name.
var RefAttributes = []string{AttrArn, AttrAliasArn, AttrName}

var refRE = regexp.MustCompile(`\$\{([^}]*)\}`)

// Ref is a ${Function.Attribute} reference inside an environment value.
type Ref struct {
	Function, Attribute string
}

// Expand replaces every ${Function.Attribute} of s with what resolve
// returns for it, and reports whether s held any reference. Renderers use
// it to write references their own way (a Sub placeholder, a CDK token).
func Expand(s string, resolve func(Ref) string) (string, bool) {
	found := false
	out := refRE.ReplaceAllStringFunc(s, func(m string) string {
		found = true
		fn, attr, _ := strings.Cut(m[2:len(m)-1], ".")
		return resolve(Ref{Function: fn, Attribute: attr})
	})
	return out, found
}

// checkRefs validates the references of an environment value.
func (c *checker) checkRefs(fn *Function, path, value string) {
	Expand(value, func(r Ref) string {
		switch {
		case r.Attribute == "" || strings.Contains(r.Function, "::"):
			c.errorf(CodeReference, path, "write ${Function.AliasArn} to reference a function of the spec; for a CloudFormation placeholder such as ${AWS::Region}, write the value with !Sub",
				"%s is not a function reference", r)
		case c.f.Function(r.Function) == nil:
			c.errorf(CodeReference, path, "reference a function of this spec, as ${Worker.AliasArn}",
				"%s: function %q is not defined in this spec", r, r.Function)
		case !contains(RefAttributes, r.Attribute):
			c.errorf(CodeReference, path, "use one of "+strings.Join(RefAttributes, ", "),
				"%s: %q is not an attribute of a function", r, r.Attribute)
		case r.Function == fn.Name:
			c.errorf(CodeReference, path, "read the function's own name from AWS_LAMBDA_FUNCTION_NAME",
				"%s: a function cannot reference itself (a circular dependency)", r)
		case r.Attribute == AttrAliasArn && !c.f.Function(r.Function).HasAlias():
			c.errorf(CodeReference, path, "give "+r.Function+" an alias, or use ${"+r.Function+".Arn}",
				"${%s.%s}: function %s has no alias", r.Function, r.Attribute, r.Function)
		case r.Attribute != AttrAliasArn && c.f.Function(r.Function).IsDurable():
			c.warnf(CodeUnqualifiedRef, path, "use ${"+r.Function+".AliasArn}: the alias ARN can start executions",
				"${%s.%s} is the unqualified %s of a durable function, which cannot be invoked through it", r.Function, r.Attribute, map[string]string{AttrArn: "ARN", AttrName: "name"}[r.Attribute])
		}
		return ""
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// String writes the reference as it is written in a spec: ${Name} when it
// has no attribute.
func (r Ref) String() string {
	if r.Attribute == "" {
		return fmt.Sprintf("${%s}", r.Function)
	}
	return fmt.Sprintf("${%s.%s}", r.Function, r.Attribute)
}

// checkRefCycles refuses environment references that form a cycle: each
// function would wait for the other to be created.
func (c *checker) checkRefCycles() {
	edges := map[string][]string{}
	for _, fn := range c.f.Functions {
		for _, kv := range fn.Environment {
			if !kv.Value.IsLiteral() {
				continue
			}
			Expand(kv.Value.Lit, func(r Ref) string {
				if c.f.Function(r.Function) != nil && r.Function != fn.Name {
					edges[fn.Name] = append(edges[fn.Name], r.Function)
				}
				return ""
			})
		}
	}
	const (
		unvisited = iota
		active
		done
	)
	state := map[string]int{}
	var visit func(n string, path []string) bool
	visit = func(n string, path []string) bool {
		state[n] = active
		for _, m := range edges[n] {
			if state[m] == active {
				cycle := append(append([]string{}, path...), n, m)
				c.errorf(CodeReference, "functions."+n+".environment", "let one of them look the other up at run time",
					"environment references form a cycle (%s): CloudFormation cannot create either function first", strings.Join(cycle, " → "))
				return true
			}
			if state[m] == unvisited && visit(m, append(path, n)) {
				return true
			}
		}
		state[n] = done
		return false
	}
	for _, fn := range c.f.Functions {
		if state[fn.Name] == unvisited && visit(fn.Name, nil) {
			return
		}
	}
}
