#!/usr/bin/env bash
# lighthouse.sh: Lighthouse 12 on the sample site, as a reader's phone and
# desktop see it, and a table of its four scores. CI does not run it (it
# needs npm and Chromium); run it after changing templates or assets.
#
#   scripts/lighthouse.sh            home, a case study with a photo, the list
#   scripts/lighthouse.sh -v         also the audits that cost points
#   scripts/lighthouse.sh -n 5       each page measured 5 times (default 3)
#
# Performance is measured in a simulation fed by a trace of the real load,
# so a busy computer costs points at random (Lighthouse's own advice is to
# take the median of several runs): each row is the run with the median
# performance score, and "range" is the lowest and highest of the runs.
#
# The sample content is copied to a temporary folder and given a phone photo
# (scripts/photocorpus), built with an absolute base URL, and served as GitHub
# Pages serves it (scripts/pagesserve: gzip, max-age=600), not by buildbook
# serve, whose reload script a reader never gets. Lighthouse is installed with
# npm into $BUILDBOOK_TOOLS/lighthouse (default: a folder in the temporary
# folder), once; it is not one of the project's npm packages. Chromium is
# $CHROME_PATH, default /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

verbose=
runs=3
while (($#)); do
	case $1 in
	-v) verbose=1 ;;
	-n)
		runs=$2
		shift
		;;
	*)
		echo "usage: lighthouse.sh [-v] [-n runs]" >&2
		exit 2
		;;
	esac
	shift
done
tools="${BUILDBOOK_TOOLS:-${TMPDIR:-/tmp}/buildbook-tools}"
lh="$tools/lighthouse"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
port="${LIGHTHOUSE_PORT:-8791}"

if [[ ! -x "$lh/node_modules/.bin/lighthouse" ]]; then
	mkdir -p "$lh"
	(cd "$lh" && npm install --no-audit --no-fund --silent lighthouse@12 >&2)
fi

work=$(mktemp -d)
server=
cleanup() {
	[[ -n "$server" ]] && kill "$server" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

cp -r content "$work/content"
go run ./scripts/photocorpus "$work/content" >/dev/null
go build -o "$work/buildbook" ./cmd/buildbook
go build -o "$work/pagesserve" ./scripts/pagesserve
"$work/buildbook" build --content "$work/content" --templates templates \
	--base-url https://example.org/ --out "$work/site" >/dev/null
"$work/pagesserve" -addr "127.0.0.1:$port" "$work/site" &
server=$!

# The case study with a photo is the one photocorpus gave an image to.
photo=$(grep -l '^image: photo-' "$work/content"/case-studies/*.md | head -n 1)
photo=$(basename "$photo" .md)
pages=("home /" "case-study /case-studies/$photo/" "list /case-studies/")

for _ in $(seq 50); do
	curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
	sleep 0.1
done

printf '%-12s %-8s %5s %5s %5s %5s  %s\n' page device perf a11y bp seo range
for p in "${pages[@]}"; do
	name=${p%% *}
	url="http://127.0.0.1:$port${p#* }"
	for device in mobile desktop; do
		flags=(--form-factor=mobile)
		[[ $device == desktop ]] && flags=(--preset=desktop)
		outs=()
		for i in $(seq "$runs"); do
			out="$work/$name-$device-$i.json"
			"$lh/node_modules/.bin/lighthouse" "$url" "${flags[@]}" \
				--chrome-flags="--headless=new --no-sandbox" \
				--only-categories=performance,accessibility,best-practices,seo \
				--output=json --output-path="$out" --quiet
			outs+=("$out")
		done
		node - "$name" "$device" "$verbose" "${outs[@]}" <<'JS'
const [name, device, verbose, ...files] = process.argv.slice(2);
const runs = files.map((f) => require(f));
const perf = (r) => r.categories.performance.score;
runs.sort((a, b) => perf(a) - perf(b));
const r = runs[Math.floor((runs.length - 1) / 2)];
const c = r.categories;
const s = (k) => String(Math.round(c[k].score * 100)).padStart(5);
const range = `${Math.round(perf(runs[0]) * 100)}–${Math.round(perf(runs[runs.length - 1]) * 100)}`;
console.log(`${name.padEnd(12)} ${device.padEnd(8)} ${s("performance")} ${s("accessibility")} ${s("best-practices")} ${s("seo")}  ${range}`);
if (verbose) {
	// The audits that cost points: weighted in a category, and not passed.
	for (const cat of Object.values(c)) {
		for (const ref of cat.auditRefs) {
			const a = r.audits[ref.id];
			if (ref.weight > 0 && a.score !== null && a.score < 1) {
				console.log(`    ${cat.id}: ${a.id} ${a.score} ${a.displayValue || ""}`);
			}
		}
	}
}
JS
	done
done
