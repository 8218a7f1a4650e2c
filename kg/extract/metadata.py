"""Document metadata: kind, the authority it is about, dates, lead inspector, and letter attendees.

Example:
    >>> parse_date_range("Inspection dates: 4 to 8 March 2019")
    (datetime.date(2019, 3, 4), datetime.date(2019, 3, 8))
    >>> parse_date_range("Inspection date: 16 September 2014 – 8 October 2014")
    (datetime.date(2014, 9, 16), datetime.date(2014, 10, 8))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kg.extract.text import find_all, lower_same_offsets, opening_filter


class DocumentKind(StrEnum):
    """The ontology class of a document (local names in sg:)."""

    LETTER = "EngagementLetter"
    STANDARD = "StandardInspection"
    SHORT = "ShortInspection"
    FOCUSED = "FocusedVisit"
    MONITORING = "MonitoringVisit"
    JTAI = "JointTargetedAreaInspection"
    SIF = "SIFInspection"
    LAC = "LookedAfterChildrenInspection"
    OTHER = "Document"


#: Gold-annotation names of the kinds (eval/ANNOTATION-GUIDELINES.md).
GOLD_KIND = {
    DocumentKind.LETTER: "annual-engagement-letter",
    DocumentKind.STANDARD: "ilacs-standard",
    DocumentKind.SHORT: "ilacs-short",
    DocumentKind.FOCUSED: "focused-visit",
    DocumentKind.MONITORING: "monitoring-visit",
    DocumentKind.JTAI: "jtai",
    DocumentKind.SIF: "other",
    DocumentKind.LAC: "other",
    DocumentKind.OTHER: "other",
}

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RANGE = re.compile(
    rf"{_DAY}(?:\s+{_MONTH})?(?:\s+(\d{{4}}))?\s*(?:to|until|and|–|-|—|─|−)\s*{_DAY}\s+{_MONTH}\s+(\d{{4}})",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"{_DAY}\s+{_MONTH}\s+(\d{{4}})", re.IGNORECASE)


def _mk(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None


_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b(?:\s*(?:to|until|and|–|-|—|─|−)\s*(\d{1,2})/(\d{1,2})/(\d{4})\b)?")


def _numeric(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))  # UK order: day/month/year
    except ValueError:
        return None


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    """The first date range ("4 to 8 March 2019", "12/09/2016 to 06/10/2016") or single date in `text`.

    >>> parse_date_range("Inspection date: 12/09/2016 to 06/10/2016")
    (datetime.date(2016, 9, 12), datetime.date(2016, 10, 6))
    """
    numeric = _NUMERIC.search(text)
    worded = _RANGE.search(text) or _SINGLE.search(text)
    if numeric and (not worded or numeric.start() < worded.start()):
        start = _numeric(*numeric.group(1, 2, 3))
        end = _numeric(*numeric.group(4, 5, 6)) if numeric.group(4) else start
        return start, end
    m = _RANGE.search(text)
    if m:
        d1, m1, y1, d2, m2, y2 = m.groups()
        end = _mk(d2, m2, y2)
        start = _mk(d1, m1 or m2, y1 or y2)
        if start and end and start > end and not y1:  # "30 December to 3 January 2020"
            start = _mk(d1, m1 or m2, str(int(y2) - 1))
        return start, end
    m = _SINGLE.search(text)
    if m:
        d = _mk(*m.groups())
        return d, d
    return None, None


# An inspection that came back: "Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023". The
# inspection ends with its last visit (the judgements CSV records the first only; docs/CSV-DISAGREEMENTS.md).
_AND_LATER = re.compile(r"\s*(?:and|&)\s+")


def _later_visit_end(text: str, at: int) -> date | None:
    """The end of the last of the date ranges joined by "and" from `at` (the first one's start), or None."""
    line_end = text.find("\n", at)
    line = text[at:line_end if line_end >= 0 else len(text)][:200]
    end = None
    pos = 0
    while True:
        m = _RANGE.match(line, pos) or _SINGLE.match(line, pos)
        if m is None:
            return end
        _, later = parse_date_range(m.group())
        end = later or end
        joined = _AND_LATER.match(line, m.end())
        if joined is None:
            return end
        pos = joined.end()


@dataclass(slots=True)
class Metadata:
    kind: DocumentKind = DocumentKind.OTHER
    authority_name: str | None = None
    authority_span: tuple[int, int] | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_span: tuple[int, int] | None = None
    publication_date: date | None = None
    lead_inspector: str | None = None
    lead_inspector_span: tuple[int, int] | None = None
    title: str | None = None
    attendees: list[tuple[str | None, str, tuple[int, int]]] = field(default_factory=list)


#: Kinds told from the title region (the opening lines), most specific first. A later report often
#: mentions an earlier focused visit, so only the opening is read.
_KIND_PATTERNS: list[tuple[DocumentKind, re.Pattern[str]]] = [
    (DocumentKind.FOCUSED, re.compile(r"focused visit (?:to|of|on)", re.I)),
    (DocumentKind.MONITORING, re.compile(r"monitoring visit (?:to|of|on)", re.I)),
    (DocumentKind.JTAI, re.compile(r"joint targeted area inspection", re.I)),
    (DocumentKind.SIF, re.compile(
        r"inspection of services for children in need of help and protection|review of the effectiveness of "
        r"the local safeguarding children board|single inspection framework", re.I)),
    (DocumentKind.LAC, re.compile(r"inspection of (?:services for )?looked after children(?:'s)? services", re.I)),
    # Some ILACS reports of 2021-2026 name the council or trust instead of "local authority children's
    # services" ("Inspection of Kent County Council children's services", "Inspection of Bradford Children and
    # Families Trust"; seven corpus reports): a title "Inspection of ..." followed by the inspection dates.
    # The kinds above are ruled out first.
    (DocumentKind.STANDARD, re.compile(
        r"inspection of (?:.{2,80}? )?local authority children.s services|inspection of children.s social care services"
        r"|\Ainspection of [^\n]{2,80}(?:\n[^\n]{2,60})?\ninspection dates?\b",
        re.I | re.S)),
]
# A visit letter's heading on a line of its own, within the opening of a letter (_LETTER_HEAD characters).
_VISIT_HEADING = re.compile(r"^[ \t]*(focused|monitoring) visit (?:to|of|on) [^\n]{2,120}$", re.I | re.M)
_LETTER_HEAD = 1500
_ILACS_TABLE = re.compile(r"impact of leaders on social work practice", re.I)
_LETTER = re.compile(r"annual engagement meeting|annual conversation|engagement meeting", re.I)
#: How much of the opening is the title region.
TITLE_REGION = 400

_TITLE_AUTHORITY = [
    re.compile(r"inspection of (?P<a>.{2,80}?) local authority children.s services", re.I | re.S),
    re.compile(r"^(?P<a>[^\n]{2,80}?)(?: (?:metropolitan )?(?:borough |city |county |district )*council)?\n", re.I),
    re.compile(r"(?:focused|monitoring) visit (?:to|of) (?P<a>.{2,80}?)(?: local authority)? children.s services",
               re.I | re.S),
    re.compile(r"joint targeted area inspection of (?:the multi-agency response to .{3,120}? in )?(?P<a>.{2,60}?)"
               r"(?:\n|$| Inspection| between| from)", re.I),
    re.compile(r"children.s services in (?P<a>.{2,60}?)(?: council area)? (?:are|is|require|requires)\b", re.I),
]
# Behind a look-ahead for "l" or "r" (of any case) for the text lower() cannot stand in for; otherwise
# _lead_inspector tries it only where its opening words are.
_INSPECTOR = opening_filter(re.compile(
    r"(?i:(?<!deputy )(?:lead inspectors?|reporting inspector|lead hmi))\s*[:\-–]?\s*(?P<n>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]*){1,3})"
))
_LEAD_WORDS = ("lead inspector", "reporting inspector", "lead hmi")  # where an _INSPECTOR match starts


def _lead_inspector(text: str) -> re.Match[str] | None:
    """_INSPECTOR.search(text), tried only where the lower-cased text has one of its opening words."""
    low = lower_same_offsets(text)
    if low is None:
        return _INSPECTOR.search(text)
    for at in sorted(find_all(low, _LEAD_WORDS)):  # the leftmost match, as search finds it
        if m := _INSPECTOR.match(text, at):
            return m
    return None


_SIGNOFF = re.compile(
    r"(?:yours sincerely|yours faithfully|kind regards|best wishes|with best wishes|regards),?\s*\n?\s*"
    r"(?P<n>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*\n?\s*"
    r"(?P<t>(?:Senior )?(?:His|Her) Majesty.s Inspector|Senior HMI|HMI|Regional Director|Ofsted Inspector)",
    re.I,
)
# An inspector named with the title anywhere in a letter's opening ("Ofsted attendees: Ruth Black, Senior HMI";
# "Sean Tarpey\nSenior HMI, London"): a letter's last resort.
_TITLED_HMI = re.compile(
    r"(?P<n>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})[ \t]*(?:,|\(|\n)[ \t]*"
    r"(?:Senior |Regional )?(?:HMI|(?:His|Her) Majesty.s Inspector)\b")
# Visit letters name their inspectors in a sentence: "Her Majesty's Inspectors for this visit were A and B (lead)",
# "This visit was carried out by Her Majesty's Inspectors A and B".
# The one marked lead is; else the letter's signature (below); else the first named.
_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
_MARKED_LEAD = re.compile(rf"(?P<n>{_NAME})\s*\((?:lead|lead inspector|lead HMI)\)"
                          rf"|(?P<n2>{_NAME}),\s+(?:Ofsted\s+)?(?i:lead (?:inspector|HMI))\b")  # "A Name, lead inspector"
_VISIT_INSPECTORS = re.compile(
    rf"(?i:Majesty.s Inspectors?|inspectors?) (?i:for this (?:visit|inspection) (?:were|was))\s+(?P<n>{_NAME})"
    rf"|(?i:(?:visit|inspection) was (?:carried out|conducted|undertaken) by)(?: (?i:two|three|four))?"
    rf"(?: (?i:His|Her) Majesty.s Inspectors?,?| (?i:inspectors?),?)?\s+(?P<n2>{_NAME})")
# "The visit was led by ...", "The lead inspector was ...": said in a sentence, it names the lead among several.
_LED_BY = re.compile(
    rf"(?i:(?:visit|inspection) was led by|the lead inspector (?:was|is))(?: (?i:His|Her) Majesty.s Inspector,?)?"
    rf"\s+(?P<n>{_NAME})")
# The dates of a visit or joint inspection in its opening sentence: "Between 8 and 12 May 2023, Ofsted, the CQC ...".
_OPENING_RANGE = re.compile(
    r"\b(?i:between|from)\s+(\d{1,2}(?:st|nd|rd|th)?(?:\s+[A-Z][a-z]+)?(?:\s+\d{4})?\s+(?:and|to|until|–|-|—|─|−)\s+"
    r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4})")
