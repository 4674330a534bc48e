package templatecmp

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Options controls Diff.
type Options struct {
	// Rules are applied, in order, to both templates before they are compared.
	// Default: none (the templates are compared as parsed).
	Rules []Rule
	// WantName and GotName label the two templates in the messages.
	// Default: "want" and "got".
	WantName, GotName string
}

// Diff compares two templates after normalizing both with opts.Rules and
// returns one human-readable line per difference, in a stable order; an empty
// result means the templates are equal. A difference inside a resource is
// reported as
//
//	Orders (AWS::Lambda::Function): Properties.DurableConfig.ExecutionTimeout: want 3600, got 7200
//
// folded permissions (see IAMPermissions) as
//
//	IAM permissions of role:OrdersRole: only in got: Allow lambda:InvokeFunction on *
//
// and lists that differ in length by the items found in only one of them.
func Diff(want, got Template, opts Options) []string {
	d := differ{want: opts.WantName, got: opts.GotName}
	if d.want == "" {
		d.want = "want"
	}
	if d.got == "" {
		d.got = "got"
	}
	a := Normalize(want, opts.Rules...).root
	b := Normalize(got, opts.Rules...).root
	for _, k := range unionKeys(a, b) {
		av, inA := a[k]
		bv, inB := b[k]
		switch {
		case k == SharedPolicyNamesKey:
			d.policyNames(av, bv)
		case !inA || !inB:
			d.compare(pathKey("", k), av, bv, inA, inB)
		case k == "Resources":
			d.resources(av, bv)
		case k == PermissionsKey:
			d.permissions(av, bv)
		default:
			d.compare(pathKey("", k), av, bv, true, true)
		}
	}
	return d.out
}

// AssertEquivalent fails the test, listing every difference, unless want and
// got are equal after normalizing both with opts.Rules. It returns whether
// they are.
func AssertEquivalent(t testing.TB, want, got Template, opts Options) bool {
	t.Helper()
	diffs := Diff(want, got, opts)
	if len(diffs) == 0 {
		return true
	}
	names := make([]string, len(opts.Rules))
	for i, r := range opts.Rules {
		names[i] = r.Name()
	}
	rules := "none"
	if len(names) > 0 {
		rules = strings.Join(names, ", ")
	}
	t.Errorf("templates differ in %d place(s) after normalization (rules: %s):\n  %s",
		len(diffs), rules, strings.Join(diffs, "\n  "))
	return false
}

