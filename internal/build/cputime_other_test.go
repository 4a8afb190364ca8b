//go:build !unix && !windows

package build

import "time"

// cpuTime would be the processor time the process has used; this system
// does not say, and the benchmarks report 0.
func cpuTime() time.Duration { return 0 }
