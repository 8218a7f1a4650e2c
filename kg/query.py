"""Named SPARQL queries, the read-only guard, deadlines, and result formatting for `kg query` / `kg update`.

Why it looks like this:
- Named queries are plain `.rq` files in `kg/queries/` with a comment header (title, description, params,
  examples). Parameters are SPARQL variables the store pre-binds as RDF terms (a VALUES block of escaped
  terms at the head of the outer WHERE), so a value can never change the query's text. Every parameter is
  also projected (pyoxigraph's own substitutions would require it); `run_named_query` drops those echo
  columns again.
- Oxigraph plans without statistics, and the union default graph repeats a shared node's triples once per
  document graph, so the named queries are written to be driven from the parameters: LATERAL blocks
  (SEP-0006, run by Oxigraph and Jena 4.7+) evaluate each step for the few rows found so far.
  tests/test_query.py keeps them under a second on a corpus-sized synthetic store.
- `kg query` must never write, and must never make the store fetch from the network (pyoxigraph and
  rdflib both follow SERVICE; pyoxigraph's HTTP client ignores Python audit hooks; RELIABILITY S6-S8).
  pyoxigraph has no parse-only API in Python, so the query is parsed and its algebra walked with rdflib
  before anything is sent to a store.
- A pyoxigraph query cannot be interrupted from Python (S9), so an embedded query runs in a child process
  that opens the store itself and is killed at the deadline; the parent never holds the RocksDB lock.

Example:
    >>> [q.name for q in list_queries()][:2]
    ['authorities', 'authorities-with']
    >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
    'select'
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import multiprocessing
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from kg import errors
from kg.errors import KgError, QueryError, StoreError
from kg.identifiers import ID, PREFIXES, sparql_prefixes
from kg.settings import QUERIES_DIR, QUERY_TIMEOUT
from kg.store import QueryResult, RemoteStore, Store, Term, literal, require_store, result_from_json

log = logging.getLogger(__name__)

#: Output formats of `kg query`.
FORMATS = ("table", "csv", "tsv", "json")

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$", re.IGNORECASE)
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?:(?P<required>required)|default\s*(?P<default>.*?))\)\s*:\s*(?P<desc>.*)$"
)


# ----------------------------------------------------------------------------------------------------------
# Named queries
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One parameter of a named query: a SPARQL variable bound to a plain literal."""

    name: str
    default: str | None  # None: the parameter is required
    description: str

    @property
    def required(self) -> bool:
        return self.default is None

    def usage(self) -> str:
        if self.required:
            return f"{self.name} (required)"
        return f"{self.name} (default {json.dumps(self.default)})"


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query of the library: its header, parameters and SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    examples: tuple[str, ...]
    text: str  # the whole file, header included
    path: Path | None = None

    @property
    def body(self) -> str:
        """The SPARQL without the header comments (a header could otherwise confuse VALUES insertion)."""
        lines = self.text.splitlines(keepends=True)
        i = 0
        while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
            i += 1
        return "".join(lines[i:])

    @property
    def defaults(self) -> dict[str, str | None]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


def parse_named_query(name: str, text: str, path: Path | None = None) -> NamedQuery:
    """Read the header of a `.rq` file (lines `# key: value` before the first SPARQL line)."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    last: str | None = None
    where = path.name if path else name
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            last = None
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if m:
            last = m.group(1).lower()
            fields[last].append(m.group(2).strip())
        elif last in ("title", "description") and stripped.lstrip("#").strip():
            fields[last][-1] += " " + stripped.lstrip("#").strip()  # a wrapped line continues the field
    params: list[QueryParam] = []
    for spec in fields["param"]:
        pm = _PARAM.match(spec)
        if not pm:
            raise QueryError(f"{where}: bad parameter line '# param: {spec}' "
                             "(expected: name (required|default VALUE): description)")
        default: str | None = None
        if not pm.group("required"):
            raw = (pm.group("default") or "").strip()
            default = json.loads(raw) if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2 else raw
        params.append(QueryParam(pm.group("name"), default, pm.group("desc").strip()))
    if not fields["title"]:
        raise QueryError(f"{where}: the header has no '# title:' line")
    return NamedQuery(
        name=name,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        params=tuple(params),
        examples=tuple(fields["example"]),
        text=text,
        path=path,
    )


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    folder = directory or QUERIES_DIR
    paths = sorted(folder.glob("*.rq"), key=lambda p: p.stem)
    return [parse_named_query(p.stem, p.read_text(encoding="utf-8"), p) for p in paths]


def load_query(name: str, directory: Path | None = None) -> NamedQuery:
    """One named query; an unknown name is a QueryError listing the known ones."""
    folder = directory or QUERIES_DIR
    path = folder / f"{name}.rq"
    if not _NAME.match(name) or not path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.rq")))
        raise QueryError(f"unknown named query '{name}'", hint=f"known queries: {known} (kg query --list)")
    return parse_named_query(name, path.read_text(encoding="utf-8"), path)


def bind_parameters(query: NamedQuery, params: Mapping[str, str]) -> dict[str, Term]:
    """The values of the query's parameters as plain literals; unknown or missing ones are errors."""
    for key in params:
        if query.param(key) is None:
            takes = ", ".join(p.name for p in query.params) or "no parameters"
            raise QueryError(f"query '{query.name}' has no parameter '{key}' (it takes: {takes})")
    bindings: dict[str, Term] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None:
            raise QueryError(f"query '{query.name}' needs the parameter '{p.name}': {p.description}",
                             hint=f"add --param {p.name}=...")
        bindings[p.name] = literal(str(value))
    return bindings


