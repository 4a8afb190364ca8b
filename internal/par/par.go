// Package par runs the iterations of a loop on every core.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// For runs f(0) ... f(n-1) on GOMAXPROCS goroutines, each taking the next
// index as it finishes one, and returns when all are done. Work that must
// come out in order writes its result at its own index.
//
// A panic in f stops the loop and is raised again in the caller's
// goroutine, as a *Panic with the stack where it happened, so that a
// caller can recover from it as from a panic of its own (a panic left in
// another goroutine ends the program).
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
	var first atomic.Pointer[Panic]
	for range workers {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					first.CompareAndSwap(nil, &Panic{Value: v, Stack: debug.Stack()})
					next.Store(int64(n)) // the others stop at their next index
				}
			}()
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
	if p := first.Load(); p != nil {
		panic(p)
	}
}

// Panic is a panic in one of For's goroutines, raised again in For's
// caller.
type Panic struct {
	Value any    // the value the goroutine panicked with
	Stack []byte // the goroutine's stack when it did
}

// Error is the value, then the stack it was raised at, after a blank line.
func (p *Panic) Error() string {
	return fmt.Sprint(p.Value) + "\n\n" + string(p.Stack)
}
