package lint

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

// Suppression silences the findings of one rule, with the reason why. A
// reason is required.
type Suppression struct {
	// ID is the rule's ID, e.g. "DL104".
	ID string `json:"id"`
	// Reason says why the finding is safe to ignore here.
	Reason string `json:"reason"`
	// Resources limits a project-wide suppression (Config.Ignore) to
	// these logical IDs. Default: every resource. Unused in Metadata, where
	// a resource's suppression covers that resource.
	Resources []string `json:"resources,omitempty"`
}

// Suppressed is a finding silenced by a suppression.
type Suppressed struct {
	diag.Diagnostic
	// Reason is the suppression's reason.
	Reason string `json:"reason"`
	// Source is where the suppression is written: a Metadata path of the
	// template, or the configuration file.
	Source string `json:"source"`
	// InSource is set for a suppression in the template itself (SARIF's
	// "inSource"), clear for one in the configuration file ("external").
	InSource bool `json:"inSource"`
}

// suppressionAt is a suppression read from a template's Metadata.
type suppressionAt struct {
	Suppression
	source string
}

// unsuppressible are the codes no suppression silences: the linter's own
// configuration errors.
var unsuppressible = map[string]bool{CodeUnreadable: true, ruleInvalidSuppression.ID: true}

// readSuppressions reads Metadata.durablefn.ignore of a resource or of the
// template, reporting each malformed entry as DL901.
func (t *template) readSuppressions(md *yaml.Node, mdPath string) []suppressionAt {
	var out []suppressionAt
	t.cfnLintIgnores(md, mdPath)
	dk, d := get(md, "durablefn")
	if dk == nil {
		return nil
	}
	p := join(mdPath, "durablefn")
	if !isMap(d) {
		t.report(ruleInvalidSuppression, nodeOr(d, dk), p, ruleInvalidSuppression.Fix,
			"Metadata durablefn is %s, not a mapping with ignore", kindName(d))
		return nil
	}
	for _, e := range entries(d) {
		if e.key.Value != "ignore" {
			t.report(ruleInvalidSuppression, e.key, join(p, e.key.Value), "the one key durablefn reads is ignore",
				"unknown key %s in Metadata durablefn", e.key.Value)
		}
	}
	ik, list := get(d, "ignore")
	if ik == nil {
		return nil
	}
	ip := join(p, "ignore")
	if !isSeq(list) || isCustomTag(list.Tag) {
		t.report(ruleInvalidSuppression, nodeOr(list, ik), ip, ruleInvalidSuppression.Fix,
			"ignore is %s, not a list of {id, reason}", kindName(list))
		return nil
	}
	for i, it := range list.Content {
		s, ok := t.readSuppression(it, index(ip, i))
		if ok {
			out = append(out, suppressionAt{Suppression: s, source: index(ip, i)})
		}
	}
	return out
}

func (t *template) readSuppression(n *yaml.Node, p string) (Suppression, bool) {
	if !isMap(n) || isIntrinsic(n) {
		t.report(ruleInvalidSuppression, n, p, ruleInvalidSuppression.Fix,
			"a suppression is %s, not a mapping with id and reason", kindName(n))
		return Suppression{}, false
	}
	var s Suppression
	ok := true
	for _, e := range entries(n) {
		switch e.key.Value {
		case "id", "reason":
			v, isStr := str(e.val)
			if !isStr || isNull(e.val) {
				t.report(ruleInvalidSuppression, e.val, join(p, e.key.Value), "write it as a string",
					"the %s of a suppression is %s, not a string", e.key.Value, kindName(e.val))
				ok = false
				continue
			}
			if e.key.Value == "id" {
				s.ID = v
			} else {
				s.Reason = strings.TrimSpace(v)
			}
		default:
			t.report(ruleInvalidSuppression, e.key, join(p, e.key.Value), "a suppression has id and reason",
				"unknown key %s in a suppression", e.key.Value)
			ok = false
		}
	}
	if msg, fix := checkSuppression(s); msg != "" {
		t.report(ruleInvalidSuppression, n, p, fix, "%s", msg)
		ok = false
	}
	return s, ok && s.ID != "" && s.Reason != ""
}

