"""Would a learned ranker of candidate phrases close the recall gap? An experiment, not part of the extractor.

The rules miss about an eighth of the gold entities of the tuning set; three quarters of those misses are phrases
that end in a head word the gold uses ("team", "panel", "worker", ...) and stand in the text as written. This
script lists every such phrase of one to six words in each tuning report that the extractor does not already
return, labels it from the gold (is it a gold name or alias of that report?), and trains a logistic regression on
the phrase's words, head, length, capitals, the words around it and how often the report repeats it. It scores the
tuning reports by five-fold cross-validation over documents and the kept-aside batch with a model trained on the
tuning reports, then adds every phrase above a threshold to the extractor's entities and scores them as `kg eval`
does (names and aliases, whole). Held-out reports are never read.

Session 7 result (72 tuning reports, 10 kept aside): 0.77% of the 149 k candidate phrases are gold names, and every
threshold trades precision for recall about one for one (at 0.4: tuning R 0.872 -> 0.878, P 0.896 -> 0.877, F1
0.884 -> 0.878; kept aside R 0.847 -> 0.867, P 0.835 -> 0.823, F1 0.841 -> 0.844), so the ranker was not built into
the extractor. A token-level CRF tried in session 5 did no better. Needs scikit-learn, which the project does not
depend on (about 35 s).

Usage: python scripts/candidate_ranker_experiment.py [--gold tests/gold] [--shared ../shared] [--c 1.0]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.evaluate import CLASSES, norm_name  # noqa: E402

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-&/@]*")
_FUNCTION_WORDS = (
    "the a an and or of for to in with their its his her by on at as from this that these those our your is are "
    "was were be been has have had who which not no all each both more most other such than very")
_STOP = frozenset(_FUNCTION_WORDS.split())
_INNER = frozenset({"and", "of", "for", "with", "to", "in"})  # may stand inside a name, never open one


def _names(entity: dict) -> set[str]:
    return {norm_name(entity["name"]), *(norm_name(a) for a in entity.get("aliases", []))}


def candidates(text: str, heads: set[str]) -> dict[str, list[tuple[int, int]]]:
    """Every phrase of one to six words ending in a head word, not opened by a function word: name -> spans."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    for i, (_, end, word) in enumerate(tokens):
        last = norm_name(word).split()[-1:]
        if not last or last[0] not in heads:
            continue
        for length in range(1, 7):
            j = i - length + 1
            if j < 0 or (j < i and text[tokens[j][1]:tokens[j + 1][0]].strip()):
                break  # punctuation between two words ends the phrase
            first = tokens[j][2].lower()
            if first in _STOP:
                if first in _INNER:
                    continue
                break
            out[norm_name(text[tokens[j][0]:end])].append((tokens[j][0], end))
    return out


def features(name: str, spans: list[tuple[int, int]], text: str) -> dict[str, int]:
    """What the ranker sees of one candidate: its words, its shape and its neighbours at its first use."""
    words = name.split()
    start, end = spans[0]
    surface = text[start:end].split()
    caps = sum(1 for w in surface if w[:1].isupper())
    before = text[max(0, start - 25):start].lower().split()[-1:]
    after = text[end:end + 20].lower().split()[:1]
    f = {f"head={words[-1]}": 1, f"first={words[0]}": 1, f"len={len(words)}": 1, f"uses={min(len(spans), 5)}": 1,
         f"caps={min(caps, 3)}": 1, "all_caps": int(caps == len(surface)), f"before={before[0] if before else ''}": 1,
         f"after={after[0] if after else ''}": 1, f"pair={words[-1]}|{words[-2] if len(words) > 1 else ''}": 1,
         f"name={name}": 1, "capitalised_somewhere": int(any(text[a:b][:1].isupper() for a, b in spans))}
    for w in words[:-1]:
        f[f"word={w}"] = 1
    return f


def main() -> int:
    try:
        import numpy as np
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("this experiment needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 1
    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.ingest import _worker_resources

    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=REPO / "tests" / "gold")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args()
    thesaurus, authorities = _worker_resources(())
    docs = []
    for path in sorted(args.gold.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("held_out") or "entities" not in gold:
            continue  # held-out reports are never read
        doc = read_document(args.shared / gold["source"])
        ex = extract_document(doc, thesaurus, authorities)
        predicted = [{norm_name(e.label), *(norm_name(a) for a in e.aliases)}
                     for e in ex.entities if e.core_class in CLASSES]
        docs.append({"kept": bool(gold.get("kept_aside")), "text": doc.text,
                     "gold": [_names(e) for e in gold["entities"]], "pred": predicted})
    head_counts = Counter(n.split()[-1] for d in docs if not d["kept"] for g in d["gold"] for n in g if n)
    heads = {h for h, c in head_counts.items() if c >= 3 and len(h) > 2}

    rows, feats, labels = [], [], []
    for i, d in enumerate(docs):
        known = set().union(*d["pred"]) if d["pred"] else set()
        gold_names = set().union(*d["gold"]) if d["gold"] else set()
        for name, spans in candidates(d["text"], heads).items():
            if name not in known:
                rows.append((i, name))
                feats.append(features(name, spans, d["text"]))
                labels.append(int(name in gold_names))
    matrix = DictVectorizer().fit_transform(feats)
    owner = [i for i, _ in rows]
    y = np.array(labels)
    kept = np.array([docs[i]["kept"] for i in owner])
    tuning_docs = sorted({i for i in owner if not docs[i]["kept"]})
    probs = np.zeros(len(y))
    for fold in range(5):
        test = set(tuning_docs[fold::5])
        train = np.array([i not in test and not docs[i]["kept"] for i in owner])
        held = np.array([i in test for i in owner])
        model = LogisticRegression(C=args.c, max_iter=3000).fit(matrix[train], y[train])
        probs[held] = model.predict_proba(matrix[held])[:, 1]
    model = LogisticRegression(C=args.c, max_iter=3000).fit(matrix[~kept], y[~kept])
    probs[kept] = model.predict_proba(matrix[kept])[:, 1]
    print(f"{len(docs)} reports ({int(sum(d['kept'] for d in docs))} kept aside), {len(y):,} candidate phrases "
          f"the extractor does not return, {int(y.sum())} of them gold names ({y.mean():.2%})")
    print("threshold  tuning (5-fold CV) R / P   kept aside R / P")
    for threshold in (None, 0.3, 0.4, 0.5, 0.6, 0.7):
        added: dict[int, set[str]] = defaultdict(set)
        if threshold is not None:
            for (i, name), p in zip(rows, probs, strict=True):
                if p >= threshold:
                    added[i].add(name)
        cells = []
        for kept_flag in (False, True):
            g = f = p = c = 0
            for i, d in enumerate(docs):
                if d["kept"] != kept_flag:
                    continue
                preds = d["pred"] + [{n} for n in added[i]]
                g += len(d["gold"])
                f += sum(1 for gs in d["gold"] if any(gs & ps for ps in preds))
                p += len(preds)
                c += sum(1 for ps in preds if any(ps & gs for gs in d["gold"]))
            cells.append(f"{f / g:.3f} / {c / p:.3f}")
        label = "rules only" if threshold is None else f"{threshold:.1f}"
        print(f"{label:>10s}  {cells[0]:>24s}   {cells[1]:>16s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
