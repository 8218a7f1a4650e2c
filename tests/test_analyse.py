"""kg.project and kg.analyse on a small hand-made store with answers worked out by hand.

The store (built here, shared with test_compare.py and test_export.py) follows docs/DATA-MODEL.md: a
reference graph of six authorities (four London boroughs with Harrow's statistical neighbours, two in
Yorkshire), a tiny thesaurus, and one named graph per document written with kg.ntriples/kg.identifiers.
Every sentence is invented for the tests.

Practice sets (H3 is Harrow's restricted engagement letter):
    Harrow      mash, signs-of-safety, troubled-families (national), contextual-safeguarding (H2),
                family-group-conference (H3 only)
    Barnet      mash, family-safeguarding, signs-of-safety, contextual-safeguarding
    Hillingdon  mash, family-safeguarding, troubled-families
    Redbridge   mash, signs-of-safety, family-group-conference, discovered "Young Carers Hub", "Parenting Hub"
    Barnsley    restorative-practice, edge-of-care
    Rotherham   restorative-practice, edge-of-care, mash
"""

from __future__ import annotations

import hashlib
import math
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg import identifiers as ids  # noqa: E402
from kg.ntriples import QuadWriter, boolean, decimal, integer, lit, xsd_date  # noqa: E402

SG, RDF, RDFS, SKOS = ids.SG, ids.RDF, ids.RDFS, ids.SKOS
TYPE, LABEL = RDF + "type", RDFS + "label"

HARROW, BARNET, HILLINGDON, REDBRIDGE = "E09000015", "E09000003", "E09000017", "E09000026"
BARNSLEY, ROTHERHAM = "E08000038", "E08000018"
AUTHORITIES = {
    # gss: (label, altLabel, region, neighbours)
    HARROW: ("Harrow", "London Borough of Harrow", "E12000007", [BARNET, HILLINGDON, REDBRIDGE]),
    BARNET: ("Barnet", "London Borough of Barnet", "E12000007", [HARROW]),
    HILLINGDON: ("Hillingdon", "London Borough of Hillingdon", "E12000007", [HARROW]),
    REDBRIDGE: ("Redbridge", "London Borough of Redbridge", "E12000007", [HARROW]),
    BARNSLEY: ("Barnsley", "Barnsley Metropolitan Borough Council", "E12000003", [ROTHERHAM]),
    ROTHERHAM: ("Rotherham", "Rotherham Metropolitan Borough Council", "E12000003", [BARNSLEY]),
}
REGIONS = {"E12000007": "London", "E12000003": "Yorkshire and The Humber"}
CONCEPTS = {
    # slug: (core class, scope, prefLabel)
    "mash": ("Team", "Local", "multi-agency safeguarding hub"),
    "signs-of-safety": ("PracticeModel", "Local", "signs of safety"),
    "family-safeguarding": ("Programme", "Local", "family safeguarding"),
    "family-group-conference": ("PracticeModel", "Local", "family group conference"),
    "contextual-safeguarding": ("PracticeModel", "Local", "contextual safeguarding"),
    "troubled-families": ("Programme", "National", "troubled families"),
    "restorative-practice": ("PracticeModel", "Local", "restorative practice"),
    "edge-of-care": ("Team", "Local", "edge of care team"),
}


def la_iri(gss: str) -> str:
    return ids.authority_iri(gss)


def concept(slug: str) -> str:
    return ids.concept_iri(slug)


def entity(slug: str, gss: str | None) -> str:
    return ids.entity_iri(slug, gss)


def sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def doc_iri(key: str) -> str:
    return ids.document_iri(sha(key))


def graph_of(key: str) -> str:
    return ids.graph_iri(sha(key))


