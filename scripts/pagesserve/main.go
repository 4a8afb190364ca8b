// Command pagesserve serves a built site as GitHub Pages does, for measuring
// it (scripts/lighthouse.sh): text compressed with gzip, every file cached
// for ten minutes (Cache-Control: max-age=600), a folder's index.html for its
// address and 404.html for a missing file. It adds nothing to the pages,
// unlike buildbook serve, which injects its reload script.
//
//	go run ./scripts/pagesserve -addr 127.0.0.1:8000 SITE-FOLDER
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8000", "the address to listen on")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pagesserve [-addr host:port] SITE-FOLDER")
		os.Exit(2)
	}
	root, err := os.OpenRoot(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe(*addr, handler(root)))
}

// compressed lists the file types that Pages sends with gzip.
var compressed = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true, ".svg": true,
	".xml": true, ".txt": true, ".ico": true, ".bib": true, ".ris": true,
}

func handler(root *os.Root) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		status := http.StatusOK
		if st, err := root.Stat(nameOrDot(name)); err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			name = path.Join(name, "index.html")
		}
		data, err := root.ReadFile(nameOrDot(name))
		if err != nil {
			status, name = http.StatusNotFound, "404.html"
			if data, err = root.ReadFile(name); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		h := w.Header()
		h.Set("Cache-Control", "max-age=600")
		if ct := mimeType(name); ct != "" {
			h.Set("Content-Type", ct)
		} else {
			h.Set("Content-Type", http.DetectContentType(data))
		}
		h.Set("Vary", "Accept-Encoding")
		if compressed[filepath.Ext(name)] && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			w.WriteHeader(status)
			zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			return
		}
		w.WriteHeader(status)
		w.Write(data)
	})
}

func nameOrDot(name string) string {
	if name == "" {
		return "."
	}
	return name
}

var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".json": "application/json",
	".svg": "image/svg+xml", ".xml": "application/xml", ".ico": "image/x-icon",
	".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
	".woff2": "font/woff2", ".pdf": "application/pdf", ".epub": "application/epub+zip",
	".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
	".txt": "text/plain; charset=utf-8",
}

func mimeType(name string) string { return types[filepath.Ext(name)] }
