package diag

import "strings"

// EditDistance is the Levenshtein distance of two short strings, compared
// without regard to case. Strings over 128 bytes are either equal or far
// apart (so a hostile input cannot make it quadratic in its size).
func EditDistance(a, b string) int {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if len(a) > 128 || len(b) > 128 {
		if a == b {
			return 0
		}
		return 128
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
