"""`kg ingest` end to end: real reports, bad files in a batch, re-ingest, replacement, removal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.cli import cli
from kg.ingest import ingest_paths, stored_documents
from kg.store import open_store

SAMPLE = [
    "80430_blackburn-with-darwen/2017-12-08.pdf",
    "2532283_dorset/2025-05-09.pdf",
    "80429_birmingham/2012-10-19.pdf",  # an HTML error page saved as .pdf
]


@pytest.fixture()
def small_corpus(shared_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "corpus with spaces"
    for rel in SAMPLE:
        dest = folder / rel.replace("/", "__")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_dir / "corpus" / "ofsted-ilacs" / rel, dest)
    return folder


def test_ingest_cli_reports_bad_file_and_goes_on(small_corpus: Path, tmp_path: Path, runner) -> None:
    store_dir = tmp_path / "store"
    result = runner.invoke(cli, ["--store", str(store_dir), "ingest", "-j", "1", str(small_corpus)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert "80429_birmingham__2012-10-19.pdf" in errors[0] and "HTML page" in errors[0]
    assert "2 ingested" in result.stderr
    assert "Traceback" not in result.output
    # Again: nothing changes, and it says so.
    again = runner.invoke(cli, ["--store", str(store_dir), "ingest", "-j", "1", str(small_corpus)])
    assert "0 ingested, 0 replaced, 2 unchanged, 1 failed" in again.stderr
    assert "nothing changed in the store" in again.stderr
    with open_store(store_dir) as store:
        rows = store.query("""SELECT ?la ?kind WHERE { ?d sg:about ?la ; a ?kind ; sg:sha256 ?h }
                              ORDER BY ?la""").dicts()
    assert {r["la"].rsplit("/", 1)[-1] for r in rows} == {"E06000008", "E06000059"}


def test_ingest_changed_file_replaces_its_graph(tmp_path: Path) -> None:
    doc = tmp_path / "letter.txt"
    doc.write_text("Inspection of Harrow local authority children's services\nThe MASH is strong.\n",
                   encoding="utf-8")
    store = open_store(tmp_path / "store")
    first = ingest_paths(store, [doc], jobs=1)
    assert len(first.ingested) == 1
    doc.write_text("Inspection of Harrow local authority children's services\nThe MASH is weak.\n",
                   encoding="utf-8")
    second = ingest_paths(store, [doc], jobs=1)
    assert second.replaced == [str(doc)]
    by_sha, by_source = stored_documents(store)
    assert len(by_sha) == 1 and len(by_source[str(doc)]) == 1
    sentences = store.query("SELECT ?s WHERE { ?m a sg:Mention ; sg:sentence ?s }").rows
    assert all("weak" in r[0].value for r in sentences)


def test_ingest_parallel_equals_serial(small_corpus: Path, tmp_path: Path) -> None:
    a = open_store(tmp_path / "a")
    b = open_store(tmp_path / "b")
    ingest_paths(a, [small_corpus], jobs=1)
    ingest_paths(b, [small_corpus], jobs=2)
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?p != prov:endedAtTime) }"
    assert a.query(q).rows[0][0].value == b.query(q).rows[0][0].value


def test_ingest_remove(tmp_path: Path, runner) -> None:
    doc = tmp_path / "x.txt"
    doc.write_text("Inspection of Harrow local authority children's services\nThe MASH is strong.\n",
                   encoding="utf-8")
    store_dir = tmp_path / "store"
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", "-j", "1", str(doc)]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store_dir), "remove", str(doc)])
    assert result.exit_code == 0 and "removed 1" in result.stderr
    missing = runner.invoke(cli, ["--store", str(store_dir), "remove", str(doc)])
    assert missing.exit_code == 1 and missing.stderr.startswith("error: not in the store")


def test_ingest_folder_with_symlink_loop_and_odd_names(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "loop").symlink_to(folder)
    (folder / "it's \"quoted\" é.txt").write_text(
        "Inspection of Harrow local authority children's services\nThe MASH is strong.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "README.md").write_text("# What this folder holds\n", encoding="utf-8")  # not a document
    store = open_store(tmp_path / "store")
    report = ingest_paths(store, [folder], jobs=1)
    assert len(report.ingested) == 1
    assert [Path(p).name for p, _ in report.failed] == ["empty.txt"]
