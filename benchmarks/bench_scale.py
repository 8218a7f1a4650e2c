"""Benchmark: how ingest time and memory grow from 1x to 2x and 4x the corpus.

The copies are new documents: each report's text is written out once per copy with its authority
renamed to another real authority (a different one in every copy), so every copy hashes differently
and is extracted and stored afresh. All scales use the same text form (pages kept, separated by form
feeds), so only the size changes. Each build runs in its own process into a fresh store; the figures
are its wall time, documents/s and peak RSS (the ingest process; with --jobs 1 that is everything).

Usage: python benchmarks/bench_scale.py [--docs 100] [--jobs 1]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_copies(corpus: Path, out: Path, n_docs: int, copies: int) -> list[list[Path]]:
    from kg.documents import read_document
    from kg.errors import InputError
    from kg.reference import default_index

    index = default_index()
    names = sorted({a.name for a in index})
    files = sorted(corpus.rglob("*.pdf"))[:n_docs]
    result: list[list[Path]] = [[] for _ in range(copies)]
    for i, f in enumerate(files):
        try:
            doc = read_document(f)
        except InputError:
            continue
        pages = [doc.page_text(p) for p in range(1, doc.page_count + 1)]
        text = "\f".join(pages)
        own = [a for a, _, _ in index.find_in_text(text[:3000])]
        for k in range(copies):
            renamed = text
            if own and k:
                other = names[(names.index(own[0].name) + 37 * k) % len(names)] if own[0].name in names else names[k]
                renamed = re.sub(re.escape(own[0].name), other, text)
            path = out / f"copy{k}" / f"{i:04d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(renamed, encoding="utf-8")
            result[k].append(path)
    return result


def build(folders: list[Path], store: Path, jobs: int) -> tuple[float, float, int]:
    code = (
        "import sys; from kg.ingest import ingest_paths; from kg.store import open_store\n"
        f"s = open_store({str(store)!r}); r = ingest_paths(s, {[str(f) for f in folders]!r}, jobs={jobs})\n"
        "print(len(r.ingested))\n"
    )
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, cwd=str(REPO))
    _, _status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = proc.stdout.read().decode().strip() if proc.stdout else "0"
    return wall, usage.ru_maxrss / 1024, int(out.splitlines()[-1] or 0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted-ilacs")
    ap.add_argument("--docs", type=int, default=100, help="reports in the 1x corpus")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}  jobs: {args.jobs}  1x = {args.docs} reports")
    with tempfile.TemporaryDirectory() as tmp:
        copies = make_copies(args.corpus, Path(tmp) / "text", args.docs, 4)
        base = None
        for scale in (1, 2, 4):
            folders = [Path(tmp) / "text" / f"copy{k}" for k in range(scale)]
            wall, rss, n = build(folders, Path(tmp) / f"store{scale}", args.jobs)
            per_doc = wall / max(1, n)
            base = base or per_doc
            print(f"{scale}x: {n} documents, {wall:.1f} s, {n / wall:.1f} docs/s, peak RSS {rss:.0f} MB, "
                  f"time per document {per_doc * 1000:.0f} ms ({per_doc / base:.2f} of 1x)")
        del copies
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
