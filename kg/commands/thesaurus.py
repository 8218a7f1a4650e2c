"""`kg thesaurus`: list and show the SKOS thesaurus, and suggest discovered names to promote into it."""

from __future__ import annotations

import json

import click

from kg.errors import KgError

FORMATS = click.Choice(["table", "csv", "json"])
CLASSES = ("Team", "Programme", "PracticeModel", "Partner", "Tool", "Forum", "Role", "Policy", "Theme")


def _load(obj):  # -> kg.thesaurus.Thesaurus
    from kg.thesaurus import load_thesaurus

    return load_thesaurus(getattr(obj, "thesaurus_files", ()) if obj is not None else ())


@click.group("thesaurus")
def thesaurus() -> None:
    """Inspect the thesaurus (the names the extractor recognises) and suggest new concepts.

    Add your own concepts in a Turtle file and pass it with `kg --thesaurus FILE ...`.
    """


@thesaurus.command("list")
@click.option("--class", "core_class", type=click.Choice(CLASSES, case_sensitive=False),
              help="Only concepts of this core class.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def list_cmd(obj, core_class: str | None, fmt: str) -> None:
    """List the concepts, by class then label.

    Example: kg thesaurus list --class Team --format csv
    """
    from kg.tables import render_table
    from kg.thesaurus import concept_rows

    if core_class:
        core_class = next(c for c in CLASSES if c.lower() == core_class.lower())
    rows = concept_rows(_load(obj), core_class)
    if fmt == "table":
        # The terminal table stays readable; CSV and JSON carry every label and the hierarchy.
        rows = [{k: v for k, v in r.items() if k in ("slug", "class", "scope", "label")} for r in rows]
    click.echo(render_table(rows, fmt, title=f"{len(rows)} concepts" if fmt == "table" else None), nl=fmt != "csv")


@thesaurus.command("show")
@click.argument("slug")
@click.pass_obj
def show(obj, slug: str) -> None:
    """Show one concept: labels, definition, class, scope, broader and narrower concepts.

    Example: kg thesaurus show mash
    """
    th = _load(obj)
    concept = th.concepts.get(slug) or th.by_label(slug)
    if concept is None:
        close = sorted(s for s in th.concepts if slug.lower() in s)[:8]
        raise KgError(f"no thesaurus concept {slug!r}",
                      hint=("did you mean: " + ", ".join(close)) if close else "see `kg thesaurus list`")
    narrower = [c.slug for c in th.narrower(concept.slug)]
    fields = [
        ("slug", concept.slug), ("iri", concept.iri), ("label", concept.pref_label),
        ("alt labels", "; ".join(concept.alt_labels)), ("ambiguous labels", "; ".join(concept.ambiguous_labels)),
        ("class", concept.core_class), ("scope", concept.scope), ("broader", ", ".join(concept.broader)),
        ("narrower", ", ".join(narrower)), ("definition", concept.definition),
    ]
    for name, value in fields:
        if value:
            click.echo(f"{name + ':':<18}{value}")


@thesaurus.command("suggest")
@click.option("--min-documents", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only names discovered in at least this many documents.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--turtle", is_flag=True, help="Print draft SKOS concepts (Turtle) instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many suggestions.")
@click.pass_obj
def suggest(obj, min_documents: int, fmt: str, turtle: bool, limit: int | None) -> None:
    """Names the extractor discovered that are not in the thesaurus, most frequent first.

    Promote the real ones: `kg thesaurus suggest --turtle > mine.ttl`, edit it, then `kg --thesaurus mine.ttl ...`.
    """
    from kg.tables import render_table
    from kg.thesaurus import suggest_concepts, suggestions_turtle

    with obj.open_store(read_only=True) as store:
        rows = suggest_concepts(store, _load(obj), min_documents=min_documents)
    rows = rows[:limit] if limit else rows
    if turtle:
        click.echo(suggestions_turtle(rows))
    elif fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(rows, fmt, columns=["label", "class", "documents", "authorities", "forms"],
                                title=f"{len(rows)} discovered names" if fmt == "table" else None),
                   nl=fmt != "csv")
