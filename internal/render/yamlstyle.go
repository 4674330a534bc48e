package render

import "strings"

// appendYAMLASCII appends what yaml.Marshal writes for a string of
// printable ASCII characters (space to ~, no tab, no line break) whose
// first character yaml.v3 does not read as the start of a number, a null
// or a boolean other than by the words below; ok is false, and b returned
// unchanged, for any other string, which is then left to yaml.Marshal.
// It follows yaml.v3 v3.0.1:
// encoder.stringv (plain unless the string resolves to another tag or is
// a YAML 1.1 boolean, else double-quoted), yaml_emitter_analyze_scalar and
// yaml_emitter_select_scalar_style (plain falls back to single-quoted when
// the string is not plain-safe in block context), with no line width.
// TestYAMLASCIIMatchesYAML compares it with yaml.Marshal.
//
// Why not call yaml.Marshal: one encoder per distinct string was 13% of
// rendering both templates of 100 functions (docs/performance.md).
func appendYAMLASCII(b []byte, s string) (out []byte, ok bool) {
	if s == "" {
		return b, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return b, false
		}
	}
	canPlain := true
	switch c := s[0]; {
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return b, false // numbers, timestamps, base-60 floats, .inf: yaml.Marshal decides
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL",
			"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
			canPlain = false
		}
	}
	switch {
	case !canPlain:
		return appendDoubleQuotedASCII(b, s), true
	case blockPlainASCII(s):
		return append(b, s...), true
	}
	b = append(b, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			b = append(b, '\'')
		}
		b = append(b, s[i])
	}
	return append(b, '\''), true
}

// blockPlainASCII is yaml_emitter_analyze_scalar's block_plain_allowed for
// a non-empty string of printable ASCII without tabs.
func blockPlainASCII(s string) bool {
	n := len(s)
	if s[0] == ' ' || s[n-1] == ' ' {
		return false
	}
	if n >= 3 && (s[:3] == "---" || s[:3] == "...") {
		return false
	}
	followedBySpace := func(i int) bool { return i+1 >= n || s[i+1] == ' ' }
	switch s[0] {
	case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '?', ':', '-':
		if followedBySpace(0) {
			return false
		}
	}
	for i := 1; i < n; i++ {
		switch s[i] {
		case ':':
			if followedBySpace(i) {
				return false
			}
		case '#':
			if s[i-1] == ' ' {
				return false
			}
		}
	}
	return true
}

// appendDoubleQuotedASCII appends yaml.v3's double-quoted form of
// printable ASCII: only the quote and the backslash are escaped.
func appendDoubleQuotedASCII(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}
