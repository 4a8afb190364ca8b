package photo

import "sync"

// Budget is the memory, in bytes, that the images Make decodes and the
// versions it encodes hold at once, by its estimate (see stepCost),
// however many images are made at once: an image waits until what the
// others hold leaves room for the most it will hold, and gives it back
// as it goes. A 4000×3000 photo, decoded (18 MB), and its print version
// and 1600-pixel WebP made at once on two cores, is estimated at 76 MB,
// more than the budget: it is made alone, its versions at once as far as
// the budget leaves room for them (the WebP and the 1600-pixel JPEG, then
// the print version); its smaller versions, from its half (12 MB), leave
// room for the next photo to start.
const Budget = 64 << 20

// held is what the images being made hold of Budget.
var held = &budget{size: Budget}

// budget is a weighted semaphore: the requests are granted in the order
// they come, so that a large one is never passed over for ever by
// smaller ones.
type budget struct {
	mu   sync.Mutex
	size int64
	used int64
	wait []request // in the order they came
}

type request struct {
	n     int64
	ready chan struct{}
}

// acquire waits until n bytes of the budget are free and takes them, or
// the whole budget if n is more; it returns how many it took.
func (b *budget) acquire(n int64) int64 {
	n = min(n, b.size)
	b.mu.Lock()
	if len(b.wait) == 0 && b.used+n <= b.size {
		b.used += n
		b.mu.Unlock()
		return n
	}
	r := request{n, make(chan struct{})}
	b.wait = append(b.wait, r)
	b.mu.Unlock()
	<-r.ready
	return n
}

// release gives back n bytes taken by acquire, and grants the requests
// waiting, in order, as far as they fit.
func (b *budget) release(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	for len(b.wait) > 0 && b.used+b.wait[0].n <= b.size {
		r := b.wait[0]
		b.wait = b.wait[1:]
		b.used += r.n
		close(r.ready)
	}
}
