#!/usr/bin/env bash
# Screenshots of the built course site in headless Chromium (file:// URLs).
#
#   scripts/screenshot.sh [SITE_DIR] [OUT_DIR] [--readme]
#
# SITE_DIR  a built site; default: build the sample course (debug binary) into a temp folder
# OUT_DIR   where the PNGs go; default /tmp/shots
# --readme  also write docs/screenshot.png (first lesson page, 1280 wide, light mode) for README.md
#
# Takes full-page PNGs of the home page, the first lesson and the first case at
# 1280 and 360 px wide, light and dark (prefers-color-scheme), and fails if a
# dark shot is not measurably darker than its light twin.
#
# Dark mode is set with Playwright's colorScheme. For plain `chromium --headless
# --screenshot`, `--force-dark-mode` or `--blink-settings=preferredColorScheme=0`
# make prefers-color-scheme: dark match (checked on Chromium 156);
# `--force-prefers-color-scheme` does not exist.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

readme=0
positional=()
for arg in "$@"; do
  case "$arg" in
    --readme) readme=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "screenshot.sh: unknown option $arg" >&2; exit 2 ;;
    *) positional+=("$arg") ;;
  esac
done
site_dir="${positional[0]:-}"
out_dir="${positional[1]:-/tmp/shots}"

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "screenshot.sh: /usr/bin/chromium is missing; run scripts/test.sh once (it installs it) or apt-get install chromium fonts-noto-cjk" >&2
  exit 2
fi

# playwright-core, from package-lock.json.
if [ ! -d tests/browser/node_modules/playwright-core ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
fi

tmp=""
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT
if [ -z "$site_dir" ]; then
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/coursesite-shots.XXXXXX")"
  cargo build --quiet
  target/debug/coursesite build --quiet --out "$tmp/site"
  site_dir="$tmp/site"
fi

readme_args=()
if [ "$readme" = 1 ]; then
  readme_args=(--readme "$ROOT/docs/screenshot.png")
fi
node tests/browser/screenshot.mjs "$site_dir" "$out_dir" "${readme_args[@]}"
