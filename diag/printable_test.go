package diag_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/diag"
)

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, é, 日本, 😀":                       "plain text, é, 日本, 😀",
		"\x1b[2J\x1b[31mred":                         `\x1b[2J\x1b[31mred`,
		"nul\x00 bel\x07 del\x7f":                    `nul\x00 bel\x07 del\x7f`,
		"two\nlines\r\tx":                            `two\x0alines\x0d\x09x`,
		"abc\u202edef":                               `abc\u202edef`,
		"\u2066\u2067\u2068\u2069\u200e\u200f\u061c": `\u2066\u2067\u2068\u2069\u200e\u200f\u061c`,
		"c1\u0085\u009b":                             `c1\u0085\u009b`,
		"zero\u200bwidth\ufeff":                      `zero\u200bwidth\ufeff`,
		"nbsp\u00a0":                                 `nbsp\u00a0`,
		"tag\U000e0041":                              `tag\U000e0041`,
		"bad\xffutf8":                                `bad\xffutf8`,
	} {
		if got := diag.Printable(in); got != want {
			t.Errorf("Printable(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestErrorEscapesWhatASpecPutThere: a diagnostic written as text shows the
// controls a spec put in a key, a value or a fix as escapes; as JSON it
// keeps them exact.
func TestErrorEscapesWhatASpecPutThere(t *testing.T) {
	d := diag.Diagnostic{
		Severity: diag.Error, Code: "DF007",
		Pos:     diag.Pos{File: "spec\x1b]0;title\x07.yaml", Line: 3, Column: 5},
		Path:    "functions.F.environment.A\x1b[2J",
		Message: "\"\x00\" is not valid \u202e",
		Fix:     "rename \x1b[31mit",
	}
	text := d.Error() + diag.List{d}.Error()
	for _, raw := range []string{"\x1b", "\x00", "\x07", "\u202e"} {
		if strings.Contains(text, raw) {
			t.Errorf("text output carries %q raw: %s", raw, text)
		}
	}
	want := `spec\x1b]0;title\x07.yaml:3:5: functions.F.environment.A\x1b[2J: "\x00" is not valid \u202e (rename \x1b[31mit)`
	if d.Error() != want {
		t.Errorf("Error():\n%s\nwant\n%s", d.Error(), want)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Pos                diag.Pos
		Path, Message, Fix string
	}
	if err := json.Unmarshal(b, &back); err != nil || back.Pos != d.Pos || back.Path != d.Path || back.Message != d.Message || back.Fix != d.Fix {
		t.Errorf("JSON does not keep the data exact: %s → %+v %v", b, back, err)
	}
}
