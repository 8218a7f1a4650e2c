"""Entity mentions: thesaurus labels matched robustly, acronyms learned from the document, and named
things not in the thesaurus discovered from their shape and typed from their head word:

- capitalised names ending in a head word ("the Youth Inclusion and Support Panel"), also with one or two
  lower-case words before the head ("the CXK careers service");
- quoted names ("the ‘inspiring futures’ team", "the ‘Have a Voice’ (HAV) council");
- lower-case named units after a determiner ("a pre-proceedings panel"), once describing words are dropped;
- long forms defined with an acronym, also when the acronym sits before the head word ("the independent
  reviewing officer (IRO) service") or is one the thesaurus knows ("... Support Service (CAFCASS)");
- quoted names in title case with no head word ("‘Spark 2 Life’ helps ..."), and capitalised names the
  next words say what they are ("Brightpath, a local drugs service");
- lower-case names opened by a capitalised owner as by "its" ("Oldham’s recruitment strategy"), and
  care leavers' schemes named by a qualified noun ("a trainer flat", "free leisure passes");
- plural meetings and panels named without a determiner ("through regular tracking meetings");
- partners named by a plain noun in a partner's place ("in close partnership with schools", "applications
  to court"), another council named as a partner ("an agreement with Plymouth City Council") and police
  operations ("Operation Raptor").

A thesaurus match keeps the capitalised words before it as another name ("Kent" + "Police"), and a name in
apposition after a unit ("the missing and exploitation team, Horizon,") is another name of that unit.
Themes do not block a longer name ("Looked after Children Strategy"), nor does a capitalised ambiguous word
("the Prevent team").

Matching runs Aho-Corasick (pyahocorasick) over a same-length normalised view of the text (PERF-NOTES:
12x faster than spaCy's tokenizer), so offsets found are offsets in the document text; the automata live in
`kg.extract.labels`, and the passes that decide from context what a found thing is (providers, partners
named by a plain noun, police operations) in `kg.extract.context`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from kg.extract.context import (
    POST_OF_BEFORE,
    approach_inside_unit,
    bare_heads,
    bare_tracker,
    board_documents,
    listed_partners,
    merge_role_into_service,
    named_actors,
    named_operations,
    other_council,
    own_council,
    partner_councils,
    practice_standards,
    protected_characteristic,
    provided_things,
    school_head,
    trauma_informed,
)
from kg.extract.labels import COINED_WORD, SMALL_WORDS, Found, Spans, matcher_for
from kg.extract.text import normalise_label, opening_filter, rules
from kg.identifiers import slugify

_ACRONYM = re.compile(r"\(\s*((?:[A-Z]|[a-z](?=[A-Z]{2}))[A-Za-z0-9&]{1,9}?)(?:’s|'s|s)?\s*\)")  # "(MASH)", "(iCART)"
_SMALL = SMALL_WORDS
# Words an acronym skips: "not in education, employment or training (NEET)" has no initial for "or".
_ACRONYM_SKIPS = SMALL_WORDS | {"or"}


def _acronym_long_form(text: str, paren_start: int, acronym: str, keep_small: bool = False) -> tuple[int, str] | None:
    """The words before "(ACR)" whose initials spell the acronym: (start offset, long form). With keep_small,
    small words give their initials too ("high risk of harm (HROH)"), tried only when nothing else spells it."""
    before = text[max(0, paren_start - 160):paren_start]
    words = list(re.finditer(r"[\w'’-]+", before))
    letters = [c for c in acronym.upper() if c.isalpha()]
    best = None
    for k in range(1, min(len(words), len(letters) + 4) + 1):
        chosen = words[-k:]
        initials = []
        for w in chosen:
            token = w.group(0)
            if token.lower() in _ACRONYM_SKIPS and not keep_small:
                continue
            for part in re.split(r"[-]", token):
                if part:
                    initials.append(part[0].upper())
        joined = "".join(initials)
        if joined == "".join(letters) or ("".join(letters) in joined and joined.startswith(letters[0])
                                          and len(joined) <= len(letters) + 1):
            start = max(0, paren_start - 160) + chosen[0].start()
            best = (start, text[start:paren_start].strip())
            break
        if len(joined) > len(letters) + 1:
            break
    if best and best[1].split()[0].lower() in _SMALL:
        return None
    return best


_HEADS: dict[str, str] = {}
for _cls, _words in rules()["discovery_heads"].items():
    for _w in _words:
        _HEADS.setdefault(_w, _cls)
# Heads that name only a capitalised title ("the Stronger Families Assessment"): in lower case they name a process
# every authority has ("an assessment"), so they stay out of _HEADS and the lower-case readings.
_TITLE_HEADS: dict[str, str] = {w: cls for cls, words in rules()["title_heads"].items() if not cls.startswith("_")
                                for w in words}
_STOP_FIRST = set(rules()["discovery_stop_first_words"])
_COUNT_WORDS = frozenset(rules()["discovery_count_words"]["words"])
_BLOCKED = {normalise_label(x) for x in rules()["discovery_blocked_names"]}
_INSPECTORATES = frozenset(rules()["inspectorates"])  # no entities, like Ofsted itself
_HEAD_FOLLOWERS = set(rules()["head_followers"])
_VERB_POSTS = frozenset(rules()["verb_post_heads"])  # "PAs advocate strenuously": before an adverb, a verb
_KEPT_CAPITAL_FIRST = set(rules()["discovery_kept_capital_first_words"])
# A lower-case word or a determiner right before "New"/"Next" in capitals: "support from Next Link ...", "the New
# Arrivals Team", "The Next Steps service": the capital in mid-sentence names (a determiner does not say otherwise).
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w’'-])(?:[a-z]+|The|A|An|Its|Their|Our)[ \t]+$")
_POPULATION = set(rules()["lowercase_discovery"]["population_words"])  # "minority ethnic group": people
_GLUED_NUMBER = re.compile(r"\d\.$")
_NAME_TYPES = {normalise_label(k): v for k, v in rules()["discovered_name_types"].items()}
_NEXT_WORD = re.compile(r"[ \t]*\n?[ \t]*([A-Za-z]+)")
_POST = re.compile(r"\b(?:director|dcs(?!-)|head of|manager|chief|ceo|lead member|member|chair|"
                   r"councillor|inspector|hmi|commissioner|minister|secretary)\b", re.I)


def _word_trie(words: Iterable[str]) -> str:
    """One regex alternation for many words, factored by shared prefixes ("servic(?:es|e)"): re tries the
    alternatives one by one, so a prefix tree matches the same words (longest first) several times faster
    than a flat list of a hundred heads."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_HEAD_RE = _word_trie(_HEADS)
_AFTER_ACRONYM = re.compile(r"[ \t]*\n?[ \t]*((?:[a-z][\w’'-]*[ \t]+)?(?:" + _HEAD_RE + r"))\b")
_CAP = r"(?:(?:pan-)?[A-Z](?:[\w&]|['’](?=\w))*(?:-[A-Za-z](?:\w|['’](?=\w))*)*|[A-Z]{2,}[\w-]*)"
# A unit's head word joined by "and" to more capitals ends a name: "the Vulnerable Young People’s Panel and High Risk
# Panel" are two names, however long (the word limit used to cut them apart, and longer titles too).
_UNIT_HEAD_RE = _word_trie(w for w, c in _HEADS.items() if c in {"Team", "Forum", "Partner"})  # not "Policy and"
# Behind a look-ahead for a capital (or the "p" of "pan-"): without it the pattern was tried in full at every
# position of the text (half the time, the same matches).
_DISCOVER_CI_HEAD = opening_filter(re.compile(
    rf"(?<![\w'’-])((?:(?!(?i:{_UNIT_HEAD_RE})\s+(?:and|&)\s+[A-Z])(?:{_CAP}|\d{{1,3}}(?=[ \t]+(?:[A-Z]|(?i:{_HEAD_RE})\b)))\s+"
    rf"(?:(?:and|of|for|on|in|&|with|the|at|to)\s+)?)"
    rf"{{1,10}})((?i:{_HEAD_RE})|{_word_trie(w.capitalize() for w in _TITLE_HEADS)})\b"
))
# A possessive head word or authority before a name is its owner: "the Board’s Performance ... Group".
_OWNER_RE = re.compile(r"^([A-Z][\w-]*)['’]s$")


def _is_owner(word: str) -> bool:
    """"Board’s", "Council’s", "Authority’s", "Government’s": an owner before a name, not part of it
    ("Children’s")."""
    m = _OWNER_RE.match(word)
    return bool(m) and (m.group(1).lower() in _HEADS
                        or m.group(1).lower() in {"authority", "county", "city", "government"}
                        or m.group(1).lower() in _place_owners())


@lru_cache(maxsize=1)
def _place_owners() -> frozenset[str]:
    """Last words of authority names ("Wigan", "Darwen", "Sussex"): "Wigan’s Aspiring Futures programme"
    names the authority's programme, whose own name starts after the owner (as annotators write it)."""
    from kg.reference import default_index

    words = set()
    for a in default_index().authorities:
        for name in (a.name, *a.variants):
            last = name.split()[-1] if name.split() else ""
            if last[:1].isupper():
                words.add(last.lower())
    return frozenset(words - _HEADS.keys() - {"borough", "corporation", "east", "forest", "sea", "riding"})



@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Every authority's names and variants, lower-cased ("sandbury", "london borough of sandbury")."""
    from kg.reference import default_index

    return frozenset(n.lower() for a in default_index().authorities for n in (a.name, *a.variants))


def is_name_of_place(name: str) -> bool:
    """Whether a name is an authority's ("Staffordshire, the county council's ..."): a place, no named thing."""
    return name.lower() in _place_names()


# "the National Panel of Independent Experts": a capitalised name may go on after its head word.
_OF_TAIL = re.compile(r"[ \t]+(?:of|for)[ \t]+((?:[A-Z][\w’'&-]*)(?:[ \t]+(?:(?:and|&|of|the|in)[ \t]+)?[A-Z][\w’'&-]*){0,4})"
                      r"(?=[ \t]*(?:[,.;:)(]|\n|$|[ \t][a-z]))")
_NOT_NAMES = set(rules()["mixed_name_stop_words"])
_PERSONAL_OPENING = re.compile(r"(?:My|Your|Our|His|Her|Their)[ \t\n]+[a-z]")
# A capitalised word straight after a capitalised name's head, on the same line: the title goes on.
_TITLE_GOES_ON = re.compile(r"[ \t]+([A-Z][a-z]+)\b(?![’'])")
# One capitalised word and a comma right before a title, after a determiner or an owner ("Halton’s").
_LIST_LEAD = re.compile(r"(?:^|\s)(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur|[A-Z][a-z]+[’']s)[ \t]+([A-Z][a-z]+),[ \t]+$")
_LEAD_CAPS = re.compile(r"((?:[A-Z][\w’'&-]*\s+)+)[a-z]")


def _head_modifies(text: str, end: int) -> bool:
    """Whether the word after a head word ending at `end` makes the head only a modifier ("Team inspectors",
    "Board members"); a lower-case "that" after it ends a name instead ("the Horizon Team that works with ...")."""
    follower = _NEXT_WORD.match(text, end)
    return bool(follower) and follower.group(1) != "that" and follower.group(1).lower() in _HEAD_FOLLOWERS


# What follows a plural post as its subject ("MASH champions are ...", "the LSCB leads meet ..."): after anything
# else the word is the verb of the body named before it.
_AFTER_PLURAL_SUBJECT = frozenset({"are", "were", "have", "had", "will", "would", "can", "could", "should", "must", "may",
                                   "meet", "met", "work", "worked", "provide", "provided", "support", "supported",
                                   "attend", "attended", "and", "or", "in", "within", "across", "at", "for", "from",
                                   "who", "that", "which", "to", "of", "with", "also", "now", "all", "each", "both"})
_NUMBERED_NOUNS = frozenset({"tier", "phase", "stage", "level", "year", "years", "step", "wave", "page", "paragraph",
                             "part", "chapter", "grade", "outcome"})


def discover_names(text: str, sentence_starts: set[int]) -> list[tuple[int, int, str, str]]:
    """Capitalised names whose head word says what they are: (start, end, name, core class)."""
    out = []
    for m in _DISCOVER_CI_HEAD.finditer(text):
        words = m.group(1).split()
        start = m.start(1)
        counted = len(words) > 1 and words[0].lower() in _COUNT_WORDS and words[1][0].isupper()
        if counted:
            # "Four Local Practice Groups": the count is dropped and the name is what follows, as written.
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        # Drop leading stop words ("The", "Our") and sentence-initial capitals that are ordinary words.
        while not counted and words and (words[0].lower() in _STOP_FIRST or words[0].lower() in _SMALL or words[0].isdigit()):
            if words[0].lower() in _KEPT_CAPITAL_FIRST and words[0][0].isupper() and start not in sentence_starts \
                    and _LOWER_WORD_BEFORE.search(text, max(0, start - 30), start):
                break  # "support from Next Link Domestic Abuse Services": a capital in mid-sentence names
            start = text.index(words[0], start) + len(words[0])
            start = start + (len(text[start:]) - len(text[start:].lstrip()))
            words = words[1:]
        owner = next((k for k, w in enumerate(words) if _is_owner(w)), None)
        if owner is not None and owner + 1 < len(words):
            # "the Board’s Performance Information and Quality Assurance Group": the name follows the owner.
            start = text.index(words[owner + 1], start + sum(len(w) for w in words[:owner + 1]))
            words = words[owner + 1:]
        if not words or _is_owner(words[-1]):
            continue
        if not any(w[0].isupper() for w in words if w.lower() not in _SMALL):
            continue
        if words[-1].lower() in _SMALL or words[-1] in {"at", "to"}:
            continue  # "Attendance at meetings": a connector joins capitalised words only
        head = m.group(2).lower()
        if _head_modifies(text, m.end(2)):
            continue  # "Team inspectors", "Service managers": the head word is only a modifier here
        follower = _NEXT_WORD.match(text, m.end(2))
        if follower and head in _VERB_POSTS and follower.group(1).endswith("ly"):
            continue  # "PAs advocate strenuously": the verb of a plural subject, not a post
        if (follower and head in _VERB_POSTS and head.endswith("s") and len(words) == 1 and words[0].isupper()
                and follower.group(1).islower() and follower.group(1) not in _AFTER_PLURAL_SUBJECT):
            continue  # "The LSCB champions safeguarding issues": a body's verb and its object, not its posts
        name = " ".join([*words, m.group(2)])
        if normalise_label(name) in _BLOCKED or len(name) > 110:
            continue
        if len(words) > 1 and words[-1].isdigit() and words[-2].lower() in _NUMBERED_NOUNS:
            continue  # "Tier 4 services", "Phase 2 project": a level or a stage, not a name ("Route 21 service" is)
        if words[-1].replace(",", "").replace(".", "").isdigit() and head in {"day", "days"}:
            continue  # "an average for England of 628 days": a duration, not a forum's name
        if head in {"group", "groups"} and any(w.lower().rsplit("-", 1)[-1] in _POPULATION for w in words):
            continue  # "the White-Other ethnic group": people, not a forum
        # A single capitalised word at a sentence start is usually an ordinary word ("Generally service"),
        # also after a paragraph number the PDF glued on ("31.Social workers").
        if len(words) == 1 and (start in sentence_starts or _GLUED_NUMBER.search(text, max(0, start - 4), start)) \
                and not words[0].isupper():
            continue
        if _POST.search(name):
            continue  # a post ("Director of Children's Services"), not a unit or programme
        if m.group(2) == "workers" and len(words) == 1 and _ACRONYM_TEXT.fullmatch(words[0]):
            continue  # "MAT workers", "CAMHS workers": a unit's staff, not a post of its own
        end = m.end(2)
        if any(w in {"and", "&"} for w in words) and (lead := _LIST_LEAD.search(text, max(0, start - 40), start)) \
                and lead.group(1).lower() not in _HEADS and lead.group(1).lower() not in _STOP_FIRST:
            # "the Contact, Assessment and Referral Team": a title whose first words are a list "X, Y and Z"
            # begins at the list's first word after a determiner (not "the LSCB, Health and Wellbeing Board").
            start = lead.start(1)
            name = " ".join(text[start:end].split())
        if m.group(2)[0].isupper():
            tail = _OF_TAIL.match(text, end)
            if tail and not _POST.search(tail.group(1)) and tail.group(1).split()[-1].lower() not in _SMALL:
                end = tail.end(1)
                name = " ".join(text[start:end].split())
        nxt = _TITLE_GOES_ON.match(text, end)
        if nxt and nxt.group(1).lower() not in _HEADS and nxt.group(1).lower() not in _STOP_FIRST:
            continue  # "the People’s Service Directorate", "Learning Partnership West": part of a longer title
        out.append((start, end, name, _class_of(name, head)))
    return out


_APPOSITIVE_NAME = (r"((?:[A-Z][\w’'-]*[a-z0-9][\w’'-]*|[A-Z]{2,}[\w’'-]*)(?:[ \t]+(?:(?:of|and|for|the|in)[ \t]+)?"
                    r"(?:[A-Z][\w’'-]*|\d+)){0,3})")
# Found from the separator (", a", " (an", ", which is a") back to the name, then on to the head word: a scan
# for the separator is several times faster than trying the name pattern at every capital letter.
# What separates a name from the words saying what it is: ", a", ", which is a", " (a", " is a". Three scans
# that open with a literal (the regex engine skips ahead to it) instead of one alternation opening with
# spaces, which the engine tried at every space of the text: the same separators, a tenth of the time.
_SEP_COMMA = re.compile(r",[ \t]+(?:(?:which|who)[ \t]+(?:is|are)[ \t]+)?(?:a|an)[ \t]+")
_SEP_BRACKET = re.compile(r"\((?:which[ \t]+is[ \t]+)?(?:a|an)[ \t]+")
_SEP_COPULA = re.compile(r"is[ \t]+(?:a|an)[ \t]+")
# ", the dedicated edge of care service,": a definite kind after a name names it too, when the kind's words end the
# apposition (a practitioner check found "Shield, the multi-agency specialist team," and others missed).
_SEP_COMMA_THE = re.compile(r",[ \t]+the[ \t]+")
_DEFINITE_KIND_END = re.compile(r"[ \t]*(?:,|\)|$|(?:which|that|who)\b)")
_NOT_A_NAME_DEFINITE = re.compile(r"(?:Since|In|From|Until|By|On|At|During|After|Before|Overall|However|Together|"
                                  r"Nonetheless|Nevertheless|Furthermore|Moreover|Also|Currently|Recently|Finally|Likewise|Similarly|"
                                  r"Additionally|Instead|Meanwhile|Otherwise|Therefore|Thus|Hence|Again|Indeed|"
                                  r"January|February|March|April|May|June|July|August|September|October|November|"
                                  r"December)\b")


