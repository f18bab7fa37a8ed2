#!/usr/bin/env bash
# The one test command: scripts/test.sh
#
# On a fresh Debian machine it installs what the tests need (apt: chromium,
# fonts-noto-cjk, fonts-dejavu-extra (a math font), libxml2-utils (xmllint, for
# the SCORM, Common Cartridge and QTI schemas), poppler-utils (pdfinfo, for
# build --pdf), and default-jre-headless when `java` is missing, for the W3C
# Nu HTML Checker; npm: playwright-core, axe-core and vnu-jar from
# tests/browser/package-lock.json),
# then runs, in order:
#
#   1. cargo fmt --check
#   2. cargo clippy --all-targets -- -D warnings
#   3. cargo test                      (unit + integration tests)
#   4. LibreOffice check               (scripts/office_check.sh: a sample lesson's
#                                       exported .docx and .pptx convert to PDF
#                                       with the expected page/slide count)
#   5. browser tests                   (build the sample course with the debug
#                                       binary into a temp folder, then
#                                       SITE_DIR=… node --test FILE for each
#                                       tests/browser/*.test.mjs, timed)
#
# Every stage runs even when an earlier one failed (except the browser tests,
# which need a build); a summary at the end lists each stage's result and the
# exit status is non-zero if anything failed. Non-interactive and idempotent.
#
# Environment: CHROMIUM_PATH (default /usr/bin/chromium) is passed on to the
# browser tests; KEEP_SITE=1 keeps the built site and prints where it is.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  PATH="$HOME/.cargo/bin:$PATH"
fi

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  BOLD=$'\e[1m' RED=$'\e[31m' GREEN=$'\e[32m' RESET=$'\e[0m'
else
  BOLD="" RED="" GREEN="" RESET=""
fi

banner() {
  printf '\n%s==== %s ====%s\n' "$BOLD" "$*" "$RESET"
}

die() {
  printf '%sscripts/test.sh: %s%s\n' "$RED" "$*" "$RESET" >&2
  exit 2
}

# ------------------------------------------------------------ setup ---

banner "setup: system packages (chromium, fonts-noto-cjk, java, cc, make, xmllint)"
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  if [ ! -x /usr/bin/chromium ] || ! installed chromium; then missing+=(chromium); fi
  if ! installed fonts-noto-cjk; then missing+=(fonts-noto-cjk); fi
  # A math font (DejaVu Math TeX Gyre): tests/browser/math.test.mjs measures ∑'s limits.
  if ! installed fonts-dejavu-extra; then missing+=(fonts-dejavu-extra); fi
  # pdfinfo counts the pages of `build --pdf`'s course.pdf (tests/print.rs).
  if ! command -v pdfinfo >/dev/null 2>&1; then missing+=(poppler-utils); fi
  if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
  if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
  # vnu.jar (tests/browser/quality-vnu.test.mjs) runs on any Java >= 11.
  if ! command -v java >/dev/null 2>&1; then missing+=(default-jre-headless); fi
  # xmllint validates the SCORM, Common Cartridge and QTI exports against their
  # schemas (tests/scorm.rs, tests/cartridge.rs).
  if ! command -v xmllint >/dev/null 2>&1; then missing+=(libxml2-utils); fi
  # The binary's allocator (jemalloc) is built from C with make.
  if ! command -v cc >/dev/null 2>&1; then missing+=(gcc); fi
  if ! command -v make >/dev/null 2>&1; then missing+=(make); fi
  # tests/workflow.rs runs the Pages workflow's install step, which downloads with curl.
  if ! command -v curl >/dev/null 2>&1; then missing+=(curl); fi
  if [ ${#missing[@]} -gt 0 ]; then
    # shellcheck source=scripts/apt_install.sh
    . "$ROOT/scripts/apt_install.sh"
    apt_install "${missing[@]}" || die "could not install: ${missing[*]}"
  else
    echo "chromium, fonts-noto-cjk, java, cc, make and xmllint are installed"
  fi
else
  echo "no dpkg here: not installing system packages"
fi
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || die "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}"
command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust with rustup)"
command -v node >/dev/null 2>&1 || die "node not found"

# The browser tests need Node >= 20.11 (playwright-core's minimum is 20;
# `node --test --test-timeout` came in 20.11). Debian 12's nodejs is 18: then a
# newer Node comes from the npm registry (the `node` package), used for the tests.
node_new_enough() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 11) ? 0 : 1)'
}
NODE=node
if ! node_new_enough node; then
  echo "node $(node --version) is older than 20.11: fetching Node 22 with npm for the browser tests"
  NODE="$(npm exec --yes --package=node@22 -- node -p process.execPath)" || die "could not fetch Node 22 with npm"
  node_new_enough "$NODE" || die "$NODE is not Node >= 20.11"
