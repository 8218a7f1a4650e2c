"""kill -9 during `kg ingest`: no document graph is ever half written, and a second run completes the job.

RELIABILITY.md ST-01/ST-02. A copy of 40 corpus PDFs is ingested with two workers; the `kg` process is killed
with SIGKILL at different moments (before the first commit, right after a commit, after random delays);
after each kill the store is reopened and every graph in it is compared, quad for quad (ignoring
prov:endedAtTime), with a clean build of the same documents into a fresh store. The workers of the killed
process must go away on their own. A last `kg ingest` resumes and the store then equals the clean build.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from reliability_docs import (
    group_members,
    kg_command,
    kill_tree,
    quads_by_graph,
    sorted_nquads,
    wait_for_group_exit,
)

from kg.identifiers import GRAPH_PREFIX, PROV
from kg.store import open_store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ofsted-ilacs"
N_DOCS = 40
ENDED = PROV + "endedAtTime"
SHA256 = "https://w3id.org/safeguarding-kg/ontology#sha256"
DOC_GRAPH = re.compile(re.escape(GRAPH_PREFIX) + "[0-9a-f]{32}")


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not beside the repository ({CORPUS} is absent)")
    pdfs = sorted(CORPUS.glob("*/*.pdf"))[::10][:N_DOCS]
    if len(pdfs) < N_DOCS:
        pytest.skip(f"the shared corpus holds fewer than {N_DOCS * 10} PDFs")
    folder = tmp_path_factory.mktemp("atomic") / "corpus copy"
    folder.mkdir()
    for pdf in pdfs:
        shutil.copy(pdf, folder / f"{pdf.parent.name}__{pdf.name}")
    return folder


def graphs(store_dir: Path) -> dict[str, Counter[str]]:
    """Reopen the store (normally, as the next kg command would) and group its quads by graph."""
    with open_store(store_dir) as store:
        return quads_by_graph(sorted_nquads(store), skip_predicates=[ENDED])


#: Documents written together: smaller than N_DOCS, so that kills can land between commits.
BATCH = "8"


def start_ingest(store_dir: Path, folder: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(kg_command("--store", str(store_dir), "ingest", "-j", "2", "--batch", BATCH, *extra,
                                       str(folder)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


@pytest.fixture(scope="module")
def reference(corpus_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Counter[str]], int]:
    """A clean, uninterrupted build of the same documents into a fresh store (graphs, exit code)."""
    store_dir = tmp_path_factory.mktemp("reference") / "store"
    proc = start_ingest(store_dir, corpus_copy)
    _, err = proc.communicate(timeout=300)
    assert b"Traceback" not in err
    ref = graphs(store_dir)
    docs = [g for g in ref if DOC_GRAPH.fullmatch(g)]
    assert len(docs) >= N_DOCS - 2, err.decode()
    return ref, proc.returncode


def stored_docs_now(store_dir: Path) -> int:
    """How many document graphs a separate short-lived read sees (-1 when the store cannot be read yet)."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(store_dir))
        res = store.query(f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?d <{SHA256}> ?h }} }}")
        n = int(next(iter(res))[0].value)
        del store
        return n
    except (OSError, ValueError, RuntimeError, StopIteration):
        return -1


def check_consistent(store_dir: Path, ref: dict[str, Counter[str]]) -> int:
    """Every graph is exactly the clean build's graph of that name; returns the number of document graphs."""
    now = graphs(store_dir)
    for graph, quads in now.items():
        assert graph in ref, f"unexpected graph {graph}"
        missing, extra = ref[graph] - quads, quads - ref[graph]
        assert not missing and not extra, (f"graph {graph} differs from a clean build: {len(missing)} quads "
                                           f"missing, {len(extra)} extra")
    return sum(1 for g in now if DOC_GRAPH.fullmatch(g))


def kill_during(store_dir: Path, folder: Path, wait_for: str, delay: float, *extra: str) -> bool:
    """Start `kg ingest`, wait for the moment, SIGKILL the kg process; True if it had already finished.

    "start": `delay` seconds after the start; "documents": `delay` seconds after a separate read first
    sees more document graphs than before the start (that is, just after a commit)."""
    before = max(0, stored_docs_now(store_dir)) if store_dir.exists() else 0
    proc = start_ingest(store_dir, folder, *extra)
    err = b""
    try:
        deadline = time.monotonic() + 120
        if wait_for != "start":
            while time.monotonic() < deadline and proc.poll() is None:
                if stored_docs_now(store_dir) > before:
                    break
                time.sleep(0.05)
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            # SIGKILL to the kg process only, as `kill -9 <pid>` does: its workers must notice and exit.
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        left = wait_for_group_exit(proc.pid, timeout=10)
        assert not left, f"worker processes outlived the killed ingest: {left}"
    finally:
        kill_tree(proc)
        if proc.stderr:
            err = proc.stderr.read()
            proc.stderr.close()
    assert b"Traceback" not in err
    return finished


def test_kill_during_ingest_never_half_writes(corpus_copy: Path, reference, tmp_path: Path) -> None:
    ref, ref_code = reference
    store_dir = tmp_path / "store"
    rng = random.Random(7)
    # (what to wait for before the kill, extra delay in seconds)
    # During start-up; part-way through reading (usually before the first commit); right after a commit;
    # a little after the next one; early in a run with little left to do. Documents are committed in
    # batches (--batch), so each kill lands before, between or just after commits.
    moments = [("start", 0.6), ("start", rng.uniform(1.5, 3.0)), ("documents", 0.0),
               ("documents", rng.uniform(0.05, 0.3)), ("start", rng.uniform(0.8, 1.6))]
    log = []
    for wait_for, delay in moments:
        before = check_consistent(store_dir, ref) if store_dir.exists() else 0
        finished = kill_during(store_dir, corpus_copy, wait_for, delay)
        docs = check_consistent(store_dir, ref)
        log.append((wait_for, round(delay, 2), before, docs, "finished before the kill" if finished else "killed"))
        assert docs >= before  # a kill never loses what an earlier run committed
    print("\nkills (wait for, extra delay s, documents before, documents after, outcome):")
    for row in log:
        print("  ", row)
    assert any(0 < row[3] < N_DOCS for row in log), "no kill landed part-way through the batch"

    # A second run resumes: it skips what is stored, adds the rest, and ends with the clean build's exit code.
    result = subprocess.run(kg_command("--store", str(store_dir), "ingest", "-j", "2", str(corpus_copy)),
                            capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr
    assert result.returncode == ref_code, result.stderr
    assert f"{log[-1][3]} unchanged" in result.stderr, result.stderr
    assert graphs(store_dir) == ref, "after the resumed run the store differs from a clean build"

    # Replacement (--force re-extracts every document and replaces its graph, one DROP + INSERT each):
    # killed part-way, every graph is still whole and all documents are there.
    delay = rng.uniform(3.0, 5.0)
    finished = kill_during(store_dir, corpus_copy, "start", delay, "--force")
    assert check_consistent(store_dir, ref) == len([g for g in ref if DOC_GRAPH.fullmatch(g)])
    print(f"   ('--force', {delay:.2f}, all, all, {'finished before the kill' if finished else 'killed'})")


def test_group_members_helper_sees_live_processes() -> None:
    """The orphan check above relies on reading process groups from /proc."""
    proc = subprocess.Popen(["sleep", "5"], start_new_session=True)
    try:
        assert group_members(proc.pid) == [proc.pid]
    finally:
        kill_tree(proc)
        proc.wait()
    assert group_members(proc.pid) == []
