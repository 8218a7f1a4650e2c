"""Graph views on a small hand-made store that follows docs/DATA-MODEL.md.

The store holds four London authorities, a public report for each, and one restricted engagement letter for
Harrow; hostile text sits in an entity label, an evidence sentence and an authority name. `make_store` is
also used by tests/test_site.py and tests/browser/test_browser.py.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from kg import identifiers as ids
from kg.identifiers import FOAF, ORG, RDF, RDFS, SG, SKOS, sg
from kg.ntriples import QuadWriter, boolean, decimal, integer, lit, xsd_date
from kg.store import Store, open_store
from kg.viz import (
    CLASS_STYLES,
    EDGE_STYLES,
    GraphReader,
    ViewGraph,
    authority_view,
    neighbours_view,
    output_path,
    overview_view,
    pair_view,
    practice_view,
    render_html,
    render_view,
    script_json,
    vis_js,
    vis_options,
)

SCRIPT_LABEL = "<script>alert(1)</script>"
IMG_TEXT = "<img src=x onerror=alert(1)>"
HOSTILE_GSS = "E09999999"
#: Person names planted in the store: they must never be shown unless show_people is set.
CANARIES = ("Olive Canarywood", "Peregrine Canarywood")
RESTRICTED_ONLY = "Harrow PAMS pilot"
RESTRICTED_SENTENCE = "Agency staff stand at 16% against a London average of 26%."

AUTHORITIES = {
    "E09000015": ("Harrow", "310"),
    "E09000003": ("Barnet", "302"),
    "E09000026": ("Redbridge", "317"),
    "E09000024": ("Merton", "315"),
}
LONDON = "E12000007"

# concept slug -> (preferred label, core class, scope, alt label)
CONCEPTS = {
    "mash": ("multi-agency safeguarding hub", "Team", "Local", "MASH"),
    "vve-team": ("vulnerability, violence and exploitation team", "Team", "Local", "VVE team"),
    "keeping-families-together": ("Keeping Families Together", "Programme", "Local", ""),
    "contextual-safeguarding": ("contextual safeguarding", "PracticeModel", "Local", ""),
    "family-group-conference": ("family group conference", "PracticeModel", "Local", "FGC"),
    "mace": ("multi-agency child exploitation meeting", "Forum", "Local", "MACE"),
    "pams": ("Parenting Assessment Manual Software", "Tool", "Local", "PAMS"),
    "metropolitan-police-service": ("Metropolitan Police Service", "Partner", "National", ""),
}


def _reference() -> str:
    w = QuadWriter(ids.REFERENCE_GRAPH)
    region = ids.region_iri(LONDON)
    w.add_iri(region, RDF + "type", sg("Region"))
    w.add(region, RDFS + "label", lit("London"))
    authorities = dict(AUTHORITIES)
    authorities[HOSTILE_GSS] = (IMG_TEXT, "999")
    for gss, (label, old) in authorities.items():
        la = ids.authority_iri(gss)
        w.add_iri(la, RDF + "type", sg("LocalAuthority"))
        w.add_iri(la, RDF + "type", ORG + "Organization")
        w.add(la, RDFS + "label", lit(label))
        w.add(la, SG + "gssCode", lit(gss))
        w.add(la, SG + "oldCode", lit(old))
        w.add_iri(la, SG + "region", region)
        w.add(la, SG + "authorityType", lit("London Borough"))
    for gss in ("E09000003", "E09000026", "E09000024"):
        w.add_iri(ids.authority_iri("E09000015"), SG + "statisticalNeighbour", ids.authority_iri(gss))
    return w.text()


def _thesaurus() -> str:
    w = QuadWriter(ids.THESAURUS_GRAPH)
    for slug, (pref, core, scope, alt) in CONCEPTS.items():
        c = ids.concept_iri(slug)
        w.add_iri(c, RDF + "type", SKOS + "Concept")
        w.add(c, SKOS + "prefLabel", lit(pref, lang="en"))
        if alt:
            w.add(c, SKOS + "altLabel", lit(alt, lang="en"))
        w.add(c, SKOS + "definition", lit(f"Definition of {pref}.", lang="en"))
        w.add_iri(c, SG + "coreClass", sg(core))
        w.add_iri(c, SG + "scope", sg(scope))
    return w.text()


def _ontology() -> str:
    w = QuadWriter(ids.ONTOLOGY_GRAPH)
    w.add_iri(sg("SpecialistTeam"), RDFS + "subClassOf", sg("Team"))
    return w.text()


class _Doc:
    """Writes one document's graph the way the extractor does (entities, mentions, judgements...)."""

    def __init__(self, name: str, gss: str, cls: str, start: date, *, restricted: bool = False) -> None:
        self.sha = hashlib.sha256(name.encode()).hexdigest()
        self.gss = gss
        self.graph = ids.graph_iri(self.sha)
        self.doc = ids.document_iri(self.sha)
        self.w = QuadWriter(self.graph)
        self.offset = 0
        la = ids.authority_iri(gss)
        self.w.add_iri(self.doc, RDF + "type", sg(cls))
        self.w.add_iri(self.doc, SG + "about", la)
        self.w.add(self.doc, SG + "sourceFile", lit(f"data/{name}"))
        self.w.add(self.doc, SG + "sha256", lit(self.sha))
        self.w.add(self.doc, SG + "periodStart", xsd_date(start))
        self.w.add(self.doc, SG + "periodEnd", xsd_date(start))
        title = f"{cls} of {AUTHORITIES.get(gss, ('x',))[0]}"
        self.w.add(self.doc, "http://purl.org/dc/terms/title", lit(title))
        self.w.add_iri(self.doc, SG + "accessLevel", sg("Restricted" if restricted else "Public"))

    def mention(self, target: str, sentence: str, surface: str) -> str:
        start = self.offset
        self.offset += len(sentence) + 1
        m = ids.mention_iri(self.sha, start, start + len(surface))
        self.w.add_iri(m, RDF + "type", sg("Mention"))
        self.w.add_iri(m, SG + "document", self.doc)
        self.w.add_iri(m, SG + "refersTo", target)
        self.w.add(m, SG + "page", integer(1 + start // 500))
        self.w.add(m, SG + "startOffset", integer(start))
        self.w.add(m, SG + "endOffset", integer(start + len(surface)))
        self.w.add(m, SG + "surfaceForm", lit(surface))
        self.w.add(m, SG + "sentence", lit(sentence))
        self.w.add_iri(m, "http://www.w3.org/ns/prov#wasDerivedFrom", self.doc)
        return m

    def entity(self, slug: str | None, sentence: str, *, label: str | None = None,
               cls: str | None = None, status: str | None = None) -> str:
        if slug is None:  # discovered
            assert label is not None
            e = ids.entity_iri("x-" + ids.slugify(label), self.gss)
            self.w.add(e, SG + "discovered", boolean(True))
            self.w.add(e, SG + "confidence", decimal(0.6))
            self.w.add_iri(e, SG + "operatedBy", ids.authority_iri(self.gss))
            self.w.add_iri(ids.authority_iri(self.gss), SG + "has", e)
        else:
            pref, core, scope, _ = CONCEPTS[slug]
            label = label or pref
            cls = cls or core
            national = scope == "National"
            e = ids.entity_iri(slug, None if national else self.gss)
            self.w.add_iri(e, SG + "kind", ids.concept_iri(slug))
            if not national:
                self.w.add_iri(e, SG + "operatedBy", ids.authority_iri(self.gss))
            self.w.add_iri(ids.authority_iri(self.gss), SG + ("uses" if national else "has"), e)
        self.w.add_iri(e, RDF + "type", sg(cls or "Team"))
        self.w.add(e, RDFS + "label", lit(label))
        self.w.add_iri(e, SG + "mentionedIn", self.doc)
        m = self.mention(e, sentence, label)
        self.w.add_iri(e, SG + "evidence", m)
        if status:  # directly and as a statement with its evidence, as kg/graph.py writes it
            self.w.add_iri(e, SG + "status", sg(status))
            st = m.replace("/mention/", "/status/") + "/" + status
            self.w.add_iri(st, RDF + "type", sg("StatusStatement"))
            self.w.add_iri(st, SG + "statusOf", e)
            self.w.add_iri(st, SG + "status", sg(status))
            self.w.add_iri(st, SG + "evidence", m)
        return e

    def relation(self, s: str, p: str, o: str, sentence: str) -> None:
        self.w.add_iri(s, SG + p, o)
        n = self.offset
        r = ids.relation_iri(self.sha, n)
        self.w.add_iri(r, RDF + "type", sg("Relation"))
        self.w.add_iri(r, SG + "subject", s)
        self.w.add_iri(r, SG + "predicate", SG + p)
        self.w.add_iri(r, SG + "object", o)
        self.w.add_iri(r, SG + "basis", sg("CuePattern"))
        self.w.add_iri(r, SG + "evidence", self.mention(r, sentence, p))

    def judgements(self, **grades: str) -> None:
        for area, grade in grades.items():
            j = ids.judgement_iri(self.sha, area)
            self.w.add_iri(self.doc, SG + "judgement", j)
            self.w.add_iri(j, RDF + "type", sg("Judgement"))
            self.w.add_iri(j, SG + "area", sg(area))
            self.w.add_iri(j, SG + "grade", sg(grade))

    def person(self, name: str, *, inspector: bool = False, post: str | None = None) -> None:
        p = ids.person_iri(name)
        self.w.add_iri(p, RDF + "type", sg("Person"))
        self.w.add_iri(p, RDF + "type", FOAF + "Person")
        self.w.add(p, RDFS + "label", lit(name))
        if inspector:
            self.w.add_iri(self.doc, SG + "leadInspector", p)
        if post:
            post_iri = ids.post_iri(self.gss, post)
            self.w.add_iri(post_iri, RDF + "type", ORG + "Post")
            self.w.add(post_iri, RDFS + "label", lit(post))
            self.w.add_iri(post_iri, ORG + "heldBy", p)
            self.w.add_iri(self.doc, SG + "attendee", post_iri)

    def recommendation(self, text: str, *, polarity: str = "AreaForImprovement", formal: bool = True) -> None:
        f = ids.finding_iri(self.sha, self.offset)
        self.w.add_iri(f, RDF + "type", sg("Finding"))
        self.w.add_iri(f, SG + "polarity", sg(polarity))
        self.w.add(f, SG + "text", lit(text))
        if formal:
            self.w.add(f, SG + "recommendation", boolean(True))
        self.w.add_iri(f, SG + "about", ids.authority_iri(self.gss))
        self.w.add_iri(f, SG + "mentionedIn", self.doc)
        self.w.add_iri(f, SG + "evidence", self.mention(f, text, text))

    def metric(self, indicator: str, value: float, comparator: str, cvalue: float, sentence: str) -> None:
        m = ids.metric_iri(self.sha, self.offset)
        self.w.add_iri(m, RDF + "type", sg("Metric"))
        self.w.add(m, SG + "indicator", lit(indicator))
        self.w.add(m, SG + "value", decimal(value))
        self.w.add(m, SG + "unit", lit("percent"))
        self.w.add(m, SG + "comparator", lit(comparator))
        self.w.add(m, SG + "comparatorValue", decimal(cvalue))
        self.w.add_iri(m, SG + "about", ids.authority_iri(self.gss))
        self.w.add_iri(m, SG + "mentionedIn", self.doc)
        self.w.add_iri(m, SG + "evidence", self.mention(m, sentence, str(value)))


def make_store(location: str | Path = ":memory:", *, hostile: bool = True) -> Store:
    """A store (in memory unless a folder is given) following DATA-MODEL.md (see the module docstring)."""
    store = open_store(location)
    store.replace_graph(ids.REFERENCE_GRAPH, _reference())
    store.replace_graph(ids.THESAURUS_GRAPH, _thesaurus())
    store.replace_graph(ids.ONTOLOGY_GRAPH, _ontology())

    harrow = _Doc("harrow-2020.pdf", "E09000015", "ShortInspection", date(2020, 2, 14))
    harrow.judgements(OverallEffectiveness="Good", ImpactOfLeaders="Good", HelpAndProtection="Good",
                      ChildrenInCare="Good")
    harrow.person(f"{CANARIES[0]} Team inspectors", inspector=True)  # as the extractor may write it
    mash = harrow.entity("mash", "Thresholds are applied well in the multi-agency safeguarding hub (MASH).",
                         label="MASH")
    vve = harrow.entity("vve-team", "The VVE team now holds the highest-risk cases.", cls="SpecialistTeam")
    harrow.entity("keeping-families-together", "The Keeping Families Together team works at the edge.")
    mps = harrow.entity("metropolitan-police-service", "Police from the Metropolitan Police Service "
                        "attend the daily meeting.")
    harrow.relation(vve, "worksWith", mps, "The VVE team works with the Metropolitan Police Service.")
    harrow.relation(mash, "coMentionedWith", vve, "The MASH and the VVE team share information daily.")
    harrow.entity("mace", f"Monthly MACE meetings take place {CANARIES[0]} noted.")
    if hostile:
        harrow.entity(None, f"A team called {SCRIPT_LABEL} was seen.", label=SCRIPT_LABEL, cls="Team")
        harrow.entity(None, f"The hub shares a room with {IMG_TEXT} staff.", label="Hostile Hub", cls="Team")

    letter = _Doc("harrow-letter-2019.txt", "E09000015", "EngagementLetter", date(2019, 4, 4),
                  restricted=True)
    letter.person(CANARIES[1], post="Corporate Director, People Services")
    letter.entity("mash", f"{CANARIES[1]} said the MASH includes an education lead.", label="MASH",
                  status="Expanded")
    letter.entity("pams", "Harrow is extending its use of PAMS.", label=RESTRICTED_ONLY)
    letter.metric("agency staff", 16.0, "London average", 26.0, RESTRICTED_SENTENCE)
    letter.recommendation(f"Ensure that {RESTRICTED_ONLY} is reviewed.")
    harrow.recommendation("\u2022 The timeliness of return home interviews.")
    harrow.recommendation("\u2022 Oversight of plans for children in care.")
    # Criticisms in the body of the report, naming no team: findings, not recommendations.
    harrow.recommendation("Caseloads in the assessment teams are too high.", formal=False)
    harrow.recommendation("Some children wait too long to be seen when they are at risk.", polarity="Risk",
                          formal=False)
    if hostile:
        harrow.recommendation(f"\u2022 Review the work of {SCRIPT_LABEL}.")

    barnet = _Doc("barnet-2019.pdf", "E09000003", "StandardInspection", date(2019, 5, 24))
    barnet.judgements(OverallEffectiveness="Good", HelpAndProtection="Good")
    barnet.entity("mash", "Early help is part of the Barnet MASH.", label="MASH")
    barnet.entity("contextual-safeguarding", "Barnet applies contextual safeguarding.")
    barnet.entity("family-group-conference", "Family group conferences are used in Barnet.")
    barnet.entity(None, "The VARP meets monthly.", label="vulnerable adolescents at risk panel", cls="Forum")

    redbridge = _Doc("redbridge-2019.pdf", "E09000026", "ShortInspection", date(2019, 5, 3))
    redbridge.judgements(OverallEffectiveness="Outstanding", HelpAndProtection="Outstanding")
    redbridge.entity("mash", "The Redbridge MASH is a model of efficiency.", label="MASH")
    redbridge.entity("contextual-safeguarding", "Contextual safeguarding informs exploitation mapping.")
    redbridge.entity("family-group-conference", "The family intervention team uses family group conferences.")

    merton = _Doc("merton-2022.pdf", "E09000024", "ShortInspection", date(2022, 3, 4))
    merton.judgements(OverallEffectiveness="Outstanding")
    merton.entity("mash", "Merton's hub acts as its MASH.", label="MASH")
    merton.entity("metropolitan-police-service", "The Metropolitan Police Service sits in the hub.")

    docs = [harrow, letter, barnet, redbridge, merton]
    if hostile:
        bad = _Doc("hostile.pdf", HOSTILE_GSS, "FocusedVisit", date(2021, 1, 1))
        bad.entity("mash", f"The MASH of {IMG_TEXT} is here.", label="MASH")
        docs.append(bad)
    for d in docs:
        store.replace_graph(d.graph, d.w.text())
    return store


@pytest.fixture()
def store() -> Store:
    return make_store()


def _labels(view: ViewGraph) -> set[str]:
    return {n.label for n in view.nodes.values()}


def without_library(html: str) -> str:
    """The page minus the inlined vis-network library (which has its own '<script' and 'onerror' strings)."""
    return html.replace(vis_js(), "")


# -------------------------------------------------------------------------------- view contents


def test_viz_authority_view_nodes_and_edges(store: Store) -> None:
    view = authority_view(store, "Harrow")
    nodes, edges = view.to_vis()
    by_label = {n["fullLabel"]: n for n in nodes}
    assert by_label["Harrow"]["cls"] == "LocalAuthority"
    assert by_label["Harrow"]["group"] == "LocalAuthority"
    groups = vis_options(view)["groups"]
    assert groups["LocalAuthority"]["shape"] == CLASS_STYLES["LocalAuthority"].shape
    assert groups["Programme"]["color"]["background"] == CLASS_STYLES["Programme"].color
    assert by_label["MASH"]["cls"] == "Team"
    assert by_label["vulnerability, violence and exploitation team"]["cls"] == "Team"  # subclass -> core
    assert by_label["Keeping Families Together"]["group"] == "Programme"
    assert by_label["Metropolitan Police Service"]["cls"] == "Partner"
    # ids are opaque; titles are plain text with the authority and evidence with its source
    assert all(re.fullmatch(r"n\d+", n["id"]) for n in nodes)
    mash = by_label["MASH"]
    assert "Authority: Harrow" in mash["title"]
    assert "Thresholds are applied well" in mash["title"] and "Short inspection, 2020-02-14" in mash["title"]
    rels = {e["rel"] for e in edges}
    assert {"has", "uses", "worksWith", "coMentionedWith", "about"} <= rels
    assert "mentionedIn" in {e.relation for e in authority_view(store, "Harrow", mentions=True).edges}
    works = next(e for e in edges if e["rel"] == "worksWith")
    assert works["color"]["color"] == EDGE_STYLES["worksWith"].color
    uses = next(e for e in edges if e["rel"] == "uses")
    assert uses["dashes"] == EDGE_STYLES["uses"].dashes
    # size follows degree: the authority (hub) is drawn with the largest font
    sizes = [n["size"] for n in nodes if "size" in n]
    assert max(sizes) > min(sizes)


def test_viz_views_read_only_the_documents_about_their_authorities(store: Store) -> None:
    """A view drawn from a store reads only its authorities' documents: what Merton's report says of a
    national partner (its status, whom it is named with) is not shown in Harrow's view."""
    merton = _Doc("merton-2023.pdf", "E09000024", "ShortInspection", date(2023, 3, 4))
    mps = merton.entity("metropolitan-police-service", "The Metropolitan Police Service piloted a desk.",
                        status="Piloted")
    mace = merton.entity("mace", "Merton's MACE meets weekly.")
    merton.relation(mps, "coMentionedWith", ids.entity_iri("mace", "E09000015"), "Named together.")
    store.replace_graph(merton.graph, merton.w.text())
    whole = authority_view(GraphReader(store), "Harrow")  # a reader of everything, as the site's
    scoped = authority_view(store, "Harrow")
    assert set(scoped.nodes) == set(whole.nodes) and mace not in scoped.nodes
    # Harrow's documents give the partner no status, whichever way the view is read; Merton's view shows it
    assert not any("Piloted" in line for view in (whole, scoped) for line in view.nodes[mps].details)
    assert "Status: Piloted" in authority_view(store, "Merton").nodes[mps].details
    assert {(e.source, e.target, e.relation) for e in scoped.edges} < {
        (e.source, e.target, e.relation) for e in whole.edges}
    assert neighbours_view(store, "Harrow").nodes.keys() == neighbours_view(GraphReader(store), "Harrow").nodes.keys()
    reader = GraphReader(store)
    assert reader.links
    with pytest.raises(RuntimeError, match="before reading"):
        reader.scope_to([ids.authority_iri("E09000015")])


def test_viz_restricted_left_out_by_default(store: Store) -> None:
    public = authority_view(store, "Harrow")
    assert RESTRICTED_ONLY not in _labels(public)
    assert not any("includes an education lead" in line for n in public.nodes.values() for line in n.details)
    assert not any(n.cls == "Document" and "Engagement letter" in n.label for n in public.nodes.values())
    mash = next(n for n in public.nodes.values() if n.label == "MASH")
    assert not any("Expanded" in line for line in mash.details)  # a status only the letter gives
    full = authority_view(store, "Harrow", include_restricted=True)
    assert RESTRICTED_ONLY in _labels(full)
    assert any("Status: Expanded" in line for n in full.nodes.values() for line in n.details)
    assert any(n.cls == "Document" and "Engagement letter" in n.label for n in full.nodes.values())


def test_viz_people_hidden_unless_asked(store: Store) -> None:
    for view in (authority_view(store, "Harrow", include_restricted=True),
                 practice_view(store, "mash", include_restricted=True)):
        html = render_html(view, vis_js_href="vis.js")
        for name in CANARIES:
            assert name not in html
            assert name.split()[0] not in html
        assert "[person]" in html
    shown = authority_view(store, "Harrow", include_restricted=True, show_people=True)
    assert any(CANARIES[0] in label for label in _labels(shown))


def test_viz_practice_view(store: Store) -> None:
    view = practice_view(store, "MASH")
    authorities = {n.label for n in view.nodes.values() if n.cls == "LocalAuthority"}
    assert {"Harrow", "Barnet", "Redbridge", "Merton", IMG_TEXT} <= authorities
    concept = next(n for n in view.nodes.values() if n.cls == "Concept")
    assert concept.label == "multi-agency safeguarding hub"
    assert {e.relation for e in view.edges} >= {"has", "kind"}
    harrow = next(n for n in view.nodes.values() if n.label == "Harrow")
    assert any(line.startswith("Overall effectiveness: Good") for line in harrow.details)


def test_viz_pair_view_shared_and_own(store: Store) -> None:
    view = pair_view(store, "Harrow", "Barnet")
    sides = {n.label: n.side for n in view.nodes.values()}
    assert sides["multi-agency safeguarding hub"] == "shared"  # the concept's label
    assert sides["Keeping Families Together"] == "a"
    assert sides["contextual safeguarding"] == "b"
    assert sides["vulnerable adolescents at risk panel"] == "b"
    nodes, _ = view.to_vis()
    assert all("x" in n and "y" in n for n in nodes)  # fixed side-by-side layout
    shared = [n for n in nodes if n.get("side") == "shared"]
    own_a = [n for n in nodes if n.get("side") == "a" and n["cls"] != "LocalAuthority"]
    assert max(n["x"] for n in own_a) < min(n["x"] for n in shared)


def test_viz_neighbours_view_suggestions(store: Store) -> None:
    view = neighbours_view(store, "E09000015")
    labels = {n.label for n in view.nodes.values() if n.cls == "LocalAuthority"}
    assert labels == {"Harrow", "Barnet", "Redbridge", "Merton"}
    suggested = {n.label for n in view.nodes.values() if n.suggested}
    assert suggested == {"contextual safeguarding", "family group conference"}
    assert sum(e.relation == "statisticalNeighbour" for e in view.edges) == 3


def test_viz_overview_counts_and_cap(store: Store) -> None:
    view = overview_view(store)
    classes = {n.cls for n in view.nodes.values()}
    assert "LocalAuthority" in classes
    mash_edges = [e for e in view.edges if view.nodes[e.target].label == "multi-agency safeguarding hub"]
    assert len(mash_edges) == 5 and all(e.weight == 1 for e in mash_edges)
    small = overview_view(store, max_nodes=6)
    assert len(small.nodes) <= 6 and small.notes


def test_viz_unknown_names_are_user_errors(store: Store) -> None:
    from kg.errors import KgError

    with pytest.raises(KgError, match="no local authority"):
        authority_view(store, "Harow")
    with pytest.raises(KgError, match="no thesaurus concept"):
        practice_view(store, "no-such-practice")


def test_viz_large_view_gets_positions_and_no_physics() -> None:
    view = ViewGraph("test", "big", "Big")
    for i in range(400):
        view.add_node(f"k{i}", f"node {i}", "Team")
    for i in range(1, 400):
        view.add_edge(f"k{i // 3}", f"k{i}", "has")
    html = render_html(view, vis_js_href="vis.js")
    assert '"physics":{"enabled":false}' in html
    assert all(n.x is not None for n in view.nodes.values())
    assert '"smooth":false' in html


def test_viz_network_holder(store: Store) -> None:
    net = authority_view(store, "Harrow").to_network()
    assert net.num_nodes() == len(net.nodes) > 5 and net.edges


# -------------------------------------------------------------------------------- escaping and safety


def _all_views(store: Store) -> list[ViewGraph]:
    return [authority_view(store, "Harrow"), authority_view(store, IMG_TEXT), practice_view(store, "mash"),
            pair_view(store, "Harrow", IMG_TEXT), neighbours_view(store, "Harrow"), overview_view(store)]


def test_viz_hostile_text_only_escaped(store: Store, tmp_path: Path) -> None:
    for view in _all_views(store):
        for inline in (True, False):
            html = render_html(view, vis_js_href=None if inline else "vis-network.min.js")
            body = without_library(html)
            assert SCRIPT_LABEL not in html and IMG_TEXT not in html
            assert "<img" not in body
            # the template's own scripts only: data block, library, app
            assert body.count("<script") == 3
            escaped = ("\\u003cimg src=x onerror=alert(1)\\u003e", "&lt;img src=x onerror=alert(1)&gt;")
            assert "onerror=alert" not in body.replace(escaped[0], "").replace(escaped[1], "")
    # the hostile texts are present, escaped, where they should be
    html = render_html(authority_view(store, "Harrow"), vis_js_href="v.js")
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html  # in the JSON data
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # in the select menu
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # sentence in a tooltip
    heading = render_html(authority_view(store, IMG_TEXT), vis_js_href="v.js")
    assert "<title>&lt;img src=x onerror=alert(1)&gt;: practice" in heading


def test_viz_script_json_escapes() -> None:
    text = script_json({"a": "</script><b>&amp;\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_viz_no_external_urls(store: Store, tmp_path: Path) -> None:
    external = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
    for view in _all_views(store):
        for href in (None, "vis-network.min.js"):
            html = render_html(view, vis_js_href=href)
            assert not external.search(html)
            assert "javascript:" not in without_library(html)
            assert "default-src 'none'" in html and "connect-src 'none'" in html


def test_viz_output_names_cannot_escape(tmp_path: Path, store: Store) -> None:
    for name in ("../../etc/passwd", "/abs/path", "~/x", "a\x00b", "x" * 400, IMG_TEXT, "..", ""):
        path = output_path(tmp_path, name)
        assert path.parent == tmp_path and path.name.endswith(".html") and len(path.name) < 100
    view = authority_view(store, IMG_TEXT)
    assert "/" not in view.filename() and view.filename().endswith(".html")
    report = render_view(view, tmp_path / view.filename())
    assert report.path.exists() and report.path.parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == [view.filename()]  # nothing else (no lib/)


def test_viz_refuses_symlink_target(tmp_path: Path, store: Store) -> None:
    from kg.errors import KgError

    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    link = tmp_path / "out" / "view.html"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(KgError, match="symbolic link"):
        render_view(authority_view(store, "Harrow"), link)
    assert outside.read_text() == "keep me"


def test_viz_reader_redacts_names(store: Store) -> None:
    r = GraphReader(store, include_restricted=True)
    assert r.redact(f"Meeting with {CANARIES[1]} and Peregrine.") == "Meeting with [person] and [person]."
    # role words that come with a name in a label are not names
    assert r.redact("The Team inspectors met Olive.") == "The Team inspectors met [person]."
    assert GraphReader(store, show_people=True).redact(CANARIES[0]) == CANARIES[0]


def test_viz_redaction_screen_changes_nothing(store: Store) -> None:
    """redact() passes texts without any name's first word untouched without trying the names' pattern;
    every text gives what the pattern alone gives."""
    harrow = _Doc("harrow-2021.pdf", "E09000015", "ShortInspection", date(2021, 2, 14))
    harrow.person("Siobhan O'Brien-Kay", post="Director of Children's Services")
    store.replace_graph(harrow.graph, harrow.w.text())
    r = GraphReader(store, include_restricted=True)
    texts = ["Nothing personal here.", "OLIVE CANARYWOOD signed it.", "Ask O'Brien-Kay, or Siobhan.",
             "Mail olive.c@example.org today.", "Peregrine's team (Canarywood) met.", "Olives grow; Canarywoods.",
             ""]
    for text in texts:
        assert r.redact(text) == (r._person_pattern.sub("[person]", text) if text else text)
    assert r.redact("Ask O'Brien-Kay, or Siobhan.") == "Ask [person], or [person]."
    assert r.redact("Mail olive.c@example.org today.") == "Mail [person] today."
    assert r.redact("Olives grow; Canarywoods.") == "Olives grow; Canarywoods."
