"""The extraction of one document: every stage's facts, each with its evidence span."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.documents import Document
from kg.extract.entities import find_entities
from kg.extract.findings import FindingFact, extract_findings
from kg.extract.judgements import JudgementFact, extract_judgements, extract_lac_judgements
from kg.extract.labels import Found, Spans
from kg.extract.metadata import DocumentKind, Metadata, extract_metadata, publication_date_from_name
from kg.extract.metrics import MetricFact, extract_metrics
from kg.extract.relations import (
    AUTHORITY,
    AUTHORITY_CLASS,
    RelationFact,
    authority_mentions,
    authority_pattern,
    relations_in_sentence,
    status_words,
    statuses_of,
)
from kg.extract.text import lower_same_offsets, match_view, normalise_label, rules, sentence_spans


@dataclass(slots=True)
class Extraction:
    """What was read from one document. Offsets are into `Document.text`."""

    metadata: Metadata
    authority: object | None  # kg.reference.Authority
    sentences: list[tuple[int, int]]
    judgements: list[JudgementFact] = field(default_factory=list)
    entities: list[Found] = field(default_factory=list)
    relations: list[RelationFact] = field(default_factory=list)
    statuses: dict[str, set[str]] = field(default_factory=dict)
    #: (thing, status, start, end): each status with the mention it was given to, its evidence
    status_evidence: list[tuple[str, str, int, int]] = field(default_factory=list)
    metrics: list[MetricFact] = field(default_factory=list)
    findings: list[FindingFact] = field(default_factory=list)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return (0, min(len(starts) and self.sentences[0][1], offset + 1))
        return self.sentences[i]


# The inspection team's own lines ("Lead inspector: <name>", "Team inspectors: ...", "<name> HMI"): they
# name Ofsted's people, and the capitalised words in them are not services. Other sentences that mention
# inspectors ("Inspectors saw that the MASH ...", "a police detective inspector chairs ...") are read.
_INSPECTORS = re.compile(
    r"\b(?:lead|team|social care|senior|regulatory|shadow|additional)\s+inspectors?\b|\binspection team\b"
    r"|\binspectors?\s*:|\bHMI\b|\bHer Majesty.s Inspector|\bquality assurance manager\b",
    re.I,
)
# A figure's source under a table ("Source: HMRC Snapshot as at 31 August 2010"): it names who published the
# data, not a partner of the authority.
_SOURCE_LINE = re.compile(r"^[ \t]*Sources?:", re.M)
# Every _INSPECTORS match holds one of these words (in lower case) and starts at most a few words and a run
# of spaces before it: the pattern is tried only there, not at every position of the text (a tenth of the
# time, the same matches).
_INSPECTOR_WORDS = ("inspect", "hmi", "quality assurance manager")
_INSPECTOR_REACH = 16  # "social care " and "her majesty's " before "inspector", with one to spare


def _inspector_matches(text: str) -> list[re.Match[str]]:
    """The matches of _INSPECTORS.finditer(text), found by trying the pattern only near its words."""
    low = lower_same_offsets(text)
    if low is None:
        return list(_INSPECTORS.finditer(text))  # lower() moved offsets or hides a match: scan it all
    starts: set[int] = set()
    for word in _INSPECTOR_WORDS:
        at = low.find(word)
        while at >= 0:
            before = at
            while before > 0 and text[before - 1].isspace():  # the \s+ between "lead" and "inspector"
                before -= 1
            starts.update(range(max(0, before - _INSPECTOR_REACH), at + 1))
            at = low.find(word, at + 1)
    out: list[re.Match[str]] = []
    end = 0
    for pos in sorted(starts):  # leftmost first, no overlaps: what finditer returns
        if pos >= end and (m := _INSPECTORS.match(text, pos)):
            out.append(m)
            end = m.end()
    return out


# A table of contents at the start of older reports: a "Contents" line, then lines of headings each followed
# by its page number ("Information about this local authority area 5 Recommendations 7"). The numbers are
# no counts and the headings no services.
_CONTENTS = re.compile(r"^[ \t]*(?:table of )?contents[ \t]*$", re.M | re.I)
_CONTENTS_REACH = 8000  # characters from the start of the text: the contents come after the cover
_PAGE_NUMBER = re.compile(r"(?<=[^\d\s])[ \t]+\d{1,3}(?=[ \t]+[A-Z]|[ \t]*$)")


def contents_span(text: str) -> tuple[int, int] | None:
    """The table of contents (from its "Contents" line to its last page number), or None.

    Its lines each end with a page number; the last one can run on into the text after it (the PDF has no
    line break there), so the span ends at the last page number of a line with two or more headings."""
    m = _CONTENTS.search(text, 0, _CONTENTS_REACH)
    if not m:
        return None
    end = pos = m.end()
    while pos < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        numbers = list(_PAGE_NUMBER.finditer(text, pos, line_end))
        if not numbers:
            break
        if numbers[-1].end() == len(text[pos:line_end].rstrip()) + pos:
            end = pos = line_end  # the whole line is headings and page numbers
            continue
        if len(numbers) >= 2:
            end = numbers[-1].end()  # headings, then the text that follows the contents
        break
    return (m.start(), end) if end > m.end() else None


def boilerplate_start(text: str) -> int:
    """Where Ofsted's standard closing matter begins (nothing after it is about the authority).

    Markers are looked for from the end, in the last half of the text only (a table of contents at the
    start can name the same headings).
    """
    view = match_view(text)
    positions = [view.rfind(normalise_label(m)) for m in rules()["boilerplate_markers"]]
    found = [p for p in positions if p > len(text) // 2]
    return min(found) if found else len(text)


_STANDARD = rules()["standard_sections"]
_STANDARD_HEADING = re.compile(r"^[ \t]*(?:" + "|".join(_STANDARD["headings"]) + r")", re.M)
_STANDARD_END = re.compile(r"^[ \t]*(?:" + "|".join([*_STANDARD["ends"], *map(re.escape, rules()["boilerplate_markers"])])
                           + r")", re.M)
_PAGE_AFTER = re.compile(r"[ \t]*\d{1,3}\b")


def standard_sections(text: str) -> list[tuple[int, int]]:
    """Spans of Ofsted's standard text inside a report (rules: standard_sections): what each grade means, how a
    joint inspection was run. Their sentences ("an inadequate board fails to understand what children live through") say
    nothing about the authority, yet read like findings about it."""
    spans: list[tuple[int, int]] = []
    for m in _STANDARD_HEADING.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue  # inside the section before: one span runs on to the end of both
        if _PAGE_AFTER.match(text, m.end()) or m.start() < len(text) // 10:
            continue  # the contents page: the heading and its page number
        end = _STANDARD_END.search(text, m.end())
        stop = min(end.start() if end else len(text), m.start() + _STANDARD["max_chars"])
        spans.append((m.start(), stop))
    return spans


def extract_document(doc: Document, thesaurus, authorities) -> Extraction:
    """Read everything the rules and thesaurus find in one document.

    `authorities` is a kg.reference.AuthorityIndex (resolve(name), find_in_text(text)).
    """
    text = doc.text
    md = extract_metadata(text, authorities.resolve)
    if md.publication_date is None:
        md.publication_date = publication_date_from_name(doc.source, md.period_end or md.period_start)
    authority = authorities.resolve(md.authority_name) if md.authority_name else None
    if authority is None:
        # Fall back to the authority most often named in the opening of the text.
        counts: dict[str, tuple[int, object, tuple[int, int]]] = {}
        for a, s, e in authorities.find_in_text(text[:5000]):
            n, _, span = counts.get(a.gss_code, (0, a, (s, e)))
            counts[a.gss_code] = (n + 1, a, span)
        if counts:
            _, authority, span = max(counts.values(), key=lambda t: t[0])
            md.authority_name = authority.name
            md.authority_span = span
    sentences = sentence_spans(text)
    ex = Extraction(md, authority, sentences)
    if md.kind == DocumentKind.LAC:
        ex.judgements = extract_lac_judgements(text)
    elif md.kind not in {DocumentKind.LETTER, DocumentKind.FOCUSED, DocumentKind.MONITORING, DocumentKind.JTAI}:
        # Letters, visits and joint targeted area inspections give no grades: a grade they mention is another's.
        ex.judgements = extract_judgements(text)
    names = set()
    if authority is not None:
        names = {authority.name, *getattr(authority, "variants", ())}
    starts = {s for s, _ in sentences}
    starts |= {s + 2 for s, _ in sentences if text.startswith("\u2022 ", s)}  # the first word of a bullet
    body_end = boilerplate_start(text)
    # Sentences about the inspection team name inspectors, not services ("Team inspectors: ...").
    # One scan of the text, then the sentences holding a hit (a search per sentence costs ten times more).
    sent_starts = [s for s, _ in sentences]
    skip_index: set[int] = set()
    for m in _inspector_matches(text):
        i = bisect.bisect_right(sent_starts, m.start()) - 1
        if i >= 0 and m.end() <= sentences[i][1]:
            skip_index.add(i)
    for m in _SOURCE_LINE.finditer(text):
        i = bisect.bisect_right(sent_starts, m.end()) - 1
        if i >= 0 and m.end() <= sentences[i][1]:
            skip_index.add(i)
    skip = [sentences[i] for i in sorted(skip_index)]
    contents = contents_span(text)
    if contents:
        skip.append(contents)
    standard = standard_sections(text)
    skip.extend(standard)
    found = find_entities(text[:body_end], thesaurus, sentence_starts=starts, authority_names=names, skip_spans=skip,
                           is_authority=lambda n: authorities.resolve(n) is not None)
    ex.entities = found
    # Mentions per sentence, for relations, statuses and findings.
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    for f in ex.entities:
        for s, e in f.mentions:
            i = bisect.bisect_right(sent_starts, s) - 1
            if i >= 0:
                by_sentence.setdefault(i, []).append((s, e, f.key))
    themes = {f.key for f in ex.entities if f.core_class == "Theme"}
    classes = {f.key: f.core_class for f in ex.entities}
    classes[AUTHORITY] = AUTHORITY_CLASS
    doer = authority_pattern(names) if authority is not None else None
    for i, mentions in by_sentence.items():
        mentions.sort()
        things = [m for m in mentions if m[2] not in themes]
        acting = authority_mentions(text, sentences[i], things, doer) if doer is not None and things else []
        ex.relations.extend(relations_in_sentence(text, sentences[i], sorted(things + acting) if acting else things,
                                                  classes))
        words = status_words(text, sentences[i]) if things else []
        for key, status, (m_start, m_end) in statuses_of(text, words, things) if words else ():
            ex.statuses.setdefault(key, set()).add(status)
            ex.status_evidence.append((key, status, m_start, m_end))
    in_standard = Spans(len(text))
    for s0, e0 in standard:
        in_standard.mark(s0, e0)
    kept = [i for i, (s, _) in enumerate(sentences) if s < body_end and not in_standard.at(s)]
    body = [sentences[i] for i in kept]
    ex.metrics = extract_metrics(text, body)
    # (findings number the sentences they are given: those with an entity, by their place in `body`)
    with_entities = {k for k, i in enumerate(kept) if i in by_sentence}
    ex.findings = extract_findings(text[:body_end], body, with_entities)
    if contents:
        c0, c1 = contents
        ex.metrics = [m for m in ex.metrics if not c0 <= m.start < c1]
        ex.findings = [f for f in ex.findings if not c0 <= f.start < c1]
    if standard:
        ex.findings = [f for f in ex.findings if not in_standard.at(f.start)]
    _drop_statuses_asked_for(ex)
    return ex


# What a recommendation asks for is no status the thing has: "Ensure that the designated officer role is
# understood and embedded" (a practitioner check found the LADO listed as embedded, the opposite of what the report
# said), "including an extension of the apprenticeship scheme". What it says is new or has ended still is ("promote
# the recently launched hub to schools").
_KEPT_IN_RECOMMENDATIONS = frozenset({"Introduced", "Ended"})


def _drop_statuses_asked_for(ex: Extraction) -> None:
    asked = [(f.start, f.end) for f in ex.findings if f.recommendation]
    if not asked or not ex.status_evidence:
        return
    ex.status_evidence = [ev for ev in ex.status_evidence
                          if ev[1] in _KEPT_IN_RECOMMENDATIONS or not any(s <= ev[2] < e for s, e in asked)]
    ex.statuses = {}
    for key, status, _, _ in ex.status_evidence:
        ex.statuses.setdefault(key, set()).add(status)
