"""The SKOS thesaurus (ontology/thesaurus.ttl), its loader (kg.thesaurus) and `kg thesaurus`.

The thesaurus is what the extractor matches, so these tests keep it well formed (every concept typed,
scoped and defined), unambiguous (no label naming two concepts unless marked ambiguous, also after the
matcher's folding and plural forms), and complete for the Harrow engagement letter the project started from.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib

from kg.errors import KgError
from kg.thesaurus import (
    CORE_CLASSES,
    DEFAULT_THESAURUS,
    Thesaurus,
    is_case_sensitive,
    label_key,
    load_thesaurus,
    thesaurus_turtle_paths,
)

SG = rdflib.Namespace("https://w3id.org/safeguarding-kg/ontology#")
SGT = "https://w3id.org/safeguarding-kg/thesaurus/"
SKOS = rdflib.SKOS

#: Every named thing of the Harrow letter (../shared/seeds), as a reader would look it up. Left out: the
#: "Harrow Safer Relationship Programme", a local name the extractor is meant to discover by its shape.
SEED_NAMES = [
    "multi-agency safeguarding hub", "MASH", "front door", "children's access service", "children access service",
    "first response team", "VVE", "multi-agency violence, vulnerability (VVE) and exploitation team",
    "daily VVE meeting", "VVE sub group", "MACE", "VOLT", "contextual safeguarding", "PAMS",
    "parenting assessment manual software", "public law outline", "digital fingerprinting pilot",
    "alcohol breathalysers", "Romanian Embassy", "DfE", "DfE innovation fund", "female genital mutilation",
    "FGM", "female genital mutilation specialist", "specialist female genital mutilation worker",
    "female genital mutilation protection order", "domestic abuse", "Metropolitan Police Service",
    "Asian Counselling Service", "keeping families together", "together with families", "TWF",
    "troubled families", "whole family approach", "early help services", "youth offending services",
    "virtual school", "virtual school head teacher", "education lead", "Mosaic", "outcome stars",
    "e-cins", "E-CINS", "grab packs", "CSE co-ordinator", "pan london protocol",
    "Pan London Runaway and Missing from Home and Care Protocol", "LSCB", "HSCB", "Safer Harrow", "Safe Harrow",
    "Tavistock couples counselling partnership", "SEND", "UASC", "care leavers", "knife crime",
    "strengths and difficulties questionnaires", "SDQ", "Harrow Horizons", "personal education plans",
    "local offer", "Children and Social Work Act 2017", "Leaving Care Charter", "council tax relief",
    "Preperation for Independence Programme", "personal advisors", "Prospects", "independent advocacy service",
    "children's advocacy service", "leaving care forums", "workforce strategy", "carers strategy",
    "youth engagement strategy", "quality assurance framework", "children and young people services",
    "quality standards and service improvement", "children and young adult's disability service",
    "Early Support", "children in need", "child protection", "children looked after", "substance misuse",
]


def _raw_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(DEFAULT_THESAURUS, format="turtle")
    return graph


def _concepts(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    return sorted(graph.subjects(rdflib.RDF.type, SKOS.Concept), key=str)


def _covered(th: Thesaurus, name: str) -> bool:
    """Whether `name` finds a concept as the extractor would: exact label, a plural the matcher adds
    ("grab packs"), or an ambiguous label."""
    forms = [name]
    for suffix in ("'s", "s", "es"):
        if name.endswith(suffix):
            forms.append(name[: -len(suffix)])
    if name.endswith("ies"):
        forms.append(name[:-3] + "y")
    return any(th.by_label(f) is not None or th.candidates(f) for f in forms)


def _matcher_forms(label: str) -> set[str]:
    """The keys the extractor's Aho-Corasick matcher builds for a label (kg/extract/labels.py)."""
    key = label_key(label)
    if is_case_sensitive(label):
        return {key, key + "s", key + "'s"}
    forms = {key, key + "s", key + "es"}
    if key.endswith("y"):
        forms.add(key[:-1] + "ies")
    return forms


# ----------------------------------------------------------------------------------------------------------
# The Turtle file


def test_thesaurus_parses_and_is_big_enough() -> None:
    graph = _raw_graph()
    concepts = _concepts(graph)
    assert len(concepts) >= 300
    assert all(str(c).startswith(SGT) for c in concepts)
    scheme = rdflib.URIRef(SGT + "scheme")
    assert (scheme, rdflib.RDF.type, SKOS.ConceptScheme) in graph
    assert all((c, SKOS.inScheme, scheme) in graph for c in concepts)
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert tops and tops == set(graph.subjects(SKOS.topConceptOf, scheme))
    # A top concept has no broader one; every broader/narrower link points at a concept, both ways.
    for c in concepts:
        assert (c in tops) == (graph.value(c, SKOS.broader) is None), c
        for b in graph.objects(c, SKOS.broader):
            assert (b, rdflib.RDF.type, SKOS.Concept) in graph
            assert (b, SKOS.narrower, c) in graph


