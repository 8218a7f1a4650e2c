"""kill -9 during `kg ingest`: no document graph is ever half written, and a second run completes the job.

RELIABILITY.md ST-01/ST-02. A copy of 40 corpus PDFs is ingested with two workers; the `kg` process is killed
with SIGKILL at different moments (before the first commit, right after a commit, after random delays);
after each kill the store is reopened and every graph in it is compared, quad for quad (ignoring
prov:endedAtTime), with a clean build of the same documents into a fresh store. The workers of the killed
process must go away on their own. A last `kg ingest` resumes and the store then equals the clean build.
"""

from __future__ import annotations

import os
from collections import Counter
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_docs import group_members, kg_command, kill_tree, quads_by_graph, sorted_nquads, wait_for_group_exit

from kg.identifiers import GRAPH_PREFIX, PROV
from kg.store import open_store

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ofsted-ilacs"
N_DOCS = 40
ENDED = PROV + "endedAtTime"
SHA256 = "https://w3id.org/safeguarding-kg/ontology#sha256"


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


def start_ingest(store_dir: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(kg_command("--store", str(store_dir), "ingest", "-j", "2", str(folder)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


@pytest.fixture(scope="module")
def reference(corpus_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Counter[str]], int]:
    """A clean, uninterrupted build of the same documents into a fresh store (graphs, exit code)."""
    store_dir = tmp_path_factory.mktemp("reference") / "store"
    proc = start_ingest(store_dir, corpus_copy)
    _, err = proc.communicate(timeout=300)
    assert b"Traceback" not in err
    ref = graphs(store_dir)
    docs = [g for g in ref if g.startswith(GRAPH_PREFIX) and any(SHA256 in q for q in ref[g])]
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
    return sum(1 for g, q in now.items() if any(SHA256 in line for line in q))


def test_kill_during_ingest_never_half_writes(corpus_copy: Path, reference, tmp_path: Path) -> None:
    ref, ref_code = reference
    store_dir = tmp_path / "store"
    rng = random.Random(7)
    # (what to wait for before the kill, extra delay in seconds)
    moments = [("start", 0.6), ("documents", 0.0), ("more documents", 0.0), ("start", rng.uniform(2.0, 4.0)),
               ("documents", rng.uniform(0.1, 1.0))]
    log = []
    for wait_for, delay in moments:
        before = max(0, stored_docs_now(store_dir)) if store_dir.exists() else 0
        proc = start_ingest(store_dir, corpus_copy)
        try:
            deadline = time.monotonic() + 120
            if wait_for != "start":
                target = before + 1
                while time.monotonic() < deadline and proc.poll() is None:
                    if stored_docs_now(store_dir) >= target:
                        break
                    time.sleep(0.05)
            time.sleep(delay)
            finished = proc.poll() is not None
            # SIGKILL to the kg process only, as `kill -9 <pid>` would do: its workers must notice and exit.
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
    final = graphs(store_dir)
    assert final == ref, "after the resumed run the store differs from a clean build"


def test_group_members_helper_sees_live_processes() -> None:
    """The orphan check above relies on reading process groups from /proc."""
    proc = subprocess.Popen(["sleep", "5"], start_new_session=True)
    try:
        assert group_members(proc.pid) == [proc.pid]
    finally:
        kill_tree(proc)
        proc.wait()
    assert group_members(proc.pid) == []