@dataclass
class Doc:
    """One document's graph, written the way kg/graph.py writes an extraction."""

    key: str
    gss: str
    kind: str
    start: date
    end: date
    access: str = "Public"
    w: QuadWriter = field(init=False)
    cursor: int = 0
    offsets: dict[str, int] = field(default_factory=dict)
    n_rel: int = 0

    def __post_init__(self) -> None:
        self.w = QuadWriter(graph_of(self.key))
        d = self.iri
        self.w.add_iri(d, TYPE, SG + self.kind)
        self.w.add_iri(d, SG + "about", la_iri(self.gss))
        self.w.add(d, SG + "sourceFile", lit(f"samples/{self.key}.pdf"))
        self.w.add(d, SG + "sha256", lit(sha(self.key)))
        self.w.add(d, ids.DCTERMS + "title", lit(f"Test document {self.key}"))
        self.w.add(d, SG + "periodStart", xsd_date(self.start))
        self.w.add(d, SG + "periodEnd", xsd_date(self.end))
        self.w.add_iri(d, SG + "accessLevel", SG + self.access)

    @property
    def iri(self) -> str:
        return doc_iri(self.key)

    def mention(self, target: str, sentence: str, surface: str, page: int = 2) -> str:
        if sentence not in self.offsets:
            self.offsets[sentence] = self.cursor
            self.cursor += len(sentence) + 1
        start = self.offsets[sentence] + sentence.index(surface)
        m = ids.mention_iri(sha(self.key), start, start + len(surface))
        self.w.add_iri(m, TYPE, SG + "Mention")
        self.w.add_iri(m, SG + "document", self.iri)
        self.w.add_iri(m, SG + "refersTo", target)
        self.w.add(m, SG + "page", integer(page))
        self.w.add(m, SG + "startOffset", integer(start))
        self.w.add(m, SG + "endOffset", integer(start + len(surface)))
        self.w.add(m, SG + "surfaceForm", lit(surface))
        self.w.add(m, SG + "sentence", lit(sentence))
        self.w.add_iri(m, ids.PROV + "wasDerivedFrom", self.iri)
        self.w.add_iri(target, SG + "evidence", m)
        return m

    def entity(
        self,
        slug: str,
        sentence: str,
        surface: str,
        *,
        page: int = 2,
        label: str | None = None,
        cls: str | None = None,
    ) -> str:
        """A thesaurus thing (local, or national when the concept's scope says so) or, with slug "x-...",
        a discovered one."""
        discovered = slug.startswith("x-")
        national = not discovered and CONCEPTS[slug][1] == "National"
        e = entity(slug, None if national else self.gss)
        la = la_iri(self.gss)
        self.w.add_iri(e, TYPE, SG + (cls or (CONCEPTS[slug][0] if not discovered else "Team")))
        self.w.add(e, LABEL, lit(label or (CONCEPTS[slug][2] if not discovered else slug)))
        self.w.add_iri(e, SG + "mentionedIn", self.iri)
        if discovered:
            self.w.add(e, SG + "discovered", boolean(True))
            self.w.add(e, SG + "confidence", decimal(0.6))
        else:
            self.w.add_iri(e, SG + "kind", concept(slug))
        if national:
            self.w.add_iri(la, SG + "uses", e)
        else:
            self.w.add_iri(e, SG + "operatedBy", la)
            self.w.add_iri(la, SG + "has", e)
        self.mention(e, sentence, surface, page)
        return e

    def relation(self, subject: str, predicate: str, obj: str, sentence: str, surface: str) -> None:
        self.n_rel += 1
        r = ids.relation_iri(sha(self.key), self.n_rel)
        self.w.add_iri(subject, SG + predicate, obj)
        self.w.add_iri(r, TYPE, SG + "Relation")
        self.w.add_iri(r, SG + "subject", subject)
        self.w.add_iri(r, SG + "predicate", SG + predicate)
        self.w.add_iri(r, SG + "object", obj)
        self.w.add_iri(r, SG + "basis", SG + "CuePattern")
        self.w.add_iri(r, SG + "mentionedIn", self.iri)
        self.mention(r, sentence, surface)

    def judgements(self, **grades: str) -> None:
        areas = {
            "overall": "OverallEffectiveness",
            "leaders": "ImpactOfLeaders",
            "help": "HelpAndProtection",
            "care": "ChildrenInCare",
            "leavers": "CareLeavers",
        }
        for short, grade in grades.items():
            j = ids.judgement_iri(sha(self.key), areas[short])
            self.w.add_iri(self.iri, SG + "judgement", j)
            self.w.add_iri(j, TYPE, SG + "Judgement")
            self.w.add_iri(j, SG + "area", SG + areas[short])
            self.w.add_iri(j, SG + "grade", SG + grade)
            self.mention(j, f"Judgement for {areas[short]}: {grade}.", grade, page=1)

    def metric(
        self,
        indicator: str,
        value: float,
        unit: str,
        sentence: str,
        surface: str,
        *,
        period: str | None = None,
        comparator: str | None = None,
        comparator_value: float | None = None,
    ) -> None:
        m = ids.metric_iri(sha(self.key), self.cursor)
        self.mention(m, sentence, surface, page=3)
        self.w.add_iri(m, TYPE, SG + "Metric")
        self.w.add(m, SG + "indicator", lit(indicator))
        self.w.add(m, SG + "value", decimal(value))
        self.w.add(m, SG + "unit", lit(unit))
        if period:
            self.w.add(m, SG + "period", lit(period))
        if comparator:
            self.w.add(m, SG + "comparator", lit(comparator))
        if comparator_value is not None:
            self.w.add(m, SG + "comparatorValue", decimal(comparator_value))
        self.w.add_iri(m, SG + "about", la_iri(self.gss))
        self.w.add_iri(m, SG + "mentionedIn", self.iri)

    def graph(self) -> tuple[str, str]:
        return graph_of(self.key), self.w.text()


