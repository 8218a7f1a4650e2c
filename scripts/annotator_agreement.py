"""Agreement between two annotators of the same documents (how high extraction scores can meaningfully go).

For each document annotated twice (tests/gold/second-annotator/X.json beside tests/gold/X.json), prints how
many of one annotator's entities the other found, matching names and aliases the way `kg eval` does, how
often matched entities got the same type, and the recall of metric values. When
tests/gold/findings/second-labeller.json exists, also how often a second labeller gave the sentences of
findings/polarity.json the same polarity (accuracy and Cohen's kappa, tuning and held-out halves).

Usage: python scripts/annotator_agreement.py [--gold tests/gold]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.evaluate import norm_name  # noqa: E402
from kg.evaluate_findings import cohen_kappa, label_agreement, load_items  # noqa: E402


def _names(entity: dict) -> set[str]:
    return {norm_name(entity["name"]), *(norm_name(a) for a in entity.get("aliases", []))}


def agreement(first: dict, second: dict) -> dict[str, float]:
    a = [_names(e) for e in first["entities"]]
    b = [_names(e) for e in second["entities"]]
    found_a = [i for i, x in enumerate(a) if any(x & y for y in b)]
    found_b = [j for j, y in enumerate(b) if any(x & y for x in a)]
    same_type = sum(
        1 for i in found_a
        if any(a[i] & b[j] and first["entities"][i]["type"] == second["entities"][j]["type"] for j in found_b)
    )
    values_b = [float(m["value"]) for m in second.get("metrics", [])]
    values_a = [float(m["value"]) for m in first.get("metrics", [])]
    metric_hits = sum(any(abs(x - y) < 0.051 for y in values_b) for x in values_a)
    return {
        "first": len(a), "second": len(b),
        "second_finds_first": len(found_a) / len(a) if a else 1.0,
        "first_finds_second": len(found_b) / len(b) if b else 1.0,
        "same_type": same_type / len(found_a) if found_a else 1.0,
        "metric_recall": metric_hits / len(values_a) if values_a else 1.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=REPO / "tests" / "gold")
    args = ap.parse_args()
    pairs = sorted((args.gold / "second-annotator").glob("*.json"))
    labels = args.gold / "findings" / "second-labeller.json"
    relations = args.gold / "relations" / "second-labeller.json"
    if not pairs and not labels.is_file() and not relations.is_file():
        print("no second annotations found", file=sys.stderr)
        return 1
    for path in pairs:
        first = json.loads((args.gold / path.name).read_text(encoding="utf-8"))
        second = json.loads(path.read_text(encoding="utf-8"))
        r = agreement(first, second)
        print(f"{path.stem}: entities {r['first']} / {r['second']}; second finds {r['second_finds_first']:.2f} of "
              f"first, first finds {r['first_finds_second']:.2f} of second; same type {r['same_type']:.2f}; "
              f"metric values {r['metric_recall']:.2f}")
    if labels.is_file():
        first = load_items(args.gold / "findings" / "polarity.json")
        for name, score in zip(("tuning", "held out"), label_agreement(first, load_items(labels)), strict=True):
            s = score.summary()
            print(f"finding polarity, {name}: {s['sentences']} sentences, same polarity {s['accuracy']:.2f}, "
                  f"kappa {cohen_kappa(score.items):.2f}, both see a judgement in {s['judged_found']:.2f} of the "
                  f"first's judged sentences, criticism read as praise {s['criticism_as_praise']}, "
                  f"negated {s.get('negated_accuracy', 0):.2f}, hedged {s.get('hedged_accuracy', 0):.2f}")
    if relations.is_file():
        r = relation_agreement(json.loads((args.gold / "relations" / "relations.json").read_text(encoding="utf-8")),
                               json.loads(relations.read_text(encoding="utf-8")))
        print(f"relations: {r['sentences']} sentences, {r['first']} / {r['second']} relations; second finds "
              f"{r['second_finds_first']:.2f} of first, first finds {r['first_finds_second']:.2f} of second; the "
              f"same pair related {r['same_pairs']:.2f}; both see some relation in {r['both_sentences']} of "
              f"{r['either_sentences']} sentences")
    return 0


def relation_agreement(first: dict, second: dict) -> dict[str, float]:
    """How far two labellers of the same sentences agree on typed relations (worksWith in either order)."""
    from kg.evaluate_relations import canonical

    key = lambda item: (item["source"], item["start"], item["end"])  # noqa: E731
    theirs = {key(item): item for item in second["items"]}
    a_total = b_total = both = pairs_a = pairs_both = n = both_s = either_s = 0
    for item in first["items"]:
        other = theirs.get(key(item))
        if other is None:
            continue
        n += 1
        a = {canonical((r["s"], r["p"], r["o"])) for r in item["relations"]}
        b = {canonical((r["s"], r["p"], r["o"])) for r in other["relations"]}
        a_total, b_total, both = a_total + len(a), b_total + len(b), both + len(a & b)
        pa, pb = {frozenset((s, o)) for s, _, o in a}, {frozenset((s, o)) for s, _, o in b}
        pairs_a, pairs_both = pairs_a + len(pa), pairs_both + len(pa & pb)
        both_s += bool(a) and bool(b)
        either_s += bool(a) or bool(b)
    return {"sentences": n, "first": a_total, "second": b_total,
            "second_finds_first": both / a_total if a_total else 1.0,
            "first_finds_second": both / b_total if b_total else 1.0,
            "same_pairs": pairs_both / pairs_a if pairs_a else 1.0,
            "both_sentences": both_s, "either_sentences": either_s}


if __name__ == "__main__":
    raise SystemExit(main())
