"""People and access: what `--people keep|roles|drop` and restricted documents let out (RELIABILITY.md PV-01,
PV-04, PV-05, §4; SPEC.md "Documents", DATA-MODEL.md "People and posts").

- The seed engagement letter (a private letter naming nine officials) and an invented report naming its lead
  inspector are ingested in each mode. `drop`: no person or post anywhere and no name in any literal or IRI;
  `roles`: posts, no names; `keep`: the names. The names are read from the seed at run time (none is
  written in this file).
- The site never shows a name unless asked (show_people), whatever the store holds.
- A child named in a document ("<name>, aged 7") never becomes an entity or a person, in any mode.
- The letter is restricted by default: nothing of it (its IRIs, sentences, letter-only entity labels and
  metrics) leaves through `kg export` (ttl, nq, jsonld, graphml) or the site unless --include-restricted.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from kg.cli import cli
from kg.identifiers import graph_iri, short_hash, slugify
from kg.store import open_store

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_e3341e80a50afdfc.txt"
INSPECTOR = "Alexandra Quillfeather"  # invented
REPORT = f"""Inspection of Harrow local authority children's services
Inspection dates: 4 March to 15 March 2019
Lead inspector: {INSPECTOR}
Her Majesty's Inspector
Overall effectiveness: Good
The multi-agency safeguarding hub (MASH) works closely with the Metropolitan Police Service.
Social workers use Signs of Safety, and 98% of assessments are completed within 45 days.
"""
CHILD = ("Inspection of Ealing local authority children's services\n"
         "Inspection dates: 1 October to 12 October 2018\n"
         "Tom Brown, aged 7, was referred to the multi-agency safeguarding hub (MASH) by his school.\n"
         "Social workers visited Tom Brown at home and used Signs of Safety to plan with his mother.\n"
         "A child, Tom, aged 9, told the Family Support Team that he felt safe with Jayden Smith (aged 14).\n")
CHILD_WORDS = ["Tom Brown", "Jayden", "Smith"]


def seed_names() -> list[str]:
    """The people the seed letter names: each line of its attendance list is '<name>: <post>' or
    '<name>, <post>'."""
    text = SEED.read_text(encoding="utf-8")
    block = text.split("Attending:", 1)[1].split("Recent focused visit", 1)[0]
    names = [re.split(r"[:,]", line, maxsplit=1)[0].strip() for line in block.splitlines() if line.strip()]
    assert len(names) >= 8, names
    return names


def name_terms(names: list[str]) -> list[str]:
    """What must not appear once names are dropped: each full name, its slug (IRIs), and each surname."""
    terms = set()
    for name in names:
        terms.update({name.lower(), slugify(name), name.split()[-1].lower()})
    return sorted(terms)


def dump_text(store_dir: Path) -> str:
    with open_store(store_dir) as store:
        from kg.store import ExportFormat

        return store.dump(ExportFormat.NQ).decode("utf-8")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed letter is not beside the repository ({SEED} is absent)")
    folder = tmp_path_factory.mktemp("privacy") / "documents"
    folder.mkdir()
    shutil.copy(SEED, folder / "engagement letter.txt")
    (folder / "inspection report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "child.txt").write_text(CHILD, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def stores(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from click.testing import CliRunner

    out = {}
    for mode in ("keep", "roles", "drop"):
        store_dir = tmp_path_factory.mktemp(f"store-{mode}") / "store"
        result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", "-j", "1", "--people", mode,
                                          str(inputs)])
        assert result.exit_code == 0, result.output
        out[mode] = store_dir
    return out


def letter_graph(store_dir: Path) -> str:
    with open_store(store_dir) as store:
        rows = store.query("SELECT ?g WHERE { GRAPH ?g { ?d a sg:EngagementLetter ; sg:accessLevel ?a } }").rows
    assert len(rows) == 1, "the seed letter should be read as an engagement letter"
    return rows[0][0].value


# --- people modes -------------------------------------------------------------------------------------


def test_drop_leaves_no_person_post_or_name(stores: dict[str, Path]) -> None:
    names = [*seed_names(), INSPECTOR]
    with open_store(stores["drop"]) as store:
        ask = store.query("""ASK { { ?p a sg:Person } UNION { ?p a foaf:Person } UNION { ?d sg:leadInspector ?p }
                                   UNION { ?post org:heldBy ?p } UNION { ?post a org:Post }
                                   UNION { ?d sg:attendee ?post } }""").boolean
    assert not ask
    dump = dump_text(stores["drop"]).lower()
    found = [t for t in name_terms(names) if t in dump]
    assert not found, f"names left in the store under --people drop: {found}"


def test_roles_keeps_posts_without_names(stores: dict[str, Path]) -> None:
    names = [*seed_names(), INSPECTOR]
    with open_store(stores["roles"]) as store:
        posts = [r[0].value for r in store.query("SELECT ?l WHERE { ?p a org:Post ; rdfs:label ?l }").rows]
        people = store.query("ASK { { ?p a sg:Person } UNION { ?p a foaf:Person } UNION { ?x org:heldBy ?p } }")
    assert not people.boolean
    assert any("Corporate Director" in p for p in posts) and "Lead inspector" in posts, posts
    dump = dump_text(stores["roles"]).lower()
    found = [t for t in name_terms(names) if t in dump]
    assert not found, f"names left in the store under --people roles: {found}"


def test_keep_keeps_names(stores: dict[str, Path]) -> None:
    names = [*seed_names(), INSPECTOR]
    with open_store(stores["keep"]) as store:
        labels = {r[0].value for r in store.query("SELECT ?l WHERE { ?p a sg:Person ; rdfs:label ?l }").rows}
        held = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?post org:heldBy ?p }").rows[0][0].python()
    assert INSPECTOR in labels
    kept = [n for n in names if n in labels]
    assert len(kept) >= len(names) - 2, (sorted(labels), names)
    assert held >= len(seed_names()) - 2


def test_child_is_never_an_entity_or_person(stores: dict[str, Path]) -> None:
    for mode, store_dir in stores.items():
        with open_store(store_dir) as store:
            # Every labelled node stated by the child document's graph (entities, people, posts).
            rows = store.query("""SELECT ?x ?l WHERE { GRAPH ?g { ?d sg:sourceFile ?src . ?x rdfs:label ?l }
                                    FILTER(STRENDS(?src, "child.txt")) }""").rows
        assert rows, "the child document should state some entities"
        words = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in CHILD_WORDS), re.I)
        bad = [(x.value, lab.value) for x, lab in rows
               if words.search(lab.value) or any(slugify(w) in x.value for w in CHILD_WORDS)]
        assert not bad, f"--people {mode}: a child became a node: {bad}"


def test_site_hides_names_unless_asked(stores: dict[str, Path], tmp_path: Path) -> None:
    from kg.site import build_site

    names = [*seed_names(), INSPECTOR]
    with open_store(stores["keep"]) as store:
        hidden = build_site(store, tmp_path / "hidden", include_restricted=True, show_people=False)
        shown = build_site(store, tmp_path / "shown", include_restricted=True, show_people=True)

    def text_of(out: Path) -> str:
        return "\n".join(html.unescape(p.read_text(encoding="utf-8")) for p in out.rglob("*.html")).lower()

    found = [t for t in name_terms(names) if t in text_of(hidden.out_dir)]
    assert not found, f"the site shows names without show_people: {found}"
    shown_text = text_of(shown.out_dir)
    assert INSPECTOR.lower() in shown_text or any(n.lower() in shown_text for n in names)


# --- access ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def letter_facts(stores: dict[str, Path]) -> dict[str, list[str]]:
    """What only the restricted letter says, in the keep store: its hash (in every IRI it mints), ASCII
    sentences, entity labels and metric indicators that no public graph holds."""
    store_dir = stores["keep"]
    g = letter_graph(store_dir)
    h = g.rsplit("/", 1)[-1]
    with open_store(store_dir) as store:
        public = {r[0].value for r in store.query(
            f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(isLiteral(?o)) }} FILTER(?g != <{g}>) }}").rows}

        public_text = "\n".join(public)

        def values(sparql: str) -> list[str]:
            rows = store.query(sparql).rows
            return sorted({r[0].value for r in rows if r[0].value.isascii() and len(r[0].value) > 8
                           and r[0].value not in public_text})

        sentences = values(f"SELECT ?o WHERE {{ GRAPH <{g}> {{ ?m sg:sentence ?o }} }}")
        labels = values(f"SELECT ?o WHERE {{ GRAPH <{g}> {{ ?e rdfs:label ?o ; sg:mentionedIn ?d }} }}")
        metrics = values(f"SELECT ?o WHERE {{ GRAPH <{g}> {{ ?m a sg:Metric ; sg:indicator ?o }} }}")
    assert sentences and labels and metrics
    return {"hash": [h], "sentences": sentences, "labels": labels, "metrics": metrics}


def leaked(text: str, facts: dict[str, list[str]], kinds: tuple[str, ...]) -> list[str]:
    return [f"{k}: {v[:60]}" for k in kinds for v in facts[k] if v in text]


@pytest.mark.parametrize("fmt", ["ttl", "nq", "jsonld", "graphml"])
def test_export_leaves_restricted_letter_out(stores: dict[str, Path], letter_facts, fmt: str, runner) -> None:
    store_dir = stores["keep"]
    kinds = ("hash", "labels") if fmt == "graphml" else ("hash", "sentences", "labels", "metrics")
    plain = runner.invoke(cli, ["--store", str(store_dir), "export", "--format", fmt])
    assert plain.exit_code == 0, plain.output
    out = plain.stdout
    if fmt == "jsonld":
        out = out.encode().decode("unicode_escape", errors="ignore") + out
    assert not leaked(out, letter_facts, kinds), leaked(out, letter_facts, kinds)[:5]
    assert "Harrow" in out  # the public report is exported
    full = runner.invoke(cli, ["--store", str(store_dir), "export", "--format", fmt, "--include-restricted"])
    assert full.exit_code == 0
    if fmt == "graphml":
        assert any(label in full.stdout for label in letter_facts["labels"])
    else:
        assert letter_facts["hash"][0] in full.stdout
        assert any(s in full.stdout for s in letter_facts["sentences"])
        assert any(m in full.stdout for m in letter_facts["metrics"])


def test_site_leaves_restricted_letter_out(stores: dict[str, Path], letter_facts, tmp_path: Path, runner) -> None:
    store_dir = stores["keep"]
    result = runner.invoke(cli, ["--store", str(store_dir), "site", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    pages = "\n".join(html.unescape(p.read_text(encoding="utf-8")) for p in (tmp_path / "site").rglob("*.html"))
    assert not leaked(pages, letter_facts, ("hash", "sentences", "labels", "metrics"))
    result = runner.invoke(cli, ["--store", str(store_dir), "site", "-o", str(tmp_path / "full"),
                                 "--include-restricted"])
    assert result.exit_code == 0, result.output
    pages = "\n".join(html.unescape(p.read_text(encoding="utf-8")) for p in (tmp_path / "full").rglob("*.html"))
    assert any(s in pages for s in letter_facts["sentences"] + letter_facts["labels"])
    # Without --show-people the CLI's site names nobody, restricted documents included or not.
    found = [t for t in name_terms([*seed_names(), INSPECTOR]) if t in pages.lower()]
    assert not found, found


def test_letter_restricted_by_default(stores: dict[str, Path], inputs: Path) -> None:
    from kg.documents import sha256_file

    g = graph_iri(sha256_file(inputs / "engagement letter.txt"))
    assert letter_graph(stores["keep"]) == g and short_hash(g.rsplit("/", 1)[-1]) in g
    with open_store(stores["keep"]) as store:
        assert store.query(f"ASK {{ GRAPH <{g}> {{ ?d sg:accessLevel sg:Restricted }} }}").boolean