def reference_graph() -> tuple[str, str]:
    w = QuadWriter(ids.REFERENCE_GRAPH)
    for code, name in REGIONS.items():
        w.add_iri(ids.region_iri(code), TYPE, SG + "Region")
        w.add(ids.region_iri(code), LABEL, lit(name))
    for gss, (label, alt, region, neighbours) in AUTHORITIES.items():
        la = la_iri(gss)
        w.add_iri(la, TYPE, SG + "LocalAuthority")
        w.add(la, LABEL, lit(label))
        w.add(la, SKOS + "altLabel", lit(alt))
        w.add(la, SG + "gssCode", lit(gss))
        w.add_iri(la, SG + "region", ids.region_iri(region))
        for n in neighbours:
            w.add_iri(la, SG + "statisticalNeighbour", la_iri(n))
    return ids.REFERENCE_GRAPH, w.text()


def thesaurus_graph() -> tuple[str, str]:
    w = QuadWriter(ids.THESAURUS_GRAPH)
    for slug, (cls, scope, pref) in CONCEPTS.items():
        c = concept(slug)
        w.add_iri(c, TYPE, SKOS + "Concept")
        w.add(c, SKOS + "prefLabel", lit(pref, lang="en"))
        w.add_iri(c, SG + "coreClass", SG + cls)
        w.add_iri(c, SG + "scope", SG + scope)
    w.add_iri(concept("family-safeguarding"), SKOS + "broader", concept("family-group-conference"))
    return ids.THESAURUS_GRAPH, w.text()


#: The sentence of Barnet's report naming Family Safeguarding (the link-prediction evidence).
BARNET_FS = "Barnet introduced Family Safeguarding across all its teams in 2017."


def sample_graphs() -> list[tuple[str, str]]:
    """(graph IRI, N-Quads) of the reference, thesaurus and eight document graphs."""
    docs = []
    d = Doc("harrow-2018", HARROW, "StandardInspection", date(2018, 3, 5), date(2018, 3, 16))
    d.judgements(
        overall="RequiresImprovement",
        leaders="RequiresImprovement",
        help="RequiresImprovement",
        care="Good",
        leavers="Good",
    )
    s1 = "Contacts go to the MASH, where Signs of Safety guides each decision."
    mash = d.entity("mash", s1, "MASH")
    sos = d.entity("signs-of-safety", s1, "Signs of Safety")
    d.relation(mash, "implements", sos, s1, "guides")
    d.mention(mash, "The MASH is staffed by social workers and police.", "MASH", page=4)
    d.entity("troubled-families", "The Troubled Families grant pays for two keyworkers.", "Troubled Families")
    d.metric(
        "agency staff",
        16.0,
        "percent",
        "Agency staff make up 16% of the workforce.",
        "16%",
        period="March 2018",
        comparator="London average",
        comparator_value=26.0,
    )
    docs.append(d)

    d = Doc("harrow-2021", HARROW, "FocusedVisit", date(2021, 6, 8), date(2021, 6, 9))
    d.entity("mash", "Decisions in the MASH are timely.", "MASH")
    d.entity(
        "contextual-safeguarding",
        "Contextual safeguarding shapes the work with teenagers.",
        "Contextual safeguarding",
    )
    d.metric("re-referrals", 18.0, "percent", "Re-referrals were 18% in the year.", "18%")
    docs.append(d)

    d = Doc(
        "harrow-2022-letter",
        HARROW,
        "EngagementLetter",
        date(2022, 11, 1),
        date(2022, 11, 1),
        access="Restricted",
    )
    d.entity("mash", "The MASH has moved to a new building.", "MASH")
    d.entity(
        "family-group-conference",
        "A family group conference service started this year.",
        "family group conference",
    )
    docs.append(d)

    d = Doc("barnet-2019", BARNET, "StandardInspection", date(2019, 5, 13), date(2019, 5, 24))
    d.judgements(overall="Good", leaders="Good", help="Good", care="Good", leavers="RequiresImprovement")
    d.entity("mash", "The MASH screens every contact within a day.", "MASH")
    d.entity("family-safeguarding", BARNET_FS, "Family Safeguarding", page=5)
    d.entity("signs-of-safety", "Signs of Safety is the shared practice model.", "Signs of Safety")
    d.entity(
        "contextual-safeguarding",
        "Contextual safeguarding informs the exploitation panel.",
        "Contextual safeguarding",
    )
    d.metric(
        "agency staff",
        20.0,
        "percent",
        "One in five social workers (20%) are agency staff.",
        "20%",
        comparator="England average",
        comparator_value=15.8,
    )
    docs.append(d)

    d = Doc("hillingdon-2020", HILLINGDON, "ShortInspection", date(2020, 1, 20), date(2020, 1, 24))
    d.judgements(overall="Good", leaders="Good", help="Good", care="Good", leavers="Good")
    d.entity("mash", "Referrals reach the MASH quickly.", "MASH")
    d.entity("family-safeguarding", "Family Safeguarding teams include adult workers.", "Family Safeguarding")
    d.entity("troubled-families", "Troubled Families funding supports early help.", "Troubled Families")
    docs.append(d)

    d = Doc("redbridge-2019", REDBRIDGE, "StandardInspection", date(2019, 9, 2), date(2019, 9, 13))
    d.entity("mash", "The MASH is well run.", "MASH")
    d.entity("signs-of-safety", "Plans follow Signs of Safety.", "Signs of Safety")
    d.entity(
        "family-group-conference",
        "Every family is offered a family group conference.",
        "family group conference",
    )
    d.entity(
        "x-young-carers-hub",
        "The Young Carers Hub supports children caring for parents.",
        "Young Carers Hub",
        label="Young Carers Hub",
    )
    d.entity(
        "x-parenting-hub", "The Parenting Hub runs evening courses.", "Parenting Hub", label="Parenting Hub"
    )
    docs.append(d)

    d = Doc("barnsley-2018", BARNSLEY, "StandardInspection", date(2018, 11, 5), date(2018, 11, 16))
    d.judgements(overall="Good")
    d.entity("restorative-practice", "Restorative practice is used across services.", "Restorative practice")
    d.entity("edge-of-care", "An edge of care team works with families in crisis.", "edge of care team")
    docs.append(d)

    d = Doc("rotherham-2021", ROTHERHAM, "ShortInspection", date(2021, 2, 1), date(2021, 2, 5))
    d.entity("restorative-practice", "Staff are trained in restorative practice.", "restorative practice")
    d.entity("edge-of-care", "The edge of care team prevents many admissions.", "edge of care team")
    d.entity("mash", "The MASH works well with schools.", "MASH")
    docs.append(d)
    return [reference_graph(), thesaurus_graph(), *(doc.graph() for doc in docs)]


