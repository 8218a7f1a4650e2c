"""Render rows (a list of dicts) as a terminal table, CSV or JSON: one renderer for every command.

Library functions return plain rows with stable column names; this module is the only place that decides
how they look, so `kg analyse`, `kg compare` and others print the same way and pipe cleanly
(`--format csv > out.csv`). The terminal table shortens known IRIs to prefixed names (`id:la/E09000015`)
and wraps to the terminal width; CSV and JSON keep full values.

Example:
    >>> print(render_table([{"a": 1, "b": 0.123456}], "csv"), end="")
    a,b
    1,0.123456
    >>> render_table([{"a": None, "b": True}], "json")
    '[\\n  {\\n    "a": null,\\n    "b": true\\n  }\\n]'
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from kg.identifiers import PREFIXES

Row = Mapping[str, Any]

#: Longest cell shown in a terminal table (longer text is cut with an ellipsis; CSV/JSON keep it whole).
MAX_CELL = 400


class TableFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def columns_of(rows: Sequence[Row], columns: Sequence[str] | None = None) -> list[str]:
    """The given columns, else the keys of all rows in order of first appearance."""
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def shorten_iri(value: str) -> str:
    """`https://w3id.org/safeguarding-kg/id/la/E09000015` -> `id:la/E09000015` (for display only)."""
    best = ""
    best_prefix = ""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(ns) > len(best):
            best, best_prefix = ns, prefix
    return f"{best_prefix}:{value[len(best) :]}" if best else value


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value)) if abs(value) >= 1 or value == 0 else f"{value:.4g}"
        return f"{value:.4g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(_display(v) for v in value)
    text = shorten_iri(str(value)) if isinstance(value, str) and value.startswith("http") else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else round(value, 6)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _is_numeric_column(rows: Sequence[Row], column: str) -> bool:
    values = [r.get(column) for r in rows if r.get(column) not in (None, "")]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def terminal_width(default: int = 120) -> int:
    """The terminal's width (COLUMNS when set), or `default` when output is not a terminal."""
    return shutil.get_terminal_size((default, 24)).columns


