#!/usr/bin/env bash
# bench-hugo.sh: build the same synthetic corpus with buildbook and with Hugo,
# side by side in one run, and print cold and warm wall times, their ratios,
# the files and folders each creates, buildbook's write phase against the
# time the disk takes to create the same files, peak memory, and the same
# for a corpus with photos.
#
#   scripts/bench-hugo.sh [-n CASES] [-r PAIRS] [-l] [-L PAIRS] [-p PHOTO-CASES] [-S] [-g GENCORPUS] [-k DIR]
#
#   -n  number of case studies (default 2000)
#   -r  timed pairs of each kind (default 5)
#   -l  also the large corpus: 10,000 case studies, cold and warm (3 pairs)
#   -L  timed pairs of each kind for the large corpus (default 3; Hugo takes
#       minutes for each 10,000-case build)
#   -p  case studies of the photo corpus, every tenth with a 4000x3000 JPEG
#       (default 200; 0 leaves the photo corpus out)
#   -S  leave out the first searches beside Pagefind (they need `npm ci`
#       and Chromium, and are left out with a note when either is missing)
#   -g  the corpus generator (default ../shared/bench/gencorpus.py, or $GENCORPUS)
#   -k  keep the corpora and outputs in DIR instead of a temporary folder
#
# Needs Go, python3, hugo (Debian: apt-get install hugo; 0.111 extended) and
# GNU time (/usr/bin/time), which gives each build's wall time and peak
# resident memory. Every measurement is a pair, buildbook and Hugo one after
# the other (which goes first alternates), so that both see the same load on
# this shared machine; the summary gives, for each row, the median of the
# pairs and the lowest and highest of them, and the ratio is the median of
# the pairs' ratios. Before each timed build, sync writes out what earlier
# builds left in memory, so that no build pays for another's files.
#
#   cold   a new output folder and no cache: buildbook without its spare
#          folder, conversion and photo caches beside the output; Hugo
#          without its output, resources/_gen or cache folder
#   warm   the same build again into the output and caches it left
#   edit   the same, after one case study's body grew by a sentence
#   floor  after each cold buildbook build, scripts/writefloor creates the
#          same files and folders (same sizes) beside it on the same disk;
#          "write/floor" is buildbook's write phase (BUILDBOOK_TIMINGS=1:
#          rendering and writing every file) over that time
#   photos the photo corpus, cold then rebuilt once (buildbook's first
#          rebuild, with no spare folder yet, writes every file again but
#          encodes nothing); for Hugo, the same
#          photos resized in its templates to the same nine versions
#          (four widths in WebP and JPEG, and 2400 px for print)
#   search the corpus of -n case studies built by buildbook, Pagefind run
#          over its case-study pages, and four first searches each in a
#          fresh Chromium tab without HTTP cache (internal/browsertest's
#          TestSearchVersusPagefind, as scripts/bench-search.sh runs it):
#          the bytes each fetches, and their ratio, at most one half
set -euo pipefail

n=2000
pairs=5
large=
largePairs=3
photos=200
search=1
gen=${GENCORPUS:-}
keep=
while getopts "n:r:lL:p:Sg:k:h" opt; do
  case $opt in
    n) n=$OPTARG ;;
    r) pairs=$OPTARG ;;
    l) large=10000 ;;
    L) largePairs=$OPTARG ;;
    p) photos=$OPTARG ;;
    S) search= ;;
    g) gen=$OPTARG ;;
    k) keep=$OPTARG ;;
    *) sed -n '2,51p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$gen" ] || gen=$repo/../shared/bench/gencorpus.py
for tool in go python3 hugo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-hugo: $tool is not installed" >&2; exit 2; }
done
[ -f "$gen" ] || { echo "bench-hugo: no corpus generator at $gen (give it with -g)" >&2; exit 2; }

if [ -n "$keep" ]; then
  work=$(mkdir -p "$keep" && cd "$keep" && pwd)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
(cd "$repo" && go build -o "$work/buildbook" ./cmd/buildbook && go build -o "$work/writefloor" ./scripts/writefloor)
runs=$work/runs.txt
: >"$runs"

echo "buildbook: $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown); $(hugo version | cut -d' ' -f1-2); $(nproc) cores"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

# corpus N [photos]: the corpus of N case studies, generated once.
corpus() {
  local dir=$work/corpus-$1${2:+-photos}
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    python3 "$gen" --n "$1" --out "$dir" --hugo >/dev/null
    if [ -n "${2:-}" ]; then
      (cd "$repo" && go run ./scripts/photocorpus "$dir/content") >/dev/null
      hugoPhotos "$dir"
    fi
    touch "$dir/.done"
  fi
  echo "$dir"
}

