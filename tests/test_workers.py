"""Worker processes start through kg's own bootstrap, which ends quietly when the parent died first.

The case it guards: `kill -9` of `kg ingest` while it starts a worker, between starting the child and
writing its start-up data. The standard bootstrap then prints an EOFError traceback; ours does not.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg.workers import command_line, spawn_context

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the quiet bootstrap is POSIX only")


def _start_with_empty_pipe(program: str) -> subprocess.CompletedProcess[bytes]:
    """Run a spawned child's bootstrap whose parent closed the pipe without writing (as a dead parent)."""
    read_end, write_end = os.pipe()
    os.close(write_end)
    try:
        return subprocess.run([sys.executable, "-c", program % read_end, "--multiprocessing-fork"],
                              pass_fds=[read_end], capture_output=True, timeout=60)
    finally:
        os.close(read_end)


def test_standard_bootstrap_prints_a_traceback_when_the_parent_is_gone() -> None:
    # The behaviour being replaced, so that the test below means something on this Python.
    done = _start_with_empty_pipe("from multiprocessing.spawn import spawn_main; spawn_main(pipe_handle=%d)")
    assert done.returncode != 0
    assert b"EOFError" in done.stderr


def test_kg_bootstrap_ends_quietly_when_the_parent_is_gone() -> None:
    done = _start_with_empty_pipe("from kg.workers import main; main(pipe_handle=%d)")
    assert done.returncode == 1
    assert done.stderr == b""


def test_command_line_runs_kg_bootstrap() -> None:
    line = command_line(tracker_fd=5, pipe_handle=7)
    programs = [arg for arg in line if isinstance(arg, str) and "main(" in arg]
    assert programs == ["from kg.workers import main; main(tracker_fd=5, pipe_handle=7)"]
    assert line[-1] == "--multiprocessing-fork"


def _square(x: int) -> int:
    return x * x


def test_worker_pool_runs_work_and_reports_errors() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=spawn_context()) as pool:
        assert list(pool.map(_square, range(5))) == [0, 1, 4, 9, 16]
        with pytest.raises(TypeError):
            pool.submit(_square, "x").result()
