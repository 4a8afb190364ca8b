package content

import (
	"bytes"
	"unicode/utf8"
)

// Limits on the shape of a Markdown body. No real case study comes near
// them; past them, Markdown conversion takes time that grows with the
// square of the text, so a 1 MiB file could keep a build busy for hours.
const (
	MaxLineLength  = 20_000 // characters in one line
	MaxQuoteDepth  = 32     // quotations (>) inside quotations
	MaxEmphasis    = 2_000  // * and _ in one paragraph
	MaxFootnotes   = 1_000  // footnote definitions in one body
	maxBodyReports = 5      // messages about one body, at most
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
		}
		if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("[^")) {
			footnotes++
			if footnotes == MaxFootnotes+1 {
				report(n, 1, "the text has more than %d footnotes; the limit is %d", MaxFootnotes, MaxFootnotes)
			}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			emphasis, inBlock = 0, false
		} else {
			if !inBlock {
				blockLine, inBlock = n, true
			}
			before := emphasis
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
