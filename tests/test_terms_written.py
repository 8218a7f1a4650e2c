"""Every ontology term the extractor writes is declared in ontology/sg.ttl (and valid under the shapes)."""

from __future__ import annotations

from pathlib import Path

from kg.identifiers import ONTOLOGY_GRAPH, SG, THESAURUS_GRAPH
from kg.ingest import ingest_paths
from kg.ontology import ontology_terms
from kg.settings import SAMPLES_DIR
from kg.store import open_store
from kg.validate import validate_store

# Document graphs and the reference graph: what the code writes (the ontology and thesaurus graphs are data).
DOCUMENT_GRAPHS = (
    f"FILTER(?g NOT IN (<{ONTOLOGY_GRAPH}>, <{THESAURUS_GRAPH}>))"
)


def test_every_written_sg_term_is_declared(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    report = ingest_paths(store, [SAMPLES_DIR], jobs=1)
    assert report.ingested and not report.failed
    used: set[str] = set()
    for q in (
        f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ ?s ?t ?o }} {DOCUMENT_GRAPHS} }}",
        f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ ?s ?p ?t }} FILTER(isIRI(?t)) {DOCUMENT_GRAPHS} }}",
    ):
        used |= {row[0].value for row in store.query(q).rows if row[0] is not None}
    written = {t for t in used if t.startswith(SG)}
    assert written, "the samples should use ontology terms"
    undeclared = sorted(written - set(ontology_terms()))
    assert not undeclared, f"terms written but not declared in ontology/sg.ttl: {undeclared}"
    assert validate_store(store).conforms
