package lint

import (
	"github.com/durablefn/durablefn/facts"
)

// Shared by the grant-scope rules (DL404, DL405, DL406): which durable
// actions a statement names, and the functions its resources point at.

// namedActions returns the durable actions of a scope that an Allow
// statement names on purpose (see statement.namesDurable), and the
// patterns as written.
func namedActions(st *statement, scope facts.Scope) (actions []string, written []string) {
	seen := map[string]bool{}
	for _, a := range st.namesDurable() {
		matched := false
		for _, x := range facts.DurableActions() {
			if sc, _ := facts.ActionScope(x); sc == scope && matchAction(a.s, x) {
				matched = true
				if !seen[x] {
					seen[x] = true
					actions = append(actions, x)
				}
			}
		}
		if matched {
			written = append(written, a.s)
		}
	}
	return actions, written
}

// eachScopedGroup calls f for each function that an Allow statement with
// Resource names, when the statement names durable actions of scope (as
// written), one call per function.
func (t *template) eachScopedGroup(scope facts.Scope, f func(written []string, g *refGroup)) {
	for _, d := range t.iam.docs {
		for _, st := range d.stmts {
			if st.notResource {
				continue
			}
			actions, written := namedActions(st, scope)
			if len(actions) == 0 {
				continue
			}
			groups, ok := t.groupByFunction(st)
			if !ok {
				continue
			}
			for _, g := range groups {
				f(written, g)
			}
		}
	}
}

// refGroup is every Resource entry of one statement that points at one
// function.
type refGroup struct {
	key  string
	fn   *function
	ext  string
	refs []fnRef
	at   []resourceAt
}

// groupByFunction groups a statement's Resource entries by the function
// they point at: durable functions of the template and functions known
// only by a literal ARN (whose durability is unknown). Functions of the
// template that are not durable are left out. ok is false when a
// resource is "*", which matches everything.
func (t *template) groupByFunction(st *statement) (groups []*refGroup, ok bool) {
	byKey := map[string]*refGroup{}
	for _, r := range st.resources {
		if s, lit := r.e.literal(); lit && s == "*" {
			return nil, false
		}
		for _, ref := range t.targets(r.e) {
			if ref.lambda != nil && ref.fn == nil {
				continue
			}
			key := "fn:" + ref.target()
			if ref.fn == nil {
				key = "ext:" + ref.external
			}
			g := byKey[key]
			if g == nil {
				g = &refGroup{key: key, fn: ref.fn, ext: ref.external}
				byKey[key] = g
				groups = append(groups, g)
			}
			g.refs = append(g.refs, ref)
			g.at = append(g.at, r)
		}
	}
	return groups, true
}

// name is the function of a group for messages.
func (g *refGroup) name() string {
	if g.fn != nil {
		return g.fn.id()
	}
	return g.ext
}

// arn is the group's unqualified function ARN as a Fn::Sub string, for fixes.
func (g *refGroup) arn() string {
	if g.fn != nil {
		return "${" + g.fn.id() + ".Arn}"
	}
	for i, r := range g.refs {
		if s, ok := g.at[i].e.literal(); ok && r.external != "" {
			if m := literalFunctionRE.FindStringIndex(s); m != nil {
				return s[:m[1]]
			}
		}
	}
	return "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + g.ext
}
