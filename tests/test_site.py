"""The static site on the hand-made store of tests/test_viz.py: pages, links, access and privacy rules."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from test_viz import (
    CANARIES,
    IMG_TEXT,
    RESTRICTED_ONLY,
    RESTRICTED_SENTENCE,
    SCRIPT_LABEL,
    make_store,
)

from kg.errors import KgError
from kg.site import MARKER, build_site, named_queries
from kg.store import Store
from kg.viz import vis_js

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src", "action"} and value is not None:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def pages(site: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def store() -> Store:
    return make_store()


@pytest.fixture(scope="module")
def site(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("public") / "site"
    build_site(store, out)
    return out


@pytest.fixture(scope="module")
def full_site(store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("private") / "site"
    build_site(store, out, include_restricted=True, show_people=True)
    return out


def test_site_pages_exist(site: Path) -> None:
    for rel in ("index.html", "authority/harrow.html", "authority/harrow-graph.html",
                "authority/harrow-neighbours.html", "authority/barnet.html", "practice/index.html",
                "practice/mash.html", "practice/mash-graph.html", "overview.html", "thesaurus.html",
                "queries.html", "style.css", "vis-network.min.js", MARKER):
        assert (site / rel).is_file(), rel
    harrow = (site / "authority" / "harrow.html").read_text()
    for section in ("Judgements over time", "Documents", "Practice", "Metrics against comparators",
                    "Statistical neighbours", "Suggestions"):
        assert section in harrow
    assert "contextual safeguarding" in harrow and "family group conference" in harrow  # suggestions
    assert "<svg" in harrow  # judgement timeline drawn inline
    index = (site / "index.html").read_text()
    assert 'id="site-search"' in index and "Harrow" in index and "London" in index
    mash = (site / "practice" / "mash.html").read_text()
    for name in ("Harrow", "Barnet", "Redbridge", "Merton"):
        assert name in mash


def test_site_one_shared_copy_of_vis_network(site: Path) -> None:
    library = vis_js()
    assert [p.name for p in site.rglob("*.js")] == ["vis-network.min.js"]
    graph_pages = [p for p, html in pages(site).items() if 'id="kg-network"' in html]
    assert len(graph_pages) >= 8
    for path, html in pages(site).items():
        assert library not in html, path
    for path in graph_pages:
        src = re.search(r'<script src="([^"]+)"', path.read_text()).group(1)
        assert (path.parent / src).resolve() == (site / "vis-network.min.js").resolve()


def test_site_links_resolve(site: Path, full_site: Path) -> None:
    for root in (site, full_site):
        for path, html in pages(root).items():
            for link in links_of(html):
                parts = urlsplit(link)
                assert not parts.scheme and not parts.netloc, (path, link)
                if not parts.path:
                    continue
                target = (path.parent / unquote(parts.path)).resolve()
                assert target.is_file(), (path, link)
                assert root.resolve() in target.parents, (path, link)


def test_site_no_external_urls(site: Path, full_site: Path) -> None:
    for root in (site, full_site):
        for path, html in pages(root).items():
            assert not EXTERNAL.search(html), path
            if "Content-Security-Policy" in html:
                assert "default-src 'none'" in html


def test_site_restricted_absent_by_default(site: Path, full_site: Path) -> None:
    public = "\n".join(pages(site).values())
    letter_only = (RESTRICTED_ONLY, RESTRICTED_SENTENCE, "harrow-letter-2019",
                   "MASH includes an education lead")
    for text in (*letter_only, "restricted documents"):
        assert text not in public, text
    private = "\n".join(pages(full_site).values())
    for text in letter_only:
        assert text in private, text
    assert "Keep it private" in private
    # metrics only the letter gives appear only in the private site, with their comparator
    assert "London average" in (full_site / "authority" / "harrow.html").read_text()
    assert "London average" not in (site / "authority" / "harrow.html").read_text()


def test_site_person_names_absent_by_default(store: Store, site: Path, full_site: Path,
                                             tmp_path: Path) -> None:
    restricted_no_people = tmp_path / "site"
    build_site(store, restricted_no_people, include_restricted=True)
    for root in (site, restricted_no_people):
        text = "\n".join(pages(root).values())
        for name in CANARIES:
            assert name not in text
            assert name.split()[0] not in text
    shown = "\n".join(pages(full_site).values())
    assert CANARIES[1] in shown


def test_site_hostile_text_escaped(site: Path, full_site: Path) -> None:
    library = vis_js()
    for root in (site, full_site):
        for path, html in pages(root).items():
            body = html.replace(library, "")
            assert SCRIPT_LABEL not in body and IMG_TEXT not in body, path
            assert "<img" not in body, path
    harrow = (site / "authority" / "harrow.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in harrow
    assert "&lt;img src=x onerror=alert(1)&gt;" in harrow
    hostile_page = site / "authority" / "img-src-x-onerror-alert-1.html"
    assert hostile_page.is_file()


def test_site_output_stays_inside(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "a" / "site"
    build_site(store, out)
    outside = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")
                     if out not in p.parents and p != out)
    assert outside == [Path("a")]


def test_site_rebuild_replaces_old_pages_and_refuses_foreign_folder(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(store, out, include_restricted=True)
    stale = out / "authority" / "stale.html"
    stale.write_text("old")
    build_site(store, out)
    assert not stale.exists()
    assert RESTRICTED_ONLY not in "\n".join(pages(out).values())
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep")
    with pytest.raises(KgError, match="not a site built by kg"):
        build_site(store, foreign)
    assert (foreign / "notes.txt").read_text() == "keep"


def test_site_named_queries_read_headers(tmp_path: Path) -> None:
    (tmp_path / "x.rq").write_text("# title: A title\n# description: Says <b>why</b>.\n"
                                   "# example: kg query --name x\n\nSELECT * WHERE { ?s ?p ?o }\n")
    (q,) = named_queries(tmp_path)
    assert q["title"] == "A title" and q["examples"] == ["kg query --name x"]
    assert q["sparql"].startswith("SELECT")


def test_site_and_viz_commands(tmp_path: Path) -> None:
    from kg.cli import cli

    store_dir = tmp_path / "store"
    make_store(store_dir).close()
    runner = CliRunner()
    out = tmp_path / "site"
    result = runner.invoke(cli, ["--store", str(store_dir), "site", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and "file://" in result.output
    page = tmp_path / "harrow.html"
    result = runner.invoke(cli, ["--store", str(store_dir), "viz", "authority", "Harrow", "-o", str(page)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert page.is_file() and "nodes" in result.output
    for args in (["practice", "MASH"], ["pair", "Harrow", "Barnet"], ["neighbours", "Harrow"], ["overview"]):
        target = tmp_path / f"{args[0]}.html"
        result = runner.invoke(cli, ["--store", str(store_dir), "viz", *args, "-o", str(target)])
        assert result.exit_code == 0, (args, result.output)
        assert target.is_file()
    result = runner.invoke(cli, ["--store", str(store_dir), "viz", "authority", "Nowhere"])
    assert result.exit_code == 1 and "no local authority" in result.output


def _row(index_html: str, label: str) -> str:
    """The front page's table row of one authority."""
    match = re.search(rf'<tr class="authority-row">\s*<td><a [^>]*>{label}</a>.*?</tr>', index_html, re.S)
    assert match, label
    return match.group(0)


