# Checks and benchmarks. The build itself needs no make:
# `go run ./cmd/buildbook build`.

N ?= 2000
RUNS ?= 5

.PHONY: check bench bench-hugo bench-serve

# The static checks that CI runs (scripts/check.sh): gofmt, go build and go
# vet for Linux, macOS and Windows, staticcheck and actionlint.
check:
	scripts/check.sh

# Go benchmarks of the pipeline on a generated corpus (internal/corpus):
# compile, build into the previous output, build from nothing, serve's
# rebuild, and the wait from saving an edit to having the new page.
bench:
	BUILDBOOK_BENCH_N=$(N) go test -run '^$$' -bench . -benchtime 5x ./internal/build ./internal/serve

# buildbook against Hugo on ../shared/bench/gencorpus.py's corpus, timed in
# one run (needs hugo, hyperfine and GNU time).
bench-hugo:
	scripts/bench-hugo.sh -n $(N) -r $(RUNS)

# The wait in Chromium, from saving an edit to the open tab showing it.
bench-serve:
	BUILDBOOK_SERVE_N=$(N) go test -run TestServeReloadTime -v ./internal/browsertest
