"""`kg viz authority|practice|pair|neighbours|overview`: one interactive graph view as offline HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

#: Where pages go when -o is not given (file names are slugified from the view's subject).
DEFAULT_DIR = Path("visualisations")


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="HTML file to write (default: visualisations/<view>-<name>.html).")(func)
    func = click.option("--include-restricted", is_flag=True,
                        help="Also show restricted documents (engagement letters) and their facts.")(func)
    func = click.option("--show-people", is_flag=True, help="Show person names (hidden by default).")(func)
    return func


def _render(obj: Any, build: Callable[..., Any], output: Path | None, **flags: bool) -> None:
    from kg.viz import output_path, render_view

    with obj.open_store() as store:
        view = build(store, **flags)
    path = output or output_path(DEFAULT_DIR, view.filename().removesuffix(".html"))
    report = render_view(view, path)
    for note in view.notes:
        click.echo(note, err=True)
    mode = "physics" if report.physics else "precomputed positions"
    click.echo(f"{report.path}: {report.nodes} nodes, {report.edges} edges, {report.bytes / 1024:.0f} KB "
               f"({mode}); open {report.path.resolve().as_uri()}")


@click.group()
def viz() -> None:
    """Render an interactive graph view as one offline HTML page (no network needed to open it).

    Examples: kg viz authority Harrow; kg viz practice MASH; kg viz pair Harrow Barnet;
    kg viz neighbours Harrow; kg viz overview --max-nodes 500
    """


@viz.command()
@click.argument("name")
@_common
@click.pass_obj
def authority(obj: Any, name: str, output: Path | None, include_restricted: bool, show_people: bool) -> None:
    """One authority (name, GSS code or slug): its services, partners and the documents naming them."""
    from kg.viz import authority_view

    _render(obj, lambda s, **f: authority_view(s, name, **f), output, include_restricted=include_restricted,
            show_people=show_people)


@viz.command()
@click.argument("concept")
@_common
@click.pass_obj
def practice(obj: Any, concept: str, output: Path | None, include_restricted: bool,
             show_people: bool) -> None:
    """One practice concept (label, alternative label or slug) across the authorities that have it."""
    from kg.viz import practice_view

    _render(obj, lambda s, **f: practice_view(s, concept, **f), output,
            include_restricted=include_restricted, show_people=show_people)


@viz.command()
@click.argument("first")
@click.argument("second")
@_common
@click.pass_obj
def pair(obj: Any, first: str, second: str, output: Path | None, include_restricted: bool,
         show_people: bool) -> None:
    """Two authorities side by side: shared practice in the middle, each one's own on its side."""
    from kg.viz import pair_view

    _render(obj, lambda s, **f: pair_view(s, first, second, **f), output,
            include_restricted=include_restricted, show_people=show_people)


@viz.command()
@click.argument("name")
@_common
@click.pass_obj
def neighbours(obj: Any, name: str, output: Path | None, include_restricted: bool, show_people: bool) -> None:
    """An authority with its statistical neighbours; practice 2+ neighbours have and it lacks is outlined."""
    from kg.viz import neighbours_view

    _render(obj, lambda s, **f: neighbours_view(s, name, **f), output, include_restricted=include_restricted,
            show_people=show_people)


@viz.command()
@click.option("--max-nodes", type=click.IntRange(10, 5000), default=1000, show_default=True,
              help="Cap on nodes (the most widespread practice concepts are kept).")
@_common
@click.pass_obj
def overview(obj: Any, max_nodes: int, output: Path | None, include_restricted: bool,
             show_people: bool) -> None:
    """The whole graph aggregated: authorities and practice concepts, edge weight = number of documents."""
    from kg.viz import overview_view

    _render(obj, lambda s, **f: overview_view(s, max_nodes, **f), output,
            include_restricted=include_restricted, show_people=show_people)
