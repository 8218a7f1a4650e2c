"""Mints every IRI the project writes; the only module (with namespaces.py) holding IRI strings.

Example:
    >>> document_iri("ab" * 32)
    'https://w3id.org/safeguarding-kg/id/doc/abababababababababababababababab'
    >>> slugify("Children's Access Service")
    'childrens-access-service'
"""

from __future__ import annotations

import re
import unicodedata

SG = "https://w3id.org/safeguarding-kg/ontology#"
ID = "https://w3id.org/safeguarding-kg/id/"
SGT = "https://w3id.org/safeguarding-kg/thesaurus/"
SGM = "https://w3id.org/safeguarding-kg/measure/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"

PREFIXES: dict[str, str] = {
    "sg": SG,
    "id": ID,
    "sgt": SGT,
    "sgm": SGM,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
}

REFERENCE_GRAPH = ID + "graph/reference"
ONTOLOGY_GRAPH = ID + "graph/ontology"
THESAURUS_GRAPH = ID + "graph/thesaurus"
GRAPH_PREFIX = ID + "graph/"
DOCUMENT_PREFIX = ID + "doc/"

#: How many hex digits of the sha256 name a document (128 bits: collisions are not a concern).
HASH_DIGITS = 32


def sparql_prefixes() -> str:
    """The PREFIX lines every query of the project may rely on."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def slugify(text: str) -> str:
    """A stable, ASCII, lower-case slug for IRIs and file names (never empty, never a path)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['\u2019]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80].strip("-") or "x"


def short_hash(sha256: str) -> str:
    """The part of a sha256 that names a document's node and graph."""
    return sha256[:HASH_DIGITS]


def graph_iri(sha256: str) -> str:
    """The named graph holding everything read from one document (same file, same IRI, in any store)."""
    return GRAPH_PREFIX + short_hash(sha256)


def document_iri(sha256: str) -> str:
    return DOCUMENT_PREFIX + short_hash(sha256)


def activity_iri(sha256: str) -> str:
    return f"{ID}activity/{short_hash(sha256)}"


#: The key an extraction gives the document's own authority where a sentence names it as acting ("the local
#: authority works with ..."): a relation from it is written from the authority's node.
AUTHORITY_KEY = "@authority"


def authority_iri(gss_code: str) -> str:
    return f"{ID}la/{gss_code}"


def region_iri(code: str) -> str:
    return f"{ID}region/{code}"


def concept_iri(slug: str) -> str:
    return SGT + slug


def entity_iri(concept_slug: str, gss_code: str | None) -> str:
    """A local thing is the authority's own node; a national one (gss_code None) is shared by all."""
    owner = gss_code or "national"
    return f"{ID}entity/{owner}/{concept_slug}"


def mention_iri(sha256: str, start: int, end: int) -> str:
    return f"{ID}mention/{short_hash(sha256)}/{start}-{end}"


def measure_iri(name: str) -> str:
    """A measure of ontology/measures.ttl ("children-looked-after")."""
    return SGM + name


def metric_iri(sha256: str, start: int) -> str:
    return f"{ID}metric/{short_hash(sha256)}/{start}"


def finding_iri(sha256: str, start: int) -> str:
    return f"{ID}finding/{short_hash(sha256)}/{start}"


def judgement_iri(sha256: str, area: str) -> str:
    return f"{ID}judgement/{short_hash(sha256)}/{area}"


def relation_iri(sha256: str, n: int) -> str:
    return f"{ID}relation/{short_hash(sha256)}/{n}"


def status_iri(sha256: str, start: int, end: int, status: str) -> str:
    """The statement that the thing mentioned at start-end has `status` ("Piloted"), as the document says."""
    return f"{ID}status/{short_hash(sha256)}/{start}-{end}/{status}"


def person_iri(name: str) -> str:
    return f"{ID}person/{slugify(name)}"


def post_iri(gss_code: str | None, post: str) -> str:
    return f"{ID}post/{gss_code or 'unknown'}/{slugify(post)}"


def sg(term: str) -> str:
    """The IRI of an ontology term (`sg("Team")`)."""
    return SG + term
