"""Extraction: a `Document` becomes an `Extraction` (metadata, judgements, entities, relations, metrics,
findings), each fact with the character span of its evidence. No RDF here: `kg.graph` writes it.

The rules live in `kg/rules/` (`extraction.json`; `findings.json` for the cues of findings) and the names
in the SKOS thesaurus, so the extractor is general: nothing in this package knows a particular document.
"""

from __future__ import annotations

from kg.extract.model import Extraction, extract_document

__all__ = ["Extraction", "extract_document"]
