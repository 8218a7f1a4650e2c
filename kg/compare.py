"""`kg compare`: two authorities side by side, one authority against its statistical neighbours, or one
authority over time.

Everything is read with a handful of SPARQL SELECTs limited to the authorities compared (`load_practice`
with a VALUES block, then judgements, metrics and evidence sentences by document), so a comparison costs
about the same on the whole corpus as on a sample. A practice is a thesaurus concept (or a discovered label)
of an entity the authority has or uses (`kg.project`); its evidence count is the number of documents about
the authority that mention it.

Example:
    >>> from kg.store import open_store
    >>> compare_authorities(open_store(":memory:"), "Harrow", "Barnet")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: unknown authority: Harrow
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from kg.errors import KgError
from kg.frameworks import framework_of, frameworks_note
from kg.identifiers import SG
from kg.ntriples import iri as n3
from kg.project import (
    EVIDENCE_COLUMNS,
    PracticeData,
    evidence_columns,
    fetch_evidence,
    latest_evidence_pair,
    load_practice,
    resolve_authority,
    select_rows,
    similarity,
)
from kg.store import Store, uri

_F = TypeVar("_F", bound=Callable[..., Any])


def _collector_paused(fn: _F) -> _F:
    """Run a comparison with Python's cyclic collector paused (kg.cache.gc_paused): it builds tens of thousands of
    short-lived rows and sets and makes no reference cycles, and the collector's passes cost 5-12% of each call
    (the corpus, alternated six times in one process: --neighbours 500 -> 442 ms, --over-time 405 -> 383 ms)."""

    @functools.wraps(fn)
    def paused(*args: Any, **kwargs: Any) -> Any:
        from kg.cache import gc_paused

        with gc_paused():
            return fn(*args, **kwargs)

    return paused  # type: ignore[return-value]


#: Judgement areas (ontology individual, column name) in the order reports give them.
AREAS = (
    ("OverallEffectiveness", "overall_effectiveness"),
    ("ImpactOfLeaders", "impact_of_leaders"),
    ("HelpAndProtection", "help_and_protection"),
    ("ChildrenInCare", "children_in_care"),
    ("CareLeavers", "care_leavers"),
    # Graded only by single inspection framework reports (2013-2018).
    ("AdoptionPerformance", "adoption"),
    ("SafeguardingBoardEffectiveness", "safeguarding_board"),
)
AREA_COLUMNS = tuple(col for _, col in AREAS)
JUDGEMENT_COLUMNS = ("authority", "date", "document", "type", "framework", *AREA_COLUMNS)


def _note(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """{"judgements_note": ...} for a summary when the judgements mix frameworks, else nothing."""
    note = frameworks_note(rows)
    return {"judgements_note": note} if note else {}


METRIC_COLUMNS = (
    "authority",
    "date",
    "document",
    "indicator",
    "value",
    "unit",
    "period",
    "comparator",
    "comparator_value",
)


def grade_label(grade: str | None) -> str:
    """`sg:RequiresImprovement` -> "Requires improvement"."""
    if not grade:
        return ""
    local = grade.removeprefix(SG)
    words = re.sub(r"(?<!^)([A-Z])", r" \1", local).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else local


def fetch_judgements(store: Store, documents: Iterable[str]) -> dict[str, dict[str, str]]:
    """Document -> {area column: grade label}, for the documents given."""
    docs = sorted(set(documents))
    if not docs:
        return {}
    area_cols = {SG + area: col for area, col in AREAS}
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for doc, area, grade in select_rows(
        store,
        f"""
        SELECT DISTINCT ?doc ?area ?grade WHERE {{
          VALUES ?doc {{ {" ".join(n3(d) for d in docs)} }}
          ?doc sg:judgement ?j . ?j sg:area ?area ; sg:grade ?grade .
        }}""",
    ):
        col = area_cols.get(area)
        if col:
            out[doc][col] = grade_label(grade)
    return dict(out)


def judgement_rows(
    data: PracticeData, judgements: dict[str, dict[str, str]], documents: Iterable[str]
) -> list[dict[str, Any]]:
    """One row per document with at least one judgement, oldest first (areas as columns)."""
    rows = []
    for doc in sorted({d for d in documents if d in judgements}, key=lambda d: data.documents[d].sort_key):
        info = data.documents[doc]
        grades = dict(judgements[doc])
        if "children_in_care" in grades and "care_leavers" not in grades and info.doc_type in _JOINT_CARE_KINDS:
            # ILACS reports before 2023 judge children in care and care leavers together: a blank would read as a
            # grade missing (practitioner checks), the joint grade under care leavers as a separate judgement.
            grades["care_leavers"] = f"{grades['children_in_care']} (judged with children in care)"
        rows.append(
            {
                "authority": "; ".join(data.authority_label(a) for a in info.authorities),
                "date": info.date,
                "document": doc,
                "type": info.doc_type,
                "framework": framework_of(info.doc_type, info.date),
                **{col: grades.get(col, "") for col in AREA_COLUMNS},
            }
        )
    return rows


#: Inspections whose one judgement covers children in care and care leavers when no separate care leavers' grade
#: is given (the standard and short ILACS inspections of 2018-2023).
_JOINT_CARE_KINDS = frozenset({"StandardInspection", "ShortInspection"})


def fetch_metrics(store: Store, data: PracticeData, authorities: Sequence[str]) -> list[dict[str, Any]]:
    """The metrics about these authorities stated in kept documents (oldest document first)."""
    if not authorities:
        return []
    rows = select_rows(
        store,
        f"""
        SELECT DISTINCT ?m ?la ?doc ?indicator ?value ?unit ?period ?comparator ?cvalue ?measure ?start WHERE {{
          VALUES ?la {{ {" ".join(n3(a) for a in authorities)} }}
          ?m sg:about ?la ; a sg:Metric ; sg:mentionedIn ?doc .
          OPTIONAL {{ ?m sg:indicator ?indicator }}
          OPTIONAL {{ ?m sg:value ?value }}
          OPTIONAL {{ ?m sg:unit ?unit }}
          OPTIONAL {{ ?m sg:period ?period }}
          OPTIONAL {{ ?m sg:comparator ?comparator }}
          OPTIONAL {{ ?m sg:comparatorValue ?cvalue }}
          OPTIONAL {{ ?m sg:measure/skos:prefLabel ?measure }}
          OPTIONAL {{ ?m sg:evidence/sg:startOffset ?start }}
        }}""",
    )
    seen: set[str] = set()
    out = []
    for m, la, doc, indicator, value, unit, period, comparator, cvalue, measure, start in rows:
        if doc not in data.documents or m in seen:
            continue
        seen.add(m)
        out.append(
            {
                "metric": m,
                "authority": la,
                "date": data.documents[doc].date,
                "document": doc,
                "indicator": str(indicator or ""),
                "measure": str(measure or ""),
                "value": value,
                "unit": str(unit or ""),
                "period": str(period or ""),
                "comparator": str(comparator or ""),
                "comparator_value": cvalue,
                "start": int(start) if start is not None else None,
            }
        )
    out.sort(key=lambda r: (data.documents[r["document"]].sort_key, r["indicator"], r["metric"]))
    return out


def _labels(data: PracticeData, keys: Iterable[str]) -> list[str]:
    return sorted(keys, key=lambda k: (data.practice_label(k).lower(), k))


# ------------------------------------------------------------------------------------- two authorities


@dataclass
class Comparison:
    """Authority A against authority B: shared and distinct practice, judgements over time, metrics."""

    a: str
    a_label: str
    b: str
    b_label: str
    both: list[str] = field(default_factory=list)  # practice keys, by label
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    jaccard: float = 0.0
    cosine: float = 0.0
    practice: list[dict[str, Any]] = field(default_factory=list)
    judgements: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)

    COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "practice": (
            "practice",
            "label",
            "class",
            "status",
            "a_evidence",
            "b_evidence",
            "a_first_year",
            "b_first_year",
        ),
        "judgements": JUDGEMENT_COLUMNS,
        "metrics": (
            "indicator",
            "unit",
            "a_value",
            "a_period",
            "a_comparator",
            "a_comparator_value",
            "a_date",
            "b_value",
            "b_period",
            "b_comparator",
            "b_comparator_value",
            "b_date",
        ),
    }
    DISPLAY: ClassVar[dict[str, tuple[str, ...]]] = {
        "practice": ("label", "class", "status", "a_evidence", "b_evidence", "a_first_year", "b_first_year"),
        "judgements": ("authority", "date", "framework", *AREA_COLUMNS),
        "metrics": (
            "indicator",
            "unit",
            "a_value",
            "a_comparator",
            "a_comparator_value",
            "b_value",
            "b_comparator",
            "b_comparator_value",
        ),
    }
    TITLES: ClassVar[dict[str, str]] = {
        "practice": "Practice: both, only A, only B (evidence = documents)",
        "judgements": "Judgements over time",
        "metrics": "Metrics (latest value of each indicator, with comparators)",
    }

    @property
    def summary(self) -> dict[str, Any]:
        return {
            "a": self.a_label,
            "b": self.b_label,
            "both": len(self.both),
            "only_a": len(self.only_a),
            "only_b": len(self.only_b),
            "jaccard": round(self.jaccard, 6),
            "cosine": round(self.cosine, 6),
            **_note(self.judgements),
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {"practice": self.practice, "judgements": self.judgements, "metrics": self.metrics}


@_collector_paused
def compare_authorities(store: Store, a: str, b: str, *, include_restricted: bool = True) -> Comparison:
    """What A and B both have, what only one has (with evidence counts), their judgements and metrics."""
    a_iri, a_label = resolve_authority(store, a)
    b_iri, b_label = resolve_authority(store, b)
    if a_iri == b_iri:
        raise KgError(f"{a} and {b} are the same authority", hint="name two different authorities")
    data = load_practice(
        store, authorities=[a_iri, b_iri], include_restricted=include_restricted, labels=False
    )
    links_a, links_b = data.links(a_iri), data.links(b_iri)
    set_a, set_b = set(links_a), set(links_b)
    _, jaccard, cosine = similarity(set_a, set_b)
    cmp = Comparison(
        a_iri,
        a_label,
        b_iri,
        b_label,
        both=_labels(data, set_a & set_b),
        only_a=_labels(data, set_a - set_b),
        only_b=_labels(data, set_b - set_a),
        jaccard=jaccard,
        cosine=cosine,
    )
    for status, keys in (("both", cmp.both), ("only_a", cmp.only_a), ("only_b", cmp.only_b)):
        for key in keys:
            la, lb = links_a.get(key), links_b.get(key)
            cmp.practice.append(
                {
                    "practice": key,
                    "label": data.practice_label(key),
                    "class": data.practice_class(key),
                    "status": status,
                    "a_evidence": len(la.documents) if la else 0,
                    "b_evidence": len(lb.documents) if lb else 0,
                    "a_first_year": la.first_year if la else None,
                    "b_first_year": lb.first_year if lb else None,
                }
            )
    docs = [d.iri for d in data.documents_of(a_iri) + data.documents_of(b_iri)]
    cmp.judgements = judgement_rows(data, fetch_judgements(store, docs), docs)
    cmp.metrics = _aligned_metrics(data, fetch_metrics(store, data, [a_iri, b_iri]), a_iri, b_iri)
    return cmp


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                          "dec"), start=1)}
_PERIOD_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:[ \t]*[-–/][ \t]*((?:19|20)?\d\d)\b)?")
_PERIOD_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def _period_key(period: str) -> tuple[int, int] | None:
    """When a period ends, as (year, month): "2013–14" ends in 2014, "June 2015" in June; None when it names no
    year ("at the time of the inspection")."""
    years = []
    for m in _PERIOD_YEAR.finditer(period):
        end = m.group(2)
        years.append(int(m.group(1)[:2] + end[-2:]) if end else int(m.group(1)))
    if not years:
        return None
    months = [_MONTHS[m.group(1).lower()] for m in _PERIOD_MONTH.finditer(period)]
    return max(years), months[-1] if months else 0


def _newer(m: dict[str, Any], held: dict[str, Any]) -> bool:
    """Whether a later figure of the same report and measure is of a later time than the one held: it compares
    itself with an earlier value, or its period ends after the held one's (a practitioner check found care
    proceedings shown at 44 weeks in 2014 where the report goes on to give 32 weeks now)."""
    if (m.get("comparator") or "").startswith("earlier value") and m.get("comparator_value") == held.get("value"):
        return True
    if (held.get("period") and not m.get("period") and m.get("indicator") == held.get("indicator")
            and m.get("start") is not None and held.get("start") is not None and 0 < m["start"] - held["start"] < 200):
        return True  # "down from 40% in 2013-14 to 25% now": the undated figure after the dated one is now (a
        # practitioner check found compare showing the 2013-14 rate as the latest)
    new, old = _period_key(m.get("period") or ""), _period_key(held.get("period") or "")
    if new is None or old is None or new <= old:
        return False
    # ... and it is the same figure, not a part of it: "307 children were subject to a plan at 31 December 2014"
    # stays, not "plans due to neglect (200)" in January 2015 (a practitioner check)
    return bool(_content_words(m.get("indicator") or "") & _content_words(held.get("indicator") or ""))


_NOT_CONTENT = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from",
                          "is", "are", "was", "were", "who", "which", "that", "children", "young", "people", "child",
                          "number", "proportion", "percentage", "rate", "been", "have", "has", "had"})


def _content_words(indicator: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", indicator.lower()) if w not in _NOT_CONTENT and len(w) > 2}


def _aligned_metrics(
    data: PracticeData, metrics: list[dict[str, Any]], a: str, b: str
) -> list[dict[str, Any]]:
    """One row per measure (or, for a metric with none, per indicator) and unit: the latest value each authority
    reports, with its comparator. Two reports rarely word a figure alike ("children were being looked after by
    the local authority", "children in care"); their measure (ontology/measures.ttl) sets them side by side."""
    latest: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for m in metrics:  # oldest first, so later documents overwrite
        key = (m.get("measure") or " ".join(m["indicator"].lower().split()), m["unit"])
        held = latest[key].get(m["authority"])
        if (held is not None and held["document"] == m["document"] and held.get("start") is not None
                and m.get("start") is not None and held["start"] <= m["start"] and not _newer(m, held)):
            continue  # one report's first figure for a measure is its headline ("482 children looked after"),
            # not one said later of a part of them ("65 of them placed out of the area", a practitioner check),
            # unless the later one is of a later time ("44 weeks in 2014 ... 32 weeks in 2015")
        latest[key][m["authority"]] = m
    rows = []
    for (indicator, unit), by_la in sorted(latest.items()):
        row: dict[str, Any] = {"indicator": indicator, "unit": unit}
        for prefix, la in (("a", a), ("b", b)):
            m = by_la.get(la)
            row.update(
                {
                    f"{prefix}_value": m["value"] if m else None,
                    f"{prefix}_period": m["period"] if m else "",
                    f"{prefix}_comparator": m["comparator"] if m else "",
                    f"{prefix}_comparator_value": m["comparator_value"] if m else None,
                    f"{prefix}_date": m["date"] if m else "",
                }
            )
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------- statistical neighbours


@dataclass
class NeighbourComparison:
    """An authority against its statistical neighbours."""

    authority: str
    label: str
    neighbours: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label)
    practice: list[dict[str, Any]] = field(default_factory=list)
    judgements: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    min_neighbours: int = 2
    without_documents: list[str] = field(default_factory=list)  # neighbours the store has no document about

    COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "practice": (
            "practice",
            "label",
            "class",
            "authority_has",
            "authority_evidence",
            "neighbours",
            "neighbour_labels",
        ),
        "judgements": JUDGEMENT_COLUMNS,
        "suggestions": (
            "rank",
            "practice",
            "label",
            "class",
            "neighbours",
            "neighbour_labels",
            *EVIDENCE_COLUMNS,
        ),
    }
    DISPLAY: ClassVar[dict[str, tuple[str, ...]]] = {
        "practice": (
            "label",
            "class",
            "authority_has",
            "authority_evidence",
            "neighbours",
            "neighbour_labels",
        ),
        "judgements": ("authority", "date", "framework", *AREA_COLUMNS),
        "suggestions": (
            "rank",
            "label",
            "class",
            "neighbours",
            "neighbour_labels",
            "evidence_authority",
            "evidence_source",
            "evidence_page",
            "evidence_sentence",
        ),
    }
    TITLES: ClassVar[dict[str, str]] = {
        "practice": "Practice of the authority and its statistical neighbours",
        "judgements": "Latest judgements of the authority and each neighbour",
        "suggestions": "Practice that neighbours have and the authority does not",
    }

    @property
    def summary(self) -> dict[str, Any]:
        out = {
            "authority": self.label,
            "neighbours": "; ".join(label for _, label in self.neighbours),
            "suggestions": len(self.suggestions),
            "min_neighbours": self.min_neighbours,
        }
        if self.without_documents:
            # A neighbour with no document in the store has every practice column empty: said, not left to be
            # read as "has nothing" (practitioner checks on small stores).
            out["neighbours_without_documents"] = "; ".join(self.without_documents)
        return {**out, **_note(self.judgements)}

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {"practice": self.practice, "judgements": self.judgements, "suggestions": self.suggestions}


