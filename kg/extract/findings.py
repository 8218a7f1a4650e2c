"""Findings: what needs to improve, strengths and risks, with negation and hedging kept.

A sentence is a finding when it sits in a "What needs to improve" list, or when it names an entity and its
cue words say it judges something (rules in kg/rules/findings.json). A recommendation (an item of such a
list, or a sentence opening with an imperative) comes first, even when it names a risk: "ensure that drift
is prevented" asks for an improvement. Then a risk to children, then an area for improvement (a cue such as
"not always", "too few", "yet to"), then praise; a negated strength is an area for improvement, so "the
MASH is not yet embedded" is never praise.
Lines of grade tables and contents pages run together by the sentence splitter are never findings.
`kg eval tests/gold` scores the polarity against tests/gold/findings/polarity.json.

Example:
    >>> f = classify_sentence("The MASH is not yet embedded in practice.", in_improvement_list=False)
    >>> (f.polarity, f.hedged, f.negated)
    ('AreaForImprovement', True, True)
"""

from __future__ import annotations

import bisect
import re
import re._constants as _c
import re._parser as _parser
from dataclasses import dataclass

from kg.extract.text import opening_filter, rules

_R = rules("findings")


def _compile(cues: list[str]) -> re.Pattern[str]:
    """Whether a sentence has one of the cues, as a pattern used only with search() for a yes or no.

    Cues are lower case and matched against a lower-cased sentence: without re.I the regex engine is about
    twice as fast on these alternations (0.33 s against 0.75 s for 30,000 sentences). Cues that open with a
    plain letter are grouped by it ("n(?:ot|or|eeds? to ...)"): at a position the engine then tries one group,
    not every cue (a fifth less time); the order of the alternatives changes, not whether the sentence
    matches.
    """
    by_first: dict[str, list[str]] = {}
    others: list[str] = []
    for cue in cues:
        if "a" <= cue[:1] <= "z" and cue[1:2] not in ("", "?", "*", "+", "{") and not _alternation(cue):
            by_first.setdefault(cue[0], []).append(cue[1:])
        else:
            others.append(cue)
    grouped = [f"{c}(?:{'|'.join(rests)})" for c, rests in by_first.items()] + others
    return opening_filter(re.compile(r"\b(?:" + "|".join(grouped) + r")\b"))


