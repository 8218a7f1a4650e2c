"""Passes that read a found thing's surroundings: who provides a service, whether a plan is one child's
form, whether a plain noun ("schools", "housing", "the court") stands where a partner does, police
operations, the virtual school's headteacher, another council named as a partner, and organisations or
programmes named without a head word ("commissioned from Harbour Lights").

They run after the thesaurus and the shape-based discovery (`kg.extract.entities.find_entities`) and
change or add to its `found` table in place.
"""

from __future__ import annotations

import re

from kg.extract.labels import COINED_WORD, Found, Spans, discovered
from kg.extract.text import find_all, lower_same_offsets, opening_filter, rules

_STOP_FIRST = set(rules()["discovery_stop_first_words"])

_AGENT_NOUNS = {"advocate": "advocacy", "visitor": "visitor", "mentor": "mentoring", "befriender": "befriending"}


_PROVIDED = rules()["provided_services"]
_PERSONAL_PLAN_FIRST = set(_PROVIDED["personal_plan_first_words"])
_COUNCIL_PLAN_WORDS = set(_PROVIDED["council_plan_words"])  # "‘getting to good’ improvement plan" is the council's
_COMMISSIONED_KINDS = set(_PROVIDED["commissioned_known_services"])  # "advocacy": often bought in
# "commissioned the local ...", "funds a new ...": one lower-case word may stand between the article and the name.
_COMMISSIONED_BEFORE = re.compile(r"\b(?:[Cc]ommission(?:ed|s)|[Ff]unds|[Ff]unded)[ \t]+(?:(?:an?|the)[ \t]+(?:[a-z-]+[ \t]+)?)?$")
_COMMISSIONED_AFTER = re.compile(r"[ \t]*(?:\([A-Z][A-Za-z]{1,8}\)[ \t]*)?,?[ \t]*(?:is[ \t]+|are[ \t]+|which[ \t]+is[ \t]+)?"
                                 r"(?:commissioned[ \t]+(?:by|from)\b|(?:provided|run|delivered)[ \t]+(?:by|from)\b"
                                 r"(?![ \t]+(?:the[ \t]+)?(?:local[ \t]+authority|council|authority)\b))", re.I)


def _discovered_here(found: dict, taken: Spans, text: str, label: str, core_class: str, confidence: float,
                     s0: int, e0: int) -> None:
    """A discovered thing mentioned at text[s0:e0], written as there, and the span taken from later passes."""
    f = discovered(found, label, core_class, confidence)
    f.mentions.append((s0, e0))
    f.aliases.add(text[s0:e0])
    taken.mark(s0, e0)


def _partner_owned(f: Found, thesaurus) -> bool:
    """A name opened by a known partner's possessive ("Barnardo's", "NSPCC's") is that partner's unit."""
    owners = {a.split()[0].replace("’", "'") for a in (f.label, *f.aliases)
              if a.split() and a.split()[0].replace("’", "'").endswith("'s")}
    return any((c := thesaurus.by_label(o) or thesaurus.by_label(o[:-2])) is not None
               and c.core_class == "Partner" for o in owners)


def provided_things(text: str, found: dict, thesaurus) -> None:
    """Discovered things whose head word misleads about who they belong to (rules: provided_services):
    - a plan for one child, named in the child's voice ("‘My Care Plan’", "‘My Plans’"), is a form the
      authority uses, not a policy: a Tool;
    - a service or clinic run by someone else is that provider: a named clinic ("the Community Rose Clinic"),
      a service the authority commissions or funds ("the commissioned counselling service", "... service,
      commissioned by the CCG"), or one owned by a named partner ("Barnardo's ... team"). A service's own
      words do not tell ("a weekly counselling service" was the authority's own in one report). A known
      (thesaurus) service is the provider's only when commissioned and usually bought in ("an externally
      commissioned advocacy service"; rules: commissioned_known_services), or when a partner owns it."""
    for f in found.values():
        words = f.label.lower().replace("’", "'").split()
        if not f.discovered:
            # A known service the authority commissions or funds ("an externally commissioned advocacy
            # service", "the LSCB funds an advocacy service") is the provider's: annotators type it Partner;
            # so is a known unit named with a partner's possessive ("the Barnardo's ... team").
            if f.core_class == "Team" and ((words[-1] in {"service", "services"} and any(
                    w in _COMMISSIONED_KINDS for w in words) and any(
                    _COMMISSIONED_BEFORE.search(text, max(0, s0 - 40), s0) or _COMMISSIONED_AFTER.match(text, e0)
                    for s0, e0 in f.mentions)) or _partner_owned(f, thesaurus)):
                f.core_class = "Partner"
            continue
        if f.core_class == "Policy" and words[-1] in {"plan", "plans"} and (
                words[0] in _PERSONAL_PLAN_FIRST
                # "the ‘thinking ahead’ plan", "an ‘early help record and plan’": a plan given a nickname in
                # lower case is a form for each child, not an improvement or action plan nor "‘Borough Plan’" in capitals
                or (f.label[:1].islower() and not any(w in _COUNCIL_PLAN_WORDS for w in words)
                    and any(s0 and text[s0 - 1] in "‘“'\"" for s0, _ in f.mentions))):
            f.core_class = "Tool"
            continue
        if f.core_class == "Forum" and words[-1] in {"network", "networks"} and any(
                _COMMISSIONED_BEFORE.search(text, max(0, s0 - 40), s0) or _COMMISSIONED_AFTER.match(text, e0)
                for s0, e0 in f.mentions):
            f.core_class = "Partner"  # "commissions the Westshire Adoption Network": a provider, not a forum
            continue
        if f.core_class != "Team" or words[-1] not in {"service", "services", "clinic", "clinics", "team", "teams"}:
            continue
        partner_owner = _partner_owned(f, thesaurus)
        named_clinic = words[-1].startswith("clinic") and f.label[:1].isupper()
        commissioned = words[-1].startswith(("service", "clinic")) and any(
            _COMMISSIONED_BEFORE.search(text, max(0, s0 - 40), s0) or _COMMISSIONED_AFTER.match(text, e0)
            for s0, e0 in f.mentions)
        if partner_owner or named_clinic or commissioned:
            f.core_class = "Partner"


