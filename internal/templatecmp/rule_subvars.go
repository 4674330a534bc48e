package templatecmp

// SubVariables inlines the variables of a two-argument Fn::Sub whose value
// is a literal string, a Ref or a Fn::GetAtt: ["${Name} in ${Stage}",
// {Name: {Fn::GetAtt: [Fn, Arn]}, Stage: {Ref: Env}}] becomes
// ["${Fn.Arn} in ${Env}", {}] (which StringForms then writes as one string).
// Variables of any other value stay. Run it after CDKLogicalIDs, so that
// the names inlined are the renamed ones.
//
// Sound because CloudFormation substitutes ${Var} with the variable's value,
// and ${X} with Ref X and ${X.A} with Fn::GetAtt X.A: both templates resolve
// to the same string. CDK needs it because it names a spec's functions
// itself: the construct cannot write a placeholder ${Fn.Arn} for a function
// in the user's Fn::Sub, so it passes the function's ARN as a variable.
var SubVariables = Rule{name: "SubVariables", apply: func(root map[string]any) {
	for k, v := range root {
		root[k] = subVariables(v)
	}
}}

func subVariables(v any) any {
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			x[i] = subVariables(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = subVariables(e)
		}
		s, ok := x["Fn::Sub"].([]any)
		if len(x) != 1 || !ok || len(s) != 2 {
			return x
		}
		tmpl, ok1 := s[0].(string)
		vars, ok2 := s[1].(map[string]any)
		if !ok1 || !ok2 {
			return x
		}
		inline := map[string]subPart{}
		for name, val := range vars {
			if p, ok := inlinePart(val); ok {
				inline[name] = p
				delete(vars, name)
			}
		}
		if len(inline) == 0 {
			return x
		}
		parts := parseSub(tmpl)
		for i, p := range parts {
			if q, ok := inline[p.name]; ok && p.isVar {
				parts[i] = q
			}
		}
		s[0] = renderSub(parts)
	}
	return v
}

// inlinePart is a variable's value as a part of a Sub template.
func inlinePart(v any) (subPart, bool) {
	switch x := v.(type) {
	case string:
		return subPart{lit: x}, true
	case map[string]any:
		if len(x) != 1 {
			return subPart{}, false
		}
		if ref, ok := x["Ref"].(string); ok {
			return subPart{name: ref, isVar: true}, true
		}
		switch g := x["Fn::GetAtt"].(type) {
		case []any:
			if len(g) == 2 {
				id, ok1 := g[0].(string)
				attr, ok2 := g[1].(string)
				if ok1 && ok2 {
					return subPart{name: id + "." + attr, isVar: true}, true
				}
			}
		case string:
			return subPart{name: g, isVar: true}, true
		}
	}
	return subPart{}, false
}
