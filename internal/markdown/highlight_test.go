package markdown

import (
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// TestHighlightPlain checks the code blocks that are published as plain
// text, each with a warning at its opening fence, and that their text is
// escaped.
func TestHighlightPlain(t *testing.T) {
	long := func(lang, line string, lines int) string {
		return "```" + lang + "\n" + strings.Repeat(line+"\n", lines) + "```\n"
	}
	tests := []struct {
		name, src string
		want      string // the warning, "" for none
		colour    bool   // the block is highlighted
	}{
		{name: "go", src: "```go\nfunc main() { s := \"</code><script>\" }\n```\n", colour: true},
		{name: "unknown language", src: "```nosuchlanguage\n<script>x</script>\n```\n"},
		{name: "plain text", src: "```text\n<script>x</script>\n```\n"},
		{name: "indented", src: "    <script>x</script>\n"},
		{name: "jungle, unclosed brace", src: "Text.\n\n```jungle\n{\n<script>\n```\n", want: `3:1: this code block (language "jungle") could not be highlighted; it is`},
		{name: "jungle, unclosed string", src: "```Jungle\n\"<script>\n```\n", want: `1:1: this code block (language "jungle") could not be highlighted; it is`},
		{name: "jsonata, unclosed string", src: "```jsonata\n\"<script>\n```\n", want: `1:1: this code block (language "jsonata") could not be highlighted; it is`},
		{name: "in a list", src: "- item\n\n  ~~~ jungle\n  {<script>\n  ~~~\n", want: `3:3: this code block (language "jungle")`},
		{name: "long line", src: long("gnuplot", "<script>"+strings.Repeat("a", 8000), 1), want: "1:1: this code block (language \"gnuplot\") has a line longer than"},
		{name: "slow lexer", src: "```cfengine3\n<script>\n```\n", want: `1:1: this code block (language "cfengine3") is published as plain text: code in this language cannot be highlighted safely`},
		{name: "long block", src: long("sql", "select '<script>' from t;", 2000), want: "1:1: this code block (language \"sql\") is longer than"},
		{name: "much code", src: strings.Repeat(long("go", "x := \"<script>\" // "+strings.Repeat("a", 100), 100), 4), want: "205:1: this code block (language \"go\") and the code blocks after it are published as plain text: the code blocks of this text add up"},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := c.Parse([]byte(tt.src), 1)
			var got []string
			for _, w := range d.Warnings {
				got = append(got, fmt.Sprintf("%d:%d: %s", w.Line, w.Col, w.Text))
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warnings %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.want)):
				t.Errorf("warnings %q, want one starting %q", got, tt.want)
			}
			for _, out := range []string{string(c.Render(d)), string(c.RenderBook(d))} {
				if u := unsafe([]byte(out)); u != "" {
					t.Errorf("unsafe HTML %s", u)
				}
				if !strings.Contains(out, "&lt;script&gt;") && !strings.Contains(out, "&#34;&lt;/code&gt;&lt;script&gt;&#34;") {
					t.Errorf("the code's text is not in the output:\n%s", out)
				}
				if colour := strings.Contains(out, `<span class="kd">`); colour != tt.colour {
					t.Errorf("highlighted: %v, want %v", colour, tt.colour)
				}
			}
		})
	}
}

// TestPlainAsFallback checks that a block published as plain text looks
// like one in a language chroma does not know.
func TestPlainAsFallback(t *testing.T) {
	for _, code := range []string{"", "a\n", "a <b> & c\n\n\td\n", "no newline", "crlf\r\nlines\r\n", "a\rb\n", "quotes ' \" and &amp;\n", strings.Repeat("é", 10000) + "\n" + strings.Repeat("x\n", 3)} {
		want, why := tokenise(lexers.Fallback, code, time.Now().Add(time.Minute))
		if why != highlighted {
			t.Fatalf("the fallback lexer failed: %v", why)
		}
		var b strings.Builder
		if err := formatter.Format(&b, styles.Fallback, chroma.Literator(want...)); err != nil {
			t.Fatal(err)
		}
		if got := string(plain(code)); got != b.String() {
			t.Errorf("plain(%.20q) = %q, want %q", code, got, b.String())
		}
	}
}