def merge_role_into_service(found: dict) -> None:
    """"Advocates" in a report that names the advocacy service are that service's people, and "independent
    visitors" those of the independent visitor scheme: one thing, not a role beside a service."""
    roles = [(key, f) for key, f in found.items() if f.core_class == "Role" and any(
        a.lower().rstrip("s").endswith(tuple(_AGENT_NOUNS)) for a in (f.label, *f.aliases))]
    if not roles:
        return
    unit_forms = [(u, [" ".join(a.lower().replace("’", "'").split()) for a in (u.label, *u.aliases)])
                  for u in found.values() if u.core_class in {"Team", "Programme", "Partner"}]
    for key, f in roles:
        forms = {" ".join(a.lower().replace("’", "'").split()) for a in (f.label, *f.aliases)}
        stems = set()
        for form in forms:
            words = form.split()
            last = words[-1][:-1] if words[-1].endswith("s") else words[-1]
            if last in _AGENT_NOUNS:
                stems.add(" ".join([*words[:-1], _AGENT_NOUNS[last]]))
        target = next((u for u, uf in unit_forms for a in uf for stem in stems
                       if a.split()[-1] in {"service", "services", "scheme", "project"}
                       and (" ".join(a.split()[:-1]) == stem or " ".join(a.split()[:-1]).endswith(" " + stem))), None)
        if target is None:
            continue
        target.mentions.extend(f.mentions)
        target.aliases.update(f.aliases)
        del found[key]


_PARTNER_NOUNS = rules()["partner_nouns"]
# Behind a look-ahead for the nouns' first letters (a third less time; _PROTECTED below the same way: half).
_PARTNER_NOUN_RE = opening_filter(re.compile(
    r"(?<![\w’'-])(" + "|".join(map(re.escape, _PARTNER_NOUNS)) + r")(?![\w’'-])"
    r"(?=[ \t]*(?:[,.;:)]|$)|[ \t]+(?:and|or|to|in|are|is|have|has|were|was|as|across|on|for"
    r"|with|who|that|which|about)\b)", re.I))  # the noun itself, not "housing options"
_PARTNER_CUE_BEFORE = re.compile(r"(?:\b(?:partnerships?(?:[ \t]+work(?:ing)?)?|collaborat\w*|liaison|links?)[ \t]+"
                                 r"(?:with|between)(?:[ \t]+(?:local|all|the))?"
                                 r"|\b(?:partners|agencies),?[ \t]+(?:including|such[ \t]+as))[ \t]+$", re.I)
_COURT_LABEL = "family court"
_COURT = re.compile(r"courts?\b")
_COURT_BEFORE_OBJECT = re.compile(r"\b(?:to|by|with|and)[ \t]+(?:the[ \t]+)?$")
_COURT_AFTER_OBJECT = re.compile(r"[ \t]*[.,;:)]|[ \t]+(?:by|at|are|is|was|were|has|have|and|in|for|on|as)\b")
_COURT_BEFORE_SUBJECT = re.compile(r"\b[Tt]he[ \t]+$")
_COURT_AFTER_SUBJECT = re.compile(r"[ \t]+(?:has|have|had|is|are|was|were|agreed|accepted|reported|reports|said|praised"
                                  r"|commented|confirmed|judges?)\b")
_LIST_AFTER = re.compile(r"(?:,|,?[ \t]+(?:and|&))[ \t]+(?:the[ \t]+)?")
_LIST_BEFORE = re.compile(r"(?:,|,?[ \t]+(?:and|&))[ \t]+$")
_AGENCIES_NEXT = re.compile(r"(?:other[ \t]+)?(?:partner[ \t]+)?(?:agencies|partners)\b", re.I)
_AGENCY_WORDS = re.compile(r"(?<![\w-])(?:agencies|partner agencies|partners)$", re.I)


def approach_inside_unit(found: dict) -> None:
    """An approach named only inside a unit's name ("the family group conference service") is that unit:
    annotators name the service, so the approach's names become the unit's surface forms."""
    units = [f for f in found.values() if f.core_class == "Team"]
    for key, f in list(found.items()):
        if f.core_class != "PracticeModel" or f.discovered or not f.mentions:
            continue
        owners = {id(u): u for s0, e0 in f.mentions for u in units
                  if any(a <= s0 and e0 <= b and (a, b) != (s0, e0) for a, b in u.mentions)}
        inside = all(any(a <= s0 and e0 <= b and (a, b) != (s0, e0) for u in owners.values() for a, b in u.mentions)
                     for s0, e0 in f.mentions)
        if inside and len(owners) == 1:
            unit = next(iter(owners.values()))
            unit.aliases.update(f.aliases | {f.label})
            del found[key]


