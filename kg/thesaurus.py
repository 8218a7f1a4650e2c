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
from typing import Any

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

    def ancestors(self, slug: str) -> set[str]:
        """The slugs of every concept broader than `slug`, all the way up ("mach" -> "mash", "front-door")."""
        out: set[str] = set()
        todo = list(self.concepts[slug].broader) if slug in self.concepts else []
        while todo:
            b = todo.pop()
            if b not in out:
                out.add(b)
                todo.extend(self.concepts[b].broader if b in self.concepts else ())
        return out

    def similar(self, text: str, *, limit: int = 5) -> list[Concept]:
        """Things (not themes) a person asking for `text` may mean, best first: those with a label holding all
        its words ("edge of care" -> edge of care team, edge of care panel), else labels close in spelling."""
        import difflib

        words = re.findall(r"\w+", text.casefold())
        things = [c for c in self.concepts.values() if c.core_class != "Theme"]
        holding = [c for c in things if words and any(
            all(re.search(rf"\b{re.escape(w)}\b", label.casefold()) for w in words) for label in c.labels)]
        if holding:
            return sorted(holding, key=lambda c: (len(c.pref_label), c.pref_label.casefold()))[:limit]
        by_label = {label.casefold(): c for c in things for label in c.labels}
        close = difflib.get_close_matches(text.casefold(), list(by_label), n=limit * 2, cutoff=0.75)
        return list(dict.fromkeys(by_label[label] for label in close))[:limit]


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
    import pyoxigraph as ox

    graph = _Triples()
    for path in paths:
        try:
            one = _Triples(
                (q.subject, q.predicate, q.object)
                for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.as_uri(),
                                  rename_blank_nodes=True)
            )
        except Exception as err:  # SyntaxError, OSError, ValueError
            reason = " ".join(str(err).split())[:300]
            raise KgError(f"{path}: not valid Turtle ({reason})",
                          hint="Fix the file or leave it out of --thesaurus.") from err
        _check_concepts(one, path, graph)
        # A later file may re-class or re-scope a concept: its statement replaces the earlier one.
        for prop in (SG + "coreClass", SG + "scope"):
            predicate = ox.NamedNode(prop)
            for subject in one.subjects(predicate, None):
                graph.remove(subject, predicate)
        graph.update(one)
    return Thesaurus(concepts=_concepts(graph), files=paths)


class _Triples:
    """The few graph look-ups the loader needs, over pyoxigraph terms.

    pyoxigraph parses the thesaurus' 8,000 triples in about 10 ms where rdflib took about 300 ms, which
    every ingest worker and command paid. The objects of a subject and predicate keep the order they were
    first added in, the files' order (rdflib's in-memory graph gave them in an order of its own), which only
    shows among labels that differ in case alone.
    """

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]] = ()) -> None:
        self._spo: dict[Any, dict[Any, dict[Any, None]]] = {}
        for s, p, o in triples:
            self._spo.setdefault(s, {}).setdefault(p, {})[o] = None

    def update(self, other: _Triples) -> None:
        for s, by_predicate in other._spo.items():
            mine = self._spo.setdefault(s, {})
            for p, objects in by_predicate.items():
                mine.setdefault(p, {}).update(objects)

    def remove(self, subject: Any, predicate: Any) -> None:
        self._spo.get(subject, {}).pop(predicate, None)

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        return list(self._spo.get(subject, {}).get(predicate, ()))

    def value(self, subject: Any, predicate: Any) -> Any:
        """The first object of the subject and predicate, or None."""
        return next(iter(self._spo.get(subject, {}).get(predicate, ())), None)

    def subjects(self, predicate: Any, obj: Any) -> set[Any]:
        """The subjects with the predicate (and that object, unless `obj` is None)."""
        return {s for s, by_predicate in self._spo.items()
                if predicate in by_predicate and (obj is None or obj in by_predicate[predicate])}

    def has(self, subject: Any, predicate: Any, obj: Any) -> bool:
        return obj in self._spo.get(subject, {}).get(predicate, ())


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _slug(iri: str) -> str:
    if iri.startswith(SGT):
        return iri[len(SGT):]
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _local(iri: object, prefix: str) -> str:
    text = str(iri)
    return text[len(prefix):] if text.startswith(prefix) else text


