"""The ontology files: they parse, every term is labelled and defined, shapes are valid SHACL, and every
sg: term the data model uses is declared."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, XSD, URIRef

from kg import ontology
from kg.identifiers import ONTOLOGY_GRAPH, SG
from kg.settings import ONTOLOGY_DIR, PROJECT_DIR

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ONTOLOGY_IRI = URIRef(SG.rstrip("#"))
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
S = rdflib.Namespace(SG)


@pytest.fixture(scope="module")
def sg_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "sg.ttl", format="turtle")


@pytest.fixture(scope="module")
def terms() -> set[str]:
    return ontology.ontology_terms()


def sg_tokens(text: str) -> set[str]:
    """Every `sg:Name` written in a markdown text (prose, tables and code alike)."""
    return {SG + name for name in re.findall(r"\bsg:([A-Za-z][A-Za-z0-9_]*)", text)}


def test_ontology_all_turtle_files_parse() -> None:
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    assert {"sg.ttl", "shapes.ttl"} <= {f.name for f in files}
    for path in files:
        assert len(rdflib.Graph().parse(path, format="turtle")) > 0, path.name


def test_ontology_header(sg_graph: rdflib.Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in sg_graph
    version = str(sg_graph.value(ONTOLOGY_IRI, OWL.versionInfo))
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    version_iri = sg_graph.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version_iri is not None and str(version_iri).endswith("/" + version)
    changelog = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8").split("## Changelog", 1)[-1]
    assert f"- {version}:" in changelog, "every version has a changelog line"
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert sg_graph.value(ONTOLOGY_IRI, prop) is not None, prop


def test_ontology_every_term_labelled_and_defined(sg_graph: rdflib.Graph, terms: set[str]) -> None:
    assert len(terms) > 100
    missing = []
    for iri in sorted(terms):
        node = URIRef(iri)
        for prop in (RDFS.label, RDFS.comment, SKOS.definition):
            values = [v for v in sg_graph.objects(node, prop) if str(v).strip()]
            if not values:
                missing.append(f"{iri} has no {prop}")
        if sg_graph.value(node, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            missing.append(f"{iri} has no rdfs:isDefinedBy")
    assert not missing, "\n".join(missing)


def test_ontology_data_model_terms_declared(terms: set[str]) -> None:
    used = sg_tokens((PROJECT_DIR / "docs" / "DATA-MODEL.md").read_text(encoding="utf-8"))
    assert len(used) > 80
    assert not sorted(used - terms)


def test_ontology_spec_terms_declared(terms: set[str]) -> None:
    spec = SHARED / "SPEC.md"
    if not spec.is_file():
        pytest.skip("../shared/SPEC.md is not beside the repository")
    assert not sorted(sg_tokens(spec.read_text(encoding="utf-8")) - terms)


def test_ontology_terms_are_ours_only(terms: set[str]) -> None:
    assert all(t.startswith(SG) and t != SG for t in terms)
    assert SG + "Team" in terms and "http://www.w3.org/ns/org#Organization" not in terms


def test_ontology_properties_are_typed_with_domain_or_range(sg_graph: rdflib.Graph, terms: set[str]) -> None:
    problems = []
    for iri in sorted(terms):
        node = URIRef(iri)
        types = set(sg_graph.objects(node, RDF.type))
        if not types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            continue
        if OWL.ObjectProperty in types and OWL.DatatypeProperty in types:
            problems.append(f"{iri} is both an object and a datatype property")
        if sg_graph.value(node, RDFS.domain) is None and sg_graph.value(node, RDFS.range) is None:
            problems.append(f"{iri} has neither domain nor range")
        rng = sg_graph.value(node, RDFS.range)
        if OWL.DatatypeProperty in types and rng is not None and not (
            str(rng).startswith(str(XSD)) or rng == RDFS.Literal
        ):
            problems.append(f"{iri}: a datatype property with a non-datatype range {rng}")
    assert not problems, "\n".join(problems)


def test_ontology_outside_terms_declared_for_owl_dl(sg_graph: rdflib.Graph) -> None:
    """Every IRI used in a class or property axiom is declared in sg.ttl (OWL 2 DL needs declarations)."""
    declared = {s for s in sg_graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    undeclared = set()
    for prop in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf):
        for o in sg_graph.objects(None, prop):
            datatype = str(o).startswith(str(XSD)) or o == RDFS.Literal
            if isinstance(o, URIRef) and o not in declared and not datatype:
                undeclared.add(str(o))
    assert not sorted(undeclared)


def test_ontology_alignments(sg_graph: rdflib.Graph) -> None:
    expected = [
        (S.LocalAuthority, ORG.Organization),
        (S.Team, ORG.OrganizationalUnit),
        (S.Team, S.Entity),
        (S.Partner, ORG.Organization),
        (S.Partner, S.Entity),
        (S.Document, PROV.Entity),
        (S.Document, FOAF.Document),
        (S.Mention, PROV.Entity),
        (S.Person, FOAF.Person),
        (S.Person, PROV.Agent),
        (S.EngagementLetter, S.Document),
    ]
    for sub, sup in expected:
        assert (sub, RDFS.subClassOf, sup) in sg_graph, (sub, sup)
    for kind in ("StandardInspection", "ShortInspection", "FocusedVisit", "MonitoringVisit",
                 "JointTargetedAreaInspection", "SIFInspection", "LookedAfterChildrenInspection"):
        assert (S[kind], RDFS.subClassOf, S.InspectionReport) in sg_graph
    for core in (*ontology.CORE_CLASSES, "Theme"):
        assert (S[core], RDFS.subClassOf, S.Entity) in sg_graph
    assert set(sg_graph.objects(S.Metric, SKOS.closeMatch)) >= {
        URIRef("http://purl.org/linked-data/cube#Observation")
    }
    assert (S.has, OWL.inverseOf, S.operatedBy) in sg_graph
    for prop in ("worksWith", "fundedBy", "partOf", "establishedThrough", "implements", "uses", "replaces",
                 "coMentionedWith"):
        assert (S[prop], RDFS.subPropertyOf, S.relatedTo) in sg_graph, prop


def test_ontology_individuals(sg_graph: rdflib.Graph) -> None:
    groups = {
        "JudgementArea": ["OverallEffectiveness", "ImpactOfLeaders", "HelpAndProtection", "ChildrenInCare",
                          "CareLeavers", "AdoptionPerformance", "SafeguardingBoardEffectiveness"],
        "Grade": ["Outstanding", "Good", "RequiresImprovement", "Inadequate"],
        "Polarity": ["Strength", "AreaForImprovement", "Risk"],
        "Basis": ["CuePattern", "CoOccurrence"],
        "Status": ["Piloted", "Introduced", "Embedded", "Expanded", "BaseBudgetFunded", "Planned", "Ended"],
        "Scope": ["Local", "National"],
        "AccessLevel": ["Public", "Restricted"],
    }
    for cls, names in groups.items():
        assert set(sg_graph.subjects(RDF.type, S[cls])) == {S[n] for n in names}, cls
        for n in names:
            assert (S[n], RDF.type, OWL.NamedIndividual) in sg_graph
    ranks = [sg_graph.value(S[g], S.rank).toPython() for g in groups["Grade"]]
    assert ranks == [1, 2, 3, 4]


def test_ontology_shapes_pass_meta_shacl() -> None:
    from pyshacl.entrypoints import meta_validate  # validates the shapes against SHACL's own shapes

    shapes = rdflib.Graph()
    shapes += ontology.load_shapes()
    conforms, _graph, text = meta_validate(shapes)
    assert conforms, text


def test_ontology_shapes_use_declared_terms(terms: set[str]) -> None:
    shapes = ontology.load_shapes()
    used = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(SG)}
    undeclared = {t for t in used if not t.endswith("Shape")} - terms
    assert not sorted(undeclared)
    node_shape = URIRef("http://www.w3.org/ns/shacl#NodeShape")
    shape_names = {str(s).removeprefix(SG) for s in shapes.subjects(RDF.type, node_shape)}
    assert {"DocumentShape", "EntityShape", "MentionShape", "MetricShape", "JudgementShape", "FindingShape",
            "RelationShape"} <= shape_names


def test_ontology_static_graphs_nquads() -> None:
    graphs = ontology.static_graphs_nquads()
    assert list(graphs) == [ONTOLOGY_GRAPH]
    text = graphs[ONTOLOGY_GRAPH]
    quads = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    assert quads and {q.graph_name.value for q in quads} == {ONTOLOGY_GRAPH}
    assert len(quads) == len(ontology.load_ontology())
    assert ontology.static_graphs_nquads()[ONTOLOGY_GRAPH] == text  # stable blank-node names


def test_ontology_static_graph_loads_into_store() -> None:
    from kg.store import open_store, uri

    store = open_store(":memory:")
    for graph, nquads in ontology.static_graphs_nquads().items():
        store.replace_graph(graph, nquads)
    res = store.query("SELECT ?r WHERE { sg:Good sg:rank ?r }")
    assert res.rows[0][0].python() == 2
    query = "SELECT ?c ?d WHERE { ?c rdfs:subClassOf+ ?d }"
    res = store.query(query, bindings={"c": uri(SG + "FocusedVisit")})
    assert SG + "Document" in {row[1].value for row in res.rows}


def test_ontology_render_html(tmp_path: Path) -> None:
    thesaurus = tmp_path / "extra.ttl"
    thesaurus.write_text(
        "@prefix sg: <https://w3id.org/safeguarding-kg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/safeguarding-kg/thesaurus/test-hub> a skos:Concept ;\n"
        '  skos:prefLabel "test hub <img src=x onerror=alert(1)>"@en ; skos:altLabel "TH"@en ;\n'
        "  sg:coreClass sg:Team ; sg:scope sg:Local .\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    paths = ontology.render_ontology_html(out, thesaurus_files=[thesaurus])
    assert {p.name for p in paths} == {"index.html", "thesaurus.html"}
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="Team"' in index and "sg:operatedBy" in index and "org:Organization" in index
    page = (out / "thesaurus.html").read_text(encoding="utf-8")
    assert "test hub &lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert 'id="g-Team"' in page
    for html in (index, page):
        assert "<script" not in html
        assert not re.search(r"(src|href)=[\"']https?://", html)


def test_ontology_readme_tables_up_to_date() -> None:
    script = PROJECT_DIR / "scripts" / "ontology_tables.py"
    spec = importlib.util.spec_from_file_location("ontology_tables", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    assert module.updated_readme(readme) == readme, "run: python scripts/ontology_tables.py"
    assert "## Changelog" in readme and "0.1.0" in readme


def test_ontology_shorten() -> None:
    assert ontology.shorten(SG + "Team") == "sg:Team"
    assert ontology.shorten("urn:x:y") == "urn:x:y"