def _partner_noun_matches(text: str) -> list[re.Match[str]]:
    """_PARTNER_NOUN_RE.finditer(text), with the pattern tried only where the lower-cased text has one of the
    nouns (its matches start with one): a few str.find passes instead of a scan of every position."""
    low = lower_same_offsets(text)
    if low is None:
        return list(_PARTNER_NOUN_RE.finditer(text))
    out: list[re.Match[str]] = []
    end = 0
    for at in sorted(find_all(low, tuple(noun.lower() for noun in _PARTNER_NOUNS))):
        if at >= end and (m := _PARTNER_NOUN_RE.match(text, at)):  # leftmost first, no overlaps: as finditer
            out.append(m)
            end = m.end()
    return out


def listed_partners(text: str, found: dict, taken: Spans, thesaurus, add_concept) -> None:
    """Partners named by a plain noun. The court as an actor ("applications to court are timely") is the
    family court. Nouns that name partner agencies (rules: partner_nouns, "schools", "housing") count as
    partners when the text treats them as one: in a list with a partner found already ("schools, police and
    health", "families, schools and Cafcass", "agencies and schools") or after a partnership cue
    ("in close partnership with schools", "links with housing", "partners, including schools").
    Elsewhere ("in primary schools is 22%", "housing options") they are no entity."""
    for m in _COURT.finditer(text):
        # "applications to court are timely", "accepted by the courts", "the court has agreed": the court
        # as an actor is the family court; "court proceedings" and "court orders" are no partner.
        s0, e0 = m.span()
        if s0 and (text[s0 - 1].isalnum() or text[s0 - 1] in "-’'"):
            continue
        if not ((_COURT_BEFORE_OBJECT.search(text, max(0, s0 - 20), s0) and _COURT_AFTER_OBJECT.match(text, e0))
                or (_COURT_BEFORE_SUBJECT.search(text, max(0, s0 - 6), s0) and _COURT_AFTER_SUBJECT.match(text, e0))):
            continue
        known = thesaurus.by_label(_COURT_LABEL)
        if known is not None and known.core_class == "Partner" and not taken.overlaps(s0, e0):
            add_concept(known.slug, s0, e0)
    partner_spans = sorted(span for f in found.values() if f.core_class == "Partner" for span in f.mentions)
    starts = {s0 for s0, _ in partner_spans}
    ends = {e0 for _, e0 in partner_spans}
    for m in _partner_noun_matches(text):
        s0, e0 = m.span()
        if taken.overlaps(s0, e0):
            continue
        before = text[max(0, s0 - 60):s0]
        listed = False
        if _PARTNER_CUE_BEFORE.search(before):
            listed = True
        elif (after := _LIST_AFTER.match(text, e0)) and (after.end() in starts
                                                          or _AGENCIES_NEXT.match(text, after.end())):
            listed = True  # "schools, police and health", "schools and other partners"
        elif (b := _LIST_BEFORE.search(before)) is not None:
            at = s0 - (len(before) - b.start())
            listed = at in ends or bool(_AGENCY_WORDS.search(text, max(0, at - 20), at))
        if not listed:
            continue
        label = _PARTNER_NOUNS[m.group(1).lower()]
        known = thesaurus.by_label(label)
        if known is not None and known.core_class == "Partner":
            add_concept(known.slug, s0, e0)
            continue
        _discovered_here(found, taken, text, label, "Partner", 0.5, s0, e0)


_OPERATION_WORD = re.compile(r"[Oo]peration")
_OPERATION = re.compile(r"([Oo]perations?)[ \t]+((?:[A-Z][a-z][A-Za-z-]*)(?:[ \t]+[A-Z][a-z][A-Za-z-]*)?)"
                        r"(?:[ \t]+and[ \t]+([A-Z][a-z][A-Za-z-]*))?(?![A-Za-z])")


def named_operations(text: str, found: dict, taken: Spans) -> None:
    """Police operations are named programmes: "Operation Raptor", "operations Henderson and Raptor" (two
    of them). Thesaurus ones ("Operation Encompass") are found already."""
    for word in _OPERATION_WORD.finditer(text):
        if word.start() and (text[word.start() - 1].isalnum() or text[word.start() - 1] == "-"):
            continue
        m = _OPERATION.match(text, word.start())
        if m is None:
            continue
        plural = m.group(1).lower() == "operations"
        names = [m.span(2)] + ([m.span(3)] if plural and m.group(3) else [])
        for k, (s0, e0) in enumerate(names):
            if taken.overlaps(s0, e0) or text[s0:e0].split()[0].lower() in _STOP_FIRST:
                continue
            label = f"Operation {' '.join(text[s0:e0].split())}"
            f = discovered(found, label, "Programme", 0.6)
            start = m.start(1) if k == 0 and not plural else s0
            f.mentions.append((start, e0))
            f.aliases.update((label, text[s0:e0]))
            taken.mark(start, e0)


