"""`kg demo`: build a store from the project's sample documents, render the site, say what to open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kg.demo import DEFAULT_SITE_DIR, DEFAULT_STORE_DIR


@click.command()
@click.option("--store-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_STORE_DIR,
              show_default=True, help="Folder for the demo store (rebuilt each time; never your main store).")
@click.option("-o", "--output", "site_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_SITE_DIR, show_default=True, help="Folder for the demo site.")
@click.pass_obj
def demo(obj: Any, store_dir: Path, site_dir: Path) -> None:
    """Ingest data/samples/ into a fresh store, render the site, and show what to open (under a minute)."""
    from kg.demo import run_demo

    report = run_demo(store_dir, site_dir)
    for line in report.lines():
        click.echo(line)