_PUBLISHED = re.compile(rf"(?:report )?published:?\s*{_DAY}\s+{_MONTH}\s+(\d{{4}})", re.I)
_PERIOD_LINES = [
    re.compile(r"inspection dates?\s*:?\s*(.{5,80})", re.I),
    re.compile(r"(?:visit|inspection) (?:took place|was carried out|happened) (?:on|between|from)\s+(.{5,80})", re.I),
    re.compile(r"(?:focused|monitoring) visit .{0,80}? (?:on|between|from)\s+(\d{1,2}.{3,60}?\d{4})", re.I),
    re.compile(r"meeting (?:on|held on|of)\s+(\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})", re.I),
    re.compile(r"visit dates?\s*:?\s*(.{5,80})", re.I),
]
# The meeting date of an engagement letter, tried before the lines above (a letter may mention an earlier
# visit's dates first): "Date of meeting: 4 April 2019", "Thank you for meeting with us on 22 May 2024",
# "We met on 3 March 2023", "Annual engagement meeting: 7 February 2025", "Annual conversation with Leeds City
# Council, 3 March 2023", a "Date: 14 November 2022" line.
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_LETTER_DATE = rf"({_WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}})"
_LETTER_PERIOD_LINES = [
    re.compile(rf"(?:date of (?:the |our )?(?:annual engagement )?meeting|meeting date)\s*:?\s*{_LETTER_DATE}", re.I),
    re.compile(rf"\b(?:meeting|conversation|met|meet)\b[^.\n]{{0,80}}?\b(?:on|held on|of)\s+{_LETTER_DATE}", re.I),
    re.compile(rf"(?:engagement meeting|annual conversation)[^.\n]{{0,100}}?{_LETTER_DATE}", re.I),
    re.compile(rf"^\s*date\s*:\s*{_LETTER_DATE}", re.I | re.M),
]
_ATTENDEE = re.compile(
    r"^\s*(?P<name>[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,3})\s*[:,–-]\s*(?P<post>[A-Z][^\n]{3,120})$", re.M
)