// MustParse parses a template or fails the test.
func MustParse(t testing.TB, data []byte) Template {
	t.Helper()
	tpl, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

type differ struct {
	want, got string
	out       []string
}

func (d *differ) addf(format string, args ...any) {
	d.out = append(d.out, fmt.Sprintf(format, args...))
}

func (d *differ) resources(av, bv any) {
	am, aok := av.(map[string]any)
	bm, bok := bv.(map[string]any)
	if !aok || !bok {
		d.compare("Resources", av, bv, true, true)
		return
	}
	for _, id := range unionKeys(am, bm) {
		ar, inA := am[id]
		br, inB := bm[id]
		switch {
		case !inA:
			d.addf("%s: only in %s", resourceLabel(id, br), d.got)
		case !inB:
			d.addf("%s: only in %s", resourceLabel(id, ar), d.want)
		default:
			at, bt := resourceType(ar), resourceType(br)
			if at != bt {
				d.addf("%s: Type: %s %s, %s %s", id, d.want, show(at), d.got, show(bt))
				continue
			}
			inner := differ{want: d.want, got: d.got}
			inner.compare("", ar, br, true, true)
			for _, line := range inner.out {
				d.addf("%s: %s", resourceLabel(id, ar), line)
			}
		}
	}
}

// policyNames reports the names of SharedPolicyNames, per principal, as
// lists that may repeat a name: one name twice is not one policy.
func (d *differ) policyNames(av, bv any) {
	am, _ := av.(map[string]any)
	bm, _ := bv.(map[string]any)
	for _, p := range unionKeys(am, bm) {
		count := map[string]int{}
		var order []string
		for _, side := range []struct {
			v    any
			sign int
		}{{am[p], 1}, {bm[p], -1}} {
			l, _ := side.v.([]any)
			for _, e := range l {
				n := plain(e)
				if _, ok := count[n]; !ok {
					order = append(order, n)
				}
				count[n] += side.sign
			}
		}
		for _, n := range order {
			for c := count[n]; c > 0; c-- {
				d.addf("policy names on %s: only in %s: %s", p, d.want, n)
			}
			for c := count[n]; c < 0; c++ {
				d.addf("policy names on %s: only in %s: %s", p, d.got, n)
			}
		}
	}
}

func (d *differ) permissions(av, bv any) {
	am, aok := av.(map[string]any)
	bm, bok := bv.(map[string]any)
	if !aok || !bok {
		d.compare(PermissionsKey, av, bv, true, true)
		return
	}
	for _, p := range unionKeys(am, bm) {
		only := func(x, y any, name string) {
			xs, _ := x.([]any)
			set := map[string]bool{}
			if ys, ok := y.([]any); ok {
				for _, e := range ys {
					set[canon(e)] = true
				}
			}
			for _, e := range xs {
				if !set[canon(e)] {
					d.addf("IAM permissions of %s: only in %s: %s", p, name, plain(e))
				}
			}
		}
		only(am[p], bm[p], d.want)
		only(bm[p], am[p], d.got)
	}
}

func resourceType(r any) string {
	m, _ := r.(map[string]any)
	return str(m["Type"])
}

func resourceLabel(id string, r any) string {
	if t := resourceType(r); t != "" {
		return id + " (" + t + ")"
	}
	return id
}

// compare reports the differences between a and b at path. inA and inB say
// whether each side has a value at all.
func (d *differ) compare(path string, a, b any, inA, inB bool) {
	label := path
	if label == "" {
		label = "(whole resource)"
	}
	switch {
	case !inA && !inB:
		return
	case !inA:
		d.addf("%s: only in %s: %s", label, d.got, show(b))
		return
	case !inB:
		d.addf("%s: only in %s: %s", label, d.want, show(a))
		return
	}
	am, aIsMap := a.(map[string]any)
	bm, bIsMap := b.(map[string]any)
	// Two calls of different intrinsics are reported whole, not key by key.
	if aIsMap && bIsMap && (sameKeys(am, bm) || !isIntrinsic(am) && !isIntrinsic(bm)) {
		for _, k := range unionKeys(am, bm) {
			av, inA := am[k]
			bv, inB := bm[k]
			d.compare(pathKey(path, k), av, bv, inA, inB)
		}
		return
	}
	al, aIsList := a.([]any)
	bl, bIsList := b.([]any)
	if aIsList && bIsList {
		d.compareLists(label, path, al, bl)
		return
	}
	if canon(a) != canon(b) {
		d.addf("%s: %s %s, %s %s", label, d.want, show(a), d.got, show(b))
	}
}

func (d *differ) compareLists(label, path string, a, b []any) {
	if canon(a) == canon(b) {
		return
	}
	nested := false
	for _, l := range [][]any{a, b} {
		for _, e := range l {
			switch e.(type) {
			case map[string]any, []any:
				nested = true
			}
		}
	}
	if len(a) == len(b) && nested {
		for i := range a {
			d.compare(fmt.Sprintf("%s[%d]", path, i), a[i], b[i], true, true)
		}
		return
	}
	onlyA, onlyB := multisetDiff(a, b)
	if len(onlyA) == 0 && len(onlyB) == 0 {
		d.addf("%s: same items in another order: %s %s, %s %s", label, d.want, show(a), d.got, show(b))
		return
	}
	for _, e := range onlyA {
		d.addf("%s: only in %s: %s", label, d.want, show(e))
	}
	for _, e := range onlyB {
		d.addf("%s: only in %s: %s", label, d.got, show(e))
	}
}

// isIntrinsic reports whether m is an intrinsic function call.
func isIntrinsic(m map[string]any) bool {
	if len(m) != 1 {
		return false
	}
	for k := range m {
		return k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::")
	}
	return false
}

func sameKeys(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// multisetDiff returns the items of a not matched in b and those of b not
// matched in a, counting repetitions.
func multisetDiff(a, b []any) (onlyA, onlyB []any) {
	count := map[string]int{}
	for _, e := range b {
		count[canon(e)]++
	}
	for _, e := range a {
		k := canon(e)
		if count[k] > 0 {
			count[k]--
			continue
		}
		onlyA = append(onlyA, e)
	}
	count = map[string]int{}
	for _, e := range a {
		count[canon(e)]++
	}
	for _, e := range b {
		k := canon(e)
		if count[k] > 0 {
			count[k]--
			continue
		}
		onlyB = append(onlyB, e)
	}
	return onlyA, onlyB
}

var simpleKey = regexp.MustCompile(`^[A-Za-z0-9_:@-]+$`)

func pathKey(path, key string) string {
	if !simpleKey.MatchString(key) {
		return fmt.Sprintf("%s[%q]", path, key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func unionKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
