"""Two `kg` processes on one embedded store (RELIABILITY.md ST-05, ST-06, LD-05).

The embedded store is held by one process at a time (RocksDB's LOCK file). A second `kg ingest` (or
`kg query`) started while the first runs must stop at once with the one-line error "the store is in use by
another kg process" and exit code 1: never a traceback, never a wait without end, never a damaged store.
The first run completes, and the store opens and answers queries afterwards.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from reliability_docs import kg_command, kill_tree, make_pdf

from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
BUSY = "the store is in use by another kg process"


def make_folder(folder: Path, n: int) -> Path:
    """`n` small, distinct PDF reports (enough work to keep a first ingest busy for a few seconds)."""
    folder.mkdir(parents=True)
    authorities = ["Harrow", "Barnet", "Ealing", "Brent", "Camden", "Merton", "Sutton", "Bexley"]
    for i in range(n):
        name = authorities[i % len(authorities)]
        lines = [f"Inspection of {name} local authority children's services",
                 f"Inspection dates: {1 + i % 27} March to {2 + i % 27} March 2019",
                 "Overall effectiveness: Good",
                 f"The MASH works with the Metropolitan Police Service; {50 + i}% of assessments are timely.",
                 "Social workers use Signs of Safety and the Family Safeguarding model."] * 6
        (folder / f"report {i:03d}.pdf").write_bytes(make_pdf([lines] * 8))
    return folder


def holds_lock(store_dir: Path) -> bool:
    """True when some process holds the store's LOCK file (read from /proc/locks, without touching the
    lock: trying to take it could steal it from the ingest that is starting)."""
    try:
        inode = (store_dir / "LOCK").stat().st_ino
        locks = Path("/proc/locks").read_text()
    except OSError:
        return False
    return any(line.split()[5].rsplit(":", 1)[-1] == str(inode) for line in locks.splitlines()
               if len(line.split()) > 5)


def check_one_line_busy_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and BUSY in errors[0], result.stderr
    # Besides the error, at most a hint line.
    assert all(line.startswith(("error: ", "hint: ")) for line in result.stderr.splitlines()), result.stderr


def test_second_ingest_stops_with_one_line_while_first_completes(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "reports", 60)
    other = tmp_path / "other"
    other.mkdir()
    (other / "letter.txt").write_bytes((SAMPLES / "harrow-2019-engagement-letter.txt").read_bytes())
    store_dir = tmp_path / "store"
    first = subprocess.Popen(kg_command("--store", str(store_dir), "ingest", "-j", "1", str(folder)),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and first.poll() is None and not holds_lock(store_dir):
            time.sleep(0.05)
        assert first.poll() is None, "the first ingest ended before the second could start; give it more work"
        t0 = time.perf_counter()
        second = subprocess.run(kg_command("--store", str(store_dir), "ingest", "-j", "1", str(other)),
                                capture_output=True, text=True, timeout=60)
        waited = time.perf_counter() - t0
        query = subprocess.run(kg_command("--store", str(store_dir), "query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"),
                               capture_output=True, text=True, timeout=60)
        still_running = first.poll() is None
        _out, err = first.communicate(timeout=300)
    finally:
        kill_tree(first)
    print(f"\nsecond ingest refused after {waited:.2f} s; first still running then: {still_running}")
    check_one_line_busy_error(second)
    check_one_line_busy_error(query)
    assert first.returncode == 0, err
    assert "Traceback" not in err and "60 ingested" in err, err
    with open_store(store_dir) as store:
        n = store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d sg:sha256 ?h }").rows[0][0].python()
        letters = store.query("ASK { ?d a sg:EngagementLetter }").boolean
    assert n == 60 and not letters
    # And the refused document goes in once the store is free.
    again = subprocess.run(kg_command("--store", str(store_dir), "ingest", "-j", "1", str(other)),
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    with open_store(store_dir) as store:
        assert store.query("ASK { ?d a sg:EngagementLetter }").boolean


@pytest.mark.parametrize("round_", range(3))
def test_two_ingests_started_together(tmp_path: Path, round_: int) -> None:
    """Started at the same moment: one wins the store, the other stops cleanly (or runs after it); the
    store then holds every document the winners reported, and nothing else is damaged."""
    a = make_folder(tmp_path / "a", 4)
    b = tmp_path / "b"
    b.mkdir()
    (b / "letter.txt").write_bytes((SAMPLES / "harrow-2019-engagement-letter.txt").read_bytes())
    store_dir = tmp_path / "store"
    procs = [subprocess.Popen(kg_command("--store", str(store_dir), "ingest", "-j", "1", str(f)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
             for f in (a, b)]
    try:
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            kill_tree(p)
    codes = [p.returncode for p in procs]
    for (_, err), code in zip(results, codes, strict=True):
        assert "Traceback" not in err
        if code != 0:
            check_one_line_busy_error(subprocess.CompletedProcess([], code, "", err))
    assert 0 in codes, results
    with open_store(store_dir) as store:
        n = store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d sg:sha256 ?h }").rows[0][0].python()
    assert n == (4 if codes[0] == 0 else 0) + (1 if codes[1] == 0 else 0)
