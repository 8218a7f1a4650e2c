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
    if not pairs and not labels.is_file():
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