def _alternation(pattern: str) -> bool:
    """Whether the pattern has a | outside any group or set ("a|b" cannot be split as "a" + "|b")."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 2 if pattern[i + 1:i + 3] == "^]" else 1 if pattern[i + 1:i + 2] in ("]", "^") else 0
            # (a "]" first in a set, after an optional "^", is a literal)
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


_IMPROVE = _compile(_R["improvement_cues"])
_RISK = _compile(_R["risk_cues"])
_STRENGTH = _compile(_R["strength_cues"])
_NEGATION = _compile(_R["negation_cues"])
_HEDGE = _compile(_R["hedge_cues"])
_HEADINGS = re.compile(r"^\s*(?:" + "|".join(_R["improvement_headings"]) + r")\b", re.I | re.M)
# A heading the reader glued to the end of the line before, its bullets on the next lines ("The effectiveness of the
# LSCB requires improvement Areas for improvement" / "• The board must ...").
_GLUED_HEADING = re.compile(r"(?<=\S )(?:" + "|".join(_R["improvement_headings"]) + r")[ \t]*(?=\n\u2022)", re.I)


def _at_start(pattern: str) -> bool:
    """Whether the whole pattern is anchored by its opening ^ (not "^a|b")."""
    items = _parser.parse(pattern).data
    return bool(items) and items[0] == (_c.AT, _c.AT_BEGINNING)


# Lines of a grade table or a table of contents that the sentence splitter ran together: never findings.
# Two patterns: those opening with ^ (matched at the start only) and the others, behind a look-ahead for their
# first letters (one alternation of them all was tried in full at every position: a third of the time).
_NOT_FINDING_START = re.compile(
    "|".join(f"(?:{p[1:]})" for p in _R["not_findings"] if _at_start(p)) or "(?!)")
_NOT_FINDING = opening_filter(
    re.compile("|".join(f"(?:{p})" for p in _R["not_findings"] if not _at_start(p)) or "(?!)"))
_GRADE_WORD = opening_filter(re.compile(r"\b(?:" + "|".join(_R["grade_words"]) + r")\b"))
# Plain grade words: a sentence holds at least as many of their substrings (str.count, in C) as whole-word
# matches, so one with fewer than three substrings needs no findall (most sentences).
_GRADE_LITERALS = (tuple(_R["grade_words"]) if all(re.fullmatch(r"[a-z ]+", w) for w in _R["grade_words"])
                   else None)


def _three_grade_words(sentence: str) -> bool:
    """Three grade words or more: a line of a grade table run together with others."""
    if _GRADE_LITERALS is not None and sum(sentence.count(w) for w in _GRADE_LITERALS) < 3:
        return False
    return len(_GRADE_WORD.findall(sentence)) >= 3


# A recommendation written as an imperative ("Ensure that ...", "23. Improve ..."), in a list or not.
# Not one: "Review meetings are effective" (an adjective), "Review of the LSCB" (a heading), "Ensure that:" (a
# lead-in whose items are findings of their own).
_IMPERATIVE = re.compile(r"^[\W\d]*(?!" + "|".join(_R["not_imperatives"]) + r")(?:"
                         + "|".join(_R["improvement_imperatives"]) + r")\b")


@dataclass(frozen=True, slots=True)
class FindingFact:
    polarity: str  # Strength | AreaForImprovement | Risk
    start: int
    end: int
    hedged: bool
    negated: bool
    # A formal recommendation: an item of a "What needs to improve" list, or a sentence opening with an
    # imperative (the numbered recommendations of older reports). The list a practitioner acts on.
    recommendation: bool = False


@dataclass(frozen=True, slots=True)
class _Cls:
    polarity: str | None
    hedged: bool
    negated: bool


# A sentence opening with a condition, up to its comma: "Where reunification is not possible,
# permanence in all other forms is considered ...", "When risks do not reduce, decisions are timely".
_OPENING_CONDITION = re.compile(r"^[\W\d]*(?:" + "|".join(_R["opening_conditions"]) + r")\b[^,;]{1,200}[,;]\s*(?=\w)")
# A second condition joined to the opening one, up to its own comma.
_CONDITION_GOES_ON = re.compile(r"(?:and|or) [^,;]{1,150}[,;]\s*(?=\w)")
# A condition or relative clause later in the sentence, up to the next comma: "timely decisions are made where
# the plan is not achieving change", "children who are not in school get good support".
_SCENE_CLAUSE = opening_filter(re.compile(r"\b(?:" + "|".join(_R["scene_clauses"]) + r")\b[^,;]*"))
# A condition on the circumstances of children or families, not on the authority's practice.
_CIRCUMSTANCE = re.compile(r"[\W\d]*(?:when|where|if|in cases where|for children who)\s+(?:it|this|that|children|a child|"
                           r"young people|a young person|parents|carers|families|a family|birth parents|they)\b")
# The bare negations, taken out of such a clause to see whether any other criticism is left in it.
_BARE_NEGATION = re.compile(r"\bnot\b|n['’]t\b|\bcannot\b|\bnever\b|\bno longer\b")


class _Rewrite:
    """A list of rules (kg/rules/findings.json) that each replace what they match. Plain patterns run as one
    alternation over every sentence; a rule written {"needs": [words], "pattern": ...} runs only on a sentence
    holding one of its words (a literal test): each rule of the alternation is tried at every position of
    every sentence, and a dozen rules for rare phrases made classifying a third slower."""

    def __init__(self, rules: list[str | dict]) -> None:
        plain = [r for r in rules if isinstance(r, str)]
        self.always = opening_filter(re.compile("|".join(f"(?:{p})" for p in plain) or "(?!)"))
        self.gated = [(frozenset(r["needs"]), re.compile(r["pattern"])) for r in rules if isinstance(r, dict)]
        # The words present in a sentence, found in one pass (an Aho-Corasick automaton, every occurrence, also
        # overlapping ones): testing each word in turn grew with the rules, to a sixth of classifying's time.
        import ahocorasick

        self.words = ahocorasick.Automaton()
        for w in sorted({w for needs, _ in self.gated for w in needs}):
            self.words.add_word(w, w)
        if len(self.words):
            self.words.make_automaton()

    def sub(self, repl: str, sentence: str) -> str:
        sentence = self.always.sub(repl, sentence)
        present = {w for _, w in self.words.iter(sentence)} if len(self.words) else set()
        if present:
            for needs, pattern in self.gated:
                if not needs.isdisjoint(present):
                    sentence = pattern.sub(repl, sentence)
        return sentence


# A criticism undone is praise or nothing: "not" with a word of harm ("they are not disadvantaged", "no longer
# wait"), a delay resolved. Blanked out before the cues are looked for, so that neither the "not" nor the harm
# reads as criticism. A harm that falls ("offending has declined", "a decline in exclusions") is an improvement.
_CRITICISM_UNDONE = _Rewrite(_R["criticism_undone"])
_HARM_FALLING = _Rewrite(_R["harm_falling"])


def classify_sentence(sentence: str, *, in_improvement_list: bool) -> _Cls:
    """The polarity of a sentence and whether it is negated or hedged (those two are only worked out for a
    sentence that has a polarity: most sentences have none, and their searches are half the cost).

    A sentence that opens with a condition is judged by its main clause when that clause has a judgement of
    its own: the "not" of "when it is not possible for children to return home, parallel planning explores all
    options effectively" sets the scene and is no criticism. When the main clause says nothing judging ("where
    thresholds are not applied, children wait"), the whole sentence is judged."""
    sentence = sentence.lower()
    if _NOT_FINDING_START.match(sentence) or _NOT_FINDING.search(sentence) or _three_grade_words(sentence):
        return _Cls(None, False, False)
    # (A word in its place, so that a cue just before still ends at a word: "are not [aware of weaknesses]".)
    sentence = _HARM_FALLING.sub(" improved ", _CRITICISM_UNDONE.sub(" xx ", sentence))
    if not in_improvement_list and (m := _OPENING_CONDITION.match(sentence)):
        cut = m.end()
        if more := _CONDITION_GOES_ON.match(sentence, cut):
            cut = more.end()  # "When risks increase, and children can no longer live at home, the authority ..."
        main = _classify(sentence[cut:], False)
        if main.polarity:
            return main
        condition = sentence[:cut]
        if (_CIRCUMSTANCE.match(condition) and _BARE_NEGATION.search(condition) and not _RISK.search(condition)
                and not _IMPROVE.search(_BARE_NEGATION.sub(" ", condition))):
            # "When children cannot live safely at home, social workers explore family options": a condition on
            # children's or families' circumstances whose only criticism is its "not" sets the scene, and the main
            # clause says nothing judging either ("where thresholds are not applied, children wait" is judged whole).
            return main
    whole = _classify(sentence, in_improvement_list)
    if whole.polarity == "AreaForImprovement" and not in_improvement_list and whole.negated:
        rest = _without_scene_clauses(sentence)
        if rest is not None and (main := _classify(rest, False)).polarity == "Strength":
            return main
    return whole


