package photo

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
	"time"

	"buildbook/internal/photo/phototest"
)

// TestBudget checks the weighted semaphore: a request that does not fit
// waits until enough is released, a later small one that would fit waits
// behind it (in order), and one over the whole budget takes all of it.
func TestBudget(t *testing.T) {
	b := &budget{size: 10}
	if got := b.acquire(6); got != 6 {
		t.Fatalf("acquire(6) took %d", got)
	}
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second) // a hang guard, not a timing
		for {
			b.mu.Lock()
			w := len(b.wait)
			b.mu.Unlock()
			if w == n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d requests waiting, want %d", w, n)
			}
			time.Sleep(time.Millisecond)
		}
	}
	large, small := make(chan int64), make(chan int64)
	go func() { large <- b.acquire(6) }()
	waitFor(1)
	go func() { small <- b.acquire(2) }()
	waitFor(2) // 6+2 fits, but the large request came first
	b.release(6)
	if got := <-large; got != 6 {
		t.Errorf("the waiting request took %d, want 6", got)
	}
	if got := <-small; got != 2 {
		t.Errorf("the small request took %d, want 2", got)
	}
	b.release(6)
	b.release(2)
	if got := b.acquire(25); got != 10 {
		t.Errorf("a request over the budget took %d, want the whole budget, 10", got)
	}
	b.release(10)
	if b.used != 0 || len(b.wait) != 0 {
		t.Errorf("after every release, %d used and %d waiting", b.used, len(b.wait))
	}
}

// TestJPEGDecoded checks the bytes a JPEG is estimated to decode into
// against what image/jpeg makes of it: a phone's photo (4:2:0) and a
// grey one, converted to RGBA.
func TestJPEGDecoded(t *testing.T) {
	phone := phototest.PhoneJPEG(64, 48, 1)
	img, err := jpeg.Decode(bytes.NewReader(phone))
	if err != nil {
		t.Fatal(err)
	}
	y := img.(*image.YCbCr)
	if got, want := jpegDecoded(phone, 64, 48), int64(len(y.Y)+len(y.Cb)+len(y.Cr)); got != want {
		t.Errorf("a 4:2:0 JPEG: %d bytes, want %d", got, want)
	}
	grey := image.NewGray(image.Rect(0, 0, 64, 48))
	for i := range grey.Pix {
		grey.Pix[i] = color.Gray{uint8(i)}.Y
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, grey, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := jpegDecoded(buf.Bytes(), 64, 48), int64(4*64*48); got != want {
		t.Errorf("a grey JPEG: %d bytes, want %d, its RGBA", got, want)
	}
	if got := jpegDecoded([]byte("not a JPEG"), 64, 48); got != 4*64*48 {
		t.Errorf("not a JPEG: %d bytes, want its RGBA's", got)
	}
}
