// Package browsertest checks the built site the way a reader meets it: in
// Debian's Chromium, driven by chromedp over the DevTools protocol, with
// the sample book (and a site built from unfamiliar content) served at its
// base path by an httptest server.
//
// The tests cover filtering, searching and keyboard use of the pages'
// script; accessibility with axe-core (WCAG 2.1 A and AA rules, light and
// dark colour schemes, on every page type); HTML validity with the Nu HTML
// Checker (vnu.jar, run on Java); page weight; layout shift; print styles;
// and they write screenshots at 360 and 1280 pixels wide into
// $BUILDBOOK_ARTIFACTS, or testdata-out/ at the repository root.
//
// axe-core and vnu-jar come from npm (package.json at the repository
// root; `npm ci`). Where Chromium, Java or node_modules are missing the
// tests that need them are skipped, except under CI=true, where they fail.
//
// BUILDBOOK_SEARCH_BENCH=DIR runs TestSearchBench on the content folder
// DIR (a corpus from shared/bench/gencorpus.py) and reports the bytes that
// typical first searches transfer and the time they take in the browser.
package browsertest
