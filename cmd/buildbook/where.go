package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// maxUp is how many folders above the current one buildbook looks in for
// a book, when run outside one.
const maxUp = 5

// defaultContent is the content folder buildbook reads unless --content
// names another.
const defaultContent = "content"

// outsideBook reports whether the command, run with the default content
// folder, is outside a book folder: content/book.yaml is not there. It
// then says on stderr where to run it, with the folder above that holds
// a book if there is one, and what a book folder looks like if not, and
// returns true. It returns false when --content was given, when the book
// is there, and when content/ is there without book.yaml, which the
// content's own checks report.
func (c *contentFlags) outsideBook(cmd string, stderr io.Writer) bool {
	given := false
	c.flags.Visit(func(f *flag.Flag) { given = given || f.Name == "content" })
	if given || c.content != defaultContent {
		return false
	}
	if _, err := os.Stat(filepath.Join(defaultContent, "book.yaml")); err == nil {
		return false
	}
	wd, err := os.Getwd()
	if err != nil {
		return false
	}
	if found := findBook(wd); found != "" {
		rel, err := filepath.Rel(wd, filepath.Join(found, defaultContent))
		if err != nil {
			rel = filepath.Join(found, defaultContent)
		}
		fmt.Fprintf(stderr, "buildbook %s: there is no book in this folder (no %s): run buildbook from %s, or give --content %s\n", cmd, filepath.Join(defaultContent, "book.yaml"), found, rel)
		return true
	}
	if info, err := os.Stat(defaultContent); err == nil && info.IsDir() {
		return false
	}
	fmt.Fprintf(stderr, "buildbook %s: there is no book in this folder, %s, nor in the %d folders above it. Run buildbook in the folder of a book: the one that holds the folder content, with book.yaml, taxonomies.yaml and case-studies/ in it. Or give the content folder's path with --content\n", cmd, wd, maxUp)
	return true
}

// findBook looks for content/book.yaml in the folders above dir, up to
// maxUp of them and not past the top of a git repository, and returns the
// folder that holds it, or "".
func findBook(dir string) string {
	for range maxUp {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "" // the top of the repository: look no higher
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
		if _, err := os.Stat(filepath.Join(dir, defaultContent, "book.yaml")); err == nil {
			return dir
		}
	}
	return ""
}
