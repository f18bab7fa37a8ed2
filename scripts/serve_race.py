#!/usr/bin/env python3
"""Save → served page latency of a live-reloading server, measured the same way
for any tool: start its server, append a unique line to one page's source,
then poll the page's URL until the response holds that line. Prints each
sample and "p50 X ms p95 Y ms".

    scripts/serve_race.py --cwd COURSE --url http://127.0.0.1:PORT/PATH \\
        --page content/m001/l00001.md [--edits 20] -- CMD ARGS...

The page's text is restored at the end. Used by scripts/bench.sh to race
`coursesite serve` against `zola serve --fast` on the same generated text.
"""
import argparse
import os
import subprocess
import sys
import time
import urllib.request


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def wait_until(url, needle, limit_s):
    """Seconds from now until the page holds `needle` (None: it never did)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(0.002)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cwd", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--page", required=True)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    page = os.path.join(a.cwd, a.page)
    original = open(page, encoding="utf-8").read()
    server = subprocess.Popen(cmd, cwd=a.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    try:
        if wait_until(a.url, "<", 120) is None:
            sys.exit(f"{a.url} never answered")
        time.sleep(1.5)  # let the watcher settle after the first build
        for k in range(a.edits):
            marker = f"保存标记{k}x{os.getpid()}"
            with open(page, "w", encoding="utf-8") as f:
                f.write(f"{original}\n\n{marker}\n")
            took = wait_until(a.url, marker, 30)
            if took is None:
                sys.exit(f"edit {k}: the page never showed it")
            samples.append(took * 1000)
            time.sleep(0.3)
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
        server.wait(10)
    s = sorted(samples)
    pick = lambda q: s[min(len(s) - 1, int(q * len(s)))]
    print(" ".join(f"{x:.0f}" for x in samples))
    print(f"p50 {pick(0.5):.0f} ms p95 {pick(0.95):.0f} ms")


if __name__ == "__main__":
    main()