fi
echo "browser tests run on Node $("$NODE" --version) ($NODE)"
command -v java >/dev/null 2>&1 || die "java not found (apt-get install default-jre-headless)"

banner "setup: npm packages (tests/browser)"
# npm ci when node_modules is missing or package-lock.json changed since the
# last install (npm writes node_modules/.package-lock.json on every install).
if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
  [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
else
  echo "tests/browser/node_modules is up to date"
fi

# ------------------------------------------------------------ stages ---

results=()
failed=0
record() { # record NAME STATUS
  if [ "$2" -eq 0 ]; then
    results+=("${GREEN}ok${RESET}      $1")
  else
    results+=("${RED}FAILED${RESET}  $1 (exit $2)")
    failed=1
  fi
}

# Test output is also kept in a log, to count passed/failed tests at the end.
log="$(mktemp "${TMPDIR:-/tmp}/coursesite-test-log.XXXXXX")"
run_stage() { # run_stage NAME COMMAND...
  local name="$1" status=0
  shift
  banner "$name"
  "$@" 2>&1 | tee -a "$log" || status=$?
  record "$name" "$status"
}

run_stage "cargo fmt --check" cargo fmt --check
run_stage "cargo clippy --all-targets -- -D warnings" cargo clippy --all-targets -- -D warnings
run_stage "cargo test" cargo test --no-fail-fast
run_stage "LibreOffice opens the exported .docx and .pptx" scripts/office_check.sh

tmp="$(mktemp -d "${TMPDIR:-/tmp}/coursesite-test.XXXXXX")"
cleanup() {
  if [ "${KEEP_SITE:-}" = 1 ]; then
    echo "built site kept in $tmp/site"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

banner "build the sample course (debug binary) into $tmp/site"
build_status=0
# The binary cargo just built (CARGO_TARGET_DIR is honoured); the browser tests
# that build their own copies of the course (English UI, serve) use it too.
bin="${CARGO_TARGET_DIR:-target}/debug/coursesite"
case "$bin" in /*) ;; *) bin="$ROOT/$bin" ;; esac
{ cargo build && "$bin" build --out "$tmp/site" &&
  "$bin" build --profile teacher --out "$tmp/site-teacher"; } || build_status=$?
record "build the sample course" "$build_status"

# One node run per file, timed, so the summary says how long each took. The
# timeouts are hang guards, not timed assertions: the long tests carry their
# own (tests/browser/timeouts.mjs, 10 minutes where axe or vnu visit every
# page, ~20-40 s normally); --test-timeout is the default for the others, each
# a few seconds normally. Node ran the files one at a time on a 2-core machine
# anyway (its file concurrency is cores - 1).
browser_durations=()
if [ "$build_status" -eq 0 ]; then
  banner "browser tests (headless Chromium, file://)"
  browser_status=0
  for file in tests/browser/*.test.mjs; do
    started=$EPOCHREALTIME
    status=0
    env SITE_DIR="$tmp/site" TEACHER_SITE_DIR="$tmp/site-teacher" COURSESITE_BIN="$bin" \
      "$NODE" --test --test-reporter=spec --test-timeout=300000 "$file" 2>&1 | tee -a "$log" || status=$?
    seconds=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%6.1f", b - a }')
    mark=""
    if [ "$status" -ne 0 ]; then
      browser_status=$status
      mark="  ${RED}FAILED${RESET}"
    fi
    browser_durations+=("$seconds s  ${file#tests/browser/}$mark")
  done
  record "browser tests (headless Chromium, file://)" "$browser_status"
else
  record "browser tests (not run: the build failed)" 1
fi

banner "summary"
printf '%s\n' "${results[@]}"
if [ ${#browser_durations[@]} -gt 0 ]; then
  echo "browser test files:"
  printf '  %s\n' "${browser_durations[@]}"
fi
# One closing line over every runner: cargo's "test result:" lines and node's "ℹ pass/fail".
count() { # count PASS|FAIL
  awk -v want="$1" '
    /^test result: / { for (i = 1; i < NF; i++) { if (want == "PASS" && $(i+1) ~ /^passed/) n += $i; if (want == "FAIL" && $(i+1) ~ /^failed/) n += $i } }
    /^ℹ pass [0-9]+/ && want == "PASS" { n += $3 }
    /^ℹ fail [0-9]+/ && want == "FAIL" { n += $3 }
    END { print n + 0 }' "$log"
}
passed=$(count PASS)
failures=$(count FAIL)
rm -f "$log"
if [ "$failed" -ne 0 ]; then
  printf '%sscripts/test.sh: some stages failed%s\n' "$RED" "$RESET"
  echo "tests: $passed passed, $failures failed"
  exit 1
fi
printf '%sscripts/test.sh: all stages passed%s\n' "$GREEN" "$RESET"
echo "tests: $passed passed, $failures failed"