def test_every_concept_has_label_definition_class_and_scope() -> None:
    graph = _raw_graph()
    allowed = {SG[c] for c in CORE_CLASSES}
    for c in _concepts(graph):
        prefs = list(graph.objects(c, SKOS.prefLabel))
        assert len(prefs) == 1 and prefs[0].language == "en", c
        definition = graph.value(c, SKOS.definition)
        assert definition is not None and len(str(definition)) > 20, c
        assert set(graph.objects(c, SG.coreClass)) <= allowed and graph.value(c, SG.coreClass) is not None, c
        assert graph.value(c, SG.scope) in {SG.Local, SG.National}, c
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(c)[len(SGT):]), c


def test_no_label_names_two_concepts_unless_ambiguous() -> None:
    """Also after the matcher's folding and plural forms: a shared form would make it drop both."""
    th = load_thesaurus()
    owners: dict[str, set[str]] = defaultdict(set)
    for concept in th:
        for label in concept.labels:
            if label in concept.ambiguous_labels:
                continue  # a preferred label also listed as ambiguous is matched only as a capitalised name
            for form in _matcher_forms(label):
                owners[form.casefold()].add(concept.slug)
    shared = {form: sorted(slugs) for form, slugs in owners.items() if len(slugs) > 1}
    assert not shared
    for concept in th:
        for label in concept.ambiguous_labels:
            assert not owners.get(label_key(label).casefold()), (concept.slug, label)
            assert label not in concept.alt_labels


def test_generic_words_are_not_labels() -> None:
    """Every label is matched in running text, so none may be an everyday word on its own."""
    th = load_thesaurus()
    generic = {"assessment", "plan", "visit", "meeting", "team", "service", "panel", "prevent", "channel",
               "frontline", "pause", "prospects", "step up", "supporting families", "early support", "court"}
    for label, slug, ambiguous in th.labels():
        if not ambiguous:
            assert label.casefold() not in generic, (slug, label)


def test_seed_letter_names_are_covered() -> None:
    th = load_thesaurus()
    missing = [name for name in SEED_NAMES if not _covered(th, name)]
    assert not missing


def test_national_things_are_national_and_local_things_local() -> None:
    th = load_thesaurus()
    for slug in ("metropolitan-police", "dfe", "cafcass", "troubled-families", "nspcc", "barnardos",
                 "public-law-outline", "adoption-support-fund"):
        assert th.concepts[slug].scope == "National", slug
    for slug in ("mash", "front-door", "virtual-school", "keeping-families-together", "sufficiency-strategy",
                 "corporate-parenting-board", "iro"):
        assert th.concepts[slug].scope == "Local", slug


# ----------------------------------------------------------------------------------------------------------
# The loader


def test_lookup_by_label_respects_acronym_case_and_folding() -> None:
    th = load_thesaurus()
    assert th.by_label("MASH").slug == "mash"
    assert th.by_label("Mash") is None  # acronyms are case-sensitive
    assert th.by_label("Multi Agency  Safeguarding-Hub").slug == "mash"
    assert th.by_label("children’s access service").slug == "childrens-access-service"
    assert th.by_label("PA") is None  # ambiguous: only through a document's own definition
    assert [c.slug for c in th.candidates("PA")] == ["personal-adviser"]
    mash = th.concepts["mash"]
    assert mash.core_class == "Team" and mash.scope == "Local" and mash.broader == ("front-door",)
    assert "MASH" in mash.alt_labels and mash.definition
    assert ("PA", "personal-adviser", True) in set(th.labels())
    assert ("MASH", "mash", False) in set(th.labels())
    assert [c.slug for c in th.by_class("Team")][:1] and all(c.core_class == "Team" for c in th.by_class("Team"))
    assert {c.slug for c in th.narrower("front-door")} >= {"mash", "first-response-team"}