// TestHighlightGivesUp checks that a lexer stuck in a loop, or past its
// time, is stopped with the reason.
func TestHighlightGivesUp(t *testing.T) {
	tests := []struct {
		lang, code string
		budget     time.Duration
		want       plainWhy
	}{
		{"jungle", "{\n", time.Minute, whyStuck},
		{"jsonata", "\"\n", time.Minute, whyStuck},
		// CFEngine3 takes seconds on a few kilobytes.
		{"cfengine3", strings.Repeat("a:", 4000), 10 * time.Millisecond, whyTime},
		{"gnuplot", "\"" + strings.Repeat("a", 16000), 10 * time.Millisecond, whyTime},
		{"go", "x", 0, whyTime},
	}
	got := make(chan plainWhy, len(tests))
	go func() {
		for _, tt := range tests {
			got <- highlightCode(lexers.Get(tt.lang), tt.code, tt.budget).why
		}
	}()
	for _, tt := range tests {
		select {
		case why := <-got:
			if why != tt.want {
				t.Errorf("%s %.20q: %v, want %v", tt.lang, tt.code, why, tt.want)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("highlighting %s did not stop within 60 s", tt.lang)
		}
	}
}

// adversarial are units of code that, repeated, have made one chroma lexer
// or another slow: unclosed strings and comments, runs of one character,
// blank lines.
var adversarial = []string{"a", "a ", "\"a", "'a", "/*a", "{", "(", "[", "<", "\\", " ", "1", "#", "$", "`", "=", "a.", "<a ", "\t", "a:", "- ", "*", "%", "@", "é", "\"", "'", "/", "-", ".", ";", ",", ":", "!", "&", "|", "?", "+", "0x", "a=", "<!--", "${", "{{", "[[", "(*", "--", "//", ";;", "<?", "%{", "#{", "@{", "a(", "a{", "a[", "\"\\", "r\""}

// adversarialBlocks are the adversarial units made into code: one line at
// the line limit, and a block of such lines, or of the unit on lines of its
// own, at the block limit.
func adversarialBlocks() map[string]string {
	blocks := map[string]string{}
	for i, u := range adversarial {
		line := strings.Repeat(u, maxCodeLine/len(u))
		if strings.HasSuffix(u, "a") && len(u) > 1 {
			line = u + strings.Repeat("a", maxCodeLine-len(u))
		}
		blocks[fmt.Sprintf("%02d-line", i)] = line + "\n"
		blocks[fmt.Sprintf("%02d-lines", i)] = strings.Repeat(line+"\n", maxCodeBytes/(len(line)+1))
		blocks[fmt.Sprintf("%02d-short", i)] = strings.Repeat(u+"\n", maxCodeBytes/(len(u)+1))
	}
	return blocks
}

var lexerBudget = flag.Duration("lexer-budget", 10*time.Second, "time for one block in BenchmarkLexers")

// BenchmarkLexers highlights adversarial code at the limits with every
// chroma lexer, once each, to find the slowest: run it with
// -benchtime=1x, and -bench 'Lexers/^C$' for one lexer.
func BenchmarkLexers(b *testing.B) {
	blocks := adversarialBlocks()
	var names []string
	for n := range blocks {
		names = append(names, n)
	}
	sort.Strings(names)
	all := lexers.GlobalLexerRegistry.Lexers
	sort.Slice(all, func(i, j int) bool { return all[i].Config().Name < all[j].Config().Name })
	for _, l := range all {
		if slowLexers[l.Config().Name] {
			continue
		}
		b.Run(l.Config().Name, func(b *testing.B) {
			for _, n := range names {
				b.Run(n, func(b *testing.B) {
					for b.Loop() {
						if h := highlightCode(l, blocks[n], *lexerBudget); h.why == whyTime || h.why == whyFailed {
							b.Logf("%s %s: %v", l.Config().Name, n, h.why)
						}
					}
				})
			}
		})
	}
}