_HEADTEACHER = re.compile(r"head[ \t]?teacher(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][A-Za-z]+)?\b(?!s)")
_HEADTEACHER_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa])[ \t]+(?:new[ \t]+|current[ \t]+|interim[ \t]+)?$")
_VIRTUAL_SCHOOL = re.compile(r"virtual school|\bVS[A-Z]?\b", re.I)


def school_head(text: str, taken: Spans, thesaurus, add_concept) -> None:
    """"The headteacher tracks each child's attendance", "a new head teacher started in May": one headteacher,
    named just after the virtual school, is the virtual school head."""
    concept = thesaurus.by_label("virtual school head")
    if concept is None:
        return
    for m in _HEADTEACHER.finditer(text):
        s0, e0 = m.span()
        if (s0 and text[s0 - 1].isalnum()) or not _HEADTEACHER_BEFORE.search(text, max(0, s0 - 20), s0):
            continue
        if taken.overlaps(s0, e0) or not _VIRTUAL_SCHOOL.search(text, max(0, s0 - 250), s0):
            continue
        add_concept(concept.slug, s0, e0)


_PROTECTED = opening_filter(re.compile(r"\bprotected[ \t]+characteristic\b", re.I))
_CARE_STATUS = re.compile(r"\b(care(?:[ \t]+|-)(?:leavers?|experienced?))\b[^.;:()]{0,50}$", re.I)


def protected_characteristic(text: str, found: dict, taken: Spans, thesaurus, add_concept) -> None:
    """A council that treats care experience as a protected characteristic says so in many ways ("being a
    care leaver is a protected characteristic", "made care experienced a protected characteristic"); the
    care status, just before in the same clause, ties the phrase to that policy. The status's own words
    with the phrase are other surface forms ("care leaver as a protected characteristic")."""
    concept = thesaurus.by_label("care experience as a protected characteristic")
    if concept is None:
        return
    if "haracteristic" not in text and "HARACTERISTIC" not in text:
        return  # literal scans; the case-blind regex would be tried at every word of every report
    for m in _PROTECTED.finditer(text):
        s0, e0 = m.span()
        care = _CARE_STATUS.search(text, max(0, s0 - 80), s0)
        if care is None or taken.overlaps(s0, e0):  # the care status itself may be a theme's mention
            continue
        add_concept(concept.slug, care.start(1), e0)
        status = " ".join(care.group(1).lower().split())
        found[concept.slug].aliases.update((f"{status} as a protected characteristic",
                                            f"{status} protected characteristic"))


# "trauma-informed direct work", "trauma-informed parenting support", "Trauma-informed social work": the adjective
# with the kind of work it qualifies names the practice model (annotators mark it in every tuning report that
# writes it so; it recurs in a quarter of the corpus's authorities). The bare adjective stays ambiguous
# ("plans are trauma informed and responsive"), and so does one before a post or a unit ("trauma-informed
# therapists").
_TRAUMA = re.compile(r"[Tt]rauma(?:-|[ \t])informed((?:[ \t]+[a-z][a-z-]*){0,2}?)[ \t]+(work|practice|approach(?:es)?"
                     r"|support|training|care|interventions?|help|responses?)\b")
_TRAUMA_BETWEEN_NOT = {"and", "or", "to", "of", "for", "the", "a", "in", "with", "is", "are", "was", "were"} | {
    w for words in rules()["discovery_heads"].values() for w in words}  # "trauma-informed therapists work with"


def trauma_informed(text: str, found: dict, taken: Spans, thesaurus, add_concept) -> None:
    """Mentions of trauma-informed practice written as the adjective and the work it qualifies; the
    phrase is a surface form of the thesaurus concept."""
    if "rauma" not in text:
        return  # a literal scan first: the pattern opens with a character class
    concept = thesaurus.by_label("trauma-informed practice")
    if concept is None:
        return
    at = text.find("rauma")
    while at >= 0:
        start = at - 1
        m = _TRAUMA.match(text, start) if start >= 0 else None
        at = text.find("rauma", at + 5)
        if m is None or taken.overlaps(m.start(), m.end()) or (start and text[start - 1].isalnum()):
            continue
        if any(w in _TRAUMA_BETWEEN_NOT for w in m.group(1).split()):
            continue
        add_concept(concept.slug, m.start(), m.end())


# "the local authority's practice standards", "the newly launched practice standards", "revised practice
# standards": the council's own written standards, named by a determiner or owner or by what was done to them
# (marked in each of the 3 tuning reports that write them so; 10 authorities in the corpus). Not the standard of
# practice ("driving up practice standards", "raising its practice standards", "clear practice standards").
_STANDARDS_DONE = r"(?:own|new|newly[ \t]+launched|revised|refreshed|updated|strengthened|agreed)"
_STANDARDS_BEFORE = re.compile(
    r"(?:(?<![\w’'-])(?:[Tt]he|[A-Z][A-Za-z-]*[’']s|authority[’']s|council[’']s)[ \t]+(?:" + _STANDARDS_DONE
    + r"[ \t]+)?|(?<![\w’'-])(?:[Ii]ts|[Tt]heir)[ \t]+" + _STANDARDS_DONE + r"[ \t]+|(?<![\w’'-])(?:[Nn]ew|[Nn]ewly"
    r"[ \t]+launched|[Rr]evised|[Rr]efreshed|[Uu]pdated|[Ss]trengthened)[ \t]+)$")
