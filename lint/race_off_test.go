//go:build !race

package lint_test

// raceEnabled is set when the race detector slows every test down.
const raceEnabled = false
