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
    # A care-leavers grade inside "children in care and care leavers" is not a separate judgement.
    return sorted(found.values(), key=lambda j: j.start)
