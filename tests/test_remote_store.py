"""The same ingest against a real `oxigraph serve` gives the same quads as the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import requests

from kg.errors import KgError, StoreError
from kg.ingest import ingest_paths
from kg.store import ExportFormat, open_store

DOCS = ["80430_blackburn-with-darwen/2017-12-08.pdf", "2532283_dorset/2025-05-09.pdf"]
ENDED = "http://www.w3.org/ns/prov#endedAtTime"


def _quads(data: bytes) -> set[str]:
    """Quads of the document graphs (the static graphs' blank nodes get new labels in every store)."""
    return {str(q) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
            if q.predicate.value != ENDED and not isinstance(q.subject, ox.BlankNode)
            and not isinstance(q.object, ox.BlankNode)}


@pytest.fixture()
def docs(shared_dir: Path, tmp_path: Path) -> list[Path]:
    out = []
    for rel in DOCS:
        dest = tmp_path / "in" / rel.replace("/", "_")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_dir / "corpus" / "ofsted-ilacs" / rel, dest)
        out.append(dest)
    return out


def test_remote_ingest_equals_embedded(oxigraph_server: str, docs: list[Path], tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    remote = open_store(oxigraph_server)
    embedded = open_store(tmp_path / "embedded")
    posted: list[str] = []
    real_post = remote._post
    monkeypatch.setattr(remote, "_post", lambda url, *a, **k: (posted.append(url), real_post(url, *a, **k))[1])
    r1 = ingest_paths(remote, docs, jobs=1)
    r2 = ingest_paths(embedded, docs, jobs=1)
    assert len(r1.ingested) == len(r2.ingested) == 2
    assert _quads(remote.dump(ExportFormat.NQ)) == _quads(embedded.dump(ExportFormat.NQ))
    # New documents went to Oxigraph as N-Quads through its graph store endpoint and its bulk loader, not
    # as SPARQL updates (the static graphs, written first, are updates).
    assert remote.server.startswith("Oxigraph/")
    assert remote.endpoints.graph_store + "?no_transaction" in posted
    # Re-ingest changes nothing on the server either.
    again = ingest_paths(remote, docs, jobs=1)
    assert len(again.unchanged) == 2 and not again.ingested
    # --force re-extracts graphs that exist: they are replaced through an update, not added twice.
    forced = ingest_paths(remote, docs, jobs=1, force=True)
    assert len(forced.replaced) + len(forced.ingested) == 2
    assert _quads(remote.dump(ExportFormat.NQ)) == _quads(embedded.dump(ExportFormat.NQ))


def test_a_bulk_loaded_batch_is_all_or_nothing_on_the_server(oxigraph_server: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    remote = open_store(oxigraph_server)
    remote.require_union()  # the first request tells the store which server it is
    posted: list[str] = []
    real_post = remote._post
    monkeypatch.setattr(remote, "_post", lambda url, *a, **k: (posted.append(url), real_post(url, *a, **k))[1])
    g1, g2, g3 = (f"https://w3id.org/safeguarding-kg/id/test/g{i}" for i in (1, 2, 3))
    good = f'<https://example.org/s> <https://example.org/p> "one" <{g1}> .\n'
    broken = f'<https://example.org/s> <https://example.org/p> "two <{g2}> .\n'
    with pytest.raises(KgError, match="no_transaction"):  # ingest then writes the batch one by one
        remote.replace_graphs([(g1, good, ()), (g2, broken, ())], quads=2)
    assert posted[-1].endswith("?no_transaction")
    # The good graph of the failed batch was not written either.
    assert remote.named_graphs() == []
    # A client that dies halfway through sending a batch (here cut at a line boundary, so what arrived parses)
    # leaves nothing either: the server reads the whole body before it writes.
    body = b"".join(f'<https://example.org/s{i}> <https://example.org/p> "v" <{g2}> .\n'.encode()
                    for i in range(2000))
    half = body[:body.rfind(b"\n", 0, len(body) // 2) + 1]
    url = urlsplit(remote.endpoints.graph_store)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(f"POST {url.path}?no_transaction HTTP/1.1\r\nHost: {url.netloc}\r\n"
                     f"Content-Type: application/n-quads\r\nContent-Length: {len(body)}\r\n\r\n".encode() + half)
        time.sleep(0.3)
    time.sleep(0.5)
    assert remote.named_graphs() == []
    remote.replace_graphs([(g1, good, ())], quads=1)
    # A batch of unknown size takes the transactional load.
    remote.replace_graphs([(g3, good.replace(g1, g3), ())])
    assert posted[-1] == remote.endpoints.graph_store
    assert sorted(remote.named_graphs()) == [g1, g3]


def test_remote_ingest_refuses_a_server_without_union(oxigraph_server_no_union: str, docs: list[Path]) -> None:
    store = open_store(oxigraph_server_no_union)
    with pytest.raises(StoreError, match="default graph"):
        ingest_paths(store, docs[:1], jobs=1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_sparql_over_http(docs: list[Path], tmp_path: Path) -> None:
    from kg.serve import serve_command

    store_dir = tmp_path / "store"
    with open_store(store_dir) as store:
        ingest_paths(store, docs[:1], jobs=1)
    port = _free_port()
    proc = subprocess.Popen(serve_command(store_dir, port=port), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 20
        while True:
            try:
                resp = requests.post(
                    url, data="SELECT (COUNT(?d) AS ?n) WHERE { ?d <https://w3id.org/safeguarding-kg/ontology#sha256> ?h }",
                    headers={"Content-Type": "application/sparql-query",
                             "Accept": "application/sparql-results+json"}, timeout=5)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert resp.status_code == 200
        assert resp.json()["results"]["bindings"][0]["n"]["value"] == "1"
        # Read-only: an update is refused.
        upd = requests.post(f"http://127.0.0.1:{port}/update", data="CLEAR ALL",
                            headers={"Content-Type": "application/sparql-update"}, timeout=5)
        assert upd.status_code >= 400
    finally:
        proc.terminate()
        proc.wait(timeout=10)
