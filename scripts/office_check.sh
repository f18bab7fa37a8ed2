#!/usr/bin/env bash
# LibreOffice opens what `coursesite export` writes: scripts/office_check.sh [OUT_DIR]
#
# Installs LibreOffice Writer/Impress (no GUI) and poppler-utils with apt when
# soffice or pdfinfo is missing, exports one sample lesson of this repository
# (content/lessons/) as .docx and .pptx with the debug binary, converts each to
# PDF with `soffice --headless --convert-to pdf`, checks the conversion
# succeeded and the page/slide count (the .docx: at least 2 A4 pages; the
# .pptx: one 16:9 PDF page per slide of the package), and renders page 1 of each to
# PNG (60 dpi) for a human to look at. Non-interactive and idempotent; OUT_DIR
# (default: a new temporary folder) is where the files are kept.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LESSON="${OFFICE_CHECK_LESSON:-03-接待客户}"
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/coursesite-office.XXXXXX")}"
mkdir -p "$out"

fail() {
  echo "office_check: $*" >&2
  exit 1
}

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  # shellcheck source=scripts/apt_install.sh
  . "$ROOT/scripts/apt_install.sh"
  apt_install --no-install-recommends libreoffice-writer-nogui libreoffice-impress-nogui poppler-utils ||
    fail "could not install LibreOffice"
else
  echo "LibreOffice ($(soffice --version 2>/dev/null | head -1)) and poppler-utils are installed"
fi

bin="${CARGO_TARGET_DIR:-target}/debug/coursesite"
case "$bin" in /*) ;; *) bin="$ROOT/$bin" ;; esac
[ -x "$bin" ] || cargo build
"$bin" export "lessons/$LESSON" --docx --pptx --force --out "$out" >/dev/null

status=0
for ext in docx pptx; do
  file="$out/$LESSON.$ext"
  pdf_dir="$out/pdf-$ext"
  rm -rf "$pdf_dir"
  mkdir -p "$pdf_dir"
  # A private profile: no clash with a running LibreOffice, no first-start dialogs.
  if ! soffice -env:UserInstallation="file://$out/lo-profile" --headless \
    --convert-to pdf --outdir "$pdf_dir" "$file" >"$pdf_dir/soffice.log" 2>&1; then
    cat "$pdf_dir/soffice.log" >&2
    echo "FAILED  $ext: soffice could not convert $file"
    status=1
    continue
  fi
  pdf="$pdf_dir/$LESSON.pdf"
  if [ ! -s "$pdf" ]; then
    echo "FAILED  $ext: no PDF written"
    status=1
    continue
  fi
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  size=$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ { print $2 }')
  if [ "$ext" = pptx ]; then
    want=$(unzip -Z1 "$file" | grep -c '^ppt/slides/slide[0-9]*\.xml$')
    ok=$([ "$pages" -eq "$want" ] && [[ "$size" == 960*" x 540"* ]] && echo 1 || echo 0)
    expect="$want slides in the package, 16:9 (960 x 540 pts)"
  else
    ok=$([ "$pages" -ge 2 ] && [[ "$size" == *"(A4)"* ]] && echo 1 || echo 0)
    expect="at least 2 A4 pages"
  fi
  pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$pdf_dir/page"
  png=$(ls "$pdf_dir"/page*.png)
  if [ "$ok" = 1 ]; then
    echo "ok      $ext: $pages PDF pages of $size ($expect); page 1: $png"
  else
    echo "FAILED  $ext: $pages PDF pages of $size, expected $expect"
    status=1
  fi
done
exit "$status"
