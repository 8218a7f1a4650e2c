"""Interactive graph views: SPARQL over the store -> `ViewGraph` -> one offline HTML page.

Why our own page and not pyvis's: pyvis 0.3.2's template loads Bootstrap from a CDN in every mode, writes
`heading` and select-menu ids raw into the page, and switches its popup to `innerHTML` when a title holds
the word "href" (../shared/RELIABILITY.md S11-S13). Here document text only ever reaches the page as
autoescaped HTML or as JSON with `<`, `>` and `&` escaped, node ids are opaque (`n0`, `n1`, ...), tooltips
are plain text (vis-network 9.1.2 sets string titles with `innerText`) and the info panel uses
`textContent`. The vis-network script is the copy pyvis ships, inlined or written once beside a site.

Access and privacy rules are applied once, in `GraphReader`: documents with `sg:accessLevel
sg:Restricted` and every fact only their graphs support are left out unless `include_restricted`;
person names are never shown (and are redacted from sentences) unless `show_people`.

Example:
    >>> view = ViewGraph("example", "demo", "A tiny view")
    >>> _ = view.add_node("a", "Harrow", "LocalAuthority")
    >>> _ = view.add_node("b", "<MASH>", "Team")
    >>> view.add_edge("a", "b", "has")
    >>> nodes, edges = view.to_vis()
    >>> nodes[1]["label"], edges[0]["from"], edges[0]["to"]
    ('<MASH>', 'n0', 'n1')
    >>> "<" in script_json({"label": "</script>"})
    False
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import math
import os
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.identifiers import SG, SGT, slugify
from kg.store import Store, uri

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: Above this many nodes, positions are computed in Python (networkx) and browser physics is off.
POSITION_THRESHOLD = 300
#: Default cap of the overview (and of any view): larger pages stop being usable in a browser.
MAX_NODES = 1000
#: Evidence sentences shown per node, and the longest sentence shown (characters).
MAX_EVIDENCE = 3
MAX_SENTENCE = 300
#: Longest label drawn on the canvas (the full text is in the tooltip and the info panel).
MAX_LABEL = 40
VIS_JS_NAME = "vis-network.min.js"

CORE_CLASSES = ("Team", "Programme", "PracticeModel", "Partner", "Tool", "Forum", "Role", "Policy")
DOCUMENT_CLASSES = ("Document", "EngagementLetter", "StandardInspection", "ShortInspection", "FocusedVisit",
                    "MonitoringVisit", "JointTargetedAreaInspection", "SIFInspection",
                    "LookedAfterChildrenInspection")
DOCUMENT_LABELS = {
    "Document": "Document", "EngagementLetter": "Engagement letter",
    "StandardInspection": "Standard inspection", "ShortInspection": "Short inspection",
    "FocusedVisit": "Focused visit", "MonitoringVisit": "Monitoring visit",
    "JointTargetedAreaInspection": "Joint targeted area inspection", "SIFInspection": "SIF inspection",
    "LookedAfterChildrenInspection": "Looked after children inspection",
}
AREAS = ("OverallEffectiveness", "ImpactOfLeaders", "HelpAndProtection", "ChildrenInCare", "CareLeavers")
#: Areas only single inspection framework reports (2013-2018) graded: shown where an authority has such a grade.
FURTHER_AREAS = ("AdoptionPerformance", "SafeguardingBoardEffectiveness")
AREA_LABELS = {"OverallEffectiveness": "Overall effectiveness", "ImpactOfLeaders": "Impact of leaders",
               "HelpAndProtection": "Help and protection", "ChildrenInCare": "Children in care",
               "CareLeavers": "Care leavers", "AdoptionPerformance": "Adoption performance",
               "SafeguardingBoardEffectiveness": "Safeguarding children board"}
GRADE_LABELS = {"Outstanding": "Outstanding", "Good": "Good", "RequiresImprovement": "Requires improvement",
                "Inadequate": "Inadequate"}
GRADE_RANK = {"Outstanding": 1, "Good": 2, "RequiresImprovement": 3, "Inadequate": 4}
#: Inspections that start on or after this day follow Ofsted's 2026 framework: four graded areas, no overall
#: effectiveness grade.
FRAMEWORK_2026_START = "2026-04-01"
RELATIONS = ("worksWith", "fundedBy", "partOf", "establishedThrough", "implements", "uses", "replaces",
             "coMentionedWith")


@dataclass(frozen=True, slots=True)
class ClassStyle:
    label: str
    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    label: str
    color: str
    dashes: bool | list[int]
    arrow: bool = True


#: Node colour and shape per class (the legend lists those present). Shapes with the label outside
#: (dot, diamond...) take their size from centrality; boxes grow with their font instead.
CLASS_STYLES: dict[str, ClassStyle] = {
    "LocalAuthority": ClassStyle("Local authority", "#1f3b73", "box"),
    "Concept": ClassStyle("Practice concept (thesaurus)", "#f4d35e", "ellipse"),
    "Team": ClassStyle("Team", "#2a9d8f", "dot"),
    "Programme": ClassStyle("Programme", "#e9a23b", "diamond"),
    "PracticeModel": ClassStyle("Practice model", "#8e44ad", "star"),
    "Partner": ClassStyle("Partner", "#c0392b", "triangle"),
    "Tool": ClassStyle("Tool", "#7f8c8d", "square"),
    "Forum": ClassStyle("Forum", "#2980b9", "triangleDown"),
    "Role": ClassStyle("Role", "#27ae60", "hexagon"),
    "Policy": ClassStyle("Policy", "#a0522d", "square"),
    "Entity": ClassStyle("Other entity", "#b0b7bf", "dot"),
    "Document": ClassStyle("Document", "#dfe4ea", "box"),
    "Person": ClassStyle("Person", "#f78fb3", "dot"),
}

#: Edge colour and dash pattern per relation type.
EDGE_STYLES: dict[str, EdgeStyle] = {
    "has": EdgeStyle("has (own service)", "#8d99ae", False),
    "uses": EdgeStyle("uses (national or shared)", "#8d99ae", [6, 4]),
    "kind": EdgeStyle("is a kind of", "#c9b458", [2, 4]),
    "worksWith": EdgeStyle("works with", "#2980b9", False, False),
    "fundedBy": EdgeStyle("funded by", "#27ae60", [8, 4]),
    "partOf": EdgeStyle("part of", "#8e44ad", False),
    "establishedThrough": EdgeStyle("established through", "#e67e22", [8, 4]),
    "implements": EdgeStyle("implements", "#16a085", [4, 4]),
    "replaces": EdgeStyle("replaces", "#c0392b", [10, 5]),
    "coMentionedWith": EdgeStyle("mentioned in the same sentence", "#d5d8dc", [2, 6], False),
    "statisticalNeighbour": EdgeStyle("statistical neighbour", "#1f3b73", [10, 6], False),
    "mentionedIn": EdgeStyle("mentioned in", "#cfd6dd", [1, 4]),
    "about": EdgeStyle("document about", "#9aa5b1", False),
    "leadInspector": EdgeStyle("lead inspector", "#f78fb3", [3, 3]),
}

SUGGESTION_BORDER = "#e63946"


# --------------------------------------------------------------------------------------------------
# The view model


@dataclass(slots=True)
class ViewNode:
    """One node: `key` (an IRI or a synthetic key) never reaches the page; `details` are tooltip lines."""

    key: str
    label: str
    cls: str
    details: list[str] = field(default_factory=list)
    side: str | None = None
    suggested: bool = False
    x: float | None = None
    y: float | None = None


@dataclass(slots=True)
class ViewEdge:
    source: str
    target: str
    relation: str
    weight: float = 1.0
    details: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ViewGraph:
    """Nodes and edges of one view, independent of how they are drawn."""

    kind: str
    subject: str
    title: str
    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    directed: bool = True
    edge_opacity: float = 0.85
    _edge_index: dict[tuple[str, str, str], ViewEdge] = field(default_factory=dict, repr=False)

    def add_node(self, key: str, label: str, cls: str, details: Iterable[str] = ()) -> ViewNode:
        """Add a node, or add details to the existing one with the same key."""
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = ViewNode(key, label, cls if cls in CLASS_STYLES else "Entity")
        for line in details:
            if line not in node.details:
                node.details.append(line)
        return node

    def add_edge(self, source: str, target: str, relation: str, weight: float = 1.0,
                 details: Iterable[str] = ()) -> None:
        """Add an edge between existing nodes; a repeated (source, target, relation) adds to the weight."""
        if source not in self.nodes or target not in self.nodes or source == target:
            return
        edge = self._edge_index.get((source, target, relation))
        if edge is not None:
            edge.weight += weight
            edge.details.extend(d for d in details if d not in edge.details)
            return
        edge = self._edge_index[(source, target, relation)] = ViewEdge(source, target, relation, weight,
                                                                       list(details))
        self.edges.append(edge)

    def degree(self) -> Counter[str]:
        deg: Counter[str] = Counter({k: 0 for k in self.nodes})
        for e in self.edges:
            deg[e.source] += 1
            deg[e.target] += 1
        return deg

    def filename(self) -> str:
        """A safe file name for this view (slugified: never a path)."""
        return f"{slugify(f'{self.kind}-{self.subject}')}.html"

    def classes(self) -> list[str]:
        present = {n.cls for n in self.nodes.values()}
        return [c for c in CLASS_STYLES if c in present]

    def relations(self) -> list[str]:
        present = {e.relation for e in self.edges}
        return [r for r in EDGE_STYLES if r in present]

    def cap(self, max_nodes: int, keep: Iterable[str] = ()) -> None:
        """Keep at most `max_nodes` nodes (the best connected, plus `keep`), noting what was left out."""
        if len(self.nodes) <= max_nodes:
            return
        deg = self.degree()
        pinned = [k for k in keep if k in self.nodes]
        rest = sorted((k for k in self.nodes if k not in set(pinned)), key=lambda k: (-deg[k], k))
        chosen = set(pinned[:max_nodes]) | set(rest[: max(0, max_nodes - len(pinned))])
        total = len(self.nodes)
        self.nodes = {k: v for k, v in self.nodes.items() if k in chosen}
        self.edges = [e for e in self.edges if e.source in chosen and e.target in chosen]
        self._edge_index = {(e.source, e.target, e.relation): e for e in self.edges}
        self.notes.append(f"Showing the {len(self.nodes)} best-connected of {total} nodes.")

    def to_vis(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """vis.js node and edge dicts: opaque ids, plain-text titles, style by class and relation."""
        deg = self.degree()
        top = max(deg.values(), default=1) or 1
        ids = {key: f"n{i}" for i, key in enumerate(self.nodes)}
        nodes: list[dict[str, Any]] = []
        for key, node in self.nodes.items():
            style = CLASS_STYLES[node.cls]
            scale = math.sqrt(deg[key] / top)
            label = node.label if len(node.label) <= MAX_LABEL else node.label[: MAX_LABEL - 1] + "\u2026"
            # Shape and colour come from the class's vis group (options.groups); the title is plain text
            # whose first line is the label (the info panel shows the other lines).
            d: dict[str, Any] = {
                "id": ids[key],
                "label": label,
                "fullLabel": node.label,
                "cls": node.cls,
                "group": node.cls,
                "title": "\n".join([node.label, style.label, *node.details]),
            }
            if style.shape in {"box", "ellipse", "database"}:
                grow = 0 if node.cls == "Document" else 9
                d["font"] = {"size": round(12 + grow * scale),
                             "color": "#ffffff" if node.cls == "LocalAuthority" else "#1b1b1b"}
            else:
                d["size"] = round(10 + 22 * scale, 1)
            if node.suggested:
                d["borderWidth"] = 4
                d["color"] = {"background": style.color, "border": SUGGESTION_BORDER,
                              "highlight": {"background": style.color, "border": SUGGESTION_BORDER}}
            if node.side:
                d["side"] = node.side
            if node.x is not None and node.y is not None:
                d["x"], d["y"] = round(node.x, 1), round(node.y, 1)
            nodes.append(d)
        edges: list[dict[str, Any]] = []
        for edge in self.edges:
            es = EDGE_STYLES.get(edge.relation, EDGE_STYLES["worksWith"])
            e: dict[str, Any] = {
                "from": ids[edge.source], "to": ids[edge.target], "rel": edge.relation,
                "color": {"color": es.color, "highlight": "#000000", "opacity": self.edge_opacity},
                "dashes": es.dashes,
                "width": round(1 + 1.5 * math.log2(edge.weight), 2) if edge.weight > 1 else 1,
                "title": "\n".join([es.label + (f" (weight {edge.weight:g})" if edge.weight != 1 else ""),
                                    *edge.details]),
            }
            if es.arrow and self.directed:
                e["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
            edges.append(e)
        return nodes, edges

    def to_network(self) -> Any:
        """The view as a pyvis Network (lists filled directly: add_node one by one is slow)."""
        from pyvis.network import Network

        net = Network(directed=self.directed, cdn_resources="in_line")
        net.nodes, net.edges = self.to_vis()
        net.node_ids = [n["id"] for n in net.nodes]
        net.node_map = {n["id"]: n for n in net.nodes}
        net.options = vis_options(self)
        return net


def _darker(color: str) -> str:
    r, g, b = (int(color[i: i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


def vis_options(view: ViewGraph) -> dict[str, Any]:
    """vis-network options: physics that settles (barnesHut, stabilisation, straight edges), or none
    when positions were computed in Python."""
    n = len(view.nodes)
    positioned = bool(view.nodes) and all(v.x is not None for v in view.nodes.values())
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > POSITION_THRESHOLD,
                        "hideEdgesOnZoom": n > POSITION_THRESHOLD, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
        "layout": {"randomSeed": 7, "improvedLayout": n <= 150},
        "groups": {c: {"shape": CLASS_STYLES[c].shape,
                       "color": {"background": CLASS_STYLES[c].color, "border": _darker(CLASS_STYLES[c].color),
                                 "highlight": {"background": CLASS_STYLES[c].color, "border": "#000000"},
                                 "hover": {"background": CLASS_STYLES[c].color, "border": "#000000"}}}
                   for c in view.classes()},
    }
    if positioned:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -12000, "centralGravity": 0.3, "springLength": 170,
                          "springConstant": 0.03, "damping": 0.35, "avoidOverlap": 0.4},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25, "fit": True},
            "minVelocity": 1.0, "maxVelocity": 40, "timestep": 0.5,
        }
    return options


def layout_positions(view: ViewGraph, *, seed: int = 7) -> None:
    """Precompute positions with networkx (spring layout, seeded) so the browser needs no physics."""
    import networkx as nx

    G = nx.Graph()
    G.add_nodes_from(view.nodes)
    G.add_edges_from((e.source, e.target) for e in view.edges)
    n = len(view.nodes)
    pos = nx.spring_layout(G, seed=seed, iterations=50 if n < 500 else 30)
    scale = 120 * math.sqrt(max(n, 1))
    for key, (x, y) in pos.items():
        view.nodes[key].x, view.nodes[key].y = float(x) * scale, float(y) * scale


# --------------------------------------------------------------------------------------------------
# Reading the store (access and privacy rules applied here, once)


@dataclass(frozen=True, slots=True)
class Authority:
    iri: str
    label: str
    gss: str
    region: str
    kind: str
    alt_labels: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.label)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    iri: str
    graph: str
    cls: str
    authority: str
    title: str
    start: str
    end: str
    published: str
    source: str
    restricted: bool

    @property
    def date(self) -> str:
        """The date a reader would give the document: publication, else the end or start of its period."""
        return self.published or self.end or self.start

    @property
    def kind_label(self) -> str:
        return DOCUMENT_LABELS.get(self.cls, self.cls)

    def cite(self) -> str:
        """A short citation: kind, date and file name (no path: paths can hold user names)."""
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        parts = [self.kind_label, self.date or "undated"]
        if name:
            parts.append(name)
        if self.restricted:
            parts.append("restricted")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Concept:
    iri: str
    slug: str
    label: str
    alt_labels: tuple[str, ...]
    definition: str
    broader: tuple[str, ...]
    core: str
    scope: str


@dataclass(slots=True)
class Entity:
    iri: str
    label: str
    cls: str
    kind: str | None
    owner: str | None
    statuses: set[str] = field(default_factory=set)
    discovered: bool = False
    #: status -> the visible graphs (documents) that state it: a national thing's status in one authority's
    #: report is not its status in another's
    status_graphs: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    document: str
    page: int | None


@dataclass(frozen=True, slots=True)
class Metric:
    iri: str
    authority: str
    document: str
    indicator: str
    value: float
    unit: str
    period: str
    comparator: str
    comparator_value: float | None
    measure: str = ""  # the label of its measure (ontology/measures.ttl), "" when none


def _local(iri: str | None) -> str:
    if not iri:
        return ""
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[-1]
    return iri


def _finding_start(iri: str) -> int:
    """Where a finding starts in its document's text (its IRI ends with it: id:finding/<h>/<start>), to list
    findings in the order of the text."""
    tail = iri.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _s(value: Any) -> str:
    return "" if value is None else str(value)


class GraphReader:
    """What the views and the site show, read with a few SPARQL queries and filtered by the access rules."""

    def __init__(self, store: Store, *, include_restricted: bool = False, show_people: bool = False) -> None:
        self.store = store
        self.include_restricted = include_restricted
        self.show_people = show_people
        self._evidence_cache: dict[str, dict[str, list[Evidence]]] = {}
        self._all_evidence: tuple[dict[str, list[Evidence]], dict[str, dict[str, list[Evidence]]]] | None = None
        self._scope: frozenset[str] | None = None
        # The first words of the person names (None: some name does not start with a word character)
        self._person_words: frozenset[str] | None = frozenset()

    def scope_to(self, authorities: Iterable[str]) -> None:
        """Read practice (links, entities, relations) only from the documents about these authorities.

        A view of one authority, a pair or a neighbour group needs nothing else, and reading the whole
        corpus's took 10-15 s on a full store (a scoped read takes a tenth of a second). Call it before any
        of them has been read; a reader shared by the views of a site is never scoped."""
        read = {"links", "entities", "relations"} & set(vars(self))
        if read:
            raise RuntimeError(f"scope_to must come before reading {', '.join(sorted(read))}")
        self._scope = frozenset(authorities)

    def _scope_values(self) -> str:
        return "VALUES ?la { " + " ".join(f"<{iri}>" for iri in sorted(self._scope or ())) + " }"

    # -- raw reading

    def _rows(self, sparql: str, **bindings: str) -> list[dict[str, Any]]:
        return self.store.query(sparql, bindings={k: uri(v) for k, v in bindings.items()} or None).dicts()

    @cached_property
    def documents_all(self) -> dict[str, DocumentInfo]:
        values = " ".join(f"sg:{c}" for c in DOCUMENT_CLASSES)
        # Documents are found by their hash first: started from `sg:about`, which metrics and findings also
        # have, Oxigraph took 7 s instead of 0.1 s on a full-corpus store.
        rows = self._rows(f"""
            SELECT ?doc ?g ?type ?la ?title ?start ?end ?pub ?file ?access WHERE {{
              GRAPH ?g {{ ?doc sg:sha256 ?sha ; a ?type ; sg:about ?la .
                OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc sg:periodStart ?start }}
                OPTIONAL {{ ?doc sg:periodEnd ?end }} OPTIONAL {{ ?doc sg:publicationDate ?pub }}
                OPTIONAL {{ ?doc sg:sourceFile ?file }} OPTIONAL {{ ?doc sg:accessLevel ?access }} }}
              VALUES ?type {{ {values} }} }}""")
        docs: dict[str, DocumentInfo] = {}
        for r in rows:
            cls = _local(r["type"])
            old = docs.get(r["doc"])
            if old is not None and (cls == "Document" or old.cls != "Document"):
                continue
            docs[r["doc"]] = DocumentInfo(
                r["doc"], r["g"], cls, r["la"], self.redact(_s(r["title"])), _s(r["start"])[:10],
                _s(r["end"])[:10], _s(r["pub"])[:10], _s(r["file"]),
                r["access"] == SG + "Restricted" or (old is not None and old.restricted))
        return docs

    @cached_property
    def restricted_graphs(self) -> frozenset[str]:
        """Graphs of restricted documents (empty when restricted documents are included)."""
        if self.include_restricted:
            return frozenset()
        rows = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?doc sg:accessLevel sg:Restricted } }")
        return frozenset(r["g"] for r in rows)

    def allowed(self, graphs: Iterable[str]) -> bool:
        """A fact is shown when at least one graph that states it is not restricted."""
        return any(g not in self.restricted_graphs for g in graphs)

    @cached_property
    def documents(self) -> dict[str, DocumentInfo]:
        """Visible documents."""
        return {k: d for k, d in self.documents_all.items() if d.graph not in self.restricted_graphs}

    @cached_property
    def authorities(self) -> dict[str, Authority]:
        rows = self._rows("""
            SELECT ?la ?label ?gss ?regionLabel ?type WHERE {
              ?la a sg:LocalAuthority ; rdfs:label ?label .
              OPTIONAL { ?la sg:gssCode ?gss } OPTIONAL { ?la sg:authorityType ?type }
              OPTIONAL { ?la sg:region ?region . ?region rdfs:label ?regionLabel } }""")
        alts: dict[str, list[str]] = defaultdict(list)
        for r in self._rows("SELECT ?la ?alt WHERE { ?la a sg:LocalAuthority ; skos:altLabel ?alt }"):
            alts[r["la"]].append(_s(r["alt"]))
        out: dict[str, Authority] = {}
        for r in rows:
            if r["la"] not in out:
                out[r["la"]] = Authority(r["la"], _s(r["label"]), _s(r["gss"]), _s(r["regionLabel"]),
                                         _s(r["type"]), tuple(alts.get(r["la"], ())))
        return dict(sorted(out.items(), key=lambda kv: kv[1].label.lower()))

    @cached_property
    def neighbours(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for r in self._rows("SELECT ?la ?n WHERE { ?la sg:statisticalNeighbour ?n }"):
            if r["n"] not in out[r["la"]]:
                out[r["la"]].append(r["n"])
        for la in out:
            out[la].sort(key=lambda i: self.authorities[i].label.lower() if i in self.authorities else i)
        return out

    @cached_property
    def judgements(self) -> dict[str, dict[str, str]]:
        """Visible document -> area -> grade (local names)."""
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for r in self._rows("SELECT ?doc ?area ?grade WHERE { ?doc sg:judgement ?j . "
                            "?j sg:area ?area ; sg:grade ?grade }"):
            if r["doc"] in self.documents:
                out[r["doc"]][_local(r["area"])] = _local(r["grade"])
        return out

    @cached_property
    def concepts(self) -> dict[str, Concept]:
        rows = self._rows("""
            SELECT ?c ?pref ?def ?core ?scope WHERE { ?c a skos:Concept .
              OPTIONAL { ?c skos:prefLabel ?pref } OPTIONAL { ?c skos:definition ?def }
              OPTIONAL { ?c sg:coreClass ?core } OPTIONAL { ?c sg:scope ?scope } }""")
        alts: dict[str, list[str]] = defaultdict(list)
        for r in self._rows("SELECT ?c ?alt WHERE { ?c a skos:Concept ; skos:altLabel ?alt }"):
            alts[r["c"]].append(_s(r["alt"]))
        broader: dict[str, list[str]] = defaultdict(list)
        for r in self._rows("SELECT ?c ?b WHERE { ?c a skos:Concept ; skos:broader ?b }"):
            broader[r["c"]].append(r["b"])
        out: dict[str, Concept] = {}
        for r in rows:
            c = r["c"]
            if c in out:
                continue
            slug = c[len(SGT):] if c.startswith(SGT) else slugify(_local(c))
            out[c] = Concept(c, slugify(slug), _s(r["pref"]) or slug, tuple(sorted(set(alts[c]))),
                             _s(r["def"]), tuple(broader[c]), _local(r["core"]), _local(r["scope"]))
        return out

    @cached_property
    def entity_types(self) -> dict[str, str]:
        """Every class that is, or is a subclass of, a core entity class -> that core class."""
        types = {SG + c: c for c in CORE_CLASSES}
        rows = self._rows("SELECT ?s ?o WHERE { ?s rdfs:subClassOf+ ?o }")
        for r in rows:
            core = _local(r["o"])
            if r["o"] == SG + core and core in CORE_CLASSES:
                types.setdefault(r["s"], core)
        return types

    @cached_property
    def entities(self) -> dict[str, Entity]:
        values = " ".join(f"<{t}>" for t in self.entity_types)
        # Per graph, so that what only a restricted document says (a label, a status) stays hidden.
        about = f"""?e a ?type ; rdfs:label ?label . VALUES ?type {{ {values} }}
              OPTIONAL {{ ?e sg:kind ?kind }} OPTIONAL {{ ?e sg:operatedBy|sg:localTo ?owner }}
              OPTIONAL {{ ?e sg:status ?status }} OPTIONAL {{ ?e sg:discovered ?disc }}"""
        if self._scope is None:
            where = f"GRAPH ?g {{ {about} }}"
        else:  # the things mentioned in the documents about the authorities in scope, then what they are
            where = ("{ SELECT DISTINCT ?e ?g WHERE { " + self._scope_values() +
                     " GRAPH ?g { ?doc sg:sha256 ?sha ; sg:about ?la . ?e sg:mentionedIn ?doc } } }"
                     f" LATERAL {{ GRAPH ?g {{ {about} }} }}")
        rows = self._rows(f"SELECT DISTINCT ?e ?type ?label ?kind ?owner ?status ?disc ?g WHERE {{ {where} }}")
        out: dict[str, Entity] = {}
        labels: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            if r["g"] in self.restricted_graphs:
                continue
            e = out.get(r["e"])
            if e is None:
                e = out[r["e"]] = Entity(r["e"], "", self.entity_types[r["type"]], r["kind"], r["owner"])
            labels[r["e"]].add(_s(r["label"]))
            e.kind = e.kind or r["kind"]
            e.owner = e.owner or r["owner"]
            if r["status"]:
                e.statuses.add(_local(r["status"]))
                e.status_graphs.setdefault(_local(r["status"]), set()).add(r["g"])
            e.discovered = e.discovered or r["disc"] is True
        for key, e in out.items():
            pref = self.concepts[e.kind].label if e.kind in self.concepts else None
            choice = pref if pref in labels[key] else sorted(labels[key], key=lambda s: (len(s), s))[-1]
            e.label = self.redact(choice)
        return out

    @cached_property
    def links(self) -> dict[str, dict[str, set[str]]]:
        """Authority -> entity -> visible documents (about that authority) mentioning the entity."""
        scope = "" if self._scope is None else self._scope_values()
        rows = self._rows(f"SELECT DISTINCT ?la ?e ?doc WHERE {{ {scope} GRAPH ?g {{ ?doc sg:sha256 ?sha ; "
                          "sg:about ?la . ?e sg:mentionedIn ?doc } }")
        out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for r in rows:
            doc = self.documents.get(r["doc"])
            if r["e"] in self.entities and doc is not None and doc.authority == r["la"]:
                out[r["la"]][r["e"]].add(r["doc"])
        return out

    @cached_property
    def relations(self) -> list[tuple[str, str, str, int]]:
        """(subject, relation, object, number of visible graphs stating it) between entities."""
        values = " ".join(f"sg:{p}" for p in RELATIONS)
        scope = ("" if self._scope is None else
                 self._scope_values() + " GRAPH ?g { ?doc sg:sha256 ?sha ; sg:about ?la }")
        rows = self._rows(f"SELECT DISTINCT ?s ?p ?o ?g WHERE {{ {scope} GRAPH ?g {{ ?s ?p ?o }} "
                          f"VALUES ?p {{ {values} }} }}")
        graphs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for r in rows:
            if r["s"] in self.entities and r["o"] in self.entities:
                graphs[(r["s"], _local(r["p"]), r["o"])].add(r["g"])
        return [(s, p, o, sum(g not in self.restricted_graphs for g in gs))
                for (s, p, o), gs in graphs.items() if self.allowed(gs)]

    def preload_evidence(self) -> None:
        """Read every evidence sentence once (a site needs them all; one query beats one per page)."""
        rows = self._rows("""
            SELECT ?e ?doc ?sentence ?page ?start WHERE { GRAPH ?g {
              ?m sg:refersTo ?e ; sg:document ?doc ; sg:sentence ?sentence .
              OPTIONAL { ?m sg:page ?page } OPTIONAL { ?m sg:startOffset ?start } } }""")
        by_entity = self._evidence_rows(rows)
        by_authority: dict[str, dict[str, list[Evidence]]] = defaultdict(dict)
        for e, evs in by_entity.items():
            for ev in evs:
                la = self.documents[ev.document].authority
                by_authority[la].setdefault(e, []).append(ev)
        self._all_evidence = (by_entity, by_authority)

    def evidence(self, authority: str) -> dict[str, list[Evidence]]:
        """Entity or metric -> evidence sentences from visible documents about `authority`, oldest first."""
        if self._all_evidence is not None:
            return self._all_evidence[1].get(authority, {})
        cached = self._evidence_cache.get(authority)
        if cached is None:
            # The documents about the authority first: oxigraph keeps this order (35x faster than mentions first).
            rows = self._rows("""
                SELECT ?la ?e ?doc ?sentence ?page ?start WHERE { ?doc sg:about ?la . GRAPH ?g {
                  ?m sg:document ?doc ; sg:refersTo ?e ; sg:sentence ?sentence .
                  OPTIONAL { ?m sg:page ?page } OPTIONAL { ?m sg:startOffset ?start } } }""", la=authority)
            cached = self._evidence_rows(rows)
            if len(self._evidence_cache) >= 8:  # a site asks for one authority several times in a row
                self._evidence_cache.pop(next(iter(self._evidence_cache)))
            self._evidence_cache[authority] = cached
        return cached

    def status_evidence(self, authority: str) -> dict[str, list[tuple[str, Evidence]]]:
        """Entity -> (status, the sentence it was read from) in visible documents about `authority`, oldest
        first: a status shown without the words behind it ("adoption service: ended") cannot be checked."""
        # The authority's documents first (sg:sha256: not its findings and metrics, which sg:about also names),
        # then each one's mentions and the statements they are evidence of: the other way round, every status
        # statement of the store was joined with every node about the authority (5-13 s an authority).
        rows = self._rows("""
            SELECT ?e ?status ?doc ?sentence ?page ?start WHERE { ?doc sg:about ?la ; sg:sha256 ?sha .
              LATERAL { GRAPH ?g {
                ?m sg:document ?doc . ?st sg:evidence ?m ; sg:statusOf ?e ; sg:status ?status .
                ?m sg:sentence ?sentence .
                OPTIONAL { ?m sg:page ?page } OPTIONAL { ?m sg:startOffset ?start } } } }""", la=authority)
        for r in rows:
            r["e"] = (r["e"], _local(r["status"]))
        out: dict[str, list[tuple[str, Evidence]]] = defaultdict(list)
        for (entity, status), evs in self._evidence_rows(rows).items():
            out[entity].extend((status, ev) for ev in evs)
        return out

    def concept_evidence(self, concept: str) -> dict[str, list[Evidence]]:
        """Entity -> evidence sentences for every entity of a thesaurus concept."""
        if self._all_evidence is not None:
            by_entity = self._all_evidence[0]
            return {e: by_entity[e] for ents in self.by_kind.get(concept, {}).values() for e in ents
                    if e in by_entity}
        rows = self._rows("""
            SELECT ?c ?e ?doc ?sentence ?page ?start WHERE { ?e sg:kind ?c . GRAPH ?g {
              ?m sg:refersTo ?e ; sg:document ?doc ; sg:sentence ?sentence .
              OPTIONAL { ?m sg:page ?page } OPTIONAL { ?m sg:startOffset ?start } } }""", c=concept)
        return self._evidence_rows(rows)

    def _evidence_rows(self, rows: list[dict[str, Any]]) -> dict[str, list[Evidence]]:
        out: dict[str, list[Evidence]] = defaultdict(list)
        rows.sort(key=lambda r: (self.documents[r["doc"]].date if r["doc"] in self.documents else "",
                                 r["start"] if isinstance(r["start"], int) else 0))
        for r in rows:
            if r["doc"] not in self.documents:
                continue
            text = self.redact(" ".join(_s(r["sentence"]).split()))
            if len(text) > MAX_SENTENCE:
                text = text[: MAX_SENTENCE - 1] + "\u2026"
            ev = Evidence(text, r["doc"], r["page"] if isinstance(r["page"], int) else None)
            if ev not in out[r["e"]]:
                out[r["e"]].append(ev)
        return out

    @cached_property
    def metrics(self) -> list[Metric]:
        rows = self._rows("""
            SELECT ?m ?doc ?la ?indicator ?value ?unit ?period ?comp ?cvalue ?measure WHERE {
              ?m a sg:Metric ; sg:indicator ?indicator ; sg:value ?value ; sg:mentionedIn ?doc .
              OPTIONAL { ?m sg:about ?la } OPTIONAL { ?m sg:unit ?unit } OPTIONAL { ?m sg:period ?period }
              OPTIONAL { ?m sg:comparator ?comp } OPTIONAL { ?m sg:comparatorValue ?cvalue }
              OPTIONAL { ?m sg:measure/skos:prefLabel ?measure } }""")
        out: dict[str, Metric] = {}
        for r in rows:
            doc = self.documents.get(r["doc"])
            if doc is None or r["m"] in out or not isinstance(r["value"], int | float):
                continue
            cv = r["cvalue"] if isinstance(r["cvalue"], int | float) else None
            out[r["m"]] = Metric(r["m"], r["la"] or doc.authority, r["doc"], self.redact(_s(r["indicator"])),
                                 float(r["value"]), _s(r["unit"]), _s(r["period"]),
                                 self.redact(_s(r["comp"])), float(cv) if cv is not None else None,
                                 _s(r["measure"]))
        return list(out.values())

    @cached_property
    def recommendations(self) -> dict[str, dict[str, list[Evidence]]]:
        """Authority -> document -> its formal recommendations (sg:recommendation) in page order, from the
        visible documents. One query for the whole store: about 3,900 on the full corpus."""
        rows = self._rows("""
            SELECT ?f ?doc ?la ?text ?page WHERE {
              ?f sg:recommendation true ; sg:text ?text ; sg:mentionedIn ?doc .
              OPTIONAL { ?f sg:about ?la }
              OPTIONAL { ?f sg:evidence/sg:page ?page } }""")
        found: dict[str, tuple[str, str, int, int, Evidence]] = {}
        for r in rows:
            doc = self.documents.get(r["doc"])
            if doc is None or r["f"] in found:
                continue
            page = r["page"] if isinstance(r["page"], int) else None
            found[r["f"]] = (r["la"] or doc.authority, r["doc"], page or 0, _finding_start(r["f"]),
                             Evidence(self.redact(" ".join(_s(r["text"]).split())), r["doc"], page))
        out: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
        for la, doc, _, _, ev in sorted(found.values(), key=lambda t: t[:4]):
            out[la][doc].append(ev)
        return {la: dict(docs) for la, docs in out.items()}

    def criticisms(self, doc: str) -> list[tuple[str, Evidence]]:
        """(polarity, evidence) of each criticism and risk of one document that is not a formal recommendation, in
        the order of the text: what the report finds wrong in its body, most of it naming no team or service."""
        rows = self._rows("""
            SELECT ?f ?polarity ?text ?page WHERE {
              ?f sg:mentionedIn ?doc ; sg:polarity ?polarity .
              FILTER(?polarity IN (sg:AreaForImprovement, sg:Risk))
              FILTER NOT EXISTS { ?f sg:recommendation true }
              ?f sg:text ?text .
              OPTIONAL { ?f sg:evidence/sg:page ?page } }""", doc=doc)
        found: dict[str, tuple[int, str, Evidence]] = {}
        for r in rows:
            if r["f"] in found:
                continue
            page = r["page"] if isinstance(r["page"], int) else None
            found[r["f"]] = (_finding_start(r["f"]), _local(r["polarity"]),
                             Evidence(self.redact(" ".join(_s(r["text"]).split())), doc, page))
        return [(polarity, ev) for _, polarity, ev in sorted(found.values(), key=lambda t: t[0])]

    # -- privacy

    @cached_property
    def person_names(self) -> list[str]:
        # The people first, then their labels (joined the other way round, every label in the store was read:
        # 1.6 s instead of 0.01 s on a full-corpus store).
        rows = self._rows("""
            SELECT DISTINCT ?label WHERE {
              { SELECT DISTINCT ?p WHERE { { ?p a sg:Person } UNION { ?p a foaf:Person }
                UNION { ?d sg:leadInspector ?p } UNION { ?post org:heldBy ?p } } }
              LATERAL { ?p rdfs:label ?label } }""")
        return sorted({_s(r["label"]) for r in rows if _s(r["label"]).strip()}, key=len, reverse=True)

    @cached_property
    def _person_pattern(self) -> re.Pattern[str] | None:
        if self.show_people:
            return None
        # E-mail addresses always: they are personal and hold names in any case ("jane.smith@...").
        alternatives = [_EMAIL.pattern]
        if self.person_names:
            parts = set(self.person_names)
            for label in self.person_names:
                names = name_parts(label)
                parts.update(n for n in names if len(n) >= 3)
                if len(names) >= 2:
                    parts.add(" ".join(names[:2]))
            parts |= {p.upper() for p in parts}  # letter headers write surnames in capitals
            names_alt = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
            alternatives.append(rf"(?<!\w)(?:{names_alt})(?!\w)")
            # A name matches only where the text has its first word as a whole word (the name starts and
            # ends at word boundaries): texts without any such word are passed without trying the pattern.
            firsts = [_WORD.match(p) for p in parts]
            self._person_words = (None if None in firsts else
                                  frozenset(m.group(0) for m in firsts if m is not None))
        return re.compile("|".join(alternatives))

    def redact(self, text: str) -> str:
        """Replace person names (full names and their parts) and e-mail addresses by "[person]" unless
        people are shown."""
        pattern = self._person_pattern
        if not pattern or not text:
            return text
        words = self._person_words
        if words is not None and "@" not in text and words.isdisjoint(_WORD.findall(text)):
            return text  # six times faster than trying the alternation of every name at every position
        return pattern.sub("[person]", text)

    # -- helpers used by views and the site

    def find_authority(self, name: str) -> Authority:
        """An authority by label, alternative label, GSS code, slug or IRI (case-insensitive)."""
        wanted = name.strip().lower()
        for a in self.authorities.values():
            names = {a.label.lower(), a.gss.lower(), a.iri.lower(), a.slug}
            if wanted in names or wanted in {x.lower() for x in a.alt_labels}:
                return a
        import difflib

        close = difflib.get_close_matches(name, [a.label for a in self.authorities.values()], n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "load the reference data (`kg reference`)"
        raise KgError(f"no local authority called {name!r} in the store", hint=hint)

    def find_concept(self, name: str) -> Concept:
        """A thesaurus concept by slug, IRI, preferred or alternative label (case-insensitive)."""
        wanted = name.strip().lower()
        for c in self.concepts.values():
            if wanted in {c.slug, c.iri.lower(), c.label.lower(), *(x.lower() for x in c.alt_labels)} \
                    or slugify(name) == c.slug:
                return c
        import difflib

        close = difflib.get_close_matches(name, [c.label for c in self.concepts.values()], n=3)
        raise KgError(f"no thesaurus concept called {name!r} in the store",
                      hint=f"did you mean {', '.join(close)}?" if close else "see `kg thesaurus`")

    def authority_label(self, iri: str | None) -> str:
        if iri in self.authorities:
            return self.authorities[iri].label
        return _local(iri)

    def authority_docs(self, authority: str) -> list[DocumentInfo]:
        return sorted((d for d in self.documents.values() if d.authority == authority), key=lambda d: d.date)

    def latest_inspection(self, authority: str) -> tuple[DocumentInfo, dict[str, str]] | None:
        """The authority's latest visible report with judgements (by inspection end date) and its grades.

        One inspection's grades are shown together: an area it left ungraded is never filled from an older
        report (an overall grade of 2023 beside area grades of 2026 would describe no inspection)."""
        judged = [d for d in self.authority_docs(authority) if self.judgements.get(d.iri)]
        if not judged:
            return None
        doc = max(judged, key=lambda d: (d.end or d.start or d.published, d.published))
        return doc, self.judgements[doc.iri]

    def concept_key(self, entity: Entity) -> str | None:
        """What makes two authorities' things 'the same practice': the thesaurus concept, else a shared
        national node itself; a discovered local thing has no key."""
        if entity.kind:
            return entity.kind
        if entity.owner is None and "/entity/national/" in entity.iri:
            return entity.iri
        return None

    @cached_property
    def by_kind(self) -> dict[str, dict[str, dict[str, set[str]]]]:
        """Concept -> authority -> entity -> visible documents (the links, indexed by sg:kind)."""
        out: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(dict))
        for la, ents in self.links.items():
            for e, docs in ents.items():
                kind = self.entities[e].kind
                if kind:
                    out[kind][la][e] = docs
        return out

    @cached_property
    def metrics_by_authority(self) -> dict[str, list[Metric]]:
        out: dict[str, list[Metric]] = defaultdict(list)
        for m in self.metrics:
            out[m.authority].append(m)
        return out

    def holdings(self, authority: str) -> dict[str, set[str]]:
        """Concept key -> entities of `authority` with that key (from visible documents)."""
        out: dict[str, set[str]] = defaultdict(set)
        for e in self.links.get(authority, {}):
            key = self.concept_key(self.entities[e])
            if key:
                out[key].add(e)
        return out

    def key_label(self, key: str) -> str:
        if key in self.concepts:
            return self.concepts[key].label
        if key in self.entities:
            return self.entities[key].label
        return _local(key)

    def key_class(self, key: str, entities: Iterable[str] = ()) -> str:
        for e in entities:
            if e in self.entities:
                return self.entities[e].cls
        c = self.concepts.get(key)
        if c and c.core in CORE_CLASSES:
            return c.core
        return self.entities[key].cls if key in self.entities else "Concept"

    def statuses_in(self, entity: Entity, docs: Iterable[str] | None = None) -> list[str]:
        """The statuses that the documents `docs` state for the entity (every visible document's when None).

        What one council's report says of a national programme ("the Frontline programme is embedded")
        is not shown against another council that uses it."""
        if docs is None:
            return sorted(entity.statuses)
        graphs = {self.documents[d].graph for d in docs if d in self.documents}
        return sorted(s for s, where in entity.status_graphs.items() if where & graphs)

    def entity_details(self, entity: Entity, evidence: Mapping[str, list[Evidence]],
                       docs: Iterable[str] | None = None) -> list[str]:
        """Tooltip lines: who runs it, its concept and status, and evidence sentences with their source.

        With `docs` (the documents of the view's authority that mention it), the status is the one those
        documents state."""
        lines = []
        if entity.owner:
            lines.append(f"Authority: {self.authority_label(entity.owner)}")
        elif "/entity/national/" in entity.iri:
            lines.append("Authority: national (shared by all authorities)")
        if entity.kind in self.concepts:
            lines.append(f"Concept: {self.concepts[entity.kind].label}")
        elif entity.discovered:
            lines.append("Discovered (not in the thesaurus)")
        statuses = self.statuses_in(entity, docs)
        if statuses:
            lines.append("Status: " + ", ".join(statuses))
        for ev in evidence.get(entity.iri, [])[:MAX_EVIDENCE]:
            lines.append(f"\u201c{ev.sentence}\u201d \u2014 {self.cite(ev)}")
        if not evidence.get(entity.iri):
            cited = sorted({self.documents[d].cite() for d in docs or () if d in self.documents})
            lines.extend(f"Mentioned in: {c}" for c in cited[:MAX_EVIDENCE])
        return lines

    def cite(self, ev: Evidence) -> str:
        doc = self.documents.get(ev.document)
        text = doc.cite() if doc else "document"
        return f"{text}, p. {ev.page}" if ev.page else text

    def authority_details(self, a: Authority) -> list[str]:
        lines = [f"Region: {a.region}" if a.region else "", f"GSS code: {a.gss}" if a.gss else ""]
        docs = self.authority_docs(a.iri)
        lines.append(f"Documents: {len(docs)}")
        latest = self.latest_inspection(a.iri)
        if latest:
            doc, grades = latest
            lines.append(f"Latest inspection: {doc.kind_label}, ended {doc.end or doc.date}")
            for area in ("OverallEffectiveness", "HelpAndProtection"):
                grade = grades.get(area)
                shown = GRADE_LABELS.get(grade, grade) if grade else ungraded_note(doc, area, grades)
                lines.append(f"{AREA_LABELS[area]}: {shown}")
        return [x for x in lines if x]


def ungraded_note(doc: DocumentInfo, area: str, grades: Mapping[str, str]) -> str:
    """Why `doc` (an inspection with `grades`) has no grade for `area`, in words for a reader."""
    if area == "OverallEffectiveness" and (doc.start or doc.end) >= FRAMEWORK_2026_START:
        return "not graded under the 2026 framework"
    if area == "CareLeavers" and "ChildrenInCare" in grades:
        return "not graded separately in this inspection (see children in care)"
    if area in FURTHER_AREAS and doc.cls != "SIFInspection":
        return "graded only by single inspection framework reports (2013-2018)"
    return "no grade for this area in this inspection"


_WORD = re.compile(r"\w+")
#: An e-mail address (redacted with the names: it is personal, and usually holds a name).
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
#: Words that come with a name in extracted person labels ("Jane Smith Team inspectors") but are not
#: part of it: never redacted on their own.
ROLE_WORDS = frozenset({
    "team", "inspector", "inspectors", "deputy", "lead", "senior", "hmi", "her", "his", "majesty",
    "majesty's", "majesty\u2019s", "director", "head", "of", "service", "services", "social", "care",
    "children", "children's", "corporate", "council", "manager", "officer", "chief", "executive", "member",
    "assistant", "principal", "interim", "acting", "the", "and", "for", "in", "regional", "early", "help",
    "virtual", "school", "people", "young",
})


def name_parts(label: str) -> list[str]:
    """The capitalised words of a person label that can be part of a name (role words dropped).

    >>> name_parts("Jane Smith-Jones Team inspectors")
    ['Jane', 'Smith-Jones']
    """
    words = re.findall(r"[A-Z][\w'\u2019-]*", label)
    return [w for w in words if w.lower() not in ROLE_WORDS][:3]


def reader_for(store: Store | GraphReader, include_restricted: bool, show_people: bool) -> GraphReader:
    if isinstance(store, GraphReader):
        if store.include_restricted != include_restricted or store.show_people != show_people:
            return GraphReader(store.store, include_restricted=include_restricted, show_people=show_people)
        return store
    return GraphReader(store, include_restricted=include_restricted, show_people=show_people)


# --------------------------------------------------------------------------------------------------
# Views


def authority_view(store: Store | GraphReader, name: str, *, include_restricted: bool = False,
                   show_people: bool = False, documents: bool = True, mentions: bool = False,
                   co_mentions: bool = True) -> ViewGraph:
    """One authority: its own services and the national things it uses, how they relate, and its
    documents (each entity's tooltip cites the documents; `mentions` also draws entity-document edges)."""
    r = reader_for(store, include_restricted, show_people)
    a = r.find_authority(name)
    if r is not store:
        r.scope_to([a.iri])
    view = ViewGraph("authority", a.label, f"{a.label}: practice in Ofsted documents")
    view.add_node(a.iri, a.label, "LocalAuthority", r.authority_details(a))
    evidence = r.evidence(a.iri)
    linked = r.links.get(a.iri, {})
    for e_iri, docs in sorted(linked.items(), key=lambda kv: r.entities[kv[0]].label.lower()):
        e = r.entities[e_iri]
        view.add_node(e_iri, e.label, e.cls, r.entity_details(e, evidence, docs))
        view.add_edge(a.iri, e_iri, "uses" if e.owner is None and "/entity/national/" in e_iri else "has")
    _add_relations(view, r, co_mentions=co_mentions)
    if documents:
        for doc in r.authority_docs(a.iri):
            grades = r.judgements.get(doc.iri, {})
            details = [doc.title] if doc.title else []
            details += [f"{AREA_LABELS[k]}: {GRADE_LABELS.get(v, v)}" for k, v in grades.items()
                        if k in AREA_LABELS]
            label = f"{doc.kind_label} {doc.date[:7]}".strip()
            view.add_node(doc.iri, label, "Document", [doc.cite(), *details])
            view.add_edge(doc.iri, a.iri, "about")
            if mentions:
                for e_iri, docs in linked.items():
                    if doc.iri in docs:
                        view.add_edge(e_iri, doc.iri, "mentionedIn")
        if show_people:
            _add_people(view, r, [d.iri for d in r.authority_docs(a.iri)])
    if not linked:
        view.notes.append("No practice found for this authority in the visible documents.")
    view.cap(MAX_NODES, keep=[a.iri])
    return view


def practice_view(store: Store | GraphReader, concept: str, *, include_restricted: bool = False,
                  show_people: bool = False) -> ViewGraph:
    """One practice concept across the authorities that have it, with how each was judged."""
    r = reader_for(store, include_restricted, show_people)
    c = r.find_concept(concept)
    view = ViewGraph("practice", c.slug, f"{c.label}: who has it")
    concept_lines = [f"Definition: {c.definition}"] if c.definition else []
    if c.alt_labels:
        concept_lines.append("Also called: " + ", ".join(c.alt_labels))
    view.add_node(c.iri, c.label, "Concept", concept_lines)
    holders = 0
    evidence = r.concept_evidence(c.iri)
    for la_iri, mine in r.by_kind.get(c.iri, {}).items():
        if la_iri not in r.authorities:
            continue
        holders += 1
        a = r.authorities[la_iri]
        first = min((r.documents[d].date for docs in mine.values() for d in docs), default="")
        view.add_node(la_iri, a.label, "LocalAuthority",
                      [*r.authority_details(a), f"First mentioned: {first}"])
        for e_iri, docs in mine.items():
            e = r.entities[e_iri]
            if e.owner is None and "/entity/national/" in e_iri:
                view.add_node(e_iri, e.label, e.cls, r.entity_details(e, evidence, docs))
                view.add_edge(la_iri, e_iri, "uses")
                view.add_edge(e_iri, c.iri, "kind")
                continue
            view.add_node(e_iri, f"{e.label} ({a.label})", e.cls, r.entity_details(e, evidence, docs))
            view.add_edge(la_iri, e_iri, "has")
            view.add_edge(e_iri, c.iri, "kind")
    _add_relations(view, r, co_mentions=False, one_hop=True)
    has = "authority has" if holders == 1 else "authorities have"
    view.notes.append(f"{holders} {has} this practice in the visible documents.")
    view.cap(MAX_NODES, keep=[c.iri])
    return view


def pair_view(store: Store | GraphReader, a_name: str, b_name: str, *, include_restricted: bool = False,
              show_people: bool = False) -> ViewGraph:
    """Two authorities side by side: practice they share in the middle, each one's own on its side."""
    r = reader_for(store, include_restricted, show_people)
    a, b = r.find_authority(a_name), r.find_authority(b_name)
    if a.iri == b.iri:
        raise KgError(f"pair view needs two different authorities (got {a.label} twice)")
    if r is not store:
        r.scope_to([a.iri, b.iri])
    view = ViewGraph("pair", f"{a.label}-{b.label}", f"{a.label} and {b.label}: shared and own practice",
                     directed=False)
    view.add_node(a.iri, a.label, "LocalAuthority", r.authority_details(a)).side = "a"
    view.add_node(b.iri, b.label, "LocalAuthority", r.authority_details(b)).side = "b"
    held = {a.iri: r.holdings(a.iri), b.iri: r.holdings(b.iri)}
    ev = {a.iri: r.evidence(a.iri), b.iri: r.evidence(b.iri)}
    own: dict[str, list[str]] = {"a": [], "b": [], "shared": []}
    for key in sorted(set(held[a.iri]) | set(held[b.iri]), key=lambda k: r.key_label(k).lower()):
        sides = [x for x in (a, b) if key in held[x.iri]]
        side = "shared" if len(sides) == 2 else ("a" if sides[0] is a else "b")
        lines = ["Shared by both" if side == "shared" else f"Only {sides[0].label}"]
        for x in sides:
            for e in sorted(held[x.iri][key]):
                first = ev[x.iri].get(e, [])[:1]
                lines.extend(f"{x.label}: \u201c{f.sentence}\u201d \u2014 {r.cite(f)}" for f in first)
        node = view.add_node(key, r.key_label(key), r.key_class(key, held[sides[0].iri][key]), lines)
        node.side = side
        own[side].append(key)
        for x in sides:
            view.add_edge(x.iri, key, "has", weight=1.0)
    # Own discovered things (no concept) stay on their side, unshared by definition.
    for x, side in ((a, "a"), (b, "b")):
        for e_iri in r.links.get(x.iri, {}):
            e = r.entities[e_iri]
            if r.concept_key(e) is None:
                lines = [f"Only {x.label}", *r.entity_details(e, ev[x.iri])]
                view.add_node(e_iri, e.label, e.cls, lines).side = side
                own[side].append(e_iri)
                view.add_edge(x.iri, e_iri, "has")
    _place_columns(view, a.iri, b.iri, own)
    view.notes.append(f"Shared: {len(own['shared'])}; only {a.label}: {len(own['a'])}; "
                      f"only {b.label}: {len(own['b'])}.")
    view.cap(MAX_NODES, keep=[a.iri, b.iri])
    return view


def neighbours_view(store: Store | GraphReader, name: str, *, include_restricted: bool = False,
                    show_people: bool = False, min_neighbours: int = 2) -> ViewGraph:
    """An authority with its statistical neighbours and the practice they hold; practice that at least
    `min_neighbours` neighbours have and the authority lacks is outlined in red (a suggestion)."""
    r = reader_for(store, include_restricted, show_people)
    a = r.find_authority(name)
    group = [a.iri, *[n for n in r.neighbours.get(a.iri, []) if n in r.authorities]]
    if r is not store:
        r.scope_to(group)
    view = ViewGraph("neighbours", a.label, f"{a.label} and its statistical neighbours", directed=False)
    for la in group:
        view.add_node(la, r.authorities[la].label, "LocalAuthority", r.authority_details(r.authorities[la]))
        if la != a.iri:
            view.add_edge(a.iri, la, "statisticalNeighbour")
    held = {la: r.holdings(la) for la in group}
    counts: Counter[str] = Counter(k for la in group[1:] for k in held[la])
    for key in sorted({k for la in group for k in held[la]}, key=lambda k: r.key_label(k).lower()):
        holders = [la for la in group if key in held[la]]
        mine = key in held[a.iri]
        if not mine and counts[key] < min_neighbours:
            continue
        names = ", ".join(r.authorities[la].label for la in holders)
        lines = [f"Held by: {names}"]
        suggested = not mine and counts[key] >= min_neighbours
        if suggested:
            lines.insert(0, f"Suggestion for {a.label}: {counts[key]} neighbours have this; "
                            f"{a.label} does not")
        node = view.add_node(key, r.key_label(key), r.key_class(key, held[holders[0]][key]), lines)
        node.suggested = suggested
        for la in holders:
            view.add_edge(la, key, "has")
    if len(group) == 1:
        view.notes.append("No statistical neighbours recorded for this authority.")
    view.notes.append("Red outline: practice that at least "
                      f"{min_neighbours} neighbours have and {a.label} does not.")
    view.cap(MAX_NODES, keep=group)
    return view


def overview_view(store: Store | GraphReader, max_nodes: int = MAX_NODES, *, include_restricted: bool = False,
                  show_people: bool = False) -> ViewGraph:
    """The whole graph aggregated: authorities and practice concepts, edge weight = number of documents,
    capped at `max_nodes` (the most widespread concepts are kept)."""
    r = reader_for(store, include_restricted, show_people)
    view = ViewGraph("overview", "all", "Overview: authorities and the practice they hold", directed=False,
                     edge_opacity=0.3)
    weights: dict[tuple[str, str], int] = {}
    for la, ents in r.links.items():
        if la not in r.authorities:
            continue
        per_key: dict[str, set[str]] = defaultdict(set)
        for e, docs in ents.items():
            key = r.concept_key(r.entities[e])
            if key:
                per_key[key] |= docs
        for key, docs in per_key.items():
            weights[(la, key)] = len(docs)
    spread: Counter[str] = Counter(k for (_, k) in weights)
    authorities = sorted({la for (la, _) in weights}, key=lambda i: r.authorities[i].label.lower())
    room = max(0, max_nodes - len(authorities))
    if len(authorities) > max_nodes:
        authorities = authorities[:max_nodes]
        room = 0
    keys = [k for k, _ in sorted(spread.items(), key=lambda kv: (-kv[1], r.key_label(kv[0]).lower()))]
    if len(keys) > room:
        view.notes.append(f"Showing the {room} most widespread of {len(keys)} practice concepts.")
        keys = keys[:room]
    for la in authorities:
        view.add_node(la, r.authorities[la].label, "LocalAuthority", r.authority_details(r.authorities[la]))
    for key in keys:
        view.add_node(key, r.key_label(key), r.key_class(key), [f"Authorities: {spread[key]}"])
    for (la, key), w in sorted(weights.items()):
        view.add_edge(la, key, "has", weight=float(w), details=[f"{w} document(s)"])
    return view


def _add_relations(view: ViewGraph, r: GraphReader, *, co_mentions: bool, one_hop: bool = False) -> None:
    """Typed relations between nodes of the view (or 1 hop out of it), co-mentions capped by weight."""
    inside = set(view.nodes)
    co: list[tuple[int, str, str]] = []
    for s, p, o, n in r.relations:
        if p == "coMentionedWith":
            if co_mentions and s in inside and o in inside:
                co.append((n, s, o))
            continue
        if s in inside and o in inside:
            view.add_edge(s, o, p, weight=float(max(n, 1)))
        elif one_hop and (s in inside or o in inside):
            other = o if s in inside else s
            e = r.entities[other]
            view.add_node(other, e.label, e.cls, r.entity_details(e, {}))
            view.add_edge(s, o, p, weight=float(max(n, 1)))
    limit = max(50, 2 * len(view.nodes))
    for n, s, o in sorted(co, reverse=True)[:limit]:
        view.add_edge(s, o, "coMentionedWith", weight=float(max(n, 1)))


def _add_people(view: ViewGraph, r: GraphReader, docs: list[str]) -> None:
    rows = r.store.query("SELECT ?doc ?p ?label WHERE { ?doc sg:leadInspector ?p . "
                         "?p rdfs:label ?label }").dicts()
    for row in rows:
        if row["doc"] in docs and row["doc"] in view.nodes:
            view.add_node(row["p"], _s(row["label"]), "Person", ["Lead inspector"])
            view.add_edge(row["doc"], row["p"], "leadInspector")


def _place_columns(view: ViewGraph, a: str, b: str, columns: dict[str, list[str]]) -> None:
    """Fixed side-by-side layout for the pair view: A's own | A | shared | B | B's own (tall columns)."""
    dx, dy = 240.0, 70.0

    def ncols(keys: list[str]) -> int:
        return max(1, math.ceil(len(keys) / 12))

    half_shared = (ncols(columns["shared"]) - 1) * dx / 2
    ax, bx = -(half_shared + 260.0), half_shared + 260.0
    view.nodes[a].x, view.nodes[a].y = ax, 0.0
    view.nodes[b].x, view.nodes[b].y = bx, 0.0
    for side, keys in columns.items():
        cols = ncols(keys)
        rows = math.ceil(len(keys) / cols) if keys else 0
        for i, key in enumerate(keys):
            col, row = i // rows, i % rows
            node = view.nodes.get(key)
            if node is None:
                continue
            if side == "shared":
                node.x = -half_shared + col * dx
            elif side == "a":
                node.x = ax - 260.0 - col * dx
            else:
                node.x = bx + 260.0 + col * dx
            node.y = (row - (rows - 1) / 2) * dy


# --------------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True, slots=True)
class RenderReport:
    path: Path
    nodes: int
    edges: int
    bytes: int
    seconds: float
    physics: bool


def script_json(data: Any) -> str:
    """JSON safe inside a <script> element: '<', '>', '&' and the JS line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def vis_js() -> str:
    """The vis-network 9.1.2 standalone script pyvis ships (its source-map comment removed)."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / VIS_JS_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KgError(f"{path}: cannot read the vis-network script shipped with pyvis ({err})",
                      hint="reinstall pyvis 0.3.2") from err
    text = re.sub(r"//# sourceMappingURL=\S*", "", text)
    if "</script" in text.lower():
        raise KgError(f"{path}: the vis-network script cannot be inlined safely")
    return text


def write_vis_js(directory: Path) -> Path:
    """Write the shared copy of the vis-network script once, beside the pages of a site."""
    target = directory / VIS_JS_NAME
    atomic_write(target, vis_js())
    return target


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(view: ViewGraph, *, vis_js_href: str | None = None, links: Iterable[tuple[str, str]] = (),
                stylesheet_href: str | None = None) -> str:
    """The page of a view. The vis-network script is inlined unless `vis_js_href` (relative) is given."""
    from markupsafe import Markup

    if len(view.nodes) > POSITION_THRESHOLD and any(n.x is None for n in view.nodes.values()):
        layout_positions(view)
    nodes, edges = view.to_vis()
    data = {"nodes": nodes, "edges": edges, "options": vis_options(view)}
    legend = [{"cls": c, "label": CLASS_STYLES[c].label, "color": CLASS_STYLES[c].color,
               "shape": CLASS_STYLES[c].shape, "count": sum(1 for n in view.nodes.values() if n.cls == c)}
              for c in view.classes()]
    edge_legend = [{"label": EDGE_STYLES[r].label, "color": EDGE_STYLES[r].color,
                    "dash": " ".join(map(str, EDGE_STYLES[r].dashes)) if EDGE_STYLES[r].dashes else ""}
                   for r in view.relations()]
    options = sorted(((n["id"], n["fullLabel"], CLASS_STYLES[n["cls"]].label) for n in nodes),
                     key=lambda t: t[1].lower())
    template = _environment().get_template("graph.html.j2")
    return with_csp(template.render(
        title=view.title, notes=view.notes, legend=legend, edge_legend=edge_legend, options=options,
        node_count=len(nodes), edge_count=len(edges), physics=data["options"]["physics"]["enabled"],
        data_json=Markup(script_json(data)), vis_js=None if vis_js_href else Markup(vis_js()),
        vis_js_href=vis_js_href, links=list(links), stylesheet_href=stylesheet_href,
        suggestions=any(n.suggested for n in view.nodes.values()),
    ))


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
CSP_PLACEHOLDER = "__KG_CSP__"


def with_csp(html: str) -> str:
    """Fill the page's Content-Security-Policy: only our own inline scripts (by hash) and same-folder
    files may run, and nothing may be fetched from anywhere else."""
    digests = {hashlib.sha256(m.group(1).encode("utf-8")).digest() for m in _INLINE_SCRIPT.finditer(html)}
    hashes = sorted(f"'sha256-{base64.b64encode(d).decode()}'" for d in digests)
    # `file:` beside 'self': browsers differ on whether 'self' covers a neighbouring file:// script.
    csp = ("default-src 'none'; script-src 'self' file: " + " ".join(hashes) + "; "
           "style-src 'self' file: 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; "
           "font-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'")
    return html.replace(CSP_PLACEHOLDER, csp, 1)


def render_view(view: ViewGraph, path: str | Path, *, vis_js_href: str | None = None,
                links: Iterable[tuple[str, str]] = (), stylesheet_href: str | None = None) -> RenderReport:
    """Write the view's page to `path` (atomically; an existing symlink is refused)."""
    start = time.perf_counter()
    html = render_html(view, vis_js_href=vis_js_href, links=links, stylesheet_href=stylesheet_href)
    target = Path(path)
    atomic_write(target, html)
    seconds = time.perf_counter() - start
    physics = not all(n.x is not None for n in view.nodes.values()) if view.nodes else True
    log.info("wrote %s: %d nodes, %d edges, %d bytes in %.2f s", target, len(view.nodes), len(view.edges),
             len(html.encode()), seconds)
    return RenderReport(target, len(view.nodes), len(view.edges), len(html.encode()), seconds, physics)


def output_path(directory: str | Path, name: str, suffix: str = ".html") -> Path:
    """A file inside `directory` named from `name` (slugified, so it can never leave the folder)."""
    base = Path(directory)
    target = base / f"{slugify(name)}{suffix}"
    if target.resolve().parent != base.resolve():
        raise KgError(f"{name!r}: output name would leave {base}")
    return target


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and os.replace, so a crash never leaves half a page."""
    if path.is_symlink():
        raise KgError(f"{path}: refusing to write through a symbolic link",
                      hint="remove the link or choose another file")
    if path.exists() and path.is_dir():
        raise KgError(f"{path}: is a directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