def run_named_query(store: Store | StoreTarget | str | Path, name: str,
                    params: Mapping[str, str] | None = None, *, timeout: float | None = None) -> QueryResult:
    """Run a named query with its parameters bound as RDF literals (never pasted into the text).

    `store` is an open Store (queried in this process) or a location/`kg.cli.Context` (queried under the
    deadline of `run_query`). The parameter columns, which only echo the input, are left out of the result.
    """
    query = load_query(name)
    bindings = bind_parameters(query, params or {})
    if isinstance(store, Store):
        result = _query_open_store(store, query.body, bindings, timeout)
    else:
        result = run_query(store, query.body, timeout=timeout, bindings=bindings, check=False)
    return drop_columns(result, list(bindings))


def drop_columns(result: QueryResult, names: Sequence[str]) -> QueryResult:
    if result.kind != "select" or not any(n in result.vars for n in names):
        return result
    keep = [i for i, v in enumerate(result.vars) if v not in names]
    rows = [[row[i] for i in keep] for row in result.rows]
    return QueryResult("select", [result.vars[i] for i in keep], rows)


# ----------------------------------------------------------------------------------------------------------
# The read-only guard
# ----------------------------------------------------------------------------------------------------------

_PROLOGUE = sparql_prefixes()
_PROLOGUE_LINES = _PROLOGUE.count("\n")
_POSITION = re.compile(r"\s*\(at char \d+\),\s*\(line:(\d+),\s*col:(\d+)\)\s*$")
#: Graph names a FROM / FROM NAMED clause may use: this store's own graphs (never fetched by anyone).
_OWN_GRAPHS = ("https://w3id.org/safeguarding-kg/", "urn:", "tag:")
_FORMS = {"SelectQuery": "select", "ConstructQuery": "construct", "DescribeQuery": "describe",
          "AskQuery": "ask"}


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _syntax_error(err: Exception) -> QueryError:
    """rdflib/pyparsing's message, with line numbers counted in the user's text (not our prefix lines)."""
    text = _one_line(str(err))
    line, col = getattr(err, "lineno", None), getattr(err, "col", None)
    text = _POSITION.sub("", text)
    if isinstance(line, int) and isinstance(col, int):
        line = max(1, line - _PROLOGUE_LINES)
        return QueryError(f"SPARQL syntax error at line {line}, column {col}: {text}")
    return QueryError(f"SPARQL syntax error: {text}")


def _walk(node: Any, depth: int = 0) -> Iterator[Any]:
    """Every node of an rdflib parse tree or algebra (CompValue, ParseResults, lists, dicts)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 500:
        raise QueryError("the query is nested too deeply to check")
    yield node
    if isinstance(node, CompValue | dict):
        for value in list(node.values()):
            yield from _walk(value, depth + 1)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _walk(value, depth + 1)


def _field(node: Any, key: str) -> Any:
    """A field of an rdflib CompValue, or None (CompValue.get returns the key itself when it is missing)."""
    try:
        return node[key] if key in node else None  # noqa: SIM401 - CompValue.get(key) is not dict.get
    except TypeError:
        return None


def _has(tree: Any, name: str) -> bool:
    return any(getattr(n, "name", None) == name for n in _walk(tree))


_LATERAL = re.compile(r"\bLATERAL(?=\s*\{)", re.IGNORECASE)


def _without_lateral(sparql: str) -> str:
    """rdflib's parser lacks LATERAL (SEP-0006, which Oxigraph and Jena run); `A LATERAL { B }` becomes
    `A { B }` for the check only: the same patterns, SERVICE and FROM clauses, at the same columns."""
    return _LATERAL.sub("       ", sparql)


def _parse_update(sparql: str) -> Any | None:
    """The rdflib parse of an update with at least one operation, or None."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        tree = parseUpdate(_PROLOGUE + _without_lateral(sparql))
    except Exception:
        return None
    return tree if _field(tree, "request") else None