# hugoPhotos gives the Hugo site of corpus dir the photos that photocorpus
# added: the same case studies (with their image field) and the photos in
# assets/photos, which its case-study template resizes to the versions
# buildbook makes.
hugoPhotos() {
  local dir=$1
  cp "$dir"/content/case-studies/*.md "$dir/hugo/content/case-studies/"
  mkdir -p "$dir/hugo/assets/photos"
  cp "$dir"/content/case-studies/*.jpg "$dir/hugo/assets/photos/"
  python3 - "$dir/hugo/layouts/_default/single.html" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
pic = ('{{ with .Params.image }}{{ with resources.Get (printf "photos/%s" .) }}{{ $img := . }}<picture>'
       '{{ range $w := slice 480 800 1200 1600 }}'
       '<source type="image/webp" media="(max-width: {{ $w }}px)" srcset="{{ ($img.Resize (printf "%dx webp q75" $w)).RelPermalink }}">'
       '<source media="(max-width: {{ $w }}px)" srcset="{{ ($img.Resize (printf "%dx jpg q80" $w)).RelPermalink }}">{{ end }}'
       '<img src="{{ ($img.Resize "2400x jpg q88").RelPermalink }}" alt=""></picture>{{ end }}{{ end }}\n')
s = s.replace("{{ .Content }}", pic + "{{ .Content }}", 1)
open(p, "w").write(s)
PY
}

# timed LABEL LOG CMD...: runs CMD under GNU time, with its output in LOG,
# and records LABEL, wall seconds, peak KiB, user and system seconds.
timed() {
  local label=$1 log=$2
  shift 2
  sync
  if ! /usr/bin/time -o "$work/time" -f '%e %M %U %S' "$@" >"$log" 2>&1; then
    echo "bench-hugo: $label failed:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  echo "$label $(tail -n 1 "$work/time")" >>"$runs"
}

# note LABEL VALUE records a figure that is not a time.
note() { echo "$1 $2" >>"$runs"; }

# pairs N PAIRS: cold and warm pairs on the corpus of N case studies.
pairs() {
  local n=$1 reps=$2 dir bbout hout i
  dir=$(corpus "$n")
  bbout=$work/out-bb-$n
  hout=$work/out-hugo-$n
  local bb=(env BUILDBOOK_TIMINGS=1 "$work/buildbook" build --content "$dir/content" --out "$bbout")
  local hg=(hugo --quiet --source "$dir/hugo" --destination "$hout" --cacheDir "$work/hugo-cache-$n")
  bbCold() {
    rm -rf "$bbout" "$work/.out-bb-$n".*
    timed "$n cold buildbook" "$work/bb.log" "${bb[@]}"
    note "$n write buildbook" "$(sed -n 's/^buildbook: write *\([0-9.]*\) ms.*/\1/p' "$work/bb.log")"
    note "$n files buildbook" "$(find "$bbout" -type f | wc -l)"
    note "$n folders buildbook" "$(find "$bbout" -type d | wc -l)"
    note "$n beside buildbook" "$(find "$work" -maxdepth 1 -name ".out-bb-$n.*" | wc -l)"
    sync
    note "$n floor" "$("$work/writefloor" -r 1 "$bbout")"
  }
  hgCold() {
    rm -rf "$hout" "$dir/hugo/resources" "$work/hugo-cache-$n"
    timed "$n cold hugo" "$work/hugo.log" "${hg[@]}"
    note "$n files hugo" "$(find "$hout" -type f | wc -l)"
    note "$n folders hugo" "$(find "$hout" -type d | wc -l)"
  }
  echo "$n case studies: $reps cold pairs" >&2
  for i in $(seq "$reps"); do
    if [ $((i % 2)) = 1 ]; then bbCold; hgCold; else hgCold; bbCold; fi
  done
  # Warm: two builds each first, so that buildbook's spare folder holds
  # what this buildbook wrote, then pairs into what the last one left.
  "${bb[@]}" >/dev/null 2>&1
  "${bb[@]}" >/dev/null 2>&1
  "${hg[@]}" >/dev/null 2>&1
  echo "$n case studies: $reps warm pairs" >&2
  for i in $(seq "$reps"); do
    if [ $((i % 2)) = 1 ]; then
      timed "$n warm buildbook" "$work/bb.log" "${bb[@]}"
      timed "$n warm hugo" "$work/hugo.log" "${hg[@]}"
    else
      timed "$n warm hugo" "$work/hugo.log" "${hg[@]}"
      timed "$n warm buildbook" "$work/bb.log" "${bb[@]}"
    fi
  done
  # After an edit: one case study's body grows by a sentence before each
  # build, as when an editor rebuilds after a correction.
  local edit=case-studies/case-000005.md
  cp "$dir/content/$edit" "$work/edit-bb.md"
  cp "$dir/hugo/content/$edit" "$work/edit-hugo.md"
  echo "$n case studies: $reps pairs after an edit" >&2
  for i in $(seq "$reps"); do
    printf '\nOne more sentence.\n' >>"$dir/content/$edit"
    printf '\nOne more sentence.\n' >>"$dir/hugo/content/$edit"
    if [ $((i % 2)) = 1 ]; then
      timed "$n edit buildbook" "$work/bb.log" "${bb[@]}"
      timed "$n edit hugo" "$work/hugo.log" "${hg[@]}"
    else
      timed "$n edit hugo" "$work/hugo.log" "${hg[@]}"
      timed "$n edit buildbook" "$work/bb.log" "${bb[@]}"
    fi
  done
  cp "$work/edit-bb.md" "$dir/content/$edit"
  cp "$work/edit-hugo.md" "$dir/hugo/content/$edit"
  rm -rf "$bbout" "$work/.out-bb-$n".* "$hout" "$work/hugo-cache-$n" "$dir/hugo/resources"
}

