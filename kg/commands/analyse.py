"""`kg analyse`: centrality, communities, bridges and similarity of authorities (kg.analyse)."""

from __future__ import annotations

import click

TABLES = ("centrality", "communities", "bridges", "similarity", "nearest", "link_prediction", "entities")


@click.command()
@click.option(
    "--authority",
    "-a",
    metavar="NAME",
    help="Also show this authority's nearest authorities, link prediction and central entities.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Rows per table (per node type for centrality).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--table", "only", type=click.Choice(TABLES), help="Print only this table (plain CSV/JSON rows)."
)
@click.option("--public-only", is_flag=True, help="Leave out restricted documents (engagement letters).")
@click.option("--no-cache", is_flag=True,
              help="Compute afresh (results are otherwise reused while the store is unchanged, from a cache in "
                   "$KG_CACHE_DIR, else ~/.cache/safeguarding-kg).")
@click.pass_obj
def analyse(
    obj, authority: str | None, top: int, fmt: str, only: str | None, public_only: bool, no_cache: bool
) -> None:
    """Analyse the authority-practice graph: centrality, communities, bridges, similar authorities.

    Example: kg analyse --authority Harrow --top 10
    """
    from kg.analyse import analyse_graph
    from kg.commands.reference import authority_hints
    from kg.tables import render_report

    if only in {"nearest", "link_prediction", "entities"} and not authority:
        raise click.UsageError(f"--table {only} needs --authority")
    with obj.open_store(read_only=True) as store, authority_hints(store, [authority] if authority else []):
        result = analyse_graph(store, authority=authority, top=top, include_restricted=not public_only,
                               use_cache=not no_cache)
    click.echo(
        render_report(
            result.tables(),
            fmt,
            columns=result.COLUMNS,
            titles=result.TITLES,
            summary=result.summary,
            only=only,
            display=result.DISPLAY,
        ),
        nl=False,
    )
