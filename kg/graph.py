"""Writes one document's extraction as N-Quads in the document's own named graph, under the ontology.

Everything a document says lives in its graph (including the triples it states about shared entity
nodes), so replacing or removing a document never touches what other documents say.
"""

from __future__ import annotations

import bisect
import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from kg import __version__
from kg import identifiers as ids
from kg.documents import Document
from kg.identifiers import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, sg
from kg.ntriples import QuadWriter, boolean, decimal, integer, iri, lit, xsd_date, xsd_datetime

if TYPE_CHECKING:  # the extractor is imported by whoever made the extraction, not here: kg.ingest's parent
    # process writes graphs made in its workers and would otherwise compile all of the extraction rules
    from kg.extract.metadata import DocumentKind
    from kg.extract.model import Extraction

TYPE = RDF + "type"
LABEL = RDFS + "label"
_TYPE, _MENTION, _DOCUMENT, _PAGE = iri(TYPE), iri(sg("Mention")), iri(sg("document")), iri(sg("page"))
_START, _END, _SURFACE, _SENTENCE = iri(sg("startOffset")), iri(sg("endOffset")), iri(sg("surfaceForm")), iri(
    sg("sentence"))
_FINDING, _POLARITY, _TEXT, _CONCERNS = iri(sg("Finding")), iri(sg("polarity")), iri(sg("text")), iri(sg("concerns"))
_HEDGED, _NEGATED, _TRUE = iri(sg("hedged")), iri(sg("negated")), boolean(True)
_RECOMMENDATION = iri(sg("recommendation"))
_ABOUT, _MENTIONED_IN, _EVIDENCE = iri(sg("about")), iri(sg("mentionedIn")), iri(sg("evidence"))
_REFERS_TO = iri(sg("refersTo"))


# A paragraph number the PDF glued onto a sentence's first word ("23.The majority of ..."): Ofsted numbers its
# paragraphs, and the number is no part of what the sentence says.
_GLUED_PARAGRAPH = re.compile(r"\d{1,3}\.(?=[A-Z‘“'\"(])")


def _sentence_literal(text: str) -> str:
    """A sentence as evidence: white space squeezed, a glued paragraph number left out, at most 2,000 characters."""
    squeezed = _squeezed(text)
    if squeezed[:1].isdigit() and (glued := _GLUED_PARAGRAPH.match(squeezed)):
        squeezed = squeezed[glued.end():]
    return lit(squeezed[:2000])


def _squeezed(text: str) -> str:
    """The text with each run of white space made one space and none at the ends (" ".join(text.split())).

    A sentence usually is so already: printable (a space is then its only white space), with no two spaces
    running and none at either end; the tests cost a third of splitting it into words and joining them."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


class PeopleMode(StrEnum):
    """What happens to officials' names: kept, reduced to their posts, or dropped."""

    KEEP = "keep"
    ROLES = "roles"
    DROP = "drop"


class AccessLevel(StrEnum):
    PUBLIC = "public"
    RESTRICTED = "restricted"


def default_access(kind: DocumentKind) -> AccessLevel:
    """Engagement letters are not published by Ofsted; published reports are public."""
    from kg.extract.metadata import DocumentKind

    return AccessLevel.RESTRICTED if kind == DocumentKind.LETTER else AccessLevel.PUBLIC


def extraction_to_nquads(
    doc: Document,
    ex: Extraction,
    *,
    people: PeopleMode = PeopleMode.KEEP,
    access: AccessLevel | None = None,
    ended_at: str | None = None,
) -> str:
    """The N-Quads text of the document's graph."""
    return _document_writer(doc, ex, people=people, access=access, ended_at=ended_at).text()


def extraction_to_nquads_bytes(
    doc: Document,
    ex: Extraction,
    *,
    people: PeopleMode = PeopleMode.KEEP,
    access: AccessLevel | None = None,
    ended_at: str | None = None,
) -> bytes:
    """The document's graph as UTF-8 N-Quads: what an ingest worker sends, made without the whole text
    as one string first (see `QuadWriter.data`)."""
    return _document_writer(doc, ex, people=people, access=access, ended_at=ended_at).data()


