package readme_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/spec"
)

// propertyNames collects every property name of a JSON Schema, at any depth.
func propertyNames(v any, into map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if props, ok := x["properties"].(map[string]any); ok {
			for k := range props {
				into[k] = true
			}
		}
		for _, item := range x {
			propertyNames(item, into)
		}
	case []any:
		for _, item := range x {
			propertyNames(item, into)
		}
	}
}

// TestSpecReferenceDocumentsEveryField checks that docs/spec-reference.md
// names every field of the spec's JSON Schema, written as `field`.
func TestSpecReferenceDocumentsEveryField(t *testing.T) {
	var schema any
	if err := json.Unmarshal(spec.Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	propertyNames(schema, names)
	if len(names) < 30 {
		t.Fatalf("found %d field names in the schema; the walk is off", len(names))
	}
	doc, err := os.ReadFile(filepath.Join(testutil.Root(), "docs", "spec-reference.md"))
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for n := range names {
		if !strings.Contains(string(doc), "`"+n+"`") && !strings.Contains(string(doc), "`"+n+":") && !strings.Contains(string(doc), "{"+n) {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/spec-reference.md does not document: %s", strings.Join(missing, ", "))
	}
}
