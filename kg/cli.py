"""The `kg` command line: a thin click layer over the library.

Commands live in `kg/commands/<name>.py` and are imported only when run, so `kg --help` stays instant.
Exit codes: 0 done; 1 a user error, bad input in a batch, or findings (validate); 2 usage error.
"""

from __future__ import annotations

import errno
import importlib
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Any

import click

from kg.errors import KgError

#: name -> (module:attribute, one-line help shown by `kg --help` without importing the module)
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("kg.commands.ingest:ingest", "Read documents (files or folders) into the store."),
    "remove": ("kg.commands.ingest:remove", "Remove documents (by path or sha256) from the store."),
    "query": ("kg.commands.query:query", "Run a SPARQL query or a named query (read-only)."),
    "update": ("kg.commands.query:update", "Run a SPARQL update (deliberate edits)."),
    "export": ("kg.commands.export:export", "Export the graph (ttl, trig, nq, jsonld, graphml, gexf)."),
    "stats": ("kg.commands.stats:stats", "Count documents, authorities, entities and triples."),
    "validate": ("kg.commands.validate:validate", "Check the store against the SHACL shapes."),
    "analyse": ("kg.commands.analyse:analyse", "Centrality, communities and similarity of authorities."),
    "compare": ("kg.commands.compare:compare", "Compare authorities, with neighbours or over time."),
    "viz": ("kg.commands.viz:viz", "Render an interactive graph view as offline HTML."),
    "site": ("kg.commands.site:site", "Render the static offline site."),
    "demo": ("kg.commands.demo:demo", "Build the sample store and site, and show what to open."),
    "serve": ("kg.commands.serve:serve", "Serve the store as a read-only SPARQL endpoint on 127.0.0.1."),
    "fetch": ("kg.commands.fetch:fetch", "Download published Ofsted reports listed in the manifest."),
    "thesaurus": ("kg.commands.thesaurus:thesaurus", "Inspect the thesaurus and suggest new concepts."),
    "eval": ("kg.commands.eval:evaluate", "Score extraction against gold annotations."),
    "reference": ("kg.commands.reference:reference", "Load or list the reference data (authorities)."),
}

#: Commands that may create the embedded store they are pointed at (`demo` builds its own). Every other
#: command needs one that exists, so a mistyped --store is an error rather than a new empty store.
CREATES_STORE = frozenset({"ingest", "reference"})


@dataclass
class Context:
    """Options every command shares, passed down in ctx.obj."""

    store_location: str
    debug: bool = False
    query_url: str | None = None
    update_url: str | None = None
    graph_store_url: str | None = None
    auth: tuple[str, str] | None = None
    thesaurus_files: tuple[str, ...] = ()
    #: False: a missing embedded store is a one-line error (read-only commands), never created empty.
    create_store: bool = True
    extras: dict[str, Any] = field(default_factory=dict)

    def open_store(self, *, read_only: bool = False):  # -> kg.store.Store
        from kg.store import open_store

        return open_store(
            self.store_location,
            query_url=self.query_url,
            update_url=self.update_url,
            graph_store_url=self.graph_store_url,
            auth=self.auth,
            read_only=read_only,
            must_exist=not self.create_store,
        )


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, and whose errors become one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target, _ = COMMANDS[cmd_name]
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader that went away (`kg stats | head -1`) shows here, not at exit
            return result
        except OSError as err:
            if err.errno != errno.EPIPE:
                raise
            # The reader has all it wanted: end quietly with 0 (click itself would exit 1).
            _discard_stdout()
            ctx.exit(0)
        except KgError as err:
            if ctx.obj is not None and getattr(ctx.obj, "debug", False):
                raise
            click.echo(f"error: {err}", err=True)
            if err.hint:
                click.echo(f"hint: {err.hint}", err=True)
            ctx.exit(err.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Exit codes: 0 done; 1 user error, bad input or validation findings; 2 usage error.")
@click.option("--store", "store_location", envvar="KG_STORE", default="kg-store", show_default=True,
              help="Store: a directory (embedded pyoxigraph) or an http(s):// SPARQL dataset base URL.")
@click.option("--query-url", envvar="KG_QUERY_URL", help="Explicit SPARQL query endpoint of a remote store.")
@click.option("--update-url", envvar="KG_UPDATE_URL", help="Explicit SPARQL update endpoint of a remote store.")
@click.option("--graph-store-url", envvar="KG_GRAPH_STORE_URL", help="Explicit Graph Store Protocol endpoint.")
@click.option("--user", envvar="KG_USER", help="User name for a remote store (HTTP basic auth).")
@click.option("--password", envvar="KG_PASSWORD", help="Password for a remote store (prefer $KG_PASSWORD).")
@click.option("--thesaurus", "thesaurus_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra SKOS thesaurus Turtle file(s) adding concepts (repeatable).")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="safeguarding-kg")
@click.pass_context
def cli(ctx: click.Context, store_location: str, query_url: str | None, update_url: str | None,
        graph_store_url: str | None, user: str | None, password: str | None,
        thesaurus_files: tuple[str, ...], verbose: int, quiet: bool, debug: bool) -> None:
    """safeguarding-kg: a knowledge graph of children's-safeguarding practice from Ofsted documents."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Context(
        store_location=store_location,
        debug=debug,
        query_url=query_url,
        update_url=update_url,
        graph_store_url=graph_store_url,
        auth=(user, password or "") if user else None,
        thesaurus_files=thesaurus_files,
        create_store=ctx.invoked_subcommand in CREATES_STORE,
    )


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush into the closed pipe cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test runner's stdout): nothing will be flushed
        pass


def main() -> None:  # pragma: no cover - console entry
    cli()
