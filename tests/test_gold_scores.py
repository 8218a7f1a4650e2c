"""The extractor against the gold annotations (`kg eval tests/gold`): a floor under the scores, so a change
that loses ground on real Ofsted documents fails here instead of going unnoticed.

The floors sit a little under the scores reached (tests/gold/README.md); they are not the product targets
(issue 4), which the held-out documents do not yet meet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="module")
def report():
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not beside the repository ({SHARED} is absent)")
    from kg.evaluate import evaluate_gold

    return evaluate_gold(GOLD, SHARED)


def _published(doc: str) -> str:
    return doc.rsplit("_", 1)[-1]  # "80451_wakefield_2018-07-17" -> "2018-07-17"; the seed letter -> its name


def test_metadata_exact_on_every_gold_document(report) -> None:
    wrong = [(d.doc, k, v) for d in report.docs for k, v in d.metadata.items() if v[0] != v[1]]
    assert not wrong


def test_judgements_exact_on_tuning_documents_and_every_report_since_2018(report) -> None:
    # Issue 4 asks for every judgement of reports since 2018; the older held-out reports are scored by kg eval.
    wrong = [(d.doc, k, v) for d in report.docs for k, v in d.judgements.items()
             if v[0] != v[1] and (not d.held_out or _published(d.doc) >= "2018")]
    assert not wrong


def test_entity_and_metric_scores_stay_above_their_floors(report) -> None:
    tuning, held_out = report.totals(False), report.totals(True)
    # The tuning set includes the newest batches, scored at ~0.77 recall before any tuning on them, so its
    # floors sit below the older documents' scores (tests/gold/README.md).
    assert tuning["entity_precision"] >= 0.88 and tuning["entity_recall"] >= 0.85
    assert tuning["entity_type_accuracy"] >= 0.81 and tuning["metric_value_recall"] >= 0.90
    # Twenty-nine held-out reports since the sixth session (P 0.826, R 0.783 when the fifth batch came, which
    # scored R 0.746 on arrival): a floor a little under, so a change that loses held-out quality fails here.
    assert held_out["entity_precision"] >= 0.81 and held_out["entity_recall"] >= 0.77
    # Typing alone, of the gold entities found (session 9: tuning 0.96, held out 0.95): the type score of all gold
    # entities (0.83 / 0.75) is bounded by recall, a missed entity counting as mistyped.
    assert tuning["entity_type_accuracy_found"] >= 0.93 and held_out["entity_type_accuracy_found"] >= 0.92
    # Comparators (session 8, when they were first scored: tuning 0.33 -> 0.72, kept aside 0.26 -> 0.68, held out
    # 0.30 -> 0.63): the earlier value in the next sentence ("This is a reduction from 494 at 31 March 2016.") and
    # dated from-to pairs were the bulk of it.
    assert tuning["comparator_recall"] >= 0.68 and held_out["comparator_recall"] >= 0.58
    # Measures (ontology/measures.ttl), first scored in session 8: tuning 0.76, kept aside 0.75, held out 0.72.
    assert tuning["measure_agreement"] >= 0.72 and held_out["measure_agreement"] >= 0.68
    # Indicator phrases (session 8: 0.26 everywhere when first scored; read in the value's clause, tuning 0.51,
    # kept aside 0.50, held out 0.51).
    assert tuning["indicator_f1"] >= 0.48 and held_out["indicator_f1"] >= 0.47


def test_finding_polarity_stays_above_its_floor() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not beside the repository ({SHARED} is absent)")
    from kg.evaluate_findings import evaluate_findings

    tuning, held_out = (s.summary() for s in evaluate_findings(GOLD / "findings" / "polarity.json", SHARED))
    assert tuning["accuracy"] >= 0.78 and held_out["accuracy"] >= 0.70
    # A criticism read as praise is the error that matters most (SPEC: a MASH criticised is not praised).
    assert tuning["criticism_as_praise"] + held_out["criticism_as_praise"] <= 2
    assert tuning["judged_found"] >= 0.80


def test_criticisms_that_name_nothing_stay_above_their_floor() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not beside the repository ({SHARED} is absent)")
    from kg.evaluate_findings import evaluate_findings

    # Session 18, labelled blind: criticisms naming no entity kept P 0.93 R 0.86 (they were never findings before).
    # Session 25 keeps praise naming nothing too: strengths P 0.95 R 0.77, accuracy 0.38 -> 0.81; two criticisms
    # read as praise, one praise as criticism.
    score = evaluate_findings(GOLD / "findings" / "unnamed-18.json", SHARED)[0].summary()
    assert score["AreaForImprovement_precision"] >= 0.85 and score["AreaForImprovement_recall"] >= 0.78
    assert score["Strength_precision"] >= 0.90 and score["Strength_recall"] >= 0.70
    assert score["praise_as_criticism"] <= 2 and score["criticism_as_praise"] <= 3


def test_relation_scores_stay_above_their_floors() -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not beside the repository ({SHARED} is absent)")
    from kg.evaluate_relations import evaluate_relations

    tuning, held_out = (s.summary() for s in evaluate_relations(GOLD / "relations" / "relations.json", SHARED))
    # Session 7: tuning P 0.95 R 0.49, held out P 0.92 R 0.26; the rules before it typed half their relations
    # wrongly (P 0.46-0.49), which these floors would catch. Session 8: a fourth development batch, scored before
    # any rule saw it (P 0.75 R 0.25), and a recall round on the first four parts (tuning with development 1-3
    # R 0.49 -> 0.61; the fourth batch and the held-out part did not move): all but held out P 0.91 R 0.52.
    # Session 11: a fifth development batch (R 0.23 when it came, and after that session's round), with it all but
    # held out P 0.91 R 0.47.
    assert tuning["precision"] >= 0.85 and tuning["recall"] >= 0.43
    assert held_out["precision"] >= 0.75 and held_out["recall"] >= 0.18


def test_status_links_are_mostly_stated() -> None:
    """Status links (piloted, embedded, expanded, ...) the session-6 rules made on 81 corpus reports, checked blind
    (tests/gold/statuses): 55 of 203 were stated of their thing. The rules now keep 38 of those 55 and 17 of the
    148 others; a floor under both, so a change that spreads statuses around again fails here."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not beside the repository ({SHARED} is absent)")
    import json

    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    items = json.loads((GOLD / "statuses" / "checked.json").read_text(encoding="utf-8"))["items"]
    resources = load_thesaurus(), default_index()
    statuses: dict[str, dict[str, set[str]]] = {}
    for source in sorted({i["source"] for i in items}):
        ex = extract_document(read_document(SHARED / source), *resources)
        # By label or alias: the label a thing is shown by may be a longer form of the one checked.
        statuses[source] = {name: ex.statuses.get(f.key, set()) for f in ex.entities for name in (f.label, *f.aliases)}
    kept = [i for i in items if i["status"] in statuses[i["source"]].get(i["thing"], set())]
    right = sum(i["stated"] for i in kept)
    assert right / len(kept) >= 0.6 and right >= 34
