"""`kg serve`: the embedded store as a read-only SPARQL 1.1 endpoint on 127.0.0.1.

The `oxigraph` server (PyPI package `oxigraph`, same storage format as pyoxigraph) opens the store
directory read-only with the union default graph, so other tools (YASGUI, Gephi, pandas) see what
`kg query` sees.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kg.errors import KgError


def oxigraph_binary() -> str:
    """The `oxigraph` server executable (installed beside this Python, or on PATH)."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed", hint="pip install oxigraph")
    return found


def serve_command(store_dir: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: int = 30) -> list[str]:
    """The command line that serves `store_dir` read-only."""
    if not (store_dir / "CURRENT").exists():
        raise KgError(f"{store_dir}: not a kg store (run kg ingest first)")
    return [oxigraph_binary(), "serve-read-only", "--location", str(store_dir), "--bind", f"{host}:{port}",
            "--union-default-graph", "--timeout-s", str(timeout)]


def start_server(store_dir: Path, *, port: int = 7878, timeout: int = 30) -> subprocess.Popen[bytes]:
    """Start the server in the background (the caller terminates it)."""
    return subprocess.Popen(serve_command(store_dir, port=port, timeout=timeout))
