"""Benchmark: `kg site` on a full-corpus store: wall time, pages, the slowest authority pages, peak RSS.

The issue's bar is the whole site in under 2 minutes. A per-authority query that joins too early can cost
seconds for each of the 123 authorities and no test on the small sample store would notice (session 18 found
one at 5-13 s an authority, which made the full site take over 15 minutes), so this prints the slowest pages.

Builds the store from the corpus first when --store does not exist yet (not timed; see bench_ingest.py). Not a
test: it prints figures.

Usage: python benchmarks/bench_site.py [--store <dir, default: the temp dir>/kg-bench-full] [--slowest 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    from kg import site as site_module
    from kg.ingest import ingest_paths
    from kg.store import open_store

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-full")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "ofsted-ilacs")
    ap.add_argument("--slowest", type=int, default=5)
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}  store: {args.store}")
    store = open_store(args.store)
    docs = store.query("SELECT (COUNT(?d) AS ?n) WHERE { ?d sg:sha256 ?h ; sg:sourceFile ?s }").rows[0][0]
    if int(docs.value) == 0:
        print(f"building the store from {args.corpus} (not timed) ...")
        ingest_paths(store, [args.corpus])

    # Time each authority page by wrapping the function that renders one (the rest of the site is timed whole).
    pages: list[tuple[float, str]] = []
    builder = getattr(site_module, "_Builder", None)
    render_one = getattr(builder, "authority", None)
    if render_one is not None:
        def timed_authority(self, *a, **kw):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return render_one(self, *a, **kw)
            finally:
                pages.append((time.perf_counter() - t0, getattr(a[0], "label", str(a[0])) if a else ""))

        builder.authority = timed_authority  # type: ignore[union-attr]
    out = Path(tempfile.mkdtemp(prefix="kg-bench-site-")) / "site"
    t0 = time.perf_counter()
    site_module.build_site(store, out)
    wall = time.perf_counter() - t0
    n_pages = sum(1 for _ in out.rglob("*.html"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"site: {wall:.1f} s, {n_pages} pages, peak RSS {rss:.0f} MB (the first authority page also pays for "
          "reading what every page shares)")
    if pages:
        times = sorted(t for t, _ in pages)
        print(f"authority pages: {len(pages)}, median {times[len(times) // 2] * 1000:.0f} ms, "
              f"total {sum(times):.1f} s")
        for t, name in sorted(pages, reverse=True)[: args.slowest]:
            print(f"  {t * 1000:8.0f} ms  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