def _without_scene_clauses(sentence: str) -> str | None:
    """The sentence without the later condition and relative clauses whose only criticism is a bare negation
    (None when it has none): "where the plan is not achieving change" sets the scene for "timely decisions are
    made". A clause with a criticism of its own ("where caseloads are too high") stays, and so does one that
    opens the sentence (classify_sentence's opening conditions)."""
    pieces, last = [], 0
    for m in _SCENE_CLAUSE.finditer(sentence):
        clause = m.group()
        if (m.start() > 0 and _NEGATION.search(clause) and not _RISK.search(clause)
                and not _IMPROVE.search(_BARE_NEGATION.sub(" ", clause))):
            pieces.append(sentence[last:m.start()])
            last = m.end()
    if not pieces:
        return None
    pieces.append(sentence[last:])
    return "".join(pieces)


def _classify(sentence: str, in_improvement_list: bool) -> _Cls:
    if in_improvement_list or _IMPERATIVE.match(sentence):
        polarity = "AreaForImprovement"  # a recommendation, even one that names a risk ("ensure drift is prevented")
    elif _RISK.search(sentence):
        polarity = "Risk"  # a criticism about children's safety: risk before a mere shortfall
    elif _IMPROVE.search(sentence):
        polarity = "AreaForImprovement"
    elif _STRENGTH.search(sentence):
        polarity = "Strength"
    else:
        return _Cls(None, False, False)
    negated = bool(_NEGATION.search(sentence))
    if polarity == "Strength" and negated:
        polarity = "AreaForImprovement"
    return _Cls(polarity, bool(_HEDGE.search(sentence)), negated)


