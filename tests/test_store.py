"""The embedded store: atomic graph replacement, union queries, bindings, dumps, the process lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import QueryError, StoreBusyError
from kg.ntriples import QuadWriter, lit
from kg.store import ExportFormat, bind_with_values, literal, open_store

G1, G2 = "https://example.org/g1", "https://example.org/g2"
S, P = "https://example.org/s", "https://example.org/p"


def _quads(graph: str, *values: str) -> str:
    w = QuadWriter(graph)
    for v in values:
        w.add(S, P, lit(v))
    return w.text()


def test_store_union_and_replace(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.replace_graph(G1, _quads(G1, "a", "b"))
    store.replace_graph(G2, _quads(G2, "c"))
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows
    assert [r[0].value for r in rows] == ["a", "b", "c"]
    store.replace_graph(G1, _quads(G1, "z"))  # replaces g1 only
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows
    assert [r[0].value for r in rows] == ["c", "z"]
    store.replace_graph(G2, _quads(G2, "y"), drop=[G1])  # drop another graph in the same transaction
    assert sorted(store.named_graphs()) == [G2]
    store.close()


def test_store_failed_replacement_keeps_old_graph(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.replace_graph(G1, _quads(G1, "keep me"))
    with pytest.raises(Exception):  # noqa: B017 - any store error
        store.replace_graph(G1, '<https://example.org/s> <https://example.org/p> "broken .\n')
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }").rows
    assert [r[0].value for r in rows] == ["keep me"]


def test_store_bindings_are_terms_not_text(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    store.replace_graph(G1, _quads(G1, 'Harrow"} ; DROP ALL ; {"'))
    q = "SELECT ?s WHERE { ?s ?p ?name }"
    rows = store.query(q, bindings={"name": literal('Harrow"} ; DROP ALL ; {"')}).rows
    assert len(rows) == 1
    text = bind_with_values(q, {"name": literal('x" } DROP ALL { "')})
    assert 'VALUES (?name) { ("x\\" } DROP ALL { \\"") }' in text


def test_store_syntax_error_is_query_error(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s")
    with pytest.raises(QueryError):
        store.query("SELECT WHERE {")


def test_store_dump_formats(tmp_path: Path) -> None:
    import pyoxigraph as ox

    store = open_store(tmp_path / "s")
    store.replace_graph(G1, _quads(G1, "a"))
    nq = store.dump(ExportFormat.NQ)
    assert b"<https://example.org/g1>" in nq
    ttl = store.dump(ExportFormat.TTL)
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == 1
    assert b"https://example.org/g1" in store.dump(ExportFormat.TRIG)


def test_store_second_process_gets_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s"
    store = open_store(path)
    code = (
        "from kg.store import open_store\n"
        "from kg.errors import StoreBusyError\n"
        f"try:\n    open_store({str(path)!r})\nexcept StoreBusyError as e:\n    print('BUSY', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "BUSY" in out.stdout and "in use by another kg process" in out.stdout
    store.close()
    assert StoreBusyError.exit_code == 1
