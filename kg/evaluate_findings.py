"""Score the polarity of findings against gold labels of sentences (`tests/gold/findings/polarity.json`).

Each gold item names a sentence of a corpus report by its character offsets into the text `kg` reads from
the PDF (with a short hash of that text, so that a change in reading shows up as an error rather than as a
silently wrong sentence; the sentences themselves stay in the reports) and gives the polarity a person read
in it: Strength, AreaForImprovement, Risk or None (no judgement), with whether the verdict is negated or
hedged. The extractor is run on the whole document as in `kg ingest`; a sentence it keeps no finding for
counts as None. What matters most is reported on its own: criticisms read as praise.

Example:
    >>> FindingScore(items=[("Strength", "Strength"), ("Risk", "Strength")]).summary()["criticism_as_praise"]
    1
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError

POLARITIES = ("Strength", "AreaForImprovement", "Risk", "None")
CRITICISM = {"AreaForImprovement", "Risk"}


@dataclass
class FindingScore:
    """(gold, predicted) polarity pairs, and (gold, predicted) negated/hedged flags where both have one."""

    items: list[tuple[str, str]] = field(default_factory=list)
    flags: list[tuple[tuple[bool, bool], tuple[bool, bool]]] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        n = len(self.items)
        out: dict[str, Any] = {
            "sentences": n,
            "accuracy": sum(g == p for g, p in self.items) / n if n else 0.0,
            # A criticism kept as praise is the error SPEC.md singles out; praise read as criticism is next.
            "criticism_as_praise": sum(g in CRITICISM and p == "Strength" for g, p in self.items),
            "praise_as_criticism": sum(g == "Strength" and p in CRITICISM for g, p in self.items),
            "judged_found": _ratio(sum(g != "None" and p != "None" for g, p in self.items),
                                   sum(g != "None" for g, _ in self.items)),
        }
        for cls in POLARITIES:
            tp = sum(g == cls and p == cls for g, p in self.items)
            out[f"{cls}_precision"] = _ratio(tp, sum(p == cls for _, p in self.items))
            out[f"{cls}_recall"] = _ratio(tp, sum(g == cls for g, _ in self.items))
        if self.flags:
            out["negated_accuracy"] = sum(g[0] == p[0] for g, p in self.flags) / len(self.flags)
            out["hedged_accuracy"] = sum(g[1] == p[1] for g, p in self.flags) / len(self.flags)
        return out

    def confusion(self) -> dict[str, Counter[str]]:
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for g, p in self.items:
            table[g][p] += 1
        return table


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def load_items(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data["items"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise KgError(f"{path}: not a findings gold file ({err})") from err
    return items


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Agreement beyond chance between two labellings of the same items (1 = perfect, 0 = chance)."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def label_agreement(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> tuple[FindingScore, FindingScore]:
    """(tuning, held out) agreement of a second labeller with the first, scored as if the second were the
    extractor: how far a person following the same definitions agrees, the ceiling for the classifier."""
    key = lambda item: (item["source"], item["start"], item["end"])  # noqa: E731
    theirs = {key(item): item for item in second}
    scores = (FindingScore(), FindingScore())
    for item in first:
        other = theirs.get(key(item))
        if other is None:
            continue
        score = scores[1 if item.get("held_out") else 0]
        score.items.append((item["polarity"], other["polarity"]))
        if item["polarity"] != "None" and other["polarity"] != "None":
            score.flags.append(((item["negated"], item["hedged"]), (other["negated"], other["hedged"])))
    return scores


def extracted_sentences(
    path: Path, items: list[dict[str, Any]], shared_dir: Path, thesaurus_files: tuple[Path, ...] = ()
) -> Iterator[tuple[Any, Any, list[dict[str, Any]]]]:
    """(document, extraction, its gold items) for each source of gold sentence items, extracted as `kg ingest`
    does, after checking that each item's offsets still hold the sentence labelled (its hash).

    Shared by the findings and relations scorers: the sentences stay in the reports, so a change in how the PDF
    is read must show up as an error rather than as a silently wrong sentence.
    """
    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    thesaurus = load_thesaurus([Path(p) for p in thesaurus_files])
    authorities = default_index()
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by_source[item["source"]].append(item)
    for source in sorted(by_source):
        doc = read_document(shared_dir / source)
        for item in by_source[source]:
            start, end = item["start"], item["end"]
            if hashlib.sha1(doc.text[start:end].encode("utf-8")).hexdigest()[:12] != item["sha1"]:
                raise KgError(f"{path}: {source} at {start}-{end} is not the sentence labelled (the text read "
                              "from the PDF has changed; relabel or re-anchor the item)")
        yield doc, extract_document(doc, thesaurus, authorities), by_source[source]


def evaluate_findings(
    path: Path, shared_dir: Path, *, thesaurus_files: tuple[Path, ...] = ()
) -> tuple[FindingScore, FindingScore]:
    """(tuning, held out) scores of the extractor's finding polarity on the gold sentences in `path`."""
    scores = (FindingScore(), FindingScore())
    for doc, ex, items in extracted_sentences(path, load_items(path), shared_dir, thesaurus_files):
        found = {f.start: f for f in ex.findings}
        source = items[0]["source"]
        for item in items:
            start, end = item["start"], item["end"]
            fact = found.get(start)
            predicted = fact.polarity if fact else "None"
            score = scores[1 if item.get("held_out") else 0]
            score.items.append((item["polarity"], predicted))
            if fact and item["polarity"] != "None" and "negated" in item:  # (a batch may not label the flags)
                score.flags.append(((item["negated"], item["hedged"]), (fact.negated, fact.hedged)))
            if predicted != item["polarity"] and not item.get("held_out"):
                score.details.append({"source": source, "start": start, "end": end, "gold": item["polarity"],
                                      "predicted": predicted, "sentence": " ".join(doc.text[start:end].split())})
    return scores
