"""`kg serve`."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import click

from kg.errors import KgError


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=int, default=30, show_default=True, help="Query timeout in seconds.")
@click.pass_obj
def serve(obj, port: int, timeout: int) -> None:
    """Serve the embedded store read-only at http://127.0.0.1:PORT/query (Ctrl-C stops it)."""
    from kg.serve import serve_command
    from kg.store import require_store

    if obj.store_location.startswith(("http://", "https://")):
        raise KgError("kg serve serves an embedded store; this store is already a server")
    require_store(obj.store_location)
    cmd = serve_command(Path(obj.store_location), port=port, timeout=timeout)
    click.echo(f"SPARQL endpoint: http://127.0.0.1:{port}/query (read-only, union default graph)", err=True)
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(cmd, check=False)
