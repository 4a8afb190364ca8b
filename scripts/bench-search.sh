#!/usr/bin/env bash
# bench-search.sh: search the same generated corpus with buildbook and with
# Pagefind, in one run, and print what a reader's first search fetches with
# each; then Pagefind's and buildbook's precision at 5 on the sample book.
#
#   scripts/bench-search.sh [-n "2000 10000"] [-g GENCORPUS] [-k DIR]
#
#   -n  sizes of the corpus, in case studies (default "2000 10000")
#   -g  the corpus generator (default ../shared/bench/gencorpus.py, or $GENCORPUS)
#   -k  keep the corpora in DIR instead of a temporary folder
#
# Needs Go, python3, node with `npm ci` run (Pagefind is a devDependency of
# package.json: its npm package ships its binary) and Chromium. For each
# size, internal/browsertest's TestSearchVersusPagefind builds the corpus
# with buildbook, runs Pagefind over its case studies' pages, and makes each
# first search in a fresh Chromium tab without HTTP cache: buildbook's from
# the header's search box, Pagefind's from its pagefind.js, both loading the
# files of the eight results shown. It fails if buildbook fetches more than
# half of Pagefind's bytes.
set -euo pipefail

sizes="2000 10000"
gen=${GENCORPUS:-}
keep=
while getopts "n:g:k:h" opt; do
  case $opt in
    n) sizes=$OPTARG ;;
    g) gen=$OPTARG ;;
    k) keep=$OPTARG ;;
    *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$gen" ] || gen=$repo/../shared/bench/gencorpus.py
pagefind=$repo/node_modules/.bin/pagefind
for tool in go python3 node; do
  command -v "$tool" >/dev/null || { echo "bench-search: $tool is not installed" >&2; exit 2; }
done
[ -x "$pagefind" ] || { echo "bench-search: no Pagefind at $pagefind (run npm ci)" >&2; exit 2; }
[ -f "$gen" ] || { echo "bench-search: no corpus generator at $gen (give it with -g)" >&2; exit 2; }

if [ -n "$keep" ]; then
  work=$keep
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
echo "buildbook: $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown); $("$pagefind" --version)"

for n in $sizes; do
  corpus=$work/corpus-$n
  if [ ! -f "$corpus/.done" ]; then
    rm -rf "$corpus"
    python3 "$gen" --n "$n" --out "$corpus" >/dev/null
    touch "$corpus/.done"
  fi
  echo
  echo "== $n case studies: first search, bytes fetched"
  (cd "$repo" && BUILDBOOK_PAGEFIND=$pagefind BUILDBOOK_SEARCH_BENCH=$corpus/content \
    go test ./internal/browsertest -count=1 -run '^TestSearchVersusPagefind$' -v -timeout 30m) |
    sed -n 's/^ *pagefind_test.go:[0-9]*: //p'
done

echo
echo "== precision at 5 on the sample book (internal/build/testdata/relevance.txt)"
(cd "$repo" && go test ./internal/build -count=1 -run '^TestSearchRelevance$' -v) | sed -n 's/^ *relevance_test.go:[0-9]*: //p' | tail -n 1 |
  sed 's/^/buildbook: /'
(cd "$repo" && BUILDBOOK_PAGEFIND=$pagefind go test ./internal/browsertest -count=1 -run '^TestSearchRelevanceVersusPagefind$' -v) |
  sed -n 's/^ *pagefind_test.go:[0-9]*: //p' | tail -n 1
