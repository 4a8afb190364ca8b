#!/usr/bin/env bash
# bench-hugo.sh: build the same synthetic corpus with buildbook and with Hugo,
# in one run, and print wall time, peak memory and their ratios.
#
#   scripts/bench-hugo.sh [-n CASES] [-r RUNS] [-g GENCORPUS] [-k DIR]
#
#   -n  number of case studies (default 2000)
#   -r  timed runs of each build (default 5), after one warm-up run
#   -g  the corpus generator (default ../shared/bench/gencorpus.py, or $GENCORPUS)
#   -k  keep the corpus and outputs in DIR instead of a temporary folder
#
# Needs Go, python3, hugo and hyperfine (Debian: apt-get install hugo hyperfine)
# and GNU time (/usr/bin/time). Wall times come from hyperfine, which runs the
# two builds in turn in the same run; each build writes into the output folder
# that its warm-up wrote, as a rebuild does. Peak memory is the largest
# resident set size that GNU time reports over RUNS builds of each. A cold
# build (a new output folder, every file created) is timed once each as well.
# The machine's other work shows in the times: compare the ratios.
set -euo pipefail

n=2000
runs=5
gen=${GENCORPUS:-}
keep=
while getopts "n:r:g:k:h" opt; do
  case $opt in
    n) n=$OPTARG ;;
    r) runs=$OPTARG ;;
    g) gen=$OPTARG ;;
    k) keep=$OPTARG ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$gen" ] || gen=$repo/../shared/bench/gencorpus.py
for tool in go python3 hugo hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-hugo: $tool is not installed" >&2; exit 2; }
done
[ -f "$gen" ] || { echo "bench-hugo: no corpus generator at $gen (give it with -g)" >&2; exit 2; }

if [ -n "$keep" ]; then
  work=$keep
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
corpus=$work/corpus-$n
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus"
  python3 "$gen" --n "$n" --out "$corpus" --hugo >/dev/null
  touch "$corpus/.done"
fi
(cd "$repo" && go build -o "$work/buildbook" ./cmd/buildbook)

bb="$work/buildbook build --content $corpus/content --out $work/out-buildbook"
hugo="hugo --quiet --source $corpus/hugo --destination $work/out-hugo"
echo "corpus: $n case studies ($(du -sh "$corpus/content" | cut -f1) of content), $(nproc) cores"
echo "buildbook: $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown); $(hugo version | cut -d' ' -f1-2)"

# Wall time: both builds in one hyperfine run. Two warm-up runs: a new
# buildbook makes every page again until both its output folder and the
# spare beside it were written by it.
hyperfine --style basic -w 2 -r "$runs" --export-json "$work/wall.json" \
  -n buildbook "$bb >/dev/null 2>&1" -n hugo "$hugo" >&2

# After an edit: one case study's body changes before each build, as when
# an editor rebuilds after a correction.
edit=case-studies/case-000005.md
cp "$corpus/content/$edit" "$work/edit-bb.md"
cp "$corpus/hugo/content/$edit" "$work/edit-hugo.md"
hyperfine --style basic -w 1 -r "$runs" --export-json "$work/edit-bb.json" \
  --prepare "printf '\\nOne more sentence.\\n' >> $corpus/content/$edit" \
  -n buildbook "$bb >/dev/null 2>&1" >&2
hyperfine --style basic -w 1 -r "$runs" --export-json "$work/edit-hugo.json" \
  --prepare "printf '\\nOne more sentence.\\n' >> $corpus/hugo/content/$edit" \
  -n hugo "$hugo" >&2
cp "$work/edit-bb.md" "$corpus/content/$edit"
cp "$work/edit-hugo.md" "$corpus/hugo/content/$edit"

# Peak memory: GNU time's maximum resident set size, over $runs builds.
peak() {
  local max=0 kb
  for _ in $(seq "$runs"); do
    kb=$( { /usr/bin/time -f '%M' sh -c "$1 >/dev/null 2>&1"; } 2>&1 | tail -n 1)
    [ "$kb" -gt "$max" ] && max=$kb
  done
  echo "$max"
}
bbmem=$(peak "$bb")
hugomem=$(peak "$hugo")

# Cold: a new output folder each, every file and folder created.
cold() {
  { /usr/bin/time -f '%e' sh -c "$1 >/dev/null 2>&1"; } 2>&1 | tail -n 1
}
rm -rf "$work/cold-bb" "$work/.cold-bb".* "$work/cold-hugo"
bbcold=$(cold "$work/buildbook build --content $corpus/content --out $work/cold-bb")
hugocold=$(cold "hugo --quiet --source $corpus/hugo --destination $work/cold-hugo")
rm -rf "$work/cold-bb" "$work/.cold-bb".* "$work/cold-hugo"

python3 - "$work/wall.json" "$bbmem" "$hugomem" "$bbcold" "$hugocold" "$work/edit-bb.json" "$work/edit-hugo.json" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
bb, hugo = res["buildbook"], res["hugo"]
bbmem, hugomem = int(sys.argv[2]) / 1024, int(sys.argv[3]) / 1024
bbcold, hugocold = float(sys.argv[4]), float(sys.argv[5])
bbedit = json.load(open(sys.argv[6]))["results"][0]
hugoedit = json.load(open(sys.argv[7]))["results"][0]
print()
print(f"{'':22} {'buildbook':>12} {'hugo':>12} {'ratio':>8}")
print(f"{'wall, rebuild (mean)':22} {bb['mean']:11.2f}s {hugo['mean']:11.2f}s {bb['mean']/hugo['mean']:8.2f}")
print(f"{'wall, rebuild (min)':22} {bb['min']:11.2f}s {hugo['min']:11.2f}s {bb['min']/hugo['min']:8.2f}")
print(f"{'wall, after an edit':22} {bbedit['mean']:11.2f}s {hugoedit['mean']:11.2f}s {bbedit['mean']/hugoedit['mean']:8.2f}")
print(f"{'wall, cold':22} {bbcold:11.2f}s {hugocold:11.2f}s {bbcold/hugocold:8.2f}")
print(f"{'peak memory (RSS)':22} {bbmem:9.0f} MiB {hugomem:8.0f} MiB {bbmem/hugomem:8.2f}")
print()
print(f"buildbook takes {bb['mean']/hugo['mean']:.0%} of Hugo's wall time (goal: at most 20%) "
      f"and {bbmem/hugomem:.0%} of its peak memory (goal: under 33%).")
PY
