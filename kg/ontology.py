"""The ontology files: where they are, which terms they declare, the ontology graph, and their documentation.

`ontology/sg.ttl` (OWL), `ontology/shapes.ttl` (SHACL) and `ontology/thesaurus.ttl` (SKOS) are the single
source of truth for the vocabulary; this module only reads them. The HTML documentation and the term tables
of `ontology/README.md` are generated from them, never typed by hand.

Example:
    >>> "https://w3id.org/safeguarding-kg/ontology#Team" in ontology_terms()
    True
    >>> list(static_graphs_nquads()) == [ONTOLOGY_GRAPH]
    True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg import settings
from kg.errors import KgError
from kg.identifiers import ONTOLOGY_GRAPH, PREFIXES, SG

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

SG_FILE = "sg.ttl"
SHAPES_FILE = "shapes.ttl"
THESAURUS_FILE = "thesaurus.ttl"
ONTOLOGY_IRI = SG.rstrip("#")
#: The eight entity classes of the contract (SPEC.md), in the order the documentation shows them.
CORE_CLASSES = ("Team", "Programme", "PracticeModel", "Partner", "Tool", "Forum", "Role", "Policy")

_OWL = PREFIXES["owl"]
_RDFS = PREFIXES["rdfs"]
_RDF = PREFIXES["rdf"]
_SKOS = PREFIXES["skos"]
_DCTERMS = PREFIXES["dcterms"]

#: rdf:type values that declare a term, and the kind each stands for (first match wins).
_DECLARING_TYPES: dict[str, str] = {
    _OWL + "Class": "class",
    _RDFS + "Class": "class",
    _OWL + "ObjectProperty": "object property",
    _OWL + "DatatypeProperty": "datatype property",
    _OWL + "AnnotationProperty": "annotation property",
    _RDF + "Property": "property",
    _OWL + "NamedIndividual": "individual",
}
_KIND_ORDER = [
    "class", "object property", "datatype property", "annotation property", "property", "individual",
]
_CHARACTERISTICS = {
    _OWL + "FunctionalProperty": "functional",
    _OWL + "SymmetricProperty": "symmetric",
    _OWL + "TransitiveProperty": "transitive",
    _OWL + "InverseFunctionalProperty": "inverse functional",
}
#: Prefixes used to shorten IRIs in documentation (ours first, then the standard ones).
_DOC_PREFIXES: dict[str, str] = {
    **PREFIXES,
    "qb": "http://purl.org/linked-data/cube#",
    "sosa": "http://www.w3.org/ns/sosa/",
    "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def plural(kind: str) -> str:
    """`classes`, `object properties`, `individuals` (section titles).

    Example:
        >>> plural("datatype property"), plural("class")
        ('datatype properties', 'classes')
    """
    if kind.endswith("ss"):
        return kind + "es"
    if kind.endswith("y"):
        return kind[:-1] + "ies"
    return kind + "s"


def ontology_file(name: str = SG_FILE, ontology_dir: Path | None = None) -> Path:
    """The path of one ontology file, failing with a clear error when the checkout is incomplete."""
    path = (ontology_dir or settings.ONTOLOGY_DIR) / name
    if not path.is_file():
        raise KgError(f"{path}: ontology file not found",
                      hint="run kg from a full checkout of safeguarding-kg")
    return path


@lru_cache(maxsize=8)
def _parse_cached(path: str, mtime_ns: int) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises many kinds of syntax errors
        raise KgError(f"{path}: not valid Turtle ({err.__class__.__name__}: {err})") from err
    return graph


def load_turtle(path: Path) -> rdflib.Graph:
    """Parse one of our own Turtle files (trusted input), cached until the file changes.

    The graph is shared between callers: treat it as read-only.
    """
    return _parse_cached(str(path), path.stat().st_mtime_ns)


def load_ontology(ontology_dir: Path | None = None) -> rdflib.Graph:
    """`ontology/sg.ttl` as an rdflib graph (read-only, cached)."""
    return load_turtle(ontology_file(SG_FILE, ontology_dir))


def load_shapes(ontology_dir: Path | None = None) -> rdflib.Graph:
    """`ontology/shapes.ttl` as an rdflib graph (read-only, cached)."""
    return load_turtle(ontology_file(SHAPES_FILE, ontology_dir))


def ontology_terms(ontology_dir: Path | None = None) -> set[str]:
    """The IRIs of every term sg.ttl declares in our namespace (classes, properties, individuals).

    Outside terms that sg.ttl declares only to stay OWL 2 DL (prov:Entity, org:Post...) are not included.
    """
    return {term.iri for term in ontology_term_list(ontology_dir)}


@dataclass(frozen=True, slots=True)
class OntologyTerm:
    """One declared term with what people need to read about it."""

    iri: str
    kind: str
    label: str
    definition: str
    comment: str
    types: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()
    characteristics: tuple[str, ...] = ()
    inverse: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        """The local name (`Team`), also the HTML anchor."""
        return self.iri.removeprefix(SG)

    @property
    def curie(self) -> str:
        return shorten(self.iri)


def shorten(iri: str) -> str:
    """`sg:Team` for an IRI in a known namespace, else the IRI itself.

    Example:
        >>> shorten("https://w3id.org/safeguarding-kg/ontology#Team")
        'sg:Team'
    """
    best, found = "", ""
    for prefix, ns in _DOC_PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, found = ns, prefix
    return f"{found}:{iri[len(best):]}" if best else iri


def _text(graph: rdflib.Graph, node: rdflib.term.Node, prop: str) -> str:
    """The English (or untagged) value of a text property, with whitespace collapsed."""
    import rdflib

    values = list(graph.objects(node, rdflib.URIRef(prop)))
    values.sort(key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v)))
    return " ".join(str(values[0]).split()) if values else ""


def _class_expression(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """An IRI shortened, or a union written as `A or B`."""
    import rdflib
    from rdflib.collection import Collection

    if isinstance(node, rdflib.BNode):
        union = graph.value(node, rdflib.URIRef(_OWL + "unionOf"))
        if union is not None:
            return " or ".join(shorten(str(m)) for m in Collection(graph, union))
        return "(anonymous class)"
    return shorten(str(node))


def ontology_term_list(ontology_dir: Path | None = None) -> list[OntologyTerm]:
    """Every term of sg.ttl in our namespace, sorted by kind then name."""
    import rdflib

    graph = load_ontology(ontology_dir)
    rdf_type = rdflib.URIRef(_RDF + "type")
    terms: list[OntologyTerm] = []
    subjects = {
        s for s in graph.subjects(rdf_type, None) if isinstance(s, rdflib.URIRef) and str(s).startswith(SG)
    }
    for s in subjects:
        if str(s) == SG:
            continue
        types = {str(t) for t in graph.objects(s, rdf_type)}
        kinds = [kind for t, kind in _DECLARING_TYPES.items() if t in types]
        if not kinds:
            continue
        kind = kinds[0]

        def objs(prop: str, subject: rdflib.term.Node = s) -> tuple[str, ...]:
            values = graph.objects(subject, rdflib.URIRef(prop))
            return tuple(sorted(_class_expression(graph, o) for o in values))

        parents = objs(_RDFS + "subClassOf") if kind == "class" else objs(_RDFS + "subPropertyOf")
        extra: list[tuple[str, str]] = [("close match", v) for v in objs(_SKOS + "closeMatch")]
        for p, o in graph.predicate_objects(s):
            if str(p) == SG + "rank":
                extra.append(("rank", str(o)))
        inverse = tuple(sorted({*objs(_OWL + "inverseOf")} | {
            shorten(str(x)) for x in graph.subjects(rdflib.URIRef(_OWL + "inverseOf"), s)
        }))
        terms.append(OntologyTerm(
            iri=str(s),
            kind=kind,
            label=_text(graph, s, _RDFS + "label"),
            definition=_text(graph, s, _SKOS + "definition"),
            comment=_text(graph, s, _RDFS + "comment"),
            types=tuple(sorted(shorten(t) for t in types if t not in _DECLARING_TYPES)),
            parents=parents,
            domain=objs(_RDFS + "domain"),
            range=objs(_RDFS + "range"),
            characteristics=tuple(sorted(c for t, c in _CHARACTERISTICS.items() if t in types)),
            inverse=inverse,
            extra=tuple(extra),
        ))
    terms.sort(key=lambda t: (_KIND_ORDER.index(t.kind), t.name.lower()))
    return terms


def ontology_metadata(ontology_dir: Path | None = None) -> dict[str, str]:
    """Title, description, version and licence from the owl:Ontology header."""
    import rdflib

    graph = load_ontology(ontology_dir)
    node = rdflib.URIRef(ONTOLOGY_IRI)
    return {
        "iri": ONTOLOGY_IRI,
        "title": _text(graph, node, _DCTERMS + "title"),
        "description": _text(graph, node, _DCTERMS + "description"),
        "version": _text(graph, node, _OWL + "versionInfo"),
        "version_iri": _text(graph, node, _OWL + "versionIRI"),
        "license": _text(graph, node, _DCTERMS + "license"),
    }


def turtle_to_nquads(path: Path, graph_iri: str) -> str:
    """Turtle file -> N-Quads text with every triple in `graph_iri`.

    Blank nodes get stable names (b0, b1, ... in file order) so the output is the same on every run.
    """
    import pyoxigraph as ox

    graph = ox.NamedNode(graph_iri)
    names: dict[str, ox.BlankNode] = {}

    def stable(term):  # type: ignore[no-untyped-def]
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"b{len(names)}")
            return names[term.value]
        return term

    try:
        quads = [
            ox.Quad(stable(q.subject), q.predicate, stable(q.object), graph)
            for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        ]
    except (SyntaxError, ValueError, OSError) as err:
        raise KgError(f"{path}: not valid Turtle ({err})") from err
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def static_graphs_nquads(ontology_dir: Path | None = None) -> dict[str, str]:
    """The graphs that come from the ontology files rather than from documents: {graph IRI: N-Quads}.

    Only the ontology graph (sg.ttl); the thesaurus graph is written by the thesaurus module.
    """
    return {ONTOLOGY_GRAPH: turtle_to_nquads(ontology_file(SG_FILE, ontology_dir), ONTOLOGY_GRAPH)}


# ----------------------------------------------------------------------------------------------------------
# Thesaurus (read-only view for documentation)


@dataclass(slots=True)
class ThesaurusConcept:
    iri: str
    label: str
    alt_labels: list[str] = field(default_factory=list)
    ambiguous_labels: list[str] = field(default_factory=list)
    definition: str = ""
    broader: list[str] = field(default_factory=list)
    core_class: str = ""
    scope: str = ""

    @property
    def anchor(self) -> str:
        return "c-" + self.iri.rsplit("/", 1)[-1]


def thesaurus_concepts(files: Iterable[Path]) -> list[ThesaurusConcept]:
    """The SKOS concepts of the given thesaurus files (missing files are skipped), sorted by label."""
    import rdflib

    graph = rdflib.Graph()
    for path in files:
        if path.is_file():
            graph += load_turtle(path)
    skos = rdflib.Namespace(_SKOS)
    sg = rdflib.Namespace(SG)
    concepts = []
    for c in set(graph.subjects(rdflib.RDF.type, skos.Concept)):
        if not isinstance(c, rdflib.URIRef):
            continue
        core = graph.value(c, sg.coreClass)
        scope = graph.value(c, sg.scope)
        concepts.append(ThesaurusConcept(
            iri=str(c),
            label=_text(graph, c, _SKOS + "prefLabel") or str(c).rsplit("/", 1)[-1],
            alt_labels=sorted({str(v) for v in graph.objects(c, skos.altLabel)}, key=str.lower),
            ambiguous_labels=sorted({str(v) for v in graph.objects(c, sg.ambiguousLabel)}, key=str.lower),
            definition=_text(graph, c, _SKOS + "definition"),
            broader=sorted(str(b) for b in graph.objects(c, skos.broader)),
            core_class=str(core) if core is not None else "",
            scope=str(scope).removeprefix(SG) if scope is not None else "",
        ))
    concepts.sort(key=lambda c: c.label.lower())
    return concepts


# ----------------------------------------------------------------------------------------------------------
# Generated documentation


def _environment():  # -> jinja2.Environment
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(settings.PACKAGE_DIR / "templates" / "ontology")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_ontology_html(
    out_dir: Path,
    *,
    ontology_dir: Path | None = None,
    thesaurus_files: Sequence[Path] = (),
) -> list[Path]:
    """Write `index.html` (classes, properties, individuals) and `thesaurus.html` into out_dir.

    The pages are self-contained (inline CSS, no scripts, no external links) and every text is escaped.
    The thesaurus is whatever `ontology/thesaurus.ttl` (plus `thesaurus_files`) holds now, grouped by
    sg:coreClass.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    env = _environment()
    meta = ontology_metadata(ontology_dir)
    terms = ontology_term_list(ontology_dir)
    by_kind: dict[str, list[OntologyTerm]] = defaultdict(list)
    for term in terms:
        by_kind[term.kind].append(term)
    sections = [(kind, plural(kind), by_kind[kind]) for kind in _KIND_ORDER if by_kind.get(kind)]
    known = {t.curie for t in terms}

    files = [(ontology_dir or settings.ONTOLOGY_DIR) / THESAURUS_FILE, *thesaurus_files]
    concepts = thesaurus_concepts(files)
    labels = {c.iri: c.label for c in concepts}
    groups: dict[str, list[ThesaurusConcept]] = defaultdict(list)
    for c in concepts:
        groups[shorten(c.core_class) if c.core_class else ""].append(c)
    order = [f"sg:{name}" for name in CORE_CLASSES] + ["sg:Theme"]
    grouped = sorted(groups.items(),
                     key=lambda kv: (kv[0] == "", order.index(kv[0]) if kv[0] in order else 999, kv[0]))

    written = []
    pages = {
        "index.html": ("ontology.html", {
            "meta": meta, "sections": sections, "known": known, "count": len(terms),
        }),
        "thesaurus.html": ("thesaurus.html", {
            "meta": meta, "groups": grouped, "labels": labels, "known": known, "count": len(concepts),
            "sources": [p.name for p in files if p.is_file()],
        }),
    }
    for name, (template, context) in pages.items():
        html = env.get_template(template).render(page=name, shorten=shorten, **context)
        path = out_dir / name
        path.write_text(html, encoding="utf-8")
        written.append(path)
    return written


