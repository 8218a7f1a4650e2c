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


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) used so far by this process and by its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def write_alone(nquads: bytes, location: Path, batch: int = 250_000) -> tuple[float, float]:
    """(wall, CPU seconds) to bulk-load these quads into a fresh store in batches like the build's.

    The build's own quads, with no reading or extraction: the least any build that stores them can
    spend on writing, whatever the extractor does (parsed leniently, as the build's own writes are).
    """
    import pyoxigraph as ox

    lines = nquads.split(b"\n")
    store = ox.Store(str(location))
    cpu0, t0 = cpu_seconds()[0], time.perf_counter()
    for i in range(0, len(lines), batch):
        store.bulk_load(b"\n".join(lines[i:i + batch]) + b"\n", format=ox.RdfFormat.N_QUADS, lenient=True)
    store.flush()
    wall, cpu = time.perf_counter() - t0, cpu_seconds()[0] - cpu0
    del store
    return wall, cpu


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> int:
    from kg.ingest import ingest_paths
    from kg.store import ExportFormat, open_store

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
        (own0, kids0), t0 = cpu_seconds(), time.perf_counter()
        report = ingest_paths(store, [corpus], jobs=args.jobs)
        build = time.perf_counter() - t0
        own1, kids1 = cpu_seconds()
        own, children = peak_rss_mb()
        n = len(report.ingested)
        print(f"build: {build:.1f} s, {n} documents ingested, {len(report.failed)} failed, "
              f"{n / build:.1f} docs/s, {report.words / build:,.0f} words/s, {report.quads:,} quads")
        print("  stage seconds (read and extract summed over workers): "
              + ", ".join(f"{k} {v:.1f}" for k, v in report.seconds.items()))
        print(f"  peak RSS: parent {own:.0f} MB, largest worker {children:.0f} MB")
        print(f"ratio build/floor: {build / floor:.2f}")
        # Where a ratio of 1.5 would have to come from: with `jobs` cores the build may spend at most
        # 1.5 * jobs * floor CPU-seconds, of which reading takes about one floor.
        budget = 1.5 * min(args.jobs, os.cpu_count() or 1) * floor
        write_wall, write_cpu = write_alone(store.dump(ExportFormat.NQ), Path(tmp) / "write-alone")
        print(f"  CPU: workers {kids1 - kids0:.1f} s, parent {own1 - own0:.1f} s, total "
              f"{kids1 - kids0 + own1 - own0:.1f} s; a ratio of 1.5 allows {budget:.1f} s on {args.jobs} cores")
        print(f"  the same quads bulk-loaded alone into a fresh store: {write_wall:.1f} s, {write_cpu:.1f} CPU-s "
              f"({write_cpu / floor:.2f} x floor)")

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
