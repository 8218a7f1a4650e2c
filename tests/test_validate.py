"""`kg validate`: a well-formed document graph conforms; broken ones fail and the report names the problem."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import KgError
from kg.identifiers import ID, SG, graph_iri
from kg.store import Store, open_store
from kg.validate import PARALLEL_FROM, ValidationReport, validate_store

SHA = "0123456789abcdef" * 4
H = SHA[:32]
GRAPH = graph_iri(SHA)

PREFIXES = f"""@prefix sg: <{SG}> .
@prefix sgt: <https://w3id.org/safeguarding-kg/thesaurus/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix doc: <{ID}doc/> .
@prefix la: <{ID}la/> .
@prefix m: <{ID}mention/{H}/> .
@prefix e: <{ID}entity/E09000015/> .
@prefix met: <{ID}metric/{H}/> .
@prefix j: <{ID}judgement/{H}/> .
@prefix f: <{ID}finding/{H}/> .
@prefix r: <{ID}relation/{H}/> .
@prefix person: <{ID}person/> .
"""

# A small, hand-made document graph following docs/DATA-MODEL.md (invented sentences).
VALID = PREFIXES + f"""
doc:{H} a sg:StandardInspection ; sg:about la:E09000015 ; sg:sourceFile "reports/sample.pdf" ;
  sg:sha256 "{SHA}" ; sg:mediaType "application/pdf" ; sg:pageCount 9 ; sg:textLength 30000 ;
  sg:periodStart "2019-04-01"^^xsd:date ; sg:periodEnd "2019-04-12"^^xsd:date ; sg:accessLevel sg:Public ;
  sg:leadInspector person:alex-example ; sg:judgement j:HelpAndProtection .
person:alex-example a sg:Person ; rdfs:label "Alex Example" .
j:HelpAndProtection a sg:Judgement ; sg:area sg:HelpAndProtection ; sg:grade sg:Good ; sg:evidence m:100-140 .
m:100-140 a sg:Mention ; sg:document doc:{H} ; sg:refersTo j:HelpAndProtection ; sg:page 1 ;
  sg:startOffset 100 ; sg:endOffset 140 ; sg:sentence "Help and protection for children is good." .
e:mash a sg:Team ; rdfs:label "multi-agency safeguarding hub" ; sg:kind sgt:mash ;
  sg:operatedBy la:E09000015 ; sg:mentionedIn doc:{H} ; sg:evidence m:500-504 ; sg:status sg:Embedded .
m:500-504 a sg:Mention ; sg:document doc:{H} ; sg:refersTo e:mash ; sg:page 2 ; sg:startOffset 500 ;
  sg:endOffset 504 ; sg:surfaceForm "MASH" ; sg:sentence "The MASH works well with the police." ;
  prov:wasDerivedFrom doc:{H} .
e:police a sg:Partner ; rdfs:label "police" ; sg:mentionedIn doc:{H} ; sg:evidence m:520-526 .
m:520-526 a sg:Mention ; sg:document doc:{H} ; sg:refersTo e:police ; sg:page 2 ; sg:startOffset 520 ;
  sg:endOffset 526 ; sg:sentence "The MASH works well with the police." .
la:E09000015 sg:has e:mash .
<{ID}status/{H}/500-504/Embedded> a sg:StatusStatement ; sg:statusOf e:mash ; sg:status sg:Embedded ;
  sg:evidence m:500-504 .
e:mash sg:worksWith e:police .
r:1 a sg:Relation ; sg:subject e:mash ; sg:predicate sg:worksWith ; sg:object e:police ;
  sg:basis sg:CuePattern ; sg:evidence m:500-504 .
met:900 a sg:Metric ; sg:indicator "agency social workers" ; sg:value 16.0 ; sg:unit "percent" ;
  sg:comparator "London average" ; sg:comparatorValue 26.0 ; sg:about la:E09000015 ; sg:mentionedIn doc:{H} ;
  sg:evidence m:900-903 .
m:900-903 a sg:Mention ; sg:document doc:{H} ; sg:refersTo met:900 ; sg:page 5 ; sg:startOffset 900 ;
  sg:endOffset 903 ; sg:sentence "About 16% of social workers are agency staff." .
f:1000 a sg:Finding ; sg:polarity sg:Strength ; sg:text "Managers know their services well." ;
  sg:hedged false ; sg:concerns e:mash ; sg:about la:E09000015 ; sg:mentionedIn doc:{H} ;
  sg:evidence m:1000-1030 .
m:1000-1030 a sg:Mention ; sg:document doc:{H} ; sg:refersTo f:1000 ; sg:page 6 ; sg:startOffset 1000 ;
  sg:endOffset 1030 ; sg:sentence "Managers know their services well." .
