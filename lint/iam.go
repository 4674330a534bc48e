package lint

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/facts"
)

// The IAM side of a template: which role each durable function runs as,
// what is attached to each role (managed policies, inline and separate
// policy documents), and every policy statement.

// role is an execution role: an AWS::IAM::Role of the template, or the role
// SAM creates for an AWS::Serverless::Function without Role.
type role struct {
	// id is the logical ID ("<Fn>Role" for SAM's implicit role).
	id  string
	res *resource
	// samFn is the SAM function whose role SAM creates; nil otherwise.
	samFn   *resource
	managed []managedRef
	docs    []*policyDoc
	// unknown is set when something attached cannot be read (an
	// intrinsic ManagedPolicyArns or Policies), so a missing grant may be
	// there after all.
	unknown bool
	// users are the durable functions that run as this role.
	users []*function
}

// managedRef is one entry of ManagedPolicyArns (or a string of SAM's
// Policies).
type managedRef struct {
	e    expr
	node *yaml.Node
	path string
	// bare is set for SAM Policies entries, which may name an AWS managed
	// policy without its ARN.
	bare bool
	// doc is the document of a customer managed policy of the template.
	doc *policyDoc
}

// policyDoc is one policy document and the roles it is attached to.
type policyDoc struct {
	owner *resource
	path  string
	stmts []*statement
	roles []*role
}

// statement is one policy statement.
type statement struct {
	node      *yaml.Node
	path      string
	allow     bool
	actions   []valueAt
	notAction bool
	// opaqueAction is set when Action is an intrinsic.
	opaqueAction bool
	resources    []resourceAt
	notResource  bool
	// opaqueResource is set when Resource is an intrinsic.
	opaqueResource bool
}

// valueAt is a literal value of a list and where it stands.
type valueAt struct {
	s    string
	node *yaml.Node
	path string
}

// resourceAt is one Resource entry.
type resourceAt struct {
	e    expr
	node *yaml.Node
	path string
}

type iamModel struct {
	roles    map[string]*role
	implicit map[string]*role // SAM's implicit roles, by "<Fn>Role"
	byName   map[string]*role // by literal RoleName
	docs     []*policyDoc
	// fnRole is the role of each durable function, by its logical ID; nil
	// when the role is outside the template.
	fnRole map[string]*role
}

func buildIAM(t *template) *iamModel {
	m := &iamModel{roles: map[string]*role{}, implicit: map[string]*role{}, byName: map[string]*role{}, fnRole: map[string]*role{}}
	managedDocs := map[string]*policyDoc{}
	for _, r := range t.order {
		switch r.typ {
		case typeRole:
			ro := &role{id: r.id, res: r}
			m.roles[r.id] = ro
			if s, ok := str(val(r.props, "RoleName")); ok && s != "" {
				m.byName[s] = ro
			}
		case typeSAMFunction:
			if k, v := r.prop("Role"); k == nil || isNoValue(v) {
				id := r.id + "Role"
				m.implicit[id] = &role{id: id, samFn: r}
			}
		}
	}
	for _, r := range t.order {
		switch r.typ {
		case typeRole:
			ro := m.roles[r.id]
			if k, v := r.prop("ManagedPolicyArns"); k != nil && !isNoValue(v) {
				if isSeq(v) && !isCustomTag(v.Tag) {
					p := r.propPath("ManagedPolicyArns")
					for i, it := range v.Content {
						ro.managed = append(ro.managed, managedRef{e: eval(it), node: it, path: index(p, i)})
					}
				} else {
					ro.unknown = true
				}
			}
			if k, v := r.prop("Policies"); k != nil && !isNoValue(v) {
				if isSeq(v) && !isCustomTag(v.Tag) {
					p := r.propPath("Policies")
					for i, it := range v.Content {
						if d := m.doc(r, val(it, "PolicyDocument"), index(p, i)+".PolicyDocument"); d != nil {
							m.attach(d, ro)
						} else {
							ro.unknown = true
						}
					}
				} else {
					ro.unknown = true
				}
			}
		case typePolicy, typeManagedPolicy:
			d := m.doc(r, val(r.props, "PolicyDocument"), r.propPath("PolicyDocument"))
			if d == nil {
				continue
			}
			if r.typ == typeManagedPolicy {
				managedDocs[r.id] = d
			}
			for _, it := range items(val(r.props, "Roles")) {
				if ro := m.roleNamed(eval(it)); ro != nil {
					m.attach(d, ro)
				}
			}
		case typeRolePolicy:
			d := m.doc(r, val(r.props, "PolicyDocument"), r.propPath("PolicyDocument"))
			if d == nil {
				continue
			}
			if ro := m.roleNamed(eval(val(r.props, "RoleName"))); ro != nil {
				m.attach(d, ro)
			}
		case typeSAMFunction:
			ro := m.implicit[r.id+"Role"]
			if ro == nil {
				continue // SAM ignores Policies when Role is set
			}
			m.samPolicies(r, ro)
		}
	}
	// Customer managed policies listed by reference in ManagedPolicyArns.
	for _, ro := range m.roles {
		for i, mr := range ro.managed {
			if len(mr.e) == 1 && mr.e[0].kind == refPart && mr.e[0].attr == "" {
				if d := managedDocs[mr.e[0].name]; d != nil {
					ro.managed[i].doc = d
					m.attach(d, ro)
				}
			}
		}
	}
	for _, fn := range t.fnOrder {
		ro := m.roleOf(t, fn)
		m.fnRole[fn.id()] = ro
		if ro != nil {
			ro.users = append(ro.users, fn)
		}
	}
	return m
}

