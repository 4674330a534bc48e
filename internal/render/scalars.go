package render

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rules by which a string is written so that YAML reads back exactly the
// same string. yaml.v3 reads CR, NEL (U+0085), LS (U+2028) and PS (U+2029) as
// line breaks and turns CR LF into LF inside block scalars; it refuses C0 and
// C1 control characters, a BOM (U+FEFF) and U+FFFE/U+FFFF written raw; and a
// literal block cannot hold a space before a line break (editors strip it,
// and yaml.v3's own emitter refuses it). A string that cannot be written
// raw is double-quoted with YAML's escapes, which carry every character.

// printableLine reports whether yaml.v3 can be left to write s on one line:
// no line break, no tab, no control character, no BOM.
func printableLine(s string) bool {
	for _, r := range s {
		if !printableRune(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// printableRune reports whether r can stand raw in any YAML scalar.
func printableRune(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7e:
		return true
	case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffe, r == 0xffff, r == utf8.RuneError:
		return false
	}
	return true
}

// literalSafe reports whether a multi-line string can be written as a
// literal block (|, |- ) and read back unchanged: printable characters,
// tabs and LF only, no space or tab ending a line, at most one final line
// break (a kept run of final blank lines would merge with the blank lines
// between sections), and some text.
func literalSafe(s string) bool {
	if !utf8.ValidString(s) || strings.HasSuffix(s, "\n\n") || strings.Trim(s, "\n") == "" {
		return false
	}
	prev := rune('\n')
	for _, r := range s {
		switch {
		case r == '\n':
			if prev == ' ' || prev == '\t' {
				return false
			}
		case r == '\t':
		case !printableRune(r):
			return false
		}
		prev = r
	}
	return prev != ' ' && prev != '\t'
}

// quote writes s as a YAML double-quoted scalar on one line, escaping
// every character that YAML would not read back as itself.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		default:
			switch {
			case r < 0x20 || r >= 0x7f && r < 0xa0:
				b.WriteString(`\x`)
				if r < 0x10 {
					b.WriteByte('0')
				}
				b.WriteString(strconv.FormatInt(int64(r), 16))
			case !printableRune(r):
				b.WriteString(`\u`)
				b.WriteString(strconv.FormatInt(int64(r)|0x10000, 16)[1:])
			default:
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