def build_store(location: str | Path = ":memory:"):
    """A store holding the sample graphs (closed and reopened by the caller when on disk)."""
    from kg.store import open_store

    store = open_store(location)
    for graph, nquads in sample_graphs():
        store.replace_graph(graph, nquads)
    return store


@pytest.fixture(scope="module")
def store():
    return build_store()


# ------------------------------------------------------------------------------------------- projection


def test_project_practice_read(store) -> None:
    from kg.project import load_practice

    data = load_practice(store)
    sets = data.practice_sets()
    assert sets[la_iri(HARROW)] == {
        concept(s)
        for s in [
            "mash",
            "signs-of-safety",
            "troubled-families",
            "contextual-safeguarding",
            "family-group-conference",
        ]
    }
    assert sets[la_iri(REDBRIDGE)] >= {"discovered:young-carers-hub", "discovered:parenting-hub"}
    assert data.practice_label("discovered:young-carers-hub") == "Young Carers Hub"
    assert data.practice_label(concept("edge-of-care")) == "edge of care team"
    link = data.links(la_iri(HARROW))[concept("mash")]
    assert len(link.documents) == 3 and link.first_year == 2018
    public = load_practice(store, include_restricted=False)
    assert concept("family-group-conference") not in public.practice_sets()[la_iri(HARROW)]


def test_project_store_nodes_and_edges(store) -> None:
    from kg.project import DOCUMENT_WEIGHT, SENTENCE_WEIGHT, project_store

    G = project_store(store)
    h, mash, sos = la_iri(HARROW), entity("mash", HARROW), entity("signs-of-safety", HARROW)
    tf = entity("troubled-families", None)
    assert G.nodes[h]["type"] == "authority" and G.nodes[h]["label"] == "Harrow"
    assert G.nodes[mash]["type"] == "entity" and G.nodes[mash]["class"] == "Team"
    assert G.nodes[concept("mash")]["type"] == "concept"
    assert G.has_edge(h, mash, key="has") and G.has_edge(h, tf, key="uses")
    assert G.has_edge(mash, concept("mash"), key="kind")
    assert G.has_edge(mash, sos, key="implements")
    assert G.has_edge(h, la_iri(BARNET), key="statisticalNeighbour")
    assert G.has_edge(concept("family-safeguarding"), concept("family-group-conference"), key="broader")
    # MASH and Signs of Safety share one sentence and one document in Harrow's 2018 report.
    co = G.edges[min(mash, sos), max(mash, sos), "coMentionedWith"]
    assert (co["sentences"], co["documents"]) == (1, 1)
    assert co["weight"] == pytest.approx(SENTENCE_WEIGHT + DOCUMENT_WEIGHT)
    # MASH and Troubled Families only share the document.
    co = G.edges[min(mash, tf), max(mash, tf), "coMentionedWith"]
    assert (co["sentences"], co["documents"], co["weight"]) == (0, 1, pytest.approx(DOCUMENT_WEIGHT))


