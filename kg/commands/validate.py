"""`kg validate`: check the store (or one graph) against the SHACL shapes; exit 1 on violations."""

from __future__ import annotations

import contextlib
import sys

import click


@click.command()
@click.option("--graph", "graph_iri", metavar="IRI",
              help="Check only this named graph (default: every graph).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report format on stdout.")
@click.option("--limit", type=click.IntRange(min=0), default=200, show_default=True,
              help="Most results listed in the text report (0: no limit).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes checking graphs (default: the number of cores).")
@click.pass_context
def validate(ctx: click.Context, graph_iri: str | None, fmt: str, limit: int, jobs: int | None) -> None:
    """Check the store against ontology/shapes.ttl (pySHACL), one named graph at a time.

    Prints a report on stdout. Exits 0 when every graph conforms (warnings allowed), 1 on violations.

    Example: kg validate --graph https://w3id.org/safeguarding-kg/id/graph/<hash>
    """
    from kg.errors import ValidationFailed
    from kg.validate import format_report, validate_store

    store = ctx.obj.open_store(read_only=True)
    try:
        if sys.stderr.isatty() and not graph_iri:
            count = len(store.named_graphs())
            with click.progressbar(length=count, label="Validating", file=sys.stderr) as bar:
                report = validate_store(store, graph_iri, progress=lambda _iri: bar.update(1), jobs=jobs)
        else:
            report = validate_store(store, graph_iri, jobs=jobs)
    finally:
        # A read-only embedded store cannot flush; kg.store's close() lets that RuntimeError through.
        with contextlib.suppress(RuntimeError):
            store.close()
    click.echo(report.to_json() if fmt == "json" else format_report(report, limit=limit or None))
    if not report.conforms:
        raise ValidationFailed(
            f"{ctx.obj.store_location}: {report.violation_count} SHACL violation(s) "
            f"in {len(report.graphs)} graph(s)",
            hint="the report above names each node, property and problem",
        )
