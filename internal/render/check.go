package render

import (
	"encoding/json"
	"fmt"
	"math"
	"unicode/utf8"
)

// check is checkValue, without building the path of every value: only
// when something is refused is the value walked again for the message.
func check(v any) error {
	if valueOK(v) {
		return nil
	}
	return checkValue(v, "")
}

// valueOK reports whether checkValue accepts v.
func valueOK(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if !utf8.ValidString(k) || !valueOK(item) {
				return false
			}
		}
		return true
	case []any:
		for _, item := range x {
			if !valueOK(item) {
				return false
			}
		}
		return true
	case string:
		return utf8.ValidString(x)
	case nil, bool:
		return true
	}
	return checkValue(v, "") == nil
}

// checkValue refuses what neither YAML nor JSON can carry exactly: a string
// or key that is not UTF-8, a json.Number that is not a JSON number, a
// float that is not finite, a value of any other Go type than plain data.
// path is where v lies, for the message.
func checkValue(v any, path string) error {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			p := joinKey(path, k)
			if !utf8.ValidString(k) {
				return fmt.Errorf("key %q at %s is not valid UTF-8: templates hold text only", k, orRoot(path))
			}
			if err := checkValue(item, p); err != nil {
				return err
			}
		}
	case []any:
		for i, item := range x {
			if err := checkValue(item, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case string:
		if !utf8.ValidString(x) {
			return fmt.Errorf("the string at %s is not valid UTF-8: templates hold text only", orRoot(path))
		}
	case json.Number:
		if x == "" || !(x[0] == '-' || x[0] >= '0' && x[0] <= '9') || !json.Valid([]byte(x)) {
			return fmt.Errorf("the number at %s is %q, not a JSON number", orRoot(path), string(x))
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("the number at %s is %v: templates hold finite numbers only", orRoot(path), x)
		}
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return fmt.Errorf("the number at %s is %v: templates hold finite numbers only", orRoot(path), x)
		}
	case nil, bool, int, int64, int32, uint, uint64, uint32:
	default:
		return fmt.Errorf("the value at %s is a %T: templates hold maps, lists, strings, numbers, booleans and null only", orRoot(path), v)
	}
	return nil
}

func joinKey(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func orRoot(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}