# photoPairs N: the photo corpus of N case studies, cold then rebuilt, for
# each; what buildbook encoded comes from its summary line, what Hugo
# encoded from the images in its resources/_gen.
photoPairs() {
  local n=$1 dir bbout=$work/out-bb-photos hout=$work/out-hugo-photos made
  echo "photo corpus: $n case studies" >&2
  dir=$(corpus "$n" photos)
  note "photos count" "$(find "$dir/content/case-studies" -name '*.jpg' | wc -l)"
  local bb=("$work/buildbook" build --content "$dir/content" --out "$bbout")
  local hg=(hugo --quiet --source "$dir/hugo" --destination "$hout" --cacheDir "$work/hugo-cache-photos")
  encoded() { sed -n 's/.* \([0-9]*\) versions of them encoded.*/\1/p' "$work/bb.log"; }
  made=$dir/hugo/resources/_gen/images
  rm -rf "$bbout" "$work"/.out-bb-photos.* "$hout" "$dir/hugo/resources" "$work/hugo-cache-photos"
  timed "photos cold buildbook" "$work/bb.log" "${bb[@]}"
  note "photos cold-encoded buildbook" "$(encoded)"
  timed "photos cold hugo" "$work/hugo.log" "${hg[@]}"
  note "photos cold-encoded hugo" "$(find "$made" -type f 2>/dev/null | wc -l)"
  touch "$work/before-rebuild"
  timed "photos warm buildbook" "$work/bb.log" "${bb[@]}"
  note "photos warm-encoded buildbook" "$(encoded)"
  timed "photos warm hugo" "$work/hugo.log" "${hg[@]}"
  note "photos warm-encoded hugo" "$(find "$made" -type f -newer "$work/before-rebuild" 2>/dev/null | wc -l)"
  rm -rf "$bbout" "$work"/.out-bb-photos.* "$hout" "$work/hugo-cache-photos" "$dir/hugo/resources"
}

# searches N: the first searches on the corpus of N case studies, beside
# Pagefind, when npm ci has installed it and Chromium is here.
searches() {
  local n=$1 dir pagefind=$repo/node_modules/.bin/pagefind
  if [ ! -x "$pagefind" ]; then
    echo "(first searches left out: no Pagefind at $pagefind; run npm ci)" >"$work/search.txt"
    return
  fi
  dir=$(corpus "$n")
  echo "$n case studies: first searches beside Pagefind" >&2
  if ! (cd "$repo" && BUILDBOOK_PAGEFIND=$pagefind BUILDBOOK_SEARCH_BENCH=$dir/content \
    go test ./internal/browsertest -count=1 -run '^TestSearchVersusPagefind$' -v -timeout 30m) >"$work/search.log" 2>&1; then
    echo "bench-hugo: the first searches failed:" >&2
    tail -n 20 "$work/search.log" >&2
    exit 1
  fi
  if grep -q -- '--- SKIP' "$work/search.log"; then
    echo "(first searches left out: $(grep -m1 '_test.go:[0-9]*: ' "$work/search.log" | sed 's/^ *[a-z_]*_test.go:[0-9]*: //'))" >"$work/search.txt"
    return
  fi
  sed -n 's/^ *pagefind_test.go:[0-9]*: //p' "$work/search.log" >"$work/search.txt"
}

pairs "$n" "$pairs"
[ -z "$search" ] || searches "$n"
[ -z "$large" ] || pairs "$large" "$largePairs"
[ "$photos" = 0 ] || photoPairs "$photos"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$runs" <<'PY'
import statistics, sys
from collections import defaultdict