def _appositive_separators(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, copular) of each separator, leftmost first and not overlapping; a bracket or "is" needs
    spaces before it, which the separator includes."""
    found = [(m.start(), m.end(), False) for m in _SEP_COMMA.finditer(text)]
    found += [(m.start(), m.end(), None) for m in _SEP_COMMA_THE.finditer(text)]  # None: definite
    for pattern, copular in ((_SEP_BRACKET, False), (_SEP_COPULA, True)):
        for m in pattern.finditer(text):
            start = m.start()
            if start == 0 or text[start - 1] not in " \t":
                continue
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            found.append((start, m.end(), copular))
    found.sort()
    out: list[tuple[int, int, bool]] = []
    end = -1
    for item in found:
        if item[0] >= end:
            out.append(item)
            end = item[1]
    return out


# What a council names after its place is its own ("the Bury Promise", "the Bristol model"), not the council.
_PLACE_NAMED_CLASSES = frozenset({"Policy", "PracticeModel", "Programme", "Tool"})
_PLACE_INSTITUTIONS = {"university", "college"}  # "Sandbury University": the place names a partner of its own
_APPOSITIVE_BEFORE = re.compile(r"(?<![\w’'-])" + _APPOSITIVE_NAME + r"$")
_APPOSITIVE_HEAD = re.compile(r"((?:[\w’'-]+[ \t]+){0,3}?)(" + _HEAD_RE + r")\b(?![ \t]+(?:of|to)[ \t]+the\b)")
_APPOSITIVE_HEAD_LONG = re.compile(r"((?:[\w’'-]+[ \t]+){0,5}?)(" + _HEAD_RE + r")\b"
                                   r"(?=[ \t]*(?:,|\)|$|(?:which|that|who)\b))")  # the head that ends the apposition


def appositive_names(text: str, sentence_starts: set[int]) -> list[tuple[int, int, str, str]]:
    """A capitalised name that the next words say what it is: "Brightpath, a local drugs service",
    "Sunrise (a group for young parents)", "Fast-Track, a programme that ...": (start, end, name, core class),
    typed by that head word. Not a sentence adverb ("However, a small number of plans") or a post."""
    out = []
    for sep_start, sep_end, copular in _appositive_separators(text):
        # The head word after the separator is checked first: one anchored match, where the name before
        # it is a search over the 120 characters before ("... is a" separates most sentences' words).
        if not text[sep_start - 1:sep_start].isalnum() or (head := (_APPOSITIVE_HEAD_LONG if copular is None
                                                                     else _APPOSITIVE_HEAD).match(text, sep_end)) is None:
            continue
        if not (m := _APPOSITIVE_BEFORE.search(text, max(0, sep_start - 120), sep_start)):
            continue
        name = " ".join(m.group(1).split())
        words = name.split()
        start = m.start(1)
        if text[max(0, start - 1):start] in {"‘", "'", "“", '"'} or name[-1] in "’'":
            continue  # a quoted name is found with its quotes ("‘Look Forward’, a project")
        if words[0].lower() in _STOP_FIRST or words[0].lower() in _NOT_NAMES:
            continue
        # copular: "Brightpath is a local drugs service": the subject names it
        if len(words) == 1 and ((start in sentence_starts and copular is not None)
                                or _GLUED_NUMBER.search(text, max(0, start - 4), start)
                                or words[0].lower().endswith("ly")) and not (copular and COINED_WORD.search(words[0])):
            continue  # "Consequently, a strategy ...": a sentence-initial word, not a name (a definite kind closed
            # by a comma says more: "Shield, the multi-agency specialist team, uses ...")
        between = head.group(1).lower().split()
        if any(w in _LC_BOUNDARY and w != "and" for w in between):
            continue
        if copular is None and (not _DEFINITE_KIND_END.match(text, head.end()) or _NOT_A_NAME_DEFINITE.match(name)
                                or is_name_of_place(name)):
            continue  # "However, the board", "In 2019, the panel", "Sandbury, the council": no name
        if _POST.search(name) or words[-1].lower() in _HEADS:
            continue  # "Lead Member, an action plan"; a name with its own head word is found already
        core = _HEADS[head.group(2).lower()]
        if copular and (core == "Role" or (start not in sentence_starts and len(words) == 1
                                           and not COINED_WORD.search(words[0]))):
            continue  # "Jo Bloggs is a social worker": a person; a copular subject starts its sentence
        out.append((start, m.end(1), name, core))
    return out


# "a commissioned service, Safe@last,", "a regional adoption agency, Adopt North,": a name given right after the kind
# of thing it is, the kind introduced with "a" or "an" (17 in 270 corpus reports, all but one names). Found from its
# comma: a kind head just before it, then the name just after.
_KIND_THEN_NAME_HEADS = ("service", "charity", "organisation", "provider", "project", "programme", "scheme", "group",
                         "team", "panel", "forum", "initiative", "agency", "partnership", "model", "approach", "app",
                         "website", "hub", "unit", "pilot")
_KIND_BEFORE_COMMA = re.compile(r"(?<![\w’'-])(?:a|an)[ \t\n]+((?:[a-z][\w-]*[ \t\n]+){0,3}?)("
                                + "|".join(_KIND_THEN_NAME_HEADS) + r"),[ \t\n]+$")
_NAME_AFTER_KIND = re.compile(r"[‘'\"“]?((?:[A-Z][\w@&’'-]*)(?:[ \t]+(?:(?:of|and|for|&)[ \t]+)?[A-Z0-9][\w@&’'-]*){0,4})"
                              r"[’'\"”]?(?=[ \t]*[,.;)]|[ \t]+(?:which|who|that)\b)")
# (an external provider: "a commissioned service", "a voluntary organisation")
_EXTERNAL_KIND = frozenset({"commissioned", "voluntary", "charitable", "independent", "national", "private", "local"})


def kind_then_name(text: str) -> list[tuple[int, int, str, str]]:
    """A capitalised name right after "a|an <kind>,": (start, end, name, core class), typed by the kind (an
    external one's service, "a commissioned service, Safe@last", is a partner's)."""
    out = []
    for comma in re.finditer(r",[ \t\n]+", text):
        name = _NAME_AFTER_KIND.match(text, comma.end())
        if name is None or (kind := _KIND_BEFORE_COMMA.search(text, max(0, comma.start() - 60), comma.end())) is None:
            continue
        end = name.end(1)
        while text[end - 1] in "’'":
            end -= 1  # the closing quote of "‘Adopt4Leeds’"
        label = " ".join(text[name.start(1):end].split())
        if not label or label.split()[0].lower() in _STOP_FIRST or label.split()[0].lower() in _NOT_NAMES:
            continue
        core = _HEADS.get(kind.group(2), "Team")
        if core == "Team" and _EXTERNAL_KIND & set(kind.group(1).split()):
            core = "Partner"
        out.append((name.start(1), end, label, core))
    return out


# "a drop-in space called the Harbour", "a team known as ORBIT": a name with no head word of its
# own, given right after the kind of thing it is. Quoted names are read elsewhere (quoted_name_cues); a name with
# its own head word is found by discover_names. The name must end where the phrase does ("a pilot called Wrap
# around Adoption" is not "Wrap").
# Found from the cue ("called", "known as"), the one literal all of them hold: the pattern of kind, cue and name
# tried at every position of the text cost a twentieth of all extraction.
_CALLED_WORDS = r"(?:called|known[ \t\n]+(?:locally[ \t\n]+)?as|named|referred[ \t\n]+to[ \t\n]+as)"
_CALLED_CUE = opening_filter(re.compile(r"\b" + _CALLED_WORDS + r"\b"))
# The name after the cue: capitalised words (a few small words between them), ending where the phrase does.
_GIVEN_NAME_RE = (r"[ \t\n]+(?:the[ \t\n]+)?[‘'\"“]?((?:[A-Z][\w’'&-]*)(?:[ \t]+(?:(?:of|and|for|the|in|&)[ \t]+)?"
                  r"[A-Z][\w’'&-]*){0,4})[’'\"”]?"  # quoted or not ("known locally as ‘FLOURISH’")
                  r"(?=[ \t]*(?:[,.;:)]|\n|$)|[ \t]+(?:is|are|was|were|has|have|had|which|who|that|to|for|in|with"
                  r"|and|provides|offers|supports|works|meets|helps)\b)")
_GIVEN_NAME = re.compile(_GIVEN_NAME_RE)
_CALLED_PLACES = {"space", "spaces", "centre", "building", "base", "venue", "house", "cafe", "café", "drop-in"}


def called_names(text: str) -> list[tuple[int, int, str, str, int]]:
    """Names given after "called" or "known as" to a kind of thing: (start, end, name, core class, where the
    kind's word starts), typed by that kind (a head word; a place such as "space" or "centre" is a unit the
    authority runs)."""
    out = []
    for cue in _CALLED_CUE.finditer(text):
        before = _KIND_BEFORE.search(text, max(0, cue.start() - 40), cue.start())
        after = _GIVEN_NAME.match(text, cue.end())
        if before is None or after is None:
            continue
        kind, name = before.group(1).lower(), " ".join(after.group(1).split())
        closing = len(name) - len(name.rstrip("’'\"”"))  # the quote closing a quoted name is not part of it
        name, name_end = name[:len(name) - closing], after.end(1) - closing
        if not name:
            continue
        core = "Team" if kind in _CALLED_PLACES else _HEADS.get(kind) or _HEADS.get(kind + "s")
        words = name.split()
        if core is None or core == "Role" or words[0].lower() in _STOP_FIRST or words[0].lower() in _NOT_NAMES:
            continue
        if words[-1].lower() in _HEADS or normalise_label(name) in _BLOCKED or _POST.search(name):
            continue  # a name with its own head word is found whole by discover_names
        out.append((after.start(1), name_end, name, core, before.start(1)))
        # "forums, called ‘Young Voices’ and ‘Leavers Voices’": each name of the list is of the kind
        pos = after.end()
        while (joint := _CALLED_NEXT.match(text, pos)) is not None and (
                more := _GIVEN_NAME.match(text, joint.end() - 1)) is not None:
            extra = " ".join(more.group(1).split()).rstrip("’'\"”")
            if not extra or extra.split()[-1].lower() in _HEADS or extra.split()[0].lower() in _STOP_FIRST:
                break
            out.append((more.start(1), more.start(1) + len(extra), extra, core, before.start(1)))
            pos = more.end()
    return out


_CALLED_NEXT = re.compile(r"[’'\"”]?(?:[ \t\n]*,[ \t\n]+(?:and[ \t\n]+)?|[ \t\n]+and[ \t\n]+)(?=[‘'\"“]?[A-Z])")


# "programmes such as Quest", "housing partners such as Stonham and Incommunities": named examples of a kind of
# thing (rules: listed_name_kinds). Found from the cue, as called_names are; the list goes on past ", " and "and".
_LISTED_KINDS = {k.lower(): v for k, v in rules()["listed_name_kinds"].items() if not k.startswith("_")}
_LISTED_CUE = opening_filter(re.compile(r"\b(?:such[ \t\n]+as|including)\b"))
_LISTED_KIND_BEFORE = re.compile(r"(?<![\w’'-])([a-z]+),?[ \t\n]+$")
_LISTED_GAP = re.compile(r"[ \t\n]+")
_LISTED_NEXT = re.compile(r"(?:,[ \t\n]+(?:and[ \t\n]+)?|[ \t\n]+and[ \t\n]+)(?=(?:the[ \t\n]+)?[A-Z])")
_LISTED_ITEM = re.compile(r"(?:the[ \t\n]+)?([A-Z][\w’'&-]*(?:[ \t]+(?:(?:of|and|for|the|in|&)[ \t]+)?[A-Z][\w’'&-]*){0,4})"
                          r"(?![ \t]+(?:of|and|for|the|in|&)[ \t]+[A-Z])(?=[ \t\n]*[,.;:()]|\n|$|[ \t]+(?:is|are|was|were|has|have|had|which|who|that|to|for|in"
                          r"|with|and|provides|offers|supports|works|helps)\b)")


# "supported by a specialist team (Phoenix)": a kind of thing in lower case, then its own name in brackets.
_KIND_THEN_NAME = re.compile(
    r"\b(?:an?|the|its|their|our|your)[ \t\n]+(?:[a-z][\w-]*[ \t\n]+){0,3}?([a-z]+)[ \t]*\([ \t]*[‘'\"“]?"
    r"([A-Z][\w’'&-]*(?:[ \t]+(?:(?:of|and|for|the|in|&)[ \t]+)?[A-Z][\w’'&-]*){0,3})[’'\"”]?[ \t]*\)")


def bracketed_names(text: str) -> list[tuple[int, int, str, str]]:
    """Names given in brackets right after a kind of thing in lower case ("a specialist team (Phoenix)"): (start,
    end, name, the kind's class). An acronym in brackets defines the words before it instead, and a name with a
    head word of its own is found whole by discover_names."""
    out = []
    for m in _KIND_THEN_NAME.finditer(text):
        core = _HEADS.get(m.group(1))
        name = m.group(2)
        words = name.lower().split()
        if (core is None or name.isupper() or words[0] in _STOP_FIRST or words[0] in _NOT_NAMES
                or words[-1] in _HEADS or normalise_label(name) in _BLOCKED or _POST.search(name)):
            continue
        out.append((m.start(2), m.end(2), name, core))
    return out


def listed_names(text: str) -> list[tuple[int, int, str, str, int]]:
    """Names listed as examples of a kind of thing ("initiatives such as Pitstop"): (start, end, name, core class,
    where the kind's word starts). Names with a head word of their own are left to discover_names; a one-word name
    the document also writes in lower case is an ordinary word ("partners such as Health")."""
    out = []
    lowered: set[str] | None = None
    for cue in _LISTED_CUE.finditer(text):
        before = _LISTED_KIND_BEFORE.search(text, max(0, cue.start() - 20), cue.start())
        if before is None or (core := _LISTED_KINDS.get(before.group(1))) is None:
            continue
        gap = _LISTED_GAP.match(text, cue.end())
        while gap is not None and (item := _LISTED_ITEM.match(text, gap.end())) is not None:
            start, end = item.span(1)
            for joined in re.finditer(r"([\w’'-]+)[ \t]+and[ \t]+(\S+)", item.group(1)):
                if (joined.group(1).lower() in _HEADS or re.fullmatch(r"[A-Z]+s|[A-Z]{2,}|.+[’']s", joined.group(1))
                        or re.fullmatch(r"[A-Z]{2,}s?", joined.group(2))):
                    # "the Star Project and Power2", "GPs and Health", "Barnardo’s and ISIS", "CAMHS and NSPCC": two
                    # names ("Safe and Sound" stays one)
                    end = start + joined.end(1)
                    break
            name = " ".join(text[start:end].split())
            words = name.split()
            first, last = words[0].lower(), words[-1].lower()
            if name.rstrip("s").isupper():
                pass  # an acronym: defined or known elsewhere, or not a name
            elif last in _HEADS or last.rstrip("s") in _HEADS or normalise_label(name) in _BLOCKED:
                pass  # "the Big Mouth Forum": found whole by discover_names
            elif first in _STOP_FIRST or first in _NOT_NAMES or _POST.search(name) or name.endswith(("’s", "'s")):
                pass
            else:
                if len(words) == 1:
                    if lowered is None:
                        lowered = set(re.findall(r"(?<![\w’'-])[a-z][\w-]*", text))
                    ordinary = first in lowered or first.rstrip("s") in lowered or first + "s" in lowered
                else:
                    ordinary = False
                if not ordinary:
                    out.append((start, end, name, core, before.start(1)))
            gap = _LISTED_NEXT.match(text, end)
    return out


# "the Legal Aid, Sentencing and Punishment of Offenders Act 2012": a law, named by capitalised words (commas and
# small words between them) before "Act" and its year.
_ACT_NAME = re.compile(r"(?<![\w’'-])((?:[A-Z][a-z]+(?:,?[ \t\n]+(?:(?:and|of|for|on|the)[ \t\n]+)*(?=[A-Z])|[ \t\n]+))+)"
                       r"Act[ \t\n]+(?:19|20)\d\d\Z")


def act_names(text: str) -> list[tuple[int, int, str, str]]:
    """Laws named in full ("the Crime and Disorder Act 1998"): (start, end, name, "Policy"), the guidelines' law.
    Words that open a sentence or a phrase ("The", "Under") are not part of the name."""
    out = []
    for hit in re.finditer(r"Act[ \t\n]+(?:19|20)\d\d\b", text):
        lo = max(0, hit.start() - 120)
        m = _ACT_NAME.search(text[lo:hit.end()])  # the longest name ending at this "Act" and year
        if m is None:
            continue
        start = lo + m.start(1)
        the = text.rfind(" the ", start, hit.start())
        if the >= 0:
            start = the + 5  # "Under the Equality Act 2010"
        words = text[start:hit.end()].split()
        while len(words) > 3 and words[0].lower() in {"the", "under", "in", "within", "of", "by", "and"}:
            start = text.index(words[1], start + len(words[0]))
            words = words[1:]
        name = " ".join(words)
        if len(words) > 2 and words[0][0].isupper() and normalise_label(name.rsplit(" ", 1)[0]) not in _BLOCKED:
            out.append((start, hit.end(), name, "Policy"))  # not Ofsted's own powers (rules: blocked names)
    return out


def _def_class(long_form: str) -> str | None:
    """The class of a long form defined with an acronym, from its head word ("... Group (PIQAG)") or the head
    before "of/for" ("National Panel of Independent Experts (NPIE)"); None when it has no head word."""
    last = long_form.split()[-1].lower()
    if last in _HEADS:
        return _HEADS[last]
    cls = _class_of(long_form, "")
    if not cls:
        # "Experienced Panel in Care (EPIC)": the head before "in" and a capitalised word (the acronym spells both)
        inner = long_form.split()
        cls = next((_HEADS[inner[k].lower()] for k in range(len(inner) - 2)
                    if inner[k + 1] == "in" and inner[k].lower() in _HEADS and inner[k + 2][:1].isupper()), "")
    return cls or None


def _lower_long_form_names(long_form: str, acronym: str = "") -> bool:
    """A lower-case long form defined with an acronym names a unit when it ends in a head word and has a
    naming word ("the intervention and support service (ISS)"); not all-generic words ("multi-agency
    meetings (MAMs)"), describing words ("newly qualified social workers"), a plan, or "of" phrases
    ("directors of children's services"). A describing adjective the acronym spells is part of the name: the
    authority named the unit with it ("the intensive support team (IST)", "the children first contact service
    (CFCS)"); an adverb still describes, and a conference is a meeting every authority holds."""
    words = long_form.lower().replace("’", "'").replace(",", "").split()
    head, mods = words[-1], words[:-1]
    if head not in _HEADS or head in {"plan", "plans", "framework"} or not mods:
        return False
    if any(w in _SMALL and w != "and" for w in mods):
        return False
    described = [w for w in mods if w != "and" and _descriptive(w)]
    if described and not (acronym and _spells(acronym, long_form) and head not in {"conference", "conferences"}
                          and not any(w.endswith("ly") for w in described)
                          and normalise_label(long_form) not in _BLOCKED):
        return False
    if any(not _generic(w) and w not in _LC_KEEP and w != "and" for w in mods):
        return True
    # Generic words alone, when the document gives them their own acronym, name a unit, post or forum of
    # its own: "the family assessment support team (FAST)", "the multi-agency referral unit (MARU)". One
    # word before the head is still too little ("multi-agency meetings (MAMs)").
    # Nor the council's own department ("children's social work services (CSWS)": the authority itself).
    return (len([w for w in mods if w != "and"]) >= 2 and _HEADS[head] in {"Team", "Forum", "Role"}
            and head not in {"conference", "conferences", "services"}
            and not (head == "service" and all(w in _DEPARTMENT_WORDS for w in mods))
            and normalise_label(long_form) not in _BLOCKED)


# rules: a service named by these words alone is the council's own department.
_DEPARTMENT_WORDS = frozenset(rules()["lowercase_discovery"]["department_words"])


_LONG_IN_PARENS = re.compile(r"\(((?:[A-Za-z][\w’'-]*)(?:[ \t]+[\w’'&-]+){1,9})\)")
_ACRONYM_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Z&]{1,7})[ \t]*$")


def _named_after_place(rest: list[str], *, department_words: bool = False) -> bool:
    """The lower-case words after the authority's name name a thing of its own ("the Lambeth emotional wellbeing
    service", "the Havering problem profile", "Haringey learning partnership"): a naming word before the head
    that is not one of the council's department words ("Kent social work teams", "RBKC management team"), and
    no council ("Hull City council") or second place ("York and North Yorkshire County Council"). The tuning
    annotators marked such names with the place in 4 of the 4 reports where the authority's name was cut
    from one, and kept the place in 14 of 14 '<authority> <lower-case name>' names they marked.

    With `department_words` the department's own words may name too: a forum, programme or document named after
    the authority is one of its own however plain its words ("the Swindon social work forum", "the Bromley
    children's project"), where "Kent social work teams" are only the authority's staff (a practitioner check)."""
    return (len(rest) >= 2 and all(w[:1].islower() for w in rest) and rest[-1] not in {"council", "councils"}
            and (department_words or any(w.replace("’", "'") not in _DEPARTMENT_WORDS and w not in _LC_UNIT_WORDS
                                         for w in rest[:-1])))


def _spells(acronym: str, long_form: str) -> bool:
    """Whether the initials of the long form's words (small words aside) spell the acronym."""
    initials = "".join(part[0].upper() for w in long_form.split() if w.lower() not in _SMALL
                       for part in w.split("-") if part)
    letters = "".join(c for c in acronym.upper() if c.isalpha())
    return initials == letters


_QUALIFIED_HEADS = {k: v for k, v in rules()["qualified_head_types"].items() if not k.startswith("_")}


# A board named for safeguarding with no word for adults: the children's board under a short name.
# Not an adults' board, nor the pan-London board (another body than the borough's own).
_CHILDREN_BOARD = re.compile(r"^(?!.*\b[Aa]dults?\b)(?!(?:[Pp]an[- ])?London\b)(?:[A-Z][\w’'-]* )*?(?:[Ll]ocal )?"
                             r"(?:[Cc]hildren(?:['’]s)? )?[Ss]afeguarding [Bb]oard$")


def _qualified_class(name: str) -> str | None:
    """The class a discovered name's last two or three words give when they overrule its head word (rules:
    qualified_head_types): a "Strategic Partnership" meets, so it is a forum; a "mental health service" is
    a health partner's, not the authority's team."""
    words = name.split()
    for n in (3, 2):
        tail = " ".join(words[-n:])
        cls = _QUALIFIED_HEADS.get(tail) or _QUALIFIED_HEADS.get(tail.lower())  # capitals: only so written
        if cls:
            return cls
    return None


def _class_of(name: str, head: str) -> str:
    """The class a name's head word gives, or the head before "of/for" inside it: "the Governance Model for
    X County Council" is a model, not a council."""
    inner = name.split()
    for k in range(len(inner) - 2):
        if inner[k + 1] in {"of", "for"} and inner[k].lower() in _HEADS:
            return _HEADS[inner[k].lower()]
    return _HEADS.get(head.lower()) or _TITLE_HEADS.get(head.lower(), "")


# "‘Our Voices – Teen Views’"; a name may open with a number ("the ‘722 Project’", "a ‘21 Plus’ team") but has a
# letter in it.
_QUOTED = re.compile(r"[‘'\"“]((?:[A-Za-z]|\d+(?= ?[A-Za-z]))[\w’'&-]*(?:,? [\w’'&–—-]+){0,6})[’'\"”]")
_FUNCTION = r"(?!(?:and|or|the|a|an|of|to|in|for|with|by|from|at|on|is|are|was|were|has|have|so|that|which|where|when|who)\b)"
_QUOTED_HEAD = re.compile(r"\s+(?:\([A-Z][A-Za-z]{1,8}\)\s+)?(?:" + _FUNCTION + r"[a-z-]+\s+){0,2}?(" + _HEAD_RE + r")\b",
                          re.I)
_HEAD_BEFORE = re.compile(r"(?<![\w-])(" + _HEAD_RE + r")\b[,:]?\s+(?:called |known as |named )?$", re.I)
# Words that make quoted words a remark rather than a name.
_QUOTE_CLAUSE = {"its", "their", "his", "her", "our", "we", "they", "it", "is", "are", "was", "were", "be", "been",
                 "has", "have", "had", "at", "the", "this", "that", "not"}
_PAREN = re.compile(r"\s*\(([A-Z][A-Za-z]{1,8})\)")
# "support including ‘fresh steps’": a lower-case quoted phrase right after one of these cues (rules:
# quoted_name_cues) is a name; elsewhere lower-case quotes are mostly remarks.
_QUOTE_CUE = re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in rules()["quoted_name_cues"])
                        + r")\s+(?:the\s+)?[‘'\"“]$", re.I)
_QUOTE_REMARK = _QUOTE_CLAUSE | {"i", "me", "my", "you", "your", "who", "which", "if", "when"}
_PERSONAL = {"i", "me", "my", "you", "your", "she", "he", "him", "us", "them", "we", "they", "our", "her", "his"}


def _quoted_remark(quoted: str) -> bool:
    """Someone's own words in quotes ("‘I like my worker’", "‘She tries so hard for us’"): a sentence, opening
    with a capital but not in title case, with a personal pronoun. A name in title case may hold one ("‘Show Me
    I Matter’"), and so may one in lower case ("a transition programme, ‘keys to my future’")."""
    words = quoted.replace(",", " ").split()
    return quoted[:1].isupper() and any(w.lower() in _PERSONAL for w in words) and not all(
        w[:1].isupper() or w[:1].isdigit() for w in words if w.lower() not in _SMALL)
_QUOTED_APPOSITION = re.compile(r"[ \t]*,[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,3}?(" + _HEAD_RE + r")\b", re.I)
_QUOTED_LAST_HEAD = re.compile(r"\s(" + _HEAD_RE + r")$", re.I)
_ADDRESS_WORDS = {"road", "street", "drive", "lane", "avenue", "close", "terrace", "way", "crescent", "gardens"}
_HEAD_SOON_AFTER = re.compile(r"[’'\"”]?(?:[ \t]+[a-z][\w-]*){0,3}?[ \t]+(" + _HEAD_RE + r")\b"
                              r"|[’'\"”]?,[ \t]+(?:a|an)[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}?(" + _HEAD_RE + r")\b", re.I)
_HEAD_IN_SENTENCE = re.compile(r"\b(" + _HEAD_RE + r")\b(?:[ \t]+(?:of|for)[ \t]+[\w’' -]{1,30}?)?,?[ \t]+[‘'\"“]?$",
                               re.I)
_NEXT_LOWER = re.compile(r"[ \t]+([a-z][a-z-]+)")  # "‘together or apart’ assessments"
_QUOTED_KINDS = {w.lower(): cls for cls, words in rules()["quoted_name_kinds"].items() if not cls.startswith("_")
                 for w in words}
# The kind's word before a quoted name, or before "called"/"known as" (a capital allowed: "the Children in Care
# Council, known as ..."; a lower-case-only pattern once stood above under the same name and was silently replaced).
_KIND_BEFORE = re.compile(r"([A-Za-z]+),?[ \t]+$")
_KIND_AFTER = re.compile(r"[’'\"”][ \t]+([A-Za-z]+)")


def _quoted_kind(text: str, start: int, end: int, last: str) -> str | None:
    """The class a word ending a quoted name, or standing right next to it, gives ("the newsletter ‘X’", "the
    ‘X’ survey", "‘X Guide’": read or filled in, a Tool; "its vision, ‘X’": a Policy), else None."""
    if last.lower() in _QUOTED_KINDS:
        return _QUOTED_KINDS[last.lower()]
    after = _KIND_AFTER.match(text, end)
    if after and after.group(1).lower() in _QUOTED_KINDS:
        return _QUOTED_KINDS[after.group(1).lower()]
    before = _KIND_BEFORE.search(text, max(0, start - 20), start)
    return _QUOTED_KINDS.get(before.group(1).lower()) if before else None


_NEXT_HEAD = re.compile(r"[ \t]+(" + _HEAD_RE + r")\b", re.I)  # a head right after a head ("partnership strategy")
_SHARED_QUOTED_HEAD = re.compile(r"[ \t\n]+(?:and|or|&)[ \t\n]+[‘“][^’”\n]{1,40}[’”][ \t\n]+(" + _HEAD_RE + r")\b")


def quoted_names(text: str, followed: list | None = None) -> list[tuple[int, int, str, str, str, str | None]]:
    """Names Ofsted puts in quotes: "the ‘inspiring futures’ team", "a transition programme, ‘keys to my future’".

    The quoted words are a name when a head word follows (within two words) or directly precedes them.
    `followed`, when given, receives every quoted phrase with the lower-case word after it, (start, end,
    quoted words, that word), from the same scan.
    """
    out = []
    for m in _QUOTED.finditer(text):
        quoted = m.group(1)
        if followed is not None and (nxt := _NEXT_LOWER.match(text, m.end())) and (
                m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "’'")):
            followed.append((m.start(1), nxt.end(1), quoted, nxt.group(1)))
        if len(quoted) < 3 or quoted.lower() in _STOP_FIRST:
            continue
        after = _QUOTED_HEAD.match(text, m.end())
        while after and (longer := _NEXT_HEAD.match(text, after.end())) is not None:
            after = longer  # "the ‘keeping babies safe’ partnership strategy": the last head word is the head
        if after and _head_modifies(text, after.end()):
            after = None  # "“Walking the Floor” activities where Board members ...": the head word is no head
        if not after and (shared := _SHARED_QUOTED_HEAD.match(text, m.end())) and quoted[:1].isupper():
            # "the ‘Step up’ and ‘Frontline’ programmes": the head after the second is the first's too
            head = shared.group(1)
            head = head[:-1] if head.lower().endswith("s") and head[:-1].lower() in _HEADS else head
            out.append((m.start(1), m.end(1), f"{quoted} {head}", _HEADS[head.lower()], quoted, None))
            continue
        if after:
            head = after.group(1).lower()
            if _HEADS[head] == "Role" and text[m.end():after.start(1)].strip():
                continue  # "‘growing your own’ social workers" are social workers, not a named role
            if " " not in quoted and quoted[:1].islower() and _descriptive(quoted):
                continue  # "outside of ‘traditional’ services": a word in quotes that describes names nothing
            name = quoted + text[m.end():after.end()].replace("\n", " ")
            acr = _PAREN.search(name)  # "the ‘Have a Voice’ (HAV) council"
            if acr:
                name = name.replace(acr.group(0), " ")
            out.append((m.start(1), after.end(), " ".join(name.split()), _HEADS[head], quoted,
                        acr.group(1) if acr else None))
            continue
        remark = _quoted_remark(quoted)
        first = quoted.split()[0].lower()
        before = _HEAD_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        if before and (before.group(0).rstrip().endswith(("called", "as", "named"))
                       or not (remark or any(w.lower() in _QUOTE_CLAUSE for w in quoted.split())
                               or (quoted[:1].islower() and (first in _LC_BOUNDARY or _descriptive(first))))):
            # "the service ‘Compass’"; not a quoted remark ("Children’s Services ‘right at the top of its
            # priorities’", "her advocate, ‘She tries hard for us’") nor a quoted description opened by a
            # preposition or describing word ("a service ‘in crisis’", "the group ‘standing still’")
            out.append((m.start(1), m.end(1), quoted, _HEADS[before.group(1).lower()], quoted, None))
            continue
        inside = _QUOTED_LAST_HEAD.search(quoted)
        if (inside and inside.start() > 0 and first not in _LC_DETERMINERS and first not in _LC_BOUNDARY
                and not remark and any(w.lower() not in _SMALL and w.lower() not in _STOP_FIRST
                        for w in quoted[:inside.start()].split())):
            # "the ‘young safeguarders group’", "‘social work units’": the head word is quoted with the name.
            out.append((m.start(1), m.end(1), quoted, _class_of(quoted, inside.group(1)), quoted, None))
            continue
        appos = _QUOTED_APPOSITION.match(text, m.end())
        if (appos and _HEADS[appos.group(1).lower()] != "Role" and not remark
                and not any(w.lower() in _QUOTE_CLAUSE for w in quoted.split())):
            # "‘Look Forward’, a project to ...", "‘Safe Hands’, a commissioned service": named in apposition.
            out.append((m.start(1), m.end(1), quoted, _HEADS[appos.group(1).lower()], quoted, None))
            continue
        kind = _KIND_AFTER.match(text, m.end(1))
        if (kind and kind.group(1).lower() in _QUOTED_KINDS and 1 <= len(quoted.split()) <= 6 and not remark
                and not any(w.lower() in _QUOTE_REMARK for w in quoted.split())):
            # "a powerful ‘Kayleigh's love story’ film", "a ‘Safeguarding matters’ newsletter": a kind of
            # publication right after the quotes names what is quoted, whatever its case
            # (named with the kind word too, as annotators wrote the 'crying baby' video)
            out.append((m.start(1), kind.end(1), f"{quoted} {kind.group(1)}", _QUOTED_KINDS[kind.group(1).lower()],
                        quoted, None))
            continue
        words = re.sub(r"\s[–—-]\s", " ", quoted).replace(",", " ").split()  # "‘Our Voices – Teen Views’": a dash is no word
        if (2 <= len(words) <= 6 and quoted[:1].isupper()
                and all(w[:1].isupper() or w[:1].isdigit() for w in words if w.lower() not in _SMALL)
                and not all(w.lower() in _STOP_FIRST or w.lower() in _SMALL for w in words)
                and not re.search(r"[’'][,\s]", quoted)  # "‘Voices Matter’, Cambridgeshire": two things
                and not (len(words[-1]) == 1 or words[-1].isdigit())  # "Tier 4", "Baby F"
                and words[-1].lower() not in _ADDRESS_WORDS) or (  # "Cromwell Drive": a home's address
                2 <= len(words) <= 6 and "’" not in quoted and "'" not in quoted and words[-1].lower() not in _ADDRESS_WORDS
                and not any(w.lower() in _QUOTE_REMARK for w in words)
                and _QUOTE_CUE.search(text, max(0, m.start() - 20), m.start() + 1)):
            # "groups such as ‘teens to tots’", "a campaign badged ‘little voices count’": after a cue, a
            # lower-case quoted phrase is a name too (typed the same way).
            # "‘Spark 2 Life’ helps ...", "‘Families Making a Difference’": Ofsted quotes a name in title
            # case; a quoted remark is a sentence in lower case. The class comes from its own head word ("‘Our
            # Young People Council’"), one soon after ("‘Families First’ early intervention service", "‘The
            # Cove’, a hub"), one just before ("a parents' group, ‘...’"), else it is a programme.
            before = _HEAD_IN_SENTENCE.search(text, max(0, m.start() - 60), m.start())
            after = _HEAD_SOON_AFTER.match(text, m.end())
            cls = (_class_of(quoted, words[-1]) or _quoted_kind(text, m.start(), m.end(1), words[-1])
                   or (_HEADS[(after.group(1) or after.group(2)).lower()] if after else None)
                   or (_HEADS[before.group(1).lower()] if before else "Programme"))
            out.append((m.start(1), m.end(1), quoted, cls, quoted, None))
    # "‘safety plans’", "‘trigger plans’": a quoted name of a plan for one child is still a process name the
    # rules block (discovery_blocked_names), as it is unquoted.
    return [q for q in out if normalise_label(q[2]) not in _BLOCKED]


