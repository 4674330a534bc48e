package lint

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/durablefn/durablefn/diag"
)

// SARIF 2.1.0 (OASIS), the subset the linter writes: one run, the rules
// with their metadata, a result per finding (suppressed findings too, with
// their suppression), and unreadable templates as tool execution
// notifications.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// ToolName is the driver name in SARIF output.
	ToolName = "durablefn-lint"
	toolURI  = "https://github.com/durablefn/durablefn"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	Help                 sarifHelp       `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           map[string]any  `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical       `json:"physicalLocation"`
	LogicalLocations []sarifLogicalPlace `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogicalPlace struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
	Location      *struct {
		Message sarifText `json:"message"`
	} `json:"location,omitempty"`
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// sarifURI writes a file name as a relative URI reference.
func sarifURI(file string) string {
	return (&url.URL{Path: filepath.ToSlash(file)}).String()
}

func sarifLocations(d diag.Diagnostic) []sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(d.Pos.File)}}}
	if d.Pos.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Column}
	}
	if d.Path != "" {
		loc.LogicalLocations = []sarifLogicalPlace{{FullyQualifiedName: d.Path, Kind: "member"}}
	}
	return []sarifLocation{loc}
}

func sarifMessage(d diag.Diagnostic) string {
	if d.Fix == "" {
		return d.Message
	}
	return d.Message + " (fix: " + d.Fix + ")"
}

// WriteSARIF writes the result as a SARIF 2.1.0 log.
func WriteSARIF(w io.Writer, r *Result) error {
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: ToolName, InformationURI: toolURI}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(r.Errors) == 0}},
		Results:     []sarifResult{},
		ColumnKind:  "unicodeCodePoints",
	}
	ruleIndex := map[string]int{}
	for i, rule := range rules {
		ruleIndex[rule.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               rule.ID,
			Name:             pascal(rule.Name),
			ShortDescription: sarifText{Text: rule.Summary},
			FullDescription:  sarifText{Text: rule.Summary + ": " + rule.Why},
			Help: sarifHelp{
				Text:     rule.Why + ". Fix: " + rule.Fix + ". " + rule.DocsURL(),
				Markdown: "**Why:** " + rule.Why + ".\n\n**Fix:** " + rule.Fix + ".\n\n[" + rule.ID + " in the rule reference](" + rule.DocsURL() + ")",
			},
			HelpURI:              rule.DocsURL(),
			DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(rule.Severity)},
			Properties: map[string]any{"tags": []string{"durable-functions", "cloudformation"},
				"fixable": rule.Fixable}, // durablefn lint --fix mends it
		})
	}
	for _, d := range r.Errors {
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
			sarifNotification{Level: "error", Message: sarifText{Text: sarifMessage(d)}, Locations: sarifLocations(d)})
	}
	result := func(d diag.Diagnostic) sarifResult {
		return sarifResult{RuleID: d.Code, RuleIndex: ruleIndex[d.Code], Level: sarifLevel(d.Severity),
			Message: sarifText{Text: sarifMessage(d)}, Locations: sarifLocations(d)}
	}
	for _, rep := range r.Reports {
		for _, d := range rep.Findings {
			run.Results = append(run.Results, result(d))
		}
		for _, s := range rep.Suppressed {
			res := result(s.Diagnostic)
			sup := sarifSuppression{Kind: "external", Justification: s.Reason}
			if s.InSource {
				sup.Kind = "inSource"
			}
			sup.Location = &struct {
				Message sarifText `json:"message"`
			}{Message: sarifText{Text: "suppressed at " + s.Source}}
			res.Suppressions = []sarifSuppression{sup}
			run.Results = append(run.Results, res)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// pascal turns "permission-unqualified" into "PermissionUnqualified", the
// form SARIF viewers show as a rule name.
func pascal(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(s, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
