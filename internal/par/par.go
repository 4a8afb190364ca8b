// Package par runs the iterations of a loop on every core.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For runs f(0) ... f(n-1) on GOMAXPROCS goroutines, each taking the next
// index as it finishes one, and returns when all are done. Work that must
// come out in order writes its result at its own index.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
