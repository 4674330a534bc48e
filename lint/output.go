package lint

import (
	"encoding/json"
	"fmt"
	"io"
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

// Summary is one line: how many findings of each severity, in how many
// templates, and how many were suppressed.
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
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// jsonOutput is the JSON format: every finding, every suppressed finding
// and every error, each list present even when empty.
type jsonOutput struct {
	Findings   diag.List    `json:"findings"`
	Suppressed []Suppressed `json:"suppressed"`
	Errors     diag.List    `json:"errors"`
}

// WriteJSON writes the result as one JSON object with two-space indentation.
func WriteJSON(w io.Writer, r *Result) error {
	out := jsonOutput{Findings: diag.List{}, Suppressed: []Suppressed{}, Errors: diag.List{}}
	for _, rep := range r.Reports {
		out.Findings = append(out.Findings, rep.Findings...)
		out.Suppressed = append(out.Suppressed, rep.Suppressed...)
	}
	out.Errors = append(out.Errors, r.Errors...)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
