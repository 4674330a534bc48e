package lint

import (
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleMisspelledAction = &Rule{
	ID:       "DL402",
	Name:     "misspelled-action",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "a lambda: action that IAM does not define, where it looks durable or stands in a statement of durable actions",
	Why: "IAM accepts an unknown action silently and grants nothing, so the durable function or the " +
		"principal is denied at run time",
	Fix: "write the action IAM defines (the finding names the nearest one, e.g. lambda:CheckpointDurableExecution)",
}

func init() { ruleMisspelledAction.check = checkMisspelledAction }

// actionFix is what an unknown action should be: the action meant (a
// known misspelling, or the nearest Lambda action close enough to be a
// typo), or "" when there is no single one.
type actionFix struct {
	// nearest is the closest action IAM defines, for the message.
	nearest string
	// meant is the action to write instead; "" when the name is too far
	// from any real one to be a typo (or a known invention with no
	// replacement).
	meant string
}

// maxTypoDistance is the largest edit distance at which an unknown action
// is taken as a typo of the nearest real one (and --fix corrects it).
const maxTypoDistance = 3

// unknownAction reports whether a written action is one DL402 flags, and
// the fix. durable says whether its statement names durable actions on
// purpose.
func unknownAction(s string, durable bool) (actionFix, bool) {
	prefix := len(facts.LambdaServicePrefix)
	if len(s) < prefix || !strings.EqualFold(s[:prefix], facts.LambdaServicePrefix) {
		return actionFix{}, false // every action DL402 knows is Lambda's
	}
	lower := strings.ToLower(s)
	if meant, known := misspellings()[lower]; known {
		return actionFix{nearest: meant, meant: meant}, true
	}
	looksDurable := strings.Contains(lower, "durable")
	if strings.ContainsAny(s, "*?") {
		if !looksDurable {
			return actionFix{}, false
		}
		for _, a := range facts.LambdaActions() {
			if matchAction(s, a) {
				return actionFix{}, false
			}
		}
		return actionFix{nearest: nearestAction(s)}, true
	}
	if (!looksDurable && !durable) || lambdaActions()[lower] {
		return actionFix{}, false
	}
	near := nearestAction(s)
	f := actionFix{nearest: near}
	if diag.EditDistance(s, near) <= maxTypoDistance {
		f.meant = near
	}
	return f, true
}

// misspellings and lambdaActions are facts.Misspellings and
// facts.LambdaActions by lowercase name, built once: DL402 looks up every
// action of every statement.
var (
	misspellings = sync.OnceValue(func() map[string]string {
		m := map[string]string{}
		for bad, good := range facts.Misspellings() {
			m[strings.ToLower(bad)] = good
		}
		return m
	})
	lambdaActions = sync.OnceValue(func() map[string]bool {
		m := map[string]bool{}
		for _, a := range facts.LambdaActions() {
			m[strings.ToLower(a)] = true
		}
		return m
	})
)

// nearestAction is the Lambda action closest to s (the first of equals,
// in the list's order).
func nearestAction(s string) string {
	best, bestD := "", 1<<30
	for _, a := range facts.LambdaActions() {
		if d := diag.EditDistance(s, a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

// statementIsDurable reports whether a statement's Action list names a
// durable action on purpose (the word "durable" in a pattern that matches
// one of the nine).
func statementIsDurable(actions *yaml.Node) bool {
	for _, it := range items(actions) {
		s, ok := str(it)
		if !ok || !strings.Contains(strings.ToLower(s), "durable") {
			continue
		}
		for _, a := range facts.DurableActions() {
			if matchAction(s, a) {
				return true
			}
		}
	}
	return false
}

func checkMisspelledAction(t *template) {
	visit := func(n *yaml.Node, p string) bool {
		for _, key := range []string{"Action", "NotAction"} {
			k, v := get(n, key)
			if k == nil || isIntrinsic(n) {
				continue
			}
			durable := statementIsDurable(v)
			vp := join(p, key)
			for i, it := range items(v) {
				s, ok := str(it)
				if !ok {
					continue
				}
				f, bad := unknownAction(s, durable)
				if !bad {
					continue
				}
				ip := vp
				if isSeq(v) {
					ip = index(vp, i)
				}
				fix := "remove it: no action of that name exists; see " + ruleMisspelledAction.DocsURL() + " for what to grant instead"
				switch {
				case f.meant != "":
					fix = "write " + f.meant
				case f.nearest != "":
					fix = "write the action IAM defines that you meant (the nearest is " + f.nearest + "), or remove it"
				}
				t.report(ruleMisspelledAction, it, ip, fix, "%s is not an IAM action: it grants nothing", s)
				if f.meant != "" {
					if e, ok := t.replaceIn(it, s, f.meant); ok {
						t.propose(e)
					}
				}
			}
		}
		return true
	}
	for _, r := range t.order {
		walk(r.props, r.path+".Properties", visit)
	}
	if t.globalsFn != nil {
		walk(t.globalsFn, "Globals.Function", visit)
	}
}
