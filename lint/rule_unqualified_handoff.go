package lint

import (
	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

var ruleUnqualifiedHandoff = &Rule{
	ID:       "DL309",
	Name:     "unqualified-handoff",
	Severity: diag.Warning,
	Summary: "the unqualified ARN or name of a durable function, or its $LATEST, handed to callers (Outputs, " +
		"another function's environment, a state machine, an EventBridge or Scheduler input) with no alias or version beside it",
	Why: "a caller invokes what it is handed, and Lambda refuses to invoke a durable function through its " +
		"unqualified ARN; $LATEST runs unpublished code that the next deploy changes under running executions",
	Fix: "hand callers the alias ARN instead (or beside it)",
}

func init() { ruleUnqualifiedHandoff.check = checkUnqualifiedHandoff }

// handoff is one place a template hands values to callers: all the
// Outputs, one function's environment, one state machine, one rule or
// schedule. A durable function handed unqualified is reported unless the
// same place also hands a qualified form of it.
type handoff struct {
	// owner is the function whose environment it is: handing a function
	// its own ARN is no handoff.
	owner  *function
	values []handoffValue
}

type handoffValue struct {
	n    *yaml.Node
	path string
	name string // "output WorkflowArn", for messages
}

func checkUnqualifiedHandoff(t *template) {
	if len(t.fnOrder) == 0 {
		return
	}
	for _, h := range t.handoffs() {
		type seen struct {
			unqualified []handoffValue
			refs        []fnRef
			qualified   bool
		}
		byFn := map[*function]*seen{}
		var order []*function
		for _, v := range h.values {
			for _, ref := range t.targets(eval(v.n)) {
				if ref.fn == nil || ref.fn == h.owner {
					continue
				}
				s := byFn[ref.fn]
				if s == nil {
					s = &seen{}
					byFn[ref.fn] = s
					order = append(order, ref.fn)
				}
				switch ref.qual {
				case qualNone, qualLatest:
					if endsName(ref.tail) {
						s.unqualified = append(s.unqualified, v)
						s.refs = append(s.refs, ref)
					}
				case qualAll:
				default:
					s.qualified = true
				}
			}
		}
		for _, fn := range order {
			s := byFn[fn]
			if s.qualified {
				continue
			}
			for i, v := range s.unqualified {
				form := "the unqualified ARN or name"
				if s.refs[i].qual == qualLatest {
					form = "$LATEST"
				}
				t.report(ruleUnqualifiedHandoff, v.n, v.path, t.handoffFix(fn),
					"%s hands callers %s of durable function %s, and no alias or version: a caller that invokes it is refused",
					v.name, form, fn.id())
			}
		}
	}
}

// handoffFix says what to hand out instead.
func (t *template) handoffFix(fn *function) string {
	alias := "!Ref <alias>"
	switch {
	case fn.sam && fn.autoAlias != "":
		alias = "!Ref " + fn.id() + ".Alias"
	case len(fn.aliases) > 0:
		alias = "!Ref " + fn.aliases[0].id
	}
	return t.fixFor(
		"hand out the alias ARN ("+alias+") instead of, or beside, the function's",
		"hand out the alias ARN ("+alias+"; set AutoPublishAlias when there is none) instead of, or beside, the function's",
		"in the CDK app, hand out alias.functionArn (a lambda.Alias on fn.currentVersion) instead of fn.functionArn",
	)
}

// handoffs lists where the template hands values to callers.
func (t *template) handoffs() []handoff {
	var out []handoff
	outputs := handoff{}
	for _, e := range entries(val(t.root, "Outputs")) {
		k, v := get(e.val, "Value")
		if k == nil {
			continue
		}
		outputs.values = append(outputs.values, handoffValue{n: v, path: "Outputs." + e.key.Value + ".Value", name: "output " + e.key.Value})
	}
	if len(outputs.values) > 0 {
		out = append(out, outputs)
	}
	for _, r := range t.order {
		switch {
		case r.isFunction():
			h := handoff{owner: t.fns[r.id]}
			vars := val(val(r.props, "Environment"), "Variables")
			for _, e := range entries(vars) {
				h.values = append(h.values, handoffValue{n: e.val, path: r.propPath("Environment") + ".Variables." + e.key.Value, name: "variable " + e.key.Value + " of function " + r.id})
			}
			if len(h.values) > 0 {
				out = append(out, h)
			}
		case r.typ == "AWS::StepFunctions::StateMachine" || r.typ == "AWS::Serverless::StateMachine":
			h := handoff{}
			for _, prop := range []string{"DefinitionSubstitutions", "Definition", "DefinitionString"} {
				_, v := r.prop(prop)
				walk(v, r.propPath(prop), func(n *yaml.Node, p string) bool {
					if isIntrinsic(n) || n.Kind == yaml.ScalarNode {
						h.values = append(h.values, handoffValue{n: n, path: p, name: lastKey(p) + " of state machine " + r.id})
						return false
					}
					return true
				})
			}
			if len(h.values) > 0 {
				out = append(out, h)
			}
		case r.typ == "AWS::Events::Rule":
			_, targets := r.prop("Targets")
			for i, tg := range items(targets) {
				h := handoff{}
				p := index(r.propPath("Targets"), i)
				if _, in := get(tg, "Input"); in != nil {
					h.values = append(h.values, handoffValue{n: in, path: p + ".Input", name: "the input of rule " + r.id})
				}
				if _, in := get(val(tg, "InputTransformer"), "InputTemplate"); in != nil {
					h.values = append(h.values, handoffValue{n: in, path: p + ".InputTransformer.InputTemplate", name: "the input template of rule " + r.id})
				}
				if len(h.values) > 0 {
					out = append(out, h)
				}
			}
		case r.typ == "AWS::Scheduler::Schedule":
			if _, in := get(val(r.props, "Target"), "Input"); in != nil {
				out = append(out, handoff{
					values: []handoffValue{{n: in, path: r.propPath("Target") + ".Input", name: "the input of schedule " + r.id}}})
			}
		}
	}
	return out
}

// lastKey is the last key of a property path, for messages.
func lastKey(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '.' {
			return p[i+1:]
		}
	}
	return p
}