"""


def to_nquads(turtle: str, graph: str = GRAPH) -> str:
    g = ox.NamedNode(graph)
    triples = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in triples]
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def load(store: Store, turtle: str, graph: str = GRAPH) -> Store:
    store.replace_graph(graph, to_nquads(turtle, graph))
    return store


def check(turtle: str) -> ValidationReport:
    return validate_store(load(open_store(":memory:"), turtle), GRAPH)


def results_for(report: ValidationReport, path: str) -> list[str]:
    return [v.message for v in report.violations if v.path == SG + path]


def test_validate_valid_document_conforms() -> None:
    report = check(VALID)
    assert report.conforms, report.text
    assert report.violations == []
    assert report.graphs == [GRAPH]
    assert report.text.startswith("Conforms")


def test_validate_missing_sha256_fails_naming_it() -> None:
    report = check(VALID.replace(f'sg:sha256 "{SHA}" ;', ""))
    assert not report.conforms
    [violation] = report.violations
    assert violation.path == SG + "sha256"
    assert violation.focus == f"{ID}doc/{H}"
    assert violation.shape == SG + "DocumentShape"
    assert violation.severity == "Violation"
    assert "SHA-256" in violation.message
    assert "sg:sha256" in report.text


def test_validate_malformed_sha256_fails() -> None:
    report = check(VALID.replace(f'"{SHA}"', '"NOT-A-HASH"'))
    assert not report.conforms
    assert results_for(report, "sha256")


def test_validate_subclass_of_document_is_checked() -> None:
    """sh:targetClass sg:Document reaches sg:FocusedVisit through the ontology's subclass axioms."""
    broken = VALID.replace("a sg:StandardInspection", "a sg:FocusedVisit")
    broken = broken.replace("sg:accessLevel sg:Public ;", "")
    report = check(broken)
    assert not report.conforms
    assert any("who may see" in m for m in results_for(report, "accessLevel"))


def test_validate_mention_start_not_before_end_fails() -> None:
    old, new = "sg:startOffset 500 ;\n  sg:endOffset 504", "sg:startOffset 504 ;\n  sg:endOffset 504"
    assert old in VALID
    report = check(VALID.replace(old, new))
    assert not report.conforms
    [violation] = report.violations
    assert violation.path == SG + "startOffset"
    assert violation.focus.endswith("/500-504")
    assert "before its end position" in violation.message
    assert violation.shape == SG + "MentionShape"


def test_validate_judgement_bad_grade_fails() -> None:
    report = check(VALID.replace("sg:grade sg:Good", "sg:grade sg:Excellent"))
    assert not report.conforms
    [violation] = report.violations
    assert violation.path == SG + "grade"
    assert violation.value == SG + "Excellent"
    assert "grade" in violation.message and "outstanding, good" in violation.message
    assert violation.shape == SG + "JudgementShape"


def test_validate_judgement_two_grades_fails() -> None:
    report = check(VALID.replace("sg:grade sg:Good", "sg:grade sg:Good, sg:Inadequate"))
    assert results_for(report, "grade")


def test_validate_entity_without_evidence_fails() -> None:
    old = f'rdfs:label "police" ; sg:mentionedIn doc:{H} ; sg:evidence m:520-526 .'
    assert old in VALID
    report = check(VALID.replace(old, f'rdfs:label "police" ; sg:mentionedIn doc:{H} .'))
    assert not report.conforms
    [violation] = report.violations
    assert violation.path == SG + "evidence" and violation.focus.endswith("/police")
    assert violation.shape == SG + "EntityShape"


def test_validate_status_statement_needs_its_evidence_and_one_status() -> None:
    statement = f"<{ID}status/{H}/500-504/Embedded> a sg:StatusStatement ; sg:statusOf e:mash ; sg:status sg:Embedded ;"
    whole = statement + "\n  sg:evidence m:500-504 ."
    assert whole in VALID
    report = check(VALID.replace(whole, statement[:-2] + " ."))
    assert not report.conforms
    [violation] = report.violations
    assert violation.path == SG + "evidence" and violation.shape == SG + "StatusStatementShape"
    report = check(VALID.replace(whole, whole.replace("sg:status sg:Embedded", "sg:status sg:Embedded, sg:Ended")))
    assert results_for(report, "status")


def test_validate_metric_value_must_be_decimal() -> None:
    report = check(VALID.replace("sg:value 16.0", 'sg:value "sixteen"'))
    assert not report.conforms
    assert results_for(report, "value")


def test_validate_unusual_unit_is_only_a_warning() -> None:
    report = check(VALID.replace('sg:unit "percent"', 'sg:unit "fortnights"'))
    assert report.conforms
    assert report.warning_count == 1 and report.violation_count == 0
    assert report.violations[0].severity == "Warning"


def test_validate_relation_basis_mismatch_is_a_warning() -> None:
    report = check(VALID.replace("sg:basis sg:CuePattern", "sg:basis sg:CoOccurrence"))
    assert report.conforms
    assert [v.shape for v in report.violations] == [SG + "RelationShape"]


