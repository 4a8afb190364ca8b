// Command photocorpus adds photos to a benchmark corpus made by
// ../shared/bench/gencorpus.py: every tenth case study gets a phone's
// 4000×3000 JPEG, with EXIF orientation and a GPS position, named in its
// image field and shown in its body.
//
//	go run ./scripts/photocorpus CONTENT-FOLDER
package main

import (
	"bytes"
	"fmt"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"

	"buildbook/internal/photo/phototest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: photocorpus CONTENT-FOLDER")
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "case-studies", "*.md"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "photocorpus: no case studies in", os.Args[1])
		os.Exit(1)
	}
	slices.Sort(files)
	n := 0
	for i := 9; i < len(files); i += 10 {
		if err := addPhoto(files[i], i); err != nil {
			fmt.Fprintln(os.Stderr, "photocorpus:", err)
			os.Exit(1)
		}
		n++
	}
	fmt.Printf("photocorpus: %d photos of 4000×3000 added\n", n)
}

// addPhoto writes a photo beside the case study file f and names it in
// its front matter and body. Each photo differs (its orientation and a
// pixel), so that none is a copy of another.
func addPhoto(f string, i int) error {
	b, err := os.ReadFile(f)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("photo-%06d.jpg", i)
	img := phototest.Picture(4000, 3000)
	// A light square whose place depends on i: every photo differs.
	for y := range 200 {
		for x := range 200 {
			img.SetRGBA(1000+(i*37)%2800+x, 1500+(i*53)%1300+y, color.RGBA{240, 230, 200, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(f), name), phototest.WithEXIF(buf.Bytes(), 1+i%8), 0o644); err != nil {
		return err
	}
	fm, ok := bytes.CutPrefix(b, []byte("---\n"))
	if !ok {
		return fmt.Errorf("%s: no front matter", f)
	}
	b = append([]byte("---\nimage: "+name+"\n"), fm...)
	b = append(b, "\n\n![A photo of the school]("+name+")\n"...)
	return os.WriteFile(f, b, 0o644)
}
