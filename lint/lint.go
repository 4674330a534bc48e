package lint

import (
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/durablefn/durablefn/diag"
)

// Report is the outcome of linting one template.
type Report struct {
	// File is the template's name as given.
	File string `json:"file"`
	// Findings are the findings left after suppressions, sorted by
	// position.
	Findings diag.List `json:"findings"`
	// Suppressed are the findings a suppression silenced, with its reason.
	Suppressed []Suppressed `json:"suppressed"`
}

// Template lints one template (YAML or JSON: CloudFormation, SAM, or a CDK
// cloud assembly's *.template.json) and returns the findings left after
// suppressions, sorted by position. name is the file name that positions
// carry. The error is set, as a diag.List with one diagnostic of code
// CodeUnreadable (DL000), when the data cannot be read as a template: not
// YAML or JSON, empty, not a mapping, too large, with anchors or duplicate
// keys.
func Template(name string, data []byte, cfg Config) (diag.List, error) {
	r, err := Check(name, data, cfg)
	if err != nil {
		return nil, err
	}
	return r.Findings, nil
}

// TemplateMap lints a template given as decoded JSON, as a CDK check holds
// it (assertions.Template.ToJSON(), or a cloud assembly template read with
// encoding/json). Findings carry name and their property path, but no line
// or column: the map has none.
func TemplateMap(name string, tmpl map[string]any, cfg Config) (diag.List, error) {
	data, err := json.Marshal(tmpl)
	if err != nil {
		return nil, fmt.Errorf("encoding template %s: %w", name, err)
	}
	r, err := Check(name, data, cfg)
	if err != nil {
		return nil, err
	}
	for i := range r.Findings {
		r.Findings[i].Pos.Line, r.Findings[i].Pos.Column = 0, 0
	}
	return r.Findings, nil
}

// Check lints one template like Template, and also returns what was
// suppressed.
func Check(name string, data []byte, cfg Config) (*Report, error) {
	rep, _, err := check(name, data, cfg)
	return rep, err
}

// check lints a template and returns the edits its rules propose (see
// Fix).
func check(name string, data []byte, cfg Config) (rep *Report, edits []edit, err error) {
	defer func() {
		if p := recover(); p != nil {
			rep, edits, err = nil, nil, fmt.Errorf("internal error linting %s: %v (please report it with the template)\n%s", name, p, debug.Stack())
		}
	}()
	root, err := parse(name, data, cfg.MaxBytes)
	if err != nil {
		return nil, nil, err
	}
	t := load(name, data, root)
	for _, r := range rules {
		if r.check != nil {
			r.check(t)
		}
	}
	suppressed := t.suppress(cfg)
	t.findings.Sort()
	if t.findings == nil {
		t.findings = diag.List{}
	}
	if suppressed == nil {
		suppressed = []Suppressed{}
	}
	return &Report{File: name, Findings: t.findings, Suppressed: suppressed}, t.edits, nil
}
