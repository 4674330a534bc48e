package lint

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleMisspelledAction = &Rule{
	ID:       "DL402",
	Name:     "misspelled-action",
	Severity: diag.Error,
	Summary:  "an IAM action name from old blog posts that does not exist (lambda:CheckpointDurableExecutions …)",
	Why: "IAM accepts an unknown action silently and grants nothing, so the durable function or the " +
		"principal is denied at run time",
	Fix: "use the action meant (lambda:CheckpointDurableExecution, lambda:ListDurableExecutionsByFunction …)",
}

func init() { ruleMisspelledAction.check = checkMisspelledAction }

func checkMisspelledAction(t *template) {
	wrong := map[string]string{}
	var names []string
	for bad := range facts.Misspellings() {
		names = append(names, bad)
	}
	sort.Strings(names)
	for _, bad := range names {
		wrong[strings.ToLower(bad)] = bad
	}
	visit := func(n *yaml.Node, p string) bool {
		for _, key := range []string{"Action", "NotAction"} {
			k, v := get(n, key)
			if k == nil || isIntrinsic(n) {
				continue
			}
			vp := join(p, key)
			for i, it := range items(v) {
				s, ok := str(it)
				if !ok {
					continue
				}
				bad, found := wrong[strings.ToLower(s)]
				if !found {
					continue
				}
				ip := vp
				if isSeq(v) {
					ip = index(vp, i)
				}
				fix := "remove it: no action of that name exists; see " + ruleMisspelledAction.DocsURL() + " for what to grant instead"
				if good := facts.Misspellings()[bad]; good != "" {
					fix = "write " + good
				}
				t.report(ruleMisspelledAction, it, ip, fix, "%s is not an IAM action: it grants nothing", s)
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
