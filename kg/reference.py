"""Reference data: the English local authorities, their regions and statistical neighbours.

Everything about an authority that does not come from a document lives here: the table built by
`scripts/build_reference.py` (`data/reference/authorities.csv`), name resolution for the many ways
reports and users write a council's name, finding those names in running text, and the static named
graphs (reference, ontology, thesaurus) every store needs before documents are added.

Example:
    >>> index = AuthorityIndex()
    >>> index.resolve("London Borough of Harrow").gss_code
    'E09000015'
    >>> index.resolve("Hull City Council").name
    'Kingston upon Hull'
    >>> [(a.name, s, e) for a, s, e in index.find_in_text("Harrow's MASH and Telford & Wrekin")]
    [('Harrow', 0, 6), ('Telford and Wrekin', 18, 34)]
"""

from __future__ import annotations

import csv
import functools
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg import ntriples as nt
from kg.errors import InputError, KgError
from kg.identifiers import (
    DCTERMS,
    ONS_GEOGRAPHY,
    ONTOLOGY_GRAPH,
    ORG,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    SKOS,
    THESAURUS_GRAPH,
    authority_iri,
    region_iri,
    sg,
)
from kg.settings import ONTOLOGY_DIR, REFERENCE_DIR

if TYPE_CHECKING:
    from kg.store import Store

log = logging.getLogger(__name__)

AUTHORITIES_CSV = REFERENCE_DIR / "authorities.csv"
REPORTS_CSV = REFERENCE_DIR / "ofsted-reports.csv"
ONTOLOGY_TTL = ONTOLOGY_DIR / "sg.ttl"
THESAURUS_TTL = ONTOLOGY_DIR / "thesaurus.ttl"

#: Bumped when the way a static graph is written changes, so stores reload it even if the sources did not.
STATIC_GRAPH_VERSION = "2"


@dataclass(frozen=True, slots=True)
class Authority:
    """One English local authority with children's-services responsibility (or a former one)."""

    gss_code: str
    old_code: str
    ofsted_urn: str
    name: str
    variants: tuple[str, ...]
    region_code: str
    region_name: str
    authority_type: str
    population_0_25: int | None
    statistical_neighbours: tuple[str, ...]
    previous_statistical_neighbours: tuple[str, ...]
    ons_iri: str
    #: ISO date the authority was abolished by reorganisation ("" while it exists).
    abolished: str = ""
    replaced_by: tuple[str, ...] = ()

    @property
    def iri(self) -> str:
        return authority_iri(self.gss_code)

    @property
    def current(self) -> bool:
        return not self.abolished

    @property
    def names(self) -> tuple[str, ...]:
        """The name and all its variants."""
        return (self.name, *self.variants)


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(";") if p.strip())


def _row_to_authority(row: dict[str, str]) -> Authority:
    pop = (row.get("population_0_25") or "").strip()
    return Authority(
        gss_code=row["gss_code"].strip(),
        old_code=row.get("old_code", "").strip(),
        ofsted_urn=row.get("ofsted_urn", "").strip(),
        name=row["name"].strip(),
        variants=_split(row.get("variants", "")),
        region_code=row.get("region_code", "").strip(),
        region_name=row.get("region_name", "").strip(),
        authority_type=row.get("authority_type", "").strip(),
        population_0_25=int(pop) if pop.isdigit() else None,
        statistical_neighbours=_split(row.get("statistical_neighbours", "")),
        previous_statistical_neighbours=_split(row.get("previous_statistical_neighbours", "")),
        ons_iri=row.get("ons_iri", "").strip() or ONS_GEOGRAPHY + row["gss_code"].strip(),
        abolished=row.get("abolished", "").strip(),
        replaced_by=_split(row.get("replaced_by", "")),
    )


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int, size: int) -> tuple[Authority, ...]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read the authorities table ({err})") from err
    try:
        return tuple(_row_to_authority(r) for r in rows)
    except (KeyError, AttributeError) as err:
        raise InputError(path, f"not an authorities table (missing column {err})") from err


