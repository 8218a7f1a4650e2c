"""`kg export`: the graph as RDF (ttl, trig, nq, jsonld) or as a projection for Gephi (graphml, gexf).

Restricted documents (`?doc sg:accessLevel sg:Restricted`: engagement letters by default) stay out of every
export unless --include-restricted is given. RDF exports then go graph by graph, skipping the named graphs of
restricted documents; since an entity's triples live in each mentioning document's graph, what only a
restricted document says (its mentions, judgements, the entities only it names) goes with it, while shared
entities keep the triples the published documents state. Projections leave restricted documents out of the
read (`kg.project.project_store(include_restricted=False)`).

`restricted_graphs` and `export_rdf` are the library side (usable from Python); the click command only
parses options and writes the bytes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

import click

RDF_FORMATS = ("ttl", "trig", "nq", "jsonld")
GRAPH_FORMATS = ("graphml", "gexf")


def restricted_graphs(store) -> list[str]:  # store: kg.store.Store
    """The named graphs holding a restricted document (the graph stating it, and the document's own graph)."""
    from kg.identifiers import DOCUMENT_PREFIX, GRAPH_PREFIX

    res = store.query("SELECT DISTINCT ?g ?doc WHERE { GRAPH ?g { ?doc sg:accessLevel sg:Restricted } }")
    graphs: set[str] = set()
    for g, doc in res.rows:
        if g is not None:
            graphs.add(g.value)
        if doc is not None and doc.value.startswith(DOCUMENT_PREFIX):
            graphs.add(GRAPH_PREFIX + doc.value.removeprefix(DOCUMENT_PREFIX))
    return sorted(graphs)


def export_rdf(
    store, fmt: str, out: IO[bytes], *, graph: str | None = None, include_restricted: bool = False
) -> list[str]:
    """Write the dataset (or one graph) to `out` as ttl, trig, nq or jsonld; returns the graphs left out.

    Everything, with --include-restricted and no graph: the store's own dump (ttl: the union of all graphs,
    de-duplicated). Otherwise graph by graph, streamed: the quad formats keep each graph's name; Turtle gets
    the triples of the graphs kept (a triple several graphs state is written once per graph, which parsers
    merge; de-duplicating 1 M triples in memory would cost ~0.8 GB); triples outside any named graph are not
    exported on this path. JSON-LD always goes this way (one `@graph` object per named graph).
    """
    import pyoxigraph as ox

    from kg.errors import KgError
    from kg.identifiers import PREFIXES
    from kg.store import ExportFormat

    if fmt not in RDF_FORMATS:
        raise KgError(f"not an RDF export format: {fmt}", hint="use one of " + ", ".join(RDF_FORMATS))
    efmt = ExportFormat(fmt)
    left_out = [] if include_restricted else restricted_graphs(store)
    if graph is not None:
        if graph in left_out:
            raise KgError(
                f"graph {graph} holds a restricted document", hint="add --include-restricted to export it"
            )
        if graph not in set(store.named_graphs()):
            raise KgError(f"no graph {graph} in the store", hint="`kg stats` or `kg query` lists the graphs")
        graphs: Sequence[str] = [graph]
    else:
        if not left_out and efmt in {ExportFormat.TTL, ExportFormat.TRIG, ExportFormat.NQ}:
            # Not JSON-LD: EmbeddedStore.dump(JSONLD) of the whole dataset currently returns N-Quads.
            out.write(store.dump(efmt))
            return []
        skip = set(left_out)
        graphs = [g for g in sorted(store.named_graphs()) if g not in skip]
    ox_format = {
        "ttl": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nq": ox.RdfFormat.N_QUADS,
        "jsonld": ox.RdfFormat.JSON_LD,
    }[fmt]

    def quads() -> Iterator[ox.Quad]:
        for g in graphs:
            name = ox.NamedNode(g)
            for t in ox.parse(store.dump(ExportFormat.NT, g), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, name)

    triples = (q.triple for q in quads())
    ox.serialize(triples if fmt == "ttl" else quads(), out, format=ox_format, prefixes=PREFIXES)
    return left_out


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RDF_FORMATS + GRAPH_FORMATS),
    default="trig",
    show_default=True,
    help="RDF (ttl, trig, nq, jsonld) or a projection for Gephi (graphml, gexf).",
)
@click.option("--graph", metavar="IRI", help="Export only this named graph (RDF formats).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output).",
)
@click.option(
    "--include-restricted",
    is_flag=True,
    help="Also export restricted documents (engagement letters) and what only they say.",
)
@click.option(
    "--sentence-comentions",
    is_flag=True,
    help="graphml/gexf: link co-mentioned entities only when they share a sentence (smaller graph).",
)
@click.pass_obj
def export(
    obj, fmt: str, graph: str | None, output: Path | None, include_restricted: bool, sentence_comentions: bool
) -> None:
    """Export the graph as RDF, or its networkx projection as GraphML/GEXF for Gephi.

    \b
    kg export --format trig -o kg.trig
    kg export --format graphml -o kg.graphml
    """
    if graph and fmt in GRAPH_FORMATS:
        raise click.UsageError("--graph applies to the RDF formats (ttl, trig, nq, jsonld)")
    # A file is written beside its target and renamed at the end: a failed export never leaves half a file.
    tmp = output.with_name(output.name + ".part") if output is not None else None
    if tmp is not None:
        out = CountingWriter(tmp.open("wb"), owned=True)
    else:
        out = CountingWriter(sys.stdout.buffer, owned=False)
    try:
        with obj.open_store(read_only=True) as store:
            if fmt in GRAPH_FORMATS:
                from kg.project import project_store, write_projection

                G = project_store(
                    store, include_restricted=include_restricted, document_comentions=not sentence_comentions
                )
                write_projection(G, out, fmt)
                left_out: list[str] = []
                note = f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
            else:
                left_out = export_rdf(store, fmt, out, graph=graph, include_restricted=include_restricted)
                note = ""
        out.flush()
    except BaseException:
        if tmp is not None:
            out.close()
            tmp.unlink(missing_ok=True)
        raise
    if tmp is not None and output is not None:
        out.close()
        tmp.replace(output)
    if output is not None or left_out:
        parts = [f"wrote {out.written:,} bytes" + (f" to {output}" if output else "")]
        if note:
            parts.append(note)
        if left_out:
            parts.append(
                f"left out {len(left_out)} restricted document graph(s) (--include-restricted adds them)"
            )
        elif fmt in GRAPH_FORMATS and not include_restricted:
            parts.append("restricted documents left out (--include-restricted adds them)")
        click.echo("; ".join(parts), err=True)


class CountingWriter(io.RawIOBase):
    """A binary stream that counts what passes through (for the closing message)."""

    def __init__(self, target: IO[bytes], *, owned: bool) -> None:
        super().__init__()
        self.target = target
        self.owned = owned  # close the target with this writer (a file), or leave it open (stdout)
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # bytes-like
        n = self.target.write(data)
        n = len(data) if n is None else n
        self.written += n
        return n

    def flush(self) -> None:
        if not self.target.closed:
            self.target.flush()

    def close(self) -> None:
        super().close()  # flushes first
        if self.owned and not self.target.closed:
            self.target.close()
