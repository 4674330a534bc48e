package model

import (
	"encoding/json"
	"slices"
	"strings"
)

// appendJSON appends what json.Marshal writes for plain template data
// (maps with sorted keys, lists, strings, json.Number, bools, nil), byte
// for byte: the version IDs hash these bytes, and every version of every
// deployed stack is named after them, so they must never change. Values
// it does not write itself (other types, numbers that are not plain
// integers, strings json.Marshal escapes) go to json.Marshal, whose error
// it returns. TestAppendJSONMatchesMarshal compares the two.
//
// Why not call json.Marshal on the whole value: reflecting over every map
// was 12% of rendering both templates of 100 functions
// (docs/performance.md).
func appendJSON(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case map[string]any:
		if x == nil {
			return append(b, "null"...), nil
		}
		var buf [16]string // on the stack for all but large maps
		keys := buf[:0]
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSONString(b, k); err != nil {
				return b, err
			}
			b = append(b, ':')
			if b, err = appendJSON(b, x[k]); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	case []any:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, item := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSON(b, item); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case string:
		return appendJSONString(b, x)
	case json.Number:
		if plainInteger(string(x)) {
			return append(b, x...), nil
		}
	case bool:
		if x {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case nil:
		return append(b, "null"...), nil
	}
	return appendMarshal(b, v)
}

// appendJSONString appends a string as json.Marshal writes it: printable
// ASCII other than the quote, the backslash and the HTML characters it
// escapes (<, >, &) as it is, anything else through json.Marshal.
func appendJSONString(b []byte, s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		if !jsonAsIs[s[i]] {
			return appendMarshal(b, s)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// jsonAsIs holds the bytes json.Marshal writes as they are in a string.
var jsonAsIs = func() (t [256]bool) {
	for c := 0x20; c <= 0x7e; c++ {
		t[c] = !strings.ContainsRune(`"\<>&`, rune(c))
	}
	return t
}()

// plainInteger reports whether s is a JSON integer without sign or leading
// zero, which json.Marshal writes as it is.
func plainInteger(s string) bool {
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func appendMarshal(b []byte, v any) ([]byte, error) {
	j, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, j...), nil
}
