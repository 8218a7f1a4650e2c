"""`kg stats`."""

from __future__ import annotations

import json

import click


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(obj, fmt: str) -> None:
    """Count documents, authorities, entities by class, metrics, findings and triples."""
    from kg.stats import store_stats

    with obj.open_store() as store:
        result = store_stats(store)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    width = max(len(k) for k in result)
    for key, value in result.items():
        click.echo(f"{key.replace('_', ' '):<{width}}  {value}")
