"""Shared fixtures: a small hand-made graph (following docs/DATA-MODEL.md) and a local Oxigraph server.

The graph is built with kg.ntriples/kg.identifiers, the same writers the extractor uses, so a change of the
model shows up here. Every sentence in it is invented for the tests.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT))

from kg import identifiers as ids  # noqa: E402
from kg.ntriples import QuadWriter, boolean, decimal, integer, lit, xsd_date  # noqa: E402

SG, RDF, RDFS, SKOS = ids.SG, ids.RDF, ids.RDFS, ids.SKOS


# ----------------------------------------------------------------------------------------------------
# Options and project-wide fixtures.
# ----------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis results are cached on disk (kg.cache): each test gets its own cache folder, never ~/.cache."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-cache")))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--browser", action="store_true", default=False,
                     help="also run the tests marked `browser` (they drive Chromium)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--browser"):
        return
    skip = pytest.mark.skip(reason="browser test: run with --browser (needs Chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def runner():  # -> click.testing.CliRunner
    """A click test runner (stdout and stderr are kept apart: result.stdout, result.stderr)."""
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared read-only material (../shared beside the repository); tests needing it skip without it."""
    path = ROOT.parent / "shared"
    if not path.is_dir():
        pytest.skip("../shared (corpus, reference, eval) is not beside the repository")
    return path
TYPE = RDF + "type"
LABEL = RDFS + "label"


def sg(term: str) -> str:
    return SG + term


# ----------------------------------------------------------------------------------------------------
# A tiny corpus: 4 authorities, 6 documents.
# ----------------------------------------------------------------------------------------------------

AUTHORITIES = {
    # gss: (label, altLabel, old code, region code, type, population 0-25, neighbours)
    "E09000015": ("Harrow", ["London Borough of Harrow", "Harrow Council"], "310", "E12000007",
                  "London Borough", 82012, ["E09000017", "E09000009"]),
    "E09000009": ("Ealing", "London Borough of Ealing", "307", "E12000007", "London Borough", 116727,
                  ["E09000015", "E09000017"]),
    "E09000017": ("Hillingdon", "London Borough of Hillingdon", "312", "E12000007", "London Borough", 102015,
                  ["E09000009", "E09000015"]),
    "E10000015": ("Hertfordshire", "Hertfordshire County Council", "919", "E12000006", "County", 367496, []),
}
REGIONS = {"E12000007": "London", "E12000006": "East of England"}
HARROW, EALING, HILLINGDON, HERTS = "E09000015", "E09000009", "E09000017", "E10000015"

CONCEPTS = {
    # slug: (core class, scope, prefLabel, altLabels)
    "mash": ("Team", "Local", "multi-agency safeguarding hub", ["MASH", "multi agency safeguarding hub"]),
    "education-lead": ("Role", "Local", "education lead", ["MASH education lead"]),
    "family-safeguarding": ("Programme", "Local", "family safeguarding", ["Family Safeguarding model"]),
    "signs-of-safety": ("PracticeModel", "Local", "signs of safety", []),
    "contextual-safeguarding": ("PracticeModel", "Local", "contextual safeguarding", []),
    "metropolitan-police-service": ("Partner", "National", "Metropolitan Police Service", ["Met police"]),
    "troubled-families": ("Programme", "National", "troubled families", ["Supporting Families"]),
    "supervision": ("Theme", "Local", "supervision", []),
    "front-door": ("Team", "Local", "front door", ["single point of access"]),
}
# narrower concept -> its broader one (skos:broader), as in the thesaurus
BROADER = {"mash": "front-door"}


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _reference(authorities: dict | None = None) -> str:
    w = QuadWriter(ids.REFERENCE_GRAPH)
    for code, name in REGIONS.items():
        w.add_iri(ids.region_iri(code), TYPE, sg("Region"))
        w.add(ids.region_iri(code), LABEL, lit(name))
    for gss, (label, alt, old, region, kind, pop, neighbours) in (authorities or AUTHORITIES).items():
        la = ids.authority_iri(gss)
        w.add_iri(la, TYPE, sg("LocalAuthority"))
        w.add_iri(la, TYPE, ids.ORG + "Organization")
        w.add(la, LABEL, lit(label))
        for name in [alt] if isinstance(alt, str) else alt:
            w.add(la, SKOS + "altLabel", lit(name))
        w.add(la, sg("gssCode"), lit(gss))
        w.add(la, sg("oldCode"), lit(old))
        w.add_iri(la, sg("region"), ids.region_iri(region))
        w.add(la, sg("authorityType"), lit(kind))
        w.add(la, sg("population0to25"), integer(pop))
        w.add_iri(la, SKOS + "exactMatch", ids.ONS_GEOGRAPHY + gss)
        for n in neighbours:
            w.add_iri(la, sg("statisticalNeighbour"), ids.authority_iri(n))
    return w.text()


