"""`kg compare`: two authorities, one against its statistical neighbours, or one over time (kg.compare)."""

from __future__ import annotations

import click


@click.command()
@click.argument("authorities", nargs=-1, required=True, metavar="A [B]")
@click.option("--neighbours", is_flag=True, help="Compare A with its statistical neighbours.")
@click.option("--over-time", is_flag=True, help="Follow A's documents in date order.")
@click.option(
    "--min-neighbours",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="With --neighbours: suggest practice at least this many neighbours have.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option(
    "--table",
    "only",
    metavar="NAME",
    help="Print only this table (practice, judgements, metrics, suggestions, documents, changes).",
)
@click.option("--public-only", is_flag=True, help="Leave out restricted documents (engagement letters).")
@click.pass_obj
def compare(
    obj,
    authorities: tuple[str, ...],
    neighbours: bool,
    over_time: bool,
    min_neighbours: int,
    fmt: str,
    only: str | None,
    public_only: bool,
) -> None:
    """Compare authorities by practice, judgements and metrics.

    \b
    kg compare Harrow Barnet          what both have, what only one has
    kg compare Harrow --neighbours    Harrow against its statistical neighbours
    kg compare Harrow --over-time     Harrow's documents in date order
    """
    from kg.commands.reference import authority_hints
    from kg.compare import compare_authorities, compare_over_time, compare_with_neighbours
    from kg.tables import render_report

    _check_arguments(authorities, neighbours, over_time)
    include = not public_only
    with obj.open_store(read_only=True) as store, authority_hints(store, authorities):
        if neighbours:
            result = compare_with_neighbours(
                store, authorities[0], min_neighbours=min_neighbours, include_restricted=include
            )
        elif over_time:
            result = compare_over_time(store, authorities[0], include_restricted=include)
        else:
            result = compare_authorities(store, authorities[0], authorities[1], include_restricted=include)
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


def _check_arguments(authorities: tuple[str, ...], neighbours: bool, over_time: bool) -> None:
    """A usage error that says what to type: one name alone is the commonest slip, so its message offers
    the three ways on."""
    if neighbours and over_time:
        raise click.UsageError("use either --neighbours or --over-time, not both")
    if neighbours or over_time:
        if len(authorities) != 1:
            mode = "--neighbours" if neighbours else "--over-time"
            raise click.UsageError(f"{mode} takes one authority, got {len(authorities)}")
        return
    if len(authorities) == 1:
        a = authorities[0]
        raise click.UsageError(
            f"kg compare takes two authorities: give a second one to compare {a} with (kg compare {a} OTHER), "
            f"or --neighbours to compare {a} with its statistical neighbours, "
            f"or --over-time to follow its documents in date order"
        )
    if len(authorities) != 2:
        raise click.UsageError(f"compare takes two authorities, got {len(authorities)}")
