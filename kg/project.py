"""The networkx projection of the store: the graph that analysis, comparison and Gephi read.

The store is read with a few SPARQL SELECTs (never copied into one big rdflib graph: PERF-NOTES puts that at
~1 min and 2.5 GB for the corpus). Each query returns one narrow table, de-duplicated in a DISTINCT subquery
first (the union default graph repeats a shared entity's triples once per mentioning document), and the
tables are joined in Python. Most of a whole-corpus read is pyoxigraph turning stored IRIs back into text and
Python building rows, so the big tables come grouped, one row per document or value with the entities as one
GROUP_CONCAT text, and independent SELECTs run side by side on an embedded store (`select_many`: pyoxigraph
releases the GIL). `load_practice` is that read; `project_store` and `authority_practice_graph` build graphs
from it, and `kg.analyse`/`kg.compare` reuse it.

Graph vocabulary (node attribute `type`, edge key and attribute `relation`):

- nodes: `authority` (label, gss, region), `entity` (label, class, kind, discovered, scope, owner,
  documents), `concept` (label, class, scope). Node ids are IRIs.
- edges of `project_store` (a MultiDiGraph, one edge per (u, v, relation)):
  `has` authority -> its own entity (sg:operatedBy, which the sg:has shortcut mirrors); `uses` authority ->
  national entity named in a document about it, or a partner of its area (sg:localTo; what the sg:uses shortcut
  says); `kind` entity -> concept
  (sg:kind); `broader` concept -> concept; `worksWith`, `fundedBy`, `partOf`, `establishedThrough`,
  `implements`, `uses`, `replaces` entity -> entity from sg:Relation nodes (count = relation nodes,
  documents = distinct documents); `statisticalNeighbour` authority -> authority; `coMentionedWith`
  entity -> entity (stored once, u < v), with sentences = distinct sentences naming both (a sentence is the
  sg:sentence of their mentions within one document), documents = documents naming both, and
  weight = SENTENCE_WEIGHT (1.0) x sentences + DOCUMENT_WEIGHT (0.2) x documents: two entities in one
  sentence of one report weigh 1.2, two entities only in the same report 0.2.
  Every edge has a numeric `weight` (1.0 for typed edges) so Gephi and networkx can use it directly.

Example:
    >>> from kg.store import open_store
    >>> G = project_store(open_store(":memory:"))
    >>> G.number_of_nodes()
    0
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.errors import KgError
from kg.identifiers import ID, SG, SGT, slugify
from kg.ntriples import iri as n3
from kg.store import EmbeddedStore, Store, literal, uri

if TYPE_CHECKING:
    import networkx as nx

log = logging.getLogger(__name__)

#: The core entity classes of the SPEC (an entity's type is one of these or an rdfs:subClassOf* of one).
CORE_CLASSES = ("Team", "Programme", "PracticeModel", "Partner", "Tool", "Forum", "Role", "Policy")
#: Typed relation predicates projected as edges (sg:coMentionedWith is replaced by our own co-mention edges).
RELATION_PREDICATES = (
    "worksWith",
    "fundedBy",
    "partOf",
    "establishedThrough",
    "implements",
    "uses",
    "replaces",
)
#: Document classes, most specific first (a document typed with several gets the first listed).
DOCUMENT_TYPES = (
    "EngagementLetter",
    "StandardInspection",
    "ShortInspection",
    "FocusedVisit",
    "MonitoringVisit",
    "JointTargetedAreaInspection",
    "SIFInspection",
    "LookedAfterChildrenInspection",
    "Document",
)
#: Co-mention weights: each distinct sentence naming both entities, and each document naming both.
SENTENCE_WEIGHT = 1.0
DOCUMENT_WEIGHT = 0.2
#: Key prefix of a practice that is a discovered label rather than a thesaurus concept.
DISCOVERED = "discovered:"
RESTRICTED = SG + "Restricted"


# --------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class AuthorityInfo:
    iri: str
    label: str
    gss: str = ""
    region: str = ""
    region_label: str = ""
    neighbours: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    iri: str
    authorities: tuple[str, ...]
    doc_type: str
    date: str  # ISO date (periodStart, else periodEnd, else publicationDate), "" when unknown
    title: str = ""
    source: str = ""
    restricted: bool = False

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date or "9999", self.iri)


@dataclass(slots=True)
class EntityInfo:
    iri: str
    label: str = ""
    core_class: str = ""
    kind: str | None = None
    discovered: bool = False
    owner: str | None = None  # the authority operating a local thing, or a local partner's; None if national
    documents: set[str] = field(default_factory=set)

    @property
    def scope(self) -> str:
        return "local" if self.owner else "national"

    @property
    def practice(self) -> str:
        """The practice this entity is an instance of: its concept, or its discovered label."""
        if self.kind:
            return self.kind
        return DISCOVERED + slugify(self.label or self.iri.rsplit("/", 1)[-1].removeprefix("x-"))


@dataclass(frozen=True, slots=True)
class ConceptInfo:
    iri: str
    label: str
    core_class: str = ""
    scope: str = ""
    broader: tuple[str, ...] = ()
    statutory: bool = False  # every authority has one (sg:statutory): never a gap in a comparison


@dataclass(slots=True)
class PracticeLink:
    """One authority having one practice: the entities that carry it and the documents saying so."""

    authority: str
    practice: str
    entities: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    first_date: str = ""

    @property
    def first_year(self) -> int | None:
        return int(self.first_date[:4]) if self.first_date[:4].isdigit() else None


@dataclass
class PracticeData:
    """What the store says about authorities, their documents and their practice (one read, many uses).

    `documents` and the entities' `documents` hold only the documents kept (restricted ones are dropped when
    `include_restricted` is False), so everything derived from them leaves out facts only those support.
    """

    authorities: dict[str, AuthorityInfo]
    documents: dict[str, DocumentInfo]
    entities: dict[str, EntityInfo]
    concepts: dict[str, ConceptInfo]
    holdings: dict[str, set[str]]  # authority -> entities it has (local) or uses (national)
    include_restricted: bool = True
    scope: tuple[str, ...] | None = None  # the authorities the read was limited to (None: all)
    _links: dict[tuple[str, bool, bool], dict[str, PracticeLink]] = field(default_factory=dict, repr=False)
    _index: dict[str, tuple[str, str]] | None = field(default=None, repr=False)
    _about: dict[str, set[str]] | None = field(default=None, repr=False)
    _practice: dict[str, str] = field(default_factory=dict, repr=False)
    _sets: dict[str, set[str]] | None = field(default=None, repr=False)  # practice_sets() with the defaults
    _places: frozenset[str] | None = field(default=None, repr=False)  # the authorities' names, slugified

    def authority_label(self, iri: str) -> str:
        info = self.authorities.get(iri)
        return info.label if info else iri.rsplit("/", 1)[-1]

    def practice_of(self, ent: EntityInfo) -> str:
        """`ent.practice`, worked out once per entity (a discovered label is slugified at each call)."""
        key = self._practice.get(ent.iri)
        if key is None:
            key = self._practice[ent.iri] = ent.practice
        return key

    def _practice_index(self) -> dict[str, tuple[str, str]]:
        """Practice key -> (label, class) from the entities (discovered labels, unlabelled concepts)."""
        if self._index is None:
            labels: dict[str, set[str]] = defaultdict(set)
            classes: dict[str, set[str]] = defaultdict(set)
            for ent in self.entities.values():
                if ent.label:
                    labels[self.practice_of(ent)].add(ent.label)
                if ent.core_class:
                    classes[self.practice_of(ent)].add(ent.core_class)
            self._index = {
                k: (min(labels[k]) if labels[k] else "", min(classes[k]) if classes[k] else "")
                for k in labels.keys() | classes.keys()
            }
        return self._index

    def practice_label(self, key: str) -> str:
        concept = self.concepts.get(key)
        if concept and concept.label:
            return concept.label
        label = self._practice_index().get(key, ("", ""))[0]
        return label or key.removeprefix(DISCOVERED).removeprefix(SGT)

    def practice_class(self, key: str) -> str:
        concept = self.concepts.get(key)
        if concept and concept.core_class:
            return concept.core_class
        return self._practice_index().get(key, ("", ""))[1]

    def practice_scope(self, key: str) -> str:
        concept = self.concepts.get(key)
        if concept and concept.scope:
            return concept.scope
        return "discovered" if key.startswith(DISCOVERED) else "local"

    def ancestors(self, key: str) -> set[str]:
        """The concepts broader than a practice, all the way up ("family hub" -> "early help service")."""
        out: set[str] = set()
        todo = list(self.concepts[key].broader) if key in self.concepts else []
        while todo:
            k = todo.pop()
            if k not in out:
                out.add(k)
                todo.extend(self.concepts[k].broader if k in self.concepts else ())
        return out

    def broader_than(self, keys: Iterable[str]) -> set[str]:
        """Every concept broader than one of `keys` (what an authority has under a narrower name)."""
        return set().union(*(self.ancestors(k) for k in keys))

    def worth_suggesting(self, key: str, held_broader: set[str]) -> bool:
        """Whether a practice others have is worth suggesting to an authority: not a national body or statute
        (every authority deals with Cafcass and works under the Public Law Outline, named or not), not a statutory
        service or post (sg:statutory: a report that does not name the virtual school says nothing of its absence;
        practitioner checks were told a council lacked its fostering service, virtual school and LADO), and not a
        broader kind of what it already has under a narrower name (`held_broader`, from `broader_than` of what it
        holds: its family hubs are early help)."""
        if self.national_framework(key):
            return False
        concept = self.concepts.get(key)
        if concept is not None and concept.statutory:
            return False  # a virtual school, a designated officer: every authority has one, named or not
        if key.startswith(DISCOVERED) and self._named_after_an_authority(key):
            return False  # "Calderdale Therapeutic Services": another council's own service, not a practice to adopt
        return key not in held_broader

    def _named_after_an_authority(self, key: str) -> bool:
        """Whether a discovered practice's name holds an authority's name (a practitioner check was told to adopt
        a neighbour's branded service)."""
        if self._places is None:
            self._places = frozenset(slugify(a.label) for a in self.authorities.values() if a.label)
        slug = f"-{key.removeprefix(DISCOVERED)}-"
        return any(f"-{place}-" in slug for place in self._places)

    def national_framework(self, key: str) -> bool:
        """A national body or statute (Cafcass, the Children Act 1989): every authority works with or under it,
        named in its report or not, so not having it named is no gap."""
        # (a national post is the government's intervention, "DfE improvement adviser": no practice to adopt)
        return self.practice_scope(key) == "national" and self.practice_class(key) in {"Partner", "Policy", "Role"}

    def _documents_about(self) -> dict[str, set[str]]:
        """Authority -> the kept documents about it (built once)."""
        if self._about is None:
            about: dict[str, set[str]] = defaultdict(set)
            for d, info in self.documents.items():
                for la in info.authorities:
                    about[la].add(d)
            self._about = dict(about)
        return self._about

    def documents_of(self, authority: str) -> list[DocumentInfo]:
        """The kept documents about an authority, oldest first."""
        return sorted(
            (d for d in self.documents.values() if authority in d.authorities), key=lambda d: d.sort_key
        )

    def links(
        self, authority: str, *, include_national: bool = True, include_discovered: bool = True
    ) -> dict[str, PracticeLink]:
        """The authority's practice: practice key -> the entities and kept documents that evidence it.

        A holding counts only with at least one kept document about the authority mentioning the entity.
        """
        cache_key = (authority, include_national, include_discovered)
        cached = self._links.get(cache_key)
        if cached is not None:
            return cached
        out: dict[str, PracticeLink] = {}
        own_docs = self._documents_about().get(authority, set())
        for e_iri in sorted(self.holdings.get(authority, ())):  # sorted: graphs built in a stable order
            ent = self.entities.get(e_iri)
            if ent is None or (ent.owner is None and not include_national):
                continue
            if not ent.kind and not include_discovered:
                continue
            docs = ent.documents & own_docs
            if not docs:
                continue
            key = self.practice_of(ent)
            link = out.get(key) or out.setdefault(key, PracticeLink(authority, key))
            link.entities.add(e_iri)
            link.documents |= docs
        for link in out.values():
            link.first_date = min(
                (self.documents[d].date for d in link.documents if self.documents[d].date), default=""
            )
        self._links[cache_key] = out
        return out

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data that `from_json` turns back into an equal PracticeData; what `load_practice_cached`
        keeps on disk. Documents, entities and practice keys are written once and referred to by position
        (a whole corpus: 8 MB with every IRI spelled out, 3 MB like this, and twice as fast to load)."""
        doc_pos = {d: i for i, d in enumerate(self.documents)}
        ent_pos = {e: i for i, e in enumerate(self.entities)}
        names = sorted({n for e in self.entities.values() for n in (e.kind, e.owner) if n})
        name_pos = {n: i for i, n in enumerate(names)}
        sets = self.practice_sets()
        keys = sorted(set().union(*sets.values())) if sets else []
        key_pos = {k: i for i, k in enumerate(keys)}
        return {
            "authorities": [[a.iri, a.label, a.gss, a.region, a.region_label, list(a.neighbours)]
                            for a in self.authorities.values()],
            "documents": [[d.iri, list(d.authorities), d.doc_type, d.date, d.title, d.source, d.restricted]
                          for d in self.documents.values()],
            "names": names,  # kinds and owners, by position
            "entities": [[e.iri, e.label, e.core_class, name_pos.get(e.kind), e.discovered, name_pos.get(e.owner),
                          sorted(doc_pos[d] for d in e.documents)] for e in self.entities.values()],
            "concepts": [[c.iri, c.label, c.core_class, c.scope, list(c.broader), c.statutory]
                         for c in self.concepts.values()],
            "holdings": {la: sorted(ent_pos[e] for e in es if e in ent_pos) + sorted(e for e in es if e not in ent_pos)
                         for la, es in self.holdings.items()},
            "include_restricted": self.include_restricted,
            "scope": list(self.scope) if self.scope is not None else None,
            "practice_keys": keys,
            "practice_sets": {la: sorted(key_pos[k] for k in ks) for la, ks in sets.items()},
            "practice_index": {k: list(v) for k, v in self._practice_index().items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PracticeData:
        docs = [d[0] for d in data["documents"]]
        ents = [e[0] for e in data["entities"]]
        names = data["names"]
        keys = data["practice_keys"]
        return cls(
            authorities={a[0]: AuthorityInfo(*a[:5], tuple(a[5])) for a in data["authorities"]},
            documents={d[0]: DocumentInfo(d[0], tuple(d[1]), *d[2:]) for d in data["documents"]},
            entities={
                e[0]: EntityInfo(e[0], e[1], e[2], None if e[3] is None else names[e[3]], e[4],
                                 None if e[5] is None else names[e[5]], {docs[i] for i in e[6]})
                for e in data["entities"]
            },
            concepts={c[0]: ConceptInfo(*c[:4], tuple(c[4]), bool(c[5]) if len(c) > 5 else False)
                      for c in data["concepts"]},
            # An entity held but not read (no kept document mentions it) is written by its IRI.
            holdings={la: {ents[e] if isinstance(e, int) else e for e in es} for la, es in data["holdings"].items()},
            include_restricted=data["include_restricted"],
            scope=tuple(data["scope"]) if data["scope"] is not None else None,
            _sets={la: {keys[i] for i in ks} for la, ks in data["practice_sets"].items()},
            _index={k: (v[0], v[1]) for k, v in data["practice_index"].items()},
        )

    def practice_sets(
        self, *, include_national: bool = True, include_discovered: bool = True
    ) -> dict[str, set[str]]:
        """Authority -> its set of practice keys (authorities with none left out)."""
        default = include_national and include_discovered
        if default and self._sets is not None:
            return {la: set(keys) for la, keys in self._sets.items()}
        sets = {}
        for la in sorted(self.holdings):
            keys = set(
                self.links(la, include_national=include_national, include_discovered=include_discovered)
            )
            if keys:
                sets[la] = keys
        if default:
            self._sets = {la: set(keys) for la, keys in sets.items()}
        return sets


# ------------------------------------------------------------------------------------------- querying


def _values(var: str, iris: Iterable[str] | None) -> str:
    """A VALUES block binding ?var to IRIs ("" when iris is None: no restriction)."""
    if iris is None:
        return ""
    return f"VALUES ?{var} {{ {' '.join(n3(i) for i in iris)} }}\n"


def select_rows(store: Store, sparql: str, **bindings: Any) -> list[list[Any]]:
    """Rows of plain values (IRIs and strings as str, numbers as numbers, booleans as bool, unbound None)."""
    res = store.query(sparql, bindings=bindings or None)
    return [[None if t is None else t.python() if t.datatype else t.value for t in row] for row in res.rows]


def _local(iri: str | None) -> str:
    if not iri:
        return ""
    return re.split(r"[#/]", iri)[-1]


def select_many(store: Store, queries: Sequence[str], *, parallel: bool = True) -> list[list[list[Any]]]:
    """`select_rows` of several independent queries, in order; side by side on an embedded store.

    pyoxigraph releases the GIL while it evaluates and decodes, so on two cores two reads take little more
    than the longer one. A remote store gets them one after the other (its HTTP session is not shared), and
    so do small reads (`parallel=False`), for which the threads cost more than they save.
    """
    workers = min(len(queries), os.cpu_count() or 1, 4) if parallel else 1
    if workers < 2 or not isinstance(store, EmbeddedStore):
        return [select_rows(store, q) for q in queries]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(partial(select_rows, store), queries))


def _split(text: Any) -> list[str]:
    """The IRIs of a GROUP_CONCAT(COALESCE(STR(?e), ""); separator=" ") value (IRIs hold no spaces; a blank
    node, which STR refuses, leaves an empty item, dropped here)."""
    return [item for item in str(text).split(" ") if item] if text else []


def _concept_query(subjects: str) -> str:
    """Label, class, scope and broader concepts of the concepts `subjects` binds to ?c."""
    return f"""
        SELECT ?c ?label (LANG(?label) AS ?lang) ?cls ?scope ?broader ?statutory WHERE {{
          {subjects}
          OPTIONAL {{ ?c skos:prefLabel ?label }}
          OPTIONAL {{ ?c sg:coreClass ?cls }}
          OPTIONAL {{ ?c sg:scope ?scope }}
          OPTIONAL {{ ?c skos:broader ?broader }}
          OPTIONAL {{ ?c sg:statutory ?statutory }}
        }}"""


def _mention_query(doc_values: str) -> str:
    """(document, its entities as one text): the things with a kind, or discovered, each document mentions."""
    return f"""
        SELECT ?doc (GROUP_CONCAT(COALESCE(STR(?e), ""); separator=" ") AS ?es) WHERE {{
          {doc_values}
          {{ SELECT DISTINCT ?e WHERE {{ {{ ?e sg:kind ?k }} UNION {{ ?e sg:discovered true }} }} }}
          ?e sg:mentionedIn ?doc .
        }} GROUP BY ?doc"""


def _facts_query(subjects: str, branches: Sequence[tuple[str, str]]) -> str:
    """Rows (fact name, value ?o, the distinct entities ?e with it as one text) for (name, pattern) branches.

    Turning a stored IRI back into text is most of the cost of the whole-corpus reads, so the entities come
    as one space-separated GROUP_CONCAT per value: each is decoded once per fact, and Python handles hundreds
    of rows instead of tens of thousands. `subjects` is "" (every subject), a VALUES block or a DISTINCT
    subquery binding ?e; each branch is one triple pattern, so that a planner looks each entity's facts up
    rather than joining with every rdf:type or rdfs:label triple in the store.
    """
    union = "\n UNION ".join(f'{{ {pattern} BIND("{name}" AS ?p) }}' for name, pattern in branches)
    return f"""
        SELECT ?p ?o (GROUP_CONCAT(COALESCE(STR(?e), ""); separator=" ") AS ?es) WHERE {{
          {{ SELECT DISTINCT ?p ?e ?o WHERE {{ {subjects} {union} }} }}
        }} GROUP BY ?p ?o"""


#: What is read about the entities (each from a DISTINCT subquery: a shared entity's triples repeat once per
#: mentioning document's graph): kind and owner of all; the owner, classes and labels of discovered ones (an
#: entity counts as discovered with at least one of them); with `labels` the classes and labels of all
#: (thesaurus entities otherwise take both from their concept).
_KIND_FACTS = (("kind", "?e sg:kind ?o"),)
# (A local partner's authority, sg:localTo, is its owner here too; two branches, each one triple pattern.)
_OWNER_FACTS = (("operatedBy", "?e sg:operatedBy ?o"), ("operatedBy", "?e sg:localTo ?o"))
_LABEL_FACTS = (("type", "?e rdf:type ?o"), ("label", "?e rdfs:label ?o"))
_DISCOVERED_AS = {"operatedBy": "discoveredOwner", "type": "discoveredType", "label": "discoveredLabel"}


def _entity_fact_queries(ev: str, *, labels: bool) -> list[str]:
    """The `_facts_query`s for the entities of a VALUES block `ev` ("" for the whole store)."""
    if ev:
        # One query, so that the block (which can be long) is parsed once: which entities are discovered,
        # and with `labels` the classes and labels of all (`_scoped_facts` keeps what is needed).
        marker = ("discovered", "?e sg:discovered true BIND(true AS ?o)")
        return [_facts_query(ev, [*_KIND_FACTS, *_OWNER_FACTS, marker, *(_LABEL_FACTS if labels else ())])]
    discovered = [(_DISCOVERED_AS[name], pattern) for name, pattern in (*_OWNER_FACTS, *_LABEL_FACTS)]
    marked = "{ SELECT DISTINCT ?e WHERE { ?e sg:discovered true } }"
    queries = [
        _facts_query("", _KIND_FACTS),
        _facts_query("", _OWNER_FACTS),
        # The discovered entities' labels apart from their owners and classes: the two halves of what was the
        # longest read run side by side (`select_many`), 1.48 -> 1.20 s median for the whole-store read.
        _facts_query(marked, [d for d in discovered if d[0] == "discoveredLabel"]),
        _facts_query(marked, [d for d in discovered if d[0] != "discoveredLabel"]),
    ]
    if labels:
        queries.append(_facts_query("{ SELECT DISTINCT ?e WHERE { ?e sg:kind ?k } }", _LABEL_FACTS))
    return queries


def _scoped_facts(
    store: Store, facts: dict[str, list[tuple[Any, list[str]]]], entities: Iterable[str], *, labels: bool
) -> None:
    """Turn the facts of a scoped read into those of a whole-store one: the discovered entities' owners,
    classes and labels (without `labels`, the classes and labels are read here, for those entities only)."""
    marked = {e for _, es in facts.pop("discovered", []) for e in es}
    if not labels:
        marked &= set(entities)
        if marked:
            for name, o, es in select_rows(store, _facts_query(_values("e", sorted(marked)), _LABEL_FACTS)):
                facts[name].append((o, _split(es)))
    for name, as_name in _DISCOVERED_AS.items():
        kept = [(o, [e for e in es if e in marked]) for o, es in facts.get(name, [])]
        facts[as_name] = [(o, es) for o, es in kept if es]
    if not labels:
        facts.pop("type", None)
        facts.pop("label", None)


_CLASS_MAP_QUERY = (
    "SELECT DISTINCT ?sub ?core WHERE { "
    + _values("core", [SG + c for c in CORE_CLASSES])
    + " ?sub rdfs:subClassOf+ ?core }"
)


def _class_map(rows: Iterable[Sequence[Any]]) -> dict[str, str]:
    """Entity class IRI -> its core class name (the core classes and, from `_CLASS_MAP_QUERY`'s rows, their
    subclasses in the ontology)."""
    cores = {SG + c: c for c in CORE_CLASSES}
    mapping = dict(cores)
    for sub, core in rows:
        if sub and sub not in cores:
            mapping.setdefault(sub, cores[core])
    return mapping


def resolve_authority(store: Store, name: str) -> tuple[str, str]:
    """An authority's (IRI, label) from its name, alternative name, GSS code or IRI, ignoring case.

    Raises KgError("unknown authority: X") when nothing matches.
    """
    text = name.strip()
    if text.startswith(("http://", "https://")):
        rows = select_rows(
            store,
            "SELECT ?label WHERE { ?la a sg:LocalAuthority OPTIONAL { ?la rdfs:label ?label } }",
            la=uri(text),
        )
        if rows:
            return text, str(rows[0][0] or _local(text))
        raise KgError(f"unknown authority: {name}", hint="`kg reference list` shows the authorities")
    rows = select_rows(
        store,
        """
        SELECT DISTINCT ?la ?label WHERE {
          ?la a sg:LocalAuthority .
          { ?la rdfs:label ?n } UNION { ?la skos:altLabel ?n } UNION { ?la sg:gssCode ?n }
          FILTER(LCASE(STR(?n)) = LCASE(STR(?name)))
          OPTIONAL { ?la rdfs:label ?label }
        } ORDER BY ?la""",
        name=literal(text),
    )
    if not rows:
        raise KgError(
            f"unknown authority: {name}",
            hint="use the authority's name or GSS code (load the reference data with `kg reference`)",
        )
    if len({r[0] for r in rows}) > 1:
        log.warning("%s names several authorities; using %s", name, rows[0][0])
    return str(rows[0][0]), str(rows[0][1] or _local(rows[0][0]))


def load_practice_cached(store: Store, *, include_restricted: bool = True) -> PracticeData:
    """`load_practice(store, labels=False)` over the whole store, kept in `kg.cache` while the store is
    unchanged: reading it is most of what a whole-corpus analysis costs (~0.45 s of SPARQL on the full
    corpus against ~40 ms to load the cached JSON), and every per-authority question starts from it."""
    from kg.cache import cached

    data, _hit = cached(
        "practice",
        store,
        {"include_restricted": include_restricted},
        lambda: load_practice(store, include_restricted=include_restricted, labels=False),
        to_json=PracticeData.to_json,
        from_json=PracticeData.from_json,
        keep=4,  # about 3 MB each for the whole corpus
    )
    return data


def load_practice(
    store: Store,
    *,
    authorities: Sequence[str] | None = None,
    include_restricted: bool = True,
    labels: bool = True,
) -> PracticeData:
    """Read authorities, documents, entities, concepts and holdings (limited to some authorities if given).

    A few narrow SELECTs (DISTINCT subqueries first). `labels=False` skips the labels and classes of
    thesaurus entities (their concept gives both), which is all whole-corpus analysis needs. The SELECTs that
    do not depend on one another run side by side (`select_many`).
    """
    scope = tuple(dict.fromkeys(authorities)) if authorities is not None else None

    # Documents (about the authorities in scope).
    if scope is None:
        doc_where = "?doc sg:sha256 ?sha . OPTIONAL { ?doc sg:about ?la }"
    elif len(scope) <= 2:
        # From the authority: sg:about also holds every metric and finding about it (some 250 each).
        doc_where = _values("la", scope) + "?doc sg:about ?la . ?doc sg:sha256 ?sha ."
    else:
        # Every document's authorities (from sg:sha256: 402 documents), joined with those in scope: cheaper than
        # walking all that sg:about says about more than a couple of authorities.
        doc_where = (
            _values("la", scope) + "{ SELECT ?doc ?la WHERE { ?doc sg:sha256 ?sha . ?doc sg:about ?la } }"
        )
    queries: dict[str, str] = {}
    if scope is None:
        # The whole store: nothing below depends on what the documents read finds, so it all goes at once,
        # the longest reads first.
        queries["mentions"] = _mention_query("")
        queries.update((f"facts{i}", q) for i, q in enumerate(_entity_fact_queries("", labels=labels)))
        # (every concept of the thesaurus, kept below for the kinds used and the concepts above them: "has a front
        # door" must see the front door above the MACH; a property path from every entity cost 90 ms more)
        queries["concepts"] = _concept_query("{ SELECT DISTINCT ?c WHERE { ?c a skos:Concept } }")
    # Authorities (all of them: labels and neighbours are needed whatever the scope) and their neighbours.
    queries["authorities"] = """
        SELECT ?la ?label ?gss ?region ?regionLabel WHERE {
          ?la a sg:LocalAuthority .
          OPTIONAL { ?la rdfs:label ?label }
          OPTIONAL { ?la sg:gssCode ?gss }
          OPTIONAL { ?la sg:region ?region OPTIONAL { ?region rdfs:label ?regionLabel } }
        }"""
    queries["neighbours"] = "SELECT DISTINCT ?a ?b WHERE { ?a sg:statisticalNeighbour ?b }"
    queries["documents"] = f"""
        SELECT DISTINCT ?doc ?la ?type ?start ?end ?pub ?title ?source ?access WHERE {{
          {doc_where}
          OPTIONAL {{ ?doc a ?type }}
          OPTIONAL {{ ?doc sg:periodStart ?start }}
          OPTIONAL {{ ?doc sg:periodEnd ?end }}
          OPTIONAL {{ ?doc sg:publicationDate ?pub }}
          OPTIONAL {{ ?doc dcterms:title ?title }}
          OPTIONAL {{ ?doc sg:sourceFile ?source }}
          OPTIONAL {{ ?doc sg:accessLevel ?access }}
        }}"""
    queries["classes"] = _CLASS_MAP_QUERY
    results = dict(zip(queries, select_many(store, list(queries.values()), parallel=scope is None), strict=True))
    auth_rows, neighbour_rows, doc_rows = results["authorities"], results["neighbours"], results["documents"]

    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in neighbour_rows:
        neighbours[a].add(b)
    auth_fields: dict[str, dict[str, str]] = {}
    for la, label, gss, region, region_label in sorted(auth_rows, key=lambda r: [str(v or "") for v in r]):
        f = auth_fields.setdefault(la, {})
        for k, v in (("label", label), ("gss", gss), ("region", region), ("region_label", region_label)):
            if v and not f.get(k):
                f[k] = str(v)
    auths = {
        la: AuthorityInfo(
            la,
            f.get("label") or _local(la),
            f.get("gss", ""),
            f.get("region", ""),
            f.get("region_label", ""),
            tuple(sorted(neighbours.get(la, ()))),
        )
        for la, f in auth_fields.items()
    }

    doc_fields: dict[str, dict[str, Any]] = {}
    for doc, la, typ, start, end, pub, title, source, access in doc_rows:
        f = doc_fields.setdefault(doc, {"las": set(), "types": set(), "restricted": False})
        if la:
            f["las"].add(la)
        if typ:
            f["types"].add(_local(typ))
        for k, v in (("start", start), ("end", end), ("pub", pub), ("title", title), ("source", source)):
            if v is not None and not f.get(k):
                f[k] = str(v)
        if access == RESTRICTED:
            f["restricted"] = True
    all_docs: dict[str, DocumentInfo] = {}
    for doc, f in doc_fields.items():
        doc_type = next((t for t in DOCUMENT_TYPES if t in f["types"]), "Document")
        date = (f.get("start") or f.get("end") or f.get("pub") or "")[:10]
        all_docs[doc] = DocumentInfo(
            doc,
            tuple(sorted(f["las"])),
            doc_type,
            date,
            f.get("title", ""),
            f.get("source", ""),
            f["restricted"],
        )
    docs = {d: info for d, info in all_docs.items() if include_restricted or not info.restricted}
    for info in docs.values():
        for la in info.authorities:
            if la not in auths:
                auths[la] = AuthorityInfo(la, _local(la))

    # Entities (things with a thesaurus kind, or discovered) mentioned in the kept documents; then their kind
    # and owner, and the label and class of discovered ones (thesaurus entities take both from their concept;
    # with `labels` every entity's own label and class are read too, for projections).
    class_map = _class_map(results["classes"])
    if scope is None:
        mention_rows = results["mentions"]
    else:
        mention_rows = select_rows(store, _mention_query(_values("doc", sorted(all_docs))))
    entities: dict[str, EntityInfo] = {}
    for doc, es in mention_rows:
        if doc in docs:
            for e in _split(es):
                entities.setdefault(e, EntityInfo(e)).documents.add(doc)
    # fact name -> [(value, the entities with it)] (see `_entity_fact_queries`).
    if scope is None:
        fact_rows = [row for name, rows in results.items() if name.startswith("facts") for row in rows]
    elif entities:
        (query,) = _entity_fact_queries(_values("e", sorted(entities)), labels=labels)
        fact_rows = select_rows(store, query)
    else:
        fact_rows = []
    facts: dict[str, list[tuple[Any, list[str]]]] = defaultdict(list)
    for name, o, es in fact_rows:
        facts[name].append((o, _split(es)))
    if scope is not None:
        _scoped_facts(store, facts, entities, labels=labels)
    labels_of: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    if entities:
        for kind, es in facts["kind"]:
            for e in es:
                ent = entities.get(e)
                if ent is not None:
                    ent.kind = min(ent.kind or kind, kind)
        for owner, es in facts["operatedBy"]:
            for e in es:
                ent = entities.get(e)
                if ent is not None:  # every entity read has a kind or is discovered: both take their owner
                    ent.owner = min(ent.owner or owner, owner)
        for name in ("discoveredOwner", "discoveredType", "discoveredLabel"):
            for o, es in facts[name]:
                for e in es:
                    ent = entities.get(e)
                    if ent is None:
                        continue
                    ent.discovered = True
                    if name == "discoveredLabel":
                        labels_of[e].add(str(o))
                    elif name == "discoveredType" and o in class_map:
                        classes[e].add(class_map[o])
        if labels:
            for o, es in facts["type"]:
                if o in class_map:
                    for e in es:
                        if e in entities:
                            classes[e].add(class_map[o])
            for o, es in facts["label"]:
                for e in es:
                    if e in entities:
                        labels_of[e].add(str(o))
    entities = dict(sorted(entities.items()))  # a stable order, whatever order the store answered in
    for e, ent in entities.items():
        ent.label = min(labels_of[e]) if labels_of.get(e) else ""
        ent.core_class = min(classes[e]) if classes.get(e) else ""

    # Concepts of the thesaurus that the entities point at (label, class, scope, broader).
    concepts: dict[str, ConceptInfo] = {}
    kinds = sorted({e.kind for e in entities.values() if e.kind})
    if kinds:
        if scope is None:
            concept_rows = results["concepts"]  # read with the rest, for every concept used as a kind
        else:
            concept_rows = select_rows(store, _concept_query(f"{_values('k', kinds)} ?k skos:broader* ?c ."))
        # The kinds used, and the concepts above them (an authority with a MACH has a MASH and a front door under
        # their narrower name: a practitioner check was told Middlesbrough lacked the front door its MACH is).
        wanted = set(kinds)
        broader_of: dict[str, set[str]] = defaultdict(set)
        for c, *_, broader, _statutory in concept_rows:
            if broader:
                broader_of[c].add(broader)
        todo = list(wanted)
        while todo:
            for b in broader_of.get(todo.pop(), ()):
                if b not in wanted:
                    wanted.add(b)
                    todo.append(b)
        c_fields: dict[str, dict[str, Any]] = {}
        for c, label, lang, cls, cscope, broader, statutory in concept_rows:
            if c not in wanted:
                continue
            f = c_fields.setdefault(c, {"labels": [], "broader": set()})
            if label:
                f["labels"].append((0 if lang == "en" else 1 if not lang else 2, str(label)))
            if cls:
                f["cls"] = min(f.get("cls") or _local(cls), _local(cls))
            if cscope:
                f["scope"] = min(f.get("scope") or _local(cscope).lower(), _local(cscope).lower())
            if broader:
                f["broader"].add(broader)
            if statutory is True:
                f["statutory"] = True
        for c, f in c_fields.items():
            label = sorted(f["labels"])[0][1] if f["labels"] else ""
            concepts[c] = ConceptInfo(
                c, label, f.get("cls", ""), f.get("scope", ""), tuple(sorted(f["broader"])), f.get("statutory", False)
            )

    # Holdings, as the shortcut triples define them: an authority has the local things it operates, and uses
    # the national things named in a document about it (derived here from what was read: no further query).
    holdings: dict[str, set[str]] = defaultdict(set)
    for ent in entities.values():
        if ent.owner:
            if scope is None or ent.owner in scope:
                holdings[ent.owner].add(ent.iri)
            continue
        for d in ent.documents:
            for la in docs[d].authorities:
                if scope is None or la in scope:
                    holdings[la].add(ent.iri)
    log.debug(
        "practice read: %d authorities, %d documents, %d entities, %d concepts",
        len(auths),
        len(docs),
        len(entities),
        len(concepts),
    )
    return PracticeData(auths, docs, entities, concepts, dict(holdings), include_restricted, scope)


EVIDENCE_COLUMNS = (
    "evidence_authority",
    "evidence_document",
    "evidence_source",
    "evidence_date",
    "evidence_page",
    "evidence_sentence",
)


def similarity(a: set[str], b: set[str]) -> tuple[int, float, float]:
    """(shared, Jaccard, cosine) of two practice sets (binary vectors)."""
    shared = len(a & b)
    union = len(a | b)
    jaccard = shared / union if union else 0.0
    cosine = shared / math.sqrt(len(a) * len(b)) if a and b else 0.0
    return shared, jaccard, cosine


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact comes from: the document, its date and source, and the first sentence naming the thing."""

    entity: str
    document: str
    date: str = ""
    source: str = ""
    page: int | None = None
    sentence: str = ""


def fetch_evidence(
    store: Store, data: PracticeData, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Evidence]:
    """The first mention (lowest offset) of each (entity, document) pair, in one query."""
    wanted = sorted(set(pairs))
    if not wanted:
        return {}
    values = " ".join(f"({n3(e)} {n3(d)})" for e, d in wanted)
    rows = select_rows(
        store,
        f"""
        SELECT ?e ?doc ?page ?start ?sentence WHERE {{
          VALUES (?e ?doc) {{ {values} }}
          ?m sg:refersTo ?e ; sg:document ?doc .
          OPTIONAL {{ ?m sg:page ?page }}
          OPTIONAL {{ ?m sg:startOffset ?start }}
          OPTIONAL {{ ?m sg:sentence ?sentence }}
        }}""",
    )
    best: dict[tuple[str, str], tuple[float, Evidence]] = {}
    for e, doc, page, start, sentence in rows:
        info = data.documents.get(doc)
        ev = Evidence(
            e,
            doc,
            info.date if info else "",
            info.source if info else "",
            int(page) if isinstance(page, (int, float)) else None,
            str(sentence or ""),
        )
        order = float(start) if isinstance(start, (int, float)) else math.inf
        if (e, doc) not in best or order < best[(e, doc)][0]:
            best[(e, doc)] = (order, ev)
    out = {k: v for k, (_, v) in best.items()}
    for e, doc in wanted:  # documents say an entity is mentioned even when no mention node carries a sentence
        if (e, doc) not in out:
            info = data.documents.get(doc)
            out[(e, doc)] = Evidence(e, doc, info.date if info else "", info.source if info else "")
    return out


def evidence_columns(data: PracticeData, holder: str | None, ev: Any) -> dict[str, Any]:
    """The evidence_* columns for one suggestion (blank when there is none)."""
    if ev is None or holder is None:
        return dict.fromkeys(EVIDENCE_COLUMNS)
    return {
        "evidence_authority": data.authority_label(holder),
        "evidence_document": ev.document,
        "evidence_source": ev.source,
        "evidence_date": ev.date,
        "evidence_page": ev.page,
        "evidence_sentence": ev.sentence,
    }


def latest_evidence_pair(data: PracticeData, authority: str, practice: str) -> tuple[str, str] | None:
    """(entity, document) for an authority's practice: its most recent kept document mentioning it."""
    link = data.links(authority).get(practice)
    if link is None:
        return None
    candidates = [
        (data.documents[d].sort_key, e, d)
        for e in sorted(link.entities)
        for d in data.entities[e].documents & link.documents
    ]
    if not candidates:
        return None
    _, e, d = max(candidates)
    return e, d


# ----------------------------------------------------------------------------------------- projections


def authority_practice_graph(
    store: Store,
    *,
    include_restricted: bool = True,
    include_national: bool = True,
    include_discovered: bool = True,
) -> nx.Graph:
    """The bipartite authority-practice graph (see `practice_graph`)."""
    data = load_practice(store, include_restricted=include_restricted)
    return practice_graph(data, include_national=include_national, include_discovered=include_discovered)


def practice_graph(
    data: PracticeData,
    *,
    include_national: bool = True,
    include_discovered: bool = True,
    min_authorities: int = 1,
) -> nx.Graph:
    """Bipartite graph: authorities (bipartite=0) and practices (bipartite=1: sg:kind concepts, and
    `discovered:<slug>` for discovered labels), an edge when the authority has an entity of that practice.

    Edge attributes: evidence (number of kept documents about the authority mentioning it), first_year and
    first_date (its earliest such document), entities (how many of the authority's entities carry it).
    Practice nodes carry `authorities` (how many hold it); with `min_authorities` > 1, practices held by
    fewer are left out. Authorities without any practice are left out.
    """
    import networkx as nx

    links_of = {
        la: data.links(la, include_national=include_national, include_discovered=include_discovered)
        for la in sorted(data.holdings)
    }
    holders: Counter[str] = Counter(key for links in links_of.values() for key in links)
    G = nx.Graph(name="authority-practice")
    for la, links in links_of.items():
        kept = {k: v for k, v in links.items() if holders[k] >= min_authorities}
        if not kept:
            continue
        info = data.authorities[la]
        G.add_node(
            la,
            type="authority",
            label=info.label,
            gss=info.gss,
            region=info.region_label,
            bipartite=0,
            practices=len(links),
        )
        for key, link in sorted(kept.items()):
            if key not in G:
                G.add_node(
                    key,
                    type="practice",
                    label=data.practice_label(key),
                    bipartite=1,
                    **{"class": data.practice_class(key)},
                    scope=data.practice_scope(key),
                    discovered=key.startswith(DISCOVERED),
                    authorities=holders[key],
                )
            G.add_edge(
                la,
                key,
                evidence=len(link.documents),
                first_year=link.first_year,
                first_date=link.first_date,
                entities=len(link.entities),
                weight=1.0,
            )
    return G


def project_store(
    store: Store,
    *,
    authorities: Sequence[str] | None = None,
    include_restricted: bool = True,
    document_comentions: bool = True,
) -> nx.MultiDiGraph:
    """The typed, weighted projection of the store (see the module docstring for nodes and edges).

    `authorities` (IRIs, names or GSS codes) limits it to those authorities' documents; without
    `include_restricted`, restricted documents and the facts only they support are left out;
    `document_comentions=False` keeps only co-mention edges with at least one shared sentence (the
    document-level cliques dominate the edge count of a whole-corpus projection).
    """
    iris = None
    if authorities is not None:
        iris = [a if a.startswith(ID) else resolve_authority(store, a)[0] for a in authorities]
    data = load_practice(store, authorities=iris, include_restricted=include_restricted)
    return build_projection(store, data, authorities=iris, document_comentions=document_comentions)


def build_projection(
    store: Store,
    data: PracticeData,
    *,
    authorities: Sequence[str] | None = None,
    document_comentions: bool = True,
) -> nx.MultiDiGraph:
    """`project_store` on data already read (analysis reuses one read for several graphs)."""
    import networkx as nx

    scope = set(authorities) if authorities is not None else None
    docs = {d: info for d, info in data.documents.items() if scope is None or scope & set(info.authorities)}
    G = nx.MultiDiGraph(
        name="safeguarding-kg projection",
        sentence_weight=SENTENCE_WEIGHT,
        document_weight=DOCUMENT_WEIGHT,
        include_restricted=data.include_restricted,
    )

    auth_nodes = sorted(scope) if scope is not None else sorted(data.authorities)
    for la in auth_nodes:
        info = data.authorities.get(la) or AuthorityInfo(la, _local(la))
        G.add_node(
            la,
            type="authority",
            label=info.label,
            gss=info.gss,
            region=info.region_label,
            documents=sum(1 for d in docs.values() if la in d.authorities),
        )
    entities = {e: ent for e, ent in data.entities.items() if not ent.documents.isdisjoint(docs)}
    for e, ent in sorted(entities.items()):
        G.add_node(
            e,
            type="entity",
            label=ent.label or data.practice_label(data.practice_of(ent)),
            **{"class": ent.core_class or data.practice_class(data.practice_of(ent))},
            kind=ent.kind or "",
            discovered=ent.discovered or not ent.kind,
            scope=ent.scope,
            owner=ent.owner or "",
            documents=len(ent.documents & docs.keys()),
        )
        if ent.kind:
            if ent.kind not in G:
                c = data.concepts.get(ent.kind)
                G.add_node(
                    ent.kind,
                    type="concept",
                    label=data.practice_label(ent.kind),
                    **{"class": c.core_class if c else ent.core_class},
                    scope=(c.scope if c and c.scope else ent.scope),
                )
            G.add_edge(e, ent.kind, key="kind", relation="kind", weight=1.0)
    for c in [n for n, t in G.nodes(data="type") if t == "concept"]:
        info = data.concepts.get(c)
        for b in info.broader if info else ():
            if b in G:
                G.add_edge(c, b, key="broader", relation="broader", weight=1.0)

    for la in auth_nodes:
        for link in data.links(la).values():
            for e in sorted(link.entities):
                if e not in G:
                    continue
                ent = data.entities[e]
                # Its own thing; a partner of its area (sg:localTo) or a national thing it names: uses.
                cls = ent.core_class or data.practice_class(data.practice_of(ent))
                rel = "has" if ent.owner == la and cls != "Partner" else "uses"
                n_docs = len(data.entities[e].documents & link.documents & docs.keys())
                G.add_edge(la, e, key=rel, relation=rel, weight=1.0, documents=n_docs)
        for b in data.authorities[la].neighbours if la in data.authorities else ():
            if b in G and G.nodes[b].get("type") == "authority":
                G.add_edge(la, b, key="statisticalNeighbour", relation="statisticalNeighbour", weight=1.0)

    if docs and entities:
        doc_values = _values("doc", sorted(docs)) if scope is not None else ""
        relation_rows, sentence_rows = select_many(
            store, [_relation_query(doc_values), _sentence_query(doc_values)]
        )
        _add_relations(G, docs, relation_rows)
        _add_comentions(G, docs, entities, sentence_rows, document_comentions=document_comentions)
    return G


def _relation_query(doc_values: str) -> str:
    """The typed relations (node, subject, predicate, object, basis, document of its evidence)."""
    preds = " ".join(n3(SG + p) for p in RELATION_PREDICATES)
    return f"""
        SELECT DISTINCT ?r ?s ?pred ?o ?basis ?doc WHERE {{
          {doc_values}
          VALUES ?pred {{ {preds} }}
          ?r sg:predicate ?pred ; sg:subject ?s ; sg:object ?o ; sg:evidence ?m .
          ?m sg:document ?doc .
          OPTIONAL {{ ?r sg:basis ?basis }}
        }}"""


def _add_relations(G: nx.MultiDiGraph, docs: Mapping[str, DocumentInfo], rows: list[list[Any]]) -> None:
    agg: dict[tuple[str, str, str], dict[str, set[str]]] = {}
    for r, s, pred, o, basis, doc in rows:
        if doc not in docs or s not in G or o not in G:
            continue
        f = agg.setdefault((s, o, _local(pred)), {"relations": set(), "documents": set(), "basis": set()})
        f["relations"].add(r)
        f["documents"].add(doc)
        if basis:
            f["basis"].add(_local(basis))
    for (s, o, rel), f in sorted(agg.items()):
        basis = "CuePattern" if "CuePattern" in f["basis"] else (sorted(f["basis"])[0] if f["basis"] else "")
        G.add_edge(
            s,
            o,
            key=rel,
            relation=rel,
            weight=1.0,
            count=len(f["relations"]),
            documents=len(f["documents"]),
            basis=basis,
        )


def _sentence_query(doc_values: str) -> str:
    """(entity, document, MD5 of a sentence naming it) for co-mentions."""
    return f"""
        SELECT DISTINCT ?e ?doc ?h WHERE {{
          {doc_values}
          ?m sg:document ?doc ; sg:refersTo ?e ; sg:sentence ?s .
          BIND(MD5(STR(?s)) AS ?h)
        }}"""


def _add_comentions(
    G: nx.MultiDiGraph,
    docs: Mapping[str, DocumentInfo],
    entities: Mapping[str, EntityInfo],
    rows: list[list[Any]],
    *,
    document_comentions: bool,
) -> None:
    """Co-mention edges: +SENTENCE_WEIGHT per distinct sentence naming both, +DOCUMENT_WEIGHT per document."""
    sentences: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e, doc, h in rows:
        if e in entities and doc in docs:
            sentences[(doc, h)].add(e)
    pair_sentences: dict[tuple[str, str], int] = defaultdict(int)
    for members in sentences.values():
        for u, v in combinations(sorted(members), 2):
            pair_sentences[(u, v)] += 1
    pair_docs: dict[tuple[str, str], int] = defaultdict(int)
    by_doc: dict[str, list[str]] = defaultdict(list)
    for e, ent in entities.items():
        for d in ent.documents:
            if d in docs:
                by_doc[d].append(e)
    for members in by_doc.values():
        members.sort()
        if document_comentions:
            for u, v in combinations(members, 2):
                pair_docs[(u, v)] += 1
        else:
            present = set(members)
            for u, v in pair_sentences:
                if u in present and v in present:
                    pair_docs[(u, v)] += 1
    for (u, v), n_docs in pair_docs.items():
        n_sent = pair_sentences.get((u, v), 0)
        G.add_edge(
            u,
            v,
            key="coMentionedWith",
            relation="coMentionedWith",
            weight=round(SENTENCE_WEIGHT * n_sent + DOCUMENT_WEIGHT * n_docs, 6),
            sentences=n_sent,
            documents=n_docs,
        )


def undirected_weighted(G: nx.MultiDiGraph, *, node_types: Iterable[str] | None = None) -> nx.Graph:
    """Collapse a projection to a simple undirected graph, summing weights (for centrality, communities)."""
    import networkx as nx

    keep = None if node_types is None else set(node_types)
    H = nx.Graph()
    for n, attrs in G.nodes(data=True):
        if keep is None or attrs.get("type") in keep:
            H.add_node(n, **attrs)
    for u, v, attrs in G.edges(data=True):
        if u == v or u not in H or v not in H:
            continue
        w = float(attrs.get("weight", 1.0))
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


# ---------------------------------------------------------------------------------------------- writing

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Attribute names the GEXF writer reads as structure, not data (renamed with a trailing underscore).
_GEXF_RESERVED = {"id", "pid", "start", "end", "viz", "parents", "slices", "spells"}


def _safe(value: Any) -> str | int | float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return _safe(value.item())
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(sorted(str(v) for v in value if v is not None))
    return _XML_BAD.sub("", str(value))


def graphml_safe(G: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """A copy whose attributes are strings or numbers only, one type per attribute name (GraphML needs it).

    None values are dropped, booleans become "true"/"false", collections "; "-joined strings; an attribute
    holding both ints and floats becomes float, one holding numbers and strings becomes string.
    """

    H = G.__class__()
    H.graph.update({k: v for k, v in ((k, _safe(v)) for k, v in G.graph.items()) if v is not None})

    def clean(items: Iterable[tuple[Any, dict[str, Any]]], edge: bool) -> list[tuple[Any, dict[str, Any]]]:
        out = []
        for key, attrs in items:
            d = {}
            for k, v in attrs.items():
                sv = _safe(v)
                if sv is None:
                    continue
                if gexf and (k in _GEXF_RESERVED or (edge and k in {"type", "key"})):
                    k = k + "_"
                d[k] = sv
            out.append((key, d))
        return out

    nodes = clean(G.nodes(data=True), False)
    if G.is_multigraph():
        edges = clean((((u, v, k), a) for u, v, k, a in G.edges(keys=True, data=True)), True)
    else:
        edges = clean((((u, v), a) for u, v, a in G.edges(data=True)), True)
    for items in (nodes, edges):
        kinds: dict[str, set[type]] = defaultdict(set)
        for _, d in items:
            for k, v in d.items():
                kinds[k].add(type(v))
        for _, d in items:
            for k, v in d.items():
                if str in kinds[k] and not isinstance(v, str):
                    d[k] = str(v)
                elif float in kinds[k] and isinstance(v, int):
                    d[k] = float(v)
    for n, d in nodes:
        H.add_node(str(n), **d)
    for ends, d in edges:
        if G.is_multigraph():
            u, v, k = ends
            H.add_edge(str(u), str(v), key=str(k), **d)
        else:
            u, v = ends
            H.add_edge(str(u), str(v), **d)
    return H


def write_projection(G: nx.Graph, path: str | Path | IO[bytes], fmt: str = "graphml") -> None:
    """Write a projection for Gephi: "graphml" or "gexf" (attributes made safe first, see `graphml_safe`)."""
    import networkx as nx

    fmt = fmt.lower()
    if fmt not in {"graphml", "gexf"}:
        raise KgError(f"unknown graph format: {fmt}", hint="use graphml or gexf")
    H = graphml_safe(G, gexf=fmt == "gexf")
    target = str(path) if isinstance(path, Path) else path
    if fmt == "graphml":
        nx.write_graphml(H, target, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(H, target, encoding="utf-8", prettyprint=True)