_LC = rules()["lowercase_discovery"]
_LC_GENERIC = set(_LC["generic_modifiers"])
_LC_DESCRIPTIVE = set(_LC["descriptive_words"])
_LC_KEEP = set(_LC["kept_modifiers"])
_LC_NOUN_ING = set(_LC["ing_nouns"])
_LC_DETERMINERS = set(_LC["determiners"])
_LC_BOUNDARY = (_LC_DETERMINERS | _SMALL | set(_LC["boundary_words"])
                | {"with", "by", "from", "at", "through", "via", "into", "or", "its"})
_LC_HEADS = {h: _HEADS[h] for h in _LC["heads"]}
_LC_FREQUENCY = set(_LC["frequency_words"])  # "daily", "weekly": they open a recurring meeting's name
_LC_POPULATION = set(_LC["population_words"])  # "minority ethnic group": people, not a forum
_LC_GENERIC_FORUMS = {"board", "group", "panel", "forum", "sub-group", "subgroup"}
# Heads a subject of two generic words names ("the mental health team", "the adult mental health policy",
# "a family support worker"): an authority's own board, team, policy or post about one subject, however
# common the words; so for a service ("the workforce development service": 13 over 272 corpus texts).
_LC_SUBJECT_HEADS = _LC_GENERIC_FORUMS | {"team", "teams", "service", "unit", "policy", "procedure", "strategy",
                                          "worker", "workers", "officer", "officers", "coordinator", "coordinators"}
_LC_UNIT_WORDS = {"team", "teams", "staff", "management", "service", "services", "leadership", "senior"}
_LC_NAMED_HEADS = set(_LC["named_heads"])  # heads that name a unit even after generic words ("fostering hub")
_LC_KEPT_NAMING = set(_LC["kept_naming_heads"])  # heads a kept word alone names ("a joint protocol")
_LC_SHARED = set(_LC["shared_heads"])  # heads "multi-agency" names before generic words ("a multi-agency dataset")
_LC_OPENERS = set(_LC["openers"])
_LC_CAPITAL_OWNERS = set(_LC["capitalised_owner_words"])  # "The Council’s ...": the authority, as in lower case
_LC_NAMING = set(_LC["naming_words"])  # stop words at a sentence start that still name in lower case
_LC_BIGRAMS = set(_LC["naming_bigrams"])  # "looked after": a boundary word that belongs to a name
_LC_FUNCTIONS = set(_LC["unit_functions"])  # "the assessment team": one function word names the unit
_LC_PARTNER_OWNERS = set(_LC["partner_owners"])  # "police": a unit named after it is the partner's
_LC_LABEL_OPENERS = frozenset(_LC["label_opening_words"])  # "family" in "family intervention workers"
_COUNT = re.compile(r"\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty")
_LC_PLURAL_FORUMS = set(_LC["plural_forum_heads"])  # "through regular tracking meetings": no determiner
_LC_PLURAL_ROLES = set(_LC["plural_role_heads"])  # "Parent mentors also ...": at a sentence start only
_REMIT_HEADS = set(_LC["remit_heads"])  # heads that name a post only with its remit ("lead for ...")
_LC_PLURAL_TOOLS = set(_LC["plural_tool_heads"])  # "through the use of screening toolkits": like meetings
_PLURAL_FORUM_AFTER = {"at", "through", "of", "in", "via", "during", "including", "following"}
_AGE_RANGE_HEADS = set(_LC["age_range_heads"])  # "the 18 to 25 team": the ages it serves name the unit
_AGE_RANGE = re.compile(r"(?<![\w–-])(\d{1,2}(?:\+|[ -][Pp]lus|(?:[ \t]+to[ \t]+|[–-])\d{2}))[ \t]+$")
_SENTENCE_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*")
# What follows a plural subject that opens its sentence: an auxiliary, a verb in the past or present plural,
# or an adverb before one ("Legal planning meetings are held", "... effectively coordinate", "... ensure").
_SUBJECT_VERB_AFTER = re.compile(
    r",[ \t\n]+(?:[a-z]+ed|which|where|led|held|run|known|set up|made up)\b"  # "..., chaired by the manager, share ..."
    r"|[ \t\n]+(?:in|within|at|for|with|between|across|on|about)[ \t\n]+(?:the|a|an|each|every|all|its|their)\b"  # "... within the framework give ..."
    r"|[ \t\n]+(?:\([^()]{1,40}\)[ \t\n]+)?(?:[a-z]+ly[ \t\n]+|also[ \t\n]+|now[ \t\n]+|often[ \t\n]+|still[ \t\n]+)*"
    r"(?:are|were|have|had|can|could|will|would|should|may|might|must|do|did|continue|provide|ensure|help|offer|"
    r"review|consider|meet|take|give|enable|support|focus|include|allow|make|bring|show|oversee|monitor|track|"
    r"identify|address|scrutinise|work|act|hold|discuss|agree|share|reflect|lead|drive|add|remain|happen|occur|"
    r"[a-z]+ed)\b")
_PLURAL_BEFORE = re.compile(r"\b[a-z]{3,}[^s'’\s]s[ \t\n]+$")  # "homes ", not "children's " or "bus "
_THE_BEFORE = re.compile(r"(?:^|\s)[Tt]he[ \t]+$")
_KEEP_BEFORE = re.compile(r"([a-z][a-z-]*)[ \t]+$")
_VERBISH = re.compile(r"(?:ed|ing|ly|ive|ful|ous|able|ible)$")
_MEASURE = re.compile(r"^\d|-(?:day|week|month|year|hour|minute)s?(?:-old)?$")
# Hyphened words that grade, time or scope a thing ("well-understood", "over-optimistic", "longer-term",
# "thought-through", "poor-quality", "lower-level", "child-specific", "children-only") describe it, whatever the
# word joined.
_GRADED = re.compile(r"^(?:well(?!-being)|over|under|poorly|ill|fully|better|badly)-|-(?:term|through|quality|level"
                     r"|specific|only)$")


def _title_cased(surface: str) -> bool:
    """Every word but the small ones opens with a capital ("Keeping Families Together", not "Keeping families
    together")."""
    return all(w[:1].isupper() for w in surface.split() if w.lower() not in _SMALL)


def _generic(word: str) -> bool:
    """A word every authority uses ("social", "care"), or the possessive of one ("board's")."""
    if word in _LC_GENERIC:
        return True
    if word.endswith("'s"):
        stem = word[:-2]
        return stem in _LC_GENERIC or stem in _HEADS
    return False


@lru_cache(maxsize=8192)  # asked of the same few thousand words tens of thousands of times a run
def _descriptive(word: str) -> bool:
    """A word that describes rather than names ("effective", "newly", "existing"): not part of a name.
    A noun joined to "-based" or "-led" names ("community-based", "youth-led") unless listed as describing."""
    if _generic(word) or word in _LC_KEEP:
        return False
    if word.endswith(("-based", "-led")) and word not in _LC_DESCRIPTIVE:
        return False
    return (word in _LC_DESCRIPTIVE or bool(_MEASURE.search(word)) or bool(_GRADED.search(word))
            or (bool(_VERBISH.search(word)) and word not in _LC_NOUN_ING
                and word.rsplit("-", 1)[-1] not in _LC_NOUN_ING))


@lru_cache(maxsize=1)
def _head_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for head in _HEADS:
        automaton.add_word(head, head)
    automaton.make_automaton()
    return automaton


def _head_words(text: str) -> list[tuple[int, int, str]]:
    """Every lower-case head word standing as a word: (start, end, head), longest at each end."""
    out: list[tuple[int, int, str]] = []
    n = len(text)
    for end_idx, head in _head_automaton().iter(text):
        start, end = end_idx - len(head) + 1, end_idx + 1
        if (start and (text[start - 1].isalnum() or text[start - 1] in "-’'")) or (end < n and text[end].isalnum()):
            continue
        if out and out[-1][1] == end:
            if len(head) > out[-1][1] - out[-1][0]:
                out[-1] = (start, end, head)
            continue
        out.append((start, end, head))
    return out


_LOWER_TOKEN = re.compile(r"[a-z][a-z’'-]*")
_GLUED_PARAGRAPH = re.compile(r"\d{1,3}\.(?=[A-Z][a-z]*$)")  # "12.The", text lost the space after the number
_CAP_OWNER = re.compile(r"[A-Z][A-Za-z-]*[a-z][’']s")  # "Oldham’s", "Barnardo's"; not "LSCB’s" nor "PA’s"
_CAP_TOKEN = re.compile(r"[A-Z](?:[\w&-]|[’'](?=\w))*")