def _check_concepts(graph: _Triples, path: Path, earlier: _Triples) -> None:
    """Refuse a file whose concepts lack what the extractor needs (prefLabel, known class and scope).

    A concept defined by an earlier file may be given only extra labels here (with or without its type).
    """
    import pyoxigraph as ox

    rdf_type, concept_class = ox.NamedNode(_RDF_TYPE), ox.NamedNode(SKOS + "Concept")
    core_class, scope_p = ox.NamedNode(SG + "coreClass"), ox.NamedNode(SG + "scope")
    for concept in graph.subjects(rdf_type, concept_class):
        name = _slug(concept.value)
        known = earlier.has(concept, rdf_type, concept_class)
        core = graph.value(concept, core_class)
        if core is not None and _local(core.value, SG) not in CORE_CLASSES:
            raise KgError(f"{path}: concept {name} has unknown sg:coreClass {core.value}",
                          hint="Use one of " + ", ".join(f"sg:{c}" for c in CORE_CLASSES) + ".")
        scope = graph.value(concept, scope_p)
        if scope is not None and _local(scope.value, SG) not in SCOPES:
            raise KgError(f"{path}: concept {name} has unknown sg:scope {scope.value}",
                          hint="Use sg:Local or sg:National.")
        if known:
            continue
        if graph.value(concept, ox.NamedNode(SKOS + "prefLabel")) is None:
            raise KgError(f"{path}: concept {name} has no skos:prefLabel")
        if core is None:
            log.warning("%s: concept %s has no sg:coreClass; it is treated as a theme",
                        path, name)


def _concepts(graph: _Triples) -> dict[str, Concept]:
    import pyoxigraph as ox

    def node(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    def texts(subject: ox.NamedNode, predicate: ox.NamedNode) -> list[str]:
        values = [v for v in graph.objects(subject, predicate) if isinstance(v, ox.Literal)]
        english = [v for v in values if v.language in (None, "en") or str(v.language).startswith("en-")]
        return list(dict.fromkeys(" ".join(v.value.split()) for v in english or values))

    pref_p, alt_p, def_p = node(SKOS + "prefLabel"), node(SKOS + "altLabel"), node(SKOS + "definition")
    core_p, scope_p, ambiguous_p = node(SG + "coreClass"), node(SG + "scope"), node(SG + "ambiguousLabel")
    broader_p = node(SKOS + "broader")
    out: dict[str, Concept] = {}
    for subject in sorted(graph.subjects(node(_RDF_TYPE), node(SKOS + "Concept")), key=lambda t: t.value):
        if not isinstance(subject, ox.NamedNode):
            continue
        prefs = texts(subject, pref_p)
        if not prefs:
            continue
        pref = sorted(prefs)[0]
        # Further preferred labels are kept as alternative ones, in the file's order.
        alts = [a for a in texts(subject, alt_p) + prefs if a != pref]
        core = min(graph.objects(subject, core_p), key=lambda t: t.value, default=None)
        scope = min(graph.objects(subject, scope_p), key=lambda t: t.value, default=None)
        definitions = sorted(texts(subject, def_p))
        slug = _slug(subject.value)
        out[slug] = Concept(
            slug=slug,
            iri=subject.value,
            pref_label=pref,
            alt_labels=tuple(sorted(dict.fromkeys(alts), key=str.casefold)),
            ambiguous_labels=tuple(sorted(texts(subject, ambiguous_p), key=str.casefold)),
            core_class=_local(core.value, SG) if core is not None else "Theme",
            scope=_local(scope.value, SG) if scope is not None else "Local",
            broader=tuple(sorted(_slug(b.value) for b in graph.objects(subject, broader_p))),
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
  OPTIONAL { ?e sg:operatedBy|sg:localTo ?la }
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