def _document_writer(
    doc: Document,
    ex: Extraction,
    *,
    people: PeopleMode,
    access: AccessLevel | None,
    ended_at: str | None,
) -> QuadWriter:
    """A writer holding the quads of the document's graph."""
    sha = doc.sha256
    w = QuadWriter(ids.graph_iri(sha))
    d = ids.document_iri(sha)
    md = ex.metadata
    la = ids.authority_iri(ex.authority.gss_code) if ex.authority is not None else None
    gss = ex.authority.gss_code if ex.authority is not None else None
    text = doc.text
    sentence_starts = [s for s, _ in ex.sentences]

    def sentence_for(start: int) -> tuple[int, int]:
        i = bisect.bisect_right(sentence_starts, start) - 1
        if i < 0:
            return (start, min(len(text), start + 200))
        s, e = ex.sentences[i]
        return (s, e) if start < e else (start, min(len(text), start + 200))

    # Mentions are most of a document's quads: their lines are written directly (each mention node once,
    # each sentence's literal made once), without the writer's per-quad duplicate check.
    g = w.graph
    doc_term = iri(d)
    written: dict[str, str] = {}  # mention IRI -> as written
    linked: set[tuple[str, str]] = set()  # (mention, what it refers to) written
    sentence_literals: dict[tuple[int, int], str] = {}

    def mention(start: int, end: int, refers_to: str) -> str:
        m = ids.mention_iri(sha, start, end)
        node = written.get(m)
        if node is None:
            node = written[m] = iri(m)
            s, e = sentence_for(start)
            sentence = sentence_literals.get((s, e))
            if sentence is None:
                sentence = sentence_literals[(s, e)] = _sentence_literal(text[s:e])
            # sg:document is declared a subproperty of prov:wasDerivedFrom, so the PROV link is implied.
            w.add_lines(
                f"{node} {_TYPE} {_MENTION} {g} .\n"
                f"{node} {_DOCUMENT} {doc_term} {g} .\n"
                f"{node} {_PAGE} {integer(doc.page_of(start))} {g} .\n"
                f"{node} {_START} {integer(start)} {g} .\n"
                f"{node} {_END} {integer(end)} {g} .\n"
                f"{node} {_SURFACE} {lit(text[start:end])} {g} .\n"
                f"{node} {_SENTENCE} {sentence} {g} .\n"
            )
        if (m, refers_to) not in linked:
            linked.add((m, refers_to))
            target = w.term(refers_to)
            w.add_lines(f"{node} {_REFERS_TO} {target} {g} .\n{target} {_EVIDENCE} {node} {g} .\n")
        return m

    # Document
    w.add_iri(d, TYPE, sg(md.kind.value))
    w.add(d, sg("sourceFile"), lit(doc.source))
    w.add(d, sg("sha256"), lit(sha))
    w.add(d, sg("mediaType"), lit(doc.media_type))
    w.add(d, sg("pageCount"), integer(doc.page_count))
    w.add(d, sg("textLength"), integer(len(text)))
    if md.title:
        w.add(d, DCTERMS + "title", lit(md.title))
    level = access or default_access(md.kind)
    w.add_iri(d, sg("accessLevel"), sg("Restricted" if level == AccessLevel.RESTRICTED else "Public"))
    if la:
        w.add_iri(d, sg("about"), la)
    if md.period_start:
        w.add(d, sg("periodStart"), xsd_date(md.period_start))
    if md.period_end:
        w.add(d, sg("periodEnd"), xsd_date(md.period_end))
    if md.publication_date:
        w.add(d, sg("publicationDate"), xsd_date(md.publication_date))
    activity = ids.activity_iri(sha)
    w.add_iri(d, PROV + "wasGeneratedBy", activity)
    w.add_iri(activity, TYPE, PROV + "Activity")
    w.add(activity, PROV + "endedAtTime", xsd_datetime(ended_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
    w.add(activity, sg("extractorVersion"), lit(__version__))

    # People: the lead inspector (an Ofsted official named in published reports) and letter attendees.
    if md.lead_inspector and people != PeopleMode.DROP:
        if people == PeopleMode.KEEP:
            p = ids.person_iri(md.lead_inspector)
            w.add_iri(p, TYPE, sg("Person"))
            w.add(p, LABEL, lit(md.lead_inspector))
        else:
            p = ids.post_iri(None, "lead inspector " + ids.short_hash(sha))
            w.add_iri(p, TYPE, ORG + "Post")
            w.add(p, LABEL, lit("Lead inspector"))
        w.add_iri(d, sg("leadInspector"), p)
    if people != PeopleMode.DROP:
        for name, post, _span in md.attendees:
            post_node = ids.post_iri(gss, post)
            w.add_iri(post_node, TYPE, ORG + "Post")
            w.add(post_node, LABEL, lit(post))
            if la:
                w.add_iri(post_node, ORG + "postIn", la)
            w.add_iri(d, sg("attendee"), post_node)
            if name and people == PeopleMode.KEEP:
                person = ids.person_iri(name)
                w.add_iri(person, TYPE, sg("Person"))
                w.add(person, LABEL, lit(name))
                w.add_iri(post_node, ORG + "heldBy", person)

    # Judgements
    for j in ex.judgements:
        node = ids.judgement_iri(sha, j.area)
        w.add_iri(d, sg("judgement"), node)
        w.add_iri(node, TYPE, sg("Judgement"))
        w.add_iri(node, sg("area"), sg(j.area))
        w.add_iri(node, sg("grade"), sg(j.grade))
        mention(j.start, j.end, node)

    # Entities
    entity_iri: dict[str, str] = {}
    first_mention: dict[int, tuple[int, str]] = {}  # sentence -> its first entity mention (start, IRI)
    for f in ex.entities:
        if f.core_class == "Theme":
            continue
        if f.discovered:
            node = ids.entity_iri(f.key, gss or "unknown")
        elif f.scope == "National":
            node = ids.entity_iri(f.concept or f.key, None)
        else:
            node = ids.entity_iri(f.concept or f.key, gss or "unknown")
        entity_iri[f.key] = node
        w.add_iri(node, TYPE, sg(f.core_class))
        w.add(node, LABEL, lit(f.label))
        w.add_iri(node, sg("mentionedIn"), d)
        if f.concept:
            w.add_iri(node, sg("kind"), ids.concept_iri(f.concept))
        if f.discovered:
            w.add(node, sg("discovered"), boolean(True))
            w.add(node, sg("confidence"), decimal(f.confidence))
        for alias in sorted(f.aliases):
            if alias != f.label:
                w.add(node, SKOS + "altLabel", lit(" ".join(alias.split())))
        if la:
            if f.scope == "National" and not f.discovered:
                w.add_iri(la, sg("uses"), node)
            elif f.core_class == "Partner":
                # The authority's own node for a partner of its area (its police): not a thing it runs.
                w.add_iri(node, sg("localTo"), la)
                w.add_iri(la, sg("uses"), node)
            else:
                w.add_iri(node, sg("operatedBy"), la)
                w.add_iri(la, sg("has"), node)
        for status in sorted(ex.statuses.get(f.key, ())):
            w.add_iri(node, sg("status"), sg(status))
        for s, e in f.mentions:
            m = mention(s, e, node)
            i = bisect.bisect_right(sentence_starts, s) - 1
            if i not in first_mention or s < first_mention[i][0]:
                first_mention[i] = (s, m)
    themes = {f.key: ids.concept_iri(f.concept) for f in ex.entities if f.core_class == "Theme" and f.concept}

    # Statuses: besides the direct triple (entity sg:status sg:Piloted, above), a statement per status word
    # whose evidence is the mention it was given to, so that "Ended" can be shown with the sentence that says so.
    for key, status, start, end in ex.status_evidence:
        if key not in entity_iri:
            continue
        node = ids.status_iri(sha, start, end, status)
        w.add_iri(node, TYPE, sg("StatusStatement"))
        w.add_iri(node, sg("statusOf"), entity_iri[key])
        w.add_iri(node, sg("status"), sg(status))
        w.add_iri(node, sg("evidence"), mention(start, end, entity_iri[key]))

    # Relations. A typed relation gets a mention of the words from subject to object; a co-occurrence
    # points at the subject's own mention in that sentence (no new node: there are many of them).
    # The authority acting ("the local authority works with ...") is written as its own node.
    mention_end = {(f.key, s): e for f in ex.entities for s, e in f.mentions}
    related = {**entity_iri, ids.AUTHORITY_KEY: la} if la is not None else entity_iri
    for n, r in enumerate(ex.relations):
        if r.subject not in related or r.object not in related:
            continue
        node = ids.relation_iri(sha, n)
        s_iri, o_iri = related[r.subject], related[r.object]
        w.add_iri(s_iri, sg(r.predicate), o_iri)
        w.add_iri(node, TYPE, sg("Relation"))
        w.add_iri(node, sg("subject"), s_iri)
        w.add_iri(node, sg("predicate"), sg(r.predicate))
        w.add_iri(node, sg("object"), o_iri)
        w.add_iri(node, sg("basis"), sg(r.basis))
        w.add_iri(node, sg("mentionedIn"), d)
        subject_end = mention_end.get((r.subject, r.cue_span[0]))
        if r.basis == "CoOccurrence" and subject_end is not None:
            w.add_iri(node, sg("evidence"), ids.mention_iri(sha, r.cue_span[0], subject_end))
        else:
            mention(r.cue_span[0], r.cue_span[1], node)

    # Metrics
    for m in ex.metrics:
        node = ids.metric_iri(sha, m.start)
        w.add_iri(node, TYPE, sg("Metric"))
        w.add(node, sg("indicator"), lit(m.indicator))
        w.add(node, sg("value"), decimal(m.value))
        w.add(node, sg("unit"), lit(m.unit))
        if m.period:
            w.add(node, sg("period"), lit(m.period))
        if m.comparator:
            w.add(node, sg("comparator"), lit(m.comparator))
        if m.comparator_value is not None:
            w.add(node, sg("comparatorValue"), decimal(m.comparator_value))
        if m.measure:
            w.add_iri(node, sg("measure"), ids.measure_iri(m.measure))
        if la:
            w.add_iri(node, sg("about"), la)
        w.add_iri(node, sg("mentionedIn"), d)
        mention(m.start, m.end, node)

    # Findings, linked to the entities and themes of their sentence
    mentions_by_sentence: dict[int, set[str]] = {}
    for f in ex.entities:
        target = entity_iri.get(f.key) or themes.get(f.key)
        if not target:
            continue
        for s, _ in f.mentions:
            i = bisect.bisect_right(sentence_starts, s) - 1
            mentions_by_sentence.setdefault(i, set()).add(target)
    # A report has a hundred findings or so, each its own node (one per sentence): like mentions, their
    # lines are written whole, without the writer's per-quad duplicate check.
    about = f"{_ABOUT} {iri(la)} {g} .\n" if la else ""

    def finding_text(start: int, end: int) -> str:
        # A finding is a sentence: its text is the literal its mentions' sg:sentence has (made once).
        written = sentence_literals.get((start, end))
        if written is None:
            written = sentence_literals[(start, end)] = _sentence_literal(text[start:end])
        return written

    in_doc = f"{_MENTIONED_IN} {doc_term} {g} .\n"
    for fnd in ex.findings:
        node = ids.finding_iri(sha, fnd.start)
        n3 = iri(node)
        i = bisect.bisect_right(sentence_starts, fnd.start) - 1
        lines = [
            f"{n3} {_TYPE} {_FINDING} {g} .\n",
            f"{n3} {_POLARITY} {w.term(sg(fnd.polarity))} {g} .\n",
            f"{n3} {_TEXT} {finding_text(fnd.start, fnd.end)} {g} .\n",
        ]
        if fnd.hedged:
            lines.append(f"{n3} {_HEDGED} {_TRUE} {g} .\n")
        if fnd.negated:
            lines.append(f"{n3} {_NEGATED} {_TRUE} {g} .\n")
        if fnd.recommendation:
            lines.append(f"{n3} {_RECOMMENDATION} {_TRUE} {g} .\n")
        lines += [f"{n3} {_CONCERNS} {w.term(t)} {g} .\n" for t in sorted(mentions_by_sentence.get(i, ()))]
        if about:
            lines.append(f"{n3} {about}")
        lines.append(f"{n3} {in_doc}")
        w.add_lines("".join(lines))
        # A finding is a sentence naming an entity (or an item of an improvement list): its evidence is the
        # first entity mention of that sentence, which gives the document, page and the whole sentence, as
        # co-occurrence relations do. Only a sentence without one gets a mention of its own; a node per
        # finding would be a fifth of a document's quads for words already written.
        shared = first_mention.get(i)
        if shared:
            w.add_lines(f"{n3} {_EVIDENCE} {written[shared[1]]} {g} .\n")  # the mention as written
        else:
            mention(fnd.start, fnd.end, node)
    return w


__all__ = ["AccessLevel", "PeopleMode", "extraction_to_nquads", "iri"]