def test_project_store_scoped_and_public(store) -> None:
    from kg.project import project_store

    G = project_store(store, authorities=["harrow"], include_restricted=False)
    authorities = {n for n, t in G.nodes(data="type") if t == "authority"}
    assert authorities == {la_iri(HARROW)}
    assert entity("family-group-conference", HARROW) not in G  # only the restricted letter names it
    assert entity("mash", BARNET) not in G
    assert G.nodes[entity("mash", HARROW)]["documents"] == 2


def test_project_authority_practice_graph(store) -> None:
    from kg.project import authority_practice_graph

    B = authority_practice_graph(store)
    assert nx.is_bipartite(B)
    edge = B.edges[la_iri(HARROW), concept("mash")]
    assert (edge["evidence"], edge["first_year"]) == (3, 2018)
    assert B.nodes["discovered:parenting-hub"]["discovered"] is True
    assert B.degree(concept("mash")) == 5


def test_project_write_graphml_roundtrip(store, tmp_path: Path) -> None:
    from kg.project import project_store, write_projection

    G = project_store(store)
    path = tmp_path / "kg.graphml"
    write_projection(G, path, "graphml")
    H = nx.read_graphml(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes[la_iri(HARROW)]["label"] == "Harrow"
    assert H.nodes[entity("x-young-carers-hub", REDBRIDGE)]["discovered"] == "true"
    write_projection(G, tmp_path / "kg.gexf", "gexf")
    assert nx.read_gexf(tmp_path / "kg.gexf").number_of_nodes() == G.number_of_nodes()


def test_project_graphml_safe_unifies_types() -> None:
    from kg.project import graphml_safe

    G = nx.Graph()
    G.add_node("a", n=1, tags={"x", "y"}, flag=True, gone=None)
    G.add_node("b", n=2.5, tags=("z",))
    H = graphml_safe(G)
    assert H.nodes["a"] == {"n": 1.0, "tags": "x; y", "flag": "true"}
    assert isinstance(H.nodes["a"]["n"], float)


# ------------------------------------------------------------------------------------------- analysis


def test_analyse_similarity_by_hand() -> None:
    from kg.analyse import similarity

    shared, jaccard, cosine = similarity({"a", "b", "c", "d", "e"}, {"a", "b", "c", "f"})
    assert (shared, jaccard, cosine) == (3, 0.5, pytest.approx(3 / math.sqrt(20)))
    assert similarity(set(), {"a"}) == (0, 0.0, 0.0)


def test_analyse_communities_two_clusters() -> None:
    from kg.analyse import bridge_table, detect_communities

    G = nx.Graph()
    left, right = ["A1", "A2", "A3"], ["B1", "B2", "B3"]
    for group, practices in ((left, ["p1", "p2", "p3"]), (right, ["q1", "q2", "q3"])):
        for a in group:
            G.add_node(a, type="authority", label=a)
            for p in practices:
                G.add_node(p, type="practice", label=p)
                G.add_edge(a, p)
    G.add_edge("A1", "q1")  # one weak bridge
    communities = detect_communities(G)
    assert len(communities) == 2
    assert {frozenset(c) for c in communities} == {
        frozenset([*left, "p1", "p2", "p3"]),
        frozenset([*right, "q1", "q2", "q3"]),
    }
    membership = {n: i for i, c in enumerate(communities) for n in c}
    bridges = bridge_table(G, membership)
    assert {r["node"] for r in bridges} == {"A1", "q1"}
    a1 = next(r for r in bridges if r["node"] == "A1")
    assert a1["participation"] == pytest.approx(1 - (3 / 4) ** 2 - (1 / 4) ** 2)


def test_analyse_graph_tables(store) -> None:
    from kg.analyse import AnalysisResult, analyse_graph

    result = analyse_graph(store, top=50)
    assert list(result.tables()) == ["centrality", "communities", "bridges", "similarity"]
    for name, rows in result.tables().items():
        for row in rows:
            assert tuple(row) == AnalysisResult.COLUMNS[name]
    # Two regions never share a community: Barnsley and Rotherham form one with their practice (Louvain may
    # split the London boroughs further: Hillingdon shares only two of its three practices with them).
    groups = [set(r["authority_labels"].split("; ")) for r in result.communities if r["authorities"]]
    assert {"Barnsley", "Rotherham"} in groups
    london = {"Harrow", "Barnet", "Hillingdon", "Redbridge"}
    assert all(g <= london or g <= {"Barnsley", "Rotherham"} for g in groups)
    assert sum(len(g) for g in groups) == 6
    # Bridges: participation 1 - sum_c (k_c/k)^2 over the communities found. Rotherham links twice into the
    # Yorkshire community and once to the MASH (a London community): 1 - (2/3)^2 - (1/3)^2 = 4/9.
    bridges = {r["label"]: r for r in result.bridges}
    assert bridges["Rotherham"]["participation"] == pytest.approx(4 / 9, abs=1e-6)
    assert bridges["Rotherham"]["communities"] == 2
    mash = bridges["multi-agency safeguarding hub"]
    links = [int(part.split(":")[1]) for part in mash["links_by_community"].split("; ")]
    assert sum(links) == 5 and mash["participation"] == pytest.approx(1 - sum((k / 5) ** 2 for k in links))
    assert [r["participation"] for r in result.bridges] == sorted(
        (r["participation"] for r in result.bridges), reverse=True
    )
    assert "Barnsley" not in bridges  # both its practices are in its own community
    # Similarity by hand: Barnsley-Rotherham 2/3; Harrow-Barnet 3/6 (cosine 3/sqrt(20)); Harrow-Redbridge 3/7
    pairs = {(r["a_label"], r["b_label"]): r for r in result.similarity}
    assert result.similarity[0]["a_label"] == "Barnsley" and result.similarity[0]["b_label"] == "Rotherham"
    assert result.similarity[0]["jaccard"] == pytest.approx(2 / 3, abs=1e-6)
    assert result.similarity[0]["cosine"] == pytest.approx(2 / math.sqrt(6), abs=1e-6)
    assert pairs[("Barnet", "Harrow")]["jaccard"] == pytest.approx(0.5)
    assert pairs[("Barnet", "Harrow")]["cosine"] == pytest.approx(3 / math.sqrt(20), abs=1e-6)
    assert pairs[("Harrow", "Redbridge")]["jaccard"] == pytest.approx(3 / 7, abs=1e-6)
    # Centrality: the MASH (5 authorities) is the top practice by degree.
    practices = [r for r in result.centrality if r["type"] == "practice"]
    assert max(practices, key=lambda r: r["degree"])["label"] == "multi-agency safeguarding hub"
    assert result.summary["betweenness"] == "exact"


def test_analyse_nearest_and_link_prediction(store) -> None:
    from kg.analyse import NEIGHBOUR_WEIGHT, analyse_graph

    result = analyse_graph(store, authority="harrow")
    assert result.authority == la_iri(HARROW)
    nearest = [(r["label"], r["jaccard"]) for r in result.nearest]
    assert nearest[:4] == [
        ("Barnet", 0.5),
        ("Redbridge", pytest.approx(3 / 7, abs=1e-6)),
        ("Hillingdon", pytest.approx(1 / 3, abs=1e-6)),
        ("Rotherham", pytest.approx(1 / 7, abs=1e-6)),
    ]
    assert result.nearest[0]["statistical_neighbour"] is True
    top = result.link_prediction[0]
    assert top["practice"] == concept("family-safeguarding")
    # Barnet (J=1/2) and Hillingdon (J=1/3) hold it, both statistical neighbours.
    assert top["score"] == pytest.approx(0.5 + 1 / 3 + 2 * NEIGHBOUR_WEIGHT, abs=1e-6)
    assert top["holders"] == 2 and top["neighbour_holders"] == "Barnet; Hillingdon"
    assert top["evidence_authority"] == "Barnet"
    assert top["evidence_document"] == doc_iri("barnet-2019")
    assert top["evidence_date"] == "2019-05-13"
    assert top["evidence_page"] == 5
    assert top["evidence_sentence"] == BARNET_FS
    labels = [r["label"] for r in result.link_prediction]
    assert labels[1:3] == ["Parenting Hub", "Young Carers Hub"]  # Redbridge: 3/7 + neighbour weight
    assert set(labels[3:]) == {"edge of care team", "restorative practice"}  # Rotherham: 1/7
    assert concept("mash") not in {r["practice"] for r in result.link_prediction}
    ents = {r["node"]: r for r in result.entities}
    assert result.entities[0]["node"] == entity("mash", HARROW)
    assert ents[entity("signs-of-safety", HARROW)]["degree"] >= 1


def test_analyse_unknown_authority(store) -> None:
    from kg.analyse import analyse_graph
    from kg.errors import KgError

    with pytest.raises(KgError, match="unknown authority: Atlantis"):
        analyse_graph(store, authority="Atlantis")


def test_analyse_cli(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    location = tmp_path / "store"
    build_store(location).close()
    runner = CliRunner()
    res = runner.invoke(
        cli,
        ["--store", str(location), "analyse", "--authority", "Harrow", "--format", "json"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["link_prediction"][0]["label"] == "family safeguarding"
    assert data["summary"]["authority"] == "Harrow"
    res = runner.invoke(
        cli, ["--store", str(location), "analyse", "--table", "similarity", "--format", "csv"]
    )
    assert res.exit_code == 0
    assert res.output.splitlines()[0] == "rank,a,a_label,b,b_label,shared,only_a,only_b,jaccard,cosine"
    assert "Barnsley,E08000018" not in res.output and ",Barnsley," in res.output
    res = runner.invoke(cli, ["--store", str(location), "analyse", "--top", "3"], env={"COLUMNS": "100"})
    assert res.exit_code == 0 and "Communities (Louvain)" in res.output
    assert all(len(line) <= 100 for line in res.output.splitlines())
    res = runner.invoke(cli, ["--store", str(location), "analyse", "--authority", "Atlantis"])
    assert res.exit_code == 1 and "unknown authority: Atlantis" in res.output


def test_analyse_cache_reused_until_the_store_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.analyse as analyse_module
    from kg.store import open_store

    location = tmp_path / "store"
    build_store(location).close()
    calls = []
    real = analyse_module._analyse

    def counting(*args, **kwargs):
        calls.append(kwargs.get("authority"))
        return real(*args, **kwargs)

    monkeypatch.setattr(analyse_module, "_analyse", counting)
    with open_store(location, read_only=True) as store:
        first = analyse_module.analyse_graph(store, authority="Harrow")
        again = analyse_module.analyse_graph(store, authority="Harrow")
        other = analyse_module.analyse_graph(store)  # other parameters: another entry
        fresh = analyse_module.analyse_graph(store, authority="Harrow", use_cache=False)
    assert calls == ["Harrow", None, "Harrow"]
    assert (first.summary["cached"], again.summary["cached"], fresh.summary["cached"]) == ("no", "yes", "no")
    for name in ("centrality", "communities", "similarity", "nearest", "link_prediction", "entities"):
        assert getattr(again, name) == getattr(first, name) == getattr(fresh, name)
    assert other.authority is None and other.nearest == []
    # A write changes the store's files, so the cached answer is not used any more.
    with open_store(location) as store:
        store.drop_graphs([g for g in store.named_graphs() if "/graph/" in g][:1])
    with open_store(location, read_only=True) as store:
        after = analyse_module.analyse_graph(store, authority="Harrow")
    assert calls[-1] == "Harrow" and len(calls) == 4 and after.summary["cached"] == "no"
    # A store in memory has no visible state: never cached.
    mem = build_store()
    analyse_module.analyse_graph(mem)
    analyse_module.analyse_graph(mem)
    assert calls[-2:] == [None, None]


def test_practice_data_survives_a_json_round_trip() -> None:
    import json

    from kg.project import PracticeData, load_practice

    data = load_practice(build_store(), labels=False)
    back = PracticeData.from_json(json.loads(json.dumps(data.to_json())))
    assert back.entities and back.holdings and back.documents
    for name in ("authorities", "documents", "entities", "concepts", "holdings"):
        assert getattr(back, name) == getattr(data, name), name
    assert back.practice_sets() == data.practice_sets()


def test_analyse_shares_the_whole_graph_part_between_authorities(tmp_path: Path) -> None:
    from kg.analyse import analyse_graph
    from kg.store import open_store

    location = tmp_path / "store"
    build_store(location).close()
    with open_store(location, read_only=True) as store:
        harrow = analyse_graph(store, authority="Harrow")
        other = analyse_graph(store, authority="Barnet")
        fresh = analyse_graph(store, authority="Barnet", use_cache=False)
    assert (harrow.summary["cached"], other.summary["cached"], fresh.summary["cached"]) == ("no", "partly", "no")
    assert other.authority_label == fresh.authority_label == "Barnet"
    for name in ("centrality", "communities", "bridges", "similarity", "nearest", "link_prediction", "entities"):
        assert getattr(other, name) == getattr(fresh, name), name
    assert other.nearest and other.nearest != harrow.nearest


def test_tables_render_formats() -> None:
    from kg.tables import render_table, render_tables

    rows = [{"name": "[MASH]", "value": 0.123456789, "iri": ids.authority_iri(HARROW)}]
    text = render_table(rows, "table", width=60)
    assert "[MASH]" in text and "0.1235" in text and "id:la/E09000015" in text
    assert render_table(rows, "csv").splitlines()[1] == f"[MASH],0.123457,{ids.authority_iri(HARROW)}"
    assert '"value": 0.123456789' in render_table(rows, "json")
    out = render_tables({"t": [], "u": rows}, "csv", columns={"t": ["a", "b"]})
    assert out.startswith("# t\na,b\n")


def test_cache_keeps_at_most_keep_entries_of_a_kind(tmp_path: Path) -> None:
    from kg.cache import cache_dir, cached
    from kg.store import open_store

    location = tmp_path / "store"
    build_store(location).close()
    with open_store(location, read_only=True) as store:
        for n in range(4):
            value, hit = cached("bounded", store, {"n": n}, lambda n=n: {"n": n}, to_json=dict, from_json=dict, keep=2)
            assert value == {"n": n} and not hit
        again, hit = cached("bounded", store, {"n": 3}, lambda: {"n": -1}, to_json=dict, from_json=dict, keep=2)
    assert hit and again == {"n": 3}
    assert len(list((cache_dir() / "bounded").glob("*.json"))) == 2


def test_gc_paused_restores_the_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    from kg.cache import cached, gc_paused
    from kg.store import open_store

    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), gc_paused():
        assert not gc.isenabled()
        raise ZeroDivisionError  # an error inside still turns the collector back on
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off: left off
    finally:
        gc.enable()
    # A cache hit is read with the collector paused, and it is on again afterwards.
    location = tmp_path / "store"
    build_store(location).close()
    seen = []
    with open_store(location, read_only=True) as store:
        cached("gc", store, {}, lambda: {"n": 1}, to_json=dict, from_json=dict)
        value, hit = cached("gc", store, {}, lambda: {"n": 2}, to_json=dict,
                            from_json=lambda d: seen.append(gc.isenabled()) or dict(d))
    assert hit and value == {"n": 1} and seen == [False] and gc.isenabled()


def test_the_concepts_above_a_kind_are_known_when_no_entity_has_them(tmp_path, monkeypatch) -> None:
    """An authority with a MACH (under a MASH, under a front door) has a front door: the chain is read from the
    thesaurus even where no entity's kind is the MASH (practitioner check AT: Middlesbrough, whose MACH is its front
    door, was told to get one)."""
    from datetime import date

    import conftest
    from conftest import HARROW, Doc, _ontology, _reference, _thesaurus

    from kg.project import load_practice
    from kg.store import open_store

    monkeypatch.setattr(conftest, "BROADER", {"mach": "mash", "mash": "front-door"})
    concepts = {**conftest.CONCEPTS, "mach": ("Team", "Local", "multi-agency children's hub", ["MACH"])}
    doc = Doc("harrow-mach", HARROW, "StandardInspection", date(2024, 3, 4), date(2024, 3, 8))
    doc.entity("mach", "Team", "multi-agency children's hub", 2, "The MACH screens contacts well.", "MACH")
    store = open_store(tmp_path / "store")
    for graph, text in ((ids.REFERENCE_GRAPH, _reference()), (ids.THESAURUS_GRAPH, _thesaurus(concepts)),
                        (ids.ONTOLOGY_GRAPH, _ontology()), doc.graph()):
        store.replace_graph(graph, text)
    data = load_practice(store)
    mach, mash, door = (ids.concept_iri(k) for k in ("mach", "mash", "front-door"))
    assert data.broader_than({mach}) == {mash, door}
    assert not data.worth_suggesting(door, data.broader_than({mach}))
    assert data.practice_label(door) == "front door"


def test_what_is_worth_suggesting_to_an_authority() -> None:
    """A national body or statute is no suggestion (every authority deals with Cafcass, named or not), nor a broader
    kind of what the authority already has under a narrower name (practitioner checks, session 24)."""
    from kg.project import ConceptInfo, PracticeData

    base = "https://w3id.org/safeguarding-kg/thesaurus/"
    concepts = {
        base + "early-help-service": ConceptInfo(base + "early-help-service", "early help service", "Team", "local"),
        base + "family-hub": ConceptInfo(base + "family-hub", "family hub", "Team", "local",
                                         broader=(base + "early-help-service",)),
        base + "cafcass": ConceptInfo(base + "cafcass", "Cafcass", "Partner", "national"),
        base + "virtual-school": ConceptInfo(base + "virtual-school", "virtual school", "Team", "local", statutory=True),
        base + "operation-encompass": ConceptInfo(base + "operation-encompass", "Operation Encompass", "Programme",
                                                  "national"),
    }
    data = PracticeData({}, {}, {}, concepts, {})
    above = data.broader_than({base + "family-hub"})
    assert not data.worth_suggesting(base + "early-help-service", above)  # its family hubs are early help
    assert not data.worth_suggesting(base + "cafcass", above)
    assert not data.worth_suggesting(base + "virtual-school", above)  # every authority has one, named or not
    from kg.project import DISCOVERED, AuthorityInfo

    data.authorities["la"] = AuthorityInfo("la", "Sandbury")
    assert not data.worth_suggesting(DISCOVERED + "sandbury-therapeutic-service", above)  # another council's own
    assert data.worth_suggesting(DISCOVERED + "therapeutic-service", above)
    assert data.worth_suggesting(base + "operation-encompass", above)  # a national programme is a choice
    # a narrower kind of what it has may be new to it
    assert data.worth_suggesting(base + "family-hub", data.broader_than({base + "early-help-service"}))
