#!/usr/bin/env bash
# Benchmarks: build time, pages/s, peak memory, serve edit-to-reload latency,
# search index size, the comrak-only floor and (when installed) mdBook on the
# same Markdown. Writes docs/benchmarks.md.
#
#   scripts/bench.sh                 # corpora of 1,000 and 10,000 pages
#   scripts/bench.sh 1000            # just one size
#   RUNS=5 scripts/bench.sh          # builds per measurement (median; default 3)
#
# Run it on a quiet machine: it measures wall-clock time. mdBook is run when
# `mdbook` is on PATH (`cargo install mdbook`); otherwise its column says so.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
work=target/bench
mkdir -p "$work"
# Every tool writes its output to a RAM disk when there is one (BENCH_OUT to
# choose): on this VM's ext4, creating thousands of files within a minute of
# deleting thousands (the previous run's output) makes the kernel search past
# each recently deleted inode, adding 0.5-2 s of system time at random to any
# tool's run — noise about the disk, not about the tools.
if [ -z "${BENCH_OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  BENCH_OUT=/dev/shm/coursesite-bench
fi
out=${BENCH_OUT:-$work/out}
mkdir -p "$out"
out=$(cd "$out" && pwd)

cargo build --release --quiet --bin coursesite --example gen_corpus --example comrak_floor --example serve_latency
bin=target/release/coursesite
ex=target/release/examples

now_ms() { date +%s%3N; }

# run_timed OUTFILE CMD...: wall ms and peak RSS (KB) of one run, as "ms kb".
run_timed() {
  local out=$1
  shift
  local start end
  start=$(now_ms)
  /usr/bin/time -f "%M" -o "$out" "$@" >/dev/null 2>&1
  end=$(now_ms)
  echo "$((end - start)) $(tail -1 "$out")"
}

# fresh_run OUTDIR CMD...: run_timed into an empty OUTDIR (removed first).
fresh_run() {
  local dir=$1
  shift
  rm -rf "$dir"
  sync
  run_timed "$work/time.txt" "$@"
}

# steps_tsv NAME: the "step ms" lines of the COURSESITE_TIMINGS output in
# $work/NAME.txt, into $work/NAME.tsv (read by steps_table).
steps_tsv() {
  sed -n 's/^coursesite: timing: \([^ ]*\) *\([0-9.]*\) ms.*/\1 \2/p' "$work/$1.txt" >"$work/$1.tsv"
}

# median of numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rows=()
for n in "${sizes[@]}"; do
  corpus="$work/g$n"
  echo "== $n pages: generating $corpus" >&2
  rm -rf "$corpus"
  "$ex/gen_corpus" "$n" "$corpus" --mdbook
  pages=$(find "$corpus/content" -name '*.md' | wc -l)
  src_mb=$(du -sb "$corpus/content" | awk '{printf "%.1f", $1/1048576}')

  echo "== $n pages: coursesite build x$runs" >&2
  times=()
  rss=0
  # Every timed build writes into an empty folder, as the floor and mdBook do:
  # replacing a previous site adds the time to delete it (see the notes).
  for _ in $(seq "$runs"); do
    read -r ms kb < <(fresh_run "$out/site-$n" "$bin" build "$corpus" --out "$out/site-$n" --quiet --no-cache)
    times+=("$ms")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  build_ms=$(printf '%s\n' "${times[@]}" | median)
  pps=$(awk -v p="$pages" -v ms="$build_ms" 'BEGIN {printf "%.0f", p / ms * 1000}')
  rss_mb=$((rss / 1024))
  one=()
  for _ in $(seq "$runs"); do
    read -r ms _ < <(fresh_run "$out/site-$n" "$bin" build "$corpus" --out "$out/site-$n" --quiet --jobs 1 --no-cache)
    one+=("$ms")
  done
  build1_ms=$(printf '%s\n' "${one[@]}" | median)

  # Where the time goes: one more build with the library's step timings
  # (COURSESITE_TIMINGS), kept as "step ms" lines for the second table.
  rm -rf "$out/site-$n"
  sync
  COURSESITE_TIMINGS=1 "$bin" build "$corpus" --out "$out/site-$n" --quiet --no-cache 2>"$work/steps-$n.txt" >/dev/null || true
  steps_tsv "steps-$n"

  echo "== $n pages: comrak floor" >&2
  floor1=()
  floorn=()
  for _ in $(seq "$runs"); do
    sync
    floor=$("$ex/comrak_floor" "$corpus" "$out/floor-$n")
    floor1+=("$(echo "$floor" | sed -n 's/.*(1 thread): [0-9]* pages in \([0-9]*\) ms.*/\1/p')")
    floorn+=("$(echo "$floor" | sed -n 's/.*(all cores): [0-9]* pages in \([0-9]*\) ms.*/\1/p')")
  done
  floor1_ms=$(printf '%s\n' "${floor1[@]}" | median)
  floorn_ms=$(printf '%s\n' "${floorn[@]}" | median)
  ratio=$(awk -v a="$build_ms" -v b="$floorn_ms" 'BEGIN {printf "%.1f", a / b}')

  mdbook_cell="not installed"
  if command -v mdbook >/dev/null 2>&1; then
    echo "== $n pages: mdbook build x$runs" >&2
    mt=()
    mrss=0
    # mdBook takes minutes on the large corpus: one run there.
    mruns=$runs
    [ "$n" -le 1000 ] || mruns=1
    for _ in $(seq "$mruns"); do
      read -r ms kb < <(fresh_run "$out/mdbook-$n" mdbook build "$corpus/mdbook" --dest-dir "$out/mdbook-$n")
      mt+=("$ms")
      [ "$kb" -gt "$mrss" ] && mrss=$kb
    done
    mdbook_ms=$(printf '%s\n' "${mt[@]}" | median)
    mdbook_cell="$mdbook_ms ms, $((mrss / 1024)) MB ($(awk -v a="$mdbook_ms" -v b="$build_ms" 'BEGIN {printf "%.1f", a / b}')× coursesite's time)"
  fi

  # The search index: every file under search/, raw and gzip -9 each.
  index_raw=0
  index_gz=0
  for f in "$out/site-$n"/search/*.js; do
    index_raw=$((index_raw + $(stat -c %s "$f")))
    index_gz=$((index_gz + $(gzip -9 -c "$f" | wc -c)))
  done
  index_cell=$(awk -v r="$index_raw" -v g="$index_gz" 'BEGIN {printf "%.2f MB / %.2f MB", r/1048576, g/1048576}')

  serve_cell="(1,000 pages only)"
  if [ "$n" -le 1000 ]; then
    echo "== $n pages: serve latency (20 edits)" >&2
    lat=$("$ex/serve_latency" "$corpus" 20 "$bin" | tail -1)
    serve_cell=$(echo "$lat" | sed -n 's/.*p50 \([0-9.]*\) ms.*p95 \([0-9.]*\) ms.*/\1 \/ \2 ms/p')
    [ -n "$serve_cell" ] || serve_cell="$lat"
  fi

  rows+=("| $n | $pages ($src_mb MB) | $build_ms ms | $pps | $build1_ms ms | $rss_mb MB | $floor1_ms / $floorn_ms ms | ${ratio}× | $mdbook_cell | $serve_cell | $index_cell |")
done

# Side by side with Zola (issue 19): the same generated text for both tools
# (../shared/tools/gen_corpus.py, --flavor plain for coursesite, --flavor zola
# for Zola), builds interleaved, medians; output bytes are the sum of file
# sizes. The plain flavour marks pages kind = "lesson" without the 教案 fields,
# so they are made kind = "page" (what the shared tools' README says to do).
zola=../shared/tools/zola
zrows=()
serve_rows=()
if [ -x "$zola" ]; then
  for n in "${sizes[@]}"; do
    zc="$work/zola-$n"
    pc="$work/plain-$n"
    echo "== $n pages: Zola race, generating $pc and $zc" >&2
    rm -rf "$zc" "$pc"
    python3 ../shared/tools/gen_corpus.py --pages "$n" --flavor zola "$zc" >/dev/null
    python3 ../shared/tools/gen_corpus.py --pages "$n" --flavor plain "$pc" >/dev/null
    find "$pc/content" -name '*.md' -print0 | xargs -0 sed -i 's/^kind = "lesson"$/kind = "page"/'
    printf 'title = "客服培训课程"\n' >"$pc/course.toml"
    ct=()
    zt=()
    crss=0
    zrss=0
    for _ in $(seq "$runs"); do
      read -r ms kb < <(fresh_run "$out/plain-$n" "$bin" build "$pc" --out "$out/plain-$n" --quiet --no-cache)
      ct+=("$ms")
      [ "$kb" -gt "$crss" ] && crss=$kb
      read -r ms kb < <(fresh_run "$out/zola-$n" "$zola" --root "$zc" build --output-dir "$out/zola-$n")
      zt+=("$ms")
      [ "$kb" -gt "$zrss" ] && zrss=$kb
    done
    c_ms=$(printf '%s\n' "${ct[@]}" | median)
    z_ms=$(printf '%s\n' "${zt[@]}" | median)
    # The build cache: one build that makes it, then builds after a one-page
    # edit (a line appended to the first lesson), restored at the end.
    edited="$pc/content/m001/l00001.md"
    cp "$edited" "$work/edited.md"
    "$bin" build "$pc" --out "$out/plain-$n" --quiet
    cc=()
    for i in $(seq "$runs"); do
      printf '\n第 %s 次修改：补充一句。\n' "$i" >>"$edited"
      sync
      read -r ms _ < <(run_timed "$work/time.txt" "$bin" build "$pc" --out "$out/plain-$n" --quiet)
      cc+=("$ms")
    done
    cp "$work/edited.md" "$edited"
    cached_ms=$(printf '%s\n' "${cc[@]}" | median)
    echo "$(printf '%s\n' "${cc[@]}" | tr '\n' ' ')" >"$work/cached-$n.txt"
    c_search=$(find "$out/plain-$n/search" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    c_bytes=$(find "$out/plain-$n" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    z_bytes=$(find "$out/zola-$n" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    c_page=$(find "$out/plain-$n/m001" -name 'l*.html' ! -name '*.slides.html' -printf '%s\n' | awk '{s += $1; n++} END {printf "%.1f", s / n / 1024}')
    # A page's bytes beyond its own content: all but its <article>…</article>.
    c_chrome=$(find "$out/plain-$n/m001" -name 'l*.html' ! -name '*.slides.html' -exec python3 -c '
import sys
total = chrome = 0
for f in sys.argv[1:]:
    s = open(f, "rb").read()
    a, b = s.find(b"<article"), s.find(b"</article>")
    total += 1
    chrome += len(s) - (b - a if 0 <= a < b else 0)
print("%.1f" % (chrome / max(total, 1) / 1024))' {} +)
    z_page=$(find "$out/zola-$n/m001" -name index.html -path '*/l*' -printf '%s\n' | awk '{s += $1; n++} END {printf "%.1f", s / n / 1024}')
    mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
    zrows+=("| $n | $c_ms ms | $z_ms ms | $(ratio "$c_ms" "$z_ms")× | $cached_ms ms ($(ratio "$cached_ms" "$c_ms")× clean) | $(mb "$c_bytes") MB ($(mb "$c_search") MB search) | $(mb "$z_bytes") MB | $(ratio "$c_bytes" "$z_bytes")× ($(ratio $((c_bytes - c_search)) "$z_bytes")× without search) | $c_page / $z_page KB | $c_chrome KB | $((crss / 1024)) / $((zrss / 1024)) MB |")
    rm -rf "$out/plain-$n"
    sync
    COURSESITE_TIMINGS=1 "$bin" build "$pc" --out "$out/plain-$n" --quiet 2>"$work/steps-plain-$n.txt" >/dev/null || true
    steps_tsv "steps-plain-$n"
    # The same steps in a build from the cache after a one-page edit.
    printf '\n再补充一句。\n' >>"$edited"
    COURSESITE_TIMINGS=1 "$bin" build "$pc" --out "$out/plain-$n" --quiet 2>"$work/steps-cached-$n.txt" >/dev/null || true
    cp "$work/edited.md" "$edited"
    steps_tsv "steps-cached-$n"
    # Save → served page, both servers polled the same way (scripts/serve_race.py),
    # on the smaller corpus. Zola's watcher waits 1 s by default; it gets
    # coursesite's 10 ms.
    if [ "$n" -le 1000 ]; then
      echo "== $n pages: serve race" >&2
      race() { python3 scripts/serve_race.py --edits 20 --page content/m001/l00001.md "$@" | tail -1; }
      c_serve=$(race --cwd "$pc" --url http://127.0.0.1:8765/m001/l00001.html -- "$PWD/$bin" serve --port 8765 --quiet)
      z_serve=$(race --cwd "$zc" --url http://127.0.0.1:8766/m001/l00001/ -- "$PWD/$zola" serve --fast --port 8766 \
        --debounce 10 --output-dir "$out/zola-serve-$n" --force)
      serve_rows+=("| $n | $c_serve | $z_serve |")
    fi
  done
fi

# steps_table PREFIX: the COURSESITE_TIMINGS steps of $work/PREFIX-N.tsv, a
# column per corpus size.
steps_table() {
  local header="| step |" rule="|---|" n step line
  for n in "${sizes[@]}"; do
    header="$header $n pages |"
    rule="$rule---|"
  done
  echo "$header"
  echo "$rule"
  awk '{print $1}' "$work/$1-${sizes[0]}.tsv" | while read -r step; do
    line="| $step |"
    for n in "${sizes[@]}"; do
      line="$line $(awk -v s="$step" '$1 == s {printf "%.0f", $2}' "$work/$1-$n.tsv") |"
    done
    echo "$line"
  done
}

commit=$(git rev-parse --short HEAD)
dirty=$(git diff --quiet && echo "" || echo " (uncommitted changes)")
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench.sh\` on $(date -u +%Y-%m-%d): commit $commit$dirty,"
  echo "$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, release build."
  echo "Median of $runs runs; wall-clock time of the whole command (process start to exit)."
  echo "Output written to $out (every tool the same; see the script on why a RAM disk)."
  echo
  echo "Corpus: \`examples/gen_corpus\` — 35 % 教案, 35 % 案例, 20 % call scripts with branches, 10 % quizzes,"
  echo "a 500-term glossary, cross-links; all features on (decks, search index, lint, glossary links)."
  echo
  echo "| pages | sources | build | pages/s | build, 1 thread | peak RSS | comrak floor, 1 thread / all cores | build ÷ floor | mdBook, same Markdown | serve edit → reload p50 / p95 | search index raw / gzip |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- *comrak floor*: the same Markdown through comrak alone with coursesite's options"
  echo "  (\`examples/comrak_floor.rs\`): read, render, write one HTML file per page; no templates,"
  echo "  links, glossary, search or decks."
  echo "- *mdBook* ($(mdbook --version 2>/dev/null || echo "not installed")): \`mdbook build\` on the same pages without front matter"
  echo "  (\`gen_corpus --mdbook\`), with its default HTML renderer and search; one run above 1,000 pages."
  echo "- *serve*: \`examples/serve_latency.rs\`, save of one lesson → the reload event a browser tab gets."
  echo
  echo "## Where a build's time goes"
  echo
  echo "One more build of each corpus with \`COURSESITE_TIMINGS=1\` (wall-clock ms per step, all cores;"
  echo "\`m/…\` are parts of *model*, \`r/…\` parts of *render*):"
  echo
  steps_table steps
  echo
  echo "## Side by side with Zola"
  echo
  if [ ${#zrows[@]} -eq 0 ]; then
    echo "Not run: no Zola at ../shared/tools/zola."
  else
    echo "Zola $("$zola" --version 2>/dev/null | awk '{print $2}') from \`../shared/tools/zola\` (built from source, release profile) and coursesite on the same"
    echo "generated text (\`gen_corpus.py --flavor zola\` / \`--flavor plain\`: 50 pages a section), builds interleaved,"
    echo "median of $runs; output bytes are the sum of file sizes; a page is the average lesson page of the first section."
    echo "Zola's site is its generator's minimal theme, no search index; coursesite's has every feature on (decks,"
    echo "search, sidebar, glossary links)."
    echo
    echo "| pages | coursesite, clean | Zola | time ratio | coursesite from its build cache, one page edited | coursesite output | Zola output | bytes ratio | a page: coursesite / Zola | coursesite page beyond its content | peak RSS: coursesite / Zola |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${zrows[@]}"
    echo
    echo "- *clean*: \`build --no-cache\` into an empty folder. *From its build cache*: \`build\` after a line was"
    echo "  appended to one page, the cache made by the build before (see README, \"The build cache\")."
    echo "- Zola cannot index Chinese (\`build_search_index = true\` with \`default_language = \"zh\"\` fails:"
    echo "  \"Tried to build search index for language zh which is not supported\"), so the bytes ratio is also"
    echo "  given without coursesite's search/ folder."
    echo
    echo "Where coursesite's time goes on that text (\`COURSESITE_TIMINGS=1\`, ms), clean and from the build cache:"
    echo
    steps_table steps-plain
    echo
    steps_table steps-cached
    if [ ${#serve_rows[@]} -gt 0 ]; then
      echo
      echo "Save → served page (\`scripts/serve_race.py\`: a line appended to one page, its URL polled every 2 ms"
      echo "until it shows the line; 20 saves), \`coursesite serve\` against \`zola serve --fast --debounce 10\`:"
      echo
      echo "| pages | coursesite serve | zola serve --fast |"
      echo "|---|---|---|"
      printf '%s\n' "${serve_rows[@]}"
    fi
  fi
} >docs/benchmarks.md
cat docs/benchmarks.md