def test_site_latest_inspection_grades_never_mixed(tmp_path: Path) -> None:
    """A row gives ONE inspection's grades: a 2026-framework report (four areas, no overall) is not topped
    up with the overall grade of the 2023 report before it, nor a 2022 report with a 2017 care leavers grade."""
    from datetime import date

    from conftest import EALING, HARROW, Doc, _ontology, _reference, _thesaurus

    from kg import identifiers as ids
    from kg.ntriples import xsd_date
    from kg.store import open_store

    old = Doc("harrow-2023", HARROW, "ShortInspection", date(2023, 5, 15), date(2023, 5, 19))
    old.w.add(old.iri, ids.SG + "publicationDate", xsd_date(date(2023, 7, 1)))
    old.judgements(overall="Good", leaders="Good", help="RequiresImprovement", care="Good",
                   leavers="RequiresImprovement")
    new = Doc("harrow-2026", HARROW, "ShortInspection", date(2026, 7, 6), date(2026, 7, 10))
    new.judgements(leaders="Outstanding", help="Outstanding", care="Outstanding", leavers="Outstanding")
    visit = Doc("harrow-visit", HARROW, "FocusedVisit", date(2026, 9, 1), date(2026, 9, 2))  # no grades
    sif = Doc("ealing-2017", EALING, "SIFInspection", date(2017, 3, 1), date(2017, 3, 20))
    sif.judgements(overall="Inadequate", leaders="Inadequate", help="Inadequate", care="Inadequate",
                   leavers="Inadequate", adoption="Good", board="RequiresImprovement")
    ilacs = Doc("ealing-2022", EALING, "StandardInspection", date(2022, 6, 6), date(2022, 6, 17))
    ilacs.judgements(overall="Good", leaders="Good", help="Good", care="Good")
    for d in (old, new, visit, sif, ilacs):
        d.entity("mash", "Team", "multi-agency safeguarding hub", 3, "The MASH works well.", "MASH")
    store = open_store(tmp_path / "store")
    for graph, text in ((ids.REFERENCE_GRAPH, _reference()), (ids.THESAURUS_GRAPH, _thesaurus()),
                        (ids.ONTOLOGY_GRAPH, _ontology()), *(d.graph() for d in (old, new, visit, sif, ilacs))):
        store.replace_graph(graph, text)
    out = tmp_path / "site"
    build_site(store, out)
    index = (out / "index.html").read_text()

    harrow = _row(index, "Harrow")
    assert "2026-07-10" in harrow and "2023" not in harrow  # the 2026 report, by its end date
    assert harrow.count("grade-outstanding") == 4
    assert "grade-good" not in harrow and "grade-requiresimprovement" not in harrow  # nothing from 2023
    assert 'title="not graded under the 2026 framework"' in harrow
    ealing = _row(index, "Ealing")
    assert "2022-06-17" in ealing and "grade-inadequate" not in ealing
    assert ealing.count("grade-good") == 4 and "see children in care" in ealing
    assert "Latest inspection: end date" in index and "not graded under the 2026 framework" in index

    # The other pages that give a "latest" grade (neighbours, practice, graph tooltips) follow the same rule.
    neighbour = re.search(r"<tr><td><a [^>]*>Harrow</a></td>.*?</tr>", (out / "authority" / "ealing.html")
                          .read_text(), re.S).group(0)
    assert "not graded under the 2026 framework" in neighbour and "grade-good" not in neighbour
    mash = (out / "practice" / "mash.html").read_text()
    assert re.search(r'title="not graded under the 2026 framework">&ndash;</span> 2026-07-10', mash)
    # The authority's page lists the two further areas of its single inspection framework report, and says why
    # its later report has none; an authority without such a report has no such columns.
    ealing_page = (out / "authority" / "ealing.html").read_text()
    assert "<th>Adoption performance</th>" in ealing_page and "<th>Safeguarding children board</th>" in ealing_page
    assert "graded only by single inspection framework reports" in ealing_page
    assert "Adoption performance" not in (out / "authority" / "harrow.html").read_text()
    graph = (out / "authority" / "harrow-graph.html").read_text()
    assert ("Latest inspection: Short inspection, ended 2026-07-10\\nOverall effectiveness: not graded under "
            "the 2026 framework\\nHelp and protection: Outstanding") in graph  # the authority's tooltip
    # Each row names the framework it was graded under, and a table mixing frameworks says they differ (a 2017
    # SIF grade is not a 2022 ILACS one); so does a comparison over time.
    assert "<td>SIF (2013-18)</td>" in ealing_page and "<td>ILACS (2018-26)</td>" in ealing_page
    assert "Note: Grades given under different inspection frameworks" in ealing_page
    from kg.compare import compare_over_time

    assert "SIF (2013-18)" in compare_over_time(store, "Ealing").summary["judgements_note"]


