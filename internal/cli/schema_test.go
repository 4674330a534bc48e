package cli

import (
	"encoding/json"
	"testing"

	"github.com/durablefn/durablefn/spec"
)

func TestSchema(t *testing.T) {
	r := cli(t, "schema").want(t, 0)
	if r.stdout != string(spec.Schema()) {
		t.Error("schema does not print spec.Schema()")
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", s["$schema"])
	}
	if _, ok := s["properties"].(map[string]any)["functions"]; !ok {
		t.Error("no functions property")
	}
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
}
