package par

import (
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		seen := make([]atomic.Int32, n)
		For(n, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d ran %d times", n, i, c)
			}
		}
	}
}

// TestForPanic checks that a panic in a worker reaches For's caller, with
// the value it was raised with and the stack of the worker.
func TestForPanic(t *testing.T) {
	defer func() {
		v := recover()
		p, ok := v.(*Panic)
		if !ok {
			t.Fatalf("recovered %T %v, want a *Panic", v, v)
		}
		if p.Value != "boom at 7" || !strings.Contains(string(p.Stack), "TestForPanic") {
			t.Errorf("Panic{%v, stack %s}: want the value and the stack of the worker", p.Value, p.Stack)
		}
		if !strings.HasPrefix(p.Error(), "boom at 7\n\n") {
			t.Errorf("Error() = %q", p.Error())
		}
	}()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0)))) // workers, even on one core
	For(100, func(i int) {
		if i == 7 {
			panic(fmt.Sprintf("boom at %d", i))
		}
	})
	t.Fatal("For returned after a panic")
}
