"""The named queries against a real `oxigraph serve` (loopback only): same answers as the embedded store."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import QueryError
from kg.query import list_queries, run_named_query, run_query
from kg.store import RemoteStore, Store, open_store

#: Parameters for every named query: ordinary values, other spellings, and values that match nothing.
CASES: dict[str, list[dict[str, str]]] = {
    "authorities": [{}, {"region": "london"}],
    "authorities-with": [{"concept": "MASH"}, {"concept": "family-safeguarding", "region": "London"},
                         {"concept": "Met police"}, {"concept": "nothing"}],
    "authority-entity-history": [{"authority": "Harrow", "concept": "MASH"},
                                 {"authority": "london borough of harrow", "concept": "Family Safeguarding"}],
    "authority-metrics": [{"authority": "Harrow"}, {"authority": "harrow", "indicator": "agency"}],
    "authority-partners": [{"authority": "Harrow"}, {"authority": "Ealing"}],
    "diffusion": [{}, {"concept": "signs of safety"}, {"region": "London"}],
    "documents": [{}, {"authority": "Harrow"}],
    "entity-evidence": [{"entity": "MASH"}, {"entity": "MASH", "authority": "Harrow"},
                        {"entity": "https://w3id.org/safeguarding-kg/id/entity/E09000009/mash"}],
    "family-safeguarding": [{}],
    "improvements": [{"authority": "Harrow"}, {"authority": "Ealing"}],
    "judgements": [{}, {"authority": "Harrow Council"}],
    "london-mash-education-lead": [{}],
    "mash-with-role": [{"role": "education lead"}, {"role": "education", "region": "London"}],
    "statistical-neighbours": [{"authority": "Harrow"}],
    "statuses": [{"authority": "Harrow"}, {"authority": "harrow", "status": "Piloted"}],
    "who-runs": [{"concept": "Family Safeguarding"}, {"concept": "mash"}],
}
HOSTILE = 'Harrow" } ; DROP ALL ; { "'


@pytest.fixture
def remote(oxigraph_server: str, query_graphs: list[tuple[str, str]]) -> RemoteStore:
    store = open_store(oxigraph_server)
    assert isinstance(store, RemoteStore)
    store.replace_graphs([(g, nq, ()) for g, nq in query_graphs])
    return store


@pytest.fixture(scope="module")
def embedded(query_graphs: list[tuple[str, str]]) -> Store:
    store = open_store(":memory:")
    for g, nq in query_graphs:
        store.replace_graph(g, nq)
    return store


def test_every_named_query_answers_alike(remote: RemoteStore, embedded: Store) -> None:
    assert remote.check_union()
    assert set(CASES) == {q.name for q in list_queries()}, "add the new query to CASES"
    for name, cases in CASES.items():
        for params in cases:
            here = run_named_query(embedded, name, params)
            there = run_named_query(remote, name, params, timeout=30)
            assert there.vars == here.vars, name
            assert there.rows == here.rows, (name, params)
    answered = sum(bool(run_named_query(remote, n, c[0]).rows) for n, c in CASES.items())
    assert answered == len(CASES)  # every query has a non-empty answer to compare


def test_hostile_values_are_bound_not_pasted(remote: RemoteStore, embedded: Store) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = remote.query(count).rows[0][0]
    for name, key in [("judgements", "authority"), ("who-runs", "concept"), ("mash-with-role", "role")]:
        assert run_named_query(remote, name, {key: HOSTILE}).rows == []
        assert run_named_query(embedded, name, {key: HOSTILE}).rows == []
    assert remote.query(count).rows[0][0] == before


def test_cli_against_the_server(remote: RemoteStore, oxigraph_server: str) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["--store", oxigraph_server, "query", "--name", "london-mash-education-lead",
                              "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert [line.split(",")[0] for line in res.stdout.splitlines()] == ["local_authority", "Ealing", "Harrow"]
    res = runner.invoke(cli, ["--store", oxigraph_server, "query", "DROP ALL"])
    assert res.exit_code == 1 and "read-only" in res.stderr
    assert remote.named_graphs()  # nothing was sent to the update endpoint


def test_remote_deadline(remote: RemoteStore, oxigraph_server: str) -> None:
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"query timed out after 1 s \(--timeout\)"):
        run_query(oxigraph_server, cross, timeout=1)
    assert time.monotonic() - started < 3


def test_check_union_detects_a_server_without_union_default_graph(
        oxigraph_server_no_union: str, query_graphs: list[tuple[str, str]]) -> None:
    store = open_store(oxigraph_server_no_union)
    assert isinstance(store, RemoteStore)
    assert store.check_union()  # empty: nothing to tell yet
    store.replace_graphs([(g, nq, ()) for g, nq in query_graphs])
    assert store.check_union() is False
    # Without the union, the named queries see nothing: that is what check_union guards against.
    assert run_named_query(store, "judgements", {}).rows == []
