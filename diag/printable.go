package diag

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s as a terminal may show it: every character a terminal
// would act on rather than show is written as an escape. C0 controls and
// DEL (ESC, NUL, newline, tab …) become \x1b, \x00, \x0a; other characters
// that are not printable — C1 controls, the bidirectional controls that
// reorder a line (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 … U+2069, U+200E,
// U+200F, U+061C), zero-width and other format characters, spaces other
// than the ASCII space — become \u202e (\U0001xxxx beyond the BMP); bytes
// that are not UTF-8 become \xff. Printable text, letters of every script
// included, is kept.
//
// A spec's keys and values reach field paths and messages, and a spec may
// come from anyone: a diagnostic written as text passes them through
// Printable, so that a key cannot clear the screen, recolour the output or
// reverse what follows it. The diagnostic's data (its JSON) keeps them
// exact.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !shown(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case shown(r, size):
			b.WriteString(s[i : i+size])
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

// shown reports whether a decoded rune is written as it is: printable in
// Go's sense (letters, marks, numbers, punctuation, symbols and the ASCII
// space), which leaves out every control and format character.
func shown(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return r == ' ' || unicode.IsPrint(r)
}
