package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"unicode/utf8"
)

// errBodyChanged is ReadBody's error when the file is not what Load read.
var errBodyChanged = errors.New("the file changed while the site was being built: build again once it is saved")

// ReadBody returns the Markdown body of c: c.Body, or, when Load let it
// go (Options.DropBodies), the body read again from the file, which must
// be as Load read it.
func (s *Site) ReadBody(c *CaseStudy) ([]byte, error) {
	if c.Body != nil || c.BodySize == 0 {
		return c.Body, nil
	}
	b, err := fs.ReadFile(s.FS, c.File)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file again: %w", unwrapPathError(err))
	}
	b = lfLines(bytes.TrimPrefix(b, bom))
	if len(b)-c.bodyAt != c.BodySize {
		return nil, errBodyChanged
	}
	body := b[c.bodyAt:]
	if checksum(body) != c.BodySum {
		return nil, errBodyChanged
	}
	return body, nil
}

// Limits on the shape of a Markdown body. No real case study comes near
// them; past them, Markdown conversion takes time that grows with the
// square of the text, so a 1 MiB file could keep a build busy for hours.
const (
	MaxLineLength = 20_000 // characters in one line
	MaxQuoteDepth = 32     // quotations (>) inside quotations
	MaxEmphasis   = 2_000  // * and _ in one paragraph
	MaxFootnotes  = 1_000  // footnote definitions in one body
	MaxNesting    = 32     // lists and quotations opened on one line
	// MaxBracketWork bounds the brackets (]) of a body, each counted as
	// many times as there are lines after it in its paragraph: for each,
	// the converter reads those lines again (to see whether a link or
	// reference definition continues), so a long paragraph full of links
	// or [ takes time that grows with the square of its length.
	MaxBracketWork = 10_000_000
	maxBodyReports = 5 // messages about one body, at most
)

// checkBody reports the lines of a Markdown body that pass the limits on
// its shape, and returns the body, or nil when it passes them: the run
// fails, and its conversion is not worth the time. bodyLine is the file
// line of the body's first line.
func (l *loader) checkBody(file string, body []byte, bodyLine int) []byte {
	reports, footnotes := 0, 0
	report := func(line, col int, format string, args ...any) {
		if reports < maxBodyReports {
			l.errorf(file, line, col, format, args...)
		}
		reports++
	}
	emphasis, blockLine, inBlock := 0, 0, false
	brackets, bracketWork := 0, 0 // ] in the paragraph so far; the work of all
	for i, start := 0, 0; start < len(body); i++ {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		n := bodyLine + i
		if len(line) > MaxLineLength {
			if c := utf8.RuneCount(line); c > MaxLineLength {
				report(n, 1, "this line is %d characters long; the limit is %d: break it into paragraphs", c, MaxLineLength)
			}
		}
		depth := 0
		for _, c := range line {
			if c == '>' {
				depth++
			} else if c != ' ' && c != '\t' {
				break
			}
		}
		if depth > MaxQuoteDepth {
			report(n, 1, "quotations (>) are nested %d deep on this line; the limit is %d", depth, MaxQuoteDepth)
		} else if nesting := containers(line); nesting > MaxNesting {
			report(n, 1, "lists and quotations are nested %d deep on this line (a list marker such as - , * or 1. opens a list inside the one before); the limit is %d: write the markers once, on lines of their own", nesting, MaxNesting)
		}
		if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("[^")) {
			footnotes++
			if footnotes == MaxFootnotes+1 {
				report(n, 1, "the text has more than %d footnotes; the limit is %d", MaxFootnotes, MaxFootnotes)
			}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			emphasis, brackets, inBlock = 0, 0, false
		} else {
			if !inBlock {
				blockLine, inBlock = n, true
			}
			// Every ] above is read again with this line.
			before := bracketWork
			bracketWork += brackets
			brackets += bytes.Count(line, []byte("]"))
			if before <= MaxBracketWork && bracketWork > MaxBracketWork {
				report(blockLine, 1, "this paragraph is long and has many links or [ ] brackets, more than can be converted in time: split it into shorter paragraphs with blank lines between")
			}
			before = emphasis
			emphasis += bytes.Count(line, []byte("*")) + bytes.Count(line, []byte("_"))
			if before <= MaxEmphasis && emphasis > MaxEmphasis {
				report(blockLine, 1, "this paragraph has more than %d * and _ characters; the limit is %d: write it in plain words, or split it", MaxEmphasis, MaxEmphasis)
			}
		}
		start = end + 1
	}
	if reports > maxBodyReports {
		l.errorf(file, bodyLine, 1, "%d more lines pass the limits on the shape of the text", reports-maxBodyReports)
	}
	if reports > 0 {
		return nil
	}
	return body
}

// containers returns how many quotations (>) and list items a line opens
// at its start, one inside the other: "- > 1. text" opens three. A
// thematic break ("- - -", "* * *") opens none.
func containers(line []byte) int {
	if isBreak(line) {
		return 0
	}
	depth := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
			continue
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			i++
			if i < len(line) && line[i] != ' ' && line[i] != '\t' {
				return depth
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') {
				return depth
			}
			i = j + 1
			if i < len(line) && line[i] != ' ' && line[i] != '\t' {
				return depth
			}
		default:
			return depth
		}
		depth++
	}
	return depth
}

// isBreak reports whether a line is a thematic break: three or more of
// one of -, * and _, and nothing else but spaces and tabs.
func isBreak(line []byte) bool {
	var mark byte
	count := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case mark == 0 && (c == '-' || c == '*' || c == '_'), c == mark:
			mark = c
			count++
		default:
			return false
		}
	}
	return count >= 3
}
