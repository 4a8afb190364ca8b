package render

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"buildbook/internal/content"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Talk that Travels", []string{"talk", "that", "travels"}},
		{"St Anne's C of E", []string{"st", "anne", "of"}},
		{"Café crème, naïve Zürich", []string{"cafe", "creme", "naive", "zurich"}},
		{"KS2 SATs: 2016–17", []string{"ks2", "sats", "2016", "17"}},
		{"e-mail x y", []string{"mail"}},
		{"ﬁnal ² ½", []string{"final"}}, // compatibility forms fold; lone digits drop
		{strings.Repeat("a", 41) + " ok", []string{"ok"}},
		{"", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Words(tt.in)); diff != "" {
			t.Errorf("Words(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// naiveWords is the definition that Words implements faster: fold the
// whole text, then split at everything but letters and numbers.
func naiveWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		if len(w) <= maxWordLen && utf8.RuneCountInString(w) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

func TestWordsMatchesDefinition(t *testing.T) {
	for _, s := range []string{
		"Hello WORLD", "über-Straße", "№5 ™x ㎏ Ⅻ", "İstanbul ǅemal", "a½b", "x\u0301y", "日本語 テキスト", "Ωmega ΣΑΣ",
		"l’école d’été", "tab\tnew\nline", strings.Repeat("é", 21) + " " + strings.Repeat("é", 20),
	} {
		if diff := cmp.Diff(naiveWords(s), Words(s)); diff != "" {
			t.Errorf("Words(%q) differs from fold-then-split (-want +got):\n%s", s, diff)
		}
	}
}

func TestVarintRoundTrip(t *testing.T) {
	var want []Posting
	var b []byte
	last := -1
	for i, doc := range []int{0, 1, 2, 31, 32, 33, 1023, 1024, 40000, 40001} {
		score := []int{1, 63, 32, 4, 16, 8, 3, 2, 36, 20}[i]
		b = appendVarint(b, doc-last)
		b = append(b, alphabet[score])
		last = doc
		want = append(want, Posting{Doc: doc, Score: score})
	}
	got, err := DecodePostings(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"Z", "1", "1!"} {
		if _, err := DecodePostings(bad); err == nil {
			t.Errorf("DecodePostings(%q) gave no error", bad)
		}
	}
}

func TestDensePostings(t *testing.T) {
	var sparse []byte
	var want []Posting
	last := -1
	for doc := range 40 {
		if doc%7 == 3 {
			continue
		}
		score := 1 + doc%40
		sparse = appendVarint(sparse, doc-last)
		sparse = append(sparse, alphabet[score])
		last = doc
		want = append(want, Posting{Doc: doc, Score: score})
	}
	dense := densePostings(string(sparse), 40)
	if !strings.HasPrefix(dense, ".") || len(dense) > 41 || len(dense) >= len(sparse) {
		t.Errorf("dense postings %q (%d bytes) for %d sparse bytes", dense, len(dense), len(sparse))
	}
	got, err := DecodePostings(dense)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dense round trip (-want +got):\n%s", diff)
	}
	// A word in few documents keeps its gaps.
	if s := densePostings("Z1", 1000); s != "Z1" {
		t.Errorf("densePostings(Z1, 1000) = %q", s)
	}
}

func TestBucketOf(t *testing.T) {
	// Every completion of a prefix of three or more characters is in
	// the prefix's bucket, whatever the number of buckets.
	for _, n := range []int{1, 2, 7, 1250, 4096} {
		for _, w := range []string{"oracy", "oral", "orange", "ora"} {
			if BucketOf(w, n) != BucketOf("ora", n) {
				t.Errorf("BucketOf(%q, %d) = %d, want %d like \"ora\"", w, n, BucketOf(w, n), BucketOf("ora", n))
			}
		}
		if k := BucketOf("ökonomie", n); k != BucketOf("öko", n) || k < 0 || k >= n {
			t.Errorf("BucketOf(ökonomie, %d) = %d", n, k)
		}
	}
	if got := []int{SearchBuckets(0), SearchBuckets(14), SearchBuckets(10000), SearchBuckets(1e6)}; !cmp.Equal(got, []int{1, 2, 1250, 4096}) {
		t.Errorf("SearchBuckets = %v", got)
	}
}

// searchSite is a small site with the fields the index reads.
func searchSite() *Input {
	pillars := &content.Taxonomy{ID: "pillars", Title: "Pillars", Singular: "Pillar", Multiple: true}
	oracy := &content.Term{ID: "oracy", Title: "Oracy and talk", Aliases: []string{"speaking"}, Taxonomy: pillars}
	roles := &content.Taxonomy{ID: "roles", Title: "Roles", Multiple: true}
	sle := &content.Term{ID: "sle", Title: "Specialist Leader of Education", Abbreviation: "SLE", Taxonomy: roles}
	pillars.Terms = []*content.Term{oracy}
	roles.Terms = []*content.Term{sle}
	cs := []*content.CaseStudy{
		{Slug: "body", Title: "Reading at Ashworth", School: "Ashworth School", Summary: "Books.", Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Terms: [][]*content.Term{nil, nil}},
		{Slug: "title", Title: "Oracy for all", School: "Brook School", Summary: "Talk.", Date: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC), Terms: [][]*content.Term{nil, {sle}}},
		{Slug: "tag", Title: "Talk that travels", School: "Castle School", Partners: []string{"Deep Academy"}, Summary: "Speaking.", Date: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC), Terms: [][]*content.Term{{oracy}, nil}},
	}
	return &Input{
		Site:  &content.Site{Taxonomies: []*content.Taxonomy{pillars, roles}, CaseStudies: cs},
		Texts: []string{"We tried oracy once, then oracy again & again: oracy oracy oracy.", "Body.", "Oracy once."},
	}
}

