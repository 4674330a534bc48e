package spec

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/durablefn/durablefn/facts"
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
	sids := map[string]string{} // a Sid → the path of the statement that has it first
	for i, pol := range fn.Policies {
		ip := fmt.Sprintf("%s[%d]", path, i)
		if pol.Statement == nil {
			if a := pol.ManagedArn; a.IsLiteral() {
				if _, err := facts.ParsePolicyARN(a.Lit); err != nil {
					c.errorf(CodeValue, ip, "write arn:aws:iam::aws:policy/NAME (or !Sub 'arn:${AWS::Partition}:iam::aws:policy/NAME')", "%v", err)
				}
			}
			continue
		}
		c.statement(pol.Statement, ip, sids)
	}
}

// statement checks one IAM statement of a function's policies. sids holds
// the Sids of the function's statements seen so far: its statements make
// one policy, where IAM takes each Sid once.
func (c *checker) statement(st map[string]any, path string, sids map[string]string) {
	name := path
	if sid, ok := st["Sid"]; ok {
		sp := path + ".Sid"
		switch s, isStr := sid.(string); {
		case isStr && !facts.StatementIDPattern.MatchString(s):
			c.errorf(CodeStatement, sp, "use letters and digits only, such as ReadClaims", "%q is not a statement ID: IAM takes letters and digits only", s)
		case isStr && s != "" && sids[s] != "":
			c.errorf(CodeStatement, sp, "give each statement its own Sid", "%s has the Sid %q too: a function's statements make one policy, where IAM takes each Sid once", sids[s], s)
		case isStr:
			name = fmt.Sprintf("statement %q", s)
			if sids[s] == "" {
				sids[s] = path
			}
		case !IsIntrinsic(sid):
			c.errorf(CodeStatement, sp, "write letters and digits, such as ReadClaims", "a Sid is text, not %s", describeData(sid))
		}
	}
	effect, hasEffect := st["Effect"]
	if hasEffect && effect != "Allow" && effect != "Deny" {
		c.errorf(CodeStatement, path+".Effect", "write Allow or Deny", "%v is not an effect", effect)
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
		ap := path + "." + field
		if field == "NotAction" && (!hasEffect || effect == "Allow") {
			c.warnf(CodeWildcard, ap, "list the actions the function needs under Action instead, or write Effect: Deny",
				"%s allows every action but those of NotAction, in every service, those AWS adds later included", name)
		}
		c.statementItems(actions, ap, "action", facts.ActionInvoke, func(s, ip string) { c.action(s, ip, name) })
	}
	if res, field := oneOf("Resource", "NotResource"); field != "" {
		warned := false
		c.statementItems(res, path+"."+field, "resource", "arn:aws:sqs:us-east-1:123456789012:queue", func(s, ip string) {
			switch {
			case s == "":
				c.errorf(CodeStatement, ip, "write an ARN, such as !GetAtt Table.Arn", "an empty resource: IAM takes an ARN or *")
			case s == "*" && field == "Resource" && !warned:
				warned = true
				c.warnf(CodeWildcard, path+".Resource", "scope it to the ARNs the function uses (!GetAtt Table.Arn, !Sub ...)",
					"%s applies to every resource (Resource: \"*\")", name)
			}
		})
	}
	if cond, ok := st["Condition"]; ok {
		if _, isMap := cond.(map[string]any); !isMap {
			c.errorf(CodeStatement, path+".Condition", "write {StringEquals: {key: value}}", "a condition is a mapping of operators")
		}
	}
}

// statementItems checks the value of a statement's Action, NotAction,
// Resource or NotResource: one string, an intrinsic, or a list of at least
// one item, each a string or an intrinsic. It calls each for every string.
func (c *checker) statementItems(v any, path, what, example string, each func(s, path string)) {
	article := "a "
	if strings.ContainsRune("aeiou", rune(what[0])) {
		article = "an "
	}
	item := func(it any, ip string) {
		if s, ok := it.(string); ok {
			each(s, ip)
		} else if !IsIntrinsic(it) {
			c.errorf(CodeStatement, ip, "write the "+what+" as text, such as "+example+", or as an intrinsic (!Ref, !Sub, !GetAtt …)",
				"%s is not %s: IAM takes a string", describeData(it), article+what)
		}
	}
	l, isList := v.([]any)
	switch {
	case !isList:
		item(v, path)
	case len(l) == 0:
		c.errorf(CodeStatement, path, "list at least one "+what+", or remove the statement", "an empty list: IAM takes at least one %s", what)
	default:
		for i, it := range l {
			item(it, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// action checks one literal action of a statement. IAM matches actions in
// any case, so a misspelling is found in any case too.
func (c *checker) action(s, path, statement string) {
	lower := strings.ToLower(s)
	switch {
	case s == "*":
		c.warnf(CodeWildcard, path, "name the actions the function needs", "%s allows every action", statement)
	case !facts.ActionPattern.MatchString(s):
		c.errorf(CodeStatement, path, "write service:Action, such as dynamodb:GetItem", "%q is not an IAM action", s)
	default:
		for bad, right := range facts.Misspellings() {
			if strings.ToLower(bad) != lower {
				continue
			}
			fix := "write " + right
			if right == "" {
				fix = "remove it: no action of that name exists; the function's own role gets what it needs from durable:, and starters: grants lambda:InvokeFunction on the alias"
			}
			c.errorf(CodeStatement, path, fix, "%s is not an IAM action", s)
			return
		}
		for _, real := range facts.DurableActions() {
			if strings.ToLower(real) == lower && real != s {
				c.warnf(CodeActionCase, path, "write "+real,
					"%s is %s in another case: IAM matches actions in any case, so it is granted, but a search for %s does not find it", s, real, real)
			}
		}
	}
}

// IsIntrinsic reports whether plain data is an intrinsic function in long
// form, as the decoder writes every intrinsic: a mapping of one key, Ref or
// Fn::….
func IsIntrinsic(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return isIntrinsicKey(k)
	}
	return false
}

// describeData names the kind of a piece of plain data for messages.
func describeData(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number (" + string(x) + ")"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return "a string"
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
		if !facts.LogicalIDPattern.MatchString(name) {
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
				c.errorf(CodeReference, rp+".Condition", "define it under conditions:", "%s is not a condition of this spec", quoteData(v))
			}
		}
		for _, dep := range asList(r.Body["DependsOn"]) {
			if dep == nil {
				continue
			}
			if name, isStr := dep.(string); !isStr || !c.hasResource(name) {
				c.errorf(CodeReference, rp+".DependsOn", "name a resource or a function of this spec (DependsOn takes names, not intrinsic functions)", "%s is not a resource or function of this spec", quoteData(dep))
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
	return c.f.Resource(name) != nil || c.f.Function(name) != nil
}

// quoteData writes template data for a message: a string quoted, anything
// else as JSON (never Go's map syntax).
func quoteData(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
