#!/usr/bin/env python3
"""Regenerate src/model/phrases.txt from pypinyin's phrase data.

    pip download pypinyin==0.53.0 --no-deps -d /tmp/pyp && (cd /tmp/pyp && unzip -o -q *.whl)
    python3 scripts/phrases.py /tmp/pyp/pypinyin > src/model/phrases.txt

Keeps only the phrases in which some character's letters differ from that
character's default reading (the first of pinyin_dict.json, the reading the
`pinyin` crate gives too): the others sort right character by character.
"""
import json
import re
import sys
import unicodedata

HEADER = """# Readings of Chinese words whose characters read otherwise alone (多音字 in context):
# 行业 is hang2 ye4, though 行 alone is xing2. Used by src/model/order.rs to sort titles
# and glossary terms in pinyin order, longest word first.
#
# Derived by scripts/phrases.py from pypinyin 0.53.0's phrases_dict.json (the phrase
# data of mozillazg/phrase-pinyin-data, MIT License, Copyright (c) 2016 mozillazg,
# 闲耘): the phrases in which some character's letters differ from its default
# reading. One word per line: the word, then one syllable (tone number last) per character.
"""
# Words the dataset lacks or reads otherwise than the dictionary (《现代汉语词典》),
# found by tests/chinese.rs's word list: coursesite's own additions.
ADDITIONS = """# coursesite's additions (the dataset lacks these words or reads them otherwise):
行长 hang2 zhang3
还款 huan2 kuan3
猪圈 zhu1 juan4
"""
TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def tone_number(syllable):
    """'háng' -> 'hang2' (neutral tone: 5); ü stays, as the `pinyin` crate writes it."""
    tone, letters = "5", ""
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONES:
            tone = TONES[ch]
        else:
            letters += ch
    return unicodedata.normalize("NFC", letters) + tone


def main(folder):
    phrases = json.load(open(f"{folder}/phrases_dict.json", encoding="utf-8"))
    single = json.load(open(f"{folder}/pinyin_dict.json", encoding="utf-8"))
    default = {chr(int(k)): tone_number(v.split(",")[0]) for k, v in single.items()}
    letters = lambda s: re.sub(r"\d", "", s)
    sys.stdout.write(HEADER)
    for word, readings in sorted(phrases.items()):
        if len(word) != len(readings):
            continue
        syllables = [tone_number(r[0]) for r in readings]
        if any(letters(syllables[i]) != letters(default.get(c, "?")) for i, c in enumerate(word) if c in default):
            print(word, " ".join(syllables))
    sys.stdout.write(ADDITIONS)


if __name__ == "__main__":
    main(sys.argv[1])
