package build

import (
	"fmt"
	"io"
	"runtime/metrics"
	"time"
)

// phases reports how long each phase of a build took, to the writer
// BUILDBOOK_TIMINGS asks for; a nil *phases reports nothing.
type phases struct {
	w     io.Writer
	start time.Time
	last  time.Time
}

func newPhases(w io.Writer) *phases {
	if w == nil {
		return nil
	}
	now := time.Now()
	return &phases{w: w, start: now, last: now}
}

// done reports the phase that ends now.
func (p *phases) done(name string) {
	if p == nil {
		return
	}
	now := time.Now()
	fmt.Fprintf(p.w, "buildbook: %-10s %7.1f ms (at %7.1f ms)\n", name, float64(now.Sub(p.last).Microseconds())/1000, float64(now.Sub(p.start).Microseconds())/1000)
	p.last = now
}

// gcSamples are what gc reports, from runtime/metrics.
var gcSamples = []string{
	"/cpu/classes/gc/total:cpu-seconds",
	"/gc/cycles/total:gc-cycles",
	"/gc/heap/allocs:bytes",
}

// gc reports, at the end of a build, the garbage collector's work: its
// processor time (the runtime's estimate, which counts the time its
// workers ran, waiting for a core included), its cycles, and how much the
// build allocated. On a large site, the collector is what grows faster
// than the site: compare its time with the process's (time's user).
func (p *phases) gc() {
	if p == nil {
		return
	}
	s := make([]metrics.Sample, len(gcSamples))
	for i, name := range gcSamples {
		s[i].Name = name
	}
	metrics.Read(s)
	v := func(i int) float64 {
		switch s[i].Value.Kind() {
		case metrics.KindFloat64:
			return s[i].Value.Float64()
		case metrics.KindUint64:
			return float64(s[i].Value.Uint64())
		}
		return 0
	}
	fmt.Fprintf(p.w, "buildbook: gc         %.1f s, %d cycles, %.0f MiB allocated\n", v(0), int(v(1)), v(2)/(1<<20))
}
