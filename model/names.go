package model

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// Namespaces of logical IDs: resources and parameters share one (both are
// what Ref names); outputs, mappings and conditions have their own. Policy
// names on roles the stack does not own have one too: the part of the name
// that comes from the logical ID (see stackPolicyName).
const (
	nsResource   = "resource"
	nsOutput     = "output"
	nsMapping    = "mapping"
	nsCondition  = "condition"
	nsPolicyName = "policy name part"
)

// allocator hands out every logical ID of the template and refuses a
// second owner of one, naming both.
type allocator struct {
	f     *spec.File
	owner map[string]map[string]owner // namespace → ID → who has it
	// prefixes are version ID prefixes: each is followed by 10 hex digits.
	prefixes map[string]owner
	// versionLike are the resource IDs that end in 10 hex digits, the
	// only ones a prefix taken later can collide with.
	versionLike []string
	diags       diag.List
}

type owner struct {
	what string // "the role of function Orders"
	path string // the spec field it comes from
}

func newAllocator(f *spec.File) *allocator {
	return &allocator{f: f, owner: map[string]map[string]owner{}, prefixes: map[string]owner{}}
}

// take allocates id in namespace ns for what, written at path.
func (a *allocator) take(ns, id, what, path string) string {
	m := a.owner[ns]
	if m == nil {
		m = map[string]owner{}
		a.owner[ns] = m
	}
	o := owner{what: what, path: path}
	if prev, taken := m[id]; taken {
		a.collision(ns, id, prev, o)
		return id
	}
	if head, ok := versionHead(id); ok && ns == nsResource {
		if prev, taken := a.prefixes[head]; taken {
			a.collision(ns, id, prev, o)
		}
		a.versionLike = append(a.versionLike, id)
	}
	if len(id) > facts.MaxLogicalIDLength {
		a.diags.Errorf(spec.CodeLimit, a.f.Pos(path), path, "shorten the names it is made of",
			"the logical ID of %s is %d characters, over CloudFormation's %d", what, len(id), facts.MaxLogicalIDLength)
	}
	m[id] = o
	return id
}

// takePrefix allocates a version ID prefix: every ID made of it and 10 hex
// digits.
func (a *allocator) takePrefix(prefix, what, path string) string {
	o := owner{what: what, path: path}
	for _, id := range a.versionLike {
		if head, _ := versionHead(id); head == prefix {
			a.collision(nsResource, id, a.owner[nsResource][id], o)
		}
	}
	a.prefixes[prefix] = o
	return prefix
}

// versionHead returns what precedes the last 10 characters of id when
// they are lowercase hex digits, as a version ID ends (VersionID): the
// prefix the ID would be a version of.
func versionHead(id string) (string, bool) {
	n := len(id) - 10
	if n < 0 {
		return "", false
	}
	for i := n; i < len(id); i++ {
		if c := id[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return "", false
		}
	}
	return id[:n], true
}

func (a *allocator) collision(ns, id string, first, second owner) {
	a.diags.Errorf(spec.CodeCollision, a.f.Pos(second.path), second.path,
		"rename one of them: "+first.path+" or "+second.path,
		"%s and %s would both be the %s %s (the first from %s)", first.what, second.what, ns, id, first.path)
}

// count returns how many IDs a namespace holds.
func (a *allocator) count(ns string) int {
	return len(a.owner[ns]) + map[bool]int{true: len(a.prefixes)}[ns == nsResource]
}

// has reports whether id is taken in ns, and by whom.
func (a *allocator) has(ns, id string) (owner, bool) {
	o, ok := a.owner[ns][id]
	return o, ok
}

// SpecPath is the spec field a resource's logical ID comes from (such as
// resources.Table or functions.Orders.events.Nightly), or "" for an ID the
// template does not hold.
func (a *App) SpecPath(id string) string {
	if a.names == nil {
		return ""
	}
	if o, ok := a.names.has(nsResource, id); ok {
		return o.path
	}
	if head, ok := versionHead(id); ok {
		if o, ok := a.names.prefixes[head]; ok {
			return o.path
		}
	}
	return ""
}

// aliasIDPart writes an alias name into a logical ID as SAM does:
// "-" becomes "D" and "_" becomes "U".
func aliasIDPart(alias string) string {
	return strings.NewReplacer("-", "D", "_", "U").Replace(alias)
}

// kindID writes a grant kind into a logical ID: "callback-sender" →
// "CallbackSender".
func kindID(k string) string {
	var b strings.Builder
	for _, part := range strings.Split(k, "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func describe(kind, fn string) string { return "the " + kind + " of function " + fn }
