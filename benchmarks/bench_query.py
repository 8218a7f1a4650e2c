"""Benchmark: named queries, compare and analyse on a full-corpus store; median and max latency.

Builds the store from the corpus first when --store does not exist yet (that build is not timed here;
see bench_ingest.py). Each measurement runs in this process against the open embedded store, after
one warm-up run; figures are medians and maxima over --repeat runs. Not a test: it prints figures.

Usage: python benchmarks/bench_query.py [--store <dir, default: the temp dir>/kg-bench-full] [--repeat 7] [--authority Harrow]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    result = fn()  # warm-up (caches, imports)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times), result


def _size(result: object) -> str:
    rows = getattr(result, "rows", None)
    if rows is not None:
        return f"{len(rows)} rows"
    return type(result).__name__


def main() -> int:
    from kg.analyse import analyse_graph
    from kg.compare import compare_authorities, compare_over_time, compare_with_neighbours
    from kg.ingest import ingest_paths
    from kg.query import list_queries, run_named_query
    from kg.store import open_store

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-full")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted-ilacs")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--authority", default="Harrow")
    ap.add_argument("--other", default="Barnet")
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}  store: {args.store}  repeat: {args.repeat}")
    os.environ["KG_CACHE_DIR"] = tempfile.mkdtemp(prefix="kg-bench-cache-")  # a cold cache, not ~/.cache
    store = open_store(args.store)
    docs = store.query("SELECT (COUNT(?d) AS ?n) WHERE { ?d sg:sha256 ?h ; sg:sourceFile ?s }").rows[0][0]
    if int(docs.value) == 0:
        print("building the store from the corpus (not timed) ...", flush=True)
        seeds = REPO.parent / "shared" / "seeds"
        ingest_paths(store, [args.corpus, *([seeds] if seeds.is_dir() else [])])
    quads = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value
    print(f"store: {quads} quads")
    params = {"authority": args.authority, "concept": "MASH", "role": "education lead", "region": "London",
              "entity": "MASH"}
    names = [str(r[0].value) for r in store.query(
        "SELECT DISTINCT ?l WHERE { ?d sg:about ?la ; sg:sha256 ?h . ?la rdfs:label ?l } ORDER BY ?l").rows]
    others = iter([n for n in names if n != args.authority] * 2)
    rows = []
    for q in list_queries():
        given = {p.name: params[p.name] for p in q.params if p.name in params and p.default is None}
        med, worst, res = timed(lambda q=q, given=given: run_named_query(store, q.name, given), args.repeat)
        rows.append((f"query --name {q.name}", med, worst, _size(res)))
    for label, fn in [
        (f"compare {args.authority} {args.other}", lambda: compare_authorities(store, args.authority, args.other)),
        (f"compare {args.authority} --neighbours", lambda: compare_with_neighbours(store, args.authority)),
        (f"compare {args.authority} --over-time", lambda: compare_over_time(store, args.authority)),
        ("analyse (computed)", lambda: analyse_graph(store, use_cache=False)),
        (f"analyse --authority {args.authority} (computed)",
         lambda: analyse_graph(store, authority=args.authority, use_cache=False)),
        # Repeated questions on an unchanged store are answered from kg.cache (the first run fills it).
        ("analyse (cached)", lambda: analyse_graph(store)),
        (f"analyse --authority {args.authority} (cached)", lambda: analyse_graph(store, authority=args.authority)),
        # A new authority each run: its own tables computed, the practice read and whole-graph part cached.
        ("analyse --authority <a new one each run>", lambda: analyse_graph(store, authority=next(others))),
    ]:
        med, worst, res = timed(fn, args.repeat)
        rows.append((label, med, worst, _size(res)))
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median ms':>9}  {'max ms':>8}  result")
    for label, med, worst, size in rows:
        print(f"{label:<{width}}  {med * 1000:9.0f}  {worst * 1000:8.0f}  {size}")
    meds = [r[1] for r in rows]
    print(f"over 200 ms median: {sum(m > 0.2 for m in meds)} of {len(meds)}; "
          f"over 2 s max: {sum(r[2] > 2 for r in rows)}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