func TestSearchIndex(t *testing.T) {
	in := searchSite()
	x := buildSearchIndex(in)
	n := SearchBuckets(3)
	if len(x.buckets) != n {
		t.Fatalf("%d buckets, want %d", len(x.buckets), n)
	}
	lookup := func(w string) []Posting {
		t.Helper()
		var m map[string]string
		if err := json.Unmarshal(x.buckets[BucketOf(w, n)], &m); err != nil {
			t.Fatal(err)
		}
		p, err := DecodePostings(m[w])
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		word string
		want []Posting
	}{
		// Body five times (3); title (32) with the body once... not in
		// doc 1's body; term title (16) plus body once (1).
		{"oracy", []Posting{{0, 3}, {1, ScoreTitle}, {2, ScoreTerm + 1}}},
		{"speaking", []Posting{{2, ScoreTerm + ScoreSummary}}},
		{"sle", []Posting{{1, ScoreTerm}}},
		{"deep", []Posting{{2, ScorePeople}}},
		{"again", []Posting{{0, 2}}},
		{"amp", nil}, // entities are decoded, not indexed
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, lookup(tt.word)); diff != "" {
			t.Errorf("postings of %q (-want +got):\n%s", tt.word, diff)
		}
	}
	if y := buildSearchIndex(searchSite()); y.version != x.version || !cmp.Equal(y.buckets, x.buckets) {
		t.Error("two builds of the same site give different indexes")
	}
	in.Texts[2] = "Oracy twice, oracy."
	if y := buildSearchIndex(in); y.version == x.version {
		t.Error("the version did not change with the text")
	}
}

// TestSearchKeyBuckets checks that a word whose key begins otherwise is
// written in its key's bucket too, so that the buckets of a query word and
// of its key hold every word with that key ("crying" and "cried" meet "cry",
// key "cri", in bucket "cri").
func TestSearchKeyBuckets(t *testing.T) {
	in := searchSite()
	in.Texts[1] = "Crying, cried, cries; dying; grey and gray."
	var n int
	for n = 2; BucketOf("cry", n) == BucketOf("cri", n) || BucketOf("gre", n) == BucketOf("gra", n); n++ {
	}
	for len(in.Site.CaseStudies) < 8*(n-1)+1 {
		c := *in.Site.CaseStudies[0]
		c.Slug = "more-" + strconv.Itoa(len(in.Site.CaseStudies))
		in.Site.CaseStudies = append(in.Site.CaseStudies, &c)
		in.Texts = append(in.Texts, "More.")
	}
	n = SearchBuckets(len(in.Site.CaseStudies))
	if BucketOf("cry", n) == BucketOf("cri", n) || BucketOf("gre", n) == BucketOf("gra", n) {
		t.Skipf("with %d buckets, cry and cri share one", n)
	}
	x := buildSearchIndex(in)
	has := func(k int, w string) bool {
		var m map[string]string
		if err := json.Unmarshal(x.buckets[k], &m); err != nil {
			t.Fatal(err)
		}
		_, ok := m[w]
		return ok
	}
	for _, tt := range []struct{ word, other string }{{"crying", "cri"}, {"cried", "cri"}, {"cries", "cri"}, {"grey", "gra"}, {"dying", "die"}} {
		if !has(BucketOf(tt.word, n), tt.word) {
			t.Errorf("%q is not in its own bucket", tt.word)
		}
		if k := BucketOf(Key(tt.word), n); k != BucketOf(tt.other, n) || !has(k, tt.word) {
			t.Errorf("%q (key %q) is not in the bucket of %q", tt.word, Key(tt.word), tt.other)
		}
	}
}

