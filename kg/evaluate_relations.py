"""Score typed relations against gold labels of sentences (`tests/gold/relations/relations.json`).

Each gold item names a sentence of a corpus report by its character offsets into the text `kg` reads (with a
short hash of it, as for findings: the sentences stay in the reports), the spans of the named things in it,
and the relations a person read between them: (subject, predicate, object) by position in that list, with
`worksWith` symmetric. Many items state no relation: every typed relation the extractor keeps there is wrong.

The extractor runs on the whole document as in `kg ingest`; its cue-pattern relations whose evidence lies in
the sentence are mapped to the gold things through their mentions (a mention overlapping a gold span stands for
it). A relation between things the gold does not list counts as wrong; co-occurrence links are not scored.

Example:
    >>> s = RelationScore()
    >>> s.add({(0, "partOf", 1)}, {(0, "partOf", 1), (1, "worksWith", 2)})
    >>> round(s.summary()["precision"], 2), s.summary()["recall"]
    (0.5, 1.0)
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.identifiers import AUTHORITY_KEY

PREDICATES = ("worksWith", "fundedBy", "partOf", "establishedThrough", "implements", "uses", "replaces")
SYMMETRIC = {"worksWith"}

Triple = tuple[object, str, object]


def canonical(triple: Triple) -> Triple:
    """A symmetric relation in one order, so that either order matches."""
    s, p, o = triple
    if p in SYMMETRIC and str(o) < str(s):
        return (o, p, s)
    return triple


@dataclass
class RelationScore:
    """Gold and predicted relation counts, overall and per predicate."""

    tp: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    # Right pair, wrong predicate or direction: the commonest error worth telling apart from inventing a link.
    wrong_kind: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: set[Triple], predicted: set[Triple]) -> None:
        gold = {canonical(t) for t in gold}
        predicted = {canonical(t) for t in predicted}
        self.sentences += 1
        for t in gold:
            self.gold[t[1]] += 1
        for t in predicted:
            self.predicted[t[1]] += 1
            if t in gold:
                self.tp[t[1]] += 1
        gold_pairs = {frozenset((s, o)) for s, _, o in gold}
        self.wrong_kind += sum(1 for t in predicted - gold if frozenset((t[0], t[2])) in gold_pairs)

    def summary(self) -> dict[str, Any]:
        tp, g, p = sum(self.tp.values()), sum(self.gold.values()), sum(self.predicted.values())
        precision, recall = _ratio(tp, p), _ratio(tp, g)
        out: dict[str, Any] = {
            "sentences": self.sentences, "gold": g, "predicted": p, "correct": tp,
            "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "wrong_kind_or_direction": self.wrong_kind,
        }
        for pred in PREDICATES:
            out[pred] = {"gold": self.gold[pred], "predicted": self.predicted[pred], "correct": self.tp[pred]}
        return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def load_items(path: Path) -> list[dict[str, Any]]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        for item in items:
            for rel in item["relations"]:
                if rel["p"] not in PREDICATES:
                    raise ValueError(f"unknown predicate {rel['p']!r}")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise KgError(f"{path}: not a relations gold file ({err})") from err
    return items


def evaluate_relations(
    path: Path, shared_dir: Path, *, thesaurus_files: tuple[Path, ...] = ()
) -> tuple[RelationScore, RelationScore]:
    """(tuning, held out) scores of the extractor's typed relations on the gold sentences in `path`."""
    from kg.evaluate_findings import extracted_sentences

    scores = (RelationScore(), RelationScore())
    for doc, ex, items in extracted_sentences(path, load_items(path), shared_dir, thesaurus_files):
        source = items[0]["source"]
        mentions = {f.key: f.mentions for f in ex.entities}
        starts = [s for s, _ in ex.sentences]
        typed_by_sentence: dict[int, list] = defaultdict(list)
        for r in ex.relations:
            # The gold labels relations between the things a sentence names; the authority acting ("the local
            # authority works with ...") is no such thing, so its relations are outside what it can score.
            if r.basis == "CuePattern" and AUTHORITY_KEY not in (r.subject, r.object):
                typed_by_sentence[bisect.bisect_right(starts, r.cue_span[0]) - 1].append(r)
        for item in items:
            start, end = item["start"], item["end"]
            spans = [(m["start"], m["end"]) for m in item["mentions"]]
            # Each gold thing stands for the extractor's thing whose mention overlaps it, so that a long form and
            # its acronym labelled as two things are one (as they are in the graph); a gold thing the extractor
            # did not find keeps its position.
            ids: list[object] = []
            key_to_id: dict[str, object] = {}
            for i, (gs, ge) in enumerate(spans):
                keys = sorted(k for k, ms in mentions.items() if any(s < ge and gs < e for s, e in ms))
                ids.append(keys[0] if keys else i)
                for k in keys:
                    key_to_id.setdefault(k, ids[-1])
            # Two gold things the extractor reads as one ("CAMHS" inside "CAMHS therapist") cannot be related.
            gold = {(ids[r["s"]], r["p"], ids[r["o"]]) for r in item["relations"] if ids[r["s"]] != ids[r["o"]]}
            predicted: set[Triple] = set()
            i = bisect.bisect_right(starts, start) - 1
            for r in typed_by_sentence.get(i, []):
                if start <= r.cue_span[0] < end:
                    # A thing the gold does not list is never right; the relation still counts as predicted.
                    predicted.add((key_to_id.get(r.subject, "unlisted subject"), r.predicate,
                                   key_to_id.get(r.object, "unlisted object")))
            score = scores[1 if item.get("held_out") else 0]
            score.add(gold, predicted)
            if gold != predicted and not item.get("held_out"):
                score.details.append({"source": source, "start": start, "end": end,
                                      "gold": sorted(gold), "predicted": sorted(predicted),
                                      "things": {str(ids[n]): " ".join(doc.text[s:e].split())
                                                 for n, (s, e) in enumerate(spans)},
                                      "sentence": " ".join(doc.text[start:end].split())})
    return scores
