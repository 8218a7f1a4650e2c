"""Benchmark: CPU time of extraction (and of writing its N-Quads) on a fixed sample of corpus reports.

The check a rule change goes through before it is kept: extraction is a third of a corpus build's CPU
(docs/PERFORMANCE.md), and rule rounds that each cost a few percent add up (one round's context scans
cost 10% before they were anchored on literal words). Reports are read once, outside the timings; each
stage is timed over the whole sample in this one process, after a warm-up report, with CPU time (so it
is steadier than wall time on a busy machine). Not a test: a script that prints figures.

Usage: python benchmarks/bench_extract.py [--corpus ../shared/corpus/ofsted-ilacs] [--sample 80] [--seed 1]
       [--profile N]   (also print the N functions with most time of their own, from cProfile)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    from kg.documents import read_document
    from kg.errors import KgError
    from kg.extract import extract_document
    from kg.graph import extraction_to_nquads
    from kg.ingest import _worker_resources

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted-ilacs")
    ap.add_argument("--sample", type=int, default=80)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    files = sorted(args.corpus.rglob("*.pdf"))
    random.Random(args.seed).shuffle(files)
    docs = []
    for f in files:
        if len(docs) == args.sample:
            break
        try:
            docs.append(read_document(f, source=str(f)))
        except KgError:
            continue  # the corpus holds a few unreadable files; the sample skips them
    thesaurus, authorities = _worker_resources(())
    extract_document(docs[0], thesaurus, authorities)  # warm-up: compiled patterns, automata, caches

    per_doc: list[float] = []
    extract_cpu = nquads_cpu = 0.0
    for doc in docs:
        t0 = time.process_time()
        ex = extract_document(doc, thesaurus, authorities)
        t1 = time.process_time()
        extraction_to_nquads(doc, ex)
        t2 = time.process_time()
        extract_cpu += t1 - t0
        nquads_cpu += t2 - t1
        per_doc.append((t2 - t0) * 1000)
    words = sum(len(d.text.split()) for d in docs)
    print(f"cores: {os.cpu_count()}  reports: {len(docs)} (seed {args.seed})  words: {words:,}")
    print(f"extraction: {extract_cpu:.2f} CPU-s, N-Quads: {nquads_cpu:.2f} CPU-s, "
          f"total {extract_cpu + nquads_cpu:.2f} CPU-s ({words / (extract_cpu + nquads_cpu):,.0f} words/s)")
    print(f"per report: median {statistics.median(per_doc):.1f} ms, max {max(per_doc):.1f} ms")

    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for doc in docs:
            extraction_to_nquads(doc, extract_document(doc, thesaurus, authorities))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
