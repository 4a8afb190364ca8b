package build

import (
	"fmt"
	"io"
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
