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


def word_start_alternation(words: list[str], not_after: str | None = r"\w") -> str:
    """A regex for `(?<!not_after)(?:w1|w2|...)` (a set of `not_after` characters in brackets or a class
    such as \\w; the words plain lower-case text) that the regex engine runs in about half the time.

    A pattern opening with a look-behind is tried at every position of the text; this one opens with a
    set of first letters (the engine skips ahead to the next of them) and checks the character before the
    word only there: `t(?<!\\wt)(?:wo|hree)`. The words are grouped by first letter, so at one position the
    alternatives are tried in another order: use it only where at most one of them can match there (the
    pattern goes on with \\b or a space, and none is a prefix of another followed by a letter). With
    not_after None, no look-behind: the words grouped by first letter only.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    return "(?:" + "|".join(
        re.escape(c) + (f"(?<!{not_after}{re.escape(c)})" if not_after else "")
        + f"(?:{'|'.join(map(re.escape, rests))})"
        for c, rests in by_first.items()
    ) + ")"


try:  # re's parser is internal (Python 3.11+): without it opening_filter leaves patterns as they are
    import re._constants as _c
    import re._parser as _parser

    _CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
                   _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
except (ImportError, AttributeError):  # pragma: no cover - depends on the interpreter
    _parser = None


def _first_chars(items, folded: list[bool]) -> tuple[set[str], bool] | None:
    """What a parsed regex sequence can start with, as the members of a character set (characters, escaped,
    and classes such as \\d), and whether it can match empty (None: not known).

    Zero-width items (\\b, ^, look-arounds) are stepped over: the set may then hold characters a match cannot
    start with, never miss one it can. `folded` is set when a first character is inside (?i:...)."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    out.add(re.escape(chr(value)))
                elif kind is _c.RANGE and value[1] - value[0] < 256:
                    out.update(re.escape(chr(c)) for c in range(value[0], value[1] + 1))
                elif kind is _c.CATEGORY and value in _CATEGORIES:
                    out.add(_CATEGORIES[value])
                else:
                    return None  # a negated set: nearly any character
            return out, False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.SUBPATTERN:
            if av[1] & re.I:
                folded.append(True)
            subs, rest = [av[3]], False
        elif op is _c.BRANCH:
            subs, rest = av[1], False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            subs, rest = [av[2]], av[0] == 0  # an optional item: what follows it can come first
        else:
            return None
        empty = rest
        for sub in subs:
            found = _first_chars(sub.data, folded)
            if found is None:
                return None
            out |= found[0]
            empty = empty or found[1]
        if not empty:
            return out, False
    return out, True


def opening_filter(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern behind a look-ahead for the characters its matches can start with, or itself.

    A pattern that opens with \\b, a look-behind or an alternation of words is tried in full at every
    position; the look-ahead turns most positions away at once (the cue patterns of findings and status
    words: a quarter to a third less time; capitalised names: half; the same matches)."""
    folded: list[bool] = []
    if _parser is None:
        return pattern
    try:
        items = _parser.parse(pattern.pattern, pattern.flags).data
        if _skips_ahead(items):
            return pattern
        found = _first_chars(items, folded)
    except Exception:  # re's parser is internal: if it changes, run the pattern as it is
        return pattern
    if found is None or found[1] or not found[0]:
        return pattern
    chars = "[" + "".join(sorted(found[0])) + "]"
    if folded and not pattern.flags & re.I:
        chars = f"(?i:{chars})"  # a first letter inside (?i:...) may come in any case
    # With the pattern's flags: under re.I the look-ahead's set matches every case of its letters.
    return re.compile(f"(?={chars})(?:{pattern.pattern})", pattern.flags)


def _skips_ahead(items) -> bool:
    """Whether the engine already skips ahead to a pattern's first character: it opens with a literal, a set,
    or an alternation of literals. (Under re.I it does not for letters, but a look-ahead there costs more
    than the literal it would stand before.)"""
    while items and items[0][0] is _c.SUBPATTERN and not items[0][1][1] & re.I:
        items = items[0][1][3].data
    if not items:
        return False
    op, av = items[0]
    if op is _c.BRANCH:
        return all(branch.data and branch.data[0][0] is _c.LITERAL for branch in av[1])
    return op in (_c.LITERAL, _c.IN)


def find_all(text: str, words: tuple[str, ...] | list[str]) -> list[int]:
    """Every offset of each of these literal words in the text (word by word, not sorted): where a pattern that
    must contain one of them is worth trying."""
    out = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            out.append(i)
            i = text.find(word, i + 1)
    return out


# Characters that re.I matches to an ASCII letter but lower() leaves as they are (dotless i, long s).
_ODD_CASE = ("\u0131", "\u017f")


def lower_same_offsets(text: str) -> str | None:
    """text.lower() when it keeps every offset and re.I would find no ASCII word in `text` that it does not
    find in the lower-cased copy; else None (the caller then matches `text` itself with re.I)."""
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in _ODD_CASE):
        return None
    return low


@lru_cache(maxsize=16384)  # asked of the same surface forms and labels over and over in a run
def normalise_label(label: str) -> str:
    """How a thesaurus label is compared with the matching view."""
    return " ".join(match_view(label).split())


_ABBREV = {"dr", "mr", "mrs", "ms", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "cf", "approx", "para", "ref",
           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd"}
# Terminal punctuation before a capital, or newlines: `[.!?]+["')]*\s+(?=...)|\n+`, written to open with
# the set of its first characters (the engine skips ahead to the next of them; the alternation made it try
# every position), the branch then chosen by the character just read. The same matches in a quarter of the
# time.
_BOUNDARY = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]?[A-Z0-9\u2022])|(?<=\n)\n*)"
)
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