def _thesaurus(concepts: dict | None = None) -> str:
    w = QuadWriter(ids.THESAURUS_GRAPH)
    scheme = ids.SGT + "scheme"
    w.add_iri(scheme, TYPE, SKOS + "ConceptScheme")
    for slug, (cls, scope, pref, alts) in (concepts or CONCEPTS).items():
        c = ids.concept_iri(slug)
        w.add_iri(c, TYPE, SKOS + "Concept")
        w.add_iri(c, SKOS + "inScheme", scheme)
        w.add(c, SKOS + "prefLabel", lit(pref, lang="en"))
        for a in alts:
            w.add(c, SKOS + "altLabel", lit(a, lang="en"))
        w.add_iri(c, sg("coreClass"), sg(cls))
        w.add_iri(c, sg("scope"), sg(scope))
        if slug in BROADER:
            w.add_iri(c, SKOS + "broader", ids.concept_iri(BROADER[slug]))
    return w.text()


def _ontology() -> str:
    """The project's ontology (grade labels and ranks, class tree) plus one test-only Partner subclass."""
    w = QuadWriter(ids.ONTOLOGY_GRAPH)
    w.add_iri(sg("HealthPartner"), RDFS + "subClassOf", sg("Partner"))
    path = ROOT / "ontology" / "sg.ttl"
    if not path.exists():  # the queries fall back to local names for grades without labels
        return w.text()
    from kg.ontology import turtle_to_nquads

    return turtle_to_nquads(path, ids.ONTOLOGY_GRAPH) + w.text()