def test_neighbour_figures_drawn_beside_a_metric_count_the_same_thing() -> None:
    """Same measure is not enough: '75 children worked with' is not beside '60 exploitation champions'."""
    from types import SimpleNamespace

    from kg.site import _comparable

    reader = SimpleNamespace(documents={"d1": SimpleNamespace(date="2018-01-01"),
                                        "d2": SimpleNamespace(date="2019-01-01"),
                                        "d3": SimpleNamespace(date="2017-01-01")})
    mine = SimpleNamespace(indicator="child sexual exploitation champions", document="d0")
    unlike = SimpleNamespace(indicator="children worked with", document="d2")
    like = SimpleNamespace(indicator="exploitation champions trained", document="d1")
    older_like = SimpleNamespace(indicator="champions", document="d3")
    assert _comparable(mine, [unlike], reader) is None
    assert _comparable(mine, [unlike, like, older_like], reader) is like  # most words shared, then latest


def test_site_status_of_a_national_thing_is_the_one_its_authority_documents_state(tmp_path: Path) -> None:
    """Merton's report says the Metropolitan Police Service piloted something: Merton's page and its row on
    the practice page carry the status, Harrow's (whose documents do not say it) do not."""
    from datetime import date

    from test_viz import _Doc

    store = make_store(hostile=False)
    merton = _Doc("merton-2023.pdf", "E09000024", "ShortInspection", date(2023, 3, 4))
    merton.entity("metropolitan-police-service", "The Metropolitan Police Service piloted a desk.",
                  status="Piloted")
    store.replace_graph(merton.graph, merton.w.text())
    out = tmp_path / "site"
    build_site(store, out)

    def item(page: str) -> str:
        html = (out / "authority" / page).read_text()
        return re.search(r'<div class="practice-item">\s*<span class="name">[^\n]*Metropolitan Police Service'
                         r'.*?</div>', html, re.S).group(0)

    assert '<span class="tag">Piloted</span>' in item("merton.html")
    # ... with the sentence that says so, and where it is.
    assert re.search(r'<blockquote class="status"><span class="tag">Piloted</span> The Metropolitan Police Service '
                     r'piloted a desk\.<cite>[^<]*2023-03-04', item("merton.html"))
    assert "Piloted" not in item("harrow.html")


