package safeio

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting accepted: 100 levels of mappings,
// sequences and flow collections. Hand-written templates nest about 10
// levels (a policy statement inside a role inside Resources), generated
// ones about 20; a YAML parser's memory grows with the nesting depth, with
// its square for goccy/go-yaml (a 200 KB file nested 100,000 levels asks
// for 15 GB).
const MaxDepth = 100

// PosError is a problem found in the bytes, with its place (from 1).
type PosError struct {
	Line, Column int
	Message      string
	Fix          string
}

func (e *PosError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Message)
}

// CheckEncoding refuses what is not UTF-8 text: a UTF-16 or UTF-32 byte
// order mark, invalid UTF-8, a NUL byte, and a byte order mark anywhere
// but at the start (a UTF-8 one there is allowed, as YAML allows it).
func CheckEncoding(data []byte) *PosError {
	switch {
	case bytes.HasPrefix(data, []byte{0, 0, 0xfe, 0xff}), bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}):
		return &PosError{Line: 1, Column: 1, Message: "the file is UTF-32", Fix: "save it as UTF-8"}
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}), bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return &PosError{Line: 1, Column: 1, Message: "the file is UTF-16", Fix: "save it as UTF-8"}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		b := data[i]
		if b < utf8.RuneSelf {
			switch b {
			case 0:
				return &PosError{Line: line, Column: col, Message: "a NUL byte: this is not a text file, or not UTF-8",
					Fix: "save the file as UTF-8 text"}
			case '\n':
				line, col = line+1, 0
			}
			i++
			col++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return &PosError{Line: line, Column: col, Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", b),
				Fix: "save the file as UTF-8"}
		case r == '\uFEFF' && i > 0:
			return &PosError{Line: line, Column: col, Message: "a byte order mark (U+FEFF) inside the file, as when two files are joined",
				Fix: "remove it"}
		}
		i += n
		col++
	}
	return nil
}

// CheckDepth refuses YAML or JSON nested deeper than max levels, in one
// pass over the bytes, before any parser runs. It counts, on each line,
// the block levels open (by indentation), the compact "- " and "? "
// entries, and the flow collections ([ and {) open, skipping comments,
// quoted scalars and block scalars (| and >). It over-counts rather than
// under-counts, which max leaves room for: no legitimate template comes
// near it.
func CheckDepth(data []byte, max int) *PosError {
	s := depthScanner{data: data, max: max}
	return s.scan()
}

type depthScanner struct {
	data []byte
	max  int

	indents   []int // block indentation columns open
	flow      int   // flow collections open
	quote     byte  // the quote of a quoted scalar left open at a line end, or 0
	blockLine int   // the indentation of the line that opened a block scalar, or -1
}

func (s *depthScanner) scan() *PosError {
	s.blockLine = -1
	data := s.data
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = data[3:]
	}
	for lineNo := 1; len(data) > 0; lineNo++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if err := s.line(lineNo, line); err != nil {
			return err
		}
	}
	return nil
}

func (s *depthScanner) tooDeep(line, col int) *PosError {
	return &PosError{Line: line, Column: col,
		Message: fmt.Sprintf("nested more than %d levels deep", s.max),
		Fix:     "flatten the structure: no template needs this depth"}
}

func (s *depthScanner) line(lineNo int, line []byte) *PosError {
	indent := 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	blank := indent == len(line) || line[indent] == '#'
	if s.blockLine >= 0 {
		if blank || indent > s.blockLine {
			return nil // the content of a block scalar
		}
		s.blockLine = -1
	}
	if blank && s.quote == 0 {
		return nil
	}
	i := 0
	if s.quote == 0 && s.flow == 0 {
		// A block line: its indentation closes deeper levels or opens one.
		for len(s.indents) > 0 && s.indents[len(s.indents)-1] > indent {
			s.indents = s.indents[:len(s.indents)-1]
		}
		if len(s.indents) == 0 || s.indents[len(s.indents)-1] < indent {
			s.indents = append(s.indents, indent)
		}
		i = indent
		// Compact entries: "- - - x", "? - x".
		compact := 0
		for i+1 < len(line) && (line[i] == '-' || line[i] == '?') && (line[i+1] == ' ' || line[i+1] == '\t') {
			compact++
			if len(s.indents)+compact > s.max {
				return s.tooDeep(lineNo, i+1)
			}
			i += 2
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
		}
		if len(s.indents)+compact > s.max {
			return s.tooDeep(lineNo, indent+1)
		}
	}
	base := len(s.indents)
	valueStart := true // at a place where a flow collection or a quoted scalar may start
	for ; i < len(line); i++ {
		c := line[i]
		if s.quote != 0 {
			switch {
			case s.quote == '"' && c == '\\':
				i++
			case c == s.quote && s.quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
				i++
			case c == s.quote:
				s.quote = 0
				valueStart = false
			}
			continue
		}
		switch c {
		case ' ', '\t':
			valueStart = true
			continue
		case '#':
			if valueStart {
				return nil // a comment
			}
		case '"', '\'':
			if valueStart {
				s.quote = c
				continue
			}
		case '[', '{':
			if valueStart || s.flow > 0 {
				s.flow++
				if base+s.flow > s.max {
					return s.tooDeep(lineNo, i+1)
				}
				valueStart = true
				continue
			}
		case ']', '}':
			if s.flow > 0 {
				s.flow--
			}
		case ',':
			if s.flow > 0 {
				valueStart = true
				continue
			}
		case ':':
			if i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' || s.flow > 0 {
				valueStart = true
				continue
			}
		case '|', '>':
			if valueStart && s.flow == 0 && blockHeader(line[i+1:]) {
				s.blockLine = indent
				return nil
			}
		case '!', '&', '*':
			// A tag, anchor or alias: the value starts after it.
			if valueStart {
				for i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
					i++
				}
				continue
			}
		}
		valueStart = false
	}
	return nil
}

// blockHeader reports whether what follows | or > is a block scalar
// header: indicators (+, -, a digit), then nothing or a comment.
func blockHeader(rest []byte) bool {
	i := 0
	for i < len(rest) && (rest[i] == '+' || rest[i] == '-' || (rest[i] >= '1' && rest[i] <= '9')) {
		i++
	}
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
		i++
	}
	return i == len(rest) || rest[i] == '#'
}