def render_table(
    rows: Sequence[Row],
    fmt: str | TableFormat = TableFormat.TABLE,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    width: int | None = None,
) -> str:
    """Rows as a table (rich, wrapped to `width`), CSV (header + rows) or JSON (a list of objects)."""
    fmt = TableFormat(fmt)
    cols = columns_of(rows, columns)
    if fmt is TableFormat.JSON:
        data = [{c: row.get(c) for c in cols} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    if fmt is TableFormat.CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_csv_value(row.get(c)) for c in cols])
        return buf.getvalue()
    return _rich_table(rows, cols, title=title, width=width or terminal_width())


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _rich_table(rows: Sequence[Row], cols: list[str], *, title: str | None, width: int) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(title, style="bold") if title else None,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
        expand=False,
    )
    cells = [[_display(row.get(c)) for c in cols] for row in rows]
    headers = [col.replace("_", " ") for col in cols]  # headers wrap at the spaces instead of mid-word
    longest = [max([_longest_word(h), *(_longest_word(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    # Columns no narrower than their longest word (up to a cap), so words wrap whole; the space left is shared
    # in proportion to what each column would still use. When even a small cap cannot fit the width, rows are
    # printed as records (one "column: value" line each): rich would otherwise crop or split every word.
    width = max(width, 40)
    budget = width - 3 * (len(cols) - 1)
    natural = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    cap = 20
    while sum(min(n, cap) for n in longest) > budget and cap > 8:
        cap -= 2
    minimum = [min(n, cap, natural[i]) for i, n in enumerate(longest)]
    if rows and sum(minimum) > budget:
        return _records(cells, cols, title=title, width=width)
    widths: list[int | None] = [None] * len(cols)
    if sum(natural) > budget:
        spare = budget - sum(minimum)
        wants = [natural[i] - minimum[i] for i in range(len(cols))]
        total = sum(wants) or 1
        widths = [minimum[i] + (spare * wants[i]) // total for i in range(len(cols))]
    for i, col in enumerate(cols):
        numeric = _is_numeric_column(rows, col)
        table.add_column(
            Text(headers[i]),
            justify="right" if numeric else "left",
            overflow="fold",
            width=widths[i],
        )
    for r in cells:
        # Text() rather than str: cell text is never read as rich markup ("[MASH]" stays as written).
        table.add_row(*(Text(v) for v in r))
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=max(width, 40),
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    if not rows:
        if title:
            console.print(Text(title, style="bold"))
        console.print(Text("(no rows)"))
    else:
        console.print(table)
    return buf.getvalue()


def _records(cells: list[list[str]], cols: list[str], *, title: str | None, width: int) -> str:
    """Rows as blocks of `column: value` lines (for tables too wide for the terminal), wrapped to width."""
    import textwrap

    pad = max(len(c) for c in cols) + 2
    lines = [title, ""] if title else []
    for n, row in enumerate(cells, start=1):
        lines.append(f"-- {n} " + "-" * max(0, min(width, 60) - len(str(n)) - 4))
        for col, value in zip(cols, row, strict=True):
            wrapped = textwrap.wrap(value, max(width - pad, 20), break_long_words=True) or [""]
            lines.append(f"{col + ':':<{pad}}{wrapped[0]}")
            lines.extend(" " * pad + w for w in wrapped[1:])
    return "\n".join(lines) + "\n"


def render_summary(summary: Mapping[str, Any], fmt: str | TableFormat = TableFormat.TABLE) -> str:
    """A few key/value facts (shown above the tables of a table-format report)."""
    fmt = TableFormat(fmt)
    if fmt is TableFormat.JSON:
        return json.dumps(dict(summary), ensure_ascii=False, indent=2, default=_json_default)
    if fmt is TableFormat.CSV:
        return render_table([{"key": k, "value": v} for k, v in summary.items()], fmt)
    return "".join(f"{k}: {_display(v)}\n" for k, v in summary.items())


def render_tables(
    tables: Mapping[str, Sequence[Row]],
    fmt: str | TableFormat = TableFormat.TABLE,
    *,
    columns: Mapping[str, Sequence[str]] | None = None,
    summary: Mapping[str, Any] | None = None,
    titles: Mapping[str, str] | None = None,
    width: int | None = None,
) -> str:
    """Several named tables in one output.

    table: the summary lines, then each table under its title. JSON: one object
    `{"summary": {...}, "<name>": [rows...], ...}`. CSV: each table preceded by a `# <name>` line and
    separated by a blank line (pick one table with the commands' `--table NAME` for a plain CSV file).
    """
    fmt = TableFormat(fmt)
    columns = columns or {}
    titles = titles or {}
    if fmt is TableFormat.JSON:
        data: dict[str, Any] = {}
        if summary:
            data["summary"] = dict(summary)
        for name, rows in tables.items():
            cols = columns_of(rows, columns.get(name))
            data[name] = [{c: row.get(c) for c in cols} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    parts: list[str] = []
    if fmt is TableFormat.CSV:
        for name, rows in tables.items():
            parts.append(f"# {name}\n" + render_table(rows, fmt, columns=columns.get(name)))
        return "\n".join(parts)
    if summary:
        parts.append(render_summary(summary, fmt))
    for name, rows in tables.items():
        parts.append(
            render_table(rows, fmt, columns=columns.get(name), title=titles.get(name, name), width=width)
        )
    return "\n".join(parts)


def select_table(tables: Mapping[str, Sequence[Row]], name: str) -> Sequence[Row]:
    """One table by name, with a clear error naming the choices."""
    from kg.errors import KgError

    if name not in tables:
        raise KgError(f"no table {name} in this report", hint="choose one of: " + ", ".join(tables))
    return tables[name]


def render_report(
    tables: Mapping[str, Sequence[Row]],
    fmt: str | TableFormat = TableFormat.TABLE,
    *,
    columns: Mapping[str, Sequence[str]] | None = None,
    titles: Mapping[str, str] | None = None,
    summary: Mapping[str, Any] | None = None,
    only: str | None = None,
    display: Mapping[str, Sequence[str]] | None = None,
    width: int | None = None,
) -> str:
    """A command's whole report (`render_tables`), or just the table named `only` (plain CSV/JSON rows).

    `display` gives, per table, the columns a terminal table shows (IRIs and long evidence columns read
    badly at 80-120 characters); CSV and JSON always carry every column.
    """
    if TableFormat(fmt) is TableFormat.TABLE and display:
        columns = {**(columns or {}), **display}
    if only:
        rows = select_table(tables, only)
        text = render_table(
            rows, fmt, columns=(columns or {}).get(only), title=(titles or {}).get(only, only), width=width
        )
        return text if text.endswith("\n") else text + "\n"
    return render_tables(tables, fmt, columns=columns, titles=titles, summary=summary, width=width)


def joined(values: Iterable[Any], sep: str = "; ") -> str:
    """Values as one cell (sorted as given; empty string for none)."""
    return sep.join(str(v) for v in values if v not in (None, ""))
