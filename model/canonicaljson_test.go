package model

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAppendJSONMatchesMarshal: appendJSON writes json.Marshal's bytes, the
// ones every version ID is a hash of.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	values := []any{
		nil, true, false, "", "plain", `quo"te`, `back\slash`, "<html> & co", "tab\there", "new\nline",
		"\x00\x1f\x7f", "é ü 日本", "\u2028\u2029", "\xff\xfe invalid", "${Fn.Arn}",
		json.Number("0"), json.Number("7"), json.Number("604800"), json.Number("-1"), json.Number("01"),
		json.Number("1.5"), json.Number("1e3"), json.Number(""), 3, 2.5, int64(-4),
		[]any(nil), []any{}, []any{"a", json.Number("1"), nil, []any{true}},
		map[string]any(nil), map[string]any{},
		map[string]any{"b": "1", "a": map[string]any{"z": []any{}, "<": "&"}, "B": nil, "é": "x", "": ""},
		map[string]any{"Code": map[string]any{"S3Bucket": "b", "S3Key": "k.zip"}, "Runtime": "nodejs24.x",
			"Environment": map[string]any{"Variables": map[string]any{"A": map[string]any{"Fn::Sub": "${F.Arn}"}}},
			"MemorySize":  json.Number("512"), "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}},
	}
	for _, v := range values {
		want, werr := json.Marshal(v)
		got, gerr := appendJSON(nil, v)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) && werr == nil {
			t.Errorf("appendJSON(%#v) = %s, %v; json.Marshal writes %s, %v", v, got, gerr, want, werr)
		}
	}
	if _, err := appendJSON(nil, map[string]any{"k": json.Number("x")}); err == nil {
		t.Error("appendJSON accepted an invalid json.Number, which json.Marshal refuses")
	}
}

// FuzzAppendJSON compares appendJSON with json.Marshal on any JSON
// document read as plain data.
func FuzzAppendJSON(f *testing.F) {
	f.Add([]byte(`{"b":[1,"<",{"x":null}],"a":true,"c":"\u00e9\n","d":1.50,"e":-0}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) != nil {
			return
		}
		want, werr := json.Marshal(v)
		got, gerr := appendJSON(nil, v)
		if (werr != nil) != (gerr != nil) || werr == nil && !bytes.Equal(got, want) {
			t.Errorf("appendJSON = %s, %v; json.Marshal writes %s, %v", got, gerr, want, werr)
		}
	})
}
