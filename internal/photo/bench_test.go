package photo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/gen2brain/webp"

	"buildbook/internal/photo/phototest"
)

// BenchmarkMake makes every version that a build publishes of a phone's
// 4000×3000 photo, held level (orientation 1) and upright (6: its
// versions are 3000×4000, the largest to encode), one photo at a time,
// the versions of each size at once on every core as Budget lets them.
// Besides the time and the bytes allocated per photo, it reports
// peak-heap-MB: the most the heap held while it ran, sampled, with the
// collector told to keep the heap within a tenth of what is live, so
// that it shows what a photo holds at once rather than when the
// collector happened to run. The WebP encoder's memory is in it when it
// runs as WebAssembly; with a system libwebp (webp-libwebp in the name),
// that memory is outside Go's heap.
func BenchmarkMake(b *testing.B) {
	webp.Init() // compiled once per process, not per photo
	mode := "wasm"
	if webp.Dynamic() == nil {
		mode = "libwebp"
	}
	for _, o := range []int{1, 6} {
		photo := phototest.PhoneJPEG(4000, 3000, o)
		in, err := Inspect(photo)
		if err != nil {
			b.Fatal(err)
		}
		vs := append(in.Screen(), in.Print())
		if c, ok := in.Card(); ok {
			vs = append(vs, c)
		}
		b.Run(fmt.Sprintf("webp-%s/orientation-%d", mode, o), func(b *testing.B) {
			defer debug.SetGCPercent(debug.SetGCPercent(10))
			runtime.GC()
			stop := watchHeap()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Make(photo, in, vs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
		})
	}
}

// watchHeap samples the bytes of the heap's objects, live or not yet
// collected, until the function it returns is called, which returns the
// most it saw.
func watchHeap() (stop func() uint64) {
	done := make(chan struct{})
	var peak uint64
	var wg sync.WaitGroup
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
