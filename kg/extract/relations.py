"""Relations between entities in one sentence, typed from cue patterns between the two mentions.

Pairs with no cue are kept as co-occurrence (sg:coMentionedWith) and marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text import opening_filter, rules

_RELATIONS = [(r["predicate"], re.compile(r"\b(?:" + "|".join(r["cues"]) + r")\b", re.I))
              for r in rules()["relations"]]
#: Cues that mean the second thing is part of the first ("the MASH, including an education lead").
_REVERSE_PART = re.compile(r"\b(?:includ\w*|hosts?|is home to|you have located your|houses?|brings together)\b", re.I)
_STATUS_I = re.compile(
    "|".join(rf"(?P<{k}>\b(?:{'|'.join(v)})\b)" for k, v in rules()["status"].items()), re.I)
# The same alternation with one \b on each side instead of two per status (tried once at each position, not
# once per status, the same matches: the statuses are tried in the same order and each must end at a \b),
# behind a look-ahead for the first letters of the status words: a third of the time.
_STATUS = opening_filter(re.compile(
    r"\b(?:" + "|".join(rf"(?P<{k}>{'|'.join(v)})" for k, v in rules()["status"].items()) + r")\b"))
MAX_GAP = 90


@dataclass(frozen=True, slots=True)
class RelationFact:
    subject: str  # Found.key
    predicate: str
    object: str
    basis: str  # CuePattern | CoOccurrence
    sentence: tuple[int, int]
    cue_span: tuple[int, int]


def relations_in_sentence(
    text: str, sentence: tuple[int, int], mentions: list[tuple[int, int, str]]
) -> list[RelationFact]:
    """`mentions` are (start, end, key) inside the sentence, in text order."""
    out: list[RelationFact] = []
    done: set[frozenset[str]] = set()
    for i, (s1, e1, k1) in enumerate(mentions):
        for s2, e2, k2 in mentions[i + 1:]:
            if k1 == k2 or frozenset((k1, k2)) in done:
                continue
            gap = text[e1:s2]
            typed = None
            if len(gap) <= MAX_GAP:
                if _REVERSE_PART.search(gap):
                    typed = (k2, "partOf", k1)
                else:
                    best = None
                    for predicate, pattern in _RELATIONS:
                        for m in pattern.finditer(gap):
                            if best is None or m.end() > best[0]:
                                best = (m.end(), predicate)
                    if best:
                        typed = (k1, best[1], k2)
            done.add(frozenset((k1, k2)))
            if typed:
                out.append(RelationFact(typed[0], typed[1], typed[2], "CuePattern", sentence, (s1, e2)))
            else:
                out.append(RelationFact(k1, "coMentionedWith", k2, "CoOccurrence", sentence, (s1, e2)))
    return out


def status_words(text: str, sentence: tuple[int, int]) -> list[tuple[int, str]]:
    """(offset, status) of every status word (piloted, embedded, expanded...) in a sentence."""
    start, end = sentence
    low = text[start:end].lower()
    if len(low) != end - start:  # a character whose lower case is longer: match case-insensitively instead
        return [(m.start(), m.lastgroup or "") for m in _STATUS_I.finditer(text, start, end)]
    # Status words are lower case in the rules; a lower-cased copy without re.I is about twice as fast.
    return [(start + m.start(), m.lastgroup or "") for m in _STATUS.finditer(low)]


def statuses_near(words: list[tuple[int, str]], start: int, end: int) -> set[str]:
    """The statuses whose word lies within a few words of a mention (60 characters before, 80 after)."""
    return {status for pos, status in words if start - 60 <= pos < end + 80}