@dataclass
class Doc:
    """Writes one document's graph the way the extractor does (DATA-MODEL.md)."""

    key: str
    gss: str
    kind: str
    start: date
    end: date
    pages: int = 12
    access: str = "Public"
    sha: str = ""
    w: QuadWriter = field(init=False)
    _offsets: dict[tuple[int, str], int] = field(default_factory=dict)
    _cursor: int = 0
    _relations: int = 0

    def __post_init__(self) -> None:
        self.sha = _sha(self.key)
        self.w = QuadWriter(ids.graph_iri(self.sha))
        d, la = self.iri, ids.authority_iri(self.gss)
        self.w.add_iri(d, TYPE, sg(self.kind))
        self.w.add_iri(d, sg("about"), la)
        self.w.add(d, sg("sourceFile"), lit(f"samples/{self.key}.pdf"))
        self.w.add(d, sg("sha256"), lit(self.sha))
        self.w.add(d, sg("mediaType"), lit("application/pdf"))
        self.w.add(d, sg("pageCount"), integer(self.pages))
        self.w.add(d, ids.DCTERMS + "title", lit(f"Test document {self.key}"))
        self.w.add(d, sg("periodStart"), xsd_date(self.start))
        self.w.add(d, sg("periodEnd"), xsd_date(self.end))
        self.w.add_iri(d, sg("accessLevel"), sg(self.access))
        person = ids.person_iri("Pat Example")
        self.w.add_iri(d, sg("leadInspector"), person)
        self.w.add_iri(person, TYPE, sg("Person"))
        self.w.add(person, LABEL, lit("Pat Example"))

    @property
    def iri(self) -> str:
        return ids.document_iri(self.sha)

    def mention(self, target: str, page: int, sentence: str, surface: str) -> str:
        if (page, sentence) not in self._offsets:
            self._offsets[(page, sentence)] = self._cursor
            self._cursor += len(sentence) + 1
        start = self._offsets[(page, sentence)] + sentence.index(surface)
        end = start + len(surface)
        m = ids.mention_iri(self.sha, start, end)
        self.w.add_iri(m, TYPE, sg("Mention"))
        self.w.add_iri(m, sg("document"), self.iri)
        self.w.add_iri(m, sg("refersTo"), target)
        self.w.add(m, sg("page"), integer(page))
        self.w.add(m, sg("startOffset"), integer(start))
        self.w.add(m, sg("endOffset"), integer(end))
        self.w.add(m, sg("surfaceForm"), lit(surface))
        self.w.add(m, sg("sentence"), lit(sentence))
        self.w.add_iri(m, ids.PROV + "wasDerivedFrom", self.iri)
        return m

    def entity(self, slug: str, cls: str, label: str, page: int, sentence: str, surface: str, *,
               national: bool = False, discovered: bool = False, status: str | None = None,
               aliases: tuple[str, ...] = ()) -> str:
        if discovered:
            e = ids.entity_iri("x-" + ids.slugify(label), self.gss)
        else:
            e = ids.entity_iri(slug, None if national else self.gss)
        la = ids.authority_iri(self.gss)
        self.w.add_iri(e, TYPE, sg(cls))
        self.w.add(e, LABEL, lit(label))
        for alias in aliases:
            self.w.add(e, SKOS + "altLabel", lit(alias))
        if discovered:
            self.w.add(e, sg("discovered"), boolean(True))
            self.w.add(e, sg("confidence"), decimal(0.6))
        else:
            self.w.add_iri(e, sg("kind"), ids.concept_iri(slug))
        partner = cls == "Partner"  # as kg/graph.py states it: a local partner is local to, not run by, the council
        if not national:
            self.w.add_iri(e, sg("localTo" if partner else "operatedBy"), la)
        self.w.add_iri(e, sg("mentionedIn"), self.iri)
        self.w.add_iri(la, sg("uses" if national or partner else "has"), e)
        m = self.mention(e, page, sentence, surface)
        self.w.add_iri(e, sg("evidence"), m)
        if status:  # as kg/graph.py states it: directly, and as a statement with the mention as evidence
            self.w.add_iri(e, sg("status"), sg(status))
            st = f"{m}/{status}".replace("/mention/", "/status/")
            self.w.add_iri(st, TYPE, sg("StatusStatement"))
            self.w.add_iri(st, sg("statusOf"), e)
            self.w.add_iri(st, sg("status"), sg(status))
            self.w.add_iri(st, sg("evidence"), m)
        return e

    def judgements(self, **grades: str) -> None:
        areas = {"overall": "OverallEffectiveness", "leaders": "ImpactOfLeaders", "help": "HelpAndProtection",
                 "care": "ChildrenInCare", "leavers": "CareLeavers", "adoption": "AdoptionPerformance",
                 "board": "SafeguardingBoardEffectiveness"}
        for short, grade in grades.items():
            area = areas[short]
            j = ids.judgement_iri(self.sha, area)
            sentence = f"The judgement for {area} is {grade}."
            self.w.add_iri(self.iri, sg("judgement"), j)
            self.w.add_iri(j, TYPE, sg("Judgement"))
            self.w.add_iri(j, sg("area"), sg(area))
            self.w.add_iri(j, sg("grade"), sg(grade))
            self.w.add_iri(j, sg("evidence"), self.mention(j, 1, sentence, grade))

    def relation(self, subject: str, predicate: str, obj: str, page: int, sentence: str, cue: str,
                 basis: str = "CuePattern") -> None:
        """A relation node with its own evidence mention (the cue), as kg/graph.py writes it."""
        self._relations += 1
        r = ids.relation_iri(self.sha, self._relations)
        mention = self.mention(r, page, sentence, cue)
        self.w.add_iri(r, sg("mentionedIn"), self.iri)
        self.w.add_iri(subject, sg(predicate), obj)
        self.w.add_iri(r, TYPE, sg("Relation"))
        self.w.add_iri(r, sg("subject"), subject)
        self.w.add_iri(r, sg("predicate"), sg(predicate))
        self.w.add_iri(r, sg("object"), obj)
        self.w.add_iri(r, sg("basis"), sg(basis))
        self.w.add_iri(r, sg("evidence"), mention)

    def metric(self, indicator: str, value: float, unit: str, page: int, sentence: str, surface: str, *,
               period: str | None = None, comparator: str | None = None, comparator_value: float | None = None
               ) -> str:
        m = ids.metric_iri(self.sha, self._cursor)
        ev = self.mention(m, page, sentence, surface)
        self.w.add_iri(m, TYPE, sg("Metric"))
        self.w.add(m, sg("indicator"), lit(indicator))
        self.w.add(m, sg("value"), decimal(value))
        self.w.add(m, sg("unit"), lit(unit))
        if period:
            self.w.add(m, sg("period"), lit(period))
        if comparator:
            self.w.add(m, sg("comparator"), lit(comparator))
        if comparator_value is not None:
            self.w.add(m, sg("comparatorValue"), decimal(comparator_value))
        self.w.add_iri(m, sg("about"), ids.authority_iri(self.gss))
        self.w.add_iri(m, sg("mentionedIn"), self.iri)
        self.w.add_iri(m, sg("evidence"), ev)
        return m

    def finding(self, polarity: str, text: str, page: int, *, concerns: str | None = None,
                hedged: bool = False, recommendation: bool = False) -> str:
        f = ids.finding_iri(self.sha, self._cursor)
        ev = self.mention(f, page, text, text)
        self.w.add_iri(f, TYPE, sg("Finding"))
        self.w.add_iri(f, sg("polarity"), sg(polarity))
        self.w.add(f, sg("text"), lit(text))
        if hedged:
            self.w.add(f, sg("hedged"), boolean(True))
        if recommendation:
            self.w.add(f, sg("recommendation"), boolean(True))
        if concerns:
            self.w.add_iri(f, sg("concerns"), concerns)
        self.w.add_iri(f, sg("about"), ids.authority_iri(self.gss))
        self.w.add_iri(f, sg("mentionedIn"), self.iri)
        self.w.add_iri(f, sg("evidence"), ev)
        return f

    def graph(self) -> tuple[str, str]:
        return ids.graph_iri(self.sha), self.w.text()


