"""`kg reference`: list and show the reference authorities, and load the static graphs into the store."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

import click

from kg.errors import KgError
from kg.reference import Authority, AuthorityIndex, default_index, ensure_static_graphs

LIST_COLUMNS = ["gss_code", "name", "region_name", "authority_type", "population_0_25", "ofsted_urn"]


def _row(a: Authority) -> dict[str, Any]:
    return {
        "gss_code": a.gss_code,
        "name": a.name,
        "region_code": a.region_code,
        "region_name": a.region_name,
        "authority_type": a.authority_type,
        "population_0_25": a.population_0_25,
        "ofsted_urn": a.ofsted_urn,
        "old_code": a.old_code,
        "abolished": a.abolished or None,
    }


def _table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Plain aligned columns (stable output for scripts and tests; no colour, no wrapping)."""
    cells = [[("" if r.get(c) is None else str(r[c])) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def _region_matches(a: Authority, region: str) -> bool:
    r = region.strip().lower()
    return r in {a.region_code.lower(), a.region_name.lower()} or (
        a.region_name.lower().replace(" the ", " ") == r.replace(" the ", " ")
    )


@click.group("reference")
def reference() -> None:
    """Load or list the reference data (authorities, regions, statistical neighbours)."""


@reference.command("list")
@click.option("--region", help="Only this region (name such as 'London', or ONS code E12000007).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--include-abolished", is_flag=True, help="Also list authorities abolished by reorganisation.")
def list_cmd(region: str | None, fmt: str, include_abolished: bool) -> None:
    """List the authorities, sorted by GSS code."""
    items = [a for a in default_index() if include_abolished or a.current]
    if region:
        items = [a for a in items if _region_matches(a, region)]
        if not items:
            known = sorted({a.region_name for a in default_index()})
            raise KgError(f"no authorities in region {region!r}", hint="regions: " + ", ".join(known))
    rows = [_row(a) for a in items]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else LIST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(_table(LIST_COLUMNS, rows))


def authority_hint(name: str, index: AuthorityIndex | None = None) -> str:
    """"did you mean Harrow?" for a misspelt authority name (the reference names closest to it, ignoring
    case), or where the names are listed when none is close."""
    import difflib

    names = {a.name.casefold(): a.name for a in (index if index is not None else default_index())}
    close = difflib.get_close_matches(name.strip().casefold(), list(names), n=3, cutoff=0.6)
    return f"did you mean {', '.join(names[c] for c in close)}?" if close else "see `kg reference list`"


def resolve_or_fail(index: AuthorityIndex, name: str) -> Authority:
    """The authority a name refers to, or a one-line error suggesting close names."""
    a = index.resolve(name)
    if a is None:
        raise KgError(f"no authority matches {name!r}", hint=authority_hint(name, index))
    return a


def require_authorities(store: Any, names: Iterable[str]) -> None:  # store: kg.store.Store
    """Raise "unknown authority: X" with a did-you-mean hint for the first name the store does not know.

    The names are resolved as kg.compare and kg.analyse resolve them (`kg.project.resolve_authority`), so a
    name passes here exactly when those accept it.
    """
    from kg.project import resolve_authority

    for name in names:
        try:
            resolve_authority(store, name)
        except KgError:
            if default_index().resolve(name) is not None:
                raise  # a real authority, missing from this store: the library's hint says why
            raise KgError(f"unknown authority: {name}", hint=authority_hint(name)) from None


@contextlib.contextmanager
def authority_hints(store: Any, names: Iterable[str]) -> Iterator[None]:  # store: kg.store.Store
    """Around a library call about these authorities: when it fails and a name is unknown, the error names
    that authority with a did-you-mean hint. Nothing is checked while the call succeeds, so a good name
    costs no extra query."""
    try:
        yield
    except KgError:
        require_authorities(store, names)
        raise


@reference.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(name: str, fmt: str) -> None:
    """Show an authority (by any common form of its name, or a code) with its statistical neighbours."""
    index = default_index()
    a = resolve_or_fail(index, name)
    neighbours = index.neighbours(a)
    previous = index.neighbours(a, previous=True)
    if fmt == "json":
        data = _row(a) | {
            "variants": list(a.variants),
            "ons_iri": a.ons_iri,
            "iri": a.iri,
            "replaced_by": [index.by_gss[c].name for c in a.replaced_by if c in index.by_gss],
            "statistical_neighbours": [{"gss_code": n.gss_code, "name": n.name, "region_name": n.region_name}
                                       for n in neighbours],
            "previous_statistical_neighbours": [{"gss_code": n.gss_code, "name": n.name} for n in previous],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    pop = f"{a.population_0_25:,}" if a.population_0_25 is not None else "unknown"
    lines = [
        f"{a.name} ({a.gss_code})",
        f"  type:        {a.authority_type}",
        f"  region:      {a.region_name} ({a.region_code})",
        f"  old code:    {a.old_code}    Ofsted URN: {a.ofsted_urn}",
        f"  aged 0-25:   {pop}",
        f"  also called: {'; '.join(a.variants) or '-'}",
        f"  IRI:         {a.iri}",
    ]
    if a.abolished:
        successors = ", ".join(index.by_gss[c].name for c in a.replaced_by if c in index.by_gss)
        lines.append(f"  abolished:   {a.abolished} (replaced by {successors or 'unknown'})")
    lines.append("  statistical neighbours (closest first):")
    lines += [f"    {i:>2}. {n.name} ({n.gss_code}, {n.region_name})" for i, n in enumerate(neighbours, 1)]
    if not neighbours:
        lines.append("    none listed")
    if previous:
        lines.append("  previous statistical neighbours: " + ", ".join(n.name for n in previous))
    click.echo("\n".join(lines))


@reference.command("load")
@click.option("--force", is_flag=True, help="Reload the static graphs even if unchanged.")
@click.pass_context
def load(ctx: click.Context, force: bool) -> None:
    """Load the reference, ontology and thesaurus graphs into the store (only what changed)."""
    store = ctx.obj.open_store()
    try:
        changed = ensure_static_graphs(store, ctx.obj.thesaurus_files, force=force)
    finally:
        store.close()
    click.echo("static graphs loaded" if changed else "static graphs already up to date")
