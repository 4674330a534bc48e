package lint_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/lint"
)

// TestDocs: docs/lint-rules.md documents every rule under a heading
// "## <ID> <name>" (the anchor DocsURL points at), with its severity, in
// the table and in rule order, and documents no rule that does not exist.
func TestDocs(t *testing.T) {
	data, err := os.ReadFile("../docs/lint-rules.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	headings := regexp.MustCompile(`(?m)^## (DL\d{3}) (\S+)\n\*\*Severity:\*\* (\w+)`).FindAllStringSubmatch(doc, -1)
	var ids []string
	for _, h := range headings {
		ids = append(ids, h[1])
		r, ok := lint.RuleByID(h[1])
		if !ok {
			t.Errorf("the docs describe %s, which is no rule", h[1])
			continue
		}
		if h[2] != r.Name {
			t.Errorf("heading %s %s: the rule is named %s", h[1], h[2], r.Name)
		}
		if h[3] != r.Severity.String() {
			t.Errorf("%s: the docs say %s, the rule is %s", h[1], h[3], r.Severity)
		}
	}
	var want []string
	for _, r := range lint.Rules() {
		want = append(want, r.ID)
		row := "| " + r.ID + " | " + r.Name + " | " + r.Severity.String() + " |"
		if !strings.Contains(doc, row) {
			t.Errorf("the table has no row %q", row)
		}
		if !strings.Contains(doc, "#"+r.DocAnchor()) && !strings.Contains(strings.ToLower(doc), "## "+strings.ToLower(r.ID+" "+r.Name)) {
			t.Errorf("no heading for the anchor %s", r.DocAnchor())
		}
	}
	// Every rule page says whether --fix mends it, as the rule does.
	fixable := regexp.MustCompile(`(?m)^## (DL\d{3}) \S+\n\*\*Severity:\*\*[^\n]*(?:\n[^\n]+)*\n\n\*\*Fixable:\*\* (yes|no)`).FindAllStringSubmatch(doc, -1)
	said := map[string]string{}
	for _, m := range fixable {
		said[m[1]] = m[2]
	}
	for _, r := range lint.Rules() {
		if r.ID == lint.CodeUnreadable {
			continue
		}
		want := map[bool]string{true: "yes", false: "no"}[r.Fixable]
		if said[r.ID] != want {
			t.Errorf("%s: the page says Fixable %q, the rule %q", r.ID, said[r.ID], want)
		}
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("documented rules, in order:\n%v\nwant:\n%v", ids, want)
	}
}
