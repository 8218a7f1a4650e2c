"""`kg site`: the static offline site (index, a page per authority and per practice, graphs, docs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

DEFAULT_DIR = Path("visualisations") / "site"


@click.command()
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_DIR, show_default=True,
              help="Folder to write (replaced if it holds a site built earlier).")
@click.option("--include-restricted", is_flag=True,
              help="Also show restricted documents (engagement letters): keep such a site private.")
@click.option("--show-people", is_flag=True, help="Show person names (hidden by default).")
@click.pass_obj
def site(obj: Any, out_dir: Path, include_restricted: bool, show_people: bool) -> None:
    """Render the static site: it opens from disk in any browser, with no server and no network.

    Example: kg site -o visualisations/site && open visualisations/site/index.html
    """
    from kg.site import build_site

    with obj.open_store() as store:
        report = build_site(store, out_dir, include_restricted=include_restricted, show_people=show_people)
    click.echo(f"{len(report.pages)} pages ({report.authority_pages} authorities, {report.practice_pages} "
               f"practices, {report.graph_pages} graphs) from {report.documents} documents, "
               f"{report.bytes / 1e6:.1f} MB in {report.seconds:.1f} s")
    if include_restricted:
        click.echo("note: this site includes restricted documents; do not publish it", err=True)
    click.echo(f"open {report.index_uri}")
