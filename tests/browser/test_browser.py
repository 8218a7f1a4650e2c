"""Generated pages in a real browser: Debian's Chromium, headless, from file://, with the network blocked.

Every request that is not a file:// URL is aborted and recorded; the test fails on any such request, any
console error or page error, and any dialog (an alert from injected script). Screenshots go to
visualisations/screenshots/ (git-ignored). Run with `pytest --browser tests/browser`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_viz import IMG_TEXT, SCRIPT_LABEL, make_store

from kg.site import build_site
from kg.viz import authority_view, pair_view, render_view

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "visualisations" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]


@dataclass
class Watch:
    """What a page did that it must not do."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.requests or self.errors or self.dialogs)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A site and two stand-alone pages (vis-network inlined) from the hand-made store."""
    root = tmp_path_factory.mktemp("browser")
    store = make_store()
    site = build_site(store, root / "site", include_restricted=True)
    alone = root / "alone"
    reports = {
        "authority-inline": render_view(authority_view(store, "Harrow", include_restricted=True),
                                        alone / "harrow.html"),
        "pair-inline": render_view(pair_view(store, "Harrow", "Barnet"), alone / "pair.html"),
    }
    return {"site": site, "alone": reports}


def open_page(browser: object, path: Path, watch: Watch) -> object:
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith("file:"):
            r.continue_()  # type: ignore[attr-defined]
        else:
            watch.requests.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("requestfailed", lambda r: None if r.url.startswith("file:") else watch.requests.append(r.url))

    def dialog(d: object) -> None:
        watch.dialogs.append(d.message)  # type: ignore[attr-defined]
        d.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    return page


def check_graph(page: object, expected_nodes: int, search: str, expected_label: str, shot: str) -> None:
    # Polling with a selector, not a JS predicate: the page's CSP forbids eval, as it should.
    page.wait_for_selector("body[data-graph-ready='1']", state="attached", timeout=60_000)
    size = page.eval_on_selector("#kg-network canvas", "c => [c.width, c.height]")
    assert size[0] > 0 and size[1] > 0
    assert page.evaluate("nodes.length") == expected_nodes
    assert page.evaluate("window.kgGraph.network.getPositions().constructor === Object")
    page.fill("#kg-search", search)
    page.press("#kg-search", "Enter")
    selected = page.evaluate("network.getSelectedNodes().map(id => nodes.get(id).fullLabel)")
    assert expected_label in selected
    assert expected_label in page.inner_text("#kg-info-title")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"))


@pytest.mark.parametrize(("name", "search", "label"), [
    ("authority-inline", "MASH", "MASH"),
    ("pair-inline", "Barnet", "Barnet"),
])
def test_browser_standalone_pages(browser: object, built: dict, name: str, search: str, label: str) -> None:
    report = built["alone"][name]
    watch = Watch()
    page = open_page(browser, report.path, watch)
    check_graph(page, report.nodes, search, label, name)
    page.close()
    assert watch.clean(), watch


@pytest.mark.parametrize(("rel", "search", "label"), [
    ("authority/harrow-graph.html", "exploitation", "multi-agency child exploitation meeting"),
    ("authority/harrow-neighbours.html", "contextual", "contextual safeguarding"),
    ("practice/mash-graph.html", "Redbridge", "Redbridge"),
    ("overview.html", "Merton", "Merton"),
    ("authority/img-src-x-onerror-alert-1-graph.html", "onerror", IMG_TEXT),
])
def test_browser_site_graphs(browser: object, built: dict, rel: str, search: str, label: str) -> None:
    site = built["site"]
    watch = Watch()
    page = open_page(browser, site.out_dir / rel, watch)
    shot = "site-" + rel.replace("/", "-").removesuffix(".html")
    check_graph(page, site.graph_nodes[rel], search, label, shot)
    page.close()
    assert watch.clean(), watch


def test_browser_site_pages_and_search(browser: object, built: dict) -> None:
    site = built["site"]
    watch = Watch()
    page = open_page(browser, site.index, watch)
    visible = "document.querySelectorAll('#authorities tbody tr:not([hidden])').length"
    total = page.evaluate(visible)
    page.fill("#site-search", "harrow")
    assert page.evaluate(visible) == 1 < total
    page.screenshot(path=str(SCREENSHOTS / "site-index.png"))
    page.click("text=Harrow")
    page.wait_for_url("**/authority/harrow.html")
    assert "Judgements over time" in page.content()
    assert page.locator("svg").count() >= 2  # timeline and metric chart, inline
    # hostile text shows as text, never as markup
    assert SCRIPT_LABEL in page.inner_text("main")
    assert page.locator("main img").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "site-harrow.png"), full_page=True)
    for rel in ("practice/mash.html", "thesaurus.html", "queries.html", "practice/index.html"):
        page.goto((site.out_dir / rel).resolve().as_uri())
    page.close()
    assert watch.clean(), watch


def test_browser_class_filter_hides_nodes(browser: object, built: dict) -> None:
    report = built["alone"]["authority-inline"]
    watch = Watch()
    page = open_page(browser, report.path, watch)
    page.wait_for_selector("body[data-graph-ready='1']", state="attached", timeout=60_000)
    hidden = "nodes.get({filter: n => n.hidden === true}).length"
    assert page.evaluate(hidden) == 0
    page.uncheck(".kg-class-filter[data-class='Team']")
    teams = page.evaluate("nodes.get({filter: n => n.cls === 'Team'}).length")
    assert teams > 0 and page.evaluate(hidden) == teams
    page.close()
    assert watch.clean(), watch
