"""Sentences and a same-length normalised view of the text for matching.

The matching view has exactly one character for each character of the text, so an offset found in
it is an offset in `Document.text`: case folded, curly quotes straightened, hyphens and line breaks
made spaces.

Example:
    >>> match_view("Multi-Agency\\n’Hub’")
    "multi agency 'hub'"
    >>> [s for s, e in sentence_spans("Dr. Smith came. The MASH works well! Next")]
    [0, 16, 37]
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"',
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ", "/": " ",
    "\n": " ", "\t": " ", "\r": " ",
}


def _fold_char(c: str, lower: bool) -> str:
    if c in _FOLD:
        return _FOLD[c]
    if lower:
        low = c.lower()
        return low if len(low) == 1 else c
    return c




def match_view(text: str, *, lower: bool = True) -> str:
    """A same-length view of `text` for matching (case-folded unless lower=False)."""
    out = text.lower() if lower else text
    for a, b in _FOLD_ITEMS:
        if a in out:
            out = out.replace(a, b)
    if len(out) != len(text):  # a character whose lower case is longer: fall back to per-character folding
        out = "".join(_fold_char(c, lower) for c in text)
    return out


_FOLD_ITEMS = tuple(_FOLD.items())


def word_start_alternation(words: list[str], not_after: str = r"\w") -> str:
    """A regex for `(?<!not_after)(?:w1|w2|...)` (a set of `not_after` characters in brackets or a class
    such as \\w; the words plain lower-case text) that the regex engine runs in about half the time.

    A pattern opening with a look-behind is tried at every position of the text; this one opens with a
    set of first letters (the engine skips ahead to the next of them) and checks the character before the
    word only there: `t(?<!\\wt)(?:wo|hree)`. The words are grouped by first letter, so at one position the
    alternatives are tried in another order: use it only where at most one of them can match there (the
    pattern goes on with \\b or a space, and none is a prefix of another followed by a letter).
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(
        f"{re.escape(c)}(?<!{not_after}{re.escape(c)})(?:{'|'.join(map(re.escape, rests))})"
        for c, rests in by_first.items()
    ) + ")"


def normalise_label(label: str) -> str:
    """How a thesaurus label is compared with the matching view."""
    return " ".join(match_view(label).split())


_ABBREV = {"dr", "mr", "mrs", "ms", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "cf", "approx", "para", "ref",
           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd"}
_BOUNDARY = re.compile(r"[.!?]+[\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9\u2022])|\n+")
_LAST_WORD = re.compile(r"([\w.]+)\.*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets: split at terminal punctuation before a capital, and at newlines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == ".":
            word = _LAST_WORD.search(text, max(start, m.start() - 12), m.start())
            if word and word.group(1).lower() in _ABBREV:
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():  # an initial: "J. Smith"
                continue
        end = m.start() + len(m.group(0).rstrip())
        chunk = text[start:end]
        stripped = chunk.lstrip()
        if stripped:
            spans.append((start + len(chunk) - len(stripped), end))
        start = m.end()
    if text[start:].strip():
        s = start + (len(text[start:]) - len(text[start:].lstrip()))
        spans.append((s, len(text.rstrip())))
    return spans


@lru_cache(maxsize=4)
def rules(name: str = "extraction") -> dict:
    """Rules kept as data: kg/rules/extraction.json (entities, relations, metrics) or findings.json (cues)."""
    path = Path(__file__).resolve().parent.parent / "rules" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))
