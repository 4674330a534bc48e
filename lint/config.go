package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/safeio"
)

// ConfigFileName is the project configuration the CLI reads from the
// working directory when --config is not given.
const ConfigFileName = ".durablefn-lint.yaml"

// Config is what a run of the linter is configured with.
type Config struct {
	// Ignore suppresses findings project-wide, each with its reason.
	// Default: none.
	Ignore []Suppression
	// File is where the configuration was read from; suppressed findings
	// name it as their source. Default: "".
	File string
	// MaxBytes is the largest template read. Default: MaxTemplateBytes.
	MaxBytes int
}

// LoadConfig reads a configuration file (see ParseConfig).
func LoadConfig(path string) (Config, error) {
	data, err := safeio.ReadFile(path) // a FIFO refused, at most 5 MB
	if err != nil {
		return Config{}, fmt.Errorf("reading lint configuration: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig reads a configuration:
//
//	ignore:
//	  - id: DL104
//	    reason: the name is part of a contract with the payments team
//	    resources: [Orders]   # optional: only these logical IDs
//
// Unknown keys, a suppression without a reason and an unknown rule ID are
// errors, returned together as a diag.List.
func ParseConfig(name string, data []byte) (Config, error) {
	cfg := Config{File: name}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return cfg, nil
		}
		return cfg, diag.List{{Severity: diag.Error, Code: ruleInvalidSuppression.ID, Pos: diag.Pos{File: name},
			Message: "the lint configuration is not YAML: " + err.Error()}}
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return cfg, nil
	}
	var errs diag.List
	bad := func(n *yaml.Node, path, fix, format string, args ...any) {
		errs.Add(diag.Diagnostic{Severity: diag.Error, Code: ruleInvalidSuppression.ID,
			Pos: diag.Pos{File: name, Line: n.Line, Column: n.Column}, Path: path, Message: fmt.Sprintf(format, args...), Fix: fix})
	}
	root := doc.Content[0]
	if !isMap(root) {
		bad(root, "", "write a mapping with ignore", "the lint configuration is %s, not a mapping", kindName(root))
		return cfg, errs
	}
	if err := checkNodes(name, root); err != nil {
		return cfg, err
	}
	for _, e := range entries(root) {
		if e.key.Value != "ignore" {
			bad(e.key, e.key.Value, "the one key of the lint configuration is ignore", "unknown key %s", e.key.Value)
			continue
		}
		if !isSeq(e.val) {
			bad(e.val, "ignore", "write ignore as a list of {id, reason}", "ignore is %s, not a list", kindName(e.val))
			continue
		}
		for i, it := range e.val.Content {
			p := index("ignore", i)
			if !isMap(it) {
				bad(it, p, "write {id: DL104, reason: …}", "a suppression is %s, not a mapping", kindName(it))
				continue
			}
			var s Suppression
			ok := true
			for _, f := range entries(it) {
				fp := join(p, f.key.Value)
				switch f.key.Value {
				case "id", "reason":
					v, isStr := str(f.val)
					if !isStr || isNull(f.val) {
						bad(f.val, fp, "write it as a string", "%s is %s, not a string", f.key.Value, kindName(f.val))
						ok = false
					} else if f.key.Value == "id" {
						s.ID = v
					} else {
						s.Reason = strings.TrimSpace(v)
					}
				case "resources":
					for j, r := range items(f.val) {
						v, isStr := str(r)
						if !isStr || v == "" {
							bad(r, index(fp, j), "write logical IDs", "a resource is %s, not a logical ID", kindName(r))
							ok = false
							continue
						}
						s.Resources = append(s.Resources, v)
					}
				default:
					bad(f.key, fp, "a suppression has id, reason and optionally resources", "unknown key %s", f.key.Value)
					ok = false
				}
			}
			if msg, fix := checkSuppression(s); msg != "" && ok {
				bad(it, p, fix, "%s", msg)
				ok = false
			}
			if ok {
				cfg.Ignore = append(cfg.Ignore, s)
			}
		}
	}
	if len(errs) > 0 {
		return cfg, errs
	}
	return cfg, nil
}
