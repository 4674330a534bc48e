package cli

import (
	"os"
	"runtime/debug"
)

// gcPercent is the collector's target for a command's process: a command
// reads at most safeio's 5 MB and exits within milliseconds, so collecting
// four times less often saves about an eighth of the CPU of a synth of 100
// functions (docs/performance.md) for a few MiB more at peak.
const gcPercent = 400

// gcMemoryLimit makes the collector run anyway as the heap nears it: a
// spec that expands far beyond its bytes still cannot hold more.
const gcMemoryLimit = 1 << 30

// TuneGC sets the collector for a short-lived command, unless the user
// set GOGC or GOMEMLIMIT. The mains call it; a program that imports this
// package keeps its own settings.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcMemoryLimit)
	}
}
