"""The thesaurus's labels as Aho-Corasick automata, and the small records every extraction pass shares: a
found thing with its mentions (`Found`) and which characters are already part of a mention (`Spans`).

Matching runs over a same-length normalised view of the text (`kg.extract.text.match_view`), so offsets
found are offsets in the document text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.text import match_view, normalise_label
from kg.identifiers import slugify

# Words that stay lower case inside a capitalised name ("Youth Offending and Support Team").
SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "with", "&", "a", "an"})
# A coined word ("Go4ward", "KidsFirst"), a digit or a capital inside it: a name even where a single
# capitalised word is not (at a sentence start, or standing alone).
COINED_WORD = re.compile(r"\d|[a-z][A-Z]")
_UPPER_LABEL = re.compile(r"^[A-Z0-9&\- .']+$")


def is_case_sensitive(label: str) -> bool:
    """All-uppercase labels (acronyms) are matched case-sensitively: 'PAMS', not 'pams'."""
    return bool(_UPPER_LABEL.match(label)) and any(c.isalpha() for c in label)


@dataclass(slots=True)
class Found:
    """One distinct thing found in a document, with every mention's span."""

    key: str  # concept slug, or "x-<slug>" for a discovered thing
    label: str
    core_class: str
    concept: str | None  # thesaurus slug, None when discovered
    scope: str = "Local"
    discovered: bool = False
    confidence: float = 1.0
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)


def discovered(found: dict[str, Found], label: str, core_class: str, confidence: float) -> Found:
    """The document's discovered thing of this name (key "x-<slug>"), made on first sight, so that the passes
    that find one by its context add their mentions to the same thing."""
    key = "x-" + slugify(label)
    f = found.get(key)
    if f is None:
        f = found[key] = Found(key, label, core_class, None, "Local", discovered=True, confidence=confidence)
    return f


class LabelMatcher:
    """Two Aho-Corasick automata (case-folded and case-sensitive) over every label of the thesaurus.

    Ambiguous labels are left out, except capitalised proper names ("Prospects", "Prevent"), which are
    matched case-sensitively and only in mid-sentence (`Match.capitalised`), where the capital marks a name.
    """

    def __init__(self, entries: Iterable[tuple[str, str, bool]]) -> None:
        import ahocorasick

        self._ci = ahocorasick.Automaton()
        self._cs = ahocorasick.Automaton()
        self.ambiguous: dict[str, set[str]] = {}
        ci_map: dict[str, set[str]] = {}
        cs_map: dict[str, set[str]] = {}
        proper: set[str] = set()
        for label, slug, ambiguous in entries:
            if ambiguous:
                self.ambiguous.setdefault(label.upper() if is_case_sensitive(label) else label.lower(), set()).add(slug)
                if label[:1].isupper() and not is_case_sensitive(label) and all(
                        w[:1].isupper() for w in label.split() if w.lower() not in SMALL_WORDS):
                    # A capitalised name ("Prevent", "Supporting Families") in mid-sentence.
                    key = match_view(label, lower=False)
                    cs_map.setdefault(key, set()).add(slug)
                    proper.add(key)
                continue
            if is_case_sensitive(label):
                key = " ".join(match_view(label, lower=False).split())
                for variant in (key, key + "s", key + "'s"):
                    cs_map.setdefault(variant, set()).add(slug)
            else:
                key = normalise_label(label)
                variants = {key, key + "s", key + "es"}
                # "16- to 17-year-olds": the folded hyphen leaves two spaces in the text's matching view,
                # which the normalised label squeezes to one; match that spelling as written too.
                spaced = match_view(label).strip()
                if spaced != key:
                    variants |= {spaced, spaced + "s"}
                if key.endswith("y"):
                    variants.add(key[:-1] + "ies")
                if "s " in key:  # "care leavers team" is also written "care leavers' team"
                    variants |= {v.replace("s ", "s' ") for v in variants}
                # "Health & Wellbeing Board" is the health and wellbeing board (and the other way round).
                if " and " in key:
                    variants |= {v.replace(" and ", " & ") for v in variants}
                elif " & " in key:
                    variants |= {v.replace(" & ", " and ") for v in variants}
                for variant in variants:
                    ci_map.setdefault(variant, set()).add(slug)
        for key, slugs in ci_map.items():
            self._ci.add_word(key, (len(key), tuple(sorted(slugs)), False))
        for key, slugs in cs_map.items():
            self._cs.add_word(key, (len(key), tuple(sorted(slugs)), key in proper))
        if len(self._ci):
            self._ci.make_automaton()
        if len(self._cs):
            self._cs.make_automaton()

    def find(self, text: str) -> tuple[list[Match], list[Match]]:
        """(matches, nested): non-overlapping matches at word boundaries, longest first; and the shorter
        matches that sit inside a longer one ("DfE" in "DfE innovation fund")."""
        hits: list[Match] = []
        quotes: list[tuple[int, int]] | None = None  # the same in both views
        for automaton, view in ((self._ci, match_view(text)), (self._cs, match_view(text, lower=False))):
            if not len(automaton):
                continue
            if quotes is None:
                quotes = _quoted_spans(view)
            for end_idx, (length, slugs, capitalised) in automaton.iter(view):
                start, end = end_idx - length + 1, end_idx + 1
                if start > 0 and view[start - 1].isalnum():
                    continue
                if end < len(view) and view[end].isalnum():
                    continue
                hits.append(Match(start, end, slugs, capitalised))
            hits.extend(_across_quotes(automaton, view, quotes))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Match] = []
        nested: list[Match] = []
        for h in hits:
            if not out or h.start >= out[-1].end:
                out.append(h)
            elif h.end <= out[-1].end:
                if h.slugs != out[-1].slugs:
                    nested.append(h)
            elif h.end - h.start > out[-1].end - out[-1].start and (len(out) < 2 or h.start >= out[-2].end):
                out[-1] = h
        return out, nested


