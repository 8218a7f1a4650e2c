"""`kg ingest` and `kg remove`."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def printable(path: str) -> str:
    """A path for a one-line message: control characters (a newline in a file name) and bytes that are not
    UTF-8 (kept by Python as lone surrogates) become backslash escapes; other characters stay as they are."""
    if path.isprintable():
        return path
    out = []
    for c in path:
        n = ord(c)
        if 0xDC80 <= n <= 0xDCFF:
            out.append(f"\\x{n - 0xDC00:02x}")
        elif c.isprintable() or c == " ":
            out.append(c)
        else:
            out.append(c.encode("unicode_escape").decode("ascii"))
    return "".join(out)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes for reading and extraction (default: the number of cores).")
@click.option("--people", type=click.Choice(["keep", "roles", "drop"]), default="keep", show_default=True,
              help="Officials' names: keep them (as published by Ofsted), keep only their posts, or drop both.")
@click.option("--access", type=click.Choice(["public", "restricted"]), default=None,
              help="Access level for these documents (default: letters restricted, reports public).")
@click.option("--force", is_flag=True, help="Re-extract documents even when their content is already stored.")
@click.option("--max-bytes", type=int, default=None, help="Largest file to read, in bytes.")
@click.option("--max-pages", type=int, default=None, help="Most PDF pages to read from one document.")
@click.option("--max-chars", type=int, default=None, help="Most characters of text from one document.")
@click.option("--batch", type=click.IntRange(1, 1000), default=None,
              help="New documents written to the store together (default: 64 embedded, 20 remote); smaller "
                   "batches hold less memory, larger ones write faster.")
@click.pass_obj
def ingest(obj, paths: tuple[Path, ...], jobs: int | None, people: str, access: str | None, force: bool,
           max_bytes: int | None, max_pages: int | None, max_chars: int | None, batch: int | None) -> None:
    """Read documents (PDF, DOCX, HTML, TXT, MD; files or folders, recursively) into the store.

    A file whose content is already stored is skipped; a changed file replaces its document's graph in
    one transaction. A bad file gets one line `error: <path>: <reason>` and the rest still go in (exit 1).

    Example: kg ingest ../shared/corpus/ofsted-ilacs
    """
    from kg.ingest import Limits, ingest_paths

    paths, empty = _drop_empty_folders(paths)
    if not paths:
        sys.exit(1)  # nothing to read: the store is not even opened (or created)
    limits = Limits()
    if max_bytes:
        limits.max_bytes = max_bytes
    if max_pages:
        limits.max_pages = max_pages
    if max_chars:
        limits.max_chars = max_chars
    quiet = not sys.stderr.isatty()
    with obj.open_store() as store:
        if quiet:
            def progress(event: str, source: str, detail: str | None) -> None:
                if event == "failed":
                    click.echo(f"error: {printable(source)}: {printable(detail or '')}", err=True)

            report = ingest_paths(store, paths, jobs=jobs, people=people, access=access, force=force,
                                  thesaurus_files=obj.thesaurus_files, limits=limits, progress=progress,
                                  batch=batch)
        else:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), transient=True) as bar:
                task = bar.add_task("Reading documents", total=None)

                def progress(event: str, source: str, detail: str | None) -> None:
                    bar.advance(task)
                    if event == "failed":
                        bar.console.print(f"error: {printable(source)}: {printable(detail or '')}",
                                          markup=False, highlight=False, style=None, soft_wrap=True)

                report = ingest_paths(store, paths, jobs=jobs, people=people, access=access, force=force,
                                      thesaurus_files=obj.thesaurus_files, limits=limits, progress=progress,
                                      batch=batch)
    new = len(report.ingested)
    click.echo(
        f"{new} ingested, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed ({report.pages} pages, {report.quads} quads)"
        + ("; nothing changed in the store" if not new and not report.replaced else ""),
        err=True,
    )
    if report.failed or empty:
        sys.exit(1)


def _drop_empty_folders(paths: tuple[Path, ...]) -> tuple[tuple[Path, ...], list[Path]]:
    """The paths without the folders that hold no document ingest would read, and those folders, each
    reported on stderr. Such a folder is most likely a wrong one, so it counts as a bad input: exit 1, as
    the README's exit codes give for bad input in a batch (the rest of the batch still goes in)."""
    from kg.documents import MEDIA_TYPES
    from kg.ingest import iter_files

    empty = [p for p in paths if p.is_dir() and next(iter_files([p]), None) is None]
    for folder in empty:
        click.echo(f"error: {printable(str(folder))}: no documents found in this folder "
                   f"(looked for {', '.join(sorted(MEDIA_TYPES))})", err=True)
    return tuple(p for p in paths if p not in empty), empty


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.pass_obj
def remove(obj, targets: tuple[str, ...]) -> None:
    """Remove documents by the path they were ingested from (as typed then, or any path to the same file),
    or by their sha256.

    Example: kg remove ../shared/corpus/ofsted-ilacs/80430_blackburn-with-darwen/2017-12-08.pdf
    """
    from kg.ingest import remove_documents

    with obj.open_store() as store:
        graphs = remove_documents(store, list(targets))
    click.echo(f"removed {len(graphs)} document graph(s)", err=True)
