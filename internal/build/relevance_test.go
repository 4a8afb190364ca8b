package build

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// relevanceQuery is a search of testdata/relevance.txt and the case
// studies (slugs) that a reader would expect first.
type relevanceQuery struct {
	q    string
	want []string
}

// relevanceQueries reads testdata/relevance.txt.
func relevanceQueries(t *testing.T) []relevanceQuery {
	b, err := os.ReadFile(filepath.Join("testdata", "relevance.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []relevanceQuery
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, slugs, ok := strings.Cut(line, " | ")
		if !ok {
			t.Fatalf("relevance.txt: %q has no ' | '", line)
		}
		out = append(out, relevanceQuery{q, strings.Fields(slugs)})
	}
	return out
}

// minPrecisionAt5 is the floor of the mean precision at 5: measured at
// 0.90 when the relevance set was written ("exclusion" finds none of
// "excluded": Porter2 stems them apart).
const minPrecisionAt5 = 0.85

// searchNode answers queries with assets/search.js in node over the
// built site in dir, reading its files from disk: for each query, the
// number of results and the slugs of the first five.
const searchNode = `
require(process.argv[1]);
const fs = require('fs'), path = require('path');
const dir = process.argv[2];
const file = (u) => path.join(dir, u.replace(/^\//, '').replace(/\?.*$/, ''));
const getJSON = (u) => Promise.resolve(JSON.parse(fs.readFileSync(file(u), 'utf8')));
const getBytes = (u) => Promise.resolve(fs.readFileSync(file(u)));
const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
getJSON('/search/meta.json').then(async (m) => {
  const e = globalThis.buildbookSearch.create('/', m, getJSON, getBytes);
  const out = [];
  for (const q of queries) {
    const r = await e.search(q);
    const top = await Promise.all(r.results.slice(0, 5).map(x => e.fragment(x.doc).then(f => f.u.split('/')[1])));
    out.push({ n: r.results.length, top: top });
  }
  process.stdout.write(JSON.stringify(out));
});`

// TestSearchRelevance builds the sample book, searches it as the browser
// does (search.js in node) and logs, for each query of relevanceQueries,
// its precision at 5 (testdata/relevance.txt): the share of the case studies expected (at most
// five) that are among the first five results. It fails when the mean
// falls below minPrecisionAt5.
func TestSearchRelevance(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is missing; CI must have it")
		}
		t.Skip("node is missing")
	}
	queries := relevanceQueries(t)
	out := t.TempDir()
	buildTo(t, Options{Content: filepath.Join("..", "..", "content"), Out: out})
	var qs []string
	for _, r := range queries {
		qs = append(qs, r.q)
	}
	in, _ := json.Marshal(qs)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "-e", searchNode, filepath.Join("..", "..", "templates", "assets", "search.js"), out)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var got []struct {
		N   int      `json:"n"`
		Top []string `json:"top"`
	}
	if err := json.Unmarshal(b, &got); err != nil || len(got) != len(queries) {
		t.Fatalf("node answered %s (%v)", b, err)
	}
	sum := 0.0
	for i, r := range queries {
		hits := 0
		for _, s := range got[i].Top {
			for _, w := range r.want {
				if s == w {
					hits++
				}
			}
		}
		p := float64(hits) / float64(min(5, len(r.want)))
		sum += p
		t.Logf("P@5 %.2f  %-26q %2d results, first %s", p, r.q, got[i].N, strings.Join(got[i].Top, " "))
	}
	mean := sum / float64(len(queries))
	t.Logf("mean precision at 5 over %d queries: %.3f", len(queries), mean)
	if mean < minPrecisionAt5 {
		t.Errorf("mean precision at 5 is %.3f, below the floor of %.2f", mean, minPrecisionAt5)
	}
}