_STANDARDS_LABEL = "practice standards"


def practice_standards(text: str, found: dict, taken: Spans) -> None:
    """The council's practice standards, a policy, when a determiner, an owner or what was done to them
    says they are a document of its own."""
    for needle in ("ractice standards", "ractice Standards"):
        at = text.find(needle)
        while at >= 0:
            s0, e0 = at - 1, at + len(needle)
            at = text.find(needle, e0)
            if s0 < 0 or text[s0] not in "Pp" or (e0 < len(text) and text[e0].isalnum()) or taken.overlaps(s0, e0):
                continue
            if not _STANDARDS_BEFORE.search(text, max(0, s0 - 40), s0):
                continue
            _discovered_here(found, taken, text, _STANDARDS_LABEL, "Policy", 0.6, s0, e0)


# "There is a detailed tracker which ...", "a comprehensive tracker enables managers ...": a tracker the council
# keeps, named by its head word alone (marked in both tuning reports with no other tracker; 6 authorities in the
# corpus). One the document names otherwise ("a permanence tracker", "the legal tracker") is found already, and
# a bare mention then means that one.
_TRACKER_BEFORE = re.compile(r"(?<![\w’'-])(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)[ \t]+(?:[a-z-]+[ \t]+)?$")
_TRACKER_AFTER = re.compile(r"[ \t]+(?:system|tool|sheet|of|for[ \t]+(?:each|every))\b")


def bare_tracker(text: str, found: dict, taken: Spans) -> None:
    """A tracker named by its head word after a determiner, when the document names no tracker otherwise."""
    if any(f.core_class == "Tool" and f.label.lower().endswith("tracker") for f in found.values()):
        return
    at = text.find("tracker")
    while at >= 0:
        s0, e0 = at, at + 7
        at = text.find("tracker", e0)
        if (s0 and (text[s0 - 1].isalnum() or text[s0 - 1] in "-’'")) or (e0 < len(text) and text[e0].isalnum()):
            continue  # "trackers", "family-tracker"
        if taken.overlaps(s0, e0) or _TRACKER_AFTER.match(text, e0):
            continue
        before = _TRACKER_BEFORE.search(text, max(0, s0 - 30), s0)
        if before is None or (len(before.group(0).split()) == 2 and before.group(0).split()[1].lower() in _STOP_FIRST):
            continue
        _discovered_here(found, taken, text, "tracker", "Tool", 0.6, s0, e0)


# A safeguarding board's own documents named with its acronym: "the LSCB business plan", "the SSCB business
# plan" (marked in 4 of the 5 tuning and development reports that write it so; the plain "business plan" is a
# document named in passing) and "the LSCB training strategy" (the known strategy's longer name).
_BOARD_BEFORE = re.compile(r"(?<![\w-])([A-Z]{0,3}SC[BP])(?:['’]s)?[ \t]+$")


def board_documents(text: str, found: dict, taken: Spans) -> None:
    """A board's business plan under the board's acronym, and the acronym's longer form of a known policy."""
    for needle in ("business plan", "Business Plan"):
        at = text.find(needle)
        while at >= 0:
            s0, e0 = at, at + len(needle)
            at = text.find(needle, e0)
            if (e0 < len(text) and text[e0].isalnum()) or taken.overlaps(s0, e0):
                continue
            board = _BOARD_BEFORE.search(text, max(0, s0 - 12), s0)
            if board is None:
                continue
            f = discovered(found, f"{board.group(1)} business plan", "Policy", 0.6)
            f.mentions.append((board.start(1), e0))
            f.aliases.add(" ".join(text[board.start(1):e0].split()))
            taken.mark(s0, e0)
    for f in found.values():
        if f.core_class != "Policy" or f.discovered:
            continue
        for s0, e0 in f.mentions:
            if text[s0].islower() and (board := _BOARD_BEFORE.search(text, max(0, s0 - 12), s0)):
                f.aliases.add(f"{board.group(1)} {' '.join(text[s0:e0].split())}")


# Heads that name the authority's one unit or partner of that kind after "the" alone, as "tracker" names a
# tool: "supported by the academy" (its social work academy), "referrals to the consortium" (its adoption
# consortium). Not "an academy" (a school) nor "the consortium of six authorities" (described, not named).
_BARE_HEADS = {"academy": "Team", "consortium": "Partner"}
_BARE_AFTER = re.compile(r"[ \t]+(?:of|for|trust|school|schools|status|model)\b|['’]")


def bare_heads(text: str, found: dict, taken: Spans) -> None:
    """The academy or consortium named by its head word after "the", when the document names none otherwise
    (rules as for bare_tracker; a literal scan for each head word)."""
    for head, cls in _BARE_HEADS.items():
        if any(f.label.lower().endswith(head) or any(a.lower().endswith(head) for a in f.aliases)
               for f in found.values()):
            continue
        at = text.find("the " + head)
        while at >= 0:
            s0, e0 = at + 4, at + 4 + len(head)
            at = text.find("the " + head, e0)
            if (at_start := s0 - 4) and (text[at_start - 1].isalnum() or text[at_start - 1] in "-’'"):
                continue  # "bathe academy"
            if (e0 < len(text) and (text[e0].isalnum() or text[e0] == "-")) or _BARE_AFTER.match(text, e0):
                continue  # "the academy’s", "the consortium of six local authorities", "the academy trust"
            if taken.overlaps(s0, e0):
                continue
            _discovered_here(found, taken, text, head, cls, 0.6, s0, e0)


