"""The SKOS thesaurus (ontology/thesaurus.ttl plus the user's own Turtle files) as frozen Python objects.

The thesaurus is the list of names the extractor recognises, so it is loaded once per set of files and
cached: the cache key is the file list with each file's modification time, so editing a file is picked up
by the next call. Concepts may come from any namespace; a concept's slug is its IRI's last segment
(``sgt:mash`` -> ``mash``), which is what entity IRIs are built from.

Example:
    >>> th = load_thesaurus()
    >>> th.by_label("MASH").slug
    'mash'
    >>> th.by_label("multi agency safeguarding hub").core_class
    'Team'
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError
from kg.identifiers import SG, SGT, SKOS
from kg.settings import ONTOLOGY_DIR

log = logging.getLogger(__name__)

#: The thesaurus shipped with the project.
DEFAULT_THESAURUS = ONTOLOGY_DIR / "thesaurus.ttl"
#: Values allowed for sg:coreClass (local names).
CORE_CLASSES = ("Team", "Programme", "PracticeModel", "Partner", "Tool", "Forum", "Role", "Policy", "Theme")
#: Values allowed for sg:scope (local names); Local when a concept states none.
SCOPES = ("Local", "National")

_UPPER_LABEL = re.compile(r"^[A-Z0-9&\- .']+$")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2032": "'", "`": "'", "-": " ", "\u2010": " ",
                       "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ", "/": " "})


def is_case_sensitive(label: str) -> bool:
    """All-uppercase labels (acronyms such as 'PAMS') are matched case-sensitively, the rest are not."""
    return bool(_UPPER_LABEL.match(label)) and any(c.isalpha() for c in label)


def label_key(label: str) -> str:
    """How labels are compared: quotes straightened, hyphens and slashes as spaces, spaces collapsed, and
    case folded unless the label is an acronym."""
    text = " ".join(label.translate(_FOLD).split())
    return text if is_case_sensitive(text) else text.casefold()


@dataclass(frozen=True, slots=True)
class Concept:
    """One kind of thing the extractor recognises, such as the multi-agency safeguarding hub."""

    slug: str
    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]
    ambiguous_labels: tuple[str, ...]
    core_class: str  # local name: "Team", "Programme", ...
    scope: str  # "Local" or "National"
    broader: tuple[str, ...]  # slugs
    definition: str

    @property
    def labels(self) -> tuple[str, ...]:
        """The preferred label then the alternative ones (not the ambiguous ones)."""
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True, eq=False)
class Thesaurus:
    """All concepts, with label look-up. Hashable by identity, so matchers built from it can be cached."""

    concepts: dict[str, Concept]
    files: tuple[Path, ...] = ()
    _index: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[str]] = {}
        ambiguous: dict[str, list[str]] = {}
        for concept in self.concepts.values():
            for label in concept.labels:
                slugs = index.setdefault(label_key(label), [])
                if concept.slug not in slugs:
                    slugs.append(concept.slug)
            for label in concept.ambiguous_labels:
                slugs = ambiguous.setdefault(label_key(label), [])
                if concept.slug not in slugs:
                    slugs.append(concept.slug)
        clashes = {k: v for k, v in index.items() if len(v) > 1}
        for key, slugs in clashes.items():
            log.warning("thesaurus label %r names several concepts (%s); treated as ambiguous",
                        key, ", ".join(slugs))
            for slug in slugs:
                ambiguous.setdefault(key, [])
                if slug not in ambiguous[key]:
                    ambiguous[key].append(slug)
            del index[key]
        self._index.update({k: tuple(v) for k, v in index.items()})
        self._ambiguous.update({k: tuple(v) for k, v in ambiguous.items()})

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __contains__(self, slug: object) -> bool:
        return slug in self.concepts

    def labels(self) -> Iterator[tuple[str, str, bool]]:
        """Every (label, slug, is_ambiguous): pref and alt labels, then ambiguous ones.

        A pref/alt label that two concepts share is reported as ambiguous for both, so a matcher built
        from this never has to choose between them.
        """
        for concept in self.concepts.values():
            for label in concept.labels:
                yield label, concept.slug, label_key(label) not in self._index
            for label in concept.ambiguous_labels:
                yield label, concept.slug, True

    def by_label(self, text: str) -> Concept | None:
        """The one concept whose pref or alt label is `text` (acronyms compared case-sensitively)."""
        key = label_key(text)
        # An acronym label is stored in its own case ('MASH': 'Mash' must not find it); any other label is
        # stored case-folded, so an upper-case text ('OUTCOME STAR') still finds it.
        slugs = self._index.get(key) or self._index.get(key.casefold())
        return self.concepts[slugs[0]] if slugs else None

    def candidates(self, text: str) -> tuple[Concept, ...]:
        """Every concept `text` may name, ambiguous labels included (for context rules)."""
        slugs: list[str] = []
        for key in dict.fromkeys((label_key(text), label_key(text).casefold())):
            slugs += [*self._index.get(key, ()), *self._ambiguous.get(key, ())]
        return tuple(self.concepts[s] for s in dict.fromkeys(slugs))

    def by_class(self, core_class: str) -> list[Concept]:
        """The concepts of one core class ("Team", ...), sorted by preferred label."""
        return sorted((c for c in self.concepts.values() if c.core_class == core_class),
                      key=lambda c: c.pref_label.casefold())

    def narrower(self, slug: str) -> list[Concept]:
        """The concepts whose broader concept is `slug`."""
        return [c for c in self.concepts.values() if slug in c.broader]


def thesaurus_turtle_paths(extra: Iterable[Path | str] = ()) -> list[Path]:
    """The Turtle files that make up the thesaurus: the project's own, then the user's, in order."""
    paths = [DEFAULT_THESAURUS]
    for p in extra:
        path = Path(p)
        if path not in paths:
            paths.append(path)
    return paths


def load_thesaurus(extra_files: Sequence[Path | str] = ()) -> Thesaurus:
    """The thesaurus from ontology/thesaurus.ttl plus `extra_files`, cached until a file changes.

    Raises KgError naming the file when one is missing or is not valid Turtle, or when a new concept in it
    has no preferred label or an unknown core class or scope. A concept without sg:coreClass is kept as a
    theme (with a warning), and one without sg:scope is local.
    """
    paths = tuple(p.resolve() for p in thesaurus_turtle_paths(extra_files))
    stamps = []
    for path in paths:
        try:
            stamps.append(path.stat().st_mtime_ns)
        except OSError as err:
            raise KgError(f"{path}: cannot read thesaurus file ({err.strerror or err})") from err
    return _load_cached(paths, tuple(stamps))


@functools.lru_cache(maxsize=16)
def _load_cached(paths: tuple[Path, ...], stamps: tuple[int, ...]) -> Thesaurus:  # stamps: cache key only
    import rdflib

    graph = rdflib.Graph()
    for path in paths:
        one = rdflib.Graph()
        try:
            one.parse(path, format="turtle")
        except Exception as err:  # rdflib raises several parser exception types
            reason = " ".join(str(err).split())[:300]
            raise KgError(f"{path}: not valid Turtle ({reason})",
                          hint="Fix the file or leave it out of --thesaurus.") from err
        _check_concepts(one, path, graph)
        # A later file may re-class or re-scope a concept: its statement replaces the earlier one.
        for prop in (SG + "coreClass", SG + "scope"):
            predicate = rdflib.URIRef(prop)
            for subject in set(one.subjects(predicate, None)):
                graph.remove((subject, predicate, None))
        graph += one
    return Thesaurus(concepts=_concepts(graph), files=paths)


def _slug(iri: str) -> str:
    if iri.startswith(SGT):
        return iri[len(SGT):]
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _local(iri: object, prefix: str) -> str:
    text = str(iri)
    return text[len(prefix):] if text.startswith(prefix) else text


def _check_concepts(graph, path: Path, earlier) -> None:
    """Refuse a file whose concepts lack what the extractor needs (prefLabel, known class and scope).

    A concept defined by an earlier file may be given only extra labels here (with or without its type).
    """
    import rdflib

    skos = rdflib.Namespace(SKOS)
    sg = rdflib.Namespace(SG)
    for concept in set(graph.subjects(rdflib.RDF.type, skos.Concept)):
        name = _slug(str(concept))
        known = (concept, rdflib.RDF.type, skos.Concept) in earlier
        core = graph.value(concept, sg.coreClass)
        if core is not None and _local(core, SG) not in CORE_CLASSES:
            raise KgError(f"{path}: concept {name} has unknown sg:coreClass {core}",
                          hint="Use one of " + ", ".join(f"sg:{c}" for c in CORE_CLASSES) + ".")
        scope = graph.value(concept, sg.scope)
        if scope is not None and _local(scope, SG) not in SCOPES:
            raise KgError(f"{path}: concept {name} has unknown sg:scope {scope}", hint="Use sg:Local or sg:National.")
        if known:
            continue
        if graph.value(concept, skos.prefLabel) is None:
            raise KgError(f"{path}: concept {name} has no skos:prefLabel")
        if core is None:
            log.warning("%s: concept %s has no sg:coreClass; it is treated as a theme",
                        path, name)


def _concepts(graph) -> dict[str, Concept]:
    import rdflib

    skos = rdflib.Namespace(SKOS)
    sg = rdflib.Namespace(SG)

    def texts(subject, predicate) -> list[str]:
        values = [v for v in graph.objects(subject, predicate) if isinstance(v, rdflib.Literal)]
        english = [v for v in values if v.language in (None, "en") or str(v.language).startswith("en-")]
        return list(dict.fromkeys(" ".join(str(v).split()) for v in english or values))

    out: dict[str, Concept] = {}
    for subject in sorted(set(graph.subjects(rdflib.RDF.type, skos.Concept)), key=str):
        if not isinstance(subject, rdflib.URIRef):
            continue
        prefs = texts(subject, skos.prefLabel)
        if not prefs:
            continue
        pref = sorted(prefs)[0]
        alts = [a for a in texts(subject, skos.altLabel) + prefs[1:] if a != pref]
        core = min(graph.objects(subject, sg.coreClass), key=str, default=None)
        scope = min(graph.objects(subject, sg.scope), key=str, default=None)
        definitions = sorted(texts(subject, skos.definition))
        slug = _slug(str(subject))
        out[slug] = Concept(
            slug=slug,
            iri=str(subject),
            pref_label=pref,
            alt_labels=tuple(sorted(dict.fromkeys(alts), key=str.casefold)),
            ambiguous_labels=tuple(sorted(texts(subject, sg.ambiguousLabel), key=str.casefold)),
            core_class=_local(core, SG) if core is not None else "Theme",
            scope=_local(scope, SG) if scope is not None else "Local",
            broader=tuple(sorted(_slug(str(b)) for b in graph.objects(subject, skos.broader))),
            definition=definitions[0] if definitions else "",
        )
    return out


# ----------------------------------------------------------------------------------------------------------
# Listing, and suggesting new concepts from what the extractor discovered


def concept_rows(thesaurus: Thesaurus, core_class: str | None = None) -> list[dict[str, object]]:
    """One row per concept (optionally of one core class), sorted by class then preferred label."""
    concepts = [c for c in thesaurus if core_class is None or c.core_class == core_class]
    concepts.sort(key=lambda c: (CORE_CLASSES.index(c.core_class) if c.core_class in CORE_CLASSES else 99,
                                 c.pref_label.casefold()))
    return [{"slug": c.slug, "class": c.core_class, "scope": c.scope, "label": c.pref_label,
             "alt_labels": list(c.alt_labels), "ambiguous_labels": list(c.ambiguous_labels),
             "broader": list(c.broader)} for c in concepts]


_DISCOVERED_QUERY = """
SELECT DISTINCT ?label ?core ?doc ?la WHERE {
  ?e sg:discovered true ;
     rdfs:label ?label ;
     a ?class ;
     sg:mentionedIn ?doc .
  VALUES ?core { %s }
  ?class rdfs:subClassOf* ?core .
  OPTIONAL { ?e sg:operatedBy ?la }
}
"""


def suggest_concepts(store, thesaurus: Thesaurus | None = None, *,
                     min_documents: int = 2) -> list[dict[str, object]]:
    """Names the extractor discovered (not in the thesaurus), grouped by lower-cased label, most frequent first.

    Each row: label, class (the most frequent core class), documents and authorities (how many mention
    it), and forms (the spellings seen). A person reads this list and promotes the real names into the
    thesaurus; names the thesaurus already knows are left out.
    """
    values = " ".join(f"sg:{c}" for c in CORE_CLASSES if c != "Theme")
    result = store.query(_DISCOVERED_QUERY % values)
    groups: dict[str, dict[str, object]] = {}
    for row in result.dicts():
        label = " ".join(str(row["label"]).split())
        key = label.casefold()
        group = groups.setdefault(key, {"docs": set(), "las": set(), "classes": {}, "forms": {}})
        group["docs"].add(row["doc"])  # type: ignore[union-attr]
        if row.get("la"):
            group["las"].add(row["la"])  # type: ignore[union-attr]
        core = _local(row["core"], SG)
        group["classes"][core] = group["classes"].get(core, 0) + 1  # type: ignore[index,union-attr]
        group["forms"][label] = group["forms"].get(label, 0) + 1  # type: ignore[index,union-attr]
    rows = []
    for key, group in groups.items():
        docs, las = len(group["docs"]), len(group["las"])  # type: ignore[arg-type]
        if docs < min_documents:
            continue
        if thesaurus is not None and thesaurus.by_label(key) is not None:
            continue
        classes: dict[str, int] = group["classes"]  # type: ignore[assignment]
        forms: dict[str, int] = group["forms"]  # type: ignore[assignment]
        rows.append({
            "label": key,
            "class": max(sorted(classes), key=lambda c: classes[c]),
            "documents": docs,
            "authorities": las,
            "forms": sorted(forms, key=lambda f: (-forms[f], f)),
        })
    rows.sort(key=lambda r: (-r["documents"], -r["authorities"], r["label"]))  # type: ignore[operator]
    return rows


def suggestions_turtle(rows: Iterable[dict[str, object]]) -> str:
    """A Turtle snippet with one draft concept per suggestion, for a person to edit and add to a thesaurus
    file (definition and scope need checking; nothing is written anywhere)."""
    from kg.identifiers import concept_iri, slugify

    def lit(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'

    out = [f"@prefix sgt: <{SGT}> .", f"@prefix sg: <{SG}> .", f"@prefix skos: <{SKOS}> .", ""]
    for row in rows:
        label = str(row["label"])
        iri = concept_iri(slugify(label))
        name = "sgt:" + iri[len(SGT):] if iri.startswith(SGT) and re.fullmatch(r"[\w-]+", iri[len(SGT):]) \
            else f"<{iri}>"
        forms = [f for f in row.get("forms", []) if f.casefold() != label]  # type: ignore[union-attr]
        alts = sorted({f for f in forms if is_case_sensitive(f)} | {f.casefold() for f in forms
                                                                      if not is_case_sensitive(f)} - {label})
        lines = [f"{name}", "    a skos:Concept ;", "    skos:inScheme sgt:scheme ;",
                 f"    skos:prefLabel {lit(label)} ;"]
        if alts:
            lines.append("    skos:altLabel " + ", ".join(lit(a) for a in alts) + " ;")
        lines += [f"    skos:definition {lit('TODO: say what this is, in your own words.')} ;",
                  f"    sg:coreClass sg:{row['class']} ;",
                  "    sg:scope sg:Local .  # seen in "
                  f"{row['documents']} documents about {row['authorities']} authorities", ""]
        out.append("\n".join(lines))
    return "\n".join(out)
