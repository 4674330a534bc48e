package spec

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/durablefn/durablefn/facts"
)

var (
	logicalIDRE = regexp.MustCompile(`^[A-Za-z0-9]{1,255}$`)
	actionRE    = regexp.MustCompile(`^[a-zA-Z0-9-]+:[A-Za-z0-9*?]+$`)
)

// ParameterTypes are the parameter types CloudFormation accepts besides
// the AWS-specific ones (AWS::EC2::…, AWS::SSM::Parameter::…).
var ParameterTypes = []string{"String", "Number", "List<Number>", "CommaDelimitedList"}

// HasAlias reports whether the function has an alias (every durable
// function does).
func (fn *Function) HasAlias() bool { return fn.Alias != "" }

// durableOnly are the fields only a durable function may have.
var durableOnly = []string{"leastPrivilege", "callbackSenders", "starters", "observers", "operators"}

// plain checks what is particular to a plain function.
func (c *checker) plain(fn *Function, p string) {
	for _, field := range durableOnly {
		if c.has(p + "." + field) {
			c.errorf(CodeDurableOnly, p+"."+field, "add durable: {executionTimeout: ...} to make "+fn.Name+" durable, or remove "+field,
				"%s is for durable functions, and %s has no durable block", field, fn.Name)
		}
	}
	c.aliasAndLogs(fn, p)
	c.invokes(fn, p)
	c.events(fn, p)
}

// policies checks the statements and managed policies of a function's role.
func (c *checker) policies(fn *Function, path string) {
	for i, pol := range fn.Policies {
		ip := fmt.Sprintf("%s[%d]", path, i)
		if pol.Statement == nil {
			if a := pol.ManagedArn; a.IsLiteral() && !strings.HasPrefix(a.Lit, "arn:") {
				c.errorf(CodeValue, ip, "write arn:aws:iam::aws:policy/NAME (or !Sub 'arn:${AWS::Partition}:iam::aws:policy/NAME')",
					"%q is not a managed policy ARN", a.Lit)
			}
			continue
		}
		c.statement(pol.Statement, ip)
	}
}