// checkSuppression returns what is wrong with a suppression, or "".
func checkSuppression(s Suppression) (msg, fix string) {
	switch {
	case s.ID == "":
		return "a suppression without id", "name the rule, e.g. id: DL104"
	case unsuppressible[strings.ToUpper(s.ID)]:
		return fmt.Sprintf("%s cannot be suppressed", s.ID), "fix the template or the suppression instead"
	}
	if _, ok := RuleByID(s.ID); !ok {
		return fmt.Sprintf("no rule %s to suppress", s.ID), "use an ID of " + DocsURL
	}
	if s.Reason == "" {
		return fmt.Sprintf("the suppression of %s has no reason", s.ID), "add reason: why the finding is safe to ignore here"
	}
	return "", ""
}

// cfnLintIgnores reports durablefn rule IDs written in cfn-lint's
// Metadata (cfn-lint.config.ignore_checks): durablefn does not read them,
// since they carry no reason.
func (t *template) cfnLintIgnores(md *yaml.Node, mdPath string) {
	_, checks := get(val(val(md, "cfn-lint"), "config"), "ignore_checks")
	p := join(mdPath, "cfn-lint.config.ignore_checks")
	for i, it := range items(checks) {
		s, ok := str(it)
		if !ok || !strings.HasPrefix(strings.ToUpper(s), "DL") {
			continue
		}
		if _, known := RuleByID(s); !known {
			continue
		}
		ip := p
		if isSeq(checks) {
			ip = index(p, i)
		}
		t.reportAs(ruleInvalidSuppression, diag.Warning, it, ip,
			"move it to Metadata: {durablefn: {ignore: [{id: "+s+", reason: …}]}}",
			"durablefn does not read cfn-lint's ignore_checks, which carry no reason: %s is not suppressed", s)
	}
}

// suppress moves the findings that a suppression covers from t.findings
// to the returned list.
func (t *template) suppress(cfg Config) []Suppressed {
	byResource := map[string][]suppressionAt{}
	for _, r := range t.order {
		if md := val(r.node, "Metadata"); md != nil {
			byResource[r.id] = t.readSuppressions(md, r.path+".Metadata")
		}
	}
	global := t.readSuppressions(val(t.root, "Metadata"), "Metadata")

	var kept diag.List
	var out []Suppressed
	for _, d := range t.findings {
		if unsuppressible[d.Code] {
			kept = append(kept, d)
			continue
		}
		res := ResourceOf(d)
		if s, ok := match(d.Code, byResource[res]); ok {
			out = append(out, Suppressed{Diagnostic: d, Reason: s.Reason, Source: s.source, InSource: true})
			continue
		}
		if s, ok := match(d.Code, global); ok {
			out = append(out, Suppressed{Diagnostic: d, Reason: s.Reason, Source: s.source, InSource: true})
			continue
		}
		if s, ok := matchConfig(d.Code, res, cfg.Ignore); ok {
			src := cfg.File
			if src == "" {
				src = "configuration"
			}
			out = append(out, Suppressed{Diagnostic: d, Reason: s.Reason, Source: src})
			continue
		}
		kept = append(kept, d)
	}
	t.findings = kept
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Line < out[j].Pos.Line })
	return out
}

func match(code string, list []suppressionAt) (suppressionAt, bool) {
	for _, s := range list {
		if strings.EqualFold(s.ID, code) {
			return s, true
		}
	}
	return suppressionAt{}, false
}

func matchConfig(code, res string, list []Suppression) (Suppression, bool) {
	for _, s := range list {
		if !strings.EqualFold(s.ID, code) {
			continue
		}
		if len(s.Resources) == 0 {
			return s, true
		}
		for _, r := range s.Resources {
			if r == res {
				return s, true
			}
		}
	}
	return Suppression{}, false
}

// ResourceOf returns the logical ID of the resource a finding is about
// (from its path "Resources.<id>…"), or "" for a finding outside
// Resources (Globals, the template's Metadata).
func ResourceOf(d diag.Diagnostic) string {
	rest, ok := strings.CutPrefix(d.Path, "Resources.")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, ".["); i >= 0 {
		rest = rest[:i]
	}
	return rest
}
