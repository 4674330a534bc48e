package spec

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/durablefn/durablefn/facts"
)

var durationPartRE = regexp.MustCompile(`(\d+)([smhd])`)
var durationRE = regexp.MustCompile(`^(\d+[smhd])+$`)

// ParseDuration reads a duration written as units of seconds, minutes,
// hours and days, largest first: "30s", "90m", "24h", "7d", "1d12h". It
// returns whole seconds.
func ParseDuration(s string) (int, error) {
	if !durationRE.MatchString(s) {
		return 0, fmt.Errorf("%q is not a duration", s)
	}
	unit := map[string]int{"s": 1, "m": 60, "h": 3600, "d": 86400}
	order := map[string]int{"d": 0, "h": 1, "m": 2, "s": 3}
	total, last := 0, -1
	for _, m := range durationPartRE.FindAllStringSubmatch(s, -1) {
		if order[m[2]] <= last {
			return 0, fmt.Errorf("%q is not a duration: write each unit once, largest first (1d12h)", s)
		}
		last = order[m[2]]
		n, err := strconv.Atoi(m[1])
		if err != nil || n > facts.MaxExecutionTimeout*10 {
			return 0, fmt.Errorf("%q is too large", s)
		}
		total += n * unit[m[2]]
	}
	return total, nil
}

// FormatDuration writes seconds the way a person reads them: "24h",
// "7d", "1d12h", "90s".
func FormatDuration(sec int) string {
	if sec <= 0 {
		return fmt.Sprintf("%ds", sec)
	}
	out := ""
	for _, u := range []struct {
		n    int
		name string
	}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}} {
		if sec >= u.n {
			out += fmt.Sprintf("%d%s", sec/u.n, u.name)
			sec %= u.n
		}
	}
	return out
}

// groupThousands writes 31622400 as "31,622,400".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := false
	if n < 0 {
		neg, s = true, s[1:]
	}
	out := ""
	for len(s) > 3 {
		out = "," + s[len(s)-3:] + out
		s = s[:len(s)-3]
	}
	out = s + out
	if neg {
		out = "-" + out
	}
	return out
}