def check_read_only(sparql: str, *, allow_service: bool = False) -> str:
    """Refuse anything but a plain read: updates, SERVICE (unless allowed), FROM on graphs outside the store.

    Returns the query form ("select", "construct", "describe" or "ask"). The standard prefixes are
    predeclared, as the stores do.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    if not sparql.strip():
        raise QueryError("the query is empty")
    try:
        tree = parseQuery(_PROLOGUE + _without_lateral(sparql))
    except Exception as err:
        if _parse_update(sparql) is not None:
            raise QueryError("kg query is read-only: use kg update for INSERT, DELETE, LOAD, CLEAR, DROP "
                             "and other changes") from None
        raise _syntax_error(err) from None
    algebra: Any = None
    try:
        algebra = translateQuery(tree).algebra
    except Exception as err:
        message = _one_line(str(err))
        if "prefix" in message.lower():
            raise QueryError(f"SPARQL error: {message}") from None
        log.debug("rdflib could not translate the query (%s); checking its parse tree only", message)
    if not allow_service and (_has(tree, "ServiceGraphPattern") or _has(algebra, "ServiceGraphPattern")):
        raise QueryError("SERVICE is not allowed in kg query: it makes the store fetch from another server",
                         hint="pass --allow-service if you trust that endpoint")
    clauses = (_field(algebra, "datasetClause") if algebra is not None else None) or []
    if not clauses:
        clauses = [n for n in _walk(tree) if getattr(n, "name", None) == "DatasetClause"]
    for clause in clauses:
        target = _field(clause, "default")
        if target is None:
            target = _field(clause, "named")
        value = str(target) if target is not None and not hasattr(target, "name") else None
        if value is None or not value.startswith(_OWN_GRAPHS):
            shown = value if value is not None else "a prefixed name"
            raise QueryError(f"FROM <{shown}> is not a graph of this store: kg query never loads remote data",
                             hint=f"name graphs of this store ({ID}graph/...), or leave FROM out")
    name = getattr(algebra, "name", None) or next(
        (n.name for n in _walk(tree) if getattr(n, "name", None) in _FORMS), "SelectQuery")
    return _FORMS.get(name, "select")


def check_update(sparql: str, *, allow_service: bool = False, allow_load: bool = False) -> list[str]:
    """Check an update for `kg update`: it parses, and has no SERVICE or LOAD unless allowed.

    Returns the names of its operations (InsertData, DeleteWhere, Drop ...).
    """
    if not sparql.strip():
        raise QueryError("the update is empty")
    tree = _parse_update(sparql)
    if tree is None:
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

        try:
            parseQuery(_PROLOGUE + _without_lateral(sparql))
        except Exception:
            try:
                parseUpdate(_PROLOGUE + _without_lateral(sparql))
            except Exception as err:
                raise _syntax_error(err) from None
            raise QueryError("the update has no operation") from None
        raise QueryError("this is a query, not an update: use kg query")
    if not allow_service and _has(tree, "ServiceGraphPattern"):
        raise QueryError("SERVICE is not allowed in kg update: it makes the store fetch from another server",
                         hint="pass --allow-service if you trust that endpoint")
    if not allow_load and _has(tree, "Load"):
        raise QueryError("LOAD is not allowed in kg update: it fetches data from a URL",
                         hint="pass --allow-load if you trust that source, or use kg ingest for documents")
    return [op.name for op in tree["request"]]


# ----------------------------------------------------------------------------------------------------------
# Running a query under a deadline
# ----------------------------------------------------------------------------------------------------------


class StoreTarget(Protocol):
    """What `kg.cli.Context` offers: a location and a way to open it."""

    store_location: str

    def open_store(self, *, read_only: bool = False) -> Store: ...


def _is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def _opener(target: StoreTarget | str | Path) -> tuple[str, Callable[[], Store]]:
    if isinstance(target, str | Path):
        from kg.store import open_store

        return str(target), partial(open_store, str(target))
    return str(target.store_location), target.open_store


def _query_open_store(store: Store, sparql: str, bindings: Mapping[str, Term] | None,
                      timeout: float | None) -> QueryResult:
    """An already open store: a server gets the deadline as its HTTP timeout; pyoxigraph runs to the end."""
    if isinstance(store, RemoteStore) and timeout:
        previous = store.timeout
        store.timeout = timeout
        try:
            return _remote_query(store, sparql, bindings, timeout)
        finally:
            store.timeout = previous
    return store.query(sparql, bindings=bindings)


def _remote_query(store: Store, sparql: str, bindings: Mapping[str, Term] | None,
                  timeout: float) -> QueryResult:
    import requests

    try:
        return store.query(sparql, bindings=bindings)
    except StoreError as err:
        if isinstance(err.__cause__, requests.Timeout):
            raise QueryError(f"query timed out after {timeout:g} s (--timeout)") from None
        raise


def _child(opener: Callable[[], Store], sparql: str, bindings: dict[str, Term] | None, conn: Any) -> None:
    """Runs in the child process: open, query, close (releasing the lock), then send the answer."""
    try:
        store = opener()
        try:
            result = store.query(sparql, bindings=bindings)
        finally:
            store.close()
        payload: list[Any] = ["ok", result.kind, result.graph if result.kind == "graph" else result.to_json()]
    except KgError as err:
        payload = ["kgerror", type(err).__name__, str(err), err.hint]
    except BaseException as err:
        payload = ["crash", f"{type(err).__name__}: {_one_line(str(err))}", traceback.format_exc()]
    try:
        conn.send_bytes(json.dumps(payload).encode("utf-8"))
    finally:
        conn.close()


def _from_payload(payload: list[Any]) -> QueryResult:
    status = payload[0]
    if status == "ok":
        kind, data = payload[1], payload[2]
        if kind == "graph":
            return QueryResult("graph", graph=data)
        return result_from_json(json.loads(data))
    if status == "kgerror":
        # Errors whose constructor is (message, hint=...) come back as themselves; any other as a QueryError.
        known = {c.__name__: c for c in (KgError, QueryError, StoreError, errors.StoreBusyError)}
        cls = known.get(payload[1], QueryError)
        raise cls(payload[2], hint=payload[3])
    log.debug("query process failed:\n%s", payload[2])
    raise QueryError(f"query failed: {payload[1]}")


def _mp_context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_query(target: Store | StoreTarget | str | Path, sparql: str, *, timeout: float | None = QUERY_TIMEOUT,
              bindings: Mapping[str, Term] | None = None, allow_service: bool = False,
              check: bool = True) -> QueryResult:
    """Run a read-only query with a deadline.

    `target` is a location (directory, ":memory:" or http(s) URL), a `kg.cli.Context`, or an open Store.
    An embedded store is queried in a child process that is killed at the deadline; a server is given the
    deadline as the HTTP timeout. `timeout` None or 0 means no deadline.
    """
    if check:
        check_read_only(sparql, allow_service=allow_service)
    binds = dict(bindings) if bindings else None
    if isinstance(target, Store):
        return _query_open_store(target, sparql, binds, timeout)
    location, opener = _opener(target)
    if _is_remote(location):
        store = opener()
        try:
            return _query_open_store(store, sparql, binds, timeout)
        finally:
            store.close()
    if location == ":memory:":
        with opener() as store:
            return store.query(sparql, bindings=binds)
    require_store(location)  # a typo in --store must not silently query a new empty store
    return _run_in_child(opener, sparql, binds, timeout)


def _run_in_child(opener: Callable[[], Store], sparql: str, bindings: dict[str, Term] | None,
                  timeout: float | None) -> QueryResult:
    ctx = _mp_context()
    receiver, sender = ctx.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # a forked child must not repeat buffered output
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    proc = ctx.Process(target=_child, args=(opener, sparql, bindings, sender), daemon=True,
                       name="kg-query")
    started = time.monotonic()
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout if timeout else None):
            raise QueryError(f"query timed out after {timeout:g} s (--timeout)",
                             hint="narrow the query (LIMIT, a more specific pattern) or raise --timeout")
        try:
            data = receiver.recv_bytes()
        except EOFError:
            proc.join(1)
            raise QueryError(f"the query process ended without an answer (exit code {proc.exitcode})") \
                from None
        return _from_payload(json.loads(data))
    finally:
        receiver.close()
        if proc.is_alive():
            proc.join(0.5 if proc.exitcode is None else 0)
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        log.debug("query process ended after %.3f s (exit code %s)", time.monotonic() - started,
                  proc.exitcode)


# ----------------------------------------------------------------------------------------------------------
# Updates
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpdateSummary:
    """What an update changed, for the confirmation `kg update` prints."""

    operations: tuple[str, ...]
    quads_before: int
    quads_after: int
    graphs_before: int
    graphs_after: int

    def describe(self) -> str:
        ops = ", ".join(_OPERATION_NAMES.get(o, o) for o in self.operations)
        dq = self.quads_after - self.quads_before
        dg = self.graphs_after - self.graphs_before
        return (f"update done ({ops}): quads {self.quads_before:,} -> {self.quads_after:,} ({dq:+,}); "
                f"named graphs {self.graphs_before:,} -> {self.graphs_after:,} ({dg:+,})")


_OPERATION_NAMES = {
    "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT", "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE",
    "Add": "ADD", "Move": "MOVE", "Copy": "COPY",
}


def _counts(store: Store) -> tuple[int, int]:
    res = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    quads = int(res.rows[0][0].value) if res.rows and res.rows[0][0] is not None else 0
    return quads, len(store.named_graphs())


def run_update(target: Store | StoreTarget | str | Path, sparql: str, *, allow_service: bool = False,
               allow_load: bool = False) -> UpdateSummary:
    """Run a deliberate SPARQL update (one transaction on oxigraph) and report what it changed."""
    operations = check_update(sparql, allow_service=allow_service, allow_load=allow_load)
    if isinstance(target, Store):
        return _update_open_store(target, sparql, operations)
    location, opener = _opener(target)
    if not _is_remote(location) and location != ":memory:":
        require_store(location)
    with opener() as store:
        return _update_open_store(store, sparql, operations)


def _update_open_store(store: Store, sparql: str, operations: list[str]) -> UpdateSummary:
    quads_before, graphs_before = _counts(store)
    store.update(sparql)
    quads_after, graphs_after = _counts(store)
    return UpdateSummary(tuple(operations), quads_before, quads_after, graphs_before, graphs_after)


# ----------------------------------------------------------------------------------------------------------
# Formatting
# ----------------------------------------------------------------------------------------------------------

_NUMERIC = {"integer", "int", "long", "short", "byte", "decimal", "double", "float", "nonNegativeInteger",
            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"}
_SORTED_PREFIXES = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def compact_iri(value: str) -> str:
    """`sg:Good` for the ontology IRI, `id:la/E09000015` for an instance: shorter columns in a table."""
    for prefix, ns in _SORTED_PREFIXES:
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def _is_numeric(term: Term) -> bool:
    return bool(term.datatype) and term.datatype.rsplit("#", 1)[-1] in _NUMERIC


def _cell(term: Term | None, *, compact: bool = False) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return compact_iri(term.value) if compact else term.value
    if term.kind == "bnode":
        return "_:" + term.value
    return term.value


def _spreadsheet_safe(term: Term | None, text: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (RELIABILITY QY-08)."""
    risky = text[:1] in ("=", "+", "-", "@", "\t", "\r")
    if risky and term is not None and term.kind == "literal" and not _is_numeric(term):
        return "'" + text
    return text


