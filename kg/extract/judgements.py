"""Judgements: the grades table of inspection reports, and the graded sentences of older SIF reports.

Example:
    >>> text = "The impact of leaders on social work practice with children and families\\nGood\\nOverall effectiveness Good"
    >>> sorted((j.area, j.grade) for j in extract_judgements(text))
    [('ImpactOfLeaders', 'Good'), ('OverallEffectiveness', 'Good')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text import lower_same_offsets

# A table cell may break the grade over lines ("Requires\nImprovement").
GRADE = r"(outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate)"
GRADES = {"outstanding": "Outstanding", "good": "Good", "inadequate": "Inadequate"}

#: Area phrases, most specific first; each maps to an sg: judgement area.
AREAS: list[tuple[str, str]] = [
    (r"overall effectiveness", "OverallEffectiveness"),
    (r"children.s services in [\w ,'’&-]{2,60}? (?:council area )?(?=are|is|require)", "OverallEffectiveness"),
    (r"overall judgement is(?: that children.s services)?", "OverallEffectiveness"),
    (r"impact of leaders on (?:social work )?practice(?: with children and families)?", "ImpactOfLeaders"),
    (r"leadership,? management and governance", "ImpactOfLeaders"),
    (r"(?:experiences and progress of )?children who need help and protection", "HelpAndProtection"),
    (r"(?:experiences and progress of )?children in care and care leavers", "ChildrenInCare"),
    (r"children looked after and achieving permanence", "ChildrenInCare"),
    (r"experiences and progress of children in care", "ChildrenInCare"),
    (r"experiences and progress of (?:children )?care leavers", "CareLeavers"),
    # A row of the grades table of single inspection framework reports (2013-2018): "2.1 Adoption performance
    # Good". (Their other further area, the board, is read by `_board_judgement`.)
    (r"adoption performance", "AdoptionPerformance"),
]


@dataclass(frozen=True, slots=True)
class JudgementFact:
    area: str
    grade: str
    start: int  # evidence span: the area phrase through the grade
    end: int


def _grade(word: str) -> str:
    w = word.lower()
    return "RequiresImprovement" if w.startswith("require") else GRADES[w]


_PATTERNS = [
    (re.compile(area + r"[\s:.\-–]*(?:(?:is|are|were|was)\s+)?(?:judged\s+(?:to\s+be\s+)?)?" + GRADE + r"\b",
                re.I), key)
    for area, key in AREAS
]
# The same without re.I, run on the lower-cased opening of a report: their first words are then literals the
# regex engine skips ahead to, instead of trying each pattern at every position (the same matches; the
# grade is read case-blind, and the earlier-inspection check ignores case too).
_PATTERNS_LOWER = [(re.compile(p.pattern), key) for p, key in _PATTERNS]


# 2012-2013 inspections of looked-after-children services grade through the whole report ("Overall
# effectiveness of services for looked after children and young people Grade 4 (Inadequate)", later
# "Leadership and management Grade 4 (Inadequate)") and again in a closing table; "adequate" grades have no
# place on today's scale and are not recorded (GRADE has no "adequate", and \b keeps "inadequate" whole).
_GRADED = r"[\s|:.\-–]*(?:(?:is|are|was|were)\s+)?(?:judged\s+(?:to\s+be\s+)?)?(?:grade\s*\d\s*\(\s*)?" + GRADE + r"\b"
_LAC_PATTERNS = [
    (re.compile(r"overall effectiveness(?: of services)? for looked after children(?: and young people)?" + _GRADED,
                re.I), "OverallEffectiveness"),
    (re.compile(r"^\s*overall effectiveness" + _GRADED, re.I | re.M), "OverallEffectiveness"),
    (re.compile(r"leadership and management(?: of (?:the )?(?:services for )?looked after children(?:'s)?"
                r"(?: and young people)?(?: services?)?)?" + _GRADED, re.I), "ImpactOfLeaders"),
]


def extract_lac_judgements(text: str) -> list[JudgementFact]:
    """Grades of a 2012-2013 looked-after-children services inspection: overall effectiveness and leadership
    and management (the areas such a report judges that match today's), the first graded mention of each."""
    found: dict[str, JudgementFact] = {}
    for pattern, key in _LAC_PATTERNS:
        if key in found:
            continue
        m = pattern.search(text)
        if m:
            found[key] = JudgementFact(key, _grade(m.group(m.lastindex or 1)), m.start(), m.end())
    return sorted(found.values(), key=lambda j: j.start)


#: A grade stated about an earlier inspection ("since the inspection in 2023, when overall effectiveness was
#: judged to be inadequate"): past tense, or an earlier inspection named just before it in the sentence.
_EARLIER = re.compile(r"\b(?:was|were|had been)\s+(?:judged|graded|found)\b", re.I)
_EARLIER_BEFORE = re.compile(
    r"(?:\b(?:previous|last|prior|earlier|preceding)\s+(?:\w+\s+){0,2}?inspection|\binspection in (?:19|20)\d\d"
    r"|\bpreviously\b)[^.\n]*$", re.I)


def _about_earlier_inspection(text: str, m: re.Match[str]) -> bool:
    return bool(_EARLIER.search(m.group(0)) or _EARLIER_BEFORE.search(text, max(0, m.start() - 200), m.start()))


# The grades table as text readers other than ours lay it out (pdftotext, with or without -layout): each
# cell on a line of its own, the labels first and their grades after them ("1. Children who need help and
# protection\n2. Children looked after and achieving permanence\n\nRequires\nimprovement\nGood"), or the grade
# in a right-hand column of the label's first line or of a line between its parts ("The experiences and
# progress of            Good\n children in care"). A grade cell is a line holding only a grade (a footnote
# number may follow), or a grade after three or more spaces at the end of a line.
_GRADE_CELL = re.compile(r"(?:^[ \t]*|(?<=\S)[ \t]{3,})" + GRADE + r"[ \t]*\d?[ \t]*$", re.M | re.I)
# A label cell: an area's whole name starting a line (after a number such as "2.1" and "The") and ending one,
# once the grade cells are blanked out; words may be broken over lines, and numbered rows may share a line
# ("1. Children who need help and protection 2. Children looked after and achieving permanence").
# "Adoption performance" is a row of the older table with a grade of its own.
_TABLE_AREAS: list[tuple[str, str | None]] = [
    ("overall effectiveness", "OverallEffectiveness"),
    ("impact of leaders on social work practice with children and families", "ImpactOfLeaders"),
    ("impact of leaders on practice with children and families", "ImpactOfLeaders"),
    ("leadership, management and governance", "ImpactOfLeaders"),
    ("experiences and progress of children who need help and protection", "HelpAndProtection"),
    ("children who need help and protection", "HelpAndProtection"),
    ("experiences and progress of children in care and care leavers", "ChildrenInCare"),
    ("children looked after and achieving permanence", "ChildrenInCare"),
    ("experiences and progress of children in care", "ChildrenInCare"),
    ("experiences and progress of children care leavers", "CareLeavers"),
    ("experiences and progress of care leavers", "CareLeavers"),
    ("adoption performance", "AdoptionPerformance"),
]
_NUMBERED = r"\d+(?:\.\d+)*\.\s"  # "2.1 " or "3. " opening a row of the older table
_LABEL_CELL = re.compile(
    rf"(?:^[ \t]*|[ \t]+(?={_NUMBERED}))(?:\d+(?:\.\d+)*\.?\s+)?(?:the\s+)?(?P<label>"
    + "|".join(re.escape(label).replace(r"\ ", r"\s+") for label, _ in _TABLE_AREAS)
    + rf")(?=[ \t]*\d?[ \t]*$|[ \t]+{_NUMBERED})", re.M | re.I)
_LABEL_KEYS = {label: key for label, key in _TABLE_AREAS}
_PENDING_CHARS = 600  # a label waits this far for its grade; further on it was not a table


def _table_cells(head: str) -> dict[str, JudgementFact]:
    """Grades read from a table laid out as cells (see _GRADE_CELL): each grade cell goes to the oldest label
    cell still waiting for one. Empty when the head has no such table (our reader puts a label and its grade
    on one line, which the area patterns read)."""
    grades = list(_GRADE_CELL.finditer(head))
    if not grades:
        return {}
    blanked = list(head)
    for m in grades:
        s, e = m.span(m.lastindex or 1)
        blanked[s:e] = " " * (e - s)
    events: list[tuple[int, re.Match[str], bool]] = [
        (m.start(), m, False) for m in _LABEL_CELL.finditer("".join(blanked))]
    if not events:
        return {}
    events += [(m.start(m.lastindex or 1), m, True) for m in grades]
    events.sort(key=lambda ev: ev[0])
    pending: list[re.Match[str]] = []
    found: dict[str, JudgementFact] = {}
    for pos, m, is_grade in events:
        pending = [lab for lab in pending if pos - lab.end() <= _PENDING_CHARS]
        if not is_grade:
            pending.append(m)
            continue
        if not pending:
            continue
        label = pending.pop(0)
        key = _LABEL_KEYS[" ".join(label.group("label").lower().split())]
        if key and key not in found:
            g = m.lastindex or 1
            found[key] = JudgementFact(key, _grade(m.group(g)), min(label.start("label"), m.start(g)),
                                       max(label.end("label"), m.end(g)))
    return found


# A single inspection framework report that includes the board's review says so in its title, and grades the
# board in a sentence of its own: under the grades table (the board's effectiveness "is good"), or opening the
# board's section, often pages on (the board "requires improvement"). A grade must end its sentence or line,
# or run into the next heading, so that "The LSCB is good at ..." is not one.
_BOARD_REVIEW = re.compile(r"review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children", re.I)
_BOARD_GRADE = re.compile(
    r"\b(?:the\s+)?(?:judgement\s+(?:for|on)\s+the\s+)?(?:effectiveness\s+of\s+the\s+)?"
    r"(?:local\s+safeguarding\s+children\s+board(?:\s+\(lscb\))?|lscb)\s+"
    r"(?:(?:is|are)\s+)?(?:judged\s+(?:to\s+be\s+)?)?" + GRADE
    + r"(?=\s*(?:[.:\n]|$|because\b|executive\s+summary|summary\s+of|the\s+arrangements|an\s+lscb|the\s+lscb\b))", re.I)


_APPENDED_BOARD_REVIEW = re.compile(r"(?:review|inspection)\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+"
                                   r"board\s*\n\s*inspection\s+dates?:", re.I)


def _board_judgement(text: str) -> JudgementFact | None:
    """The grade of the local safeguarding children board in a report that includes the board's review."""
    start = 0
    if not _BOARD_REVIEW.search(text, 0, 2000):
        # A file holding the authority's report and, pages on, the board's own (a practitioner check found the
        # board's grade missing): the review's title page, its inspection dates right under it.
        appended = _APPENDED_BOARD_REVIEW.search(text)
        if appended is None:
            return None
        start = appended.start()
    for m in _BOARD_GRADE.finditer(text, start):
        if not _about_earlier_inspection(text, m):
            return JudgementFact("SafeguardingBoardEffectiveness", _grade(m.group(m.lastindex or 1)),
                                 m.start(), m.end())
    return None


def extract_judgements(text: str, *, window: int = 6000) -> list[JudgementFact]:
    """Grades found in the opening part of a report (where the table or graded list sits).

    The first grade for each area wins; the table comes before any later discussion. A grade said of an
    earlier inspection is not this report's ("... since 2023, when overall effectiveness was judged to be
    inadequate" in a 2026 report that gives no overall grade).
    """
    head = text[:window]
    low = lower_same_offsets(head)
    found: dict[str, JudgementFact] = {}
    for pattern, key in _PATTERNS if low is None else _PATTERNS_LOWER:
        for m in pattern.finditer(head if low is None else low):
            if key in found:
                break
            if _about_earlier_inspection(head, m):
                continue
            # "children in care" must not swallow "children in care and care leavers" handled above
            found[key] = JudgementFact(key, _grade(m.group(m.lastindex or 1)), m.start(), m.end())
    # A table read cell by cell is the report's own statement of its grades: it wins over a pattern that
    # took the grade of the next row (labels listed before their grades) or found none (a label split by its
    # grade), once it has two rows or more.
    table = _table_cells(head)
    if len(table) >= 2:
        found.update(table)
    board = _board_judgement(text)
    if board is not None:
        found[board.area] = board
    return sorted(found.values(), key=lambda j: j.start)
