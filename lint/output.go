package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/diag"
)

// Output formats of the CLI.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatSARIF = "sarif"
)

// Formats lists the output formats.
func Formats() []string { return []string{FormatText, FormatJSON, FormatSARIF} }

// Result is what linting every template of a run gave: a report per
// template read, and the templates that could not be read.
type Result struct {
	Reports []*Report
	// Errors are templates that could not be read (DL000) or files that
	// could not be opened, one diagnostic each.
	Errors diag.List
}

// Count returns how many findings are at or above a severity.
func (r *Result) Count(min diag.Severity) int {
	n := 0
	for _, rep := range r.Reports {
		n += rep.Findings.Count(min)
	}
	return n
}

// FormatFinding writes one finding as the text format does:
//
//	template.yaml:12:7: error DL301 permission-unqualified: Resources.P.Properties.FunctionName: message
//	    fix: point it at the alias: !Ref FnAliaslive
func FormatFinding(d diag.Diagnostic) string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(diag.Printable(p))
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(" ")
	b.WriteString(d.Code)
	if r, ok := RuleByID(d.Code); ok {
		b.WriteString(" " + r.Name)
	}
	b.WriteString(": ")
	if d.Path != "" {
		b.WriteString(diag.Printable(d.Path))
		b.WriteString(": ")
	}
	b.WriteString(diag.Printable(d.Message))
	if d.Fix != "" {
		b.WriteString("\n    fix: ")
		b.WriteString(diag.Printable(d.Fix))
	}
	return b.String()
}

// WriteText writes every finding, one per entry (see FormatFinding). The
// errors and the summary are the caller's to write (Run writes them to
// standard error).
func WriteText(w io.Writer, r *Result) error {
	for _, rep := range r.Reports {
		for _, d := range rep.Findings {
			if _, err := fmt.Fprintln(w, FormatFinding(d)); err != nil {
				return err
			}
		}
	}
	return nil
}

// RuleCount is how many findings one rule raised.
type RuleCount struct {
	Rule  string `json:"rule"`
	Count int    `json:"count"`
}

// Counts returns how many findings each rule raised, the most frequent
// first (then by ID).
func (r *Result) Counts() []RuleCount {
	by := map[string]int{}
	for _, rep := range r.Reports {
		for _, d := range rep.Findings {
			by[d.Code]++
		}
	}
	out := make([]RuleCount, 0, len(by))
	for id, n := range by {
		out = append(out, RuleCount{Rule: id, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// handful is the number of findings up to which Summary does not count
// them by rule: a reader sees them all at a glance.
const handful = 5

// Summary is one line: how many findings of each severity, in how many
// templates, how many were suppressed, and, past a handful of findings,
// how many each rule raised ("by rule: DL201 ×84, DL104 ×84").
func Summary(r *Result) string {
	var parts []string
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		n := 0
		for _, rep := range r.Reports {
			for _, d := range rep.Findings {
				if d.Severity == s {
					n++
				}
			}
		}
		if n > 0 {
			parts = append(parts, plural(n, s.String()))
		}
	}
	found := "no findings"
	if len(parts) > 0 {
		found = strings.Join(parts, ", ")
	}
	out := fmt.Sprintf("%s in %s", found, plural(len(r.Reports), "template"))
	sup := 0
	for _, rep := range r.Reports {
		sup += len(rep.Suppressed)
	}
	if sup > 0 {
		out += fmt.Sprintf(" (%d suppressed)", sup)
	}
	if len(r.Errors) > 0 {
		out += fmt.Sprintf("; %s not read", plural(len(r.Errors), "file"))
	}
	if counts := r.Counts(); r.Count(diag.Info) > handful {
		by := make([]string, len(counts))
		for i, c := range counts {
			by[i] = fmt.Sprintf("%s ×%d", c.Rule, c.Count)
		}
		out += "; by rule: " + strings.Join(by, ", ")
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// jsonOutput is the JSON format: every finding, every suppressed finding
// and every error, each list present even when empty, and how many
// findings each rule raised (the text summary's "by rule").
type jsonOutput struct {
	Findings   diag.List    `json:"findings"`
	Suppressed []Suppressed `json:"suppressed"`
	Errors     diag.List    `json:"errors"`
	Counts     []RuleCount  `json:"counts"`
}

// WriteJSON writes the result as one JSON object with two-space indentation.
func WriteJSON(w io.Writer, r *Result) error {
	out := jsonOutput{Findings: diag.List{}, Suppressed: []Suppressed{}, Errors: diag.List{}}
	for _, rep := range r.Reports {
		out.Findings = append(out.Findings, rep.Findings...)
		out.Suppressed = append(out.Suppressed, rep.Suppressed...)
	}
	out.Errors = append(out.Errors, r.Errors...)
	out.Counts = r.Counts()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