def test_validate_finding_bad_polarity_fails() -> None:
    report = check(VALID.replace("sg:polarity sg:Strength", "sg:polarity sg:Good"))
    assert not report.conforms and results_for(report, "polarity")


def test_validate_whole_store_graph_by_graph() -> None:
    other_sha = "f" * 64
    other_graph = graph_iri(other_sha)
    broken = VALID.replace(SHA, other_sha).replace(H, other_sha[:32])
    broken = broken.replace("sg:pageCount 9", "sg:pageCount 0")
    store = open_store(":memory:")
    load(store, VALID)
    load(store, broken, other_graph)
    report = validate_store(store)
    assert sorted(report.graphs) == sorted([GRAPH, other_graph])
    assert not report.conforms
    assert {v.graph for v in report.violations} == {other_graph}
    assert json.loads(report.to_json())["violations"] == 1


def test_validate_in_workers_finds_what_one_process_finds() -> None:
    """Enough graphs to use worker processes: the same results, in the same order, as checking them here."""
    store = open_store(":memory:")
    broken_graphs = []
    for n in range(PARALLEL_FROM + 4):
        sha = f"{n:02x}".ljust(64, "a")
        text = VALID.replace(SHA, sha).replace(H, sha[:32])
        if n % 3 == 0:  # every third graph has a page count of 0, a violation
            text = text.replace("sg:pageCount 9", "sg:pageCount 0")
            broken_graphs.append(graph_iri(sha))
        load(store, text, graph_iri(sha))
    seen: list[str] = []
    in_workers = validate_store(store, jobs=2, progress=seen.append)
    here = validate_store(store, jobs=1)
    assert in_workers.violations == here.violations
    assert sorted({v.graph for v in in_workers.violations}) == sorted(broken_graphs)
    assert sorted(seen) == sorted(in_workers.graphs) == sorted(store.named_graphs())
    assert not in_workers.conforms


def test_validate_unknown_graph_is_a_user_error() -> None:
    with pytest.raises(KgError, match="not in the store"):
        validate_store(open_store(":memory:"), "https://example.org/none")


def test_validate_graph_of_2000_triples_conforms() -> None:
    """A document-sized graph (about 2,000 triples) validates cleanly."""
    parts = [VALID]
    for i in range(120):
        s = 2000 + i * 10
        parts.append(
            f"e:thing-{i} a sg:Tool ; rdfs:label \"thing {i}\" ; sg:operatedBy la:E09000015 ;"
            f" sg:mentionedIn doc:{H} ; sg:evidence m:{s}-{s + 5} .\n"
            f"m:{s}-{s + 5} a sg:Mention ; sg:document doc:{H} ; sg:refersTo e:thing-{i} ; sg:page 3 ;"
            f" sg:startOffset {s} ; sg:endOffset {s + 5} ; sg:surfaceForm \"T{i}\" ;"
            f" sg:sentence \"The service uses thing {i}.\" ; prov:wasDerivedFrom doc:{H} .\n"
            f"la:E09000015 sg:has e:thing-{i} .\n"
        )
    text = "".join(parts)
    assert len(list(ox.parse(text, format=ox.RdfFormat.TURTLE))) > 1800
    report = check(text)
    assert report.conforms, report.text


# --- CLI -------------------------------------------------------------------------------------------------


def make_store(path: Path, turtle: str) -> str:
    store = open_store(path)
    load(store, turtle)
    store.close()
    return str(path)


def test_validate_cli_exit_0_when_conforming(tmp_path: Path) -> None:
    location = make_store(tmp_path / "store", VALID)
    result = CliRunner().invoke(cli, ["--store", location, "validate"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Conforms")


def test_validate_cli_exit_1_on_violation(tmp_path: Path) -> None:
    location = make_store(tmp_path / "store", VALID.replace(f'sg:sha256 "{SHA}" ;', ""))
    result = CliRunner().invoke(cli, ["--store", location, "validate"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "sg:sha256" in result.stdout and "SHA-256" in result.stdout
    assert "violation" in result.stderr.lower() and "Traceback" not in result.output


def test_validate_cli_json_for_one_graph(tmp_path: Path) -> None:
    location = make_store(tmp_path / "store", VALID.replace("sg:grade sg:Good", "sg:grade sg:Excellent"))
    result = CliRunner().invoke(cli, ["--store", location, "validate", "--graph", GRAPH, "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["conforms"] is False and data["graphs"] == 1
    assert data["results"][0]["path"] == SG + "grade"


def test_validate_cli_unknown_graph(tmp_path: Path) -> None:
    location = make_store(tmp_path / "store", VALID)
    result = CliRunner().invoke(cli, ["--store", location, "validate", "--graph", "https://example.org/g"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    assert "not in the store" in result.stderr


def test_validate_cli_help() -> None:
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0 and "--graph" in result.output