# A quoted word inside a name: "early help ‘hubs’", "child sexual exploitation ‘champions’". The view folds
# curly quotes to straight ones; an opening quote follows no letter and a closing one precedes none.
_QUOTE_MARK = re.compile("['\"]")
_QUOTE_BODY = {q: re.compile(q + r"[^'\"\n]{1,60}?" + q + r"(?!\w)") for q in "'\""}
_WINDOW = 100  # characters searched on each side of a quoted phrase (labels are shorter)


def _quoted_spans(view: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) of each short quoted phrase. Apostrophes are most of the marks, so each
    mark is checked by hand rather than by one regex with a look-behind tried at every character."""
    spans: list[tuple[int, int]] = []
    after = 0
    for mark in _QUOTE_MARK.finditer(view):
        p = mark.start()
        if p < after or (p and (view[p - 1].isalnum() or view[p - 1] in "_'\"")):
            continue
        m = _QUOTE_BODY[view[p]].match(view, p)
        if m is not None:
            spans.append((p, m.end() - 1))
            after = m.end()
    return spans


def _across_quotes(automaton, view: str, quotes: list[tuple[int, int]]) -> list[Match]:
    """Labels that run across the quote marks of a short quoted phrase, found in a window around each phrase
    with its two marks taken out and mapped back to the text (a match wholly inside or outside the quotes is
    found without this; searching windows, not the whole text again, keeps it cheap)."""
    out = []
    for qs, qe in quotes:  # the opening and closing marks
        lo, hi = max(0, qs - _WINDOW), min(len(view), qe + 1 + _WINDOW)
        bare = view[lo:qs] + view[qs + 1:qe] + view[qe + 1:hi]

        def orig(i: int, qs: int = qs, qe: int = qe, lo: int = lo) -> int:  # text offset of bare[i]
            at = lo + i
            return at if at < qs else at + 1 if at + 1 < qe else at + 2

        for end_idx, (length, slugs, capitalised) in automaton.iter(bare):
            b0, b1 = end_idx - length + 1, end_idx + 1
            if (b0 > 0 and bare[b0 - 1].isalnum()) or (b1 < len(bare) and bare[b1].isalnum()):
                continue
            start, end = orig(b0), orig(b1 - 1) + 1
            if not start < qs < end:
                continue  # no quote opens inside: the plain pass (or quoted_names, for "‘staying put’ policy") has it
            if end == qe:
                end += 1  # "early help ‘hubs’" ends with its closing quote
            out.append(Match(start, end, slugs, capitalised))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    slugs: tuple[str, ...]
    capitalised: bool = False


@lru_cache(maxsize=8)
def matcher_for(thesaurus) -> LabelMatcher:  # thesaurus is hashable (frozen, cached by its loader)
    entries = []
    for concept in thesaurus.concepts.values():
        for label in (concept.pref_label, *concept.alt_labels):
            # A label also listed as ambiguous is matched only as a capitalised name ("Adoption Link", a
            # website, is not "national adoption links")
            if label not in concept.ambiguous_labels:
                entries.append((label, concept.slug, False))
        for label in concept.ambiguous_labels:
            entries.append((label, concept.slug, True))
    return LabelMatcher(entries)


class Spans:
    """Which characters of the text are already part of a mention (a byte per character)."""

    __slots__ = ("_used",)

    def __init__(self, size: int) -> None:
        self._used = bytearray(size + 1)

    def mark(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)

    def unmark(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x00" * (end - start)

    def at(self, pos: int) -> bool:
        return bool(self._used[pos]) if pos < len(self._used) else False

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self._used[start:end]