def _graph_rows(result: QueryResult) -> QueryResult:
    """A CONSTRUCT/DESCRIBE answer as subject/predicate/object rows (for csv and tsv)."""
    import pyoxigraph as ox

    from kg.store import _ox_to_term

    rows: list[list[Term | None]] = []
    for t in ox.parse(result.graph.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        rows.append([_ox_to_term(t.subject), _ox_to_term(t.predicate), _ox_to_term(t.object)])
    return QueryResult("select", ["subject", "predicate", "object"], rows)


def _turtle(result: QueryResult) -> str:
    import pyoxigraph as ox

    triples = list(ox.parse(result.graph.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8") if data else ""


def _delimited(result: QueryResult, delimiter: str) -> str:
    if result.kind == "ask":
        return f"boolean\n{'true' if result.boolean else 'false'}\n"
    if result.kind == "graph":
        result = _graph_rows(result)
    out = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.vars)
        for row in result.rows:
            writer.writerow([_spreadsheet_safe(t, _cell(t)) for t in row])
        return out.getvalue()
    out.write("\t".join(result.vars) + "\n")
    for row in result.rows:
        cells = [_spreadsheet_safe(t, _cell(t)) for t in row]
        out.write("\t".join(re.sub(r"[\t\r\n]+", " ", c) for c in cells) + "\n")
    return out.getvalue()


def _table(result: QueryResult, width: int | None = None) -> str:
    import shutil

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return _turtle(result)
    if not result.rows:
        return "(no results)\n"
    cells = [[_cell(t, compact=True) for t in row] for row in result.rows]
    columns = max(40, width or shutil.get_terminal_size((160, 24)).columns)
    # Short values (dates, grades, codes) keep their width; long text (sentences) absorbs the squeeze.
    # When even that does not fit the terminal, one block per row reads better than a crushed table.
    mins = []
    for i, var in enumerate(result.vars):
        widest = max((len(row[i]) for row in cells), default=0)
        longest_word = max((len(w) for row in cells for w in row[i].split()), default=0)
        mins.append(max(min(widest if widest <= 24 else longest_word, 24), min(len(var), 12), 1))
    if sum(mins) + 2 * len(mins) > columns:
        return _records(result.vars, cells, columns)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    for var, min_width in zip(result.vars, mins, strict=True):
        table.add_column(var, overflow="fold", min_width=min_width)
    for row in cells:
        table.add_row(*[Text(c) for c in row])
    out = io.StringIO()
    console = Console(file=out, width=max(40, columns), color_system=None, force_terminal=False,
                      highlight=False, emoji=False, markup=False, soft_wrap=False)
    console.print(table)
    n = len(result.rows)
    text = "\n".join(line.rstrip() for line in out.getvalue().splitlines())
    return f"{text}\n{n} row{'s' if n != 1 else ''}\n"


def _records(names: Sequence[str], cells: Sequence[Sequence[str]], width: int) -> str:
    """Rows as blocks of `name  value` lines (like psql's expanded display), values wrapped to the width."""
    import textwrap

    key = max(len(n) for n in names)
    text_width = max(20, width - key - 2)
    lines: list[str] = []
    for number, row in enumerate(cells, start=1):
        lines.append(f"-- row {number} " + "-" * max(0, min(width, 60) - len(f"-- row {number} ")))
        for name, value in zip(names, row, strict=True):
            wrapped = textwrap.wrap(value, text_width, break_long_words=True, break_on_hyphens=False) or [""]
            lines.append(f"{name:<{key}}  {wrapped[0]}".rstrip())
            lines.extend(" " * (key + 2) + more for more in wrapped[1:])
    n = len(cells)
    return "\n".join(lines) + f"\n{n} row{'s' if n != 1 else ''}\n"


def format_result(result: QueryResult, fmt: str, *, width: int | None = None) -> str:
    """Text for stdout: table (for people), csv or tsv (for spreadsheets), json (SPARQL 1.1 Results JSON).

    A CONSTRUCT/DESCRIBE answer is N-Triples in json, Turtle in table, and subject/predicate/object rows
    in csv/tsv.
    """
    if fmt == "json":
        if result.kind == "graph":
            return result.graph
        return result.to_json() + "\n"
    if fmt == "csv":
        return _delimited(result, ",")
    if fmt == "tsv":
        return _delimited(result, "\t")
    if fmt == "table":
        return _table(result, width)
    raise QueryError(f"unknown output format '{fmt}' (one of: {', '.join(FORMATS)})")


def describe_queries(queries: Sequence[NamedQuery]) -> str:
    """The text of `kg query --list`."""
    lines: list[str] = []
    for q in queries:
        lines.append(f"{q.name}: {q.title}")
        if q.params:
            lines.append("    params: " + "; ".join(f"{p.usage()}: {p.description}" for p in q.params))
        if q.examples:
            lines.append(f"    e.g. {q.examples[0]}")
    return "\n".join(lines) + "\n"


def queries_json(queries: Sequence[NamedQuery]) -> str:
    return json.dumps([
        {"name": q.name, "title": q.title, "description": q.description, "examples": list(q.examples),
         "params": [{"name": p.name, "required": p.required, "default": p.default,
                     "description": p.description} for p in q.params]}
        for q in queries
    ], indent=2, ensure_ascii=False) + "\n"


__all__ = [
    "FORMATS", "NamedQuery", "QueryParam", "UpdateSummary", "bind_parameters", "check_read_only",
    "check_update", "describe_queries", "format_result", "list_queries", "load_query", "queries_json",
    "run_named_query", "run_query", "run_update",
]