func TestSearchJobs(t *testing.T) {
	in := searchSite()
	in.Texts[0] = strings.Repeat("word ", fragmentTextMax/4)
	jobs := (&Renderer{}).searchJobs(in)
	files := map[string][]byte{}
	for _, j := range jobs {
		b, err := j.Make()
		if err != nil {
			t.Fatal(err)
		}
		files[j.Path] = b
	}
	want := []string{"search/meta.json", "search/i/0.json", "search/d/0.gz"}
	for _, f := range vocabFiles {
		want = append(want, "search/v/"+f+".json")
	}
	if len(files) != len(want) {
		t.Errorf("%d files, want %d", len(files), len(want))
	}
	for _, p := range want {
		if files[p] == nil {
			t.Errorf("no %s", p)
		}
	}
	var meta searchMeta
	if err := json.Unmarshal(files["search/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Documents != 3 || meta.Buckets != 1 || meta.Format != SearchFormat || len(meta.Version) != 12 || meta.Prefix != 3 || meta.Script != "assets/search.js" {
		t.Errorf("meta = %+v", meta)
	}
	var vocab map[string]int
	if err := json.Unmarshal(files["search/v/o.json"], &vocab); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"once": 1, "oracy": 2}, vocab); diff != "" {
		t.Errorf("search/v/o.json (-want +got):\n%s", diff)
	}
	var docs []searchFragment
	if err := json.Unmarshal(gunzip(t, files["search/d/0.gz"]), &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("search/d/0.gz holds %d documents, want 3", len(docs))
	}
	if diff := cmp.Diff(searchFragment{Title: "Talk that travels", School: "Castle School, with Deep Academy", URL: "case-studies/tag/", Date: "1 May 2022", Summary: "Speaking.", Text: "Oracy once."}, docs[2]); diff != "" {
		t.Errorf("fragment (-want +got):\n%s", diff)
	}
	f := docs[0]
	if len(f.Text) > fragmentTextMax || len(f.Text) < fragmentTextMax-200 || strings.HasSuffix(f.Text, " ") {
		t.Errorf("long text clipped to %d bytes, want about %d at a word end", len(f.Text), fragmentTextMax)
	}
}

// TestSearchShards checks that documents are grouped SearchShard a file,
// in the site's order, the last file holding the rest, and that a file
// is the same bytes from one build to the next.
func TestSearchShards(t *testing.T) {
	in := searchSite()
	cs := in.Site.CaseStudies
	for i := range 2*SearchShard + 1 - len(cs) {
		c := *cs[0]
		c.Slug, c.Title = "cs-"+strconv.Itoa(i), "Title "+strconv.Itoa(i)
		in.Site.CaseStudies = append(in.Site.CaseStudies, &c)
		in.Texts = append(in.Texts, "text "+strconv.Itoa(i))
	}
	files := map[string][]byte{}
	for _, j := range (&Renderer{}).searchJobs(in) {
		b, err := j.Make()
		if err != nil {
			t.Fatal(err)
		}
		files[j.Path] = b
	}
	var meta searchMeta
	if err := json.Unmarshal(files["search/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Shard != SearchShard {
		t.Errorf("meta.json gives %d documents a file, want %d", meta.Shard, SearchShard)
	}
	var got []string
	for k := 0; ; k++ {
		b, ok := files["search/d/"+strconv.Itoa(k)+".gz"]
		if !ok {
			break
		}
		var docs []searchFragment
		if err := json.Unmarshal(gunzip(t, b), &docs); err != nil {
			t.Fatal(err)
		}
		if len(docs) != SearchShard && files["search/d/"+strconv.Itoa(k+1)+".gz"] != nil {
			t.Errorf("search/d/%d.gz holds %d documents, want %d", k, len(docs), SearchShard)
		}
		for _, d := range docs {
			got = append(got, d.URL)
		}
	}
	var want []string
	for _, c := range in.Site.CaseStudies {
		want = append(want, "case-studies/"+c.Slug+"/")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents in the files (-want +got):\n%s", diff)
	}
	again, _ := (&Renderer{}).searchJobs(in)[len(files)-1].Make()
	if last := "search/d/" + strconv.Itoa((len(in.Site.CaseStudies)-1)/SearchShard) + ".gz"; !bytes.Equal(again, files[last]) {
		t.Errorf("%s differs from one making to the next", last)
	}
}

// gunzip is what a gzipped file of the index holds.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func BenchmarkSearchIndex(b *testing.B) {
	in := searchSite()
	words := strings.Fields("school leaders teachers pupils students staff learning teaching practice curriculum department evidence outcomes collaboration")
	var text strings.Builder
	for i := range 600 {
		text.WriteString(words[i*7%len(words)] + " ")
	}
	cs := in.Site.CaseStudies
	for i := range 1000 {
		c := *cs[i%3]
		c.Slug = "cs-" + strconv.Itoa(i)
		in.Site.CaseStudies = append(in.Site.CaseStudies, &c)
		in.Texts = append(in.Texts, text.String())
	}
	for b.Loop() {
		buildSearchIndex(in)
	}
}