@_collector_paused
def compare_with_neighbours(
    store: Store, a: str, *, min_neighbours: int = 2, include_restricted: bool = True
) -> NeighbourComparison:
    """For each practice of A or a neighbour: who has it; latest judgements; suggestions = practice that at
    least `min_neighbours` neighbours have and A lacks, each with evidence from a neighbour's document."""
    a_iri, a_label = resolve_authority(store, a)
    rows = select_rows(store, "SELECT DISTINCT ?n WHERE { ?a sg:statisticalNeighbour ?n }", a=uri(a_iri))
    neighbour_iris = sorted(str(r[0]) for r in rows)
    if not neighbour_iris:
        raise KgError(
            f"{a_label} has no statistical neighbours in the store",
            hint="load the reference data (authorities, regions, neighbours) with `kg reference`",
        )
    data = load_practice(
        store, authorities=[a_iri, *neighbour_iris], include_restricted=include_restricted, labels=False
    )
    neighbours = sorted(((n, data.authority_label(n)) for n in neighbour_iris), key=lambda x: x[1])
    mine = data.links(a_iri)
    holders: dict[str, list[str]] = defaultdict(list)
    for n, _ in neighbours:
        for key in data.links(n):
            holders[key].append(n)
    result = NeighbourComparison(a_iri, a_label, neighbours, min_neighbours=min_neighbours)
    result.without_documents = [label for n, label in neighbours if not data.documents_of(n)]
    keys = sorted(
        set(mine) | set(holders),
        key=lambda k: (-len(holders.get(k, ())), k not in mine, data.practice_label(k).lower()),
    )
    for key in keys:
        if key not in mine and data.national_framework(key):
            continue  # "Children Act 1989" is no practice an authority lacks (a practitioner check)
        result.practice.append(
            {
                "practice": key,
                "label": data.practice_label(key),
                "class": data.practice_class(key),
                "authority_has": key in mine,
                "authority_evidence": len(mine[key].documents) if key in mine else 0,
                "neighbours": len(holders.get(key, ())),
                "neighbour_labels": "; ".join(data.authority_label(n) for n in holders.get(key, ())),
            }
        )
    # Latest judgements: the newest kept document with any judgement, per authority (A first).
    order = [a_iri, *(n for n, _ in neighbours)]
    all_docs = [d.iri for la in order for d in data.documents_of(la)]
    judgements = fetch_judgements(store, all_docs)
    for la in order:
        graded = [d.iri for d in data.documents_of(la) if d.iri in judgements]
        if graded:
            row = judgement_rows(data, judgements, graded[-1:])[0]
            row["authority"] = data.authority_label(la)
            result.judgements.append(row)
    # Suggestions, with evidence from the neighbour with most documents naming the practice.
    above = data.broader_than(mine)
    wanted = [k for k in keys if k not in mine and len(holders.get(k, ())) >= min_neighbours
              and data.worth_suggesting(k, above)]
    chosen = {}
    for key in wanted:
        best = sorted(
            holders[key], key=lambda n: (-len(data.links(n)[key].documents), data.authority_label(n))
        )[0]
        chosen[key] = (best, latest_evidence_pair(data, best, key))
    evidence = fetch_evidence(store, data, [p for _, p in chosen.values() if p])
    for rank, key in enumerate(wanted, start=1):
        best, pair = chosen[key]
        result.suggestions.append(
            {
                "rank": rank,
                "practice": key,
                "label": data.practice_label(key),
                "class": data.practice_class(key),
                "neighbours": len(holders[key]),
                "neighbour_labels": "; ".join(data.authority_label(n) for n in holders[key]),
                **evidence_columns(data, best, evidence.get(pair) if pair else None),
            }
        )
    return result