def build_query_graphs() -> list[tuple[str, str]]:
    """(graph IRI, N-Quads) for the reference, thesaurus and ontology graphs and six document graphs."""
    docs: list[Doc] = []
    met = "metropolitan-police-service"

    # Harrow, standard inspection, April 2019.
    d = Doc("harrow-2019", HARROW, "StandardInspection", date(2019, 4, 1), date(2019, 4, 12))
    d.judgements(overall="Good", leaders="Good", help="Good", care="RequiresImprovement", leavers="Good")
    s1 = "The MASH now includes an education lead who checks school records."
    mash = d.entity("mash", "Team", "multi-agency safeguarding hub", 3, s1, "MASH", aliases=("MASH",))
    d.entity("education-lead", "Role", "education lead", 3, s1, "education lead")
    s2 = "Managers in the MASH audit decisions weekly."
    m2 = d.mention(mash, 5, s2, "MASH")
    d.entity("signs-of-safety", "PracticeModel", "signs of safety", 4,
             "Social workers use Signs of Safety in every team.", "Signs of Safety")
    s3 = "The MASH works closely with the Metropolitan Police Service."
    d.mention(mash, 6, s3, "MASH")
    police = d.entity(met, "Partner", "Metropolitan Police Service", 6, s3, "Metropolitan Police Service",
                      national=True)
    d.relation(mash, "worksWith", police, 6, s3, "works closely with")
    d.entity("", "HealthPartner", "local NHS trust", 7,
             "Health visitors from the local NHS trust attend meetings.", "local NHS trust", discovered=True)
    d.metric("agency staff", 16.0, "percent", 7, "Agency staff are 16% of social workers, against a London "
             "average of 26%.", "16%", period="March 2019", comparator="London average",
             comparator_value=26.0)
    d.finding("AreaForImprovement", "Supervision records seldom show reflective discussion.", 8,
              concerns=ids.concept_iri("supervision"), recommendation=True)
    f = ids.finding_iri(d.sha, d._cursor)
    d.w.add_iri(f, TYPE, sg("Finding"))
    d.w.add_iri(f, sg("polarity"), sg("Strength"))
    d.w.add(f, sg("text"), lit("Managers in the MASH audit decisions weekly."))
    d.w.add_iri(f, sg("concerns"), mash)
    d.w.add_iri(f, sg("about"), ids.authority_iri(HARROW))
    d.w.add_iri(f, sg("mentionedIn"), d.iri)
    d.w.add_iri(f, sg("evidence"), m2)
    docs.append(d)

    # Harrow, annual engagement letter, June 2021.
    d = Doc("harrow-2021", HARROW, "EngagementLetter", date(2021, 6, 10), date(2021, 6, 10), pages=4,
            access="Restricted")
    d.entity("mash", "Team", "multi-agency safeguarding hub", 1, "Partners describe the MASH as embedded.",
             "MASH", status="Embedded")
    fs = d.entity("family-safeguarding", "Programme", "family safeguarding", 1,
                  "Family Safeguarding is being piloted in two teams.", "Family Safeguarding",
                  status="Piloted")
    s = "Family Safeguarding teams work with the Metropolitan Police Service on domestic abuse."
    d.mention(fs, 2, s, "Family Safeguarding")
    police = d.entity(met, "Partner", "Metropolitan Police Service", 2, s, "Metropolitan Police Service",
                      national=True)
    d.relation(fs, "worksWith", police, 2, s, "work with")
    d.entity("contextual-safeguarding", "PracticeModel", "contextual safeguarding", 2,
             "Leaders have adopted contextual safeguarding for adolescents.", "contextual safeguarding")
    d.entity("signs-of-safety", "PracticeModel", "signs of safety", 2,
             "Signs of Safety remains the practice framework.", "Signs of Safety")
    d.finding("AreaForImprovement", "Assessments for children in need are not always timely.", 3, hedged=True)
    d.finding("Risk", "A few children are left too long in unregistered homes.", 4)
    d.metric("re-referrals", 18.0, "percent", 3, "Re-referrals stood at 18% last year.", "18%")
    docs.append(d)

    # Ealing, standard inspection, October 2018.
    d = Doc("ealing-2018", EALING, "StandardInspection", date(2018, 10, 1), date(2018, 10, 12))
    d.judgements(overall="RequiresImprovement", leaders="RequiresImprovement", help="Good",
                 care="RequiresImprovement", leavers="Inadequate")
    mash = d.entity("mash", "Team", "multi-agency safeguarding hub", 2,
                    "Contacts are screened in the MASH within a day.", "MASH")
    s = "An education lead was appointed this year and is part of the hub."
    lead = d.entity("education-lead", "Role", "education lead", 2, s, "education lead")
    d.relation(lead, "partOf", mash, 2, s, "part of")
    d.entity("family-safeguarding", "Programme", "family safeguarding", 3,
             "Family Safeguarding was introduced two years ago.", "Family Safeguarding", status="Embedded")
    d.entity("signs-of-safety", "PracticeModel", "signs of safety", 3,
             "Signs of Safety gives staff a shared language.", "Signs of Safety")
    s = "The MASH shares information with the Metropolitan Police Service daily."
    d.mention(mash, 4, s, "MASH")
    police = d.entity(met, "Partner", "Metropolitan Police Service", 4, s, "Metropolitan Police Service",
                      national=True)
    d.relation(mash, "worksWith", police, 4, s, "shares information with")
    docs.append(d)

    # Ealing, short inspection, May 2022.
    d = Doc("ealing-2022", EALING, "ShortInspection", date(2022, 5, 9), date(2022, 5, 13))
    d.judgements(overall="Good", leaders="Good", help="Good", care="Good", leavers="RequiresImprovement")
    d.entity("family-safeguarding", "Programme", "family safeguarding", 2,
             "The Family Safeguarding model continues to support parents.", "Family Safeguarding model")
    d.finding("AreaForImprovement", "Pathway plans for care leavers lack detail.", 3)
    docs.append(d)

    # Hillingdon, focused visit, February 2020 (no grades).
    d = Doc("hillingdon-2020", HILLINGDON, "FocusedVisit", date(2020, 2, 4), date(2020, 2, 5), pages=6)
    d.entity("mash", "Team", "multi-agency safeguarding hub", 1, "Referrals reach the MASH promptly.", "MASH")
    d.entity("education-lead", "Role", "education lead", 2,
             "The virtual school has an education lead for children in care.", "education lead")
    d.entity("contextual-safeguarding", "PracticeModel", "contextual safeguarding", 2,
             "Contextual safeguarding informs responses to exploitation.", "Contextual safeguarding")
    d.entity("troubled-families", "Programme", "troubled families", 3,
             "The Troubled Families programme funds two keyworkers.", "Troubled Families", national=True)
    docs.append(d)

    # Hertfordshire, standard inspection, March 2022.
    d = Doc("herts-2022", HERTS, "StandardInspection", date(2022, 3, 7), date(2022, 3, 18))
    d.judgements(overall="Outstanding", leaders="Outstanding", help="Outstanding", care="Good",
                 leavers="Outstanding")
    d.entity("family-safeguarding", "Programme", "family safeguarding", 2,
             "Family Safeguarding has been expanded across the county.", "Family Safeguarding",
             status="Expanded")
    s = "An education lead in the MASH advises on school attendance."
    d.entity("mash", "Team", "multi-agency safeguarding hub", 3, s, "MASH")
    d.entity("education-lead", "Role", "education lead", 3, s, "education lead")
    docs.append(d)

    graphs = [(ids.REFERENCE_GRAPH, _reference()), (ids.THESAURUS_GRAPH, _thesaurus()),
              (ids.ONTOLOGY_GRAPH, _ontology())]
    return graphs + [doc.graph() for doc in docs]


