"""`kg validate`: check the store's graphs against `ontology/shapes.ttl` with pySHACL.

Each named graph is checked on its own (a document graph must be well formed by itself), with sg.ttl given
to pySHACL as the ontology graph so that `sh:targetClass sg:Document` reaches every kind of document.
Only one graph is held in memory at a time. Findings are a return value, not an exception: the CLI turns
violations into exit code 1. Only SHACL Core shapes of our own are used, with owl:imports never followed.

Example:
    >>> from kg.store import open_store
    >>> store = open_store(":memory:")
    >>> validate_store(store).conforms
    True
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.identifiers import PREFIXES
from kg.ontology import load_ontology, load_shapes, shorten

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from kg.store import Store

log = logging.getLogger(__name__)

_SH = "http://www.w3.org/ns/shacl#"
#: pySHACL pre-inference. "none" is enough: pySHACL mixes the ontology's axioms into each data graph, which
#: is all that targeting by class needs. "rdfs" took about 2.5x longer on a 2,000-triple document graph and
#: is wrong here: the range of sg:kind would type the thesaurus concepts a document points at as
#: skos:Concept inside that document's graph, where their labels are absent.
INFERENCE = "none"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong, how bad, which shape, which graph."""

    focus: str
    path: str
    message: str
    severity: str  # "Violation" | "Warning" | "Info"
    shape: str
    graph: str = ""
    value: str = ""

    def line(self) -> str:
        """One readable line: `Violation  id:doc/ab12  sg:sha256: message`."""
        where = shorten(self.focus)
        if self.path:
            where += f"  {shorten(self.path)}"
        value = f" (found: {shorten(self.value)})" if self.value else ""
        return f"{self.severity:<9}  {where}: {self.message}{value}  [{shorten(self.shape)}]"


@dataclass(slots=True)
class ValidationReport:
    """The outcome for the graphs checked; `conforms` is False only when there is a sh:Violation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""
    graphs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def violation_count(self) -> int:
        return sum(1 for v in self.violations if v.severity == "Violation")

    @property
    def warning_count(self) -> int:
        return sum(1 for v in self.violations if v.severity != "Violation")

    def to_json(self) -> str:
        return json.dumps({
            "conforms": self.conforms,
            "graphs": len(self.graphs),
            "violations": self.violation_count,
            "warnings": self.warning_count,
            "seconds": round(self.seconds, 3),
            "results": [asdict(v) for v in self.violations],
        }, ensure_ascii=False, indent=2)


def _parent_shapes(shapes: rdflib.Graph) -> dict[str, str]:
    """Property shape (often a blank node) -> the named node shape holding it, for readable reports."""
    import rdflib

    prop = rdflib.URIRef(_SH + "property")
    return {str(ps): str(ns) for ns, ps in shapes.subject_objects(prop) if isinstance(ns, rdflib.URIRef)}


def _term_text(node: object) -> str:
    import rdflib

    if node is None:
        return ""
    if isinstance(node, rdflib.Literal):
        text = str(node)
        return text if len(text) <= 80 else text[:77] + "..."
    return str(node)


def _path_text(node: object) -> str:
    """A result path: an IRI, or a short description of a complex path."""
    import rdflib

    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return str(node)
    return "(complex path)"


def validate_graph(data: rdflib.Graph, graph_iri: str = "", *, inplace: bool = False) -> list[Violation]:
    """Validate one rdflib graph against shapes.ttl (with sg.ttl as the ontology); returns the results.

    With inplace=True pySHACL adds the ontology's axioms to `data` instead of copying it first (faster;
    for throwaway graphs).
    """
    import pyshacl
    import rdflib

    shapes = load_shapes()
    ontology = load_ontology()
    try:
        _conforms, report, _text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            ont_graph=ontology,
            inference=INFERENCE,
            allow_warnings=True,
            advanced=False,
            do_owl_imports=False,
            meta_shacl=False,
            abort_on_first=False,
            inplace=inplace,
        )
    except Exception as err:  # pySHACL reports a broken shapes file as a runtime error
        raise KgError(f"cannot validate {graph_iri or 'graph'}: {err.__class__.__name__}: {err}",
                      hint="check ontology/shapes.ttl with: pytest tests/test_ontology.py") from err
    parents = _parent_shapes(shapes)
    sh = rdflib.Namespace(_SH)
    results = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = report.value(result, sh.sourceShape)
        shape = parents.get(str(source), str(source) if isinstance(source, rdflib.URIRef) else "")
        severity = report.value(result, sh.resultSeverity)
        message = report.value(result, sh.resultMessage)
        results.append(Violation(
            focus=_term_text(report.value(result, sh.focusNode)),
            path=_path_text(report.value(result, sh.resultPath)),
            message=" ".join(str(message).split()) if message is not None else "does not conform",
            severity=str(severity).removeprefix(_SH) if severity is not None else "Violation",
            shape=shape,
            graph=graph_iri,
            value=_term_text(report.value(result, sh.value)),
        ))
    results.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path, v.message))
    return results


def _parse_nt(data: bytes) -> rdflib.Graph:
    import rdflib

    g = rdflib.Graph()
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def _validate_nt(graph_iri: str, data: bytes) -> list[Violation]:
    """Runs in a worker process: parse one graph's N-Triples and validate it."""
    t0 = time.perf_counter()
    g = _parse_nt(data)
    found = validate_graph(g, graph_iri, inplace=True)
    log.info("validated %s: %d triples, %d results in %.2f s", graph_iri, len(g), len(found),
             time.perf_counter() - t0)
    return found