# ------------------------------------------------------------------------------------------------ over time


@dataclass
class Timeline:
    """An authority's documents in date order: practice appearing, persisting and disappearing between
    consecutive documents, with the judgements and metrics of each."""

    authority: str
    label: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    judgements: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)

    COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "documents": (
            "date",
            "document",
            "type",
            "source",
            "practices",
            "appeared",
            "persisted",
            "disappeared",
            "overall_effectiveness",
            "metrics",
        ),
        "changes": ("date", "document", "change", "practice", "label", "page", "sentence"),
        "judgements": JUDGEMENT_COLUMNS,
        "metrics": METRIC_COLUMNS,
    }
    DISPLAY: ClassVar[dict[str, tuple[str, ...]]] = {
        "documents": (
            "date",
            "type",
            "practices",
            "appeared",
            "persisted",
            "disappeared",
            "overall_effectiveness",
        ),
        "changes": ("date", "change", "label", "page", "sentence"),
        "judgements": ("date", "framework", *AREA_COLUMNS),
        "metrics": ("date", "indicator", "value", "unit", "period", "comparator", "comparator_value"),
    }
    TITLES: ClassVar[dict[str, str]] = {
        "documents": ("Documents in date order (changes since the previous document; disappeared: named in the "
                      "previous document and not in this one, which does not say it closed)"),
        "changes": "Practice appeared / persisted / disappeared (not named again), by document",
        "judgements": "Judgements by document",
        "metrics": "Metrics by document",
    }

    @property
    def summary(self) -> dict[str, Any]:
        dates = [r["date"] for r in self.documents if r["date"]]
        return {
            "authority": self.label,
            "documents": len(self.documents),
            "from": dates[0] if dates else "",
            "to": dates[-1] if dates else "",
            **_note(self.judgements),
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "documents": self.documents,
            "changes": self.changes,
            "judgements": self.judgements,
            "metrics": self.metrics,
        }


