// Package diag holds the one diagnostic type shared by spec validation and
// the template linter: a severity, a stable code, where the problem stands
// (file, line, column, field path), what is wrong and how to fix it.
//
// A Diagnostic is data first (it marshals to JSON as is) and also an error.
// A List collects every problem of one run so that users see all of them at
// once, not only the first.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity orders diagnostics: Error stops a run, Warning does not.
type Severity int

const (
	// Info is advice; it never fails a run.
	Info Severity = iota
	// Warning marks something that deploys but is likely to hurt.
	Warning
	// Error marks input that must not be rendered or deployed.
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// ParseSeverity turns "info", "warning" or "error" into a Severity.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q: use error, warning or info", s)
}

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a place in a file. Line and Column start at 1; zero means unknown.
type Pos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// String returns "file:line:col", leaving out what is unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		fmt.Fprintf(&b, "%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	return b.String()
}

// Diagnostic is one problem found in a spec or a template.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Code is stable across releases (e.g. "DF101" for spec rules, "DL001" for lint rules).
	Code string `json:"code"`
	Pos  Pos    `json:"pos"`
	// Path is the field path in the user's own terms, e.g.
	// "functions.OrderProcessor.durable.executionTimeout".
	Path string `json:"path,omitempty"`
	// Message says what is wrong, lowercase, without a final period.
	Message string `json:"message"`
	// Fix says how to mend it, when there is something to say.
	Fix string `json:"fix,omitempty"`
}

// Error renders the diagnostic as one line:
// "file:line:col: path: message (fix)". What the spec or template put in
// the file name, path, message and fix is written Printable: a control or
// bidirectional character shows as an escape (\x1b, \u202e), never acts
// on the terminal.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(Printable(p))
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(Printable(d.Path))
		b.WriteString(": ")
	}
	b.WriteString(Printable(d.Message))
	if d.Fix != "" {
		b.WriteString(" (")
		b.WriteString(Printable(d.Fix))
		b.WriteString(")")
	}
	return b.String()
}

// List is every diagnostic of one run. As an error it reads one per line.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error diagnostic.
func (l *List) Errorf(code string, pos Pos, path, fix, format string, args ...any) {
	l.Add(Diagnostic{Severity: Error, Code: code, Pos: pos, Path: path, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// Warnf appends a warning diagnostic.
func (l *List) Warnf(code string, pos Pos, path, fix, format string, args ...any) {
	l.Add(Diagnostic{Severity: Warning, Code: code, Pos: pos, Path: path, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// Count returns how many diagnostics are at or above a severity.
func (l List) Count(min Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity >= min {
			n++
		}
	}
	return n
}

// Errors returns only the error diagnostics.
func (l List) Errors() List { return l.filter(func(d Diagnostic) bool { return d.Severity == Error }) }

// Warnings returns only the warning diagnostics.
func (l List) Warnings() List {
	return l.filter(func(d Diagnostic) bool { return d.Severity == Warning })
}

func (l List) filter(keep func(Diagnostic) bool) List {
	var out List
	for _, d := range l {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line, column, then path and message, so
// that output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Message < b.Message
	})
}

// Error joins the diagnostics, one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list as an error when it holds at least one error
// diagnostic, and nil otherwise (warnings alone are not an error).
func (l List) Err() error {
	if l.HasErrors() {
		return l
	}
	return nil
}
