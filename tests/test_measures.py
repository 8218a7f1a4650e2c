"""Measures (ontology/measures.ttl): what a metric measures, told from its indicator phrase."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.compare import _aligned_metrics
from kg.extract import measures
from kg.extract.measures import measure_of
from kg.settings import ONTOLOGY_DIR

SKOS = "http://www.w3.org/2004/02/skos/core#"


def test_every_measure_has_a_label_a_definition_and_a_pattern() -> None:
    by_subject: dict[str, set[str]] = {}
    for q in ox.parse(path=str(ONTOLOGY_DIR / "measures.ttl"), format=ox.RdfFormat.TURTLE):
        by_subject.setdefault(q.subject.value, set()).add(q.predicate.value)
    concepts = [s for s in by_subject if s.startswith(measures.MEASURE_NS) and not s.endswith("/scheme")]
    assert len(concepts) >= 40
    for s in concepts:
        assert {SKOS + "prefLabel", SKOS + "definition", measures._PATTERN} <= by_subject[s], s
    assert len(measures.measure_patterns()) == len(concepts)


@pytest.mark.parametrize(("indicator", "measure"), [
    # Invented indicator phrases, worded as reports word them.
    ("children were being looked after by the local authority", "children-looked-after"),
    ("looked after children living outside the local authority area", "placed-out-of-area"),
    ("looked after children cautioned or convicted", "offending"),  # a broad measure gives way
    ("initial child protection conferences held within 15 working days", "initial-child-protection-conferences"),
    ("children made the subject of a plan for a second or subsequent time", "repeat-child-protection-plans"),
    ("average days between entering care and moving in with an adoptive family", "adoption-timeliness"),
    ("care leavers aged 19 to 21 in education, employment or training", "care-leavers-eet"),
    # The same figure the other way round is a measure of its own: 40% NEET is not 40% in EET.
    ("care leavers aged 19 to 21 who are not in education, employment or training", "care-leavers-neet"),
    ("the NEET cohort of care leavers", "care-leavers-neet"),
    ("reliance on agency social workers", "agency-staff"),
    ("pupils entitled to free school meals in secondary schools", "free-school-meals"),
    ("children in private fostering arrangements", "private-fostering"),
    ("children who later returned to be looked after", "ceased-to-be-looked-after"),
    ("a monthly stay and play session", None),
    # Children living in homes, and the homes an authority runs: two measures.
    ("children living in residential children's homes", "children-in-residential-homes"),
    ("children's homes, all judged to be good", "childrens-homes-run"),
    # A social worker's years since qualifying are no school results (practitioner check AV).
    ("social workers with more than two years' post-qualification experience", None),
    ("care leavers with level 3 qualifications", "educational-attainment"),
])
def test_the_longest_match_tells_the_measure(indicator: str, measure: str | None) -> None:
    assert measure_of(indicator) == measure


def test_screening_by_literals_finds_what_trying_every_pattern_finds() -> None:
    def every_pattern(indicator: str) -> str | None:
        text, best = indicator.lower(), None
        for name, pattern, broad in measures.measure_patterns():
            m = pattern.search(text)
            if m and m.end() > m.start():
                key = (broad, m.start() - m.end(), m.start(), name)
                best = key if best is None or key < best else best
        return best[3] if best else None

    words = re.findall(r"[a-z]+", " ".join(p.pattern for _n, p, _b in measures.measure_patterns()))
    phrases = [" ".join(words[i:i + 4]) for i in range(0, len(words) - 4, 3)]
    assert all(measure_of.__wrapped__(p) == every_pattern(p) for p in phrases)


def test_comparisons_line_up_figures_worded_differently() -> None:
    rows = [
        {"authority": "A", "indicator": "children were being looked after", "measure": "children looked after",
         "unit": "count", "value": 231, "period": "", "comparator": "", "comparator_value": None, "date": "2016"},
        {"authority": "B", "indicator": "the number of children in care", "measure": "children looked after",
         "unit": "count", "value": 480, "period": "", "comparator": "", "comparator_value": None, "date": "2017"},
    ]
    [row] = _aligned_metrics(None, rows, "A", "B")
    assert (row["indicator"], row["a_value"], row["b_value"]) == ("children looked after", 231, 480)


def test_a_broad_measure_is_a_count_or_rate_of_its_group() -> None:
    # A share of children looked after, or a wait, is not the children-looked-after figure (a session-25
    # practitioner check found 90% taking part in reviews compared with 4% with an earlier care episode).
    from kg.extract.measures import measure_for_unit

    assert measure_for_unit("children-looked-after", "count") == "children-looked-after"
    assert measure_for_unit("children-looked-after", "per 10,000 children") == "children-looked-after"
    assert measure_for_unit("children-looked-after", "percent") is None
    assert measure_for_unit("adoptions", "days") is None
    assert measure_for_unit("caseloads", "percent") == "caseloads"
    assert measure_for_unit(None, "count") is None