// samPolicies reads an AWS::Serverless::Function's Policies: managed
// policy names or ARNs, inline policy documents, and SAM policy templates
// (whose statements SAM writes correctly, and which are skipped).
func (m *iamModel) samPolicies(r *resource, ro *role) {
	k, v := r.prop("Policies")
	if k == nil || isNoValue(v) {
		return
	}
	p := r.propPath("Policies")
	list := []*yaml.Node{v}
	paths := []string{p}
	if isSeq(v) && !isCustomTag(v.Tag) {
		list, paths = v.Content, nil
		for i := range v.Content {
			paths = append(paths, index(p, i))
		}
	}
	for i, it := range list {
		switch {
		case isMap(it) && !isIntrinsic(it) && val(it, "Statement") != nil:
			if d := m.doc(r, it, paths[i]); d != nil {
				m.attach(d, ro)
			}
		case isMap(it) && !isIntrinsic(it):
			// a SAM policy template, e.g. {SQSPollerPolicy: {QueueName: …}}
		default:
			e := eval(it)
			if e.opaque() {
				ro.unknown = true
			}
			ro.managed = append(ro.managed, managedRef{e: e, node: it, path: paths[i], bare: true})
		}
	}
}

// roleNamed finds the role an entry of a policy's Roles (a role name)
// stands for: Ref to a role of the template, SAM's implicit role, or a
// literal RoleName.
func (m *iamModel) roleNamed(e expr) *role {
	if len(e) == 1 && e[0].kind == refPart && e[0].attr == "" {
		if ro := m.roles[e[0].name]; ro != nil {
			return ro
		}
		return m.implicit[e[0].name]
	}
	if s, ok := e.literal(); ok {
		return m.byName[s]
	}
	return nil
}

// roleOf finds the role a durable function runs as, nil when it is outside
// the template.
func (m *iamModel) roleOf(t *template, fn *function) *role {
	k, v := fn.res.prop("Role")
	if k == nil || isNoValue(v) {
		if fn.sam {
			return m.implicit[fn.id()+"Role"]
		}
		return nil
	}
	e := eval(v)
	for i, p := range e {
		if p.kind != refPart {
			continue
		}
		byRef := m.roles[p.name]
		if byRef == nil {
			byRef = m.implicit[p.name]
		}
		switch {
		case byRef != nil && p.attr == "Arn":
			return byRef
		case byRef != nil && p.attr == "" && i > 0 && e[i-1].kind == litPart && strings.HasSuffix(e[i-1].text, "role/"):
			return byRef // arn:…:role/${Role}
		}
	}
	if s, ok := e.literal(); ok {
		if i := strings.LastIndexByte(s, '/'); i >= 0 {
			return m.byName[s[i+1:]]
		}
	}
	return nil
}

func (m *iamModel) attach(d *policyDoc, ro *role) {
	for _, x := range d.roles {
		if x == ro {
			return
		}
	}
	d.roles = append(d.roles, ro)
	ro.docs = append(ro.docs, d)
}

// doc reads a policy document; nil when it is not a mapping.
func (m *iamModel) doc(owner *resource, n *yaml.Node, p string) *policyDoc {
	if !isMap(n) || isIntrinsic(n) {
		return nil
	}
	d := &policyDoc{owner: owner, path: p}
	sk, sv := get(n, "Statement")
	if sk == nil {
		m.docs = append(m.docs, d)
		return d
	}
	sp := join(p, "Statement")
	list := []*yaml.Node{sv}
	paths := []string{sp}
	if isSeq(sv) && !isCustomTag(sv.Tag) {
		list, paths = sv.Content, nil
		for i := range sv.Content {
			paths = append(paths, index(sp, i))
		}
	}
	for i, s := range list {
		if !isMap(s) || isIntrinsic(s) {
			continue
		}
		d.stmts = append(d.stmts, readStatement(s, paths[i]))
	}
	m.docs = append(m.docs, d)
	return d
}

