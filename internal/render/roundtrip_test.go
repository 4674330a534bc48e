package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/internal/rendertest"
)

// The property: any template of plain data, formatted as YAML or as JSON,
// reads back as exactly the same value (strings as the same bytes, numbers
// as the same digits, intrinsics as their long form), and formatting what
// was read gives the same bytes. A template holding text that is not UTF-8
// is refused. Templates are built from a stream of bytes (gen below), so
// that the random test and the fuzz target share one generator.

// TestFormatRoundTripRandom checks the property on templates built from
// random bytes; a failure names the seed.
func TestFormatRoundTripRandom(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	for seed := range uint64(n) {
		r := rand.New(rand.NewPCG(seed, 12))
		data := make([]byte, 50+r.IntN(400))
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		if err := roundTrip(data); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// TestFormatRoundTripNastyStrings writes every nasty string as a value, as
// a key, and as the argument of !Sub and !Ref.
func TestFormatRoundTripNastyStrings(t *testing.T) {
	for _, s := range nasty {
		v := map[string]any{"Resources": map[string]any{"R": map[string]any{"Type": "Custom::X", "Properties": map[string]any{
			"Value": s, s: "key", "Sub": map[string]any{"Fn::Sub": s}, "Ref": map[string]any{"Ref": s},
			"List": []any{s, map[string]any{s: s}},
		}}}, "Outputs": map[string]any{s: map[string]any{"Value": s}}}
		if err := checkRoundTrip(v); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

// TestFormatRefusesInvalidText: a string or key that is not UTF-8, a
// json.Number that is not a number, a NaN, a Go value that is not plain
// data are errors naming where they are, in both formats.
func TestFormatRefusesInvalidText(t *testing.T) {
	for name, c := range map[string]struct {
		v    map[string]any
		want string
	}{
		"string":  {map[string]any{"A": []any{"ok", "\xff"}}, "the string at A[1] is not valid UTF-8"},
		"key":     {map[string]any{"A": map[string]any{"\xfe": 1}}, `key "\xfe" at A is not valid UTF-8`},
		"number":  {map[string]any{"N": json.Number("0x1F")}, `the number at N is "0x1F", not a JSON number`},
		"go type": {map[string]any{"C": struct{}{}}, "the value at C is a struct {}"},
	} {
		for _, f := range []render.Format{render.YAML, render.JSON} {
			_, err := render.FormatTemplate(c.v, f)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: got %v, want %q", name, err, c.want)
			}
		}
	}
}

// TestFormatEscapesWhatLiteralBlocksCannotHold: multi-line strings that a
// literal block would change are double-quoted; the others stay literal.
func TestFormatEscapesWhatLiteralBlocksCannotHold(t *testing.T) {
	for s, want := range map[string]string{
		"a\r\nb":        `"a\r\nb"`,
		"a\nb\u2028c":   `"a\nb\Lc"`,
		"a \nb":         `"a \nb"`,
		"a\nb\u0085":    `"a\nb\N"`,
		"\ufeffa\nb":    `"\ufeffa\nb"`,
		"a\nb\x01":      `"a\nb\x01"`,
		"a\nb\n\n":      `"a\nb\n\n"`,
		"\n":            `"\n"`,
		"a\nb":          "|-\n    a\n    b",
		"  a\nb\n":      "|2\n      a\n    b",
		"def f():\n\tx": "|-\n    def f():\n    \tx",
	} {
		got, err := render.FormatTemplate(map[string]any{"K": map[string]any{"V": s}}, render.YAML)
		if err != nil {
			t.Fatal(err)
		}
		if w := "K:\n  V: " + want + "\n"; string(got) != w {
			t.Errorf("%q:\ngot  %q\nwant %q", s, got, w)
		}
	}
}

// FuzzFormatRoundTrip checks the property on templates built from the
// fuzzer's bytes.
func FuzzFormatRoundTrip(f *testing.F) {
	f.Add([]byte("\x00\x04\x02abc"))
	f.Add([]byte("\x05\x05\x05\x01\x80\x81\x82\x0d\x0a\x20\x0a"))
	for i := range nasty {
		f.Add([]byte{4, 2, 0, byte(4 * i), 0, byte(4 * i)})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := roundTrip(data); err != nil {
			t.Fatal(err)
		}
	})
}

// roundTrip builds a template from data and checks the property.
func roundTrip(data []byte) error {
	g := &gen{data: data}
	return checkRoundTrip(g.template())
}

func checkRoundTrip(v map[string]any) error {
	valid := validText(v)
	for _, f := range []render.Format{render.YAML, render.JSON} {
		out, err := render.FormatTemplate(v, f)
		if !valid {
			if err == nil {
				return fmt.Errorf("format %v: text that is not UTF-8 was written:\n%s", f, out)
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("format %v: %v", f, err)
		}
		var back any
		if f == render.YAML {
			back, err = rendertest.ReadYAML(out)
		} else {
			back, err = rendertest.ReadJSON(out)
		}
		if err != nil {
			return fmt.Errorf("format %v: output does not read back: %v\n%s", f, err, out)
		}
		if !reflect.DeepEqual(back, any(v)) {
			return fmt.Errorf("format %v: read back a different value\nwant %#v\ngot  %#v\n%s", f, v, back, out)
		}
		again, err := render.FormatTemplate(back.(map[string]any), f)
		if err != nil || !bytes.Equal(again, out) {
			return fmt.Errorf("format %v: formatting what was read changes the bytes (%v):\n%s", f, err, out)
		}
	}
	return nil
}

// validText reports whether every string and key of v is UTF-8.
func validText(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			if !utf8.ValidString(k) || !validText(item) {
				return false
			}
		}
	case []any:
		for _, item := range x {
			if !validText(item) {
				return false
			}
		}
	case string:
		return utf8.ValidString(x)
	}
	return true
}

// nasty holds strings that YAML readers are known to change or refuse
// when written carelessly.
var nasty = []string{
	"", " ", "a", "Ref", "true", "False", "yes", "null", "~", "-", "- x", "a: b", "a:b", "#c", "a #b",
	"0x1F", "1e3", "012", "0o17", "1_000", ".5", ".inf", ".NaN", "2012-10-17", "2001-12-14t21:59:43.10-05:00",
	"*", "&a", "*a", "!Ref", "!!str", "|", ">", "|-", "a |", "x >", "'", `"`, `\`, `\n`, "%YAML", "@x", "`x", "? x", "<<", "=",
	"---", "...", "--- x\n...\n", "key:", "a  b", "a ", " a", "\t", "a\tb", "\ta\nb",
	"a\nb", "a\nb\n", "a\nb\n\n", "a\nb\n\n\n", "\n", "\n\n", "\nlead", "\n  lead", "  lead\nx", "x\n  y\n",
	"a\r\nb", "\r", "a\rb", "a\nb\r", "x\u0085y", "a\nb\u0085", "x\u2028y", "a\n\u2029", "\ufeffbom", "a\n\ufeff",
	"trailing \nx", "x\n ", "x \n", "x\t\ny", "\x00", "a\n\x00", "\x07", "\x1b[0m", "\x7f", "\u0080", "\u009f", "\u00a0", "a\n\u00a0",
	"é", "日本語", "😀", "x\n😀", "\ufffe", "\uffff", "\ufffd", "\U0010ffff",
	"${AWS::Region}", "${A}-${B}", "arn:${AWS::Partition}:s3:::b/*", "a: b\nc: d", "- a\n- b", "{a: b}", "[a]",
	"def handler(e, c):\n  return 1\n", "#!/bin/sh\necho hi\n",
	strings.Repeat("k", 1100), strings.Repeat("é", 600) + ":", strings.Repeat("ab ", 400) + "\nx",
}

// gen builds plain-data templates from a stream of bytes; once the bytes
// run out it reads zeros, so every stream gives a finite template.
type gen struct {
	data []byte
	i    int
}

func (g *gen) next() byte {
	if g.i >= len(g.data) {
		return 0
	}
	g.i++
	return g.data[g.i-1]
}

var sections = []string{"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Conditions", "Transform", "Resources", "Outputs"}
var attributes = []string{"Type", "Condition", "DependsOn", "Metadata", "DeletionPolicy", "Properties", "Value", "Export", "Description"}
var functions = []string{"Ref", "Fn::Sub", "Fn::GetAtt", "Fn::Join", "Fn::If", "Fn::Select", "Fn::GetAZs", "Fn::Base64", "Condition", "Fn::Transform"}
var numbers = []json.Number{"0", "-1", "1.5", "1e5", "-0.0", "1E+2", "123456789012345678901234567890", "0.1", "10"}

// runes are the characters a generated string is made of besides ASCII.
var runes = []string{"\r", "\n", "\t", " ", "\u0085", "\u2028", "\u2029", "\ufeff", "\u00a0", "é", "日", "😀", "\ufffe", "\ufffd", "\x1b", "\x00", "\x7f", "\u009b", "\xff", ":", "#", "-", "!", "&", "*", "'", `"`, `\`, "{", "[", "|", ">", "$"}

func (g *gen) template() map[string]any {
	top := map[string]any{}
	for n := g.next() % 4; n > 0; n-- {
		s := sections[int(g.next())%len(sections)]
		switch s {
		case "Resources", "Outputs":
			sec := map[string]any{}
			for m := g.next() % 3; m > 0; m-- {
				r := map[string]any{}
				for a := g.next() % 4; a > 0; a-- {
					r[attributes[int(g.next())%len(attributes)]] = g.value(2)
				}
				sec[g.str()] = r
			}
			top[s] = sec
		default:
			top[s] = g.value(3)
		}
	}
	for n := g.next() % 2; n > 0; n-- {
		top[g.str()] = g.value(2)
	}
	return top
}

func (g *gen) value(depth int) any {
	c := g.next()
	if depth <= 0 {
		c %= 4
	}
	switch c % 9 {
	case 0, 1:
		return g.str()
	case 2:
		return numbers[int(g.next())%len(numbers)]
	case 3:
		if c&0x10 != 0 {
			return nil
		}
		return c&0x20 != 0
	case 4:
		m := map[string]any{}
		for n := g.next() % 4; n > 0; n-- {
			m[g.str()] = g.value(depth - 1)
		}
		return m
	case 5:
		l := []any{}
		for n := g.next() % 4; n > 0; n-- {
			l = append(l, g.value(depth-1))
		}
		return l
	default:
		return g.intrinsic(depth)
	}
}

func (g *gen) intrinsic(depth int) any {
	fn := functions[int(g.next())%len(functions)]
	switch g.next() % 4 {
	case 0:
		return map[string]any{fn: g.str()}
	case 1:
		return map[string]any{fn: []any{g.str(), g.str()}}
	case 2:
		return map[string]any{fn: []any{g.str(), map[string]any{g.str(): g.value(depth - 1)}}}
	default:
		return map[string]any{fn: g.value(depth - 1)}
	}
}

func (g *gen) str() string {
	c := g.next()
	if c%4 == 0 {
		return nasty[int(c/4)%len(nasty)]
	}
	var b strings.Builder
	for n := g.next() % 12; n > 0; n-- {
		c := g.next()
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteString(runes[int(c)%len(runes)])
		}
	}
	return b.String()
}