def load_authorities(path: Path | str | None = None) -> list[Authority]:
    """All authorities in the reference table, sorted by GSS code (read once per file version)."""
    p = Path(path) if path is not None else AUTHORITIES_CSV
    try:
        st = p.stat()
    except OSError as err:
        raise KgError(f"{p}: reference table not found",
                      hint="run `python scripts/build_reference.py` to build it") from err
    return sorted(_load_cached(str(p), st.st_mtime_ns, st.st_size), key=lambda a: a.gss_code)


@dataclass(frozen=True, slots=True)
class PublishedReport:
    """One published Ofsted report listed in data/reference/ofsted-reports.csv (from an independent scrape).

    Grades are ontology local names ("Good", "RequiresImprovement"; "" when the scrape has none). The
    scrape is a reference, not the truth: where a report and its row disagree, the report wins.
    """

    gss_code: str
    authority: str
    urn: str
    ofsted_name: str
    publication_date: str
    framework: str
    document_type: str
    inspection_start: str
    inspection_end: str
    lead_inspector: str
    overall_effectiveness: str
    impact_of_leaders: str
    help_and_protection: str
    children_in_care: str
    care_leavers: str
    url: str
    #: Path relative to ../shared/corpus ("ofsted-ilacs/80499_harrow/2019-01-07.pdf"), "" if none.
    file: str


def load_reports(path: Path | str | None = None) -> list[PublishedReport]:
    """The manifest of published reports, sorted by authority code then publication date."""
    p = Path(path) if path is not None else REPORTS_CSV
    names = [f for f in PublishedReport.__dataclass_fields__]
    try:
        with p.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError as err:
        raise KgError(f"{p}: report manifest not found",
                      hint="run `python scripts/build_reference.py` to build it") from err
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(p, f"cannot read the report manifest ({err})") from err
    if rows and "url" not in rows[0]:
        raise InputError(p, "not a report manifest (no url column)")
    out = [PublishedReport(**{n: (r.get(n) or "").strip() for n in names}) for r in rows]
    return sorted(out, key=lambda r: (r.gss_code, r.publication_date, r.url))


# --- names -------------------------------------------------------------------------------------------