rows = defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if f[1] in ("cold", "warm", "edit"):
        key, vals = " ".join(f[:3]), [float(x) for x in f[3:]]
    else:
        key, vals = " ".join(f[:-1]), [float(f[-1])]
    rows[key].append(vals)

def med(xs): return statistics.median(xs)
def spread(xs): return f"{min(xs):.2f}–{max(xs):.2f}"

def pair(size, kind, col=0):
    b = [v[col] for v in rows.get(f"{size} {kind} buildbook", [])]
    h = [v[col] for v in rows.get(f"{size} {kind} hugo", [])]
    return b, h

sizes = sorted({k.split()[0] for k in rows if k.split()[0].isdigit()}, key=int)
print()
for size in sizes:
    print(f"== {int(size):,} case studies")
    print(f"{'':28} {'buildbook':>18} {'hugo':>18} {'ratio':>16}")
    for kind in ("cold", "warm", "edit"):
        b, h = pair(size, kind)
        if not b:
            continue
        ratios = [x / y for x, y in zip(b, h)]
        print(f"{'wall, ' + kind + f' ({len(b)} pairs)':28} {med(b):7.2f}s {spread(b):>10} {med(h):7.2f}s {spread(h):>10} "
              f"{med(ratios):6.2f} {spread(ratios):>9}")
    for kind in ("cold", "warm"):
        b, h = pair(size, kind, 1)
        if b:
            print(f"{'peak memory, ' + kind:28} {max(b)/1024:9.0f} MiB {'':8} {max(h)/1024:9.0f} MiB {'':8} {max(b)/max(h):6.2f}")
    for kind in ("cold", "warm"):
        bu, hu = pair(size, kind, 2)
        bs, hs = pair(size, kind, 3)
        if bu:
            b, h = [x + y for x, y in zip(bu, bs)], [x + y for x, y in zip(hu, hs)]
            print(f"{'CPU (user+system), ' + kind:28} {med(b):7.2f}s {'':10} {med(h):7.2f}s {'':10} {med(b)/med(h):6.2f}")
            print(f"{'  of which system':28} {med(bs):7.2f}s {'':10} {med(hs):7.2f}s {'':10} {med(bs)/med(hs):6.2f}")
    for what in ("files", "folders"):
        b, h = rows.get(f"{size} {what} buildbook"), rows.get(f"{size} {what} hugo")
        if b and h:
            print(f"{what + ' created':28} {int(b[0][0]):11,} {'':6} {int(h[0][0]):11,} {'':6} {b[0][0]/h[0][0]:6.2f}")
    if rows.get(f"{size} beside buildbook"):
        print(f"  (and beside buildbook's output, its caches: {int(rows[f'{size} beside buildbook'][0][0])})")
    w = [v[0] / 1000 for v in rows.get(f"{size} write buildbook", [])]
    fl = [v[0] for v in rows.get(f"{size} floor", [])]
    if w and fl:
        r = [x / y for x, y in zip(w, fl)]
        print(f"write phase, cold: {med(w):.2f}s ({spread(w)}); floor: {med(fl):.2f}s ({spread(fl)}); "
              f"write/floor: {med(r):.2f} ({spread(r)})")
        print(f"  (floor: scripts/writefloor creating the same {int(rows[f'{size} files buildbook'][0][0]):,} files "
              f"and folders on the same disk, right after each cold build)")
    print()

if "photos count" in rows:
    print(f"== photo corpus: {int(rows['photos count'][0][0])} photos of 4000x3000")
    print(f"{'':28} {'buildbook':>18} {'hugo':>18} {'ratio':>8}")
    for kind in ("cold", "warm"):
        b, h = pair("photos", kind)
        bm, hm = pair("photos", kind, 1)
        bu, hu = pair("photos", kind, 2)
        print(f"{'wall, ' + ('rebuild' if kind == 'warm' else kind):28} {b[0]:17.2f}s {h[0]:17.2f}s {b[0]/h[0]:8.2f}")
        print(f"{'  CPU (user), ' + kind:28} {bu[0]:17.2f}s {hu[0]:17.2f}s {bu[0]/hu[0]:8.2f}")
        print(f"{'  peak memory, ' + kind:28} {bm[0]/1024:13.0f} MiB {hm[0]/1024:13.0f} MiB {bm[0]/hm[0]:8.2f}")
        eb, eh = rows[f"photos {kind}-encoded buildbook"][0][0], rows[f"photos {kind}-encoded hugo"][0][0]
        print(f"{'  versions encoded, ' + kind:28} {int(eb):18} {int(eh):18}")
PY

if [ -s "$work/search.txt" ]; then
  echo "== first search, $n case studies: bytes fetched, buildbook beside Pagefind"
  cat "$work/search.txt"
fi