_DATE_NAMED = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


def publication_date_from_name(source: str, fieldwork: date | None) -> date | None:
    """The publication date a file's own name gives, for a report whose text does not print it: `kg fetch`
    (like the Ofsted corpus) names each report `<publication date>.pdf`. Only a name that is exactly a date
    counts, and only a date on or after the fieldwork, within two years of it (a report is published after its
    inspection, a few weeks later)."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    m = _DATE_NAMED.fullmatch(stem)
    if m is None:
        return None
    try:
        named = date(*map(int, m.groups()))
    except ValueError:
        return None
    if fieldwork is not None and not 0 <= (named - fieldwork).days <= 730:
        return None
    return named


def extract_metadata(text: str, find_authority) -> Metadata:
    """Read the metadata; `find_authority(name)` resolves a name to a reference authority (or None)."""
    head = text[:4000]
    md = Metadata()
    title_region = text[:TITLE_REGION]
    if _LETTER.search(head) and not re.search(r"inspection dates?", title_region, re.I):
        md.kind = DocumentKind.LETTER
    else:
        for kind, pattern in _KIND_PATTERNS:
            if pattern.search(title_region):
                md.kind = kind
                break
        else:
            # A visit letter whose address block and salutation push its heading past the title region.
            m = _VISIT_HEADING.search(text[:_LETTER_HEAD])
            if m:
                md.kind = DocumentKind.FOCUSED if m.group(1).lower() == "focused" else DocumentKind.MONITORING
    # Authority named in the title or opening lines.
    for pattern in _TITLE_AUTHORITY:
        m = pattern.search(head)
        if m:
            name = " ".join(m.group("a").split())
            if find_authority(name):
                md.authority_name = name
                md.authority_span = (m.start("a"), m.end("a"))
                break
    # Dates
    first_end = None  # the end of the first visit, when an inspection came back for a second
    for pattern in (_LETTER_PERIOD_LINES + _PERIOD_LINES) if md.kind == DocumentKind.LETTER else _PERIOD_LINES:
        m = pattern.search(text[:6000])
        if m:
            start, end = parse_date_range(m.group(1))
            if start:
                md.period_start, md.period_end = start, end
                md.period_span = (m.start(), m.end())
                later = _later_visit_end(text, m.start(1))
                if later and end and later > end:
                    first_end, md.period_end = end, later
                break
    if md.period_start is None and md.kind in (DocumentKind.JTAI, DocumentKind.FOCUSED, DocumentKind.MONITORING):
        m = _OPENING_RANGE.search(text[:3000])
        if m:
            start, end = parse_date_range(m.group(1))
            if start:
                md.period_start, md.period_end = start, end
                md.period_span = (m.start(1), m.end(1))
    m = _PUBLISHED.search(head)
    if m:
        md.publication_date = _mk(*m.groups())
    else:
        m = re.search(r"published:?\s*(\d{1,2})/(\d{1,2})/(\d{4})", head, re.I)
        if m:
            md.publication_date = _numeric(*m.groups())
    if md.kind == DocumentKind.OTHER and md.period_start and _ILACS_TABLE.search(head):
        # Whatever its title says, a report whose grade table has the ILACS areas (2018 on) is an ILACS
        # inspection; its length tells standard from short below.
        md.kind = DocumentKind.STANDARD
    fieldwork_end = first_end or md.period_end  # a short inspection's first visit is one week
    if md.kind == DocumentKind.STANDARD and md.period_start and fieldwork_end \
            and (fieldwork_end - md.period_start).days <= 6:
        md.kind = DocumentKind.SHORT
    # Lead inspector: a "Lead inspector:" line, else the signature of a letter.
    m = _lead_inspector(text) or _MARKED_LEAD.search(text[:8000])
    group = "n2" if m and m.re is _MARKED_LEAD and m.group("n") is None else "n"
    if m is None:
        m = next(reversed(list(_SIGNOFF.finditer(text))), None)  # the last signature
    if m is None:
        m = _LED_BY.search(text[:8000]) or _VISIT_INSPECTORS.search(text[:8000])
        group = "n2" if m and m.group("n") is None else "n"
    if m is None and md.kind == DocumentKind.LETTER:
        m = next((t for t in _TITLED_HMI.finditer(text[:4000]) if _clean_name(t.group("n"))), None)
    if m:
        md.lead_inspector = _clean_name(m.group(group))
        md.lead_inspector_span = (m.start(group), m.end(group))
    if md.kind == DocumentKind.LETTER:
        md.attendees = _attendees(text)
    md.title = _title(text)
    return md


_TITLE_WORDS = re.compile(r"\b(?:inspection|visit|review|letter|report|engagement|meeting)\b", re.I)
_TITLE_OPENING = re.compile(r"(?:Inspection of|Review of|Joint targeted area inspection)\b")
_TITLE_TAIL = re.compile(r"\s+(?:Inspection dates?|Lead inspector|Report published|Dates? of (?:the )?(?:inspection|visit))\s*:",
                         re.I)


def _title(text: str) -> str | None:
    """The document's title: its first line, or the line after it when the first is only the authority's name
    and the next opens like a title (an older report's council name, then its "Inspection of services for ..."
    line); never the dates and inspector a scrambled header runs on with, nor a footnote's number glued to the
    last word ("... board1")."""
    lines = [line.strip() for line in text.strip().split("\n", 2)[:2]]
    title = lines[0] if lines else ""
    if title and not _TITLE_WORDS.search(title) and len(lines) > 1 and _TITLE_OPENING.match(lines[1]):
        title = lines[1]
    title = re.sub(r"(?<=[a-z])\d$", "", _TITLE_TAIL.split(title, 1)[0].strip())
    return title[:200] or None


_NAME_STOP = {"his", "her", "majesty", "majesty's", "majesty’s", "inspector", "inspectors", "senior", "hmi", "social",
              "care", "deputy", "lead", "team", "judgement", "regional", "director", "ofsted", "overall"}


def _clean_name(name: str) -> str:
    words = []
    for w in name.split():
        if w.lower().strip(",.") in _NAME_STOP:
            break
        words.append(w.strip(",."))
    name = " ".join(words)
    return " ".join(w if not w.isupper() or len(w) <= 2 else w.title() for w in name.split())


# Where a letter lists who came: "Attending:", "Attendees:", "Present:", "Local authority attendees:"; not
# the list of Ofsted's own inspectors ("Ofsted attendees:", "HMI present:").
_ATTENDING = re.compile(r"\b(?:attend(?:ing|ees|ance)|present)\b[ \t]*(?P<colon>:?)[ \t]*", re.I)
# The first word of a post, never of a person's name ("Director of Children's Services; Head of Service").
_POST_WORDS = {"director", "head", "assistant", "deputy", "chief", "lead", "senior", "service", "services", "manager",
               "principal", "corporate", "interim", "executive", "strategic", "group", "divisional", "acting",
               "cabinet", "portfolio", "virtual", "independent", "designated", "social", "team", "business",
               "quality", "performance", "early", "children's", "children’s", "local", "the", "a", "an", "all"}
_PERSON = re.compile(r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){1,3}")


def _is_person(name: str) -> bool:
    """A person's name as letters write it ("Paul Hewitt", "Mellina Williamson-Taylor", "Sean TARPEY")."""
    return bool(_PERSON.fullmatch(name)) and name.split()[0].lower() not in _POST_WORDS


