"""Scoring finding polarity against gold sentence labels (kg.evaluate_findings, `kg eval`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.evaluate_findings import evaluate_findings

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "data/samples/harrow-2020-inspection.txt"


def _anchor(doc, start: int, end: int) -> dict:
    return {"source": SAMPLE, "start": start, "end": end,
            "sha1": hashlib.sha1(doc.text[start:end].encode()).hexdigest()[:12]}


def _sample():
    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    doc = read_document(REPO / SAMPLE)
    ex = extract_document(doc, load_thesaurus(), default_index())
    return doc, ex


def test_polarity_scored_against_the_extractor(tmp_path: Path) -> None:
    doc, ex = _sample()
    strength = next(f for f in ex.findings if f.polarity == "Strength")
    kept = {f.start for f in ex.findings}
    plain = next((s, e) for s, e in ex.sentences if s not in kept and e - s > 40)
    items = [
        {**_anchor(doc, strength.start, strength.end), "polarity": "Strength", "negated": strength.negated,
         "hedged": strength.hedged},
        # Labelled a criticism: the extractor's Strength is then a criticism read as praise.
        {**_anchor(doc, strength.start, strength.end), "polarity": "AreaForImprovement", "negated": False,
         "hedged": False, "held_out": True},
        {**_anchor(doc, *plain), "polarity": "None", "negated": False, "hedged": False},
        {**_anchor(doc, *plain), "polarity": "Risk", "negated": False, "hedged": False},
    ]
    path = tmp_path / "polarity.json"
    path.write_text(json.dumps({"items": items}), encoding="utf-8")
    tuning, held = evaluate_findings(path, REPO)
    t, h = tuning.summary(), held.summary()
    assert (t["sentences"], h["sentences"]) == (3, 1)
    assert t["accuracy"] == pytest.approx(2 / 3) and t["criticism_as_praise"] == 0
    assert t["Risk_recall"] == 0.0 and t["None_recall"] == 1.0 and t["judged_found"] == 0.5
    assert t["negated_accuracy"] == 1.0
    assert h["accuracy"] == 0.0 and h["criticism_as_praise"] == 1
    assert [d["gold"] for d in tuning.details] == ["Risk"] and not held.details


def test_a_sentence_that_moved_is_an_error(tmp_path: Path) -> None:
    doc, ex = _sample()
    s, e = ex.sentences[3]
    item = {**_anchor(doc, s, e), "polarity": "None", "negated": False, "hedged": False}
    item["start"] += 1
    path = tmp_path / "polarity.json"
    path.write_text(json.dumps({"items": [item]}), encoding="utf-8")
    with pytest.raises(KgError, match="not the sentence labelled"):
        evaluate_findings(path, REPO)


def test_second_labeller_agreement_by_half_and_beyond_chance() -> None:
    from kg.evaluate_findings import cohen_kappa, label_agreement

    def item(start: int, polarity: str, held_out: bool) -> dict:
        return {"source": "r.pdf", "start": start, "end": start + 5, "polarity": polarity, "negated": False,
                "hedged": polarity == "AreaForImprovement", "held_out": held_out}

    first = [item(0, "Strength", False), item(10, "Risk", False), item(20, "None", True), item(30, "Strength", True)]
    second = [item(0, "Strength", False), item(10, "Strength", False), item(20, "None", True)]  # one unlabelled
    tuning, held_out = label_agreement(first, second)
    assert tuning.summary()["accuracy"] == 0.5 and tuning.summary()["criticism_as_praise"] == 1
    assert held_out.items == [("None", "None")]
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0
