"""Benchmark: a full build of the corpus into a fresh store, against the floor of reading the PDFs.

Prints wall time, documents/s, words/s, peak RSS, time per stage, the floor (the same PDFs' text read
by pypdfium2 alone, in one process, in the same run) and the ratio build/floor; then a no-op
re-ingest and a re-ingest after changing 5 files. Not a test: a script that prints figures.

Usage: python benchmarks/bench_ingest.py [--corpus ../shared/corpus/ofsted-ilacs] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def floor_seconds(files: list[Path]) -> tuple[float, int, int]:
    """Read every PDF's text with pypdfium2 alone, in this process: (seconds, pages, words)."""
    import pypdfium2 as pdfium

    pages = words = 0
    t0 = time.perf_counter()
    for f in files:
        data = f.read_bytes()
        if b"%PDF-" not in data[:1024]:
            continue
        pdf = pdfium.PdfDocument(data)
        for i in range(len(pdf)):
            text = pdf[i].get_textpage().get_text_range()
            pages += 1
            words += len(text.split())
        pdf.close()
    return time.perf_counter() - t0, pages, words


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> int:
    from kg.ingest import ingest_paths
    from kg.store import open_store

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted-ilacs")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    print(f"cores: {os.cpu_count()}  jobs: {args.jobs}  corpus: {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, corpus)
        files = sorted(corpus.rglob("*.pdf"))
        floor, pages, words = floor_seconds(files)
        print(f"floor (pypdfium2 text alone, 1 process): {floor:.1f} s for {len(files)} files, {pages} pages, "
              f"{words:,} words")

        store = open_store(Path(tmp) / "store")
        t0 = time.perf_counter()
        report = ingest_paths(store, [corpus], jobs=args.jobs)
        build = time.perf_counter() - t0
        own, children = peak_rss_mb()
        n = len(report.ingested)
        print(f"build: {build:.1f} s, {n} documents ingested, {len(report.failed)} failed, "
              f"{n / build:.1f} docs/s, {report.words / build:,.0f} words/s, {report.quads:,} quads")
        print("  stage seconds (read and extract summed over workers): "
              + ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))
        print(f"  peak RSS: parent {own:.0f} MB, largest worker {children:.0f} MB")
        print(f"ratio build/floor: {build / floor:.2f}")

        t0 = time.perf_counter()
        again = ingest_paths(store, [corpus], jobs=args.jobs)
        print(f"no-op re-ingest: {time.perf_counter() - t0:.2f} s ({len(again.unchanged)} unchanged)")

        for f in files[:5]:
            with f.open("ab") as fh:
                fh.write(b"\n%touched by bench_ingest\n")
        t0 = time.perf_counter()
        changed = ingest_paths(store, [corpus], jobs=args.jobs)
        print(f"re-ingest after changing 5 files: {time.perf_counter() - t0:.2f} s "
              f"({len(changed.replaced)} replaced, {len(changed.unchanged)} unchanged)")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
