package render

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pagerText writes a Pager's links as a reader sees them: numbers, "…"
// for a gap, the current page in brackets.
func pagerText(p *Pager) string {
	var parts []string
	for _, l := range p.Links {
		switch {
		case l.Gap:
			parts = append(parts, "…")
		case l.Current:
			parts = append(parts, "["+strconv.Itoa(l.Number)+"]")
		default:
			parts = append(parts, strconv.Itoa(l.Number))
		}
	}
	return strings.Join(parts, " ")
}

func TestPager(t *testing.T) {
	tests := []struct {
		page, pages int
		want        string
	}{
		{1, 1, "[1]"},
		{1, 2, "[1] 2"},
		{1, 9, "[1] 2 3 … 9"},
		{4, 9, "1 2 3 [4] 5 6 … 9"},
		{5, 9, "1 2 3 4 [5] 6 7 8 9"}, // gaps of one page show the page
		{6, 12, "1 … 4 5 [6] 7 8 … 12"},
		{12, 12, "1 … 10 11 [12]"},
		{417, 417, "1 … 415 416 [417]"},
	}
	for _, tt := range tests {
		p := newPager("/r/", "case-studies/", tt.page, tt.pages, 1, 1, 1)
		if got := pagerText(p); got != tt.want {
			t.Errorf("page %d of %d: %q, want %q", tt.page, tt.pages, got, tt.want)
		}
	}
	p := newPager("/r/", "pillars/curriculum/", 2, 3, 25, 48, 60)
	want := &Pager{Page: 2, Pages: 3, Prev: "/r/pillars/curriculum/", Next: "/r/pillars/curriculum/page/3/", From: 25, To: 48, Total: 60, Links: []PageLink{
		{Number: 1, URL: "/r/pillars/curriculum/"},
		{Number: 2, URL: "/r/pillars/curriculum/page/2/", Current: true},
		{Number: 3, URL: "/r/pillars/curriculum/page/3/"},
	}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("pager (-want +got):\n%s", diff)
	}
	for n, want := range map[int]int{0: 1, 1: 1, 24: 1, 25: 2, 48: 2, 49: 3} {
		if got := pageCount(n, 24); got != want {
			t.Errorf("pageCount(%d, 24) = %d, want %d", n, got, want)
		}
	}
}

func TestFileSize(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"}, {999, "999 bytes"}, {1000, "1 KB"}, {56_499, "56 KB"}, {56_500, "57 KB"},
		{999_499, "999 KB"}, {999_500, "1.0 MB"}, {12_449_999, "12.4 MB"}, {99_949_999, "99.9 MB"},
		{99_950_000, "100 MB"}, {1_234_567_890, "1235 MB"},
	} {
		if got := FileSize(tc.n); got != tc.want {
			t.Errorf("FileSize(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