@_collector_paused
def compare_over_time(store: Store, a: str, *, include_restricted: bool = True) -> Timeline:
    """A's kept documents oldest first; for each, the practice it names that appeared (not in the previous
    document), persisted (in both) or disappeared (in the previous one only), its judgements and metrics."""
    a_iri, a_label = resolve_authority(store, a)
    data = load_practice(store, authorities=[a_iri], include_restricted=include_restricted, labels=False)
    docs = data.documents_of(a_iri)
    per_doc: dict[str, dict[str, str]] = defaultdict(dict)  # doc -> practice -> an entity naming it there
    for key, link in data.links(a_iri).items():
        for e in sorted(link.entities):
            for d in data.entities[e].documents & link.documents:
                per_doc[d].setdefault(key, e)
    judgements = fetch_judgements(store, [d.iri for d in docs])
    metrics = [m for m in fetch_metrics(store, data, [a_iri])]
    metric_count: dict[str, int] = defaultdict(int)
    for m in metrics:
        metric_count[m["document"]] += 1
    evidence = fetch_evidence(store, data, [(e, d) for d, keys in per_doc.items() for e in keys.values()])
    timeline = Timeline(a_iri, a_label)
    previous: set[str] = set()
    for doc in docs:
        current = set(per_doc.get(doc.iri, {}))
        appeared, persisted, disappeared = current - previous, current & previous, previous - current
        timeline.documents.append(
            {
                "date": doc.date,
                "document": doc.iri,
                "type": doc.doc_type,
                "source": doc.source,
                "practices": len(current),
                "appeared": "; ".join(data.practice_label(k) for k in _labels(data, appeared)),
                "persisted": "; ".join(data.practice_label(k) for k in _labels(data, persisted)),
                "disappeared": "; ".join(data.practice_label(k) for k in _labels(data, disappeared)),
                "overall_effectiveness": judgements.get(doc.iri, {}).get("overall_effectiveness", ""),
                "metrics": metric_count.get(doc.iri, 0),
            }
        )
        for change, keys in (("appeared", appeared), ("persisted", persisted), ("disappeared", disappeared)):
            for key in _labels(data, keys):
                ev = evidence.get((per_doc[doc.iri][key], doc.iri)) if change != "disappeared" else None
                timeline.changes.append(
                    {
                        "date": doc.date,
                        "document": doc.iri,
                        "change": change,
                        "practice": key,
                        "label": data.practice_label(key),
                        "page": ev.page if ev else None,
                        "sentence": ev.sentence if ev else "",
                    }
                )
        previous = current
    timeline.judgements = judgement_rows(data, judgements, [d.iri for d in docs])
    timeline.metrics = [
        {**{k: m[k] for k in METRIC_COLUMNS if k in m}, "authority": a_label} for m in metrics
    ]
    return timeline