def test_load_is_cached_until_a_file_changes(tmp_path: Path) -> None:
    assert load_thesaurus() is load_thesaurus()
    extra = tmp_path / "extra.ttl"
    extra.write_text(_extra_turtle("test-hub", "test hub"), encoding="utf-8")
    first = load_thesaurus([extra])
    assert load_thesaurus([str(extra)]) is first
    extra.write_text(_extra_turtle("test-hub", "renamed hub"), encoding="utf-8")
    stat = extra.stat()
    os.utime(extra, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_thesaurus([extra])
    assert second is not first and second.concepts["test-hub"].pref_label == "renamed hub"


def test_extra_file_adds_a_concept_and_labels(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        _extra_turtle("harrow-safer-relationship-programme", "Harrow Safer Relationship Programme",
                      core="Programme", scope="Local", alt="HSRP")
        + '<https://w3id.org/safeguarding-kg/thesaurus/mash> skos:altLabel "safeguarding front door hub"@en .\n'
        + '<https://example.org/my#thing> a skos:Concept ; skos:prefLabel "my thing"@en ;'
        + " sg:coreClass sg:Tool ; sg:scope sg:National .\n",
        encoding="utf-8",
    )
    base = load_thesaurus()
    th = load_thesaurus([extra])
    assert len(th) == len(base) + 2
    added = th.by_label("harrow safer relationship programme")
    assert added is not None and added.slug == "harrow-safer-relationship-programme"
    assert added.core_class == "Programme" and added.scope == "Local" and th.by_label("HSRP") is added
    assert th.by_label("safeguarding front door hub").slug == "mash"
    assert th.concepts["thing"].iri == "https://example.org/my#thing" and th.concepts["thing"].scope == "National"
    assert thesaurus_turtle_paths([extra]) == [DEFAULT_THESAURUS, extra]
    assert "harrow-safer-relationship-programme" not in base


def test_bad_extra_files_are_refused_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<x> a skos:Concept ;;; .\n",
                      encoding="utf-8")
    with pytest.raises(KgError, match=r"broken\.ttl"):
        load_thesaurus([broken])
    wrong = tmp_path / "wrong.ttl"
    wrong.write_text(_extra_turtle("odd", "odd thing", core="Gadget"), encoding="utf-8")
    with pytest.raises(KgError, match=r"wrong\.ttl.*odd.*coreClass"):
        load_thesaurus([wrong])
    with pytest.raises(KgError, match=r"nothere\.ttl"):
        load_thesaurus([tmp_path / "nothere.ttl"])


def test_clashing_labels_from_a_user_file_become_ambiguous(tmp_path: Path) -> None:
    extra = tmp_path / "clash.ttl"
    extra.write_text(_extra_turtle("other-hub", "other hub", alt="MASH"), encoding="utf-8")
    th = load_thesaurus([extra])
    assert th.by_label("MASH") is None
    assert {c.slug for c in th.candidates("MASH")} == {"mash", "other-hub"}
    assert ("MASH", "mash", True) in set(th.labels())


def test_labels_keep_the_files_order_and_further_pref_labels_become_alternative(tmp_path: Path) -> None:
    extra = tmp_path / "two.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix sg: <https://w3id.org/safeguarding-kg/ontology#> .\n"
        f'<{SGT}two-names> a skos:Concept ; skos:prefLabel "zeta forum"@en , "alpha forum"@en ;'
        ' skos:altLabel "Beta Forum"@en , "beta forum"@en ; sg:coreClass sg:Forum ; sg:scope sg:Local .\n'
        f'<{SGT}mash> skos:altLabel "MASH front door"@en , "mash front door"@en .\n',
        encoding="utf-8",
    )
    th = load_thesaurus([extra])
    two = th.concepts["two-names"]
    assert two.pref_label == "alpha forum"
    assert two.alt_labels == ("Beta Forum", "beta forum", "zeta forum")  # case-only ties in the file's order
    assert th.by_label("zeta forum") is two
    assert "mash front door" in th.concepts["mash"].alt_labels


def _extra_turtle(slug: str, label: str, *, core: str = "Team", scope: str = "Local", alt: str = "") -> str:
    alt_line = f' skos:altLabel "{alt}"@en ;' if alt else ""
    return (
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix sg: <https://w3id.org/safeguarding-kg/ontology#> .\n"
        f"<{SGT}{slug}> a skos:Concept ; skos:prefLabel \"{label}\"@en ;{alt_line}"
        f' skos:definition "A test concept."@en ; sg:coreClass sg:{core} ; sg:scope sg:{scope} .\n'
    )


# ----------------------------------------------------------------------------------------------------------
# The command


