package lint

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

var ruleUnresolvedReference = &Rule{
	ID:       "DL002",
	Name:     "unresolved-reference",
	Severity: diag.Error,
	Summary:  "a Ref, Fn::GetAtt, Fn::Sub placeholder or DependsOn names nothing in the template",
	Why: "CloudFormation rejects the template; and a reference the linter cannot follow hides " +
		"whether a permission, target or grant points at a durable function correctly",
	Fix: "correct the name, or declare the parameter or resource it names",
}

func init() { ruleUnresolvedReference.check = checkUnresolvedReference }

// pseudoParameters are the names CloudFormation defines itself.
var pseudoParameters = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::NoValue": true, "AWS::Partition": true,
	"AWS::Region": true, "AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

func checkUnresolvedReference(t *template) {
	if t.macros {
		return // a macro or Fn::ForEach creates names the linter cannot see
	}
	for _, r := range t.order {
		for _, e := range entries(r.node) {
			p := join(r.path, e.key.Value)
			switch e.key.Value {
			case "Metadata":
				continue
			case "DependsOn":
				for i, d := range items(e.val) {
					name, ok := str(d)
					if !ok {
						continue
					}
					dp := p
					if isSeq(e.val) {
						dp = index(p, i)
					}
					if t.resources[name] == nil && !t.samGenerated(name) {
						t.report(ruleUnresolvedReference, d, dp, t.suggest(name, false),
							"DependsOn names %s, which is not a resource of the template", name)
					}
				}
				continue
			}
			t.checkRefsUnder(e.val, p)
		}
	}
	for _, sec := range []string{"Conditions", "Outputs"} {
		if v := val(t.root, sec); v != nil {
			t.checkRefsUnder(v, sec)
		}
	}
}

func (t *template) checkRefsUnder(n *yaml.Node, path string) {
	walk(n, path, func(n *yaml.Node, p string) bool {
		name, arg, ok := intrinsic(n)
		if !ok {
			return true
		}
		switch name {
		case "Ref":
			if s, ok := str(arg); ok {
				t.checkName(n, p, s, false, "Ref")
			}
		case "Fn::GetAtt":
			if s, ok := str(arg); ok {
				res, _, _ := strings.Cut(s, ".")
				t.checkName(n, p, res, true, "Fn::GetAtt")
			} else if isSeq(arg) && len(arg.Content) > 0 {
				if s, ok := str(arg.Content[0]); ok {
					t.checkName(n, p, s, true, "Fn::GetAtt")
				}
			}
		case "Fn::Sub":
			s, ok := str(arg)
			vars := map[string]bool{}
			if !ok && isSeq(arg) && len(arg.Content) == 2 {
				s, ok = str(arg.Content[0])
				for _, e := range entries(arg.Content[1]) {
					vars[e.key.Value] = true
				}
			}
			if ok {
				for _, pt := range parseSub(s) {
					if pt.kind == refPart && !vars[pt.name] && !(pt.attr != "" && vars[pt.name+"."+pt.attr]) {
						t.checkName(n, p, pt.name, pt.attr != "", "Fn::Sub")
					}
				}
			}
		}
		return true
	})
}

// checkName reports a name that is neither a parameter, a resource nor a
// pseudo parameter; getAtt requires a resource.
func (t *template) checkName(n *yaml.Node, p, name string, getAtt bool, fn string) {
	if t.resources[name] != nil || t.samGenerated(name) {
		return
	}
	if !getAtt && strings.Contains(name, ".") && t.sam {
		if base, _, _ := strings.Cut(name, "."); t.resources[base] != nil {
			return // SAM's resource reference: !Ref Fn.Alias
		}
	}
	switch {
	case getAtt && t.params[name] != nil:
		t.report(ruleUnresolvedReference, n, p, "reference the parameter with Ref, or name a resource",
			"%s names %s, a parameter: only resources have attributes", fn, name)
	case getAtt:
		t.report(ruleUnresolvedReference, n, p, t.suggest(name, false),
			"%s names %s, which is not a resource of the template", fn, name)
	case t.params[name] != nil || pseudoParameters[name]:
	default:
		t.report(ruleUnresolvedReference, n, p, t.suggest(name, true),
			"%s names %s, which is neither a parameter, a resource nor a pseudo parameter", fn, name)
	}
}

// samGenerated reports whether a name is one SAM's transform creates: the
// resources it derives from an AWS::Serverless::* resource take that
// resource's logical ID as a prefix (FnRole, FnAliaslive, FnVersion…,
// FnEventPermission), and the implicit APIs start with "Serverless".
func (t *template) samGenerated(name string) bool {
	if !t.sam {
		return false
	}
	if strings.HasPrefix(name, "Serverless") {
		return true
	}
	for _, r := range t.order {
		if strings.HasPrefix(r.typ, "AWS::Serverless::") && strings.HasPrefix(name, r.id) {
			return true
		}
	}
	return false
}

// suggest proposes the closest declared name.
func (t *template) suggest(name string, params bool) string {
	best, bestD := "", 4
	try := func(c string) {
		d := diag.EditDistance(name, c)
		if strings.HasPrefix(c, name) {
			d = min(d, 2) // a name cut short
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	for _, r := range t.order {
		try(r.id)
	}
	if params {
		for _, p := range t.paramIDs {
			try(p)
		}
	}
	if best != "" {
		return "did you mean " + best + "?"
	}
	return "declare it, or correct the name"
}
