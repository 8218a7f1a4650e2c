"""CLI robustness found in practitioner QA: a mistyped --store, remove by another form of the path, a closed
stdout, empty summary lines, one-name compare, misspelt authorities and an empty folder to ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreMissingError
from kg.store import RemoteStore, open_store

LETTER = "Inspection of {} local authority children's services\nThe MASH is strong.\n"

#: Every command that only reads the store, with the arguments it needs (output kept inside tmp_path).
READERS = [
    ["stats"],
    ["validate"],
    ["analyse"],
    ["export", "--format", "nq"],
    ["compare", "Harrow", "Barnet"],
    ["thesaurus", "suggest"],
    ["viz", "overview", "-o", "{tmp}/overview.html"],
    ["site", "-o", "{tmp}/site"],
    ["serve"],
    ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
    ["query", "--name", "documents"],
    ["update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
    ["remove", "x.pdf"],
]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analysis sample graphs (six authorities, Harrow and Barnet among them) in a store on disk."""
    from test_analyse import build_store

    location = tmp_path_factory.mktemp("robustness") / "store"
    build_store(location).close()
    return location


# --- 1. a store that is not there -------------------------------------------------------------------


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_reading_a_missing_store_is_one_clear_error_and_creates_nothing(args: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "typo"
    argv = ["--store", str(missing), *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    res = CliRunner().invoke(cli, argv)
    assert res.exit_code == 1, res.output
    assert "no store" in res.stderr and "IO error" not in res.stderr and "Traceback" not in res.output
    assert not missing.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no site, no page, no store


@pytest.mark.parametrize("args", [["stats"], ["analyse"], ["thesaurus", "suggest"]], ids=" ".join)
def test_missing_store_message_says_what_to_do(args: list[str], tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["--store", str(tmp_path / "x"), *args])
    assert res.stderr.splitlines() == [
        f'error: no store at {tmp_path / "x"} (nothing has been ingested there; run "kg ingest ..." first, '
        "or give --store)"
    ]


def test_a_created_empty_store_reads_and_a_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    open_store(tmp_path / "empty").close()
    res = CliRunner().invoke(cli, ["--store", str(tmp_path / "empty"), "stats", "--format", "json"])
    assert res.exit_code == 0 and '"documents": 0' in res.stdout
    other = tmp_path / "papers"
    other.mkdir()
    (other / "notes.txt").write_text("not a store", encoding="utf-8")
    res = CliRunner().invoke(cli, ["--store", str(other), "stats"])
    assert res.exit_code == 1 and "is not a kg store" in res.stderr
    assert [p.name for p in other.iterdir()] == ["notes.txt"]


def test_open_store_must_exist_is_the_library_path(tmp_path: Path) -> None:
    for kwargs in ({"read_only": True}, {"must_exist": True}):
        with pytest.raises(StoreMissingError, match="no store at"):
            open_store(tmp_path / "nope", **kwargs)
    assert not (tmp_path / "nope").exists()
    # A server is not a folder: nothing to check, and nothing is contacted when opening it.
    assert isinstance(open_store("http://127.0.0.1:9/ds", must_exist=True), RemoteStore)
    open_store(tmp_path / "new").close()  # the default still creates one (kg ingest relies on it)
    assert (tmp_path / "new" / "CURRENT").is_file()


# --- 2. remove by any path to the file, or by its content ------------------------------------------


def test_remove_finds_documents_by_resolved_path_and_by_content(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "80432_bolton"
    folder.mkdir()
    for name, authority in (("a.txt", "Harrow"), ("b.txt", "Barnet"), ("c.txt", "Brent")):
        (folder / name).write_text(LETTER.format(authority), encoding="utf-8")
    (tmp_path / "link").symlink_to(folder)
    store = str(tmp_path / "store")
    runner = CliRunner()
    ingested = runner.invoke(cli, ["--store", store, "ingest", "-j", "1", str(folder / "a.txt"),
                                   str(tmp_path / "link" / "b.txt"), str(folder / "c.txt")])
    assert ingested.exit_code == 0, ingested.output
    monkeypatch.chdir(folder)
    # Ingested by absolute path, removed by the name inside its folder.
    res = runner.invoke(cli, ["--store", store, "remove", "a.txt"])
    assert res.exit_code == 0 and "removed 1" in res.stderr, res.output
    # Ingested through a symbolic link, removed by the real path.
    res = runner.invoke(cli, ["--store", store, "remove", str(folder / "b.txt")])
    assert res.exit_code == 0 and "removed 1" in res.stderr, res.output
    # Moved since: found by its content.
    (folder / "c.txt").rename(tmp_path / "moved.txt")
    res = runner.invoke(cli, ["--store", store, "remove", str(tmp_path / "moved.txt")])
    assert res.exit_code == 0 and "removed 1" in res.stderr, res.output
    res = runner.invoke(cli, ["--store", store, "remove", "a.txt"])
    assert res.exit_code == 1 and res.stderr.startswith("error: not in the store: a.txt")


# --- 3. a closed stdout ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["stats"], ["reference", "list"]], ids=" ".join)
def test_a_closed_stdout_ends_quietly_with_exit_0(args: list[str], tmp_path: Path) -> None:
    open_store(tmp_path / "store").close()
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written, as after `| head -1`
    try:
        proc = subprocess.run([sys.executable, "-c", "from kg.cli import cli; cli()",
                               "--store", str(tmp_path / "store"), *args],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


# --- 4. analyse: no empty summary line ---------------------------------------------------------------


def test_analyse_without_authority_prints_no_empty_authority_line(sample_store: Path) -> None:
    res = CliRunner().invoke(cli, ["--store", str(sample_store), "analyse", "--top", "2"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert "authorities: 6" in lines and not [line for line in lines if line.startswith("authority:")]
    res = CliRunner().invoke(cli, ["--store", str(sample_store), "analyse", "--top", "2", "-a", "Harrow"])
    assert "authority: Harrow" in res.stdout.splitlines()


# --- 5. compare with one name; misspelt authorities --------------------------------------------------


def test_compare_with_one_name_says_what_to_add(sample_store: Path) -> None:
    res = CliRunner().invoke(cli, ["--store", str(sample_store), "compare", "Harow"])
    assert res.exit_code == 2
    message = " ".join(res.stderr.split())
    assert "second" in message and "--neighbours" in message and "--over-time" in message


@pytest.mark.parametrize("args", [
    ["compare", "Harrow", "Harow"],
    ["compare", "Harow", "--neighbours"],
    ["analyse", "--authority", "harow"],
    ["query", "--name", "documents", "--param", "authority=Harow"],
    ["query", "--name", "judgements", "--param", "authority=Harow"],
], ids=" ".join)
def test_a_misspelt_authority_gets_did_you_mean(args: list[str], sample_store: Path) -> None:
    res = CliRunner().invoke(cli, ["--store", str(sample_store), *args])
    assert res.exit_code == 1, res.output
    assert res.stderr.splitlines()[-2:] in (
        ["error: unknown authority: Harow", "hint: did you mean Harrow?"],
        ["error: unknown authority: harow", "hint: did you mean Harrow?"],
    )


def test_query_for_scripts_keeps_its_empty_answer_and_warns(sample_store: Path) -> None:
    res = CliRunner().invoke(cli, ["--store", str(sample_store), "query", "--name", "documents",
                                   "--param", "authority=Harow", "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.startswith("local_authority,")
    assert res.stderr == "warning: unknown authority: Harow (did you mean Harrow?)\n"


def test_query_with_a_known_authority_still_answers(sample_store: Path) -> None:
    base = ["--store", str(sample_store), "query", "--name"]
    res = CliRunner().invoke(cli, [*base, "documents", "--param", "authority=harrow", "--format", "csv"])
    assert res.exit_code == 0 and "Harrow" in res.stdout
    # Known, with nothing to show: still "(no results)", not an error.
    res = CliRunner().invoke(cli, [*base, "improvements", "--param", "authority=Barnsley"])
    assert res.exit_code == 0 and "(no results)" in res.output, res.output


# --- 6. an empty folder to ingest --------------------------------------------------------------------


def test_ingest_of_an_empty_folder_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "EMPTY"
    empty.mkdir()
    (empty / "table.xlsx").write_bytes(b"not a document type kg reads")
    res = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "ingest", str(empty)])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"error: {empty}: no documents found in this folder")
    assert len(res.stderr.splitlines()) == 1
    assert not (tmp_path / "store").exists()
