"""`kg fetch`: download published Ofsted reports listed in the manifest (one line per failed file)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from kg.settings import REFERENCE_DIR


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from err


@click.command("fetch")
@click.option("--authority", "authorities", multiple=True, metavar="NAME",
              help="An authority, by any common form of its name or a code (repeatable).")
@click.option("--all", "fetch_all", is_flag=True, help="Every report in the manifest.")
@click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD", help="Only reports published on or after.")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=Path("ofsted-reports"),
              show_default=True, help="Folder to save into, as DEST/<urn>_<slug>/<publication-date>.pdf.")
@click.option("--rate", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Least seconds between two requests (be polite to the server).")
@click.option("--base-url", metavar="URL", help="Fetch from this host instead of the manifest's (a mirror, tests).")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Further tries after a server error or a dropped connection.")
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path),
              default=REFERENCE_DIR / "ofsted-reports.csv", show_default="data/reference/ofsted-reports.csv",
              help="The report manifest to read.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal).")
@click.pass_context
def fetch(ctx: click.Context, authorities: tuple[str, ...], fetch_all: bool, since: date | None, dest: Path,
          rate: float, base_url: str | None, retries: int, manifest: Path, progress: bool | None) -> None:
    """Download published Ofsted reports listed in the manifest.

    A file already downloaded (its .sha256 sidecar matches) is skipped; an interrupted one is resumed.
    Exit code 1 when any file failed (each named on stderr as `error: <url>: <reason>`).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from kg.commands.reference import resolve_or_fail
    from kg.fetch import FetchResult, fetch_reports, select_reports
    from kg.reference import default_index, load_reports

    if fetch_all == bool(authorities):
        raise click.UsageError("give --authority NAME (repeatable) or --all")
    chosen = None
    if authorities:
        index = default_index()
        chosen = [resolve_or_fail(index, name) for name in authorities]
    reports = select_reports(load_reports(manifest), authorities=chosen, since=since)
    if not reports:
        who = ", ".join(a.name for a in chosen) if chosen else "the manifest"
        click.echo(f"nothing to fetch: no reports for {who}" + (f" since {since}" if since else ""), err=True)
        return

    console = Console(stderr=True, highlight=False)
    show = sys.stderr.isatty() if progress is None else progress
    counts = {"downloaded": 0, "skipped": 0, "failed": 0}
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, disable=not show, transient=True) as bar:
        task = bar.add_task("fetching", total=len(reports))

        def on_result(result: FetchResult) -> None:
            counts[result.status] += 1
            if result.status == "failed":
                bar.console.print(f"error: {result.item.url}: {result.reason}", markup=False, soft_wrap=True)
            bar.advance(task)

        results = fetch_reports(reports, dest, base_url=base_url, rate=rate, retries=retries,
                                on_result=on_result)
    resumed = sum(1 for r in results if r.resumed and r.status == "downloaded")
    summary = (f"{counts['downloaded']} downloaded" + (f" ({resumed} resumed)" if resumed else "")
               + f", {counts['skipped']} already present, {counts['failed']} failed; files in {dest}")
    click.echo(summary, err=True)
    if counts["failed"]:
        ctx.exit(1)
