package lint

import (
	"fmt"
	"strings"
)

// unifiedDiff writes the unified diff (3 lines of context) of a template
// before and after --fix, for --dry-run. The edits of --fix are local (a
// line replaced, a line inserted), so lines are matched greedily: after a
// difference, the nearest pair of equal lines within diffWindow resumes the
// match. It returns "" when nothing changed.
func unifiedDiff(name string, before, after []byte) string {
	if string(before) == string(after) {
		return ""
	}
	a, b := splitLines(string(before)), splitLines(string(after))
	type op struct {
		kind byte // ' ', '-', '+'
		line string
		ai   int // line number in a (0-based) of ' ' and '-'
		bi   int // line number in b of ' ' and '+'
	}
	var ops []op
	i, j := 0, 0
	match := func(x, y int) bool {
		return (x == len(a) && y == len(b)) || (x < len(a) && y < len(b) && a[x] == b[y])
	}
	for i < len(a) || j < len(b) {
		if i < len(a) && j < len(b) && a[i] == b[j] {
			ops = append(ops, op{' ', a[i], i, j})
			i, j = i+1, j+1
			continue
		}
		da, db := len(a)-i, len(b)-j // no resync: the rest differs
	search:
		for d := 1; d <= diffWindow; d++ {
			for x := 0; x <= d; x++ {
				if i+x <= len(a) && j+d-x <= len(b) && match(i+x, j+d-x) {
					da, db = x, d-x
					break search
				}
			}
		}
		for k := 0; k < da; k++ {
			ops = append(ops, op{'-', a[i+k], i + k, j})
		}
		for k := 0; k < db; k++ {
			ops = append(ops, op{'+', b[j+k], i + da, j + k})
		}
		i, j = i+da, j+db
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s (fixed)\n", name, name)
	const context = 3
	for k := 0; k < len(ops); {
		if ops[k].kind == ' ' {
			k++
			continue
		}
		start := max(k-context, 0)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		na, nb := 0, 0
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				na++
			}
			if o.kind != '-' {
				nb++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", ops[start].ai+1, na, ops[start].bi+1, nb)
		for _, o := range ops[start:end] {
			out.WriteByte(o.kind)
			out.WriteString(o.line)
			out.WriteByte('\n')
		}
		k = end
	}
	return out.String()
}

// diffWindow bounds how far a difference is searched for its end.
const diffWindow = 200

func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