def improvement_list_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the bulleted lists that follow "What needs to improve" headings."""
    spans = []
    for m in sorted([*_HEADINGS.finditer(text), *_GLUED_HEADING.finditer(text)], key=lambda m: m.start()):
        pos = text.find("\n", m.end())
        if pos < 0:
            continue
        end = pos
        lines = text[pos + 1:].split("\n")
        cursor = pos + 1
        for i, line in enumerate(lines):
            if line.startswith("\u2022"):
                end = cursor + len(line)
            elif i > 0 or end > pos:
                break
            cursor += len(line) + 1
        if end > pos:
            spans.append((pos + 1, end))
    return spans


# The numbered recommendations of older reports: a heading ("Recommendations", "What does the LSCB need to
# improve?", "Priority and immediate action"), then one line per item, its number first ("4. Ensure that ..."),
# some with a sub-heading before the number ("Child protection 1. Better coordinate ..."), and other such
# headings between them. The list ends at the first other line (the paragraphs of the report are numbered on).
_NUMBERED_HEADING = re.compile(r"(?:" + "|".join(_R["numbered_list_headings"]) + r")[:.]?", re.I)
# A sub-heading before an item's number is a topic ("Child protection", "Corporate parenting"), not the next
# section's heading ("The local authority's strengths 21. Early help is effective").
_NUMBERED_ITEM = re.compile(r"([A-Z][\w’',-]*(?: [\w’',-]+){0,12} )?(\d{1,3})\. (?=[A-Z‘“'\"])")
_NOT_A_TOPIC = re.compile(r"\b(?:" + "|".join(_R["numbered_list_ends"]) + r")\b", re.I)
# "17. The inspection did not find any areas for priority action": a numbered line of the list, not an item.
_NOT_AN_ITEM = re.compile(r"(?:" + "|".join(_R["numbered_list_not_items"]) + r")", re.I)


def numbered_item_starts(text: str) -> list[int]:
    """Where the items of the numbered recommendation lists start (the first word after each item's number: the
    sentence splitter may end a sentence at "Recommendations 1.")."""
    return [at for _, at, _ in _numbered_items(text)]


# The next item run on into the same line ("124. Ensure young people's views inform services 125. Promote ...").
_NEXT_NUMBER = re.compile(r"\s(\d{1,3})\. (?=[A-Z‘“'\"])")
_LIST_INTRO = re.compile(r"[^\n]{0,200}\b(?:recommendations?|the following)\b", re.I)
_SECTION_IN_LINE = re.compile(r"\s(?:" + "|".join(_R["numbered_list_sections"]) + r")\b")


# The first item right after a heading the reader glued to the end of the line before.
_FIRST_ITEM_AFTER = re.compile(r"[ \t]+\d{1,3}\. (?=[A-Z‘“'\"])")


def _numbered_items(text: str) -> list[tuple[int, int, int]]:
    """(where its number starts, where its words start, where it ends) for each item of the numbered
    recommendation lists. An item ends at the end of its line, at the next item's number on the same line,
    or at a section heading the reader ran into it ("... a sufficient focus Inspection findings – the Local
    Safeguarding Children Board 149. The board is inadequate ..."), which also ends the list."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    while (m := _NUMBERED_HEADING.search(text, pos)) is not None:
        line_start = text.rfind("\n", 0, m.start()) + 1
        pos = m.end()
        if text[line_start:m.start()].strip() and not (
                text[m.start()].isupper() and _FIRST_ITEM_AFTER.match(text, m.end())):
            continue  # a heading opens its line, unless the reader glued it to the line before with its first
            # item after it ("... now live in shared flats Recommendations 1. Review the ...")
        at, first, last_number = m.end(), len(out), 0
        while at < len(text):
            while text.startswith(" ", at):
                at += 1
            if text.startswith("\n", at):
                at += 1
                continue
            item = _NUMBERED_ITEM.match(text, at)
            if item and item.group(1) and _NOT_A_TOPIC.search(item.group(1)):
                item = None
            heading = _NUMBERED_HEADING.match(text, at)
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            if item and not _NOT_AN_ITEM.match(text, item.end()):
                section = _SECTION_IN_LINE.search(text, item.end(), line_end)
                stop = section.start() if section else line_end
                number, start = int(item.group(2)), (item.start(2), item.end())
                for nxt in _NEXT_NUMBER.finditer(text, item.end(), stop):
                    if int(nxt.group(1)) == number + 1:
                        out.append((*start, nxt.start(1)))
                        number, start = number + 1, (nxt.start(1), nxt.end())
                out.append((*start, stop))
                last_number = number
                if section:
                    break  # the next section's paragraphs are numbered on
            elif not heading and not (out and text.startswith(_SUB_ITEM, at)) and not (
                    len(out) == first and _LIST_INTRO.match(text, at)):
                nxt_item = _NUMBERED_ITEM.match(text, line_end + 1) if len(out) > first else None
                if (nxt_item and not nxt_item.group(1) and int(nxt_item.group(2)) == last_number + 1
                        and text[at:line_end].rstrip().endswith(".")
                        and not _SECTION_IN_LINE.match(" " + text[at:line_end])):
                    # an item's second paragraph, the next item's number after it ("10. The quality of
                    # assessments ... improved. / Assessments should analyse ... / 11. All staff ..."): the
                    # item goes on
                    out[-1] = (out[-1][0], out[-1][1], line_end)
                    at = line_end + 1
                    continue
                break  # (the bullets of an item that ends with "by:" belong to it; a line may introduce the list)
            if heading and not item and text[heading.end():line_end].strip():
                at = heading.end()  # a heading with the first item on its line
                continue
            at = line_end + 1
        if (len(out) > first and int(re.match(r"\d+", text[out[first][0]:out[first][0] + 4]).group()) >= 10
                and _DESCRIBES.match(text, out[first][1]) and not _ASKING.search(text, out[first][1], out[first][2])
                and not _SUBJECT_TO.match(text, out[first][1])):
            # "Recommendations 41. The panel shows a strong culture of challenge ...": a heading the
            # reader ran into the next section's numbered paragraphs, numbered on from the report's, whose first
            # says what something is and asks for nothing (a practitioner check found nine of a board's strengths
            # listed as recommendations); a list that starts at 1 is the list whatever its first word ("1. Bring
            # together what agencies know")
            del out[first:]
        pos = max(pos, at)
    return out



# A numbered paragraph that says what something is ("The board demonstrates ...", "This is ..."), and what a
# recommendation says instead ("should", "must", "needs to", "The BSCB to ensure ...").
_DESCRIBES = re.compile(r"(?:The|This|These|That|Those|A|An|Its|Their|There)\b")
_ASKING = re.compile(r"\b(?:should|must|needs? to|ought to|(?:is|are) required to)\b")
_SUBJECT_TO = re.compile(r"(?:The[ \t]+)?[\w’'-]+(?:[ \t]+[\w’'-]+)?[ \t]+to[ \t]+[a-z]+")


def _next_line_end(text: str, pos: int, bullets: tuple[str, ...]) -> int:
    """The end of the run of bullet lines from `pos` (-1 when it runs to the end of the text)."""
    while True:
        end = text.find("\n", pos)
        if end < 0 or not text.startswith(bullets, end + 1):
            return end
        pos = end + 1


_ITEM_MAX = 2000  # characters: a longer "line" is text the reader could not break, not one item
_SUB_ITEM = ("\u2022", "\u2013", "- ", "\u25cf", "\u25aa")  # bullets and dashes under a list item


_PARAGRAPH_REF_END = re.compile(r"\((?:paragraphs?|para)[^()\n]{0,60}\)[ \t]*$", re.I)


def _ends_with_colon(text: str, end: int) -> bool:
    """Whether the line ending at `end` ends with a colon (trailing spaces and a paragraph reference aside:
    "... and children looked after by: (paragraph 150)")."""
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if text.startswith(")", end - 1) and (ref := _PARAGRAPH_REF_END.search(text, max(0, end - 80), end)):
        end = ref.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
    return text.startswith(":", end - 1)


_GRADE_ROW_BEFORE = re.compile(r"(?:Overall effectiveness|The impact of leaders[^\n.]{0,80}?|The experiences and "
                               r"progress of [^\n.]{0,80}?)[ \t\n]+(?:Outstanding|Good|Requires improvement to be good|"
                               r"Requires improvement|Inadequate)[ \t\n]+(?=[A-Z])")


def extract_findings(
    text: str, sentences: list[tuple[int, int]], sentences_with_entities: set[int]
) -> list[FindingFact]:
    """Findings from improvement lists, recommendations, sentences with an entity and a cue, and criticisms.

    A recommendation (a sentence opening with an imperative) is a finding even when it names no entity:
    older reports number them as paragraphs ("9. Ensure that chronologies are of sufficient quality"),
    not bullets, and most name none ("Ensure manageable caseloads for social workers"). So is a criticism or a
    risk: a report's weaknesses are mostly said of practice in general ("Caseloads are still too high"), and a
    report that requires improvement kept more than twice as many strengths as criticisms without them (a
    practitioner check, session 18). So, since session 25, is praise: leaving out the strengths that name nothing
    while keeping such criticisms made a good authority's graph read weakness-heavy (six practitioner checks named
    it among their three worst errors); on the 120 sentences of unnamed-18, labelled blind, polarity accuracy went
    from 0.38 to 0.81, and on the held-out polarity set from 0.76 to 0.78. It costs a half more findings."""
    lists = improvement_list_spans(text)
    starts = [s for s, _ in sentences]
    # The sentence holding each numbered item's first words opens the item; the item ends at its line's end or
    # at the next item's number.
    items = _numbered_items(text)
    item_ends = {bisect.bisect_right(starts, at) - 1: stop for _, at, stop in items}
    out = []
    item_end = -1  # where the list item being read ends: its later sentences are part of it
    for i, (start, end) in enumerate(sentences):
        if start < item_end:
            continue
        if grade := _GRADE_ROW_BEFORE.match(text, start, end):
            start = grade.end()  # "Overall effectiveness Good Help for families has improved strongly ...":
            # the grade table's last row, run into the first sentence, is no part of it (a practitioner check
            # found the sentence listed as an area for improvement)
        in_list = i in item_ends or any(s <= start < e for s, e in lists)
        imperative = not in_list and bool(_IMPERATIVE.match(text[start:end].lower()))
        named = in_list or imperative or i in sentences_with_entities
        if in_list:
            # An item of a list is one finding, to the end of its line: a recommendation's later sentences
            # often say what to do ("... by: reviewing ...; ensuring ...") and are no findings of their own.
            line_end = text.find("\n", end)
            # An item that ends with a colon goes on in the bullets under it ("... by:" / "• targeting ...").
            while line_end > 0 and _ends_with_colon(text, line_end) and text.startswith(_SUB_ITEM, line_end + 1):
                line_end = _next_line_end(text, line_end + 1, _SUB_ITEM)
            item_end = end if line_end < 0 or line_end - start > _ITEM_MAX else max(end, line_end)
            if i in item_ends and item_ends[i] < item_end and not _ends_with_colon(text, item_ends[i]):
                item_end = item_ends[i]  # up to the next item's number, or a heading run into the line (an
                # item that ends with a colon keeps its bullets: "5. Ensure that:" / "• the review of ...")
                while item_end > start and text[item_end - 1].isspace():
                    item_end -= 1
            end = item_end
        c = classify_sentence(text[start:end], in_improvement_list=in_list)
        if c.polarity and (named or len(text[start:end].split()) >= 4):
            # a sentence naming nothing is kept whatever its polarity, but a lead-in alone ("Ensure that:") is not
            recommendation = (in_list or imperative) and c.polarity == "AreaForImprovement"
            out.append(FindingFact(c.polarity, start, end, c.hedged, c.negated, recommendation))
    return out
