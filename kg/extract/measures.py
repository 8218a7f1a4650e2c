"""What a metric measures: one of the measures of `ontology/measures.ttl`, from its indicator phrase.

Indicators are the text's own words ("children were being looked after by the local authority", "the number of
children in care"), so two documents rarely word the same figure alike; a measure lets `kg compare` and queries
set them side by side. Each measure has a pattern (sg:indicatorPattern, data in the Turtle file); of those that
match the lower-cased indicator, the longest match wins, so "initial child protection conferences" is that and
not "child protection plans", and "children looked after living outside the area" is about placements away.

Example:
    >>> measure_of("children and young people were the subject of a child protection plan")
    'child-protection-plans'
    >>> measure_of("average days from entering care to moving in with an adoptive family")
    'adoption-timeliness'
    >>> measure_of("hubs in four locality areas") is None
    True
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from kg import settings

MEASURES_FILE = "measures.ttl"
MEASURE_NS = "https://w3id.org/safeguarding-kg/measure/"  # kg.identifiers.SGM
_PATTERN = "https://w3id.org/safeguarding-kg/ontology#indicatorPattern"
_BROAD = "https://w3id.org/safeguarding-kg/ontology#broadMeasure"


@functools.lru_cache(maxsize=4)
def measure_patterns(path: Path | None = None) -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    """(local name, compiled pattern, whether broad) of every measure, read once per process."""
    import pyoxigraph as ox

    path = path or settings.ONTOLOGY_DIR / MEASURES_FILE
    patterns: dict[str, str] = {}
    broad: set[str] = set()
    for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if not q.subject.value.startswith(MEASURE_NS):
            continue
        name = q.subject.value[len(MEASURE_NS):]
        if q.predicate.value == _PATTERN:
            patterns[name] = q.object.value
        elif q.predicate.value == _BROAD and q.object.value == "true":
            broad.add(name)
    return tuple((name, re.compile(p), name in broad) for name, p in sorted(patterns.items()))


@functools.lru_cache(maxsize=4)
def _screen(path: Path | None = None) -> tuple[tuple[str, ...], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """(every literal some measure's matches must contain, the measures (by position) needing each, the measures
    with none, always tried): an indicator is searched only with the measures one of whose literals it holds,
    a few patterns instead of fifty."""
    needs: dict[str, list[int]] = {}
    always = []
    for i, (_name, pattern, _broad) in enumerate(measure_patterns(path)):
        literals = _required_literals(pattern)
        if not literals:
            always.append(i)
        for lit in literals:
            needs.setdefault(lit, []).append(i)
    return tuple(needs), {k: tuple(v) for k, v in needs.items()}, tuple(always)


def _required_literals(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """For each top-level alternative of the pattern, its longest run of plain characters (at least three), or
    () when some alternative has none (or re's internal parser is not there to ask)."""
    try:
        import re._constants as c
        import re._parser as parser

        items = parser.parse(pattern.pattern, pattern.flags).data
    except Exception:  # re's parser is internal: without it every measure is tried
        return ()
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is c.BRANCH else [items]
    out = []
    for branch in branches:
        runs, run = [], ""
        for op, av in branch:
            if op is c.LITERAL:
                run += chr(av)
            else:
                runs.append(run)
                run = ""
        best = max([*runs, run], key=len)
        if len(best) < 3:
            return ()
        out.append(best)
    return tuple(out)


@functools.lru_cache(maxsize=4)
def broad_measures(path: Path | None = None) -> frozenset[str]:
    """The measures that name a group rather than what is measured (sg:broadMeasure)."""
    return frozenset(name for name, _, is_broad in measure_patterns(path) if is_broad)


def measure_for_unit(measure: str | None, unit: str) -> str | None:
    """A broad measure is a count or a rate of its group ("482 children looked after", "56 per 10,000"); a share
    of the group ("58% of them attend schools judged good") or a duration measures something else,
    and set side by side under the group's name they compared unlike figures (a practitioner check found 90% of
    children taking part in their reviews beside 4% with an earlier care episode)."""
    if measure in broad_measures() and unit not in ("count",) and not unit.startswith("per "):
        return None
    return measure


@functools.lru_cache(maxsize=8192)
def measure_of(indicator: str) -> str | None:
    """The measure whose pattern matches most of the indicator (the longest match; a broad one only when no
    other matches), or None."""
    text = indicator.lower()
    literals, needs, always = _screen()
    tried = set(always)
    for lit in [lit for lit in literals if lit in text]:
        tried.update(needs[lit])
    measures = measure_patterns()
    best: tuple[bool, int, int, str] | None = None  # broad last, then the longest, then the earliest
    for i in tried:
        name, pattern, is_broad = measures[i]
        m = pattern.search(text)
        if m and m.end() > m.start():
            key = (is_broad, m.start() - m.end(), m.start(), name)
            if best is None or key < best:
                best = key
    return best[3] if best else None
