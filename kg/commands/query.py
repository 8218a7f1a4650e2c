"""`kg query` (read-only SPARQL, named queries) and `kg update` (deliberate edits): options and printing.

The work is done in kg.query; this module only reads the query text, calls the library and prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KgError, QueryError
from kg.settings import QUERY_TIMEOUT


def _read_text(source: str, what: str) -> str:
    """The query text from a file, or from stdin for '-' (a missing file is a one-line error naming it)."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{source}: no such {what} file") from None
    except IsADirectoryError:
        raise QueryError(f"{source}: is a folder, not a {what} file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{source}: not UTF-8 text") from None
    except OSError as err:
        raise QueryError(f"{source}: cannot read the {what} file ({err.strerror or err})") from None


def _text_from(sparql: str | None, source_file: str | None, what: str) -> str:
    if sparql is not None and source_file is not None:
        raise click.UsageError(f"give the {what} either as text or with -f FILE, not both")
    if source_file is not None:
        return _read_text(source_file, what)
    if sparql == "-":
        return _read_text("-", what)
    if sparql is None:
        raise click.UsageError(f"give a {what}: SPARQL text, -f FILE, or - to read it from stdin")
    return sparql


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--param expects KEY=VALUE, got '{item}'")
        params[key.strip()] = value
    return params


def _check_authority_param(obj, params: dict[str, str], *, strict: bool) -> None:
    """After a named query found nothing: an `authority` the store does not know is the likely reason.

    Strict (the table, read by a person): that is the error, with a did-you-mean hint, instead of
    "(no results)". Otherwise (csv, tsv, json, read by scripts) the empty result stays the answer, exit 0
    as before, and the same words go to stderr as a warning.
    """
    authority = params.get("authority", "").strip()
    if not authority:
        return
    from kg.commands.reference import require_authorities

    with obj.open_store(read_only=True) as store:
        try:
            require_authorities(store, [authority])
        except KgError as err:
            if strict:
                raise
            click.echo(f"warning: {err}" + (f" ({err.hint})" if err.hint else ""), err=True)


def _check_concept_param(params: dict[str, str]) -> None:
    """After a named query found nothing for a `concept` (or an `entity` given by name): say on stderr what
    the name is in the thesaurus and what may have been meant. "edge of care" is a theme, the subject of
    findings, not a thing an authority has; "edge of care service" is a label of the edge of care team."""
    value = (params.get("concept") or params.get("entity") or "").strip()
    if not value or value.startswith(("http://", "https://")):
        return
    from kg.thesaurus import load_thesaurus

    thesaurus = load_thesaurus()
    concept = thesaurus.by_label(value) or thesaurus.concepts.get(value.casefold())
    if concept is not None and concept.core_class != "Theme":
        return  # a known thing that no document in the store mentions: "(no results)" says it
    similar = ", ".join(c.pref_label for c in thesaurus.similar(value))
    what = (f"'{value}' is a theme in the thesaurus (a subject findings are about), not a thing authorities have"
            if concept is not None else f"no thesaurus concept called '{value}'")
    click.echo(f"note: {what}" + (f"; try: {similar}" if similar else ""), err=True)


@click.command("query")
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", metavar="FILE", help="Read the query from FILE ('-' for stdin).")
@click.option("-n", "--name", metavar="NAME", help="Run a named query from the library (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query (repeatable), e.g. --param authority=Harrow.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output: a table for reading, csv/tsv for spreadsheets, SPARQL JSON.")
@click.option("--timeout", type=click.FloatRange(min=0), default=QUERY_TIMEOUT, show_default=True,
              metavar="S", help="Stop the query after S seconds (0: no limit).")
@click.option("--allow-service", is_flag=True,
              help="Allow SERVICE clauses (the store then fetches from the endpoints they name).")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
@click.pass_obj
def query(obj, sparql: str | None, query_file: str | None, name: str | None, params: tuple[str, ...],
          fmt: str, timeout: float, allow_service: bool, list_only: bool) -> None:
    """Run a read-only SPARQL query, or a named query, over all documents.

    SPARQL is the query text ('-' reads it from stdin). The prefixes sg:, id:, sgt:, rdfs:, skos:, ...
    are predeclared. Examples:

    \b
      kg query --list
      kg query --name who-runs --param "concept=Family Safeguarding"
      kg query --format csv -f my-query.rq
      kg query 'SELECT ?la WHERE { ?la a sg:LocalAuthority } LIMIT 5'
    """
    from kg import query as lib

    if list_only:
        if sparql is not None or query_file is not None or name is not None or params:
            raise click.UsageError("--list takes no query")
        queries = lib.list_queries()
        click.echo(lib.queries_json(queries) if fmt == "json" else lib.describe_queries(queries), nl=False)
        return
    if params and name is None:
        raise click.UsageError("--param only goes with --name")
    if name is not None:
        if sparql is not None or query_file is not None:
            raise click.UsageError("give either --name or a query, not both")
        values = _parse_params(params)
        result = lib.run_named_query(obj, name, values, timeout=timeout or None)
        if result.kind == "select" and not result.rows:
            _check_authority_param(obj, values, strict=fmt == "table")
            _check_concept_param(values)
    else:
        text = _text_from(sparql, query_file, "query")
        result = lib.run_query(obj, text, timeout=timeout or None, allow_service=allow_service)
    click.echo(lib.format_result(result, fmt), nl=False)


@click.command("update")
@click.argument("sparql", required=False)
@click.option("-f", "--file", "update_file", metavar="FILE",
              help="Read the update from FILE ('-' for stdin).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses in the update's WHERE part.")
@click.option("--allow-load", is_flag=True, help="Allow LOAD <url> (the store fetches the data).")
@click.pass_obj
def update(obj, sparql: str | None, update_file: str | None, allow_service: bool, allow_load: bool) -> None:
    """Run a SPARQL update (INSERT, DELETE, DROP ...): a deliberate edit of the store, in one transaction.

    Documents are better changed with kg ingest / kg remove, which keep each document's graph whole.
    Prints what changed (quads and named graphs before and after).
    """
    from kg import query as lib

    text = _text_from(sparql, update_file, "update")
    summary = lib.run_update(obj, text, allow_service=allow_service, allow_load=allow_load)
    click.echo(summary.describe())