# Another council named by its place after "with" in a sentence about joint working is a partner: "a joint
# panel with North Tyneside and Newcastle", "the panel, shared with Telford and Wrekin", "tri-borough
# arrangements with Bury and Rochdale" (12 over 272 corpus texts, 9 reports). Not "shares its borders with Dudley".
_WITH_PLACES = re.compile(r"with[ \t]+([A-Z][\w’'-]*(?:(?:,[ \t]+|[ \t]+(?:and|upon|on)[ \t]+|[ \t]+)[A-Z][\w’'-]*){0,5})")
_JOINT_CUE = re.compile(r"\b(?:[Jj]oint(?:ly)?|shared?|partnership|arrangements?|collaborat\w*|agreements?|liaison|"
                        r"tri-borough|together)\b")
_PLACE_SEP = re.compile(r",[ \t]+|[ \t]+and[ \t]+")


def partner_councils(text: str, found: dict, taken: Spans, is_other_council) -> None:
    """Other councils named by their place after "with" in a sentence about joint working (see _WITH_PLACES).
    A council found already under a longer name ("Plymouth City Council") gets the mention."""
    for m in _WITH_PLACES.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-’'"):
            continue  # "forthwith"
        before = text[max(0, m.start() - 50):m.start()]
        if not _JOINT_CUE.search(before) or "border" in before or "." in before[-3:]:
            continue
        run, base = m.group(1), m.start(1)
        cuts = [0]
        for sep in _PLACE_SEP.finditer(run):
            cuts += [sep.start(), sep.end()]
        cuts.append(len(run))
        pieces = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]
        i = 0
        while i < len(pieces):
            for j in range(len(pieces) - 1, i - 1, -1):
                s0, e0 = base + pieces[i][0], base + pieces[j][1]
                name = " ".join(text[s0:e0].split())
                if is_other_council(name):
                    break
            else:
                break  # a word that names no council ends the list
            i = j + 1
            if taken.overlaps(s0, e0) or name.endswith(" City"):
                continue  # "Hull City council": the council, found by its full name or not at all
            owner = next((f for f in found.values() if f.core_class == "Partner"
                          and f.label.lower().startswith(name.lower() + " ")), None)
            if owner is None:
                owner = discovered(found, name, "Partner", 0.5)
            owner.mentions.append((s0, e0))
            owner.aliases.add(name)
            taken.mark(s0, e0)


_COUNCIL_WORDS = {"city", "county", "borough", "district", "metropolitan", "royal", "london", "of", "council",
                  "the", "and"}


def other_council(name: str, own: set[str]) -> bool:
    """Whether a council's full name ("Plymouth City Council") is another authority's, not the report's own
    ("Torbay Council", "Bradford Metropolitan District Council", "Hull City Council" in Kingston upon Hull)."""
    words = name.replace("’", "'").split()
    if not words or words[-1].lower() != "council":
        return False
    place = " ".join(w for w in words if w.lower() not in _COUNCIL_WORDS).lower()
    if not place:
        return False
    return not any(place in a or a in name.lower() for a in own)


def own_council(name: str, own: set[str]) -> bool:
    """Whether a council's name is the report's own authority written in part or with other council words
    ("Christchurch and Poole Council" after "Bournemouth,", "Doncaster Metropolitan Council"): its place words
    are all words of the authority's name."""
    words = name.replace("’", "'").split()
    if len(words) < 2 or words[-1].lower() != "council":
        return False
    place = {w.lower() for w in words if w.lower() not in _COUNCIL_WORDS}
    return bool(place) and any(place <= set(re.findall(r"[\w'-]+", a)) for a in own)


_ACTOR_NAME = (r"((?:[A-Z][\w’'&-]*|\d+)(?:[ \t]+(?:(?:and|of|for|the|&|in)[ \t]+)?(?:[A-Z][\w’'&-]*|\d+)){0,5})")
# "Brightway provides ...", "Kindred Hands, which offers ...": a capitalised name doing what only an
# organisation or a programme does. Found from the verb back to the name (one scan of the text).
_ACTOR_VERB = re.compile(r",?[ \t]+(?:which[ \t]+)?(?:provides|offers|delivers)[ \t]")
_ACTOR_BEFORE = re.compile(r"(?<![\w’'-])" + _ACTOR_NAME + r"$")
# A name ends before punctuation or a function word or verb, not before a noun it modifies ("Eastshire West
# cases", "Oakfield and Faith groups").
_NAME_ENDS = (r"(?=[ \t]*[,.;:()’”]|[ \t]+(?:is|are|was|were|has|have|had|and|which|who|to|for|in|at|on|with"
              r"|provides|offers|delivers|supports)\b)")