// statement checks one IAM statement of a function's policies.
func (c *checker) statement(st map[string]any, path string) {
	name := path
	if sid, ok := st["Sid"].(string); ok {
		name = fmt.Sprintf("statement %q", sid)
	}
	if e, ok := st["Effect"]; ok && e != "Allow" && e != "Deny" {
		c.errorf(CodeStatement, path+".Effect", "write Allow or Deny", "%v is not an effect", e)
	}
	oneOf := func(a, b string) (any, string) {
		va, hasA := st[a]
		vb, hasB := st[b]
		switch {
		case hasA && hasB:
			c.errorf(CodeStatement, path, "keep one of them", "a statement has %s or %s, not both", a, b)
		case hasA:
			return va, a
		case hasB:
			return vb, b
		default:
			c.errorf(CodeStatement, path, "add "+a+": ...", "a statement needs %s (or %s)", a, b)
		}
		return nil, ""
	}
	if actions, field := oneOf("Action", "NotAction"); field != "" {
		for i, a := range asList(actions) {
			s, ok := a.(string)
			if !ok {
				continue // an intrinsic: checked by CloudFormation
			}
			ap := fmt.Sprintf("%s.%s", path, field)
			if _, isList := actions.([]any); isList {
				ap = fmt.Sprintf("%s[%d]", ap, i)
			}
			switch {
			case s == "*":
				c.warnf(CodeWildcard, ap, "name the actions the function needs", "%s allows every action", name)
			case !actionRE.MatchString(s):
				c.errorf(CodeStatement, ap, "write service:Action, such as dynamodb:GetItem", "%q is not an IAM action", s)
			default:
				if right, bad := facts.Misspellings()[s]; bad {
					c.errorf(CodeStatement, ap, fmt.Sprintf("write %s", right), "%s is not an IAM action", s)
				}
			}
		}
	}
	if res, field := oneOf("Resource", "NotResource"); field == "Resource" {
		for _, r := range asList(res) {
			if r == "*" {
				c.warnf(CodeWildcard, path+".Resource", "scope it to the ARNs the function uses (!GetAtt Table.Arn, !Sub ...)",
					"%s applies to every resource (Resource: \"*\")", name)
				break
			}
		}
	}
	if cond, ok := st["Condition"]; ok {
		if _, isMap := cond.(map[string]any); !isMap {
			c.errorf(CodeStatement, path+".Condition", "write {StringEquals: {key: value}}", "a condition is a mapping of operators")
		}
	}
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

// sections checks the spec's parameters, resources, outputs, mappings and
// conditions.
func (c *checker) sections() {
	check := func(section, name string) {
		if !logicalIDRE.MatchString(name) {
			c.errorf(CodeSectionName, section+"."+name, "use letters and digits only",
				"%q is not a valid %s name: letters and digits, at most 255", name, strings.TrimSuffix(section, "s"))
		}
	}
	for _, p := range c.f.Parameters {
		pp := "parameters." + p.Name
		check("parameters", p.Name)
		if !slices.Contains(ParameterTypes, p.Type) && !strings.HasPrefix(p.Type, "AWS::") && !strings.HasPrefix(p.Type, "List<AWS::") {
			c.errorf(CodeValue, pp+".type", "use String, Number, List<Number>, CommaDelimitedList or an AWS-specific type",
				"%q is not a parameter type", p.Type)
		}
		if p.Default != nil && len(p.AllowedValues) > 0 && !slices.Contains(p.AllowedValues, p.Default) {
			c.errorf(CodeValue, pp+".default", "pick one of allowedValues", "default %v is not one of the allowed values", p.Default)
		}
		for field, v := range map[string]*int{"minLength": p.MinLength, "maxLength": p.MaxLength} {
			if v != nil && *v < 0 {
				c.errorf(CodeRange, pp+"."+field, "", "%d is negative", *v)
			}
		}
		if p.NoEcho && p.Default != nil {
			c.warnf(CodeValue, pp+".default", "remove the default and pass the value at deploy time",
				"a NoEcho parameter with a default writes the secret into the template")
		}
	}
	for _, s := range c.f.Mappings {
		check("mappings", s.Name)
	}
	for _, s := range c.f.Conditions {
		check("conditions", s.Name)
	}
	for _, r := range c.f.Resources {
		check("resources", r.Name)
		rp := "resources." + r.Name
		for _, attr := range []string{"DeletionPolicy", "UpdateReplacePolicy"} {
			if v, ok := r.Body[attr]; ok && !slices.Contains(DeletionPolicies, fmt.Sprint(v)) {
				c.errorf(CodeValue, rp+"."+attr, "use one of "+strings.Join(DeletionPolicies, ", "), "%v is not a %s", v, attr)
			}
		}
		if v, ok := r.Body["Condition"]; ok {
			if name, isStr := v.(string); !isStr || !c.hasCondition(name) {
				c.errorf(CodeReference, rp+".Condition", "define it under conditions:", "%s is not a condition of this spec", describeData(v))
			}
		}
		for _, dep := range asList(r.Body["DependsOn"]) {
			if dep == nil {
				continue
			}
			if name, isStr := dep.(string); !isStr || !c.hasResource(name) {
				c.errorf(CodeReference, rp+".DependsOn", "name a resource or a function of this spec (DependsOn takes names, not intrinsic functions)", "%s is not a resource or function of this spec", describeData(dep))
			}
		}
	}
	for _, o := range c.f.Outputs {
		check("outputs", o.Name)
	}
}

// DeletionPolicies are the values of DeletionPolicy and UpdateReplacePolicy.
var DeletionPolicies = []string{"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"}

func (c *checker) hasCondition(name string) bool {
	for _, s := range c.f.Conditions {
		if s.Name == name {
			return true
		}
	}
	return false
}

func (c *checker) hasResource(name string) bool {
	for _, r := range c.f.Resources {
		if r.Name == name {
			return true
		}
	}
	return c.f.Function(name) != nil
}

// describeData writes template data for a message: a string quoted, anything
// else as JSON (never Go's map syntax).
func describeData(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