def _attendees(text: str) -> list[tuple[str | None, str, tuple[int, int]]]:
    """The authority's people at an engagement meeting, as (name or None, post, the post's span).

    Either lines "Name: Post" (or "Name, Post", "Name - Post") under an "Attending" heading, at most 30 lines
    on, or a list on the heading's own line ("Present: Tom Brown (Director of Children's Services), Sue White
    (Head of Service, Early Help)"; "Local authority attendees: Director of Children's Services; Assistant
    Director, Safeguarding"), where an item with no person's name is a post alone.
    """
    for heading in _ATTENDING.finditer(text[:6000]):
        line_start = text.rfind("\n", 0, heading.start()) + 1
        if re.search(r"\b(?:ofsted|hmi|inspectors?)\W*$", text[max(line_start, heading.start() - 40):heading.start()],
                     re.I):
            continue
        line_end = text.find("\n", heading.end())
        line_end = len(text) if line_end < 0 else line_end
        if text[heading.end():line_end].strip(" .;"):
            if not heading.group("colon"):
                continue  # "present" in a sentence ("the risks present in ...")
            # The list ends with its sentence ("..., Sue White (Head of Service). The service has ...").
            stop = _LIST_END.search(text[heading.end():line_end])
            return _listed_attendees(text, heading.end(), heading.end() + stop.start() if stop else line_end)
        if not heading.group("colon") and text[line_start:heading.start()].strip():
            continue  # a sentence ending "... the risks present", not a heading
        out: list[tuple[str | None, str, tuple[int, int]]] = []
        block_end = heading.end()
        for line_m in _ATTENDEE.finditer(text, heading.end(), min(len(text), heading.end() + 3000)):
            if line_m.start() - block_end > 200:
                break
            block_end = line_m.end()
            name = _clean_name(line_m.group("name"))
            if not _is_person(name):
                continue  # "Senior HMI, Social Care" under a signature, not an attendee
            post = " ".join(line_m.group("post").split()).rstrip(" .")
            if _OFSTED_POST.search(post):
                continue  # the inspector who wrote the note: Ofsted's, not a post in the authority
            out.append((name, post, (line_m.start("post"), line_m.end("post"))))
        if out:
            return out
    return []