# "a service commissioned from Harbour Lights", "staff from Careers North", "in partnership with Stepping
# Stones", "charities such as Kindly Oaks": a capitalised name after a cue that introduces an organisation.
_ACTOR_CUE = re.compile(r"\b(?:commission(?:s|ed)?[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:services?[ \t]+)?from|provided[ \t]+by"
                        r"|delivered[ \t]+by|run[ \t]+by|staff[ \t]+from|in[ \t]+partnership[ \t]+with"
                        r"|the[ \t]+charity|(?:charit(?:y|ies)|organisations|providers|agencies)[ \t]+(?:such[ \t]+as"
                        r"|including))[ \t\n]+(?:the[ \t]+)?" + _ACTOR_NAME + _NAME_ENDS)
_LISTED_BEFORE = re.compile(r"(?<![\w’'-])" + _ACTOR_NAME + r",[ \t]+(?:and[ \t]+)?$")
_LISTED_AFTER = re.compile(r"(?:,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:the[ \t]+)?" + _ACTOR_NAME.replace(
    "(?:and|of|for|the|&|in)", "(?:of|for|the|&|in)") + r"(?=[ \t]*[,.;)]|[ \t]+and[ \t])")
# "Adopt Eastshire West", "Careers North East": a regional body is named by what it does and its region.
_REGIONAL = re.compile(r"(?<![\w’'-])((?:[A-Z][a-z][\w’'&-]*[ \t]+(?:(?:for|of|and|in)[ \t]+)?){1,3})(?:(?:North|South)"
                       r"[ \t]*(?:West|East)|Northwest|Northeast|Southwest|Southeast|West|East|Yorkshire|Midlands|London)"
                       r"\b" + _NAME_ENDS)
_PLACE_WORDS = {"north", "south", "east", "west", "central", "greater", "the", "mid", "inner", "outer", "middle",
                "pan", "cheshire", "yorkshire", "london", "midlands", "sussex", "riding", "and", "in", "of", "for"}
_INSTITUTION_OF = re.compile(r"\b(?:University|College)[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){0,2}")
_NAMED_AFTER_HEAD: dict = {}
_VERB_AFTER_NAME = (r"(?=(?:is|are|was|were|has|have|had|which|who|works?|provides?|helps?|delivers?|offers?"
                    r"|supports?|currently|also|now|continues?|ensures?|enables?)\b)")
# ", Stepping Stones, works ...": a capitalised name between commas before a verb; the literal comma lets
# the regex engine skip ahead, so this finds where `_named_after_head` can match at a fraction of its cost.
_NAME_BETWEEN_COMMAS = re.compile(r",[ \t]+[‘'“]?" + _ACTOR_NAME + r"[’'”]?(?:[ \t]+\([A-Za-z0-9]{2,8}\))?,[ \t]+"
                                  + _VERB_AFTER_NAME)
# Literal words each pattern's matches contain (see `_near`).
_VERB_WORDS = ("provides", "offers", "delivers")
_CUE_WORDS = ("commission", "provided", "delivered", "run", "staff", "partnership", "charit", "organisations",
              "providers", "agencies")
_INSTITUTION_WORDS = ("University", "College")
_REGION_WORDS = ("North", "South", "West", "East", "Yorkshire", "Midlands", "London")


def _named_after_head(heads: dict) -> re.Pattern:
    """"the edge-of-care service, Stepping Stones, works ...", "a self-advocacy tool, Brightline, and ...": a
    noun phrase with a head word, then a capitalised name between commas and a verb. Compiled once."""
    if not _NAMED_AFTER_HEAD:
        head_re = "|".join(re.escape(h).replace(r"\ ", r"[ \t]+") for h in sorted(heads, key=len, reverse=True))
        _NAMED_AFTER_HEAD["re"] = re.compile(
            r"(?:\b[Tt]he|\b[Aa]n?|\b[Ii]ts|\b[Tt]heir|[’']s)[ \t]+(?:[\w’'-]+[ \t]+){0,4}?(" + head_re + r"),[ \t]+"
            r"[‘'“]?" + _ACTOR_NAME + r"[’'”]?(?:[ \t]+\([A-Za-z0-9]{2,8}\))?,[ \t]+" + _VERB_AFTER_NAME)
    return _NAMED_AFTER_HEAD["re"]


def _near(pattern: re.Pattern, text: str, anchors: list[int], before: int, after: int) -> list[re.Match]:
    """The matches of `pattern` that contain one of the `anchors` (offsets), looked for only in a window
    around each, leftmost first and not overlapping, as `finditer` over the whole text gives them.

    Patterns that open with a long alternation or a character class are tried by the regex engine at
    every position of the text; the words they must contain are found far faster with `str.find` (or one
    literal-led scan), so the whole pattern runs only near them: the scans of `named_actors` went from
    ~9 to ~1.3 ms a report, with the same matches over 388 corpus reports.
    """
    found: dict[int, re.Match] = {}
    n = len(text)
    for i in anchors:
        for m in pattern.finditer(text, max(0, i - before), min(n, i + after)):
            if m.start() <= i < m.end():
                found.setdefault(m.start(), m)
    out: list[re.Match] = []
    end = -1
    for start in sorted(found):
        if start >= end:
            out.append(found[start])
            end = found[start].end()
    return out


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_TRAILING_SMALL = re.compile(r"(?:[ \t]+(?:and|of|for|the|&|in))+$")


