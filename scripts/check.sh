#!/usr/bin/env bash
# check.sh: the static checks, as CI runs them (.ci/run) and as `make check`
# runs them on your computer. Every check runs, even after one fails; the
# script then exits 1 and names the ones that failed.
#
#   gofmt       every Go file is formatted
#   build, vet  for linux/amd64, darwin/arm64 and windows/amd64 (go vet
#               compiles the tests too): buildbook must build on the
#               computers teachers use
#   staticcheck for the same systems
#   actionlint  the GitHub workflows
#
# staticcheck and actionlint are built at the versions below into
# $BUILDBOOK_TOOLS (default: a folder in the temporary folder), once.
set -uo pipefail
cd "$(dirname "$0")/.."

STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2 # staticcheck 2026.2.2, for Go 1.26
ACTIONLINT=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
TARGETS="linux/amd64 darwin/arm64 windows/amd64"

tools="${BUILDBOOK_TOOLS:-${TMPDIR:-/tmp}/buildbook-tools}"
failed=()

# check NAME COMMAND...: runs the command, and records NAME if it fails.
check() {
  local name=$1
  shift
  echo "== $name"
  if ! "$@"; then
    failed+=("$name")
  fi
}

# gofmtClean lists the Go files gofmt would change, and fails if there are any.
gofmtClean() {
  local out
  out=$(gofmt -l $(go list -f '{{.Dir}}' ./...)) || return 1
  if [ -n "$out" ]; then
    echo "not formatted (run gofmt -w on them):"
    echo "$out"
    return 1
  fi
}

# tool PACKAGE@VERSION: installs a tool into $tools unless it is there.
tool() {
  local name=${1%@*}
  name=${name##*/}
  local version=${1##*@}
  if [ ! -x "$tools/$version/$name" ] && [ ! -x "$tools/$version/$name.exe" ]; then
    GOOS= GOARCH= GOBIN="$tools/$version" go install "$1" || return 1
  fi
}

check gofmt gofmtClean
for target in $TARGETS; do
  check "build $target" env GOOS="${target%/*}" GOARCH="${target#*/}" go build ./...
  check "vet $target" env GOOS="${target%/*}" GOARCH="${target#*/}" go vet ./...
done
if check "install staticcheck" tool "$STATICCHECK"; then
  for target in $TARGETS; do
    check "staticcheck $target" env GOOS="${target%/*}" GOARCH="${target#*/}" "$tools/${STATICCHECK##*@}/staticcheck" ./...
  done
fi
if check "install actionlint" tool "$ACTIONLINT"; then
  check actionlint "$tools/${ACTIONLINT##*@}/actionlint"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
echo "all checks passed"