def build_scale_graphs(n_authorities: int = 150, docs_each: int = 3, entities_each: int = 40,
                       seed: int = 1) -> list[tuple[str, str]]:
    """The test corpus plus a synthetic one of corpus size (about 600k quads with the defaults).

    Used to keep the named queries' plans honest: Oxigraph plans without statistics, and a query that is
    instant on a dozen documents can scan the whole store on five hundred.
    """
    import random

    rng = random.Random(seed)
    classes = ["Team", "Programme", "PracticeModel", "Partner", "Role", "Forum", "Tool", "Policy"]
    concepts = dict(CONCEPTS)
    concepts.update({f"concept-{i}": (classes[i % 8], "Local", f"concept number {i}", [f"C{i}"]) for i in range(60)})
    authorities = dict(AUTHORITIES)
    codes = [f"E0800{i:04d}" for i in range(n_authorities)]
    for i, gss in enumerate(codes):
        authorities[gss] = (f"Authority {i}", f"Council of Authority {i}", str(900 + i),
                            "E12000007" if i % 3 else "E12000006", "Metropolitan", 50000 + i,
                            rng.sample(codes, min(10, len(codes))))
    graphs = [(ids.REFERENCE_GRAPH, _reference(authorities)), (ids.THESAURUS_GRAPH, _thesaurus(concepts))]
    graphs += [g for g in build_query_graphs() if g[0] not in (ids.REFERENCE_GRAPH, ids.THESAURUS_GRAPH)]
    slugs = [k for k, v in concepts.items() if v[0] != "Theme"]
    kinds = ["StandardInspection", "FocusedVisit", "EngagementLetter"]
    for i, gss in enumerate(codes):
        for y in range(docs_each):
            d = Doc(f"scale-{i}-{y}", gss, rng.choice(kinds), date(2017 + 2 * y, 3, 1 + i % 27),
                    date(2017 + 2 * y, 3, 2 + i % 27))
            if d.kind == "StandardInspection":
                d.judgements(overall="Good", leaders="Good", help="RequiresImprovement", care="Good",
                             leavers="Inadequate")
            ents = []
            for k, slug in enumerate(rng.sample(slugs, min(entities_each, len(slugs)))):
                cls, scope, pref, _ = concepts[slug]
                e = d.entity(slug, cls, pref, 1 + k // 4, f"Sentence {k} about the {pref} here.", pref,
                             national=scope == "National", status=rng.choice([None, "Embedded", "Piloted"]))
                d.mention(e, 2 + k // 4, f"Again the {pref} is discussed ({k}).", pref)
                ents.append(e)
            for r in range(min(5, max(0, len(ents) - 10))):
                d.relation(ents[r], "worksWith", ents[r + 10], 9, f"Relation sentence {r} with partners.",
                           "with partners")
            for m in range(5):
                d.metric(f"indicator {m}", 10.0 + m, "percent", 10, f"Metric {m} is {10 + m}% against 20%.",
                         f"{10 + m}%", comparator="England average", comparator_value=20.0)
            for f in range(5):
                d.finding(rng.choice(["AreaForImprovement", "Strength"]), f"Finding {f} of {i}-{y}.", 11,
                          concerns=ents[f])
            graphs.append(d.graph())
    return graphs


#: Document IRIs of the test corpus by key, for assertions.
DOC_IRIS = {k: ids.document_iri(_sha(k)) for k in
            ["harrow-2019", "harrow-2021", "ealing-2018", "ealing-2022", "hillingdon-2020", "herts-2022"]}


@pytest.fixture(scope="session")
def query_graphs() -> list[tuple[str, str]]:
    """The small test corpus as (graph IRI, N-Quads) pairs, ready for store.replace_graph."""
    return build_query_graphs()


@pytest.fixture(scope="session")
def scale_graphs() -> list[tuple[str, str]]:
    """About 460 synthetic documents and 600k quads (a few seconds to build)."""
    return build_scale_graphs()


@pytest.fixture(scope="session")
def doc_iris() -> dict[str, str]:
    return dict(DOC_IRIS)


# ----------------------------------------------------------------------------------------------------
# A real Oxigraph server on a free loopback port.
# ----------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_oxigraph(location: Path, *, union: bool = True, timeout: float = 15.0
                   ) -> tuple[subprocess.Popen, str]:
    """Start `oxigraph serve` on a free port and wait until it answers; returns (process, base URL)."""
    import requests

    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    port = _free_port()
    cmd = [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union:
        cmd.append("--union-default-graph")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            pytest.fail(f"oxigraph serve exited early ({proc.returncode}): {err[:300]}")
        try:
            r = requests.post(base + "/query", data="ASK {}", timeout=1,
                              headers={"Content-Type": "application/sparql-query"})
            if r.status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.05)
    stop_oxigraph(proc)
    pytest.fail(f"oxigraph serve did not answer on {base} within {timeout} s")


def stop_oxigraph(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    if proc.stderr:
        proc.stderr.close()


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """Base URL of a fresh, empty `oxigraph serve --union-default-graph` on 127.0.0.1 (stopped afterwards)."""
    proc, base = start_oxigraph(tmp_path / "oxigraph-server")
    try:
        yield base
    finally:
        stop_oxigraph(proc)


@pytest.fixture
def oxigraph_server_no_union(tmp_path: Path) -> Iterator[str]:
    """Like oxigraph_server but started without --union-default-graph (a misconfigured server)."""
    proc, base = start_oxigraph(tmp_path / "oxigraph-server-plain", union=False)
    try:
        yield base
    finally:
        stop_oxigraph(proc)
