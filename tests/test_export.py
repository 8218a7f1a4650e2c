"""`kg export` on the hand-made store of test_analyse.py: RDF formats graph by graph without restricted
documents, Gephi projections readable by networkx."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_analyse import HARROW, build_store, doc_iri, entity, graph_of, la_iri

LETTER = "harrow-2022-letter"
LETTER_ONLY = entity("family-group-conference", HARROW)  # named only by the restricted letter
SHARED = entity("mash", HARROW)  # named by the letter and by two published reports


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    build_store(path).close()
    return path


def run(location: Path, *args: str):
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, ["--store", str(location), "export", *args], catch_exceptions=False)


def parse(data: bytes, fmt: str):
    import pyoxigraph as ox

    ox_fmt = {
        "nq": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "ttl": ox.RdfFormat.TURTLE,
        "jsonld": ox.RdfFormat.JSON_LD,
    }[fmt]
    return list(ox.parse(data, format=ox_fmt))


def terms(quads) -> set[str]:
    out = set()
    for q in quads:
        out |= {q.subject.value, q.object.value}
        if hasattr(q, "graph_name") and hasattr(q.graph_name, "value"):
            out.add(q.graph_name.value)
    return out


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld", "ttl"])
def test_export_rdf_leaves_out_restricted(location: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kg.{fmt}"
    res = run(location, "--format", fmt, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "left out 1 restricted document graph" in res.output
    seen = terms(parse(out.read_bytes(), fmt))
    assert doc_iri(LETTER) not in seen and graph_of(LETTER) not in seen
    assert LETTER_ONLY not in seen
    assert SHARED in seen and doc_iri("harrow-2018") in seen and la_iri(HARROW) in seen
    if fmt != "ttl":
        assert graph_of("harrow-2018") in seen


@pytest.mark.parametrize("fmt", ["nq", "jsonld"])
def test_export_rdf_include_restricted(location: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    res = run(location, "--format", fmt, "-o", str(out), "--include-restricted")
    assert res.exit_code == 0, res.output
    quads = parse(out.read_bytes(), fmt)
    seen = terms(quads)
    assert {doc_iri(LETTER), graph_of(LETTER), LETTER_ONLY} <= seen
    from kg.store import ExportFormat, open_store

    with open_store(location, read_only=True) as store:
        total = len(store.dump(ExportFormat.NQ).splitlines())
    assert len(quads) == total


def test_export_failure_leaves_no_file(location: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.nq"
    res = run(location, "--format", "nq", "--graph", graph_of(LETTER), "-o", str(out))
    assert res.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_export_one_graph(location: Path) -> None:
    res = run(location, "--format", "nq", "--graph", graph_of("harrow-2018"))
    assert res.exit_code == 0
    quads = parse(res.stdout_bytes, "nq")
    assert quads and {q.graph_name.value for q in quads} == {graph_of("harrow-2018")}
    res = run(location, "--format", "nq", "--graph", graph_of(LETTER))
    assert res.exit_code == 1 and "restricted document" in res.output
    res = run(location, "--format", "nq", "--graph", graph_of(LETTER), "--include-restricted")
    assert res.exit_code == 0 and doc_iri(LETTER) in res.output
    res = run(location, "--format", "nq", "--graph", "https://example.org/none")
    assert res.exit_code == 1 and "no graph" in res.output
    res = run(location, "--format", "graphml", "--graph", graph_of("harrow-2018"))
    assert res.exit_code == 2


def test_export_graphml_and_gexf(location: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.graphml"
    res = run(location, "--format", "graphml", "-o", str(out))
    assert res.exit_code == 0, res.output
    G = nx.read_graphml(out)
    assert G.nodes[la_iri(HARROW)]["type"] == "authority"
    assert SHARED in G and LETTER_ONLY not in G
    assert G.nodes[SHARED]["documents"] == 2
    relations = {d["relation"] for _, _, d in G.edges(data=True)}
    assert {"has", "kind", "implements", "coMentionedWith", "statisticalNeighbour"} <= relations
    res = run(location, "--format", "graphml", "-o", str(out), "--include-restricted")
    assert LETTER_ONLY in nx.read_graphml(out)
    res = run(location, "--format", "gexf")
    assert res.exit_code == 0
    H = nx.read_gexf(io.BytesIO(res.stdout_bytes))
    assert H.nodes[la_iri(HARROW)]["label"] == "Harrow"
    assert LETTER_ONLY not in H


def test_export_jsonld_is_a_dataset(location: Path) -> None:
    res = run(location, "--format", "jsonld")
    data = json.loads(res.stdout_bytes)
    named = {item["@id"] for item in data if "@graph" in item}
    assert graph_of("harrow-2018") in named and graph_of(LETTER) not in named
