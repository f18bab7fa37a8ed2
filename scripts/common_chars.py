#!/usr/bin/env python3
"""Regenerate src/search/common_chars.txt: the characters the search files respell
as two-byte code points (src/search/compact.rs), commonest first.

    pip download jieba==0.42.1 --no-deps -d /tmp/jb && tar xzf /tmp/jb/jieba-0.42.1.tar.gz -C /tmp/jb
    python3 scripts/common_chars.py /tmp/jb/jieba-0.42.1/jieba/dict.txt > src/search/common_chars.txt

Character frequencies are summed from the word frequencies of jieba 0.42.1's
dictionary (MIT License, Copyright (c) 2013 Sun Junyi): a general corpus, not
this project's text, so the table is fixed and the same for every course (an
edit to one page never respells the others). CJK punctuation, which every
Chinese page is full of, comes first.
"""
import sys

SLOTS = 0x800 - 0x100 - 1  # the last code, U+07FF, is the escape
PUNCT = "，。、；：？！“”‘’（）《》…—「」【】"


def is_han(c):
    n = ord(c)
    return 0x3400 <= n <= 0x4DBF or 0x4E00 <= n <= 0x9FFF or 0xF900 <= n <= 0xFAFF


def main(path):
    counts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            for c in word:
                if is_han(c):
                    counts[c] = counts.get(c, 0) + freq
    ranked = sorted(counts, key=lambda c: (-counts[c], ord(c)))
    chars = list(PUNCT) + [c for c in ranked if c not in PUNCT]
    sys.stdout.write("".join(chars[:SLOTS]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