_APOSTROPHES = "\u2019\u2018\u02bc`\u00b4"
_SEPARATORS = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\x02_\u00ad/")
_SMALL_WORDS = {"and", "of", "on", "upon", "with", "the", "under", "in", "le"}


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case, accent-free text with one space between words, and each character's source offset.

    Hyphens and line-break marks become spaces ("Stockton-on-Tees" = "Stockton on Tees"), "&" becomes
    "and", "St." becomes "st"; other punctuation stays, so "Harrow. Barnet" cannot read as one name.
    """
    out: list[str] = []
    pos: list[int] = []

    def emit(chars: str, i: int) -> None:
        for ch in chars:
            if ch == " " and (not out or out[-1] == " "):
                continue
            out.append(ch)
            pos.append(i)

    for i, c in enumerate(text):
        if c in _APOSTROPHES:
            emit("'", i)
        elif c == "&":
            emit(" and ", i)
        elif c.isspace() or c in _SEPARATORS:
            emit(" ", i)
        elif c == "." and len(out) >= 2 and out[-2:] == ["s", "t"] and (len(out) == 2 or out[-3] == " "):
            emit(" ", i)  # "St." / "St.Helens" -> "st "
        elif c.isascii():
            emit(c.lower(), i)
        else:
            base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
            emit(base.lower() or c, i)
    while out and out[-1] == " ":
        out.pop()
        pos.pop()
    return "".join(out), pos


def name_key(name: str) -> str:
    """The key names are compared by: case, accents, punctuation, "&", "St." and possessives ignored.

    >>> name_key("St. Helens's")
    'st helens'
    >>> name_key("Bournemouth, Christchurch & Poole")
    'bournemouth christchurch and poole'
    """
    text, _ = _normalise(name)
    text = re.sub(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", "", text)  # possessive: Harrow's, Harrow Councils'
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_PREFIXES = ("the ", "together for children ", "london borough of ", "royal borough of ", "metropolitan borough of ", "borough of ",
             "city and county of ", "county of ", "city of ", "council of the ", "council of ")
_SUFFIXES = (" metropolitan borough council", " metropolitan district council", " borough council",
             " county council", " city council", " district council", " unitary authority", " council",
             " local authority", " children services", " children social care", " city", " county",
             " borough", " la",
             # The trusts and companies that run some councils' children's services: "Birmingham Children's
             # Trust", "Doncaster Children's Services Trust", "Slough Children First".
             " children trust", " childrens trust", " children services trust", " children and families trust",
             " children first")


def _strippings(key: str) -> Iterator[str]:
    """Forms of a name key with one administrative prefix or suffix removed."""
    for p in _PREFIXES:
        if key.startswith(p) and len(key) > len(p):
            yield key[len(p):]
    for s in _SUFFIXES:
        if key.endswith(s) and len(key) > len(s):
            yield key[: -len(s)]


#: Names whose answer `AuthorityIndex.resolve` keeps before starting afresh.
_RESOLVED_MAX = 50_000


class AuthorityIndex:
    """Finds authorities by code or by any common form of their name, in a string or in running text."""

    def __init__(self, authorities: Iterable[Authority] | None = None) -> None:
        self.authorities: list[Authority] = (
            sorted(authorities, key=lambda a: a.gss_code) if authorities is not None else load_authorities()
        )
        self.by_gss = {a.gss_code: a for a in self.authorities}
        self._by_code: dict[str, Authority] = {}
        for a in self.authorities:
            for code in (a.gss_code.lower(), a.old_code, a.ofsted_urn):
                if code:
                    self._by_code.setdefault(code, a)
        self._keys: dict[str, Authority] = {}
        for a in self.authorities:
            for n in a.names:
                self._add_key(name_key(n), a)
        self._automaton = None
        # Extraction asks about the same candidate names in report after report ("Ofsted", "the Local
        # Safeguarding Children Board"): answers are kept (the index never changes once built).
        self._resolved: dict[str, Authority | None] = {}

    def _add_key(self, key: str, a: Authority) -> None:
        old = self._keys.get(key)
        if old is None or (not old.current and a.current):
            self._keys[key] = a
        elif old is not a and old.current == a.current:
            log.debug("name %r fits %s and %s; keeping the first", key, old.name, a.name)

    def __iter__(self) -> Iterator[Authority]:
        return iter(self.authorities)

    def __len__(self) -> int:
        return len(self.authorities)

    def get(self, gss_code: str) -> Authority | None:
        return self.by_gss.get(gss_code)

    def neighbours(self, authority: Authority, *, previous: bool = False) -> list[Authority]:
        """The statistical neighbours, closest first."""
        codes = authority.previous_statistical_neighbours if previous else authority.statistical_neighbours
        return [self.by_gss[c] for c in codes if c in self.by_gss]

    def resolve(self, name: str) -> Authority | None:
        """The authority a name (or a GSS code, old code or Ofsted URN) refers to, or None.

        Accepts "Harrow", "HARROW", "Harrow's", "London Borough of Harrow", "Harrow Council",
        "Hull City Council", "Royal Borough of Windsor & Maidenhead", "St. Helens", "E09000015", "310".
        """
        text = name.strip()
        if not text:
            return None
        if text in self._resolved:
            return self._resolved[text]
        if len(self._resolved) >= _RESOLVED_MAX:
            self._resolved.clear()
        found = self._resolved[text] = self._resolve(text)
        return found

    def _resolve(self, text: str) -> Authority | None:
        code = self._by_code.get(text.lower())
        if code is not None:
            return code
        start = name_key(text)
        seen = {start}
        frontier = [start]
        for _ in range(4):  # at most a few affixes: "the London Borough of Harrow Council"
            nxt: list[str] = []
            for key in frontier:
                if key in self._keys:
                    return self._keys[key]
            for key in frontier:
                for k in _strippings(key):
                    if k not in seen:
                        seen.add(k)
                        nxt.append(k)
            if not nxt:
                break
            frontier = nxt
        return None

    # --- in running text ---------------------------------------------------------------------------

    def _build_automaton(self):  # -> ahocorasick.Automaton
        import ahocorasick

        auto = ahocorasick.Automaton()
        entries: dict[str, tuple[Authority, str]] = {}
        for a in self.authorities:
            for n in a.names:
                for form in {n, n.replace(",", "")}:
                    key, _ = _normalise(form)
                    if len(key) < 3:
                        continue
                    old = entries.get(key)
                    if old is None or (not old[0].current and a.current):
                        entries[key] = (a, n)
        for key, value in entries.items():
            auto.add_word(key, (len(key), value[0], value[1]))
        auto.make_automaton()
        return auto

    def find_in_text(self, text: str, *, include_abolished: bool = True) -> list[tuple[Authority, int, int]]:
        """Authority names in `text` as (authority, start, end) character offsets, in text order.

        Longest match first ("North Northamptonshire" is not also "Northamptonshire"), whole words only,
        and a name must be written as a name: "Reading" and "READING" match, "reading" does not.
        """
        if not text:
            return []
        if self._automaton is None:
            self._automaton = self._build_automaton()
        norm, pos = _normalise(text)
        candidates: list[tuple[int, int, Authority, str]] = []
        for end, (length, authority, surface) in self._automaton.iter(norm):
            start = end - length + 1
            if start > 0 and norm[start - 1].isalnum():
                continue
            if end + 1 < len(norm) and norm[end + 1].isalnum():
                continue
            if not include_abolished and not authority.current:
                continue
            o_start, o_end = pos[start], pos[end] + 1
            if not _written_as_name(text[o_start:o_end], surface):
                continue
            candidates.append((start, end + 1, authority, surface))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        found: list[tuple[Authority, int, int]] = []
        for start, end, authority, _ in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((authority, pos[start], pos[end - 1] + 1))
        return sorted(found, key=lambda f: (f[1], f[2]))


def _written_as_name(span: str, surface: str) -> bool:
    """Whether a matched span is capitalised like a proper name (or is an acronym written in capitals)."""
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters):  # BCP, RBKC, B&NES
        return span.upper() == span
    for word in re.findall(r"[^\W\d_][\w']*", span):
        if word.lower() in _SMALL_WORDS:
            continue
        if not word[0].isupper():
            return False
    return True


@functools.lru_cache(maxsize=1)
def default_index() -> AuthorityIndex:
    """The index over data/reference/authorities.csv, built once per process."""
    return AuthorityIndex()


# --- graphs ------------------------------------------------------------------------------------------


def reference_nquads(authorities: Sequence[Authority] | None = None) -> str:
    """The reference graph (authorities, regions, neighbours) as N-Quads text, in a stable order."""
    items = sorted(authorities if authorities is not None else load_authorities(), key=lambda a: a.gss_code)
    known = {a.gss_code for a in items}
    w = nt.QuadWriter(REFERENCE_GRAPH)
    regions: dict[str, str] = {}
    for a in items:
        s = a.iri
        w.add_iri(s, RDF + "type", sg("LocalAuthority"))
        w.add_iri(s, RDF + "type", ORG + "Organization")
        w.add(s, RDFS + "label", nt.lit(a.name))
        for v in a.variants:
            w.add(s, SKOS + "altLabel", nt.lit(v))
        w.add(s, sg("gssCode"), nt.lit(a.gss_code))
        if a.old_code:
            w.add(s, sg("oldCode"), nt.lit(a.old_code))
        if a.ofsted_urn:
            w.add(s, sg("ofstedUrn"), nt.lit(a.ofsted_urn))
        if a.region_code:
            w.add_iri(s, sg("region"), region_iri(a.region_code))
            regions.setdefault(a.region_code, a.region_name)
        if a.authority_type:
            w.add(s, sg("authorityType"), nt.lit(a.authority_type))
        if a.population_0_25 is not None:
            w.add(s, sg("population0to25"), nt.integer(a.population_0_25))
        for n in a.statistical_neighbours:
            if n in known:
                w.add_iri(s, sg("statisticalNeighbour"), authority_iri(n))
        for n in a.replaced_by:
            if n in known:
                w.add_iri(s, DCTERMS + "isReplacedBy", authority_iri(n))
        w.add_iri(s, SKOS + "exactMatch", a.ons_iri or ONS_GEOGRAPHY + a.gss_code)
    for code in sorted(regions):
        r = region_iri(code)
        w.add_iri(r, RDF + "type", sg("Region"))
        w.add(r, RDFS + "label", nt.lit(regions[code] or code))
        w.add_iri(r, SKOS + "exactMatch", ONS_GEOGRAPHY + code)
    return w.text()


def _turtle_to_nquads(path: Path, graph: str) -> str:
    import pyoxigraph as ox

    g = ox.NamedNode(graph)
    try:
        quads = [ox.Quad(t.subject, t.predicate, t.object, g)
                 for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)]
    except SyntaxError as err:
        raise InputError(path, f"Turtle syntax error: {err}") from err
    except (OSError, ValueError) as err:
        raise InputError(path, f"cannot read ({err})") from err
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def _stored_hash(store: Store, graph: str) -> str | None:
    res = store.query(f"SELECT ?h WHERE {{ GRAPH {nt.iri(graph)} {{ {nt.iri(graph)} sg:builtFrom ?h }} }}")
    return res.rows[0][0].value if res.rows and res.rows[0][0] is not None else None


def _with_hash(graph: str, nquads: str, digest: str) -> str:
    line = f"{nt.iri(graph)} {nt.iri(sg('builtFrom'))} {nt.lit(digest)} {nt.iri(graph)} .\n"
    return nquads + ("" if not nquads or nquads.endswith("\n") else "\n") + line


def ensure_static_graphs(
    store: Store,
    extra_thesaurus: Sequence[Path | str] = (),
    *,
    force: bool = False,
    ontology_dir: Path | None = None,
    authorities_path: Path | None = None,
) -> bool:
    """Load the reference, ontology and thesaurus graphs when missing or changed; True if any was written.

    Each static graph holds `<graph> sg:builtFrom "..."`, the hash of what it was built from, so an
    unchanged graph is never rewritten (cheap to call before every ingest). A missing Turtle file is
    logged and left out; a graph none of whose files exist is left as it is in the store.
    """
    onto = Path(ontology_dir) if ontology_dir is not None else ONTOLOGY_DIR
    changed = False

    ref_text = reference_nquads(load_authorities(authorities_path))
    ref_hash = hashlib.sha256(f"v{STATIC_GRAPH_VERSION}\n{ref_text}".encode()).hexdigest()
    if force or _stored_hash(store, REFERENCE_GRAPH) != ref_hash:
        store.replace_graph(REFERENCE_GRAPH, _with_hash(REFERENCE_GRAPH, ref_text, ref_hash))
        log.info("loaded the reference graph (%d authorities)", ref_text.count("LocalAuthority>"))
        changed = True

    sources = (
        (ONTOLOGY_GRAPH, [onto / "sg.ttl", onto / "measures.ttl"]),
        (THESAURUS_GRAPH, [onto / "thesaurus.ttl", *(Path(p) for p in extra_thesaurus)]),
    )
    for graph, paths in sources:
        present = [p for p in paths if p.is_file()]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            log.warning("%s: not found; %s", ", ".join(missing),
                        f"graph {graph} loaded without it" if present else f"graph {graph} not loaded")
        if not present:
            continue
        digest = hashlib.sha256(f"v{STATIC_GRAPH_VERSION}\n".encode())
        for p in present:
            digest.update(hashlib.sha256(p.read_bytes()).hexdigest().encode() + b"\n")
        value = digest.hexdigest()
        if not force and _stored_hash(store, graph) == value:
            continue
        text = "".join(_turtle_to_nquads(p, graph) for p in present)
        store.replace_graph(graph, _with_hash(graph, text, value))
        log.info("loaded %s from %s", graph, ", ".join(p.name for p in present))
        changed = True
    return changed