#: Fewer graphs than this are checked in this process: starting workers (each imports pySHACL and reads
#: the shapes, about a second) would cost more than it saves.
PARALLEL_FROM = 8


def validate_store(
    store: Store,
    graph: str | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int | None = None,
) -> ValidationReport:
    """Validate one named graph, or every named graph of the store one by one.

    pySHACL is pure Python and takes about half a second for a report's graph, so a whole store is checked
    by `jobs` worker processes (default: the number of cores): this process reads each graph from the store
    (the store has one user at a time) and hands its N-Triples to a worker. The results are the same, in
    the same order, whatever the number of workers.

    Example: `validate_store(open_store("kg-store"), "https://w3id.org/safeguarding-kg/id/graph/ab12...")`.
    Raises KgError when `graph` is not in the store.
    """
    from kg.store import ExportFormat

    started = time.perf_counter()
    available = store.named_graphs()
    if graph is not None:
        if graph not in available:
            raise KgError(f"graph not in the store: {graph}", hint="list graphs with: kg query "
                          "'SELECT DISTINCT ?g WHERE { GRAPH ?g { } }'")
        graphs = [graph]
    else:
        graphs = sorted(available)
    jobs = max(1, jobs or os.cpu_count() or 1)
    by_graph: dict[str, list[Violation]] = {}
    if jobs == 1 or len(graphs) < PARALLEL_FROM:
        for iri in graphs:
            if progress is not None:
                progress(iri)
            by_graph[iri] = _validate_nt(iri, store.dump(ExportFormat.NT, iri) or b"")
    else:
        by_graph = _validate_in_workers(store, graphs, jobs, progress)
    results = [v for iri in graphs for v in by_graph[iri]]
    conforms = not any(v.severity == "Violation" for v in results)
    report = ValidationReport(conforms, results, "", graphs, time.perf_counter() - started)
    report.text = format_report(report)
    return report


def _validate_in_workers(store: Store, graphs: list[str], jobs: int,
                         progress: Callable[[str], None] | None) -> dict[str, list[Violation]]:
    """Graphs read here, validated by `jobs` workers; a few graphs per worker in flight bound the memory."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    from kg.store import ExportFormat
    from kg.workers import spawn_context, watch_parent

    by_graph: dict[str, list[Violation]] = {}
    todo = iter(graphs)
    inflight: dict[Future[list[Violation]], str] = {}
    with ProcessPoolExecutor(jobs, mp_context=spawn_context(), initializer=watch_parent,
                             initargs=(os.getpid(),)) as pool:
        while True:
            while len(inflight) < jobs * 2:
                iri = next(todo, None)
                if iri is None:
                    break
                inflight[pool.submit(_validate_nt, iri, store.dump(ExportFormat.NT, iri) or b"")] = iri
            if not inflight:
                break
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in done:
                iri = inflight.pop(fut)
                by_graph[iri] = fut.result()
                if progress is not None:
                    progress(iri)
    return by_graph


def format_report(report: ValidationReport, *, limit: int | None = None) -> str:
    """Readable text: a summary line, then the results grouped by graph."""
    verdict = "Conforms" if report.conforms else "Does not conform"
    head = (f"{verdict}: {len(report.graphs)} graph(s) checked, "
            f"{report.violation_count} violation(s), {report.warning_count} warning(s) "
            f"in {report.seconds:.1f} s")
    lines = [head]
    shown = 0
    for graph_iri in _unique(v.graph for v in report.violations):
        if limit is not None and shown >= limit:
            break
        lines.append("")
        lines.append(f"Graph {shorten(graph_iri)}")
        for v in report.violations:
            if v.graph != graph_iri:
                continue
            if limit is not None and shown >= limit:
                break
            lines.append("  " + v.line())
            shown += 1
    if limit is not None and len(report.violations) > shown:
        lines.append(f"... and {len(report.violations) - shown} more (use --format json for all)")
    return "\n".join(lines)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))