# Where a list on the heading's line ends: its sentence's full stop, or a new sentence run on to it when the
# lines were rejoined ("... Assistant Director, Safeguarding The authority described ...").
_LIST_END = re.compile(r"\.(?:\s|$)(?![^()]*\))|\s(?=(?:The|This|These|We|It|Our|There|They|You|Your|In|At|During|"
                       r"Since|Thank|Leaders|Following)\s)")
_OFSTED_POST = re.compile(r"\b(?:HMI|Majesty.s Inspector|Ofsted)\b")
# An item of a listed attendee: "Tom Brown (Director of Children's Services)", "Sue White, Head of Service".
_LISTED = re.compile(r"[^;()]+(?:\([^()]*\))?")


def _listed_attendees(text: str, start: int, end: int) -> list[tuple[str | None, str, tuple[int, int]]]:
    out: list[tuple[str | None, str, tuple[int, int]]] = []
    for item in _LISTED.finditer(text, start, end):
        raw = item.group().strip(" ,.;")
        if not raw:
            continue
        at = item.start() + item.group().index(raw)
        m = re.fullmatch(r"(?P<name>[^(]+?)\s*\((?P<post>[^()]+)\)", raw)
        if m is None:
            m = re.fullmatch(r"(?P<name>[^,:–-]+?)\s*[,:–-]\s*(?P<post>.+)", raw)
        name = _clean_name(m.group("name")) if m else ""
        if m and _is_person(name):
            post, post_at = m.group("post").strip(), at + m.start("post")
        else:
            name, post, post_at = None, raw, at
        if post and not _is_person(post) and not _OFSTED_POST.search(post):
            out.append((name, post, (post_at, post_at + len(post))))
    return out
