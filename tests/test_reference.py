"""Reference data: the authorities table, name resolution, the reference graph and its loading."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.identifiers import ONTOLOGY_GRAPH, REFERENCE_GRAPH, THESAURUS_GRAPH
from kg.reference import (
    AuthorityIndex,
    ensure_static_graphs,
    load_authorities,
    load_reports,
    name_key,
    reference_nquads,
)
from kg.store import ExportFormat, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "reference" / "local-authorities.csv").is_file(),
                                  reason="../shared (reference and corpus CSVs) is not beside the repository")

NEIGHBOURS_OF_HARROW = """
SELECT ?neighbour ?name ?region WHERE {
  ?la sg:gssCode "E09000015" ; sg:statisticalNeighbour ?neighbour .
  ?neighbour rdfs:label ?name ; sg:region ?r .
  ?r rdfs:label ?region .
} ORDER BY ?name
"""


@pytest.fixture(scope="module")
def index() -> AuthorityIndex:
    return AuthorityIndex()


def test_every_english_authority_has_a_gss_code() -> None:
    authorities = load_authorities()
    codes = [a.gss_code for a in authorities]
    assert len(codes) == len(set(codes)) == 156
    assert all(re.fullmatch(r"E(06|08|09|10)\d{6}", c) for c in codes)
    current = [a for a in authorities if a.current]
    assert len(current) == 153  # Poole, Northamptonshire and Cumbria were reorganised away
    assert {a.name for a in authorities if not a.current} == {"Poole", "Northamptonshire", "Cumbria"}
    assert all(a.region_code.startswith("E12") and a.region_name for a in authorities)
    assert all(a.ofsted_urn and a.old_code for a in authorities)
    assert all(a.ons_iri == "http://statistics.data.gov.uk/id/statistical-geography/" + a.gss_code
               for a in authorities)
    assert sum(1 for a in current if a.authority_type == "London Borough") == 33


def test_harrow_and_its_neighbours(index: AuthorityIndex) -> None:
    harrow = index.get("E09000015")
    assert harrow is not None and harrow.name == "Harrow"
    assert (harrow.region_code, harrow.region_name) == ("E12000007", "London")
    assert harrow.old_code == "310" and harrow.authority_type == "London Borough"
    assert len(harrow.statistical_neighbours) == 10
    assert all(re.fullmatch(r"E\d{8}", c) for c in harrow.statistical_neighbours)
    names = [n.name for n in index.neighbours(harrow)]
    assert len(names) == 10 and names[0] == "Redbridge"
    assert "London Borough of Harrow" in harrow.variants


def test_neighbours_use_current_codes(index: AuthorityIndex) -> None:
    # The source's GSS column still has Sheffield's and Barnsley's codes retired in 2021.
    every = {c for a in index for c in (*a.statistical_neighbours, *a.previous_statistical_neighbours)}
    assert every <= set(index.by_gss)
    assert "E08000019" not in every and "E08000016" not in every


@pytest.mark.parametrize(("name", "gss"), [
    ("Harrow", "E09000015"),
    ("HARROW", "E09000015"),
    ("London Borough of Harrow", "E09000015"),
    ("the London Borough of Harrow", "E09000015"),
    ("Harrow Council", "E09000015"),
    ("Harrow\u2019s", "E09000015"),
    ("Harrow's", "E09000015"),
    ("E09000015", "E09000015"),
    ("310", "E09000015"),
    ("Kingston upon Hull", "E06000010"),
    ("Kingston Upon Hull, City of", "E06000010"),
    ("Hull City Council", "E06000010"),
    ("Hull", "E06000010"),
    ("Bristol", "E06000023"),
    ("City of Bristol", "E06000023"),
    ("Bristol City Council", "E06000023"),
    ("Telford & Wrekin", "E06000020"),
    ("Telford and Wrekin Council", "E06000020"),
    ("Bournemouth, Christchurch and Poole", "E06000058"),
    ("Bournemouth Christchurch & Poole Council", "E06000058"),
    ("BCP", "E06000058"),
    ("County of Herefordshire", "E06000019"),
    ("St. Helens", "E08000013"),
    ("St Helens Council", "E08000013"),
    ("Southend", "E06000033"),
    ("Southend-on-Sea City Council", "E06000033"),
    ("Royal Borough of Windsor and Maidenhead", "E06000040"),
    ("Royal Borough of Kensington & Chelsea", "E09000020"),
    ("London Borough of Richmond upon Thames", "E09000027"),
    ("City of London", "E09000001"),
    ("City of London Corporation", "E09000001"),
    ("Council of the Isles of Scilly", "E06000053"),
    ("Durham County Council", "E06000047"),
    ("City of York Council", "E06000014"),
    ("Nottinghamshire County Council", "E10000024"),
    ("Nottingham City Council", "E06000018"),
    ("Stockton on Tees", "E06000004"),
    # Trusts and companies that run a council's children's services.
    ("Birmingham Children's Trust", "E08000025"),
    ("Doncaster Children's Services Trust", "E08000017"),
    ("Slough Children First", "E06000039"),
    ("Together for Children Sunderland", "E08000024"),
])
def test_resolve_variants(index: AuthorityIndex, name: str, gss: str) -> None:
    found = index.resolve(name)
    assert found is not None, name
    assert found.gss_code == gss


@pytest.mark.parametrize("name", ["London", "", "Richmond", "Borough", "Council", "Nowhere Council",
                                  "Achieving for Children"])  # runs three councils' services
def test_resolve_refuses_non_authorities(index: AuthorityIndex, name: str) -> None:
    assert index.resolve(name) is None


def test_name_key() -> None:
    assert name_key("St. Helens's") == name_key("st helens")
    assert name_key("Stockton-on-Tees") == name_key("Stockton on Tees")
    assert name_key("Telford & Wrekin") == name_key("TELFORD AND WREKIN")


def test_find_in_text(index: AuthorityIndex) -> None:
    text = ("Harrow's MASH met leaders from North Northamptonshire, Bournemouth, Christchurch and Poole (BCP) "
            "and Stockton-on-\x02Tees. Staff were reading the plan in Reading; Kingston upon Thames attended.")
    found = [(a.name, text[s:e]) for a, s, e in index.find_in_text(text)]
    assert found == [
        ("Harrow", "Harrow"),
        ("North Northamptonshire", "North Northamptonshire"),
        ("Bournemouth, Christchurch and Poole", "Bournemouth, Christchurch and Poole"),
        ("Bournemouth, Christchurch and Poole", "BCP"),
        ("Stockton-on-Tees", "Stockton-on-\x02Tees"),
        ("Reading", "Reading"),
        ("Kingston upon Thames", "Kingston upon Thames"),
    ]
    assert index.find_in_text("Bristol. City of London") == [
        (index.resolve("Bristol"), 0, 7), (index.resolve("City of London"), 9, 23)]
    assert index.find_in_text("Leicestershire and bcp and Harrowgate") == [(index.resolve("Leicestershire"), 0, 14)]
    assert [a.name for a, _, _ in index.find_in_text("Poole", include_abolished=False)] == []


def test_reference_nquads_parse() -> None:
    text = reference_nquads()
    quads = list(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))
    assert quads and all(q.graph_name == ox.NamedNode(REFERENCE_GRAPH) for q in quads)
    sg = "https://w3id.org/safeguarding-kg/ontology#"
    typed = {q.subject for q in quads
             if q.predicate.value.endswith("#type") and q.object == ox.NamedNode(sg + "LocalAuthority")}
    assert len(typed) == 156
    labels = {(q.subject.value, q.object.value) for q in quads if q.predicate.value.endswith("#label")}
    assert ("https://w3id.org/safeguarding-kg/id/la/E09000015", "Harrow") in labels
    assert ("https://w3id.org/safeguarding-kg/id/region/E12000007", "London") in labels
    pops = [q.object for q in quads if q.predicate.value == sg + "population0to25"]
    assert pops and all(p.datatype.value.endswith("#integer") for p in pops)
    assert text == reference_nquads()  # stable


def _ontology_dir(tmp_path: Path) -> Path:
    d = tmp_path / "ontology"
    d.mkdir()
    (d / "sg.ttl").write_text(
        "@prefix sg: <https://w3id.org/safeguarding-kg/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "sg:LocalAuthority a owl:Class ; sg:note [ sg:part 1 ] .\n", encoding="utf-8")
    return d


def test_ensure_static_graphs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    onto = _ontology_dir(tmp_path)
    store = open_store(":memory:")
    with caplog.at_level("WARNING", logger="kg.reference"):
        assert ensure_static_graphs(store, ontology_dir=onto) is True
    assert "thesaurus.ttl: not found" in caplog.text
    graphs = set(store.named_graphs())
    assert {REFERENCE_GRAPH, ONTOLOGY_GRAPH} <= graphs and THESAURUS_GRAPH not in graphs

    rows = store.query(NEIGHBOURS_OF_HARROW).dicts()
    assert len(rows) == 10
    assert all(r["region"] in {"London", "South East"} for r in rows)
    assert "Redbridge" in {r["name"] for r in rows}

    before = store.dump(ExportFormat.NQ)
    assert ensure_static_graphs(store, ontology_dir=onto) is False  # nothing changed: a no-op
    assert store.dump(ExportFormat.NQ) == before

    # A thesaurus appearing (plus a user extension) is loaded; the others stay as they are.
    (onto / "thesaurus.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/safeguarding-kg/thesaurus/mash> a skos:Concept ; skos:prefLabel \"MASH\"@en .\n",
        encoding="utf-8")
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/safeguarding-kg/thesaurus/x-panel> a skos:Concept .\n", encoding="utf-8")
    assert ensure_static_graphs(store, [extra], ontology_dir=onto) is True
    concepts = store.query("SELECT ?c WHERE { GRAPH ?g { ?c a skos:Concept } }").rows
    assert len(concepts) == 2
    assert ensure_static_graphs(store, [extra], ontology_dir=onto) is False
    # Edited ontology: reloaded, and the old triples are gone.
    (onto / "sg.ttl").write_text("@prefix sg: <https://w3id.org/safeguarding-kg/ontology#> .\n"
                                 "sg:Region a <http://www.w3.org/2002/07/owl#Class> .\n", encoding="utf-8")
    assert ensure_static_graphs(store, [extra], ontology_dir=onto) is True
    classes = {r["c"] for r in store.query("SELECT ?c WHERE { ?c a owl:Class }").dicts()}
    assert classes == {"https://w3id.org/safeguarding-kg/ontology#Region"}


def test_ensure_static_graphs_reports_bad_turtle(tmp_path: Path) -> None:
    from kg.errors import InputError

    onto = _ontology_dir(tmp_path)
    (onto / "thesaurus.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match=r"thesaurus\.ttl"):
        ensure_static_graphs(open_store(":memory:"), ontology_dir=onto)


def test_manifest(index: AuthorityIndex) -> None:
    reports = load_reports()
    assert len(reports) == 403
    assert all(r.gss_code in index.by_gss for r in reports)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.publication_date) for r in reports)
    grades = {"", "Outstanding", "Good", "RequiresImprovement", "Inadequate"}
    assert all({r.overall_effectiveness, r.impact_of_leaders, r.help_and_protection, r.children_in_care,
                r.care_leavers} <= grades for r in reports)
    assert all(r.url.startswith("https://files.ofsted.gov.uk/") for r in reports)
    harrow = [r for r in reports if r.gss_code == "E09000015"]
    assert harrow and all(r.file.startswith("ofsted-ilacs/80499_harrow/") for r in harrow)


@needs_shared
def test_manifest_files_exist() -> None:
    for r in load_reports():
        assert (SHARED / "corpus" / r.file).is_file(), r.file


@needs_shared
def test_build_script_is_deterministic(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "build_reference.py"
    for out in (tmp_path / "a", tmp_path / "b"):
        subprocess.run([sys.executable, str(script), "--shared", str(SHARED), "--out", str(out)],
                       check=True, capture_output=True, text=True)
    for name in ("authorities.csv", "ofsted-reports.csv"):
        built = (tmp_path / "a" / name).read_bytes()
        assert built == (tmp_path / "b" / name).read_bytes()
        assert built == (ROOT / "data" / "reference" / name).read_bytes(), f"{name} is out of date"


def test_cli_reference(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["reference", "show", "Harrow Council"])
    assert res.exit_code == 0, res.output
    assert "Harrow (E09000015)" in res.output and " 10. " in res.output

    res = runner.invoke(cli, ["reference", "show", "--format", "json", "London Borough of Harrow"])
    data = json.loads(res.output)
    assert data["gss_code"] == "E09000015" and len(data["statistical_neighbours"]) == 10

    res = runner.invoke(cli, ["reference", "list", "--region", "London", "--format", "csv"])
    assert res.exit_code == 0 and len(res.output.strip().splitlines()) == 1 + 33

    res = runner.invoke(cli, ["reference", "list", "--format", "json"])
    assert len(json.loads(res.output)) == 153

    res = runner.invoke(cli, ["reference", "show", "Atlantis"])
    assert res.exit_code == 1 and "no authority matches" in res.stderr

    store = str(tmp_path / "store")
    res = runner.invoke(cli, ["--store", store, "reference", "load"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["--store", store, "reference", "load"])
    assert res.exit_code == 0 and "already up to date" in res.output