def term_table_markdown(ontology_dir: Path | None = None) -> str:
    """Markdown tables of the terms, one per kind, for ontology/README.md."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out: list[str] = []
    terms = ontology_term_list(ontology_dir)
    for kind in _KIND_ORDER:
        group = [t for t in terms if t.kind == kind]
        if not group:
            continue
        title = plural(kind)
        out.append(f"### {title[0].upper()}{title[1:]} ({len(group)})\n")
        if kind == "class":
            out.append("| term | label | subclass of | definition |\n|---|---|---|---|")
            out += [f"| `{t.curie}` | {cell(t.label)} | {cell(', '.join(t.parents))} | {cell(t.definition)} |"
                    for t in group]
        elif kind == "individual":
            out.append("| term | label | type | definition |\n|---|---|---|---|")
            out += [f"| `{t.curie}` | {cell(t.label)} | {cell(', '.join(t.types))} | {cell(t.definition)} |"
                    for t in group]
        else:
            out.append("| term | label | domain | range | definition |\n|---|---|---|---|---|")
            out += [
                f"| `{t.curie}` | {cell(t.label)} | {cell(', '.join(t.domain))} | {cell(', '.join(t.range))} "
                f"| {cell(t.definition)} |"
                for t in group
            ]
        out.append("")
    return "\n".join(out)


def namespace_lines(prefix: str = "sg") -> str:
    """`Name: URIRef  # definition` lines for a DefinedNamespace class mirroring sg.ttl (for cog)."""
    if prefix != "sg":
        raise ValueError(f"unknown ontology prefix: {prefix}")
    return "\n".join(f"{t.name}: URIRef  # {t.definition}" for t in ontology_term_list())
