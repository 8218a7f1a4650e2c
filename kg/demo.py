"""The demo: a fresh store from the project's own sample documents, the static site, and what to try next.

The samples (`data/samples/`) are short summaries, in our own words, of real Ofsted documents about Harrow
and its statistical neighbours, plus one engagement letter. The letter is restricted by default (Ofsted
does not publish these letters); the demo shows it anyway because it runs on the user's own machine, and
says so. The demo store lives in its own folder and is rebuilt on every run, so it never touches the
user's main store; a folder that is not a demo store is never deleted.

Example:
    >>> [p.name for p in sample_files()][:2]
    ['barnet-2019-inspection.txt', 'harrow-2019-engagement-letter.txt']
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.errors import KgError
from kg.site import SiteReport, build_site, named_queries

DEFAULT_STORE_DIR = Path("visualisations") / "demo" / "kg-store"
DEFAULT_SITE_DIR = Path("visualisations") / "demo" / "site"
#: Left in the demo store folder so that a later run knows it may delete and rebuild it.
MARKER = "KG-DEMO-STORE"
#: Named queries suggested after the demo, with parameters that fit the samples (those present are shown).
SUGGESTED_QUERIES = (
    ("who-runs", {"concept": "MASH"}),
    ("authority-entity-history", {"authority": "Harrow", "concept": "MASH"}),
    ("london-mash-education-lead", {}),
    ("statistical-neighbours", {"authority": "Harrow"}),
    ("judgements", {"authority": "Harrow"}),
)


@dataclass(slots=True)
class DemoReport:
    """What the demo built, and the lines the command prints."""

    store_dir: Path
    site: SiteReport
    ingested: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    restricted: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def index(self) -> Path:
        return self.site.index

    def lines(self) -> list[str]:
        failed = f" ({len(self.failed)} failed)" if self.failed else ""
        out = [f"Ingested {len(self.ingested)} sample document(s) into {self.store_dir}{failed} "
               f"in {self.seconds:.1f} s.",
               f"Site: {len(self.site.pages)} pages in {self.site.out_dir} ({self.site.bytes / 1e6:.1f} MB).",
               "",
               f"Open: {self.site.index_uri}"]
        harrow = self.site.out_dir / "authority" / "harrow.html"
        if harrow.exists():
            out.append(f"Harrow: {harrow.resolve().as_uri()}")
        for path, reason in self.failed:
            out.append(f"error: {path}: {reason}")
        if self.restricted:
            names = ", ".join(self.restricted)
            out += ["", f"Note: {names} is restricted: Ofsted does not publish engagement letters, so kg "
                    "leaves restricted documents out of graphs and sites by default. The demo shows it "
                    "because it runs on your own machine; keep this site private. `kg site` and `kg viz` "
                    "show restricted documents only with --include-restricted."]
        if self.examples:
            out += ["", "Try:", *(f"  {e}" for e in self.examples)]
        return out


def sample_files(samples_dir: Path | None = None) -> list[Path]:
    """The sample documents (every .txt and .md file except the README)."""
    folder = samples_dir or settings.SAMPLES_DIR
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix in {".txt", ".md"} and p.name.lower() != "readme.md")


def _fresh_store_dir(store_dir: Path) -> None:
    if store_dir.is_symlink():
        raise KgError(f"{store_dir}: refusing to use a symbolic link as the demo store")
    if store_dir.exists():
        if not store_dir.is_dir() or (any(store_dir.iterdir()) and not (store_dir / MARKER).exists()):
            raise KgError(f"{store_dir}: exists and is not a demo store; nothing was changed",
                          hint="choose another folder with --store-dir")
        shutil.rmtree(store_dir)
    store_dir.mkdir(parents=True)
    (store_dir / MARKER).write_text("kg demo store: rebuilt by every `kg demo`\n", encoding="utf-8")


def example_commands(store_dir: Path) -> list[str]:
    """A few commands to try on the demo store: named queries that exist, with parameters that fit."""
    prefix = f"kg --store {store_dir}"
    by_name = {q["name"]: q for q in named_queries()}
    out = []
    for name, params in SUGGESTED_QUERIES:
        declared = {p.split(" ", 1)[0].strip() for p in by_name[name]["params"]} if name in by_name else set()
        if name in by_name and set(params) <= declared:
            args = "".join(f" --param {k}={v}" for k, v in params.items())
            out.append(f"{prefix} query --name {name}{args}")
        if len(out) == 3:
            break
    if not out:
        out.append(f'{prefix} query "SELECT ?name WHERE {{ ?la a sg:LocalAuthority ; rdfs:label ?name }}"')
    out += [f"{prefix} viz authority Harrow --include-restricted",
            f"{prefix} viz neighbours Harrow",
            f"{prefix} viz pair Harrow Redbridge"]
    return out


def run_demo(store_dir: str | Path, site_dir: str | Path, *, samples_dir: Path | None = None) -> DemoReport:
    """Build a fresh store from data/samples/ (one process), then the site, restricted documents shown."""
    start = time.perf_counter()
    try:
        from kg.ingest import ingest_paths
    except ImportError as err:
        raise KgError(f"the demo needs kg.ingest, which cannot be imported ({err})") from err
    from kg.store import open_store
    from kg.viz import GraphReader

    store_path, site_path = Path(store_dir), Path(site_dir)
    files = sample_files(samples_dir)
    if not files:
        raise KgError(f"{samples_dir or settings.SAMPLES_DIR}: no sample documents found")
    _fresh_store_dir(store_path)
    with open_store(store_path) as store:
        ingest = ingest_paths(store, files, jobs=1)
        done = list(ingest.ingested) + list(ingest.unchanged)
        if not done:
            first = ingest.failed[0] if ingest.failed else ("samples", "nothing ingested")
            raise KgError(f"no sample document could be ingested: {first[0]}: {first[1]}")
        site = build_site(store, site_path, include_restricted=True)
        reader = GraphReader(store, include_restricted=True)
        restricted = sorted(Path(d.source).name for d in reader.documents.values() if d.restricted)
    return DemoReport(store_path, site, [str(p) for p in done], list(ingest.failed), restricted,
                      example_commands(store_path), time.perf_counter() - start)