def _tokens_before(text: str, pos: int, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` whitespace-separated tokens right before `pos`, nearest first, with their offsets."""
    window_start = max(0, pos - 160)
    window = text[window_start:pos]
    # Split from the right only as far as needed (a window holds about 25 tokens; 8 are asked for).
    tokens = window.rsplit(None, limit)
    if len(tokens) > limit:
        tokens = tokens[1:]  # the rest of the window, unsplit
    elif window_start and tokens and not window[0].isspace():
        tokens = tokens[1:]  # cut by the window
    out = []
    end = len(window)
    for token in reversed(tokens):
        at = window.rfind(token, 0, end)
        out.append((window_start + at, token))
        end = at
    return out


def head_phrases(text: str, sentence_starts: set[int]) -> tuple[list, list]:
    """Names ending in a lower-case head word, found by reading back from each head word:

    - lower-case named units ("the local duty team", "a pre-proceedings panel"): after a determiner, up
      to seven words. Descriptive words at the front ("the excellent and innovative ...") are dropped,
      then generic ones ("local"); one to four words must remain, one of them not generic, none
      descriptive. A single "and" may join two naming words ("the prevention and education team").
      Items: (start, end, name, core class, other surface forms).
    - a capitalised name with one or two lower-case words before its head word ("the CXK careers
      service"); the lower-case words must name, not describe. Items: (start, end, name, core class).
    """
    lower_out: list = []
    mixed_out: list = []
    for head_start, head_end, head in _head_words(text):
        if head_start == 0 or not text[head_start - 1].isspace():
            continue
        if head_start > 1 and text[head_start - 2] in ",.;:!?)(":
            continue  # the phrase ends before the head word ("... in place, services")
        if _head_modifies(text, head_end):
            continue  # "their views influence service improvement": the head word only modifies the next
        if head == "register" and _PLURAL_BEFORE.search(text, max(0, head_start - 20), head_start):
            continue  # "... so that unregistered settings register quickly": after a plural noun, the verb
        if head in _REMIT_HEADS and not _ROLE_REMIT.match(text, head_end):
            continue  # "the social care lead for missing children" is a post; "the health lead" may be anyone
        if head in _AGE_RANGE_HEADS and text[head_start - 2] in "0123456789+sS" and (
                ages := _AGE_RANGE.search(text, max(0, head_start - 14), head_start)):
            # "the 16-plus team", "the 18 Plus team", "the 18 to 25 service": the ages name the unit (a name
            # like a capitalised one, read before "Plus team" could be).
            name = " ".join(text[ages.start(1):head_end].lower().split())
            mixed_out.append((ages.start(1), head_end, name, _HEADS[head]))
            continue
        sp = text.rfind(" ", max(0, head_start - 8), head_start - 1)
        if sp >= 0 and text[sp + 1:head_start - 1].lower() in _LC_DETERMINERS:
            continue  # "the service": a determiner alone names nothing (skipped before reading back)
        # Eight tokens are all that is read: at most seven words and the one before them (and _mixed_name
        # reads five from the third); each further one cost an rfind, 33,834 times over 150 reports.
        tokens = _tokens_before(text, head_start, 8)
        words: list[tuple[int, str]] = []
        det = False
        owner = None
        i = 0
        while i < len(tokens) and len(words) < 7:
            at, token = tokens[i]
            comma = token.endswith(",")
            core = token[:-1] if comma else token
            if comma and (not words or not _descriptive(words[0][1])):
                break  # a comma ends the phrase unless it separates descriptive words
            if glued := _GLUED_PARAGRAPH.match(core):
                # "43.The tracking system": a paragraph number glued to the sentence's first word; only a
                # determiner after it opens a name.
                det = core[glued.end():].lower() in _LC_DETERMINERS and bool(words)
                break
            low = core.lower().replace("’", "'")
            if low.endswith("'") and not low.endswith("s'"):
                break  # the end of a quoted name: "‘growing your own’ social workers"
            if low in _LC_DETERMINERS or (low in _LC_OPENERS and words) or (
                    words and _HEADS.get(head) == "Role" and _COUNT.fullmatch(low)):
                # "12 neglect champions": a count opens a plural post's name like a determiner.
                det = True
                break
            if words and _CAP_OWNER.fullmatch(core) and not _generic(low) and low[:-2] not in _NOT_NAMES:
                # "Oldham’s recruitment strategy": a capitalised owner opens a lower-case name like "its";
                # the owner's form is another surface form.
                det = True
                owner = core
                break
            if low in _LC_FREQUENCY and _HEADS.get(head) == "Forum":
                # "at daily multi-agency domestic abuse meetings": a recurring meeting is named by its
                # frequency, with or without a determiner before it.
                words.insert(0, (at, low))
                det = True
                break
            if not _LOWER_TOKEN.fullmatch(core) and low not in _LC_CAPITAL_OWNERS:
                break
            words.insert(0, (at, low))
            i += 1
        item = None
        if det and words and head in _LC_HEADS:
            item = _lower_name(text, words, head, head_end)
            if item and owner:
                owner_form = owner.replace("’", "'")
                item[4].append(f"{owner_form} {item[2]}")
            if item:
                lower_out.append(item)
        elif not det and 1 <= len(words) <= 2 and i < len(tokens):
            item = _mixed_name(text, tokens[i:i + 5], words, head, head_end, sentence_starts)
            if item:
                mixed_out.append(item)
                continue
        if item is None and (head in _LC_PLURAL_FORUMS or head in _LC_PLURAL_ROLES or head in _LC_PLURAL_TOOLS):
            item = _plural_forum(text, tokens[i] if not det and i < len(tokens) else None, words, head, head_end,
                                 sentence_starts, sentence_only=head in _LC_PLURAL_ROLES)
            if item:
                lower_out.append(item)
    return lower_out, mixed_out


_QUALIFIED = re.compile(r"(?<![\w’'-])(?:([Ff]ree)[ \t]+)?(" + "|".join(
    rf"(?:{'|'.join(map(re.escape, words))})[ \t]+{re.escape(head)}" for head, words in
    sorted(_LC["qualified_heads"].items(), key=lambda kv: -len(kv[0]))) + r")(?![\w-]|[’'](?=\w))", re.I)


_QUALIFIED_HEAD = re.compile("|".join(sorted(map(re.escape, _LC["qualified_heads"]), key=len, reverse=True)))


def qualified_heads(text: str) -> list[tuple[int, int, str, str, list[str]]]:
    """Schemes an authority gives care leavers, named by a noun that names nothing on its own ("flats",
    "passes") after one of its qualifying words (rules: qualified_heads): "a trainer flat", "free leisure
    passes". Items as for lower-case names: (start, end, name, "Programme", other surface forms)."""
    out = []
    seen: set[int] = set()
    # The full pattern is tried only near a head word: scanning the whole text with it cost ~1.7 ms a report,
    # a literal scan of the lower-cased text a fifth of that.
    for hit in _QUALIFIED_HEAD.finditer(text.lower()):
        m = _QUALIFIED.search(text, max(0, hit.start() - 40), hit.end() + 8)
        if m is None or m.start() in seen or not m.start() <= hit.start() < m.end():
            continue
        seen.add(m.start())
        core = " ".join(m.group(2).lower().split())
        name = f"free {core}" if m.group(1) else core
        out.append((m.start(), m.end(), name, "Programme", [core] if m.group(1) else []))
    return out


_POST_CUE_HEADS = frozenset(_LC["post_cue_heads"]) | frozenset(w for w, c in _HEADS.items() if c == "Role")
_POST_OF = re.compile(r"\b[Pp]osts?[ \t\n]+of[ \t\n]+(?:(?:an?|the)[ \t\n]+)?")
_EMPLOYS = re.compile(r"employ(?:s|ed)?[ \t\n]+(?:(?:an?|two|three|four|five|six)[ \t\n]+)?")
_POST_AFTER = re.compile(r"[ \t\n]+posts?\b(?![’'-])")
_APPOINTED = re.compile(r"[ \t\n]+(?:has|have|had)[ \t\n]+(?:(?:recently|now|also|just|since|already)[ \t\n]+)?been[ \t\n]+"
                        r"(?:appointed|recruited|seconded|employed)\b")
_CUE_WORD = re.compile(r"[ \t\n]*([A-Za-z][\w’'-]*)")
_CUE_STOPS = (_LC_BOUNDARY | _SMALL) - {"and"}


def _cued_post(pairs: list[tuple[int, int, str]]):
    """The post named by words (start, end, word), nearest the head last: descriptive words in front go
    ("a new, dedicated ..."); a word must be left before the head, and not one every post has ("social worker")
    nor, before "manager", a unit's ("a team manager")."""
    while pairs and (pairs[0][2].lower() in _LC_DESCRIPTIVE or pairs[0][2].lower() in {"and", "or"}
                     or pairs[0][2].lower().endswith(("ly", "ed"))):
        pairs = pairs[1:]  # "a new, dedicated ...", "the recently established post of ...", "a newly created ..."
    words = [w.lower().replace("’", "'") for _, _, w in pairs]
    if len(words) < 2 or len(words) > 7 or words[-1] not in _POST_CUE_HEADS or words[-2] in {"and", "or"}:
        return None
    front = words[:-1]
    if front == ["social"]:
        return None
    if words[-1].startswith("manager") and all(w in _LC_UNIT_WORDS or w in {"group", "line", "business"}
                                                or _descriptive(w) for w in front):
        return None  # "a team manager post": a line manager, not a specialist post
    name = " ".join(words)
    if normalise_label(name) in _BLOCKED:
        return None
    return (pairs[0][0], pairs[-1][1], name, "Role", [])


def post_cues(text: str) -> list[tuple[int, int, str, str, list[str]]]:
    """Posts named by what the text says of them (rules: post_cue_heads): "the new post of police safeguarding
    adviser", "a court manager post", "a transformation manager has been appointed", "the board employs a
    development officer". Items as for lower-case names. Read only near the literal words "post", "employ" and
    "been"."""
    out = []
    low = text.lower()
    at = low.find("post")
    while at >= 0:
        m = _POST_OF.match(text, at)
        if m and (at == 0 or not text[at - 1].isalnum()):
            out.extend(_post_after(text, m.end()))
        elif at and text[at - 1] in " \t\n" and _POST_AFTER.match(text, at - 1):
            out.extend(_post_before(text, at - 1))
        at = low.find("post", at + 4)
    at = low.find("employ")
    while at >= 0:
        m = _EMPLOYS.match(text, at)
        if m and at and not text[at - 1].isalnum():
            out.extend(_post_after(text, m.end()))
        at = low.find("employ", at + 6)
    at = low.find(" been ")
    while at >= 0:
        m = _APPOINTED.search(text, max(0, at - 24), at + 40)
        if m and m.start() < at:
            out.extend(_post_before(text, m.start()))
        at = low.find(" been ", at + 6)
    return out


_CM = rules()["cued_models"]
_CUED_MODEL = re.compile(
    r"\b(?:" + "|".join(c.replace(" ", r"[ \t\n]+") for c in _CM["cues"]) + r")[ \t\n]+(?:the|a|an|its|their|our)"
    r"[ \t\n]+((?:[a-z][a-z’'-]*[ \t\n]+){1,3})(models?)\b")
_MODEL_NOT_NAMING = frozenset(_CM["not_naming"])


def cued_models(text: str) -> list[tuple[int, int, str, str, list[str]]]:
    """Practice models named in lower case where the text says the authority works by one (rules: cued_models):
    "social workers use the steady steps model of social work". Items as for lower-case names; read only near
    "model"."""
    out = []
    at = text.find("model")
    while at >= 0:
        m = _CUED_MODEL.search(text, max(0, at - 90), at + 6)
        if m and m.start(2) == at:
            words = m.group(1).split()
            if not any(w in _LC_DESCRIPTIVE or w in _LC_BOUNDARY or _MEASURE.search(w) or _GRADED.search(w)
                       or w.endswith("ed") for w in words) and any(
                    not _generic(w) and re.sub(r"['’]s$", "", w) not in _MODEL_NOT_NAMING for w in words):
                name = " ".join([*words, "model"])
                out.append((m.start(1), m.start(2) + 5, name, "PracticeModel", []))
        at = text.find("model", at + 5)
    return out


def _post_after(text: str, pos: int):
    """The post named by the words from `pos` on, up to its last head word before a verb, a function word or
    punctuation."""
    pairs = []
    while len(pairs) < 8 and (w := _CUE_WORD.match(text, pos)):
        if w.group(1).lower() in _CUE_STOPS:
            break
        pairs.append((w.start(1), w.end(1), w.group(1)))
        pos = w.end(1)
        if pos < len(text) and text[pos] in ",.;:()":
            break
    last = max((k for k, (_, _, w) in enumerate(pairs) if w.lower() in _POST_CUE_HEADS), default=-1)
    item = _cued_post(pairs[:last + 1]) if last >= 0 else None
    return [item] if item else []


def _post_before(text: str, pos: int):
    """The post whose head word ends right at `pos`, read back to a determiner or a count."""
    pairs = []
    for start, token in _tokens_before(text, pos, 9):
        low = token.lower().replace("’", "'")
        if low in _LC_DETERMINERS or _COUNT.fullmatch(low):
            item = _cued_post(pairs)
            return [item] if item else []
        if not re.fullmatch(r"[A-Za-z][\w’'-]*", token) or low in _CUE_STOPS:
            return []
        pairs.insert(0, (start, start + len(token), token))
    return []


def _plural_forum(text: str, stop: tuple[int, str] | None, words: list[tuple[int, str]], head: str, end: int,
                  sentence_starts: set[int], sentence_only: bool = False):
    """Recurring meetings and panels in the plural need no determiner: "at multi-agency monitoring and
    intervention meetings", "through regular tracking meetings", "supervision, threshold panels and audits",
    "Complaints learning meetings are ...". The name starts after a preposition or a list's comma, or with
    the capitalised first word of a sentence; not after a verb ("to attend meetings"), and generic words
    alone name none ("multi-agency review meetings")."""
    cut = max((k for k, (_, w) in enumerate(words) if w != "and" and (
        w in _LC_BOUNDARY or (w in _STOP_FIRST and w not in _LC_NAMING))), default=-1)
    if sentence_only and (cut >= 0 or stop is None or stop[0] not in sentence_starts
                          or (head == "workers" and _ACRONYM_TEXT.fullmatch(stop[1]))):
        return None  # "MAT workers receive ...": a team's staff, not a post
    if cut >= 0:
        if words[cut][1] not in _PLURAL_FORUM_AFTER:
            return None
        words = words[cut + 1:]
    elif stop is not None and stop[0] in sentence_starts and _SENTENCE_WORD.fullmatch(stop[1]):
        if words and not _SUBJECT_VERB_AFTER.match(text, end):
            return None  # "Managers value legal planning meetings.": the name opening the sentence is its
            # subject, so a verb follows it; without one a word inside may be the verb ("value")
        words = [(stop[0], stop[1].lower()), *words]  # "Legal planning meetings are ..."
    elif stop is None or not stop[1].endswith(",") or len(words) > 3:
        return None
    if not words or any(w in _STOP_FIRST or w in {"and", "or"} for _, w in words[:1]):
        return None
    if sentence_only and (len(words) > 2 or words[-1][1] == "social" or _COUNT.fullmatch(words[0][1])
                          or any(w.endswith("s") and not w.endswith("ss") for _, w in words)):
        # "Parent mentors also ...", "Clinical practitioners provide ...", not "Managers review workers ..."
        # (a verb) nor "Competent social workers ..." (annotators never name social workers by a description)
        return None
    if all(_generic(w) or w in _LC_KEEP or _descriptive(w) or w == "and" for _, w in words):
        return None  # "multi-agency review meetings": generic words name no meeting without a determiner
    return _lower_name(text, words, head, end)


def _joined_subjects(names: list[str], head: str) -> bool:
    """Two subjects joined by one "and", each of one or two words with a naming (not generic) word and no
    possessive: "the sufficiency and fostering recruitment strategy", "the hidden harm and missing
    coordinators"; not "the help and support team" or "the prevention and education team" (generic words)."""
    if names.count("and") != 1:
        return False
    k = names.index("and")
    sides = (names[:k], names[k + 1:])
    return all(1 <= len(side) <= 2 and any(not _generic(w) for w in side)
               # two things of one kind: "the engagement strategy and participation framework"
               and not any(w.endswith("'s") or _HEADS.get(w) == _HEADS[head] for w in side)
               for side in sides)


_JOINED_UNIT_HEADS = frozenset({"team", "teams", "unit", "units", "panel", "group", "sub-group", "subgroup"})


def _joined_units(text: str, words: list[tuple[int, str]], head: str, end: int):
    """"The safeguarding and assessment teams", "the child protection and reviewing team": after "the", two
    subjects joined by one "and" name one unit even when each is a word every authority uses; read as
    generic words, the front subject would be dropped and the name lost. One or two words before "and", up to
    three after ("the adoption and post permanence support team"), none describing, no possessive, no "social
    work" or "staff" (every authority's teams), and the words stand together in the text."""
    names = [w for _, w in words]
    if head not in _JOINED_UNIT_HEADS or names.count("and") != 1 or names[0] in _LC_KEEP or not _THE_BEFORE.search(
            text, max(0, words[0][0] - 5), words[0][0]):
        return None
    k = names.index("and")
    sides = (names[:k], names[k + 1:])
    if not (1 <= len(sides[0]) <= 2 and 1 <= len(sides[1]) <= 3) or any(
            w in _LC_BOUNDARY or w in _STOP_FIRST or _descriptive(w) or w.endswith("'s") or w in _HEADS
            or w in _LC_UNIT_WORDS or w in _LC_POPULATION or w in {"social", "staff"} for side in sides for w in side):
        return None
    if len(names) == 3 and any(side in (["help"], ["support"]) for side in sides):
        return None  # "the help and support team": what every team gives, no name
    name = " ".join([*names, head])
    if " ".join(text[words[0][0]:end].replace("’", "'").split()) != name or normalise_label(name) in _BLOCKED:
        return None
    return (words[0][0], end, name, _LC_HEADS[head])


def _lower_name(text: str, words: list[tuple[int, str]], head: str, end: int):
    surface = [" ".join(text[words[0][0]:end].replace("’", "'").split())]
    # "the police triage team", "the police central referral unit": a partner's unit, whatever follows the owner
    partner_owned = next((w for _, w in words if not _descriptive(w)), None) in _LC_PARTNER_OWNERS
    if (joined := _joined_units(text, words, head, end)) is not None:
        return (*joined, [])
    # Descriptive words before the first naming word go ("the weekly, well-attended study group").
    first = next((k for k, (_, w) in enumerate(words) if w != "and" and not _generic(w) and w not in _LC_KEEP
                  and not _descriptive(w)), len(words))
    if 0 < first < len(words) and words[first - 1][1] in {"and", "or"}:
        return None  # "a flexible and cost-efficient service": joined to a describing word, it describes
    if any(w.endswith("ly") and _descriptive(w) and k and not _descriptive(words[k - 1][1])
           and words[k - 1][1] not in {"and", "or"} for k, (_, w) in enumerate(words[:first])):
        return None  # "a permanent family inevitably affects scorecard ...": noun, adverb, verb is a clause
    # A word before the last describing one is no part of the name ("the children first partnership hub" names no
    # "children partnership hub"), unless it is kept: how often a forum meets and who meets name it however it is
    # described ("the weekly, well-attended study group", "a daily multi-agency individual risk management meeting").
    # Joined by "and" to what describes, it belongs to a clause ("the authority and appropriately involves service
    # users").
    last_described = max((k for k in range(first) if _descriptive(words[k][1])), default=-1)
    dropped = [w for _, w in words[:max(last_described, 0)]]
    if any(w in {"and", "or"} for w in dropped) and any(w not in {"and", "or"} and not _descriptive(w) for w in dropped):
        return None
    front = [w for k, w in enumerate(words[:first])
             if not _descriptive(w[1]) and (k > last_described or w[1] in _LC_KEEP)]
    words = front + words[first:]
    while words and words[0][1] in {"and", "or"}:
        words = words[1:]
    owner = 0
    while owner < len(words) - 1 and words[owner][1] in _LC_CAPITAL_OWNERS:
        owner += 1
    if owner and words[owner - 1][1].endswith("'s"):
        words = words[owner:]  # "the local authority's placement service" is its placement service
    if words:
        surface.append(" ".join(text[words[0][0]:end].replace("’", "'").split()))
    kept = words
    # A naming bigram stays in front ("care leavers' handbook", "the child sexual exploitation group"), unless
    # more than four words stand before the head ("children looked after mental health nurse").
    while words and _generic(words[0][1]) and not (
            1 < len(words) <= 4 and f"{words[0][1]} {words[1][1]}" in _LC_BIGRAMS):
        words = words[1:]  # "an effective transition programme" -> "transition programme"
    if not words:
        return _generic_name(text, kept, head, end, surface)
    if len(words) < len(kept) and kept[len(kept) - len(words) - 1][1] in _LC_LABEL_OPENERS:
        # "the statutory family solutions teams": the generic word right before the naming one may be the name's
        # own ("family solutions teams"), a form a reader may use
        surface.append(" ".join(text[kept[len(kept) - len(words) - 1][0]:end].replace("’", "'").split()))
    if len(words) > 4:
        return None
    names = [w for _, w in words]
    # "the prevention and education team": two naming words joined by "and", nothing else but a kept
    # word in front ("the weekly allocations and pathways panel").
    joined = names[1:] if len(names) == 4 and names[0] in _LC_KEEP else names
    if "and" in names and not _joined_subjects(joined, head):
        return None
    if any((w in _LC_BOUNDARY or (w in _STOP_FIRST and w not in _LC_NAMING)) and w != "and"
           and not (i and f"{names[i - 1]} {w}" in _LC_BIGRAMS) for i, w in enumerate(names)):
        return None
    if all(_generic(w) or w in _LC_KEEP or w == "and" for w in names):
        return _generic_name(text, kept, head, end, surface)
    if any(_descriptive(w) for w in names):
        return None
    core = list(names)
    while core and (_generic(core[0]) or core[0] in _LC_KEEP):
        core = core[1:]
    if normalise_label(" ".join([*core, head])) in _BLOCKED:
        return None  # "multi-agency strategy meeting" is a strategy meeting
    name = " ".join([*names, head])
    # Shorter forms a reader may use: without "weekly", "multi-agency" ... in front.
    for i in range(1, len(names)):
        if names[i - 1] != "and" and names[i] not in _LC_BOUNDARY and any(
                not _generic(w) and w not in _LC_KEEP for w in names[i:]) and (
                f"{names[i - 1]} {names[i]}" not in _LC_BIGRAMS):  # not "leavers' handbook" alone
            surface.append(" ".join([*names[i:], head]))
    remit = _remit(text, end)
    if remit:  # "the lead officer for children missing education"
        surface.append(f"{name} for {remit[0]}")
    cls = _LC_HEADS[head]
    if cls == "Team" and partner_owned:
        cls = "Partner"  # "the police triage team", "the police missing children service": a partner's unit
    return (words[0][0], end, name, cls, [a for a in surface if a != name])


def _generic_name(text: str, words: list[tuple[int, str]], head: str, end: int, surface: list[str]):
    """A name made of generic words only names a thing when its head does ("the early help hub", "a fostering
    hub") or when it says whom a unit or post is for ("the specialist team for children who go missing")."""
    names = [w for _, w in words]
    if not names or len(names) > 4 or any(w in _LC_BOUNDARY or w in _STOP_FIRST or _descriptive(w) for w in names):
        return None
    if head in _LC_NAMED_HEADS and any(_generic(w) for w in names):
        # The authority as owner is no part of the name ("the council's placement strategy" is its placement
        # strategy), and alone names nothing ("the council's strategy" is whichever strategy it has).
        # So is a body named by its head word ("the board's protocol", "the trust's strategy").
        owned = next((k for k, w in enumerate(names) if w not in _LC_CAPITAL_OWNERS
                      and not (w.endswith("'s") and w[:-2] in _HEADS)), len(names))
        if owned == len(names):
            return None
        name = " ".join([*names[owned:], head])
        if normalise_label(name) in _BLOCKED:
            return None  # "an assessment tool" is any such tool, not a named one
        return (words[owned][0], end, name, _LC_HEADS[head], [a for a in surface if a != name])
    if head in _LC_KEPT_NAMING and names == ["joint"]:
        # "a joint protocol (with housing)": an agreement between agencies is a named policy of its own; its
        # remit, when the text gives one, is another surface form ("the joint protocol for homeless 16-year-olds").
        name = f"joint {head}"
        remit = _remit(text, end)
        if remit:
            surface.append(f"{name} for {remit[0]}")
        if (parties := _AGREEMENT_REMIT.match(text, end)) and parties.group(1).split()[-1] not in _SMALL:
            # "the joint protocol with housing", "... for homeless 16- and 17-year-olds": whom it binds or
            # serves, up to a verb or a clause break, is another surface form (also with numbers and "and").
            surface.append(f"{name} " + _HYPHEN_BREAK.sub(r"\1", " ".join(parties.group(1).split())))
        return (words[0][0], end, name, _LC_HEADS[head], [a for a in surface if a != name])
    if head in _LC_SHARED and names[0] == "multi-agency" and all(_generic(w) and "'" not in w for w in names[1:]):
        # "the board has a multi-agency dataset", "a multi-agency performance data set": the data the partners
        # share is the partnership's own tool; "the performance management dataset" is any data.
        name = " ".join([*names, head])
        return (words[0][0], end, name, _LC_HEADS[head], [a for a in surface if a != name])
    if (_LC_HEADS[head] == "Forum" and any(w in _LC_FREQUENCY or w == "multi-agency" for w in names)
            and (any(_generic(w) and w not in _HEADS and w not in _LC_UNIT_WORDS for w in names)
                 or (len(names) == 2 and names[0] in _LC_FREQUENCY and names[1] == "multi-agency"))):
        # "a daily multi-agency meeting": how often it meets and that agencies meet name it as well.
        # "the weekly multi-agency targeted support panel", "monthly performance meetings": a recurring
        # meeting with a subject is a named forum; "weekly team meetings" are not.
        name = " ".join([*names, head])
        if names[0] in _LC_FREQUENCY:
            surface.append(" ".join([*names[1:], head]))
        return (words[0][0], end, name, _LC_HEADS[head], [a for a in surface if a != name])
    if (head in _LC_SUBJECT_HEADS and len(names) >= 2 and names[0] not in _LC_KEEP
            and not any(w in _LC_POPULATION for w in names)
            and sum(w not in _HEADS and w not in _LC_UNIT_WORDS and w != "and" for w in names) >= 2
            and (head in _LC_GENERIC_FORUMS or (
                not any(w in {"social", "staff"} for w in names)
                and " ".join(text[words[0][0]:end].replace("’", "'").split()) == " ".join([*names, head])))):
        # "a dedicated workforce development board", "the learning and development group": two subject
        # words name the authority's own board or group, however common the words. So for a team, a policy
        # or a post ("the school improvement team", "the adult mental health policy") when the words stand
        # together ("children awaiting adoption team" is no "children adoption team"), and not social work
        # teams or staff teams, which every authority has.
        name = " ".join([*names, head])
        return (words[0][0], end, name, _LC_HEADS[head], [a for a in surface if a != name])
    if len(names) == 1 and names[0] in _LC_FUNCTIONS and (
            (head in {"team", "teams"} and _THE_BEFORE.search(text, max(0, words[0][0] - 5), words[0][0]))
            or head in {"coordinator", "co-ordinator", "officer", "adviser", "advisor"}):
        # "the assessment team", "the legal team": the definite article and one function word (rules:
        # unit_functions) name the authority's unit of that name; "an assessment team" or "the support team"
        # do not. A post is named by its function after any determiner ("a placement coordinator").
        name = f"{names[0]} {head}"
        return (words[0][0], end, name, _LC_HEADS[head], [a for a in surface if a != name])
    if len(names) > 3:
        return None
    remit = _remit(text, end) if _LC_HEADS[head] in {"Team", "Role"} else None
    if remit is None or normalise_label(" ".join([*names, head])) in _BLOCKED or any(
            w in _LC_BOUNDARY or _descriptive(w) for w in remit[0].split()[:1]):
        return None
    name = f"{' '.join([*names, head])} for {remit[0]}"
    return (words[0][0], remit[1], name, _LC_HEADS[head], [a for a in surface if a != name])


_AGREEMENT_REMIT = re.compile(
    r"[ \t]+((?:for|with|between)\s+(?:[a-z0-9][\w’'–-]*\s+){0,7}?[a-z0-9][\w’'–-]*)"
    r"(?=[ \t]*[,.;:()]|\s+(?:is|are|was|were|has|have|had|that|which|who|agreed|jointly|supports?|to(?!\s+\d)|in|by|"
    r"ensures?|means|helps?|provides?)\b)")
_HYPHEN_BREAK = re.compile(r"(\d[–-])\s+(?=year)")  # "17- year-olds", a line broken after a hyphen


def _remit(text: str, end: int) -> tuple[str, int] | None:
    """Whom a unit or post is for, right after its head word: ("children who go missing", end offset).
    A verb ends it ("the nurse for post-18s is ...")."""
    m = _ROLE_REMIT.match(text, end)
    if m is None:
        return None
    words = m.group(1).split()
    # "after" ends a remit ("the team for care leavers after ...") but not "looked after": cut there, the
    # name would stop at "for children looked".
    cut = next((k for k, w in enumerate(words) if w in _REMIT_STOPS
                and not (w == "after" and k and words[k - 1] == "looked")), len(words))
    if cut and words[cut - 1] == "looked":
        return None  # "looked" with its "after" beyond the remit's reach: a name cut short
    if cut == 0:
        return None
    if cut == len(words):
        return " ".join(words), m.end(1)
    return " ".join(words[:cut]), text.index(words[cut - 1], m.start(1)) + len(words[cut - 1])


def _mixed_name(text: str, tokens: list[tuple[int, str]], lower: list[tuple[int, str]], head: str, end: int,
                sentence_starts: set[int]):
    caps: list[tuple[int, str]] = []
    for at, token in tokens[:4]:
        opened = token.lstrip("(")
        if opened != token and _CAP_TOKEN.fullmatch(opened) and "\n" not in text[at:lower[0][0]]:
            # "the troubled families project (Bromley children's project)": a name opening a bracket ends there
            caps.insert(0, (at + len(token) - len(opened), opened))
            break
        if not _CAP_TOKEN.fullmatch(token) or "\n" in text[at:lower[0][0]]:
            break
        caps.insert(0, (at, token))
    while caps and (caps[0][1].lower() in _STOP_FIRST or caps[0][1].lower() in _NOT_NAMES):
        caps = caps[1:]
    owner = next((k for k, (_, w) in enumerate(caps) if _is_owner(w)), None)
    if owner is not None:
        caps = caps[owner + 1:]  # "the Board’s business plan" is no name
    if not caps or any(w.lower() in _NOT_NAMES or w.lower() in _STOP_FIRST for _, w in caps):
        return None
    start = caps[0][0]
    if len(caps) == 1 and (start in sentence_starts or _GLUED_NUMBER.search(text, max(0, start - 4), start)) \
            and not caps[0][1].isupper():
        return None
    lows = [w for _, w in lower]
    if any(w in _LC_BOUNDARY or w in _STOP_FIRST or _descriptive(w) or w in _POPULATION for w in lows):
        return None  # ... or people ("White-Other ethnic group")
    follower = _NEXT_WORD.match(text, end)
    if follower and follower.group(1).lower() in _HEAD_FOLLOWERS:
        return None
    name = " ".join([*(w for _, w in caps), *(text[a:a + len(w)] for a, w in lower), head])
    if normalise_label(name) in _BLOCKED or _POST.search(name):
        return None
    if normalise_label(" ".join([*lows, head])) in _BLOCKED:
        return None  # "Darwen children's services" are the authority's
    return (start, end, name, _HEADS[head.lower()])


_WEAK_HEADS = set(rules()["theme_weak_heads"])
_CAP_RUN = re.compile(r"((?:[A-Z][\w’'&-]*)(?:[ \t]+(?:(?:and|of|for|the|in|&)[ \t]+)?[A-Z][\w’'&-]*)*)[ \t]*$")
_ROLE_REMIT = re.compile(r"[ \t]+for[ \t]+((?:[a-z][\w’'-]*[ \t]+){0,3}[a-z][\w’'-]*)"
                         r"(?=[,.;:)]|[ \t]+(?:and|to|in|is|are|was|were|who|which|has|have|with|provides|supports"
                         r"|works|offers|helps|ensures|meets|attends|leads|visits|holds)\b)")
_REMIT_STOPS = set(_LC["boundary_words"]) - _SMALL - {"who", "which", "that", "whom", "whose", "where", "when", "with"}
_LAST_WORD = re.compile(r"([\w-]+)[ \t]*$")
_CONJUNCTION = re.compile(r"[’'”]?(?:,\s+|\s+(?:and|&)\s+)")
# "First Response, the local authority's contact and referral service, ...", "'Speakerbox', the children in care
# council": a name given first, then what it is (a known or discovered thing, a few words after "the").
_NAME_BEFORE = re.compile(r"(?:(?<=[a-z] )|(?=[‘'\"“]))([‘'\"“]?)([A-Z][\w’'&-]*(?:[ \t]+(?:(?:of|and|for|in|&)[ \t]+)?"
                          r"[A-Z0-9][\w’'&-]*){0,3})[’'\"”]?,[ \t\n]+(?:the|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}[’']s)"
                          r"[ \t\n]+(?:[\w’'-]+,?[ \t\n]+){0,4}?[‘'\"“]?$")
# What _NAME_BEFORE needs, looked for first: it is rare ("Compass, the front door", "Compass, Shropshire's ‘front door’").
_COMMA_THE = re.compile(r",[ \t\n]+(?:the[ \t\n]|[A-Z][\w -]{0,40}[’']s[ \t\n])")
_APPOSITION = re.compile(r"(?:,[ \t]+|[ \t]+\(?(?:known as|called|named)[ \t]+[‘'\"“]?)"
                         r"((?:[A-Z][\w’'&-]*)(?:[ \t]+[A-Z][\w’'&-]*){0,3})(?=[’'\"”]?[,.;:)])")
# The rest of a list after a name in apposition ("leaders sit on the Harrow Safeguarding Children Board, Safer
# Streets Partnership, Youth Forum, and ..."): the name is the list's next item, not another name of the first.
# Closed by ", and" alone it is still an apposition after a kind in lower case ("a self-advocacy app, Voicebox, and
# regular visits help ..."); after a capitalised name, two names in a row are a list.
_LIST_GOES_ON = re.compile(r"[’'\"”]?,[ \t\n]+((?:[^,.;:()\n]{1,60},[ \t\n]+){0,4})(?:and|or)\b")
# After a name in apposition, a list's next item in lower case ("the advice service, ASTI, safeguarding, ..."),
# not a clause about the name ("the tri-borough service, WWISH, which had ...").
_LIST_NEXT = re.compile(r",[ \t\n]+(?!(?:which|who|whose|where|that|is|was|are|were|has|have|had|and|or|now|also)\b)[a-z]")
# A concept's name closing a quoted name with other words before it: "such as 'fostering front door'".
_CLOSING_QUOTES = ("’", "”", "'", '"')
_QUOTED_WORDS_BEFORE = re.compile(r"[‘“'\"]([A-Za-z][\w-]*(?:[ \t]+[\w-]+){0,3})[ \t]+$")
# The first of two units sharing a head word: "[fostering] and adoption services".
_ELIDED_FIRST = re.compile(r"(?<![\w’'-])([A-Za-z][\w’'-]*)[ \t\n]+and[ \t\n]+$")
# "the multi-agency safeguarding hub (the Hub)": a short name made of the long name's own words.
_SHORT_NAME = re.compile(r"[ \t]*\([ \t]*[Tt]he[ \t]+([A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){0,2})[ \t]*\)")
# "the regional adoption agency (Together4children)": a kind's own name in brackets (rules: appositive_kinds).
_BRACKET_NAME = re.compile(r"[ \t]*\([ \t]*([A-Z][\w’'&-]*(?:[ \t]+(?:(?:of|and|for|the|in|&)[ \t]+)?[A-Z][\w’'&-]*){0,4})"
                           r"[ \t]*[),]")
# "the children in care council, known as KITE, meets ...", "the edge of care team known as ORBIT works ...".
_CALLED_AFTER = re.compile(r",?[ \t\n]+\(?" + _CALLED_WORDS + _GIVEN_NAME_RE)
_SELF_HEADS = {"framework", "model", "approach", "method", "programme", "programmes", "project", "initiative"}
# Up to three words (four with a joining "and"): "a highly skilled specialist participation worker" is also the
# "specialist participation worker".
_PREMODIFIERS = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur)[ \t]+((?:[a-z][\w’'-]*[ \t]+){1,4})$")
_DETERMINER_WORD = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Oo]ur)[ \t]")
_JOINABLE = {"Team", "Forum", "Role"}
# Actors that "and" joins to a unit as a second party, not as a second subject of its name ("the courts and ...").
_JOIN_ACTORS = {"court", "courts", "judiciary", "police", "council", "authority", "head", "member", "members",
                "chair", "chairperson", "partners", "colleagues", "trust", "schools", "school", "staff", "manager",
                "managers", "commissioner", "commissioners", "director", "directors", "leader", "leaders"}
# A department or a group of people right before "and" ("children's social care and ...", "care leavers and ...").
_JOIN_PEOPLE = {"care", "leavers", "people", "people's", "parenting", "parents", "carers"}
# A programme named by a gerund phrase ("Keeping Families Together") written in lower case after a preposition
# or "and" is the phrase's verb at work ("successful in keeping families together"), unless a head word follows
# ("the keeping families together team"). Not "staying put": a care leaver staying put is in that arrangement.
_GERUND_CLAUSE = re.compile(r"\b(?:by|in|to|and|or|of|at|on|for|from|with|about|through|while|when|whilst)[ \t\n]+$")
_NAME_AFTER = re.compile(r"[ \t]+(?:[a-z-]+[ \t]+)?(?:arrangement|placement|carer|policy|approach|model|scheme|"
                         r"programme|project|pilot|initiative|team|service|offer|provision|practitioner|worker|coach)s?\b")


def _is_verb_phrase(text: str, m, concepts) -> bool:
    """Whether a match of a capitalised programme's gerund name is written as plain words, in lower case and
    with no head word after it: then it says what is done, and naming the programme would be a false find."""
    c = concepts[m.slugs[0]]
    first = text[m.start:m.end].split()[0]
    return (c.core_class in {"Programme", "PracticeModel"} and c.pref_label[:1].isupper() and first.islower()
            and first.endswith("ing") and first != "staying" and not _NAME_AFTER.match(text, m.end))


_PHRASE_WORDS = frozenset({"for", "to", "of", "with", "in", "on"})


def _plain_words_for_a_name(text: str, m, concepts) -> bool:
    """Whether a national body whose name is a phrase of ordinary words, with an article or a small word of
    its own ("The Fostering Network", "Action for Children"), is matched by those words in lower case: then
    they are the text's own phrase ("this stable fostering network", "no further action for children's social
    care"). Names without such a word keep their lower-case matches: annotators mark "the local government
    association peer review" as the Local Government Association."""
    c = concepts[m.slugs[0]]
    if c.scope != "National" or c.core_class != "Partner":
        return False
    words = c.pref_label.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words if w.lower() not in SMALL_WORDS):
        return False
    if words[0] != "The" and not any(w in _PHRASE_WORDS for w in words[1:-1]):
        return False  # "and" joins the nouns of a body's name: "the disclosure and barring service" is the DBS
    return text[m.start:m.end].islower()


_RANKS = frozenset({"assistant", "deputy"})
_MANAGER_AFTER = re.compile(r"[ \t]+(?:manager|manger|leader)s?\b")
_ACT_AFTER = re.compile(r"[ \t]+Act\b")
# "the borough is a Home Office Prevent priority area": a designation the partner gives, not work with it
_DESIGNATION_AFTER = re.compile(r"[ \t\n]+Prevent[ \t\n]+(?:[a-z]+[ \t\n]+)?[Aa]rea\b")
# "a Disclosure and Barring Service (DBS) check on file", "enhanced DBS checks": a check the body makes, not
# work with it (a practitioner check found it listed among an authority's partners).
# "(Department for Education 2013)": the publisher of a cited document, not a partner.
_CITATION_AFTER = re.compile(r",?[ \t\n]+(?:19|20)\d\d[a-z]?\)")
# "child sexual exploitation strategy meetings": a meeting about one child, not the strategy document.
_STRATEGY_MEETING_AFTER = re.compile(r"(?<=[Ss]trategy)[ \t\n]+(?:meetings?|discussions?)\b")
_CHECK_AFTER = re.compile(r"\)?[ \t\n]*(?:\([A-Z]{2,6}\)[ \t\n]*)?(?<=[ \t\n])checks?\b")
_NEGATABLE = frozenset({"Policy", "Programme", "Tool"})
_PROCESS_NAME = {"Programme": re.compile(r"\baudits?\b", re.I),
                 "Policy": re.compile(r"^complaints\b.*\bprocedures?$", re.I)}
_FORUM_AFTER = re.compile(r"[ \t]+(?:steering[ \t]+)?(?:group|sub-group|subgroup|board|panel|forum|committee)s?\b")
# "there is no", "does not (yet) have a", "nor is there a", "the absence of a", then at most four modifiers before
# the name ("does not have a comprehensive multi-agency ..."), never a determiner, preposition or verb ("there
# is no gap in the strategy" says nothing against the strategy); anchored at the name's start.
_NEGATED_BEFORE = re.compile(
    r"\b(?:there[ \t\n]+(?:is|was|are|were)[ \t\n]+no|[Nn]or[ \t\n]+is[ \t\n]+there[ \t\n]+an?"
    r"|(?:does|do|did)[ \t\n]+not[ \t\n]+(?:yet[ \t\n]+|currently[ \t\n]+)?(?:have|maintain|keep|hold|use|operate|run)[ \t\n]+an?"
    r"|(?:has|have)[ \t\n]+no|(?:has|have)[ \t\n]+not[ \t\n]+(?:yet[ \t\n]+)?(?:developed|produced|published|"
    r"established|agreed|implemented)[ \t\n]+an?|(?:lack|absence)[ \t\n]+of[ \t\n]+an?)"
    r"[ \t\n]+(?:(?!(?:the|this|that|these|those|its|their|of|in|on|for|to|with|by|from|at|as|about|and|or|is|are"
    r"|was|were|be|been|than|which|who)\b)[\w‘’'-]+,?[ \t\n]+){0,4}[‘'\"“]?$")
# "166. Develop a multi-agency data set", "• Establish an effective recruitment strategy": a recommendation that
# opens its sentence with a verb of making, then "a"/"an" and at most three modifiers before the name (never a
# determiner or preposition), asks for a thing the authority does not have yet. In running text ("seeking to
# establish an overarching strategy") the thing may be under way, and annotators marked it, so it stays.
_TO_BE_MADE_BEFORE = re.compile(
    r"(?:^|[.•][ \t\n]+(?:[0-9]+\.[ \t\n]*)?)(?:Develop|Establish|Create|Introduce|Produce|Commission"
    r"|Set[ \t\n]+up)[ \t\n]+an?[ \t\n]+(?:(?!(?:the|this|that|these|those|its|their|of|in|on|for|to|with|by"
    r"|from|at|as|about|through|via|across|and|or|is|are|was|were|be|been|than|which|who)\b)[\w‘’'-]+"
    r"[ \t\n]+){0,3}$")
_OFSTED_POWER = re.compile(r"\b[Ss]ection[ \t\n]+(?:15A|20)[ \t\n]+of[ \t\n]+the[ \t\n]+$")
# "the director of adult social services", "director of adults' services (DAS)": a person's post, named after
# the service the post directs; the post is nobody's team or partner (guidelines: job titles are not entities).
_DIRECTOR_BEFORE = re.compile(r"\b[Dd]irectors?[ \t\n]+(?:of|for)[ \t\n]+(?:the[ \t\n]+)?$")
# Rules: descriptive_labels. "acts as a single point of access": a label after "a"/"an" (or "and") that describes
# what a unit does; "across children in need services": a category's services in the plural, an area of work.
_DESCRIPTIVE = {normalise_label(x) for x in rules()["descriptive_labels"]["labels"]}
_AREA_PLURALS = {normalise_label(x) for x in rules()["descriptive_labels"]["plurals"]}
_STAFF_AFTER = re.compile(r"[ \t\n]+(?:managers?|staff|workers?|practitioners?|social[ \t\n]+workers?|colleagues|"
                          r"leaders?|professionals?)\b")
_TITLE_CASE_ONLY = {normalise_label(x) for x in rules()["descriptive_labels"]["title_case"]}
# Rules: descriptive_labels.lower_plurals. "signposted to post-adoption support services": help of a kind.
_LOWER_PLURALS = {normalise_label(x) for x in rules()["descriptive_labels"]["lower_plurals"]}
_PLACED_PARTNERS = {normalise_label(x) for x in rules()["placed_partner_labels"]}
_DESCRIBING_BEFORE = re.compile(r"(?:\b[Aa]n?[ \t\n]+(?:[a-z][\w-]*[ \t\n]+)?|\band[ \t\n]+)$")
_ACRONYM_AFTER = re.compile(r"[ \t\n]*\([A-Z][\w-]{1,8}\)")
# Rules: descriptive_labels.figurative. "strong advocates for children": what people are, not the service.
_FIGURATIVE = {normalise_label(x) for x in rules()["descriptive_labels"]["figurative"]}
_FIGURATIVE_QUALIFIERS = frozenset(rules()["descriptive_labels"]["figurative_qualifiers"])
_QUALIFIER_BEFORE = re.compile(r"([A-Za-z-]+)[ \t\n]+$")
# Rules: descriptive_labels.verb_plurals. "the director, who advocates strongly for children": the verb of a
# singular subject, not a post in the plural. After "who"/"which", or before an adverb in -ly and a preposition.
_VERB_PLURALS = frozenset(rules()["descriptive_labels"]["verb_plurals"])
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which)[ \t\n]+$")
_ADVERB_PREP_AFTER = re.compile(r"[ \t\n]+(?!(?:only|early|family|elderly|friendly|daily|weekly|fortnightly|monthly"
                                r"|quarterly|termly|yearly)\b)[a-z]+ly[ \t\n]+(?:for|on|in|within|with|at|across)\b")


def _verb_use(text: str, start: int, end: int) -> bool:
    """Whether a mention ending in one of verb_plurals is written as the verb of a singular subject."""
    if text[start:end].split()[-1].lower() not in _VERB_PLURALS:
        return False
    return bool(_RELATIVE_BEFORE.search(text, max(0, start - 8), start) or _ADVERB_PREP_AFTER.match(text, end))


# "foster carers are well supported by their supervising social workers", "the help they receive from their
# ...": a post named only as the worker someone gets help by or from is each person's own worker, no named role
# of the authority (tuning annotators marked 0 of 4 such posts; "Their young person's adviser" elsewhere stays).
_POSSESSIVE_BEFORE = re.compile(r"\b(?:by|from)[ \t\n]+(?:their|his|her)[ \t\n]+$")
# Rules: descriptive_labels.earlier_inspection. "the safeguarding and looked after children services inspection".
_EARLIER_INSPECTION = tuple(normalise_label(x) for x in rules()["descriptive_labels"]["earlier_inspection"])
_SAFEGUARDING_AND = re.compile(r"\b(?:[Ss]afeguarding|[Ii]nspections?[ \t\n]+of[ \t\n]+child[ \t\n]+protection)[ \t\n]+and"
                               r"[ \t\n]+$")  # "(Ofsted) inspections of child protection and looked after ..."
# Rules: descriptive_labels.bare. "pre-disruption meetings", "placement disruption meetings" name a forum; "if a
# placement breaks down, disruption meetings are held" (no naming word before it) is a process every authority has.
_BARE = {normalise_label(x) for x in rules()["descriptive_labels"]["bare"]}
# Rules: descriptive_labels.context. "activity days" only near words about adoption.
_NEEDS_CONTEXT = {normalise_label(k): tuple(v) for k, v in rules()["descriptive_labels"]["context"].items()}
# Rules: descriptive_labels.not_before. "a pledge to tackle exploitation" is no care pledge.
_NOT_BEFORE = {normalise_label(k): re.compile(r"[ \t\n]+(?:" + v + ")", re.I)
               for k, v in rules()["descriptive_labels"]["not_before"].items()}
_NOT_NAMING = frozenset({"yet", "but", "so", "then", "also"})
_UNIT_AFTER_FORUM = re.compile(r"[ \t\n]+(?:hub|team|unit)s?\b")
# "Child and Adolescent Mental Health Services (CAMHS) offer a consultation clinic": the head word "offer" is the
# verb of a plural subject when an object follows it, not the name of an offer.
_OFFER_VERB = re.compile(r"[ \t\n]+(?:a|an|the|some|specific|support|advice|help|them|their|this|these|young|children"
                         r"|families|parents|carers|training|regular|good)\b")
# Rules: descriptive_labels.verb_heads. "produced DVDs profile children to adopters": a plural subject and its verb.
_VERB_HEADS = tuple(f" {w}" for w in rules()["descriptive_labels"]["verb_heads"])
_PLURAL_BEFORE_HEAD = re.compile(r"(?:[a-z][a-rt-z]s|[A-Z]s\)?|[a-z]s\))[ \t\n]+\S+$")
# Rules: descriptive_labels.passing. "the business plan" named once or twice: a document named in passing.
_PASSING = {normalise_label(x) for x in rules()["descriptive_labels"]["passing"]}
_PASSING_MIN = rules()["descriptive_labels"]["passing_min_mentions"]
# "CAMHS workers are ...": a unit's staff in the plural are that unit (as annotators name them), not the post.
_STAFF_OF_UNIT = re.compile(r"([A-Z]{2,6})[ \t]+workers")
# "the SAT team social workers", "family service practitioners": a unit's staff in the plural, not a post.
_UNIT_STAFF = re.compile(r"\b(?:team|service|unit|hub)s?\s+(?:social\s+)?(?:workers|practitioners|staff)$", re.I)
_ROLE_UNIT_HEAD = re.compile(r"[ \t]+(?:service|services|team|teams|unit)")
_PARTNER_TAIL = re.compile(r"(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]+(?:Alliance|Agency|Partnership|Consortium)\b(?![’'])")
# The head word may come after more capitalised words: "the Police Protection Unit", "CAF Support Officers".
_CAP_HEAD_AFTER = re.compile(r"(?:[ \t]+[A-Z][a-z-]+){0,2}[ \t]+([A-Z][a-z-]+)\b(?![’'])")
# A body's own documents are no new thing ("LSCB procedures"); its meetings and groups are, for a team only.
_STAFF_PLURALS = {"workers", "practitioners"}  # a unit's staff, a programme's participants: "MASH practitioners"
_ACRONYM_OWN_HEADS = {"plan", "plans", "procedures", "procedure", "policy", "framework", "website"}
_MEETING_HEADS = {"meeting", "meetings", "group", "groups", "sub-group", "subgroup", "panel", "board", "forum"}
_ACRONYM_TEXT = re.compile(r"(?=[A-Za-z0-9&]*[A-Z][a-z]?[A-Z])[A-Z][A-Za-z0-9&]{1,6}")  # "MASH", "DfE"
_LC_HEAD_AFTER = re.compile(r"\)?[ \t]+(?:([a-z][a-z-]+)[ \t]+)?(" + _word_trie(_LC_HEADS) + r")\b")
_PREFIXED = {"Partner", "Team", "Forum", "Programme", "Policy", "Tool", "Role"}
_PREFIX_WORD = re.compile(r"([A-Z][\w’'&-]*)[ \t]+$")


def _named_prefix(text: str, start: int, sentence_starts: set[int], allowed: bool, unit: bool = False) -> int | None:
    """Where a capitalised name begins that ends in a thesaurus match: "Sussex Partnership" before "NHS
    Foundation Trust", "Kent" before "Police". None when no capitalised word stands right before it."""
    if not allowed:
        return None
    pos, first, lead_and = start, None, False
    for _ in range(4):
        if pos in sentence_starts:
            break
        w = _PREFIX_WORD.search(text, max(0, pos - 40), pos)
        if w is None and first is not None:
            # "Sandwell and West Birmingham" before "NHS Trust": a place named with "and" between capitals.
            w = _PREFIX_AND.search(text, max(0, pos - 40), pos)
        if w is None and first is None and unit and text[start].isupper() and text[start + 1:start + 2].islower():
            # "the Health Overview and Scrutiny Panel": a capitalised subject joined by "and" to a capitalised
            # known team or forum is its fuller title, when "the" opens the whole (checked below); not a list.
            w = _PREFIX_AND.search(text, max(0, pos - 40), pos)
            if w is not None and (w.group(1).lower() in _LC_PARTNER_OWNERS or w.group(1).lower() in _HEADS
                                  or not w.group(1)[1:].islower()):
                w = None  # "the Police and Youth Offending Service", "the LSCB and Improvement Board": two things
            lead_and = w is not None
        if w is None:
            # "the Safeguarding & Quality Assurance Team": an ampersand joins two capitalised words of one
            # name (unlike "and", which also joins two names in a list).
            w = _PREFIX_AMPERSAND.search(text, max(0, pos - 40), pos)
        if not w or w.group(1).lower() in _STOP_FIRST or w.group(1).lower() in _COUNT_WORDS:
            break  # "Two Children in Care Councils": a count opens no name
        first = pos = w.start(1)
    if lead_and and (first is None or not _DETERMINER_BEFORE.search(text, max(0, first - 8), first)):
        return None
    return first


_DETERMINER_BEFORE = re.compile(r"(?<![\w’'-])(?:[Tt]he|[Ii]ts|[Tt]heir)[ \t]+$")


# "the Lambeth emotional wellbeing service", "the West Midlands social work teaching partnership": capitalised
# words between "the" and a lower-case known name are the document's own fuller name of it.
_THE_CAPS = re.compile(r"(?:^|\s)(?:the|its|their)[ \t]+(?:[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:-[A-Z][a-z]+)?[ \t]+){1,3}$")
# "the CSE task and finish group", "the WWISH adoption panel": one acronym between "the" and a lower-case known
# name opens the document's own fuller name of it (tuning annotators: 3 of 3 such names not already found marked
# with the acronym, none without it).
_THE_ACRONYM = re.compile(r"(?:^|\s)(?:[Tt]he|[Ii]ts|[Tt]heir)[ \t]+[A-Z][A-Z&]{1,5}[ \t]+$")
# A known thing followed by "model" or "approach" in lower case: the way it is run is named after it.
# "the Mockingbird model", "the Social Care Institute for Excellence (SCIE) methodology": another surface form
_KIND_HEAD_AFTER = re.compile(r"[’']?[ \t]+(" + _HEAD_RE + r")\b(?![’'-])")
_MODEL_AFTER = re.compile(r"[ \t]+(?:\([A-Z][A-Za-z]{1,8}\)[ \t]+)?(model|approach|methodology)\b")
_PREFIX_AND = re.compile(r"([A-Z][\w’'&-]*)[ \t]+and[ \t]+$")
# "Strengths-based relational practice", "relationship and strengths-based model of practice": another kind of
# practice written just before a practice model's name makes one longer name of it, which annotators write so.
_PRACTICE_KINDS = (r"(?:[Ss]trengths?-(?:based|focused)|[Rr]elationship-based|[Rr]elational|[Rr]estorative"
                   r"|[Ss]ystemic|[Ss]olution-focused|[Tt]rauma-informed)")
_PRACTICE_KIND_BEFORE = re.compile(r"(?<![\w-])(?:" + _PRACTICE_KINDS
                                   + r"(?:,?[ \t]+and|,)?|[Rr]elationship[ \t]+and)[ \t]+$")
_PREFIX_AMPERSAND = re.compile(r"([A-Z][\w’'-]*)[ \t]*&[ \t]*$")
# "the Prevention and Early Intervention Strategy", "an ambitious Placement and Sufficiency strategy": a subject
# joined by "and" before a known policy, programme or tool is the document's own longer name of it (another
# surface form); lower case only after a determiner or owner, so a list ("schools and early help") is left alone.
_AND_SUBJECT = re.compile(r"(?:(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[A-Z][\w-]*[’']s)[ \t]+([a-z-]+[ \t]+)?"
                          r"([a-z][a-z-]+)|(?<![\w’'-])([A-Z][a-z][a-z-]*))[ \t]+and[ \t]+$")
_AND_SUBJECT_HEADS = {"strategy", "strategies", "plan", "plans", "framework", "policy", "protocol", "procedures"}
_AND_WORD_BEFORE = re.compile(r"([\w’'-]+)[ \t]+$")
_TITLE_WORD = re.compile(r"[A-Z][a-z][a-z-]*")
# "pupil premium funding", "the Staying Put grant": the money of a known programme is another surface form of it.
_FUNDING_AFTER = re.compile(r"[ \t]+(?:[Ff]unding|[Ff]unds?|[Gg]rants?)\b")


_PLURAL_HEADS = r"(teams|strategies|toolkits|panels|protocols|policies|hubs|groups|forums|boards|units|services|projects|programmes)\b"
_HEAD_AFTER_ITEM = re.compile(r"\s+" + _PLURAL_HEADS)
_HEAD_AT_END = re.compile(r"\s+" + _PLURAL_HEADS + "$")
_THEME_SERVICES = set(rules()["theme_services"])
_SERVICE_BEFORE = re.compile(r"\b(?:to|from|into|between)[ \t]+$")
_SERVICE_AFTER = re.compile(r"(?:[.,;)]|[ \t]+(?:and|or|to|when|where|if|as|because|but)\b)")
_SINGULAR = {"strategies": "strategy", "policies": "policy"}
_LIST_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z&]{1,6}$")
_WORD_BEFORE = re.compile(r"(?<![\w’'-])[a-z][a-z-]+$")


def _shared_heads(text: str, theme_spans: list[tuple[int, int]], strong: Spans, found: dict, thesaurus,
                  add_concept) -> None:
    """Two or more names sharing one plural head word: "the EHE and CME teams", "the neglect and child sexual
    abuse strategies", "domestic abuse, neglect and harmful sexual behaviour toolkits". Each item must be a
    theme or an acronym, so "the duty and assessment teams" (ordinary words) stay one phrase. Each item with
    the head word is a thing of the head's kind ("EHE team", "neglect strategy")."""
    by_end = {e: s for s, e in theme_spans}

    def item_before(end: int, single: str) -> int | None:
        """Where the theme or acronym ending at `end` starts; or the word ending there when that word with
        the head word is a unit the thesaurus knows ("the fostering and adoption teams": "fostering team")."""
        if end in by_end:
            return by_end[end]
        m = _LIST_ACRONYM.search(text, max(0, end - 8), end)
        if m:
            return m.start()
        w = _WORD_BEFORE.search(text, max(0, end - 30), end)
        if w and (known := thesaurus.by_label(f"{w.group(0)} {single}")) is not None \
                and known.core_class == _HEADS.get(single):
            return w.start()
        return None

    # The last item: a mention found already (a theme, "CME"), right after "and" and before the head word.
    lasts = [(s0, e0, h) for f in found.values() for s0, e0 in f.mentions
             if text.startswith(" and ", s0 - 5) and (h := _HEAD_AFTER_ITEM.match(text, e0)
                                                      or _HEAD_AT_END.search(text, s0 + 1, e0))]
    for b_start, b_end, m in lasts:
        b_end = min(b_end, m.start())  # "CME teams" found as one mention: the item is "CME"
        head = m.group(m.lastindex)
        single = _SINGULAR.get(head, head[:-1])
        items = [(b_start, b_end)]
        pos = b_start - 5
        while (a_start := item_before(pos, single)) is not None:
            items.insert(0, (a_start, pos))
            if text[max(0, a_start - 2):a_start] != ", ":
                break
            pos = a_start - 2
        if len(items) < 2:
            continue
        cls = _HEADS.get(single) or _HEADS.get(head)
        joined = " ".join(text[items[0][0]:m.end()].split())
        for s0, e0 in items:
            if strong.overlaps(s0, e0):
                for f in found.values():  # "adoption teams" found already: the whole list is one of its names
                    if f.core_class == cls and any(a == s0 and b >= e0 for a, b in f.mentions):
                        f.aliases.add(joined)
                continue
            name = f"{' '.join(text[s0:e0].split())} {single}"
            known = thesaurus.by_label(name)
            if known is not None and known.core_class != "Theme":
                add_concept(known.slug, s0, e0)
                found[known.slug].aliases.update((name, joined))
                continue
            if known is not None or not cls:
                continue
            key = "x-" + slugify(name)
            f = found.get(key)
            if f is None:
                f = found[key] = Found(key, name, cls, None, "Local", discovered=True, confidence=0.5)
            f.mentions.append((s0, e0))
            f.aliases.update((name, joined))
            strong.mark(s0, e0)




# "The Intensive Family Support Programme has replaced ...": a known unit or post written only ever right before
# "programme", "project" or "pilot" is no unit here but that programme, under its own longer name.
_PROGRAMME_AFTER = re.compile(r"[ \t]+(?:[Pp]rogrammes?|[Pp]rojects?|[Pp]ilots?)\b")
_UNIT_CLASSES = frozenset({"Team", "Role", "Partner", "Forum"})


def programme_units(text: str, found: dict) -> None:
    """Turn a known unit every mention of which runs on into "programme"/"project"/"pilot" into that programme
    (a discovered thing of its own: the unit's concept is not what the report names)."""
    for key, f in list(found.items()):
        if f.discovered or f.core_class not in _UNIT_CLASSES or not f.mentions:
            continue
        after = [_PROGRAMME_AFTER.match(text, e0) for _, e0 in f.mentions]
        if not all(after):
            continue
        names = [" ".join(text[s0:a.end()].split()) for (s0, _), a in zip(f.mentions, after, strict=True)]
        label = names[0]
        new_key = "x-" + slugify(label)
        if new_key in found:
            continue
        del found[key]
        found[new_key] = Found(new_key, label, "Programme", None, "Local", discovered=True, confidence=0.5,
                               mentions=[(s0, a.end()) for (s0, _), a in zip(f.mentions, after, strict=True)],
                               aliases=set(names) | {a for a in f.aliases if a.isupper()})


_UNIT_HEAD_AFTER = re.compile(r"[ \t]+(?:hubs?|teams?|units?)\b")


def model_units(text: str, found: dict) -> None:
    """A named programme or practice model with a unit's head word after it ("the Strengthening Families hubs") is
    the unit that delivers it, a team of the document's own (a practitioner check found the hubs listed as a
    practice model); the model keeps its other mentions."""
    for key, f in list(found.items()):
        if f.discovered or f.core_class not in {"Programme", "PracticeModel"} or not text[f.mentions[0][0]].isupper():
            continue
        units = [(s0, a.end()) for s0, e0 in f.mentions if (a := _UNIT_HEAD_AFTER.match(text, e0))]
        if not units:
            continue
        label = " ".join(text[units[0][0]:units[0][1]].split())
        new_key = "x-" + slugify(label)
        if new_key in found:
            continue
        f.mentions = [m for m in f.mentions if not _UNIT_HEAD_AFTER.match(text, m[1])]
        if not f.mentions:
            del found[key]
        found[new_key] = Found(new_key, label, "Team", None, "Local", discovered=True, confidence=0.5, mentions=units,
                               aliases={" ".join(text[s0:e0].split()) for s0, e0 in units})


# "an online discussion forum", "conducting virtual panels", "the electronic procedures": a lower-case forum, unit
# or document named only by the medium it uses is no named thing ("the online safety sub-group" is: a theme).
_MEDIUM_WORDS = frozenset({"online", "virtual", "electronic", "web-based"})
_MEDIUM_CLASSES = frozenset({"Forum", "Team", "Policy"})
# "CAMHS provides an outreach service", "the provision of a drop-in service": a lower-case "service" right after
# a verb of providing and "a"/"an" (and at most two describing words) is what someone does, not a named unit.
_PROVIDES_BEFORE = re.compile(r"\b(?:provides?|provided|providing|provision[ \t]+of|offers?|offered|offering|"
                              r"delivers?|delivered|delivering)[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){0,2}$")


# A cue that a council is named as a partner: "an agreement with Plymouth City Council", "commissioned from ...".
_PARTNER_CUE = re.compile(r"\b(?:[Ww]ith|by|from|between|partnership)\b[^.;]*$")


_LOWER_BEFORE = re.compile(r"(?:^|\s)(?:the|a|an|its|their|our)[ \t\n]+((?:[a-z][\w'’-]*[ \t\n]+){1,3})$")
_SENTENCE_BEFORE = re.compile(r"((?:[A-Z][a-z'’-]*[ \t]+)(?:[a-z][\w'’-]*[ \t]+){0,2})$")


def _lower_prefix(text: str, start: int, sentence_starts: set[int] | None = None) -> tuple[int, str] | None:
    """Lower-case naming words between a determiner and a known name: the document's own longer name for it
    ("the whole life disability team", "the health and disability team" for a disabled children's team),
    kept as a surface form. Not describing or stop words ("the new ...", "the effective ...")."""
    m = _LOWER_BEFORE.search(text, max(0, start - 50), start)
    if m is None and sentence_starts is not None:
        # "Independent child protection chairs are ...": the longer name opens a sentence, in capitals.
        m = _SENTENCE_BEFORE.search(text, max(0, start - 50), start)
        if m is not None and m.start(1) not in sentence_starts:
            m = None
    if m is None:
        return None
    words = m.group(1).replace("’", "'").lower().split()
    if words[0] in {"and", "or"} or any(
            w != "and" and (w in _STOP_FIRST or w in _LC_BOUNDARY or (_descriptive(w) and w not in _DESIGNATING))
            and not (i and f"{words[i - 1]} {w}" in _LC_BIGRAMS)  # "the looked after commissioning strategy"
            for i, w in enumerate(words)):
        return None
    if "and" in words:
        # One subject joined to the name ("the permanency and transition teams"), not a list of two things
        # ("the police and youth offending services", "the lead member and corporate parenting board").
        k = words.index("and")
        w = words[k - 1]
        if k != len(words) - 1 or k > 2 or w in _HEADS or w in _HEAD_FOLLOWERS or w in _LC_PARTNER_OWNERS or (
                w in _LC_UNIT_WORDS or w in _LC_OWNER_NOUNS or (w.endswith("s") and not w.endswith("ss"))):
            return None
    return m.start(1), " ".join(words)


def _named_before(text: str, start: int, sentence_starts: set[int]) -> bool:
    """Whether a naming word stands right before `start`: a hyphenated prefix ("pre-disruption meetings") or, in
    mid-sentence, a word that is no determiner, preposition, conjunction or describing word ("placement ...")."""
    if text[start - 1:start] == "-":
        return True
    if start in sentence_starts:
        return False
    w = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
    if w is None or "\n" in text[w.end(1):start]:
        return False
    word = w.group(1).lower()
    return not (word in _LC_BOUNDARY or word in _STOP_FIRST or word in _NOT_NAMING or _descriptive(word))


_LC_OWNER_NOUNS = frozenset(_LC["list_owner_nouns"])  # rules: "the lead member and ...": a list, not one name
# "the designated looked after children nurse": a statutory post's title, not a description of the post.
_DESIGNATING = frozenset({"designated", "named"})


# A closing quote after a word that is not a plural (whose apostrophe it may be), with no opening quote in the name.
_OPENING_QUOTE = re.compile(r"[‘“]")
_STRAY_CLOSING_QUOTE = re.compile(r"(?<=[^\W\ds])[’”\"](?=[\s,]|$)")
# A thing said not to exist ("there are no specific apprenticeship schemes", "the lack of a sufficiency strategy",
# "does not have a MASH", "they are not given a health passport", "a gap in training on contextual safeguarding"),
# or one a recommendation asks for ("Ensure that a pledge is developed", "Develop a sufficiency strategy"): what
# the authority lacks, not what it has or runs.
_ABSENT_BEFORE = re.compile(
    r"(?:\b(?:[Nn]o|[Ll]ack of|[Aa]bsence of|[Pp]aucity of|[Ss]hortage of|[Dd]earth of|[Ww]ithout|not have|not yet have|"
    r"not had|not yet had|not (?:been |yet )?(?:given|offered|provided with)|"
    # "there is not as yet an overarching strategy", "the council does not provide a perpetrators' programme"
    r"(?:is|are|was|were) not (?:as )?yet|(?:does|do|did) not (?:yet )?(?:provide|offer|commission|run|operate|receive)|"
    # "there is not a sufficiency strategy", "work is not informed by an agreed neglect strategy" (two
    # practitioner checks found such a strategy listed as the authority's)
    r"[Tt]here[ \t\n]+(?:is|are|was|were)[ \t\n]+not|not[ \t\n]+(?:informed|underpinned|guided)[ \t\n]+by(?=[ \t\n]+an?[ \t\n])|"
    r"gaps? in (?:[\w-]+[ \t\n]+){0,5}?(?:regarding|about|on|of|in)|"
    # "the board should weigh up the need for a formal plan", "mindful of the importance of a written plan"
    r"(?:the[ \t\n]+)?(?:need|importance)[ \t\n]+(?:for|of)(?=[ \t\n]+an?[ \t\n]))"
    r"|(?:^|(?<=[.:•\uf0b7\n])[ \t]*)(?:Ensure that|Develop|Introduce|Establish|Create|Produce|Agree|Put in place)"
    r"(?:[ \t\n]+and[ \t\n]+(?:implement|embed|introduce|publish|agree|launch))?"
    # "Develop and implement a neglect strategy"; "Develop edge of care services": the name right after the verb
    r"(?=[ \t\n]+an?[ \t\n]|[ \t\n]+$))"
    r"[ \t\n]+"
    r"(?:(?:an?|any|the|specific|dedicated|formal|local|clear|effective|established|discrete|separate|single|"
    r"such|current|overarching|agreed|up-to-date|written|coherent|robust|comprehensive|overall|system[ \t\n]+of|"
    r"scheme[ \t\n]+of|multi-agency|joint|integrated|new),?[ \t\n]+){0,3}"
    r"[‘'\"“]?$")
# An example of what the authority has not developed: "has not developed other strategies to reduce delay, such as
# Fostering to Adopt" (a practitioner check found the programme listed as the authority's).
_ABSENT_EXAMPLE = re.compile(r"\b(?:has|have|had|does|do|did)[ \t\n]+not[ \t\n]+(?:yet[ \t\n]+)?(?:developed|established|"
                             r"introduced|implemented|adopted|used|use|offer|provide|have)\b[^.;]{0,110}?\bsuch[ \t\n]+as"
                             # any item of the list: "such as a shadow board, young inspectors or the youth parliament"
                             r"(?:[ \t\n]+[^.;:()]{0,160}?(?:,|[ \t\n]or|[ \t\n]and))?"
                             r"[ \t\n]+(?:(?:a|an|the)[ \t\n]+)?(?:[\w-]+['’]s[ \t\n]+)?$")
# The same said after the name, in a clause that ends there ("specific perpetrator programmes are not available.",
# "a health passport is not in place, and"): a qualified absence ("not available to older children", "not used
# consistently") is about how far the thing reaches, not whether the authority has it, and a thing "not yet
# operational" is planned (annotators keep it).
_ABSENT_AFTER = re.compile(
    r"[’'\"”]?[ \t\n]+(?:(?:is|are|was|were)[ \t\n]+(?:still[ \t\n]+|currently[ \t\n]+)?not[ \t\n]+(?:currently[ \t\n]+)?"
    r"(?:available|in[ \t\n]+place)|(?:is|are|was|were)[ \t\n]+unavailable"
    r"|(?:does|do|did)[ \t\n]+not[ \t\n]+exist"
    # "a change programme has not been put in place" (a practitioner check found it listed as the authority's)
    r"|(?:has|have|had)[ \t\n]+not[ \t\n]+(?:yet[ \t\n]+)?been[ \t\n]+(?:put[ \t\n]+in[ \t\n]+place|set[ \t\n]+up|"
    r"established|created))(?=[ \t\n]*(?:[.;:,]|$|(?:and|but|so|which|in|for|to|by)\b))")
# A post or a partner may be missing from one child's case ("care leavers without a personal adviser") while
# the authority has it: only units, programmes, models, tools, forums and policies are read as absent.
_ABSENT_CLASSES = frozenset({"Team", "Programme", "PracticeModel", "Tool", "Forum", "Policy"})


_ES_PLURAL = ("ches", "shes", "sses", "xes", "zzes")


def _singular_key(key: str) -> str:
    """A slug with its last word in the singular, so that both numbers are one thing: "coaches" -> "coach"
    (not "coache"), "strategies" -> "strategy", "teams" -> "team"; "class", "series" and "access" stay."""
    if key.endswith(_ES_PLURAL):
        return key[:-2]
    if key.endswith("ies") and not key.endswith(("series", "species")):
        return key[:-3] + "y"
    return key[:-1] if key.endswith("s") and not key.endswith(("ss", "us", "is")) else key


def _discovered_key(name: str) -> str:
    """The key of a thing discovered by its head word: its name's slug, singular ("x-family-solutions-team")."""
    return _singular_key("x-" + slugify(name))


def _shown_label(f: Found) -> str:
    """The name a lower-case discovered thing is shown by: its label with the words a mention puts in front that
    say whose or what it is (rules: label_opening_words), "family intervention workers" for the thing found as
    "intervention workers". The key stays the shorter name, so that "the intervention workers" later in the
    report, and in the authority's other reports, is still the same thing; the shorter name stays an alias."""
    tail = " " + f.label.lower().replace("’", "'")
    best = f.label
    for alias in f.aliases:
        form = " ".join(alias.replace("’", "'").split())
        if len(form) <= len(best) or not form.lower().endswith(tail):
            continue
        extra = form[:len(form) - len(tail)].lower().split()
        while extra and _descriptive(extra[0]) and extra[0] not in _LC_LABEL_OPENERS:
            extra = extra[1:]  # "a dedicated connected carers' team": "connected carers' team"
        if 0 < len(extra) <= 3 and all(w in _LC_LABEL_OPENERS for w in extra) and not any(
                w == "help" and (k == 0 or extra[k - 1] != "early") for k, w in enumerate(extra)):
            best = " ".join([*extra, f.label])
    if best != f.label:
        f.aliases.add(f.label)
    return best


def _merge_number_variants(found: dict[str, Found]) -> None:
    """One discovered thing named in the singular and in the plural by different passes ("the 'X' (XG) groups"
    beside "'X' groups comprising ...") is one thing: the mentions and names go to the one mentioned most."""
    by_stem: dict[tuple[str, str], str] = {}
    for key in sorted((k for k, f in found.items() if f.discovered), key=lambda k: -len(found[k].mentions)):
        stem = _singular_key(key)
        into = by_stem.setdefault((stem, found[key].core_class), key)
        if into == key:
            continue
        keep, gone = found[into], found.pop(key)
        keep.mentions.extend(m for m in gone.mentions if m not in keep.mentions)
        keep.aliases.update(gone.aliases)
        keep.aliases.add(gone.label)
        keep.confidence = max(keep.confidence, gone.confidence)


def find_entities(
    text: str,
    thesaurus,
    *,
    sentence_starts: set[int],
    authority_names: set[str],
    skip_spans: list[tuple[int, int]] = (),
    is_authority=None,
) -> list[Found]:
    """Every thesaurus concept and discovered name in `text`, merged per distinct thing."""
    matcher = matcher_for(thesaurus)
    concepts = thesaurus.concepts
    found: dict[str, Found] = {}
    taken = Spans(len(text))
    strong = Spans(len(text))  # mentions of things other than themes

    def add_concept(slug: str, start: int, end: int) -> None:
        c = concepts[slug]
        f = found.get(slug)
        if f is None:
            f = found[slug] = Found(slug, c.pref_label, c.core_class, slug, c.scope)
        f.mentions.append((start, end))
        f.aliases.add(text[start:end])
        taken.mark(start, end)
        if c.core_class == "Programme" and (money := _FUNDING_AFTER.match(text, end)):
            f.aliases.add(" ".join(text[start:money.end()].split()))  # "pupil premium funding": same programme
        if (c.core_class == "Policy" and text[start:end].split()[-1].lower() in _AND_SUBJECT_HEADS
                and (subject := _AND_SUBJECT.search(text, max(0, start - 60), start))):
            word = (subject.group(2) or subject.group(3)).lower()
            if subject.group(2):  # lower case: at most one describing word between the determiner and the subject
                ok = not subject.group(1) or _descriptive(subject.group(1).strip().lower())
            else:  # capitals: the title starts with the subject ("an ambitious Placement and Sufficiency strategy")
                title_at = subject.start(3)
                if text[start].isupper():  # or with up to three capitalised words before it, after a determiner
                    for _ in range(3):  # ("the Strategic Performance Management and Quality Assurance Framework")
                        prev = _AND_WORD_BEFORE.search(text, max(0, title_at - 30), title_at)
                        if not (prev and _TITLE_WORD.fullmatch(prev.group(1))
                                and prev.group(1).lower() not in _LC_DETERMINERS
                                and prev.group(1).lower() not in _STOP_FIRST):
                            break
                        title_at = prev.start(1)
                    if title_at != subject.start(3) and not (prev and prev.group(1).lower() in _LC_DETERMINERS):
                        title_at = subject.start(3)  # a longer run only right after "the"/"a"/"its"
                prev = _AND_WORD_BEFORE.search(text, max(0, title_at - 30), title_at)
                ok = text[start].isupper() and not (prev and prev.group(1)[:1].isupper()
                                                     and prev.group(1).lower() not in _LC_DETERMINERS)
            if ok and word not in _STOP_FIRST and word not in _SMALL and word not in _HEADS and not _descriptive(word):
                at = subject.start(2) if subject.group(2) else title_at
                f.aliases.add(" ".join(text[at:end].split()))
        if c.core_class == "PracticeModel" and (
                kind := _PRACTICE_KIND_BEFORE.search(text, max(0, start - 40), start)):
            f.aliases.add(" ".join(text[kind.start():end].split()))  # "strengths-based relational practice"
        if c.core_class != "Theme" and (kind := _KIND_HEAD_AFTER.match(text, end)) and _HEADS[
                kind.group(1).lower()] == c.core_class and kind.group(1).lower() not in _HEAD_FOLLOWERS:
            # "the MASH service", "the ‘staying put’ programme", "MARAC meetings": a head word of the thing's own
            # kind right after it is part of the document's name for it, another surface form.
            f.aliases.add(" ".join([*text[start:end].split(), kind.group(1)]))
        if c.core_class != "Theme" and (way := _MODEL_AFTER.match(text, end)):
            f.aliases.add(f"{text[start:end]} {way.group(1)}")  # "the family hub model", "the Mockingbird model"
        if c.core_class == "Role" and (remit := _remit(text, end)):
            f.aliases.add(f"{text[start:end]} for {remit[0]}")  # "the designated nurse for care leavers"
        if c.core_class != "Theme":
            strong.mark(start, end)
            if text[start].islower() and (longer := _lower_prefix(text, start, sentence_starts)) and not taken.overlaps(
                    longer[0], start - 1):  # "the front door and early help services": two things
                # "the whole life disability team": the document's own longer name, another surface form
                f.aliases.add(" ".join(f"{longer[1]} {text[start:end]}".split()))
            if c.core_class == "Partner" and text[start].isupper() and (tail := _PARTNER_TAIL.match(text, end)):
                # "Adopt East Alliance", "Adoption Central England Regional Adoption Agency": the partner's
                # fuller name runs on in capitals to an organisation word; another surface form of it.
                f.aliases.add(" ".join(text[start:tail.end()].split()))
            if c.core_class in _PREFIXED:
                before = _named_prefix(text, start, sentence_starts, text[start].isupper() or c.core_class == "Partner"
                                       or bool(_THE_CAPS.search(text, max(0, start - 60), start))
                                       or bool(_THE_ACRONYM.search(text, max(0, start - 16), start)),
                                       unit=c.core_class in {"Team", "Forum"})
                if before is not None:
                    f.aliases.add(" ".join(text[before:end].split()))  # "Sussex Partnership NHS Foundation Trust"
            if text[start].islower() and text[start - 1:start] == " " and (place := next((
                    a for a in authority_names if text.startswith(a, start - len(a) - 1)
                    and not text[start - len(a) - 2:start - len(a) - 1].isalnum()), None)):
                # "a survey by Haringey youth council": the authority's name before a lower-case known name is
                # part of the document's name for it (tuning annotators kept it in 14 of 14 such names).
                f.aliases.add(f"{place} {' '.join(text[start:end].split())}")

    matches, nested = matcher.find(text)
    proper: dict[tuple[int, int], str] = {}  # capitalised ambiguous words ("Prevent"): a longer name may win
    for m in matches:
        if len(m.slugs) != 1:
            continue
        opener = text[max(0, m.start - 2):m.start].strip()
        if m.capitalised and (m.start in sentence_starts or opener == "•" or (
                opener in {"‘", "'"} and text[m.end:m.end + 1] not in {"’", "'"})):
            # A capitalised ambiguous word counts only in mid-sentence, not opening a bullet or a quotation;
            # quoted alone it is the name ("collaboration with ‘Frontline’").
            continue
        if m.capitalised and _STAFF_AFTER.match(text, m.end):
            continue  # "Frontline managers are not rigorous": the word describes staff, it names no programme
        if concepts[m.slugs[0]].core_class == "Partner" and _ACT_AFTER.match(text, m.end):
            continue  # "section 75 of the National Health Service Act 2006" names a law, not the body
        if concepts[m.slugs[0]].core_class == "Partner" and _DESIGNATION_AFTER.match(text, m.end):
            continue  # "a Home Office Prevent priority area"
        if concepts[m.slugs[0]].core_class == "Role" and (staff := _STAFF_OF_UNIT.fullmatch(text, m.start, m.end)) \
                and (unit := thesaurus.by_label(staff.group(1))) is not None and unit.core_class in {"Team", "Partner"}:
            # "CAMHS workers are unable to take on more": the unit's staff in the plural, not the post
            add_concept(unit.slug, m.start, staff.end(1))
            found[unit.slug].aliases.add(text[m.start:m.end])
            continue
        if concepts[m.slugs[0]].core_class in {"Partner", "Team"} and _DIRECTOR_BEFORE.search(
                text, max(0, m.start - 30), m.start):
            continue  # "the director of adult social services" is a post
        surface = normalise_label(text[m.start:m.end])
        if (surface in _DESCRIPTIVE and not _ACRONYM_AFTER.match(text, m.end)
                and _DESCRIBING_BEFORE.search(text, max(0, m.start - 30), m.start)):
            continue  # "the hub acts as a single point of access": what the unit does, not its name
        if surface in _FIGURATIVE and (w := _QUALIFIER_BEFORE.search(text, max(0, m.start - 30), m.start)) \
                and w.group(1).lower() in _FIGURATIVE_QUALIFIERS:
            continue  # "committed advocates for young people": a quality of the workers, not a named service
        if surface in _PLACED_PARTNERS:
            continue  # "training for schools and colleges": the partner-noun pass decides (listed_partners)
        if surface in _TITLE_CASE_ONLY and not _title_cased(text[m.start:m.end]) and text[
                max(0, m.start - 1):m.start] not in {"‘", "'", "“", '"'}:
            continue  # "these developments are strengthening families": a phrase, not the programme
        if surface in _AREA_PLURALS:
            continue  # "across children in need services": an area of work, not one unit
        if surface in _LOWER_PLURALS and text[m.start].islower():
            taken.mark(m.start, m.end)  # nor a discovered plural unit of its own
            continue  # "a range of adoption support services": help of a kind, not the unit
        if surface in _NEEDS_CONTEXT and not any(
                w in text[max(0, m.start - 200):m.end + 200].lower() for w in _NEEDS_CONTEXT[surface]):
            continue  # a charity's "youth cafe and activity days": not adoption activity days
        if surface in _NOT_BEFORE and _NOT_BEFORE[surface].match(text, m.end):
            continue  # "a pledge to tackle exploitation": a promise, not the care pledge
        if surface in _BARE and not _named_before(text, m.start, sentence_starts):
            taken.mark(m.start, m.end)  # nor a plural forum of its own
            continue  # "Disruption meetings are held when ...": a process, no named forum
        if surface.startswith(_EARLIER_INSPECTION) and concepts[m.slugs[0]].core_class == "Team" \
                and _SAFEGUARDING_AND.search(text, max(0, m.start - 48), m.start):
            taken.mark(m.start, m.end)  # nor is "Children services" in it a name of its own
            continue  # "the safeguarding and looked after children services inspection": an earlier inspection
        if (text[m.start].islower() and concepts[m.slugs[0]].core_class in _NEGATABLE
                and _FORUM_AFTER.match(text, m.end)):
            continue  # "the early help strategy group": a word of the forum's name, not the strategy itself
        if (text[m.start].islower() and concepts[m.slugs[0]].core_class == "Forum"
                and _UNIT_AFTER_FORUM.match(text, m.end)):
            continue  # "the multi-agency child exploitation hub": a unit named after the meeting, not the meeting
        if _GERUND_CLAUSE.search(text, max(0, m.start - 12), m.start) and _is_verb_phrase(text, m, concepts):
            continue  # "by keeping families together where it is safe": what is done, not the named programme
        if _plain_words_for_a_name(text, m, concepts):
            continue  # "this stable fostering network": the words, not The Fostering Network
        if text.startswith(_CLOSING_QUOTES, m.end) and (q := _QUOTED_WORDS_BEFORE.search(
                text, max(0, m.start - 40), m.start)) and any(w.lower() not in _LC_DETERMINERS for w in q.group(1).split()):
            continue  # "'fostering front door'": the last words of a quoted name of something else
        if (concepts[m.slugs[0]].core_class == "Tool" and (unit := _KIND_HEAD_AFTER.match(text, m.end))
                and _HEADS.get(unit.group(1).lower()) == "Team"):
            continue  # "the Mosaic service" (a substance misuse service): a unit with the system's name, not it
        add_concept(m.slugs[0], m.start, m.end)
        if m.capitalised:
            proper[(m.start, m.end)] = m.slugs[0]
    for s0, e0 in proper:
        strong.unmark(s0, e0)
    # "Fostering and adoption services": the head word shared by two units named before it, each a concept.
    for f in [f for f in found.values() if f.concept and f.core_class in _JOINABLE]:
        for s0, e0 in list(f.mentions):
            head = text[s0:e0].split()[-1]
            if not text[s0].islower() or len(text[s0:e0].split()) < 2 or head.lower() not in _HEADS:
                continue
            first = _ELIDED_FIRST.search(text, max(0, s0 - 40), s0)
            if first is None or taken.overlaps(first.start(1), first.end(1)):
                continue
            word = first.group(1).lower()
            other = thesaurus.by_label(f"{word} {head}") or (
                thesaurus.by_label(f"{word} {head[:-1]}") if head.endswith("s") else None)
            if other is not None and other.slug != f.concept and other.core_class == f.core_class:
                add_concept(other.slug, first.start(1), first.end(1))
    # A concept's name followed by a capitalised head word of another kind names a new thing:
    # "the Prevent Strategy Group" is a forum, not the Prevent strategy.
    renamed: list[tuple[int, int, str, str, None]] = []
    quoted_tools: list[tuple[int, int, str, str, None]] = []
    for m in matches:
        if len(m.slugs) != 1 or not text[m.start].isupper():
            continue
        nxt = _CAP_HEAD_AFTER.match(text, m.end)
        if not nxt or nxt.group(1).lower() not in _HEADS or nxt.group(1).lower() in _SELF_HEADS:
            continue
        cls = _HEADS[nxt.group(1).lower()]
        f = found.get(m.slugs[0])
        if f is None or f.core_class in {cls, "Theme"} or (m.start, m.end) not in f.mentions:
            continue
        f.mentions.remove((m.start, m.end))
        if not f.mentions:
            del found[m.slugs[0]]
        taken.unmark(m.start, m.end)
        strong.unmark(m.start, m.end)
        renamed.append((m.start, nxt.end(1), " ".join(text[m.start:nxt.end(1)].split()), cls, None))
    spans = [(m.start, m.end, concepts[m.slugs[0]].core_class, m.slugs[0]) for m in matches if len(m.slugs) == 1]
    for m in nested:
        # A name inside another name counts when it is another kind of thing ("virtual school" in
        # "virtual school head", a Team inside a Role) or an acronym ("DfE" in "DfE innovation fund").
        if len(m.slugs) != 1 or m.capitalised:
            continue
        cls = concepts[m.slugs[0]].core_class
        outer_span = next(((s0, e0, c, k) for s0, e0, c, k in spans if s0 <= m.start and m.end <= e0), None)
        outer = outer_span[2] if outer_span else None
        if cls == "Role" and outer == "Team" and _ROLE_UNIT_HEAD.fullmatch(text, m.end, outer_span[1]):
            # "the designated officer service" is the service those officers make up, not the post: the
            # post's name is another name of the service (as merge_role_into_service has it), not a second thing.
            if outer_span[3] in found:
                found[outer_span[3]].aliases.add(text[m.start:m.end])
            continue
        if (outer_span is not None and m.end == outer_span[1] and m.start > outer_span[0]
                and _title_cased(text[outer_span[0]:outer_span[1]])):
            continue  # the tail of a proper name is that name's own ("Adoption Links" in "Family Adoption Links"),
            # not of a description ("the virtual school" in "the headteacher of the virtual school")
        if (outer_span is not None and m.start == outer_span[0] and m.end < outer_span[1] and outer != "Role"
                and sum(c.isupper() for c in text[m.start:m.end]) < 2  # an acronym counts ("DfE" in a fund's name)
                and _title_cased(text[outer_span[0]:outer_span[1]])):
            continue  # so is its first word: the Letterbox Club (a reading scheme) is no letterbox contact (a
            # practitioner check); a post's name still holds its unit ("Virtual School Head")
        if cls != "Theme" and outer is not None and outer != cls:
            found_before = m.slugs[0] in found
            add_concept(m.slugs[0], m.start, m.end)
            if not found_before:
                found[m.slugs[0]].mentions.sort()
    # A thesaurus name whose first words are quoted ("the ‘together or apart’ assessments", also "the
    # ‘siblings together or apart’ assessments"); otherwise quoted words before "assessment(s)" name a tool.
    followed: list[tuple[int, int, str, str]] = []
    quoted = quoted_names(text, followed)
    for q_start, q_end, q_words, last in followed:
        if strong.overlaps(q_start, q_end):
            continue
        words = q_words.replace(",", " ").split()
        if last in _LC_BOUNDARY or last in _STOP_FIRST or len(words) > 4:
            continue  # "the ‘Pledge’ and ...", "‘Look Forward’ is ..."
        lasts = (last, last[:-1]) if last.endswith("s") else (last,)
        known = next((c for k in range(len(words)) for w in lasts
                      if (c := thesaurus.by_label(" ".join([*words[k:], w]))) is not None), None)
        if known is not None and known.core_class != "Theme":
            add_concept(known.slug, q_start, q_end)
        elif known is None and last in {"assessment", "assessments"} and len(words) >= 2 \
                and not matcher.find(q_words)[0]:
            quoted_tools.append((q_start, q_end, " ".join([*words, last]), "Tool", None))
    # Acronyms the document defines: "Long Form (ACR)".
    learned: dict[str, str] = {}
    named_acronyms: list[tuple[str, str]] = []
    discovered_defs: list[tuple[int, int, str, str, str]] = []
    spelled: dict[str, str] = {}  # every acronym the document spells out, with its capitalised long form
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        lf = _acronym_long_form(text, m.start(), acr)
        if lf is None and (acr.isupper() or acr[1:].isupper()) and len(acr) >= 3 and thesaurus.by_label(acr) is None:
            lf = _acronym_long_form(text, m.start(), acr, keep_small=True)
        if lf is None:
            # "the Monitoring, Evaluation, Scrutiny and Intelligence sub-group (MESI)": no initial for the head.
            last = _LAST_WORD.search(text, max(0, m.start() - 40), m.start())
            if last and last.group(1).lower() in _HEADS:
                inner = _acronym_long_form(text, last.start(1), acr)
                if inner and inner[1][:1].isupper():
                    lf = (inner[0], text[inner[0]:last.end(1)])
        if lf and lf[1][:1].isupper():
            spelled.setdefault(acr, " ".join(lf[1].split()))
        known = None if lf else (thesaurus.by_label(m.group(0).strip("() ")) or thesaurus.by_label(acr))
        if known is not None and known.core_class != "Theme":
            # "Children and Families Court Advisory and Support Service (CAFCASS)": a known acronym names
            # the capitalised words before it, however the document spells them.
            run = _CAP_RUN.search(text, max(0, m.start() - 120), m.start())
            if run:
                words = run.group(1).split()
                run_start = run.start(1)
                while words and words[0].lower() in _STOP_FIRST:
                    run_start = text.index(words[1], run_start + len(words[0])) if len(words) > 1 else run.end(1)
                    words = words[1:]
                if len(words) >= 2 and not taken.overlaps(run_start, run.end(1)):
                    add_concept(known.slug, run_start, run.end(1))
            continue
        if not lf:
            continue
        lf_start, long_form = lf
        after = _AFTER_ACRONYM.match(text, m.end())
        follow = after.group(1).split() if after else []
        if (after and long_form[:1].isalpha()
                and _HEADS.get(long_form.split()[-1].lower()) != _HEADS[follow[-1].lower()]
                and not any(w in _LC_BOUNDARY or _descriptive(w) for w in follow[:-1])
                and not (follow[-1] == "line" and len(follow) == 1)
                # "Black and Minority Ethnic (BME) groups": people, not a forum
                and not (follow[-1].lower() in {"group", "groups"}
                         and any(w.lower() in _POPULATION for w in long_form.split()))):
            # "independent reviewing officer (IRO) service" is the "independent reviewing officer service".
            head = follow[-1].lower()
            whole = " ".join([long_form, *follow])
            hits, _ = matcher.find(whole)
            lf_hits, _ = matcher.find(long_form)
            forms = {whole, " ".join([acr, *follow]), " ".join(text[lf_start:after.end()].split())}
            lf_concept = (concepts[lf_hits[0].slugs[0]] if len(lf_hits) == 1 and len(lf_hits[0].slugs) == 1
                          and lf_hits[0].start <= 1 and lf_hits[0].end >= len(long_form) - 2 else None)
            if len(hits) == 1 and hits[0].start <= 1 and hits[0].end >= len(whole) - 2 and len(hits[0].slugs) == 1:
                if concepts[hits[0].slugs[0]].core_class != "Theme":
                    add_concept(hits[0].slugs[0], lf_start, after.end())
                    found[hits[0].slugs[0]].aliases.update(forms)
            elif lf_concept is not None and (lf_concept.core_class == _HEADS[head] or (
                    lf_concept.core_class == "Theme" and head in _WEAK_HEADS
                    and all(_generic(w.lower()) for w in follow[:-1])) or (
                    # "assessed and supported year in employment (ASYE) social workers": the programme's
                    # participants in the plural are the programme (as annotators name it), not a new post
                    lf_concept.core_class in {"Team", "Partner", "Programme"} and head in _STAFF_PLURALS
                    and all(w == "social" for w in follow[:-1]))):
                if lf_concept.core_class != "Theme":  # "MAPPA meetings" are MAPPA; "PEP meetings" nothing
                    add_concept(lf_concept.slug, lf_start, after.end())
                    found[lf_concept.slug].aliases.update(forms)
            else:
                key = "x-" + slugify(whole)
                f = found.get(key)
                if f is None:
                    f = found[key] = Found(key, whole, _HEADS[head], None, "Local", discovered=True, confidence=0.7)
                f.mentions.append((lf_start, after.end()))
                f.aliases.update(forms)
                taken.mark(lf_start, after.end())
                strong.mark(lf_start, after.end())
                lf_hits = matcher.find(long_form)[0]
                if not (lf_hits and lf_hits[0].start <= 1
                        and lf_hits[-1].end >= len(long_form) - 2):
                    f.aliases.update((long_form, acr))  # "Collaboration Against Child Exploitation (CACE) group"
                    named_acronyms.append((acr, key))
        hits, _ = matcher.find(long_form)
        if hits:
            # "director of adults' services (DAS)": the acronym names the post, not the service
            where, at = (long_form, hits[-1].start) if hits[-1].start else (text, lf_start)
            if _DIRECTOR_BEFORE.search(where, max(0, at - 30), at):
                continue
        if (hits and hits[-1].end >= len(long_form) - 2 and len(hits[-1].slugs) == 1
                and (hits[-1].start <= 1 or concepts[hits[-1].slugs[0]].core_class != "Theme")):
            learned.setdefault(acr, hits[-1].slugs[0])  # not "Collaboration Against Child Exploitation (CACE)"
        else:
            # An acronym the thesaurus holds only as ambiguous ("DART", a national programme) means what the
            # document spells it as: "the domestic abuse response team (DART)" is its own team.
            cls = _def_class(long_form)
            if cls and (long_form[0].isupper() or _lower_long_form_names(long_form, acr)):
                discovered_defs.append((lf_start, lf_start + len(long_form), long_form, cls, acr))
    # Acronyms defined the other way round: "ACR (Long Form)".
    for m in _LONG_IN_PARENS.finditer(text):
        before = _ACRONYM_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if before is None:
            continue
        acr, long_form = before.group(1), " ".join(m.group(1).split())
        if acr in learned or not _spells(acr, long_form) or taken.overlaps(m.start(1), m.end(1)):
            continue
        hits, _ = matcher.find(long_form)
        if (len(hits) == 1 and hits[0].start <= 1 and hits[0].end >= len(long_form) - 2
                and len(hits[0].slugs) == 1 and concepts[hits[0].slugs[0]].core_class != "Theme"):
            add_concept(hits[0].slugs[0], m.start(1), m.end(1))
            learned.setdefault(acr, hits[0].slugs[0])
        elif not (hits and hits[0].start <= 1 and hits[-1].end >= len(long_form) - 2) and (
                cls := _def_class(long_form)) and (long_form[0].isupper() or _lower_long_form_names(long_form, acr)):
            # ("The BIT (brief intervention team)": a lower-case long form names a unit as it does before its
            # acronym; a practitioner check found the team read as another)
            discovered_defs.append((m.start(1), m.end(1), long_form, cls, acr))
    # Every later use of a learned acronym, found in one pass over the text (one alternation, not a scan per
    # acronym): a discovered name's acronym first, then a thesaurus concept's.
    owners: dict[str, tuple[bool, str]] = {}
    for acr, key in named_acronyms:
        owners.setdefault(acr, (True, key))
    for acr, slug in learned.items():
        owners.setdefault(acr, (False, slug))
    if owners:
        alternation = "|".join(sorted(map(re.escape, owners), key=len, reverse=True))
        # Behind a look-ahead for the acronyms' first letters (text.opening_filter): a fraction of the time.
        acronyms = opening_filter(re.compile(rf"(?<![\w-])({alternation})(?:s|’s|'s)?(?![\w-])"))
        for m in acronyms.finditer(text):
            start, end = m.start(), m.end(1)
            if taken.at(start):
                continue
            discovered, key = owners[m.group(1)]
            if discovered:
                found[key].mentions.append((start, end))
                taken.mark(start, end)
                strong.mark(start, end)
            else:
                add_concept(key, start, end)
    for f in list(found.values()):
        if f.core_class == "Theme":
            continue
        for s0, e0 in f.mentions:
            low = _LC_HEAD_AFTER.match(text, e0) if e0 - s0 <= 7 and _ACRONYM_TEXT.fullmatch(text, s0, e0) else None
            # "the CAMHS transformation programme", "the daily MASH meeting", "the IRO handbook": an acronym
            # with a lower-case head word of another kind names a new thing; the acronym's own thing stays.
            if (low and f.core_class != _LC_HEADS[low.group(2)] and low.group(2) not in _ACRONYM_OWN_HEADS
                    # not "LSCB meetings"; but a policy's panel ("PLO panel", "PLO review meetings") is a forum,
                    # and so is a partner's meeting named by its subject ("the CAMHS support group", "the LSCB
                    # e-safety group": 6 over 272 corpus texts, those in the tuning gold all marked)
                    and (f.core_class in {"Team", "Policy"} or low.group(2) not in _MEETING_HEADS
                         or low.group(1) is not None)
                    and (low.group(1) or _LC_HEADS[low.group(2)] != "Team")  # "CAMHS team" is CAMHS
                    and normalise_label(text[e0:low.end()].strip(") ")) not in _BLOCKED  # not "MASH social workers"
                    and f.label.split()[-1].lower().rstrip("s") != low.group(2).rstrip("s")  # "CAMHS service"
                    # "MAT workers", "MASH practitioners", "ASYE workers": a team's staff or a programme's
                    # participants in the plural, not a post of its own ("a CAMHS worker" is)
                    and not (low.group(1) is None and low.group(2) in _STAFF_PLURALS
                             and f.core_class in {"Team", "Partner", "Programme"})
                    and not (low.group(1) and (low.group(1) in _LC_BOUNDARY or low.group(1) in _STOP_FIRST
                                               or _descriptive(low.group(1))))
                    and not ((after := _NEXT_WORD.match(text, low.end()))
                             and (after.group(1).lower() in _HEAD_FOLLOWERS
                                  # "PAs advocate strenuously": a post word that is also a verb, before an adverb
                                  or (low.group(1) is None and low.group(2) in _VERB_POSTS
                                      and after.group(1).lower().endswith("ly"))
                                  # "The LSCB champions safeguarding issues": the body's verb and its object
                                  or (low.group(1) is None and low.group(2) in _VERB_POSTS
                                      and low.group(2).endswith("s") and after.group(1).islower()
                                      and after.group(1) not in _AFTER_PLURAL_SUBJECT)))):
                taken.unmark(s0, e0)
                strong.unmark(s0, e0)
                name = " ".join([text[s0:e0], *text[e0:low.end()].strip(")").split()])  # "(CAMHS) worker"
                renamed.append((s0, low.end(), name, _LC_HEADS[low.group(2)], None))
    # Discovered names: defined with an acronym, or shaped like a name.
    lowered_authorities = {a.lower() for a in authority_names}

    def is_name_of_authority(name: str) -> bool:
        return name.lower() in lowered_authorities or (is_authority is not None and is_authority(name))

    candidates = [(s, e, n, c, None) for s, e, n, c in discover_names(text, sentence_starts)]
    lower_found, mixed_found = head_phrases(text, sentence_starts)
    candidates += [(s, e, n, c, None) for s, e, n, c in mixed_found]
    short_alias = {(s, e): q for s, e, _, _, q, _ in quoted}
    quoted_spans = {(s, e): (s, s + len(q)) for s, e, _, _, q, _ in quoted}
    candidates += [(s, e, n, c, a) for s, e, n, c, _, a in quoted]
    candidates += [(s, e, n, c, None) for s, e, n, c in appositive_names(text, sentence_starts)]
    candidates += [(s, e, n, c, None) for s, e, n, c in kind_then_name(text) if not is_name_of_authority(n)]
    candidates += [(s, e, n, c, None) for s, e, n, c in act_names(text)]
    # (A known kind keeps the name as another of its names: "the children in care council, known as KITE".)
    given_names = [(s, e, n, c) for s, e, n, c, kind in called_names(text) if not strong.at(kind)]
    given_names += [(s, e, n, c) for s, e, n, c, _ in listed_names(text) if not is_name_of_authority(n)]
    given_names += [(s, e, n, c) for s, e, n, c in bracketed_names(text) if not is_name_of_authority(n)]
    # A quoted name that is also given as a kind's name is of that kind ("councils, called ‘Care in Action’ and
    # ‘Care Leavers in Action’": both councils, however the quotes alone would type the second).
    given_class = {(s, e): c for s, e, _, c in given_names}
    candidates = [(s, e, n, given_class.get((s, e), c), a) for s, e, n, c, a in candidates]
    candidates += [(s, e, n, c, None) for s, e, n, c in given_names]
    lower = []
    longer: dict[tuple[int, int], list[str]] = {}
    cued = post_cues(text)
    cued_spans = {(s0, e0) for s0, e0, *_ in cued}
    for s0, e0, n, c, forms in [*lower_found, *qualified_heads(text), *cued, *cued_models(text)]:
        lower.append((s0, e0, n, c, None))
        longer[(s0, e0)] = forms
    candidates += [(s, e, n, c, a) for s, e, n, c, a in discovered_defs]
    candidates += renamed
    candidates += quoted_tools
    skipped = Spans(len(text))
    for s0, e0 in skip_spans:
        skipped.mark(s0, e0)
    ordered = sorted(candidates, key=lambda c: (c[0], -c[1], c[4] is None)) + sorted(lower, key=lambda c: (c[0], -c[1]))
    theme_spans = sorted(span for f in found.values() if f.core_class == "Theme" for span in f.mentions)
    theme_starts = [s0 for s0, _ in theme_spans]
    for start, end, name, core, acr in ordered:
        if taken.at(start) and (start, end) not in quoted_spans:
            # A name that begins inside a theme begins with it: "Looked after Children Strategy".
            i = bisect.bisect_right(theme_starts, start) - 1
            if i >= 0 and theme_spans[i][0] < start < theme_spans[i][1] and text[theme_spans[i][0]].isupper():
                start = theme_spans[i][0]
                name = " ".join(text[start:end].split())
        check = quoted_spans.get((start, end), (start, end))
        if strong.overlaps(*check) and not strong.at(end - 1) and check == (start, end):
            # "the Youth Council and Voice and Influence team": the name starts after the known one.
            last = max(i for i in range(start, end) if strong.at(i))
            cut = _CONJUNCTION.match(text, last + 1, end)
            if cut and text[cut.end():cut.end() + 1].isupper() and not strong.overlaps(cut.end(), end):
                start, name = cut.end(), " ".join(text[cut.end():end].split())
                check = (start, end)
        if skipped.at(start) or (strong.overlaps(*check) and not (
                (start, end) in cued_spans and not (start and strong.at(start - 1)) and not strong.at(end))):
            continue  # a cued post holds the names inside it ("the post of police safeguarding adviser")
        head_end = text.find(" for ", start, end) if " for " in name else -1  # "the X team for <remit>"
        own = (start, head_end) if head_end > start else check
        if taken.overlaps(*own):
            head_end = own[1] if head_end > start else end
            if taken.at(head_end - 1):
                continue  # a theme ending in the head word ("pathway plan") is not a name
            if (text[start:head_end].split()[-1].lower() in _WEAK_HEADS
                    and name.split()[0].lower() not in _LC_FREQUENCY and name.split()[0].lower() != "multi-agency"
                    # "a private fostering action plan", "the sufficiency action plan": a theme's action plan
                    # is a document of its own (annotators name it); its "plan" or "procedures" alone is not
                    and not (len(name.split()) > 2 and name.split()[-2].lower() == "action")):
                last = max(i for i in range(start, head_end) if taken.at(i))
                between = text[last + 1:head_end].split()[:-1]
                if all(_generic(w.lower().replace("’", "'")) or w.lower() in _LC_KEEP for w in between):
                    continue  # a theme's plan or meeting ("permanence plan", "CSE meetings") is no name
        known = thesaurus.by_label(name)
        if known is None and _CHILDREN_BOARD.search(name):
            # "the Safeguarding Board", "Bradford Local Safeguarding Board": the children's safeguarding board
            # under a short name is the local safeguarding children board, not a forum of its own.
            known = thesaurus.by_label("local safeguarding children board")
        if known is not None and known.core_class != "Theme":
            add_concept(known.slug, start, end)  # "an ‘edge of care’ team" is the edge of care team
            continue
        if (name.lower().split()[:-1] and set(name.lower().split()[:-1]) <= _RANKS
                and _MANAGER_AFTER.match(text, end)):
            continue  # "the deputy team managers": posts (a deputy team manager), not a "deputy team"
        if (core == "Team" and name[:1].islower() and name.split()[-1] == "service"
                and not _ACRONYM_AFTER.match(text, end) and _PROVIDES_BEFORE.search(text, max(0, start - 60), start)):
            continue  # "it provides an advisory service", "the provision of a drop-in service": what is done
        if (core in _MEDIUM_CLASSES and name[:1].islower() and name.split()[0] in _MEDIUM_WORDS
                and len(name.split()) > 1 and not ((t := thesaurus.by_label(" ".join(name.split()[:2])))
                                                   and t.core_class == "Theme")):
            continue  # "an online discussion forum", "virtual panels": how something is held, not a named unit
        if (_POST.search(name) and (start, end) not in cued_spans and (start, end) not in quoted_spans) or (
                acr and normalise_label(name) in _BLOCKED):
            continue  # "Initial Child Protection Conference (ICPC)" is a process, however defined; a quoted
            # name holding a post's word is still a name ("a ‘Messages to the chair’ initiative")
        stem = re.sub(r"['’]s$", "", " ".join(name.split()[:-1]).lower())
        if (stem in lowered_authorities and name.split()[-1].lower() not in _PLACE_INSTITUTIONS
                and core not in _PLACE_NAMED_CLASSES) or name.lower() in lowered_authorities:
            continue  # "Sandbury Council" is the authority; "Sandbury University" is a partner named after it
        if own_council(name, lowered_authorities):
            continue  # "Christchurch and Poole Council" (after "Bournemouth,"): the authority itself, in part
        if is_authority is not None and (is_authority(name) or (
                is_authority(stem) and core not in _PLACE_NAMED_CLASSES)):
            if other_council(name, lowered_authorities) and _PARTNER_CUE.search(text, max(0, start - 80), start):
                core = "Partner"  # "Plymouth City Council" in a report on Torbay: a partner authority
            elif name.split()[-1].lower() in _PLACE_INSTITUTIONS and not is_authority(name):
                core = "Partner"  # "Sandbury University" is named after the place, not the council
            else:
                continue  # "Devon County Council" is the authority, not a forum
        lead = _LEAD_CAPS.match(name)
        if lead and (lead.group(1).lower() in lowered_authorities
                     or (is_authority is not None and is_authority(lead.group(1)))) and not _named_after_place(
                name[lead.end(1):].split(), department_words=core in _PLACE_NAMED_CLASSES or core == "Forum"):
            continue  # "Kent social work teams" are the authority's own teams, not a name
        for (s0, e0), slug in list(proper.items()):
            if start <= s0 and e0 <= end and slug in found and (s0, e0) in found[slug].mentions:
                found[slug].mentions.remove((s0, e0))  # "the Prevent team" is a team, not the Prevent duty
                if not found[slug].mentions:
                    del found[slug]
                del proper[(s0, e0)]
        key = _discovered_key(name)
        f = found.get(key)
        if f is None:
            core = _NAME_TYPES.get(normalise_label(name)) or _qualified_class(name) or core  # "the Children's Trust"
            f = found[key] = Found(key, name, core, None, "Local", discovered=True, confidence=0.5)
        f.mentions.append((start, end))
        f.aliases.add(name)
        words = name.split()
        if len(words) >= 3 and words[-1].lower() in _HEADS and words[-2][:1].isupper():
            f.aliases.add(" ".join(words[:-1]))  # "Future in Mind initiative" is also "Future in Mind"
        if (start, end) in short_alias:
            f.aliases.add(short_alias[(start, end)])
        f.aliases.update(longer.get((start, end), ()))
        before = _KEEP_BEFORE.search(text, max(0, start - 30), start)
        if before and before.group(1).lower() in _LC_KEEP:
            f.aliases.add(f"{before.group(1)} {name}")  # "a multi-agency Prevent board"
        taken.mark(start, end)
        strong.mark(start, end)
        if acr:
            f.aliases.add(acr)
            f.confidence = min(0.95, f.confidence + 0.2)
            # The acronym first, then the character before it: the engine skips ahead to the literal.
            for m in re.finditer(rf"{re.escape(acr)}(?<![\w-]{re.escape(acr)})(?![\w-])", text):
                if not taken.at(m.start()):
                    f.mentions.append((m.start(), m.end()))
                    taken.mark(m.start(), m.end())
                    strong.mark(m.start(), m.end())
    for key in [k for k, f in found.items() if f.discovered and f.core_class == "Role" and _UNIT_STAFF.search(f.label)]:
        del found[key]  # "the SAT team social workers": the team's staff, not a post of its own
    _shared_heads(text, theme_spans, strong, found, thesaurus, add_concept)
    # "the FCP and ACP teams" after "Family Contact Point (FCP)" (a long form without a head word, so no name of
    # its own): the unit is the one the long form names, another surface form of it, when nothing else has the acronym.
    claimed = {a for f in found.values() for a in f.aliases}
    for f in [f for f in found.values() if f.discovered]:
        parts = f.label.split()
        if len(parts) == 2 and parts[0] in spelled and parts[1].lower() in _HEADS and parts[0] not in claimed:
            long_form = spelled[parts[0]]
            f.aliases.update((parts[0], long_form, f"{long_form} {parts[1]}"))
    # "The review of the LSCB was carried out under section 15A of the Children Act 2004": Ofsted's own
    # statement of its powers (sections 15A and 20 of that Act), standard text in such reports, not the authority's
    # law. (Section 20 of the Children Act 1989, accommodation by agreement, is the authority's own practice.)
    for key in [k for k, f in found.items() if f.core_class == "Policy"]:
        f = found[key]
        f.mentions = [(s0, e0) for s0, e0 in f.mentions if not (
            text[s0:e0].endswith("2004") and _OFSTED_POWER.search(text, max(0, s0 - 30), s0))]
        if not f.mentions:
            del found[key]
    # "there is no sufficiency strategy", "nor is there a skills strategy", "in the absence of a commissioning
    # plan": a document, programme or tool the authority does not have is none of its things (guidelines: what
    # it has, runs or uses). Dropped only when every mention is so negated; a named thing it lacks elsewhere stays.
    for key in [k for k, f in found.items() if f.core_class in _NEGATABLE]:
        if all(_NEGATED_BEFORE.search(text, max(0, s0 - 70), s0) for s0, _ in found[key].mentions):
            del found[key]
    for key in [k for k, f in found.items() if f.core_class in ("Partner", "Policy")]:
        f = found[key]
        after = _CHECK_AFTER if f.core_class == "Partner" else _STRATEGY_MEETING_AFTER
        f.mentions = [(s0, e0) for s0, e0 in f.mentions if not after.match(text, e0)
                      and not (f.core_class == "Partner" and _CITATION_AFTER.match(text, e0))]
        if not f.mentions:
            del found[key]
    # "who advocates strongly for children" (rules: descriptive_labels.verb_plurals): a verb, no mention.
    for key in [k for k, f in found.items() if f.core_class != "Theme"]:
        f = found[key]
        f.mentions = [(s0, e0) for s0, e0 in f.mentions if not _verb_use(text, s0, e0)]
        if not f.mentions:
            del found[key]
    for key in [k for k, f in found.items() if f.core_class == "Role" and all(
            _POSSESSIVE_BEFORE.search(text, max(0, s0 - 14), s0) for s0, _ in f.mentions)]:
        del found[key]  # "supported by their supervising social workers": someone's own worker
    for key in [k for k, f in found.items() if f.core_class not in {"Theme", "Partner"} and all(
            _TO_BE_MADE_BEFORE.search(text, max(0, s0 - 70), s0) for s0, _ in f.mentions)]:
        del found[key]  # "12. Develop a multi-agency audit tool": asked for, not the authority's yet
    # "the case file audit programme", "the complaints procedure": audits and complaints handling are processes
    # every authority has (guidelines), not a programme or a policy of its own, whatever head word follows.
    for key in [k for k, f in found.items() if f.discovered and _PROCESS_NAME.get(f.core_class)
                and _PROCESS_NAME[f.core_class].search(f.label)]:
        del found[key]
    for key in [k for k, f in found.items() if f.discovered and f.label.lower().endswith((" offer", " offers"))]:
        f = found[key]
        verbs = [(s0, e0) for s0, e0 in f.mentions if _OFFER_VERB.match(text, e0)]
        if not verbs:
            continue
        # "... services offer a consultation clinic": a verb, no offer named; the subject before it may be a
        # named unit or post of its own ("‘connected coaches’ offer a ...").
        f.mentions = [m for m in f.mentions if m not in verbs]
        subject = f.label.rsplit(None, 1)[0]
        head = subject.split()[-1].lower()
        known = matcher.find(subject)[0]
        if head in _HEADS and len(subject.split()) > 1 and not any(
                h.start <= 1 and h.end >= len(subject) - 2 for h in known):  # not a known name ("CAMHS")
            skey = "x-" + slugify(subject)
            g = found.get(skey) or found.setdefault(skey, Found(skey, subject, _class_of(subject, head), None,
                                                                "Local", discovered=True, confidence=0.5))
            for s0, e0 in verbs:
                cut = text[s0:e0].rstrip().rfind(" ")  # before the word "offer"
                g.mentions.append((s0, s0 + len(text[s0:s0 + cut].rstrip(" ’'\"”"))))
            g.aliases.update(a.rsplit(None, 1)[0] for a in f.aliases if a.lower().endswith(("offer", "offers")))
        if not f.mentions:
            del found[key]
    for key in [k for k, f in found.items() if f.discovered and f.label.lower().endswith(_VERB_HEADS)]:
        f = found[key]  # "DVDs profile children to adopters": a subject and its verb (rules: verb_heads)
        f.mentions = [(s0, e0) for s0, e0 in f.mentions if not (
            _PLURAL_BEFORE_HEAD.search(text, s0, e0) and _OFFER_VERB.match(text, e0))]
        if not f.mentions:
            del found[key]
    # "aligned with service improvement plans", "development and improvement plans": plans only ever named in the
    # plural are every service's plans, not one plan of the authority (tuning annotators: 0 of 5 reports).
    for key in [k for k, f in found.items() if f.core_class == "Policy"
                and all(text.startswith("plans", e0 - 5) and text[e0:e0 + 1] not in "’'\"”" for _, e0 in f.mentions)]:
        del found[key]
    # "the business plan" named once or twice (rules: descriptive_labels.passing): a document in passing.
    for key in [k for k, f in found.items() if f.discovered and normalise_label(f.label) in _PASSING
                and len(f.mentions) < _PASSING_MIN]:
        del found[key]
    provided_things(text, found, thesaurus)
    merge_role_into_service(found)
    listed_partners(text, found, taken, thesaurus, add_concept)
    named_operations(text, found, taken)
    named_actors(text, found, taken, _HEADS, is_name_of_authority, _BLOCKED)
    school_head(text, taken, thesaurus, add_concept)
    protected_characteristic(text, found, taken, thesaurus, add_concept)
    trauma_informed(text, found, taken, thesaurus, add_concept)
    practice_standards(text, found, taken)
    bare_tracker(text, found, taken)
    board_documents(text, found, taken)
    bare_heads(text, found, taken)
    if is_authority is not None:
        partner_councils(text, found, taken, lambda n: n.lower() not in lowered_authorities and is_authority(n))
    approach_inside_unit(found)
    # "stepped down to early help", "between early help and social care": a theme that also names a
    # service (rules: theme_services), standing alone after "to/from/into/between", is that service.
    for f in [f for f in found.values() if f.core_class == "Theme" and f.label.lower() in _THEME_SERVICES]:
        unit = thesaurus.by_label(f"{f.label} service") or thesaurus.by_label(f"{f.label} services")
        if unit is None or unit.core_class != "Team":
            continue
        for s0, e0 in f.mentions:
            if _SERVICE_BEFORE.search(text, max(0, s0 - 9), s0) and _SERVICE_AFTER.match(text, e0):
                add_concept(unit.slug, s0, e0)
    programme_units(text, found)
    model_units(text, found)
    _merge_number_variants(found)
    local_names: dict[str, Found] = {}  # "known (locally) as" names -> the thing they name
    appositions: list[tuple[str, Found]] = []  # "the X, Name, ...": names beside the thing they name
    for f in found.values():
        if f.discovered:
            f.confidence = round(min(0.95, f.confidence + 0.1 * (len(f.mentions) - 1)), 2)
        f.mentions.sort()
        # "the Children & Families Team" is also written (and annotated) "Children and Families Team".
        f.aliases.update([a.replace(" & ", " and ") for a in f.aliases if " & " in a])
        if f.core_class != "Theme":
            # "the missing and exploitation team, Horizon, ..." and "a service known as 'Compass'":
            # the name after it is another name of the same thing.
            for s0, e0 in f.mentions:
                pre = _PREMODIFIERS.search(text, max(0, s0 - 60), s0)
                while pre and _DETERMINER_WORD.search(pre.group(1)):
                    pre = _PREMODIFIERS.search(text, pre.start(1), s0)  # the nearest determiner opens the phrase
                if pre:
                    words = pre.group(1).lower().split()
                    k = 0
                    while k < len(words) and (_descriptive(words[k]) or (
                            words[k] in {"and", "or"} and k and k + 1 < len(words) and _descriptive(words[k + 1]))) \
                            and not words[k][:1].isdigit():
                        # "a dedicated specialist EET adviser" is the "specialist EET adviser"; "a revised and
                        # enhanced young carers' strategy" the "young carers' strategy"
                        k += 1
                    names = words[k:]
                    # "the admissions and attendance service", "the foster and adoption panel": one "and" after
                    # naming words joins a second subject to a known unit, panel or post, in lower case; not
                    # after a head word or an actor ("social workers and personal advisers", "courts and ...").
                    joined = ("and" in names[1:] and names.count("and") == 1 and f.core_class in _JOINABLE
                              and text[s0].islower() and text[s0:e0].split()[-1].lower() in _HEADS
                              and not strong.overlaps(pre.start(1), s0 - 1)
                              and not any(w in _HEADS or w[:-1] in _HEADS or w in _JOIN_ACTORS
                                          for w in names[:names.index("and")])
                              and names[names.index("and") - 1] not in _JOIN_PEOPLE)
                    if names and len(names if joined else words[k:]) <= 3 + joined and not any(
                            (w in _LC_BOUNDARY or w in _STOP_FIRST or _descriptive(w)) and not (joined and w == "and")
                            for w in names):
                        # "the panel medical adviser": the whole noun phrase is another surface form.
                        at = pre.start(1) + (pre.group(1).lower().index(words[k], len(words[0])) if k else 0)
                        f.aliases.add(" ".join(text[at:e0].split()))
                first = (_NAME_BEFORE.search(text, max(0, s0 - 90), s0)
                         if _COMMA_THE.search(text, max(0, s0 - 70), s0) else None)
                if first:
                    name = first.group(2).rstrip("’'")
                    words = name.lower().split()
                    if not (words[0] in _STOP_FIRST or words[0] in _NOT_NAMES
                            or name.isupper() or is_name_of_authority(name) or matcher.find(name)[0]
                            or words[-1] in _HEADS or normalise_label(name) in _BLOCKED
                            or _POST.search(name)):  # "the Chief Executive, the DCS and LSCB": a list of posts
                        f.aliases.add(name)
                        local_names.setdefault(normalise_label(name), f)
                short = _SHORT_NAME.match(text, e0)
                if short and set(short.group(1).lower().split()) <= set(text[s0:e0].lower().split()):
                    # "the multi-agency safeguarding hub (the Hub)": "the Hub" from here on
                    f.aliases.add(short.group(1))
                    local_names.setdefault(normalise_label(short.group(1)), f)
                    continue
                if ((normalise_label(f.label) in _APPOSITIVE_KINDS
                     or (f.discovered and f.label[:1].islower() and f.label.split()[-1].lower() in _HEADS))
                        and (named := _BRACKET_NAME.match(text, e0))
                        and not named.group(1).isupper() and not matcher.find(named.group(1))[0]
                        and not is_name_of_authority(named.group(1))):
                    # "the regional adoption agency (Together4children)": a name the thesaurus does not know
                    f.aliases.add(named.group(1))
                    local_names.setdefault(normalise_label(named.group(1)), f)
                    continue
                m = called = _CALLED_AFTER.match(text, e0)
                if not called:
                    m = _APPOSITION.match(text, e0)
                if (not m or (not called and text[s0:e0].split()[-1].lower() not in _HEADS)
                        or (not called and POST_OF_BEFORE.search(text, max(0, s0 - 40), s0))
                        or m.group(1).split()[0].lower() in _STOP_FIRST or is_name_of_authority(m.group(1))
                        or matcher.find(m.group(1))[0]
                        or (not called and (more := _LIST_GOES_ON.match(text, m.end()))
                            and (more.group(1) or text[s0].isupper()))
                        or (not called and m.group(1).isupper() and _LIST_NEXT.match(text, m.end())
                            and not any(_spells(m.group(1), a) for a in (f.label, *f.aliases)))):
                    # not a list of partners: "the fostering service, Cafcass, ..."; an acronym after a unit is
                    # its own only when it spells it ("the advice and support service, ASTI, safeguarding, ...")
                    continue
                f.aliases.add(m.group(1))
                if called or COINED_WORD.search(m.group(1)):
                    # "a counselling service, Kinfold4Kids, ...": a coined name is found on its own too, and is
                    # this one thing (an ordinary name in apposition is only another name of it here)
                    local_names.setdefault(normalise_label(m.group(1)), f)
                else:
                    appositions.append((m.group(1), f))
    for name, kind in appositions:
        # "the community safety partnership, Safer Streets, ...": when the name was also found as a thing of
        # its own of the same class, the two are one (of another class, the reader's two readings differ and
        # both stay: tuning and kept-aside annotators typed such names apart)
        other = found.get(_discovered_key(name)) or found.get("x-" + slugify(name))
        if (other is not None and other is not kind and other.discovered and other.core_class == kind.core_class
                and kind.key in found):
            kind.mentions = sorted(set(kind.mentions) | set(other.mentions))
            kind.aliases |= other.aliases
            del found[other.key]
    _merge_into_named_apposition(text, found)
    _unit_variants(text, found)
    for _, _, name, _ in given_names:  # "a space called the Harbour": "the Harbour" from here on
        if (f := found.get(_discovered_key(name)) or found.get("x-" + slugify(name))) is not None:
            local_names.setdefault(normalise_label(name), f)
    _merge_local_names(text, found, local_names)
    for key in [k for k, f in found.items() if f.discovered and f.label[:1].islower() and f.core_class != "Theme"]:
        f = found[key]
        shown = _shown_label(f)
        same = (found.get(_discovered_key(shown)) or found.get("x-" + slugify(shown))) if shown != f.label else None
        if same is not None and same is not f and same.core_class == f.core_class:
            # "the family resource team (FRT)" was learned with its acronym, "the family resource team" found
            # by its head: one thing
            same.mentions = sorted(set(same.mentions) | set(f.mentions))
            same.aliases |= f.aliases
            del found[key]
        else:
            f.label = shown
    for key in list(found):  # a known name in a skipped line (an inspector's, a table's source) is no mention
        f = found[key]
        if f.mentions and any(skipped.at(s0) for s0, _ in f.mentions):
            f.mentions = [(s0, e0) for s0, e0 in f.mentions if not skipped.at(s0)]
            if not f.mentions:
                del found[key]
    for key in [k for k, f in found.items() if f.core_class in _ABSENT_CLASSES and f.mentions and all(
            _ABSENT_BEFORE.search(text, max(0, s0 - 60), s0) or _ABSENT_AFTER.match(text, e0)
            or _ABSENT_EXAMPLE.search(text, max(0, s0 - 300), s0) for s0, e0 in f.mentions)]:
        del found[key]  # said only not to exist: the finding on its sentence keeps what is missing
    for key in _INSPECTORATES & found.keys():
        del found[key]  # the CQC, HMICFRS: they inspect the authority and its partners, they are none
    for key in [k for k, f in found.items() if f.discovered and _PERSONAL_OPENING.match(f.label)]:
        del found[key]  # "‘My worker was brilliant’": someone's own words, no name ("Our Voice" keeps its capital)
    for f in found.values():
        if f.discovered and not _OPENING_QUOTE.search(f.label):
            f.label = _STRAY_CLOSING_QUOTE.sub("", f.label)  # "Have a Voice’ council": its opening quote was left out
    _merge_kind_into_its_name(text, found)
    _merge_kind_into_its_acronym(text, found, thesaurus)
    _merge_quoted_name_into_its_kind(text, found)
    _merge_apposed_name_into_its_kind(text, found)
    _merge_long_form_into_known_acronym(text, found)
    _merge_unit_head_variants(found)
    _merge_into_longer_name(found)
    _merge_named_programme_into_known(found)
    _named_kinds(found, concepts)
    _own_names(found, concepts)
    return list(found.values())


_ACRONYM_RIGHT_AFTER = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z]{1,7})[ \t]*\)")


def _merge_kind_into_its_acronym(text: str, found: dict[str, Found], thesaurus) -> None:
    """A known kind with a narrower known thing's acronym right after it names that thing: "an efficient front door
    (MARU)" is the multi-agency referral unit, not a front door beside it (a practitioner check found both)."""
    starts = _mention_starts(found)
    concepts = thesaurus.concepts
    for f in [f for f in found.values() if not f.discovered and f.key in concepts]:
        for s0, e0 in list(f.mentions):
            acr = _ACRONYM_RIGHT_AFTER.match(text, e0)
            named = starts.get(acr.start(1)) if acr else None
            if (named is None or named is f or named.discovered or named.key not in concepts
                    or named.core_class != f.core_class or f.key not in thesaurus.ancestors(named.key)):
                continue
            f.mentions.remove((s0, e0))
            named.mentions = sorted({*named.mentions, (s0, e0)})
            named.aliases.add(" ".join(text[s0:e0].split()))
    for key in [k for k, f in found.items() if not f.mentions]:
        del found[key]


def _merge_into_longer_name(found: dict[str, Found]) -> None:
    """A discovered unit whose whole name is another's shorter name is that one: "the duty and advice team" said
    on its own after "the multi-agency duty and advice team (MADAT)" (a practitioner check found both listed).
    Only when exactly one longer thing of the same class holds the name."""
    holders: dict[tuple[str, str], list[Found]] = {}
    for f in found.values():
        if f.discovered:
            for alias in f.aliases:
                n = normalise_label(alias)
                if n != normalise_label(f.label):
                    holders.setdefault((n, f.core_class), []).append(f)
    for key in [k for k, f in found.items() if f.discovered and f.label[:1].islower()]:
        f = found.get(key)
        if f is None:
            continue
        into = [g for g in holders.get((normalise_label(f.label), f.core_class), []) if g is not f and g.key in found]
        if len(into) == 1 and len(into[0].label.split()) > len(f.label.split()):
            _absorb(into[0], f, found)
    # A capitalised name with no head word of its own, typed only by a guess, said elsewhere in the document with
    # its head ("through ‘Don’t Whisper’" and "the ‘Don’t Whisper’ group"): the one named thing, of the head's kind
    # (a practitioner check found the group listed twice, once as a programme).
    by_name: dict[str, list[Found]] = {}
    for f in found.values():
        if f.discovered:
            for alias in f.aliases:
                by_name.setdefault(normalise_label(alias), []).append(f)
            words = f.label.split()
            if len(words) > 1 and words[-1].lower() in _HEADS:
                # the name before its head ("the ASPIRE team" and "support agencies, such as Aspire")
                by_name.setdefault(normalise_label(" ".join(words[:-1])), []).append(f)
    for key in [k for k, f in found.items() if f.discovered and f.label[:1].isupper()
                and f.label.split()[-1].lower() not in _HEADS]:
        f = found.get(key)
        if f is None:
            continue
        into = {g.key: g for g in by_name.get(normalise_label(f.label), []) if g is not f and g.key in found
                and normalise_label(g.label).startswith(normalise_label(f.label) + " ")
                and g.label.split()[-1].lower() in _HEADS}
        if len(into) == 1:
            _absorb(next(iter(into.values())), f, found)


_NAMED_KINDS = {slug: re.compile(p) for slug, p in rules()["named_kinds"].items()}


def _named_kinds(found: dict[str, Found], concepts) -> None:
    """A discovered name that says it is a known kind ("the Teen Care Council") is the document's instance of
    that kind, keeping its name as the label (rules: named_kinds); with the kind's node when the document names
    the kind too."""
    for key in [k for k, f in found.items() if f.discovered]:
        f = found.get(key)
        if f is None or not f.label[:1].isupper():
            continue
        name = " ".join(f.label.lower().replace("’", "'").split())
        slug = next((s for s, p in _NAMED_KINDS.items() if p.search(name) and s in concepts), None)
        if slug is None or concepts[slug].core_class != f.core_class:
            continue
        kind = found.get(slug)
        if kind is None:
            c = concepts[slug]
            kind = found[slug] = Found(slug, f.label, c.core_class, slug, c.scope)
        label = f.label
        _absorb(kind, f, found)
        if kind.label != label:
            kind.aliases.add(kind.label)
            kind.label = label


_PROGRAMME_KINDS = frozenset({"programme", "project", "scheme", "initiative", "campaign"})


def _merge_named_programme_into_known(found: dict[str, Found]) -> None:
    """A discovered "Encompass programme" is the known "Operation Encompass" named in the same report: the proper
    words before a programme's kind word are the known thing's own name, or its end (a practitioner check found
    both listed). Only when exactly one known thing of the same class has that name."""
    for key in [k for k, f in found.items() if f.discovered]:
        f = found.get(key)
        words = f.label.split() if f is not None else []
        if len(words) < 2 or words[-1].lower() not in _PROGRAMME_KINDS or not all(w[:1].isupper() for w in words[:-1]):
            continue
        proper = normalise_label(" ".join(words[:-1]))
        into = [g for g in found.values() if not g.discovered and g.core_class == f.core_class and any(
            (n := normalise_label(a)) == proper or n.endswith(" " + proper) for a in (g.label, *g.aliases))]
        if len(into) == 1:
            _absorb(into[0], f, found)


_OWN_NAME_CLASSES = frozenset({"Team", "Forum", "Programme", "Policy", "Tool"})
_KIND_WORDS = frozenset({"team", "teams", "service", "services", "unit", "offer", "provision", "panel", "board",
                         "group", "forum", "meeting", "meetings", "sub-group", "subgroup", "hub"})


def _unplural(name: str) -> str:
    """A name with every word in the singular, roughly: spellings of one name ("strengths and difficulties
    questionnaire", "strength and difficulty questionnaire") come out alike."""
    return " ".join(re.sub(r"s$", "", re.sub(r"ies$", "y", w)) for w in name.split())


def _stem(name: str) -> str:
    """A name without its last word when that only says what kind of unit it is ("edge of care team")."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _KIND_WORDS else name


def _own_names(found: dict[str, Found], concepts) -> None:
    """Show a local thing of a grouped kind by the name the document gives it, when the document never uses the
    kind's preferred label: one concept gathers the advice-and-duty front doors, and Birmingham's "Children's
    Advice and Support Service" was shown as "children's advice and duty service", another council's name (a
    practitioner check); a kind named in apposition ("the regional adoption agency, Adopt Southwest") is shown by
    that name. The node still links to the concept; only the label shown differs."""
    for f in found.values():
        c = concepts.get(f.concept) if f.concept else None
        if f.discovered or c is None or c.scope != "Local":
            continue
        pref = normalise_label(c.pref_label)
        if pref in _APPOSITIVE_KINDS:
            labels = {normalise_label(x) for x in c.labels}
            proper = sorted(" ".join(a.split()) for a in f.aliases
                            if a[:1].isupper() and not a.isupper() and normalise_label(a) not in labels)
            if proper:
                f.label = max(proper, key=lambda a: (len(a.split()), a))
            continue
        if f.core_class not in _OWN_NAME_CLASSES or pref in {normalise_label(a) for a in f.aliases}:
            continue
        # Another name, not the same one with a head word more or less ("Keeping Families Together service",
        # "child exploitation panel"): those are the kind's own name.
        named = {n: a for a in c.alt_labels if len(a.split()) >= 3 and not a.isupper()
                 and pref not in (n := normalise_label(a)) and n not in pref and _stem(n) != _stem(pref)
                 and _unplural(n) != _unplural(pref)}  # "strength and difficulty questionnaire": a spelling
        names = {" ".join(a.split()) for a in f.aliases if normalise_label(a) in named}
        # a plural mention ("the contextual safeguarding teams") is shown by its label in the singular
        names |= {named[normalise_label(a)[:-1]] for a in f.aliases if normalise_label(a)[:-1] in named}
        if names:  # the longest, then one written with capitals (the authority's proper name) before lower case
            f.label = max(sorted(names), key=lambda a: (len(a.split()), a[:1].isupper(), a))


# "An edge of care service, the ‘family focus’ team, has ...": a kind of thing, then in apposition a discovered
# name of the same class, the apposition closed by a comma and a verb (not a list: "the MASH, the duty team and").
_APPOSED = re.compile(r",[ \t\n]+(?:the[ \t\n]+)?[‘'\"“]?")
_APPOSITION_CLOSED = re.compile(r"[’'\"”]?,[ \t\n]+(?:(?:now|also|recently|successfully|effectively|which|who)[ \t\n]+)?"
                                r"(?:has|have|is|are|was|were|provides|offers|works|supports|helps|continues|delivers)\b"
                                # a quoted name closed by "which"/"who" or the sentence's end ("the virtual school
                                # service, ‘REACH’, which tracks ..."; a practitioner check found two teams)
                                r"|[’'\"”](?:,[ \t\n]+(?:which|who|that)\b|[ \t]*[.;)])")


def _absorb(keep: Found, other: Found, found: dict[str, Found]) -> None:
    """`other` is `keep` under another name: its mentions and names become `keep`'s, and it is no thing of its own."""
    keep.mentions = sorted(set(keep.mentions) | set(other.mentions))
    keep.aliases |= other.aliases | {other.label}
    del found[other.key]


def _mention_starts(found: dict[str, Found]) -> dict[int, Found]:
    """The thing each mention start belongs to (the first found, where two share a start)."""
    starts: dict[int, Found] = {}
    for f in found.values():
        for s0, _ in f.mentions:
            starts.setdefault(s0, f)
    return starts


def _merge_into_named_apposition(text: str, found: dict[str, Found]) -> None:
    """A kind of thing named right after it by a discovered name of its own class, in a closed apposition, is that
    named thing: one thing with both names. A thesaurus kind keeps its concept and takes the name as an alias; a
    discovered kind ("a counselling team, the ‘Bright Steps’ team, ...") becomes another name of the named thing."""
    starts = _mention_starts(found)
    for key in [k for k, f in found.items() if f.label[:1].islower() and f.core_class != "Theme"]:
        kind = found.get(key)
        if kind is None:
            continue
        for _, e0 in kind.mentions:
            gap = _APPOSED.match(text, e0)
            named = starts.get(gap.end()) if gap else None
            if (named is None or named is kind or named.key not in found or not named.discovered
                    or named.core_class != kind.core_class):
                continue
            end = next((e for s, e in named.mentions if s == gap.end()), None)
            if end is None or not _APPOSITION_CLOSED.match(text, end):
                continue
            if kind.concept:  # a thesaurus kind keeps its concept ("who runs edge of care?"), the name its alias
                _absorb(kind, named, found)
            else:
                _absorb(named, kind, found)
            break


_UNIT_WORD = re.compile(r"\s+(?:service|team)s?$", re.I)
# (Not "services": "the young people's services" is the area of work, not the young people's team.)
_UNIT_AFTER = re.compile(r"\s+(?:service|team|teams)(?![\w-])")


def _mentioned(text: str, found: dict[str, Found]) -> Spans:
    """The characters of the text every thing found so far is mentioned at."""
    taken = Spans(len(text))
    for f in found.values():
        for s0, e0 in f.mentions:
            taken.mark(s0, e0)
    return taken


def _unit_variants(text: str, found: dict[str, Found]) -> None:
    """A discovered unit is written as a service and as a team in one report ("the access and assessment team",
    "the access and assessment service"): every such mention is the one unit. Its name must keep two words or
    more without the head word (one word, as in "duty team", is too plain to say it is the same unit)."""
    units = [f for f in found.values() if f.discovered and f.core_class == "Team"
             and not f.label.lower().endswith("services")]
    if not units:
        return
    by_stem: dict[str, Found] = {}
    for f in sorted(units, key=lambda f: (-len(f.mentions), f.key)):
        stem = " ".join(_UNIT_WORD.sub("", f.label).lower().split())
        one = by_stem.setdefault(stem, f)
        if one is not f and len(stem.split()) >= 2:  # "the Access and Assessment Service (AAS)" and the team
            _absorb(one, f, found)
    lower = text.lower()  # the same offsets
    taken = _mentioned(text, found)
    for stem, f in by_stem.items():
        if stem == " ".join(f.label.lower().split()) or len(stem.split()) < 2:
            continue
        at = lower.find(stem)
        while at >= 0:  # (a literal scan: a regex per unit cost a tenth of the extraction)
            m = _UNIT_AFTER.match(lower, at + len(stem))
            if m and (at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] in "’'-")) \
                    and not taken.overlaps(at, m.end()):
                f.mentions.append((at, m.end()))
                f.aliases.add(" ".join(text[at:m.end()].split()))
                taken.mark(at, m.end())
            at = lower.find(stem, at + 1)
        f.mentions.sort()


def _merge_local_names(text: str, found: dict[str, Found], local_names: dict[str, Found]) -> None:
    """A discovered thing named by what a known one is "known (locally) as" is that one: "the Troubled Families
    (known locally as Bright Homes) project" and, later, "the bright homes project" are one programme;
    so is every later use of the name ("KITE met the lead member"). A one-word name is matched in its own case
    ("Access" is not "access")."""
    if not local_names:
        return
    taken = _mentioned(text, found)
    for f in {id(f): f for f in local_names.values()}.values():
        for alias in [a for a in f.aliases if normalise_label(a) in local_names]:
            one_word = len(alias.split()) == 1 and not alias.isupper() and not COINED_WORD.search(alias)
            # One ordinary word names the thing only as "the Hub", not inside another name ("Family Hub"); a coined
            # one ("Together4children", "KITE") anywhere.
            pattern = (r"(?<=\b[Tt]he )" if one_word else r"(?<![\w’'-])") + r"\s+".join(map(re.escape, alias.split()))
            pattern += r"(?![\w-])(?![ \t]+[A-Z])" if one_word else r"(?![\w-])"
            for m in re.finditer(pattern, text, re.I if len(alias.split()) > 1 else 0):
                if not taken.overlaps(m.start(), m.end()):
                    f.mentions.append((m.start(), m.end()))
                    taken.mark(m.start(), m.end())
        f.mentions.sort()
    for key in [k for k, f in found.items() if f.discovered]:
        f = found[key]
        words = normalise_label(f.label).split()
        target = local_names.get(" ".join(words))
        headed = False
        if target is None and len(words) > 1 and words[-1] in _HEADS:
            target = local_names.get(" ".join(words[:-1]))
            headed = True
        if target is None or target is f or target.key not in found:
            continue
        if headed and target.discovered and target.label.split()[-1].lower() not in _HEADS:
            # "the ASPIRE team" and "support agencies, such as Aspire": the head says what the name only guessed
            # (a practitioner check found the council's own team listed as an outside partner)
            target.core_class = f.core_class
        _absorb(target, f, found)


# "the regional adoption agency (Adopt London North)", "the independence programme, known as the House project":
# the name right after a kind of thing, in brackets or after "known as"/"called".
_NAMED_AS = re.compile(r"[ \t\n]*(?:\([ \t\n]*|,?[ \t\n]+(?:known|referred to)[ \t\n]+as[ \t\n]+(?:the[ \t\n]+)?"
                       r"|,?[ \t\n]+called[ \t\n]+(?:the[ \t\n]+)?)[‘’'\"“]?")


# "the regional adoption agency, Adoption Counts," / "the regional adoption agency One Adoption North and Humber":
# for a few kinds (rules: appositive_kinds) a name right after them, with a comma or none, is their name. Not for
# every kind: "the police, Cafcass and health" is a list.
_NAMED_RIGHT_AFTER = re.compile(r",?[ \t\n]+\(?")  # ("... agency (RAA), (Family Adoption Links)")
_APPOSITIVE_KINDS = frozenset(normalise_label(k) for k in rules()["appositive_kinds"])


_UNIT_HEADS = ("team", "service", "unit")


def _merge_unit_head_variants(found: dict[str, Found]) -> None:
    """One unit named by its proper name with different head words ("the LEAP service" ... "the LEAP team") is
    one thing: discovered teams whose labels differ only in a last word of _UNIT_HEADS, with a capital or an
    acronym in what they share, become the one mentioned most (a practitioner check found such pairs listed
    twice). A thesaurus concept is left alone: "fostering team" and "fostering service" are concepts of their own."""
    groups: dict[str, list[Found]] = {}
    for f in found.values():
        words = f.label.split()
        if (f.discovered and f.core_class == "Team" and len(words) > 1 and words[-1].lower() in _UNIT_HEADS
                and any(w[:1].isupper() for w in words[:-1])):
            groups.setdefault(" ".join(words[:-1]).lower(), []).append(f)
    for same in groups.values():
        if len(same) < 2:
            continue
        same.sort(key=lambda f: (-len(f.mentions), f.label))
        keep = same[0]
        for other in same[1:]:
            _absorb(keep, other, found)


_QUOTE_CLOSED_BEFORE_KIND = re.compile(r"[’”'\"][ \t\n]+")
_MERGED_KIND_CLASSES = frozenset({"Policy", "Tool", "Programme", "PracticeModel", "Forum"})


def _merge_quoted_name_into_its_kind(text: str, found: dict[str, Found]) -> None:
    """A quoted name right before a known kind of document, tool, programme or model is that thing's local name:
    "the ‘Steps to Help’ threshold document" is one document (the threshold document, also called Steps to Help),
    not a programme beside it (a practitioner check found such names listed twice, typed as programmes). Only a
    name seen nowhere else on its own, so that a name used for several things keeps its own node."""
    starts = _mention_starts(found)
    for key in [k for k, f in found.items() if f.discovered and len(f.mentions) == 1]:
        named = found[key]
        s0, e0 = named.mentions[0]
        if not (s0 and text[s0 - 1] in "‘“'\""):
            continue
        gap = _QUOTE_CLOSED_BEFORE_KIND.match(text, e0)
        kind = starts.get(gap.end()) if gap else None
        if (kind is None or kind is named or kind.discovered or kind.core_class not in _MERGED_KIND_CLASSES
                or kind.key not in found):
            continue
        _absorb(kind, named, found)


# ", an in-house", ", a local", ", which is a": what stands between a name and the kind said of it.
_APPOSED_KIND_GAP = re.compile(r"[’”'\"]?,[ \t\n]+(?:which[ \t\n]+is[ \t\n]+)?(?:a|an|the)[ \t\n]+")
_APPOSED_KIND_WORD = re.compile(r"[\w’'-]+[ \t\n]+")
_APPOSED_KIND_END = re.compile(r"[ \t\n]*(?:[,;.)]|$|(?:which|that|who|for|in|providing|offering|supporting|"
                               r"working|run|led|based|commissioned)\b)")


def _merge_apposed_name_into_its_kind(text: str, found: dict[str, Found]) -> None:
    """A name the next words say is a known kind of thing is that thing under its local name: "Brightpath, a local
    substance misuse service", "‘Thinking Aloud’, an in-house therapeutic service" are one service each, not a
    discovered name beside a service (a practitioner check found them listed twice; a tuning annotator marked
    such a name alone, typed as its kind). The kind's node keeps the name as an alias and its class. A known name
    ("‘Adopt South’, a new regional adoption agency") keeps its own node and takes the kind's mention."""
    starts = _mention_starts(found)
    for key in [k for k, f in found.items() if f.label[:1].isupper() and f.core_class != "Theme"]:
        named = found.get(key)
        if named is None:
            continue
        for _, e0 in named.mentions:
            gap = _APPOSED_KIND_GAP.match(text, e0)
            if gap is None:
                continue
            pos, kind = gap.end(), None
            for _ in range(3):  # the kind, or a word or two before it ("a local", "an in-house")
                kind = starts.get(pos)
                if kind is not None:
                    break
                word = _APPOSED_KIND_WORD.match(text, pos)
                if word is None:
                    break
                pos = word.end()
            if (kind is None or kind is named or kind.discovered or kind.core_class == "Theme" or kind.key not in found
                    or not kind.label[:1].islower()):
                continue
            kind_end = next(e for s, e in kind.mentions if s == pos)
            if not named.discovered:
                # A known name ("‘Adopt South’, a new regional adoption agency"): the name is the thing, and the
                # generic kind beside it no second one (a practitioner check found the agency twice, and its
                # "new" given to the generic one).
                if kind.core_class == named.core_class and _APPOSED_KIND_END.match(text, kind_end):
                    _absorb(named, kind, found)
                    break
                continue
            if _APPOSED_KIND_END.match(text, kind_end):
                label = named.label
                _absorb(kind, named, found)
                kind.aliases.add(kind.label)
                kind.label = label  # shown by the name the report gives it; the node still links to the kind
                break


_BRACKET_OPEN = re.compile(r"[ \t\n]*\([ \t\n]*")


def _content_words(label: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]+", label.lower()) if w not in _SMALL and w not in _LC_DETERMINERS}


def _merge_long_form_into_known_acronym(text: str, found: dict[str, Found]) -> None:
    """A discovered long form defined by the acronym of a known thing of its class is that thing under a local
    long form when the two share two words or more: "a multi-agency referral hub (MASH)" is the authority's MASH,
    not a second hub beside it (a practitioner check found the MASH's evidence split in two). Otherwise the
    acronym is the long form's own here: "the family resource team (FRT)" is no first response team."""
    starts = _mention_starts(found)
    for key in [k for k, f in found.items() if f.discovered]:
        named = found.get(key)
        if named is None:
            continue
        for _, e0 in named.mentions:
            gap = _BRACKET_OPEN.match(text, e0)
            known = starts.get(gap.end()) if gap else None
            if known is None or known.discovered or known.core_class != named.core_class or known.key not in found:
                continue
            end = next((e for s, e in known.mentions if s == gap.end()), gap.end())
            acronym = text[gap.end():end]
            if not ((acronym.isupper() or (acronym[:-1].isupper() and acronym.endswith("s")))
                    and text.startswith(")", end)):
                continue  # ("MASTs": an acronym's plural too)
            if len(_content_words(named.label) & _content_words(known.label)) < 2:
                # "the family resource team (FRT)": the acronym of another known thing (first response team),
                # defined here as this one's: it names this one in the document
                stem = acronym[:-1] if acronym.endswith("s") else acronym
                moved = {m for m in known.mentions if text[m[0]:m[1]] in (stem, stem + "s")}
                named.mentions = sorted({*named.mentions, *moved})
                named.aliases.add(acronym)
                known.mentions = [m for m in known.mentions if m not in moved]
                if not known.mentions:
                    del found[known.key]
                break
            _absorb(known, named, found)
            break


def _merge_kind_into_its_name(text: str, found: dict[str, Found]) -> None:
    """A kind of thing (a thesaurus concept with a lower-case name: "regional adoption agency") named right away
    by a proper name of the same class is that named thing: the document's mentions of the kind are mentions of
    it, so a practitioner sees one regional adoption agency, Adopt London North, not two partners."""
    starts = _mention_starts(found)
    for key in [k for k, f in found.items() if f.concept and f.label[:1].islower() and f.core_class != "Theme"]:
        kind = found.get(key)
        if kind is None:
            continue
        appositive = normalise_label(kind.label) in _APPOSITIVE_KINDS
        for _, e0 in kind.mentions:
            if text.startswith(")", e0):
                e0 += 1  # past the bracket of its acronym: "the regional adoption agency (RAA), One Adoption ..."
            after = _NAMED_AS.match(text, e0)
            if (not after or after.end() == e0) and appositive:
                after = _NAMED_RIGHT_AFTER.match(text, e0)
            name = starts.get(after.end()) if after and after.end() > e0 else None
            if (name is not None and name is not kind and name.core_class == kind.core_class
                    and name.label[:1].isupper() and name.key in found):
                _absorb(name, kind, found)
                break
