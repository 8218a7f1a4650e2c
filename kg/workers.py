"""Worker processes that start quietly, even when the parent is killed while starting them.

`kg ingest` starts its workers with the "spawn" method (a fresh interpreter: forking a parent that
holds an open store and a writer thread is not safe). A spawned child first reads its start-up data
from a pipe the parent writes just after starting it. If the parent is killed in between (`kill -9`
during start-up), the standard library's bootstrap meets the end of the pipe and prints an EOFError
traceback, which the user reads as a crash of kg. Here the child's command line calls `main` below,
which runs the same bootstrap and ends quietly in that one case.
"""

from __future__ import annotations

import os
import threading
import time
from multiprocessing import context, popen_spawn_posix, spawn
from typing import Any

#: The standard library's bootstrap program (the `-c` argument of a spawned child), and ours.
_STDLIB_PROGRAM = "from multiprocessing.spawn import spawn_main; spawn_main("
_OUR_PROGRAM = "from kg.workers import main; main("
_standard_command_line = spawn.get_command_line


def main(pipe_handle: int, parent_pid: int | None = None, tracker_fd: int | None = None) -> None:
    """The child's entry point: the standard bootstrap, but silent when the parent died before it wrote."""
    try:
        spawn.spawn_main(pipe_handle, parent_pid, tracker_fd)
    except EOFError:
        # Nothing (or half) of the start-up data arrived: the parent is gone, and so is the work.
        os._exit(1)


def command_line(**kwds: Any) -> list[str]:
    """The standard spawn command line with our entry point in place of the standard one.

    Left as it is when it does not have the expected form (a frozen executable, a future Python), so
    the worker still starts, only without the quiet ending."""
    line = _standard_command_line(**kwds)
    return [_OUR_PROGRAM + arg[len(_STDLIB_PROGRAM):] if isinstance(arg, str) and arg.startswith(_STDLIB_PROGRAM)
            else arg for arg in line]


class _Popen(popen_spawn_posix.Popen):
    def _launch(self, process_obj: Any) -> None:
        # popen_spawn_posix builds the command line with spawn.get_command_line, looked up when it is
        # called; it is swapped only for this launch, by the one thread that starts workers.
        spawn.get_command_line = command_line  # type: ignore[assignment]
        try:
            super()._launch(process_obj)
        finally:
            spawn.get_command_line = _standard_command_line  # type: ignore[assignment]


class _Process(context.SpawnProcess):
    _start_method = "spawn"

    @staticmethod
    def _Popen(process_obj: Any) -> _Popen:  # the name multiprocessing calls
        return _Popen(process_obj)


class QuietSpawnContext(context.SpawnContext):
    """A "spawn" context whose children end quietly when the parent dies while starting them."""

    Process = _Process  # type: ignore[assignment]


def spawn_context() -> context.BaseContext:
    """The context for worker pools: quiet spawn on POSIX, the standard spawn elsewhere."""
    if os.name == "posix":
        return QuietSpawnContext()
    return context.SpawnContext()


def _exit_with_parent(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            os._exit(1)


def watch_parent(parent: int, interval: float = 0.5) -> None:
    """Called in a worker (a pool's initializer): end the worker when its parent is gone (killed with SIGKILL).

    A ProcessPoolExecutor worker otherwise waits on its task queue forever once the parent dies, and every
    killed command would leave its workers (and their memory) behind."""
    threading.Thread(target=_exit_with_parent, args=(parent, interval), name="kg-parent-watch",
                     daemon=True).start()