def test_cli_thesaurus_list_and_show(runner, tmp_path: Path) -> None:
    from kg.cli import cli

    result = runner.invoke(cli, ["thesaurus", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "multi-agency safeguarding hub" in result.output and "concepts" in result.output

    result = runner.invoke(cli, ["thesaurus", "list", "--class", "Team", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("slug,class,scope,label")
    assert len(lines) > 30 and all(",Team," in line for line in lines[1:])

    result = runner.invoke(cli, ["thesaurus", "list", "--class", "partner", "--format", "json"])
    rows = json.loads(result.output)
    assert {r["class"] for r in rows} == {"Partner"}
    assert any(r["slug"] == "metropolitan-police" and r["scope"] == "National" for r in rows)

    result = runner.invoke(cli, ["thesaurus", "show", "mash"])
    assert result.exit_code == 0 and "front-door" in result.output and "MASH" in result.output
    result = runner.invoke(cli, ["thesaurus", "show", "no-such-thing"])
    assert result.exit_code == 1 and "no thesaurus concept" in result.output

    extra = tmp_path / "mine.ttl"
    extra.write_text(_extra_turtle("test-hub", "test hub"), encoding="utf-8")
    result = runner.invoke(cli, ["--thesaurus", str(extra), "thesaurus", "show", "test-hub"])
    assert result.exit_code == 0 and "test hub" in result.output


def test_cli_thesaurus_suggest_groups_discovered_names(runner, tmp_path: Path) -> None:
    from kg.cli import cli
    from kg.store import open_store

    sg = "https://w3id.org/safeguarding-kg/ontology#"
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    ident = "https://w3id.org/safeguarding-kg/id/"
    store_dir = tmp_path / "store"
    with open_store(store_dir) as store:
        for n, (gss, label) in enumerate([("E09000015", "Bright Horizons Panel"),
                                          ("E09000003", "bright horizons panel"),
                                          ("E09000003", "Lonely Project")]):
            entity = f"<{ident}entity/{gss}/x-{label.lower().replace(' ', '-')}>"
            doc = f"<{ident}doc/{n:032x}>"
            quads = "\n".join(f"{s} {p} {o} <{ident}graph/{n:032x}> ." for s, p, o in [
                (entity, f"<{sg}discovered>", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
                (entity, f"<{rdfs}label>", f'"{label}"'),
                (entity, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{sg}Forum>"),
                (entity, f"<{sg}mentionedIn>", doc),
                (entity, f"<{sg}operatedBy>", f"<{ident}la/{gss}>"),
            ])
            store.replace_graph(f"{ident}graph/{n:032x}", quads + "\n")

    result = runner.invoke(cli, ["--store", str(store_dir), "thesaurus", "suggest", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["label"] for r in rows] == ["bright horizons panel"]
    assert rows[0]["documents"] == 2 and rows[0]["authorities"] == 2 and rows[0]["class"] == "Forum"

    result = runner.invoke(cli, ["--store", str(store_dir), "thesaurus", "suggest", "--min-documents", "1",
                                 "--turtle"])
    assert result.exit_code == 0, result.output
    snippet = tmp_path / "suggested.ttl"
    snippet.write_text(result.output, encoding="utf-8")
    th = load_thesaurus([snippet])
    assert th.by_label("lonely project").core_class == "Forum"
    assert th.by_label("Bright Horizons Panel").slug == "bright-horizons-panel"


def test_a_later_file_can_reclass_a_concept(tmp_path: Path) -> None:
    extra = tmp_path / "reclass.ttl"
    extra.write_text(
        "@prefix sg: <https://w3id.org/safeguarding-kg/ontology#> .\n"
        f"<{SGT}early-support> sg:coreClass sg:Programme ; sg:scope sg:National .\n",
        encoding="utf-8",
    )
    th = load_thesaurus([extra])
    assert th.concepts["early-support"].core_class == "Programme"
    assert th.concepts["early-support"].scope == "National"
    assert load_thesaurus().concepts["early-support"].core_class == "Team"


def test_judges_are_partners_like_the_courts() -> None:
    """Tuning annotators typed judges (designated, district, family court) as partners, as the courts are."""
    th = load_thesaurus()
    assert th.by_label("designated family judge").core_class == "Partner"


def test_round_k_everyday_senses_are_ambiguous_labels() -> None:
    """'secure base' in lower case is the everyday phrase: only the capitalised name is kept, as ambiguous."""
    th = load_thesaurus()
    model = th.concepts["secure-base"]
    assert "secure base" not in {label.lower() for label in model.alt_labels}
    assert "Secure Base" in model.ambiguous_labels
    assert th.by_label("kinship local offer").core_class == "Policy"


def test_hubs_that_are_mashs_under_another_name_are_narrower_than_the_mash() -> None:
    # A practitioner asking whether an authority has a MASH means these too (a practitioner check, session 23).
    graph = _raw_graph()
    mash = rdflib.URIRef(SGT + "mash")
    for slug in ("mach", "massh"):
        assert (rdflib.URIRef(SGT + slug), SKOS.broader, mash) in graph