_NOT_ACTOR_WORDS = {"section", "report", "executive", "director", "chair", "annual", "celebration", "minister"}


# "The chair of the LSCB, Jane Doe, ...": the name after a thing that follows a post's "of" is the post holder's, not
# another name of the thing nor a partner listed with it (a practitioner check found an official's name stored as a
# name of the board).
POST_OF_BEFORE = re.compile(r"\b(?:chair|chairs|chairperson|co-chair|manager|director|head|leader|lead|member|officer|"
                            r"coordinator|co-ordinator|adviser|advisor|principal|headteacher|clerk|secretary)\s+of\s+"
                            r"(?:the\s+|its\s+|their\s+)?$", re.I)


def named_actors(text: str, found: dict, taken: Spans, heads: dict, is_name_of_authority, blocked) -> None:
    """Organisations and programmes named without a head word ("Harbour Lights", "Step4ward"), known by
    what they do (the subject of "provides", "offers", "delivers"), by the cue before them ("commissioned
    from", "staff from", "in partnership with", "the charity"), by their shape ("University of Eastmere",
    "Adopt Eastshire West"), by the partners listed with them, or by the head phrase just before them ("the
    edge-of-care service, Stepping Stones, works ..."; typed by that head). The others are typed Partner:
    such names are mostly charities and providers. Names found already, the authority, places, dates,
    posts and single ordinary words (a sentence-initial "However") are skipped."""
    spans = []
    for v in _near(_ACTOR_VERB, text, find_all(text, _VERB_WORDS), 40, 12):
        m = _ACTOR_BEFORE.search(text, max(0, v.start() - 80), v.start())
        if m:
            spans.append(m.span(1))
    spans += [m.span(1) for m in _near(_ACTOR_CUE, text, find_all(text, _CUE_WORDS), 20, 220)]
    spans += [m.span() for m in _near(_INSTITUTION_OF, text, find_all(text, _INSTITUTION_WORDS), 2, 130)]
    for m in _near(_REGIONAL, text, find_all(text, _REGION_WORDS), 120, 70):
        words = m.group(1).split()
        if not any(w.lower() in _PLACE_WORDS or is_name_of_authority(w) for w in words):
            spans.append(m.span())
    # "the Harbour Trust, Northgate Fire and Rescue and the police": a name listed with partners found already.
    for f in [f for f in found.values() if f.core_class == "Partner"]:
        for s0, e0 in f.mentions:
            m = _LISTED_BEFORE.search(text, max(0, s0 - 80), s0)
            if m:
                spans.append(m.span(1))
            m = _LISTED_AFTER.match(text, e0)
            if m and not POST_OF_BEFORE.search(text, max(0, s0 - 40), s0):
                spans.append(m.span(1))
    typed = {}
    commas = [b.start() for b in _NAME_BETWEEN_COMMAS.finditer(text)]
    for m in _near(_named_after_head(heads), text, commas, 300, 200):
        # "the council's edge-of-care service, Stepping Stones, works ...": the name of that service, unless
        # that service is found already (the name is then another name of it, added at the end).
        if taken.at(m.start(1)):
            continue
        spans.append(m.span(2))
        head = " ".join(m.group(1).lower().split())
        practice = head == "framework" and text[max(0, m.start(1) - 9):m.start(1)].lower() == "practice "
        typed[m.span(2)] = "PracticeModel" if practice else heads[head]  # "its practice framework, Kind Steps"
    known = {a.lower() for f in found.values() for a in (f.label, *f.aliases)}
    for span in spans:
        s0, e0 = span
        core = typed.get(span)
        tail = _TRAILING_SMALL.search(text, s0, e0)
        e0 = tail.start() if tail else e0
        words = text[s0:e0].split()
        while words and words[0].lower() in {"the", "and", "of", "for", "in", "&"}:
            s0 = text.index(words[1], s0 + len(words[0])) if len(words) > 1 else e0
            words = words[1:]
        if not words or taken.overlaps(s0, e0):
            continue
        lowered = [w.lower().rstrip("’'s") if w.endswith(("’", "'")) else w.lower() for w in words]
        if lowered[0] in _STOP_FIRST or lowered[-1] in heads or any(w in _MONTHS or w in _NOT_ACTOR_WORDS
                                                                    for w in lowered):
            continue
        if (words[-1].isdigit() and len(words) == 1) or words[-1].endswith(("’", "'")):
            continue
        if len(words) == 1 and not COINED_WORD.search(words[0]) and core is None:
            continue
        if all(w.isupper() or w.lower() in {"and", "of", "&"} for w in words):
            continue  # acronyms ("MARU and EHH") are defined elsewhere
        label = " ".join(words)
        if core is not None and (label.lower() in known or (len(words) == 1 and words[0].isupper())):
            continue  # named already ("the assessment team, FAST," is an alias of the team found)
        if is_name_of_authority(label) or label.lower() in blocked:
            continue
        if "and" in lowered and any(is_name_of_authority(p) for p in re.split(r" and ", label)):
            continue  # "City and Hackney": places
        f = discovered(found, label, core or "Partner", 0.5)
        f.mentions.append((s0, e0))
        f.aliases.add(label)
        taken.mark(s0, e0)
