"""Benchmark: a full build of the corpus into a fresh store, against the floor of reading the PDFs.

Prints wall time, documents/s, words/s, peak RSS, time per stage, the floor (the same PDFs' text read
by pypdfium2 alone, in one process, in the same run) and the ratio build/floor; then a no-op
re-ingest and a re-ingest after changing 5 files. Not a test: a script that prints figures.

Then the same build into a local `oxigraph serve` over HTTP (a remote store), against the embedded build.

Usage: python benchmarks/bench_ingest.py [--corpus ../shared/corpus/ofsted-ilacs] [--jobs 2] [--no-remote]
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
    reading = 0.0
    for f in files:
        t0 = time.perf_counter()
        data = f.read_bytes()
        if b"%PDF-" not in data[:1024]:
            continue
        pdf = pdfium.PdfDocument(data)
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        pdf.close()
        reading += time.perf_counter() - t0
        pages += len(texts)
        words += sum(len(text.split()) for text in texts)  # counted outside the timed reading
    return reading, pages, words


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
    ap.add_argument("--remote", action=argparse.BooleanOptionalAction, default=True,
                    help="also build into a local `oxigraph serve` and compare (default: on)")
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

        if args.remote:
            remote = remote_build(corpus, Path(tmp) / "server", args.jobs)
            if remote is not None:
                print(f"remote build (oxigraph serve on 127.0.0.1, same corpus): {remote:.1f} s, "
                      f"ratio remote/embedded: {remote / build:.2f}")
    return 0


def remote_build(corpus: Path, location: Path, jobs: int) -> float | None:
    """Seconds to ingest the corpus into a fresh `oxigraph serve` (SPARQL 1.1 over HTTP on 127.0.0.1)."""
    import socket
    import subprocess
    import urllib.request

    from kg.ingest import ingest_paths
    from kg.store import open_store

    exe = shutil.which("oxigraph")
    if exe is None:
        print("remote build: skipped (the `oxigraph` server binary is not installed)")
        return None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                req = urllib.request.Request(base + "/query", data=b"ASK {}",
                                             headers={"Content-Type": "application/sparql-query"})
                urllib.request.urlopen(req, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        store = open_store(base)
        t0 = time.perf_counter()
        report = ingest_paths(store, [corpus], jobs=jobs)
        seconds = time.perf_counter() - t0
        print(f"  remote: {len(report.ingested)} documents, {report.quads:,} quads")
        return seconds
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
