// Command writefloor measures how long the disk takes to create a folder of
// files: the floor under the write phase of a cold build. It reads the
// tree of a built site (the paths of its folders and files, and each
// file's size), then creates the same folders and files, with as many
// bytes each, under a new folder beside it, and prints the fastest of a
// few tries, in seconds.
//
//	go run ./scripts/writefloor [-r TRIES] [-j WRITERS] SITE-FOLDER
//
// Each try creates the folders first, in order, then writes the files
// with os.WriteFile on WRITERS goroutines (the number of cores by default; 1 for a single
// writer), and removes its copy afterwards; its removal is not timed.
// The program renders nothing and checks nothing, so its time is what
// creating those files costs on that disk at that moment.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type file struct {
	path string
	size int
}

func main() {
	tries := flag.Int("r", 3, "tries; the fastest is printed")
	writers := flag.Int("j", runtime.NumCPU(), "goroutines that write files")
	verbose := flag.Bool("v", false, "print every try, and the tree's size")
	flag.Parse()
	if flag.NArg() != 1 || *tries < 1 || *writers < 1 {
		fmt.Fprintln(os.Stderr, "usage: writefloor [-r TRIES] [-j WRITERS] [-v] SITE-FOLDER")
		os.Exit(2)
	}
	site := filepath.Clean(flag.Arg(0))
	var dirs []string
	var files []file
	largest := 0
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		switch {
		case d.IsDir():
			if rel != "." {
				dirs = append(dirs, rel)
			}
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			files = append(files, file{rel, int(info.Size())})
			largest = max(largest, int(info.Size()))
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "writefloor:", err)
		os.Exit(1)
	}
	buf := make([]byte, largest)
	for i := range buf {
		buf[i] = byte('a' + i%26)
	}
	if *verbose {
		fmt.Fprintf(os.Stderr, "writefloor: %d files in %d folders\n", len(files), len(dirs)+1)
	}
	var times []time.Duration
	for try := range *tries {
		out := fmt.Sprintf("%s.floor-%d-%d", site, os.Getpid(), try)
		d, err := create(out, dirs, files, buf, *writers)
		if rerr := os.RemoveAll(out); err == nil {
			err = rerr
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "writefloor:", err)
			os.Exit(1)
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "writefloor: try %d: %.3f s\n", try+1, d.Seconds())
		}
		times = append(times, d)
	}
	fmt.Printf("%.3f\n", slices.Min(times).Seconds())
}

// create makes out and, under it, the folders dirs (parents before
// children, as a walk lists them) and the files, each with its size in
// bytes of buf, and returns how long that took.
func create(out string, dirs []string, files []file, buf []byte, writers int) (time.Duration, error) {
	start := time.Now()
	if err := os.Mkdir(out, 0o755); err != nil {
		return 0, err
	}
	for _, d := range dirs {
		if err := os.Mkdir(filepath.Join(out, d), 0o755); err != nil {
			return 0, err
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || errs[w] != nil {
					return
				}
				errs[w] = os.WriteFile(filepath.Join(out, files[i].path), buf[:files[i].size], 0o644)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}