def test_site_shows_the_formal_recommendations_in_the_order_of_the_text(site: Path, full_site: Path) -> None:
    harrow = (site / "authority" / "harrow.html").read_text()
    section = harrow[harrow.index('id="recommendations"'):harrow.index('id="documents"')]
    first, second = "The timeliness of return home interviews.", "Oversight of plans for children in care."
    assert first in section and second in section and section.index(first) < section.index(second)
    assert "\u2022" not in section  # the site numbers the list itself
    assert "<script>" not in section  # a hostile label is shown as text
    # The engagement letter's recommendation only on the private site, in a section of its own.
    assert RESTRICTED_ONLY not in section
    private = (full_site / "authority" / "harrow.html").read_text()
    assert RESTRICTED_ONLY in private[private.index('id="recommendations"'):private.index('id="documents"')]
    barnet = (site / "authority" / "barnet.html").read_text()
    assert "No formal recommendations in the visible documents." in barnet
    # The body's criticisms and risks of the latest report, apart from the recommendations.
    body = section[section.index('class="criticisms"'):]
    assert "1 area(s) for improvement, 1 risk(s)" in body
    assert "Caseloads in the assessment teams are too high." in body
    assert '<span class="tag">Risk</span> Some children wait too long' in body
    assert first not in body
    assert 'class="criticisms"' not in barnet

