"""The static, offline site: one folder of HTML pages that opens from file:// with no server and no network.

`build_site` reads the store once through `kg.viz.GraphReader` (so the access and privacy rules are the
same as the graph views'), renders Jinja2 templates from `kg/templates/site/` with autoescape on, and
writes one shared copy of the vis-network script for all graph pages. The site is built in a temporary
folder beside `out_dir` and swapped in at the end, so an old page (for example one built with
`include_restricted`) never survives a rebuild. A folder that exists and was not made by `build_site` is
never deleted.

Layout of the output:
    index.html                     authorities: region, grades of the latest inspection, documents, search
    authority/<slug>.html          documents, practice with evidence, judgements over time, metrics
                                   against comparators (inline SVG), statistical neighbours, suggestions
    authority/<slug>-graph.html    its graph (kg.viz.authority_view); -neighbours.html (neighbours_view)
    practice/index.html            practice concepts any authority has
    practice/<slug>.html           who has it, since when, how they were judged; -graph.html
    overview.html                  the aggregated graph (kg.viz.overview_view)
    thesaurus.html, ontology/      thesaurus concepts; ontology documentation (kg.ontology, when present)
    queries.html                   worked SPARQL examples (kg/queries/*.rq headers)
    vis-network.min.js, style.css  shared by all pages
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.frameworks import framework_of, frameworks_note
from kg.identifiers import slugify
from kg.store import Store
from kg.viz import (
    AREA_LABELS,
    AREAS,
    CLASS_STYLES,
    FURTHER_AREAS,
    GRADE_LABELS,
    GRADE_RANK,
    MAX_EVIDENCE,
    Authority,
    DocumentInfo,
    GraphReader,
    authority_view,
    neighbours_view,
    overview_view,
    practice_view,
    render_view,
    ungraded_note,
    with_csp,
    write_vis_js,
)

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates" / "site"
QUERIES_DIR = Path(__file__).resolve().parent / "queries"
#: A file `build_site` leaves in every folder it builds: only such a folder is ever replaced.
MARKER = ".kg-site"
MIN_NEIGHBOURS = 2


@dataclass(slots=True)
class SiteReport:
    """What `build_site` wrote."""

    out_dir: Path
    index: Path
    pages: list[Path] = field(default_factory=list)
    authority_pages: int = 0
    practice_pages: int = 0
    graph_pages: int = 0
    documents: int = 0
    restricted_included: bool = False
    people_shown: bool = False
    ontology: bool = False
    bytes: int = 0
    seconds: float = 0.0
    graph_nodes: dict[str, int] = field(default_factory=dict)

    @property
    def index_uri(self) -> str:
        return self.index.resolve().as_uri()


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(GRADE_LABELS=GRADE_LABELS, AREA_LABELS=AREA_LABELS, AREAS=AREAS,
                       CLASS_STYLES=CLASS_STYLES)
    return env


def _grade_class(grade: str | None) -> str:
    return f"grade-{slugify(grade)}" if grade else ""


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def inspection_date(doc: DocumentInfo) -> str:
    """The day an inspection ended (its period end), the date the site gives a judgement.

    `DocumentInfo.date` prefers the publication date, which most ILACS reports in the store lack, so one
    column of it would mix publication and inspection dates; the end date is always extracted for reports
    with judgements. Publication is the last resort, and says so."""
    if doc.end or doc.start:
        return doc.end or doc.start
    return f"{doc.published} (published)" if doc.published else ""


def latest_inspection(r: GraphReader, la: str) -> dict[str, Any] | None:
    """The grades of ONE inspection, the authority's latest with judgements, for a row of a table: every
    area has a grade or a note saying why that inspection gave none (never a grade from an older one)."""
    latest = r.latest_inspection(la)
    if latest is None:
        return None
    doc, grades = latest
    return {"doc": doc, "date": inspection_date(doc), "grades": {area: grades.get(area) for area in AREAS},
            "notes": {area: ungraded_note(doc, area, grades) for area in AREAS if area not in grades}}


#: Words of an indicator too common to say two figures count the same thing ("children", "number").
_COMMON_INDICATOR_WORDS = frozenset({"child", "children", "young", "people", "person", "number", "care", "value",
                                     "total", "local", "authority", "rate", "percentage", "proportion", "year"})


@lru_cache(maxsize=65536)
def _counted_words(indicator: str) -> frozenset[str]:
    """The words of an indicator that say what is counted (an authority's figures are compared with each of
    its neighbours', so each indicator is read once)."""
    from kg.evaluate import content_words

    return frozenset(content_words(indicator) - _COMMON_INDICATOR_WORDS)


def _comparable(m: Any, candidates: list[Any], r: GraphReader) -> Any | None:
    """A neighbour's figure to draw beside `m`: of its figures with the same measure and unit, those whose
    indicator shares a word that says what is counted with m's ("60 child sexual exploitation champions" and
    "75 children worked with" share a measure but count different things), the closest in wording, then the
    latest. None when no figure shares such a word: an unlike figure misleads more than a missing one."""
    wanted = _counted_words(m.indicator)
    scored = [(len(wanted & _counted_words(c.indicator)), r.documents[c.document].date, c) for c in candidates]
    scored = [t for t in scored if t[0]]
    if not scored:
        return None
    return max(scored, key=lambda t: (t[0], t[1]))[2]


# --------------------------------------------------------------------------------------------------
# Charts (inline SVG: no chart library, no network)


def bar_rows(items: Iterable[tuple[str, float, str]], unit: str) -> dict[str, Any]:
    """Rows of a horizontal bar chart: (label, value, role) -> widths scaled to the largest (or 100%)."""
    items = list(items)
    top = max([v for _, v, _ in items] + ([100.0] if unit == "percent" else [0.0])) or 1.0
    suffix = "%" if unit == "percent" else (f" {unit}" if unit and unit not in {"count", "rate"} else "")
    rows = [{"label": label, "value": _fmt(v) + suffix, "width": round(260 * v / top, 1), "role": role,
             "y": 6 + 22 * i} for i, (label, v, role) in enumerate(items)]
    return {"rows": rows, "height": 12 + 22 * len(rows)}


def timeline(points: list[tuple[str, str, str]]) -> dict[str, Any]:
    """An overall-effectiveness timeline: (date, grade, kind) -> positions (1 Outstanding at the top)."""
    left = 150
    width = left + max(120, 90 * len(points))
    out = []
    for i, (date, grade, kind) in enumerate(points):
        share = i / (len(points) - 1) if len(points) > 1 else 0.5
        x = left + 30 + (width - left - 60) * share
        y = 14 + 26 * (GRADE_RANK.get(grade, 4) - 1)
        out.append({"x": round(x, 1), "y": y, "date": date, "grade": GRADE_LABELS.get(grade, grade),
                    "cls": _grade_class(grade), "kind": kind})
    return {"width": width, "left": left, "points": out,
            "levels": [(GRADE_LABELS[g], 14 + 26 * (r - 1)) for g, r in GRADE_RANK.items()]}


# --------------------------------------------------------------------------------------------------
# Data gathered per page


# A list item's own bullet or number ("• ", "12. "): the site numbers the list itself.
_LIST_MARK = re.compile(r"^(?:[\u2022\u25cf\u25aa*-]\s*|\(?\d{1,3}[.)]\s+)")


def _suggestions(r: GraphReader, la: str) -> list[dict[str, Any]]:
    """Practice held by at least MIN_NEIGHBOURS statistical neighbours and not by `la` (SPARQL-backed
    holdings from the reader; kg.compare.compare_with_neighbours gives the same answer when present)."""
    mine = r.holdings(la)
    counts: dict[str, list[str]] = defaultdict(list)
    for n in r.neighbours.get(la, []):
        if n in r.authorities:
            for key in r.holdings(n):
                counts[key].append(n)
    out = [{"key": key, "label": r.key_label(key), "holders": holders}
           for key, holders in counts.items() if key not in mine and len(holders) >= MIN_NEIGHBOURS]
    return sorted(out, key=lambda s: (-len(s["holders"]), s["label"].lower()))


class _Builder:
    """Renders every page into a temporary folder."""

    def __init__(self, r: GraphReader, root: Path, report: SiteReport) -> None:
        self.r = r
        self.root = root
        self.report = report
        self.generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        self.authority_slugs = self._slugs()
        self.concept_pages: dict[str, str] = {}
        self.ontology_href: str | None = None
        self.flags = {"include_restricted": r.include_restricted, "show_people": r.show_people}

    def _slugs(self) -> dict[str, str]:
        """Authorities that get a page (those with visible documents) -> a unique file slug."""
        slugs: dict[str, str] = {}
        used: set[str] = set()
        with_docs = {d.authority for d in self.r.documents.values()}
        for a in self.r.authorities.values():
            if a.iri not in with_docs:
                continue
            slug = a.slug
            if slug in used:
                slug = slugify(f"{a.label}-{a.gss or len(used)}")
            used.add(slug)
            slugs[a.iri] = slug
        return slugs

    def _target(self, rel: str) -> Path:
        path = (self.root / rel).resolve()
        if self.root.resolve() not in path.parents:
            raise KgError(f"{rel}: page path would leave the site folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def page(self, rel: str, template: str, title: str, **context: Any) -> Path:
        depth = rel.count("/")
        html = _environment().get_template(template).render(
            root="../" * depth, page_title=title, generated=self.generated,
            restricted=self.r.include_restricted, ontology_href=self.ontology_href,
            doc_count=len(self.r.documents), grade_class=_grade_class, fmt=_fmt,
            inspection_date=inspection_date, ungraded_note=ungraded_note, **context)
        path = self._target(rel)
        path.write_text(with_csp(html), encoding="utf-8")
        self.report.pages.append(path)
        return path

    def graph(self, rel: str, view: Any, links: list[tuple[str, str]]) -> None:
        depth = rel.count("/")
        rendered = render_view(view, self._target(rel), vis_js_href="../" * depth + "vis-network.min.js",
                               links=links)
        self.report.pages.append(rendered.path)
        self.report.graph_pages += 1
        self.report.graph_nodes[rel] = rendered.nodes

    def authority_href(self, la: str, prefix: str = "") -> str | None:
        slug = self.authority_slugs.get(la)
        return f"{prefix}authority/{slug}.html" if slug else None

    # -- pages

    def index(self) -> Path:
        rows = []
        for a in self.r.authorities.values():
            docs = self.r.authority_docs(a.iri)
            rows.append({"a": a, "href": self.authority_href(a.iri), "docs": len(docs),
                         "latest": latest_inspection(self.r, a.iri),
                         "practices": len(self.r.holdings(a.iri))})
        with_docs = sum(1 for row in rows if row["docs"])
        notes = sorted({n for row in rows if row["latest"] for n in row["latest"]["notes"].values()})
        return self.page("index.html", "index.html.j2", "Authorities", rows=rows, with_docs=with_docs,
                         notes=notes)

    def authority(self, a: Authority) -> None:
        r = self.r
        slug = self.authority_slugs[a.iri]
        docs = r.authority_docs(a.iri)
        evidence = r.evidence(a.iri)
        status_evidence = r.status_evidence(a.iri)
        links = r.links.get(a.iri, {})
        practice: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e_iri, e_docs in sorted(links.items(), key=lambda kv: r.entities[kv[0]].label.lower()):
            e = r.entities[e_iri]
            key = r.concept_key(e)
            dates = sorted(r.documents[d].date for d in e_docs)
            practice[e.cls].append({
                "label": e.label, "concept": r.concepts[e.kind].label if e.kind in r.concepts else "",
                "href": f"../{self.concept_pages[key]}" if key in self.concept_pages else None,
                "national": e.owner is None and "/entity/national/" in e_iri, "statuses": r.statuses_in(e, e_docs),
                "discovered": e.discovered, "first": dates[0] if dates else "", "documents": len(e_docs),
                "evidence": [(ev.sentence, r.cite(ev)) for ev in evidence.get(e_iri, [])[:MAX_EVIDENCE]],
                "status_evidence": [(status, ev.sentence, r.cite(ev))
                                    for status, ev in status_evidence.get(e_iri, [])[:MAX_EVIDENCE]],
            })
        groups = [(CLASS_STYLES[c].label, practice[c]) for c in CLASS_STYLES if practice.get(c)]
        judged = [(d, r.judgements[d.iri]) for d in docs if r.judgements.get(d.iri)]
        areas = AREAS + tuple(area for area in FURTHER_AREAS if any(area in g for _, g in judged))
        frameworks = {d.iri: framework_of(d.cls, d.start or d.date) for d, _ in judged}
        frameworks_text = frameworks_note({"framework": f} for f in frameworks.values())
        points = [(inspection_date(d), g["OverallEffectiveness"], d.kind_label) for d, g in judged
                  if "OverallEffectiveness" in g]
        metrics = self._metrics(a)
        neighbours = []
        mine = set(r.holdings(a.iri))
        for n in r.neighbours.get(a.iri, []):
            if n not in r.authorities:
                continue
            held = set(r.holdings(n))
            neighbours.append({"a": r.authorities[n], "href": self.authority_href(n, "../"),
                               "latest": latest_inspection(r, n),
                               "practices": len(held), "shared": len(held & mine)})
        recs = r.recommendations.get(a.iri, {})
        recommendations = [(r.documents[d], [(_LIST_MARK.sub("", ev.sentence), f"p. {ev.page}" if ev.page else "")
                                              for ev in evs])
                           for d, evs in sorted(recs.items(), key=lambda kv: inspection_date(r.documents[kv[0]]),
                                                reverse=True)]
        # What the latest report criticises in its body, besides its recommendations.
        latest_doc = max(docs, key=inspection_date, default=None)
        criticisms = ([(polarity, ev.sentence, f"p. {ev.page}" if ev.page else "")
                       for polarity, ev in r.criticisms(latest_doc.iri)] if latest_doc else [])
        suggestions = _suggestions(r, a.iri)
        for s in suggestions:
            s["href"] = f"../{self.concept_pages[s['key']]}" if s["key"] in self.concept_pages else None
            s["names"] = [(r.authorities[n].label, self.authority_href(n, "../")) for n in s["holders"]]
        self.page(f"authority/{slug}.html", "authority.html.j2", a.label, a=a, slug=slug, docs=docs,
                  judged=judged, areas=areas, frameworks=frameworks, frameworks_note=frameworks_text, timeline=timeline(points) if points else None, groups=groups,
                  recommendations=recommendations, criticisms=criticisms, criticised_doc=latest_doc,
                  metrics=metrics,
                  neighbours=neighbours, suggestions=suggestions, min_neighbours=MIN_NEIGHBOURS,
                  practice_count=len(links))
        back = [("../index.html", "All authorities"), (f"{slug}.html", f"{a.label}: page")]
        self.graph(f"authority/{slug}-graph.html", authority_view(r, a.iri, **self.flags), back)
        self.graph(f"authority/{slug}-neighbours.html",
                   neighbours_view(r, a.iri, min_neighbours=MIN_NEIGHBOURS, **self.flags), back)
        self.report.authority_pages += 1

    def _metrics(self, a: Authority) -> list[dict[str, Any]]:
        r = self.r
        mine = r.metrics_by_authority.get(a.iri, [])
        # The latest value of each measure (or, without one, indicator) and unit for each neighbour, to draw
        # beside this authority's: reports word the same figure differently, their measure lines them up.
        def key(m: Any) -> tuple[str, str]:
            return (m.measure or m.indicator.lower(), m.unit)

        by_key: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for n in r.neighbours.get(a.iri, []):
            for other in r.metrics_by_authority.get(n, []):
                by_key[key(other)][n].append(other)
        out = []
        for m in sorted(mine, key=lambda m: (m.indicator.lower(), r.documents[m.document].date)):
            items = [(a.label, m.value, "self")]
            if m.comparator_value is not None:
                items.append((m.comparator or "comparator", m.comparator_value, "comparator"))
            others = {n: best for n, candidates in by_key.get(key(m), {}).items()
                      if (best := _comparable(m, candidates, r)) is not None}
            items += [(r.authority_label(k), v.value, "neighbour") for k, v in sorted(others.items())]
            doc = r.documents[m.document]
            sources = [{"label": r.authority_label(k), "value": _fmt(v.value), "indicator": v.indicator,
                        "date": r.documents[v.document].date} for k, v in sorted(others.items())]
            out.append({"m": m, "chart": bar_rows(items, m.unit), "cite": doc.cite(), "sources": sources,
                        "sentence": next((ev.sentence for ev in r.evidence(a.iri).get(m.iri, [])), "")})
        return out

    def practice(self, key: str, holders: dict[str, set[str]]) -> None:
        r = self.r
        c = r.concepts[key]
        rows = []
        evidence = r.concept_evidence(key)
        for la, ents in sorted(holders.items(), key=lambda kv: r.authority_label(kv[0]).lower()):
            docs = sorted({d for e in ents for d in r.links[la][e]}, key=lambda d: r.documents[d].date)
            sentence = next(((ev.sentence, r.cite(ev)) for e in sorted(ents) for ev in evidence.get(e, [])
                             if ev.document in docs), None)
            at_mention = [(r.documents[d].date, r.judgements.get(d, {}).get("OverallEffectiveness"))
                          for d in docs]
            rows.append({"a": r.authorities.get(la), "label": r.authority_label(la),
                         "href": self.authority_href(la, "../"),
                         "first": r.documents[docs[0]].date if docs else "", "documents": len(docs),
                         "latest": latest_inspection(r, la),
                         "at_mention": [(d, g) for d, g in at_mention if g], "evidence": sentence,
                         "statuses": sorted({s for e in ents for s in r.statuses_in(r.entities[e], r.links[la][e])})})
        broader = [(r.concepts[b].label, f"{self.concept_pages[b].split('/', 1)[1]}"
                    if b in self.concept_pages else None) for b in c.broader if b in r.concepts]
        slug = self.concept_pages[key].split("/", 1)[1].removesuffix(".html")
        self.page(f"practice/{slug}.html", "practice.html.j2", c.label, c=c, rows=rows, broader=broader,
                  slug=slug, cls=CLASS_STYLES[c.core].label if c.core in CLASS_STYLES else "")
        self.graph(f"practice/{slug}-graph.html",
                   practice_view(r, key, **self.flags),
                   [("../index.html", "All authorities"), (f"{slug}.html", f"{c.label}: page")])
        self.report.practice_pages += 1

    def practice_index(self, holders: dict[str, dict[str, set[str]]]) -> None:
        rows = sorted(({"c": self.r.concepts[k], "href": self.concept_pages[k].split("/", 1)[1],
                        "count": len(h)} for k, h in holders.items()),
                      key=lambda x: (-x["count"], x["c"].label))
        self.page("practice/index.html", "practice_index.html.j2", "Practice", rows=rows)

    def thesaurus(self) -> None:
        groups: dict[str, list[Any]] = defaultdict(list)
        for c in sorted(self.r.concepts.values(), key=lambda c: c.label.lower()):
            groups[CLASS_STYLES[c.core].label if c.core in CLASS_STYLES else (c.core or "Other")].append(c)
        self.page("thesaurus.html", "thesaurus.html.j2", "Thesaurus", groups=sorted(groups.items()),
                  pages={k: v.split("/", 1)[1] for k, v in self.concept_pages.items()}, labels={
                      k: c.label for k, c in self.r.concepts.items()})

    def ontology(self) -> None:
        """Ontology documentation from kg.ontology when that module offers it."""
        try:
            from kg.ontology import render_ontology_html
        except ImportError:
            return
        try:
            written = render_ontology_html(self.root / "ontology")
        except Exception as err:
            log.warning("ontology documentation not written: %s", err)
            return
        pages = [Path(p) for p in (written or [])]
        html = [p for p in pages if p.suffix == ".html"]
        if html:
            index = next((p for p in html if p.name == "index.html"), html[0])
            self.ontology_href = f"ontology/{index.name}"
            self.report.pages.extend(p.resolve() for p in html)
            self.report.ontology = True

    def queries(self) -> None:
        self.page("queries.html", "queries.html.j2", "SPARQL examples", named=named_queries(),
                  examples=WORKED_EXAMPLES)


# --------------------------------------------------------------------------------------------------
# Worked SPARQL examples


WORKED_EXAMPLES: list[tuple[str, str, str]] = [
    ("Which authorities have a MASH, and in which documents?",
     "One row per authority and document: the shortcut triple `sg:has` links an authority to its own thing, "
     "and `sg:kind` to the thesaurus concept.",
     """SELECT ?authority ?date ?doc WHERE {
  ?la sg:has ?mash ; rdfs:label ?authority .
  ?mash sg:kind sgt:mash ; sg:mentionedIn ?doc .
  OPTIONAL { ?doc sg:periodEnd ?date }
} ORDER BY ?authority ?date"""),
    ("What did inspectors say about Harrow's MASH over the years?",
     "Every mention carries its sentence, page and document, so an answer always leads back to its source.",
     """SELECT ?date ?page ?sentence WHERE {
  ?la rdfs:label "Harrow" ; sg:has ?mash .
  ?mash sg:kind sgt:mash .
  ?m sg:refersTo ?mash ; sg:sentence ?sentence ; sg:page ?page ; sg:document ?doc .
  OPTIONAL { ?doc sg:periodEnd ?date }
} ORDER BY ?date ?page"""),
    ("What do Harrow's statistical neighbours have that Harrow lacks?",
     "Concepts held by at least two neighbours and not by the authority (the site's suggestions).",
     """SELECT ?practice (COUNT(DISTINCT ?n) AS ?neighbours) WHERE {
  ?la rdfs:label "Harrow" ; sg:statisticalNeighbour ?n .
  ?n sg:has ?thing . ?thing sg:kind ?concept . ?concept skos:prefLabel ?practice .
  FILTER NOT EXISTS { ?la sg:has/sg:kind ?concept }
} GROUP BY ?practice HAVING (COUNT(DISTINCT ?n) >= 2) ORDER BY DESC(?neighbours)"""),
    ("Judgements over time for one authority",
     "Each document holds its judgements as nodes with an area and a grade.",
     """SELECT ?date ?area ?grade WHERE {
  ?la rdfs:label "Harrow" . ?doc sg:about ?la ; sg:judgement ?j .
  ?j sg:area ?area ; sg:grade ?grade .
  OPTIONAL { ?doc sg:periodEnd ?date }
} ORDER BY ?date ?area"""),
]


def named_queries(directory: Path = QUERIES_DIR) -> list[dict[str, Any]]:
    """The named queries shipped in kg/queries/*.rq, with their `# key: value` header."""
    out = []
    for path in sorted(directory.glob("*.rq")):
        header: dict[str, list[str]] = defaultdict(list)
        body: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not body and line.startswith("#"):
                key, _, value = line.lstrip("# ").partition(":")
                if value:
                    header[key.strip().lower()].append(value.strip())
                continue
            if body or line.strip():
                body.append(line)
        out.append({"name": path.stem, "title": (header.get("title") or [path.stem])[0],
                    "description": " ".join(header.get("description", [])), "params": header.get("param", []),
                    "examples": header.get("example", []) or [f"kg query --name {path.stem}"],
                    "sparql": "\n".join(body).strip()})
    return out


# --------------------------------------------------------------------------------------------------
# Entry point


def build_site(store: Store, out_dir: str | Path, *, include_restricted: bool = False,
               show_people: bool = False) -> SiteReport:
    """Render the whole static site into `out_dir` (replacing a site built earlier there)."""
    start = time.perf_counter()
    out = Path(out_dir)
    if out.is_symlink():
        raise KgError(f"{out}: refusing to build the site through a symbolic link")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise KgError(f"{out}: exists and is not a site built by kg; nothing was changed",
                      hint="choose an empty or new folder with -o")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    report = SiteReport(out, out / "index.html", restricted_included=include_restricted,
                        people_shown=show_people)
    try:
        r = GraphReader(store, include_restricted=include_restricted, show_people=show_people)
        r.preload_evidence()
        b = _Builder(r, tmp, report)
        write_vis_js(tmp)
        shutil.copyfile(TEMPLATES_DIR / "style.css", tmp / "style.css")
        tmp.chmod(0o755)
        (tmp / MARKER).write_text("built by kg site; replaced by the next build\n", encoding="utf-8")
        b.ontology()
        holders: dict[str, dict[str, set[str]]] = defaultdict(dict)
        for la, ents in r.links.items():
            if la not in b.authority_slugs:
                continue
            for e in ents:
                kind = r.entities[e].kind
                if kind in r.concepts:
                    holders[kind].setdefault(la, set()).add(e)
        used: set[str] = set()
        for key in sorted(holders, key=lambda k: r.concepts[k].slug):
            slug = r.concepts[key].slug if r.concepts[key].slug not in used else slugify(r.concepts[key].iri)
            used.add(slug)
            b.concept_pages[key] = f"practice/{slug}.html"
        b.index()
        for la in b.authority_slugs:
            b.authority(r.authorities[la])
        for key, h in holders.items():
            b.practice(key, h)
        b.practice_index(holders)
        b.thesaurus()
        b.queries()
        b.graph("overview.html", overview_view(r, **b.flags), [("index.html", "All authorities")])
        report.documents = len(r.documents)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.pages = [out / p.relative_to(tmp.resolve()) for p in (q.resolve() for q in report.pages)]
    report.bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report.seconds = time.perf_counter() - start
    log.info("site: %d pages, %d bytes in %.1f s", len(report.pages), report.bytes, report.seconds)
    return report


def _swap(new: Path, out: Path) -> None:
    """Put the freshly built folder in place of the old site (old one moved aside, then deleted)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(new, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