func readStatement(s *yaml.Node, p string) *statement {
	st := &statement{node: s, path: p}
	eff, _ := str(val(s, "Effect"))
	st.allow = eff == "Allow"
	key := "Action"
	if k, _ := get(s, "NotAction"); k != nil {
		key, st.notAction = "NotAction", true
	}
	if _, v := get(s, key); v != nil {
		ap := join(p, key)
		if isIntrinsic(v) {
			st.opaqueAction = true
		}
		for i, it := range items(v) {
			ip := ap
			if isSeq(v) {
				ip = index(ap, i)
			}
			if a, ok := str(it); ok {
				st.actions = append(st.actions, valueAt{s: a, node: it, path: ip})
			} else {
				st.opaqueAction = true
			}
		}
	}
	key = "Resource"
	if k, _ := get(s, "NotResource"); k != nil {
		key, st.notResource = "NotResource", true
	}
	if _, v := get(s, key); v != nil {
		rp := join(p, key)
		if isIntrinsic(v) && !isStringIntrinsic(v) {
			st.opaqueResource = true
		} else {
			for i, it := range items(v) {
				ip := rp
				if isSeq(v) && !isCustomTag(v.Tag) {
					ip = index(rp, i)
				}
				st.resources = append(st.resources, resourceAt{e: eval(it), node: it, path: ip})
			}
		}
	}
	return st
}

// isStringIntrinsic reports whether an intrinsic yields one string (Ref,
// GetAtt, Sub, Join), as opposed to one that may yield a list.
func isStringIntrinsic(n *yaml.Node) bool {
	name, _, ok := intrinsic(n)
	return ok && (name == "Ref" || name == "Fn::GetAtt" || name == "Fn::Sub" || name == "Fn::Join")
}

// allows reports whether an Allow statement grants an action. A lenient
// check counts what cannot be read (an intrinsic Action) as granted.
func (st *statement) allows(action string, lenient bool) bool {
	if !st.allow {
		return false
	}
	if st.opaqueAction {
		return lenient
	}
	matched := false
	for _, a := range st.actions {
		if matchAction(a.s, action) {
			matched = true
			break
		}
	}
	return matched != st.notAction
}

// namesDurable returns the statement's action patterns that name durable
// actions on purpose (the word "Durable" in them, not a wildcard such as
// lambda:*), with the durable actions each matches.
func (st *statement) namesDurable() []valueAt {
	if !st.allow || st.notAction {
		return nil
	}
	var out []valueAt
	for _, a := range st.actions {
		if strings.Contains(strings.ToLower(a.s), "durable") {
			out = append(out, a)
		}
	}
	return out
}

// matchAction matches an IAM action pattern (with * and ?) against an
// action, ignoring case as IAM does.
func matchAction(pattern, action string) bool {
	return glob(strings.ToLower(pattern), strings.ToLower(action))
}

// glob matches s against a pattern where * is any run and ? any one
// character.
func glob(p, s string) bool {
	px, sx := 0, 0
	starP, starS := -1, 0
	for sx < len(s) {
		switch {
		case px < len(p) && (p[px] == '?' || p[px] == s[sx]):
			px++
			sx++
		case px < len(p) && p[px] == '*':
			starP, starS = px, sx
			px++
		case starP >= 0:
			px = starP + 1
			starS++
			sx = starS
		default:
			return false
		}
	}
	for px < len(p) && p[px] == '*' {
		px++
	}
	return px == len(p)
}

// isManagedPolicy reports whether a ManagedPolicyArns entry is the AWS
// managed policy of a name (facts.DurableManagedPolicyName …), in any
// partition, literal or ${AWS::Partition}. A bare entry (SAM Policies) may
// also be the policy's name without its path.
func isManagedPolicy(mr managedRef, name string) bool {
	s := mr.e.String()
	if mr.bare && s == path.Base(name) {
		return true
	}
	if !strings.HasPrefix(s, "arn:") {
		return false
	}
	partition := s[len("arn:"):]
	if strings.HasPrefix(partition, "${") {
		end := strings.IndexByte(partition, '}')
		if end < 0 {
			return false
		}
		partition = partition[:end+1]
	} else if i := strings.IndexByte(partition, ':'); i >= 0 {
		partition = partition[:i]
	}
	return s == facts.ManagedPolicyARN(partition, name)
}

// hasManaged reports whether a role carries an AWS managed policy; SAM's
// implicit role of a durable function always carries the durable one.
func (ro *role) hasManaged(t *template, name string) bool {
	if ro.samFn != nil && name == facts.DurableManagedPolicyName && t.fns[ro.samFn.id] != nil {
		return true
	}
	for _, mr := range ro.managed {
		if isManagedPolicy(mr, name) {
			return true
		}
	}
	return false
}

// where names a role in messages.
func (ro *role) where() string {
	if ro.samFn != nil {
		return "the role SAM creates for " + ro.samFn.id
	}
	return "role " + ro.id
}
