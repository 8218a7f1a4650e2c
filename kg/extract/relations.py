"""Relations between entities in one sentence, typed from the cue that links the two mentions.

A cue introduces its object (the thing named right after it, with the things listed with it) and follows its
subject (the thing named just before it); the rules (extraction.json "relations") say which words are cues
of which relation and how far a subject may stand from its cue. Pairs no cue relates are kept as
co-occurrence (sg:coMentionedWith) and marked as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from kg.extract.text import opening_filter, rules
from kg.identifiers import AUTHORITY_KEY

_R = rules()["relations"]
_PREPOSITIONS = (r"(?:in|into|of|for|to|with|on|at|by|from|about|across|through|within|including|which|that|who|via|"
                 r"under|over|between|among|as|than|and|or|but)")
# Phrases that lead to the thing a cue introduces through a preposition (rules "object_leads": "work with their
# colleagues in the MASH", "complies with the guidance set out in ...").
_OBJECT_LEADS = "|".join(_R["object_leads"])
# What may stand between a cue and its object: a few words that describe it ("the local", "a new
# commissioned", "prisons,"), after a quantity ("a number of", "two of the"), or a lead phrase; no preposition
# (that would start another phrase), no clause punctuation.
_TAIL = re.compile(rf"[\s‘’'\"“]*(?:(?:a |an |the )?(?:[\w-]+ )?(?:number|range|variety|host|mix|series|one|two|three|"
                   rf"four|several|some|many|all|each|both|most) of (?:the |their |its )?|(?:{_OBJECT_LEADS})[‘’'\"“]*)?"
                   rf"(?:(?!{_PREPOSITIONS}\b)[\w’'-]+,?[\s‘’'\"“]+){{0,5}}", re.I)
# Between two things of one list after a cue ("with the police, health and schools").
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*)(?:the\s+|their\s+|its\s+|local\s+)?",
                       re.I)
# A thing the extractor does not name, listed among those it does ("with probation, prison and housing colleagues",
# "includes specialist housing and youth workers"): one to three words, none a preposition or an auxiliary (that
# would start another phrase or clause). At most two such items are stepped over.
_ITEM_WORD = rf"(?!(?:{_PREPOSITIONS}|is|are|was|were|has|have|had|be|been|will|can)\b)[\w’'-]+"
_UNNAMED = rf"{_ITEM_WORD}(?:\s+{_ITEM_WORD}){{0,2}}"
_SEP = r"(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+|their\s+|its\s+|local\s+)?"
_LIST_SKIP = re.compile(rf"\s*(?:{_SEP}{_UNNAMED}\s*){{1,2}}{_SEP}", re.I)
# The rest of a list of services named by their sector, then the verb before the cue ("Police, housing and schools
# are now co-located within the hub"): the named thing before it stays the cue's subject.
_SECTOR = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in _R["sector_words"]) + ")"
_SECTOR_LIST_END = re.compile(rf"(?:\s*,\s*{_SECTOR})*\s*,?\s*(?:and|or)\s+{_SECTOR}\s+(?:are|were|is|was|have\s+been|has\s+been)"
                              r"(?:\s+(?:all|now|also|increasingly|jointly|physically))*\s+", re.I)
# A post named right after a thing, before a cue of membership ("the board's chair sits on", "the hub manager
# attends"): the post is a member, not the thing (a practitioner check).
_POST_AFTER_THING = re.compile(r"(?:[’']s)?[ \t\n]+(?:independent[ \t\n]+)?(?:chair|chairs|chairperson|co-chair|manager|"
                               r"managers|director|head|lead|leads|officer|officers|coordinator|co-ordinator|adviser|"
                               r"representative|representatives|member|members)\b", re.I)
# The last of the things listed before a cue, not named, if it is people or services ("the police and other
# professionals within the MASH"; not "and attendance at the board", "and the work with").
_LIST_END = re.compile(rf"(?:\s*,\s*{_UNNAMED})?\s*,?\s*(?:and|or)\s+(?:the\s+|their\s+|its\s+|other\s+)?(?:{_ITEM_WORD}\s+){{0,2}}(?:{'|'.join(_R['unnamed_list_heads'])})\s*", re.I)
_LEAD_SKIP = re.compile(rf"[\s‘’'\"“]*(?:the\s+|their\s+|its\s+|local\s+)?(?:{_UNNAMED}\s*{_SEP}){{1,2}}", re.I)
# Words between a subject and a forward cue that show the cue belongs to another clause or another thing ("the
# PLO and in the family court", "police means that responses in the hub", "a grant to secure posts and provide").
_HEAD_STOP = re.compile(r"\b(?:and|or|but|that|which|where|when|while|because|means|whereas|although|to)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]")
#: A "sentence" longer than this is a table, a list run together or garbled text: its things are kept as
#: co-occurring, without reading cues (reading them costs time growing with the square of its length).
MAX_TYPED_SENTENCE = 3000
_TRAILING_AND = re.compile(r"\band\s*$", re.I)
# A cue that is a noun ("and collaboration with", "and partnerships with") after "and" starts a new phrase: the
# thing before the "and" does not do it (a verb does: "checks every case and works closely with").
_NOUN_CUE = re.compile(r"(?:collaboration|partnerships?|relationships?|communication|joint work)\b", re.I)
# "The MASH is well established and is co-located with": "and is" right before the cue goes on about the same
# subject ("and has worked with" too often follows a clause about something else).
_AND_VERB = re.compile(r"\band (?=(?:is|are|was|were|also)\s*$)", re.I)
_VERB_PAIR = re.compile(r"\b[a-z]+(?:ed|es) and (?=[a-z]+(?:ed|es)\b)")
_RELATIVE = re.compile(r"^[\s,)’'\"]*(?:which|who|that)\s+", re.I)
_SHORT_HEAD_COMMA = re.compile(r",\s*(?!(?:who|which|that|based|located|co-located|sitting|working)\b)[a-z]")
_REVERSE_HEAD = re.compile(r"[\s,’'\")]*(?:which\s+|that\s+|who\s+)?(?:now\s+|also\s+)?", re.I)
_BLOCKER = re.compile(r"\b(?:" + "|".join(_R["blockers"]) + r")\b", re.I)
_CLEFT_THAT = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:that\s+|,\s*)(?:the\s+|[\w-]+\s+)?", re.I)
_CLEFT_VERB = re.compile(r"(?:\s+[\w’'-]+){0,2}\s+(?:was|were|has been|had been)\s+(?:" + "|".join(
    map(re.escape, _R["cleft_verbs"])) + r")\b", re.I)
_PURPOSE = re.compile(r"\s+to\s+(?:appoint|fund|employ|recruit|develop|create|establish|set up|expand|extend|run|"
                      r"deliver|launch|commission)\b[^.;:]{0,60}?", re.I)


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str  # forward | reverse | between | placed | together
    predicate: str
    max_head: int
    max_head_words: int
    object_classes: frozenset[str]
    subject_classes: frozenset[str]
    pattern: re.Pattern[str]


def _cues() -> list[_Cue]:
    out = []
    for kind in ("reverse", "between", "placed", "together", "forward"):  # ties are broken in this order: the specific first
        for r in _R[kind]:
            default = 12 if kind == "reverse" and r["predicate"] == "partOf" else 80  # "the MASH, which includes"
            out.append(_Cue(kind, r["predicate"], r.get("max_head", default), r.get("max_head_words", 99),
                            frozenset(r.get("object_classes", ())), frozenset(r.get("subject_classes", ())),
                            opening_filter(re.compile(r"\b(?:" + "|".join(r["cues"]) + r")\b", re.I))))
    return out


_CUES = _cues()
#: The words of every cue, to skip sentences without one before trying the patterns one by one.
_ANY_CUE = opening_filter(re.compile("|".join(f"(?:{c.pattern.pattern})" for c in _CUES), re.I))
#: At most this many things listed after a between cue are related with each other (a longer list is a
#: catalogue of services, not of partners who work together).
_MAX_BETWEEN = 4
# After the things a "placed" cue lists: the rest of the list's last item, then where they are ("... and education
# partners in the", "... into the").
_SUCH_AS = re.compile(r"(?:[\w-]+[ \t\n]+){1,3}(?:such[ \t\n]+as|including)[ \t\n]+", re.I)
_PLACE_AFTER = re.compile(r"(?:[ \t\n]*,?[ \t\n]+(?:and[ \t\n]+)?[\w’'-]+){0,4}?[ \t\n]+(in|within|at|into|with)[ \t\n]+"
                          r"(?:the[ \t\n]+|its[ \t\n]+|their[ \t\n]+)?", re.I)
_CLEFT = re.compile(r"\b(?:through|as part of)\b", re.I)
_COMPOUND_OWNERS = frozenset(_R["compound_roles"]["owner_classes"])
_COMPOUND_PARTS = frozenset(_R["compound_roles"]["part_classes"])
_COMPOUND_GAP = re.compile(r"(?:[’']s)?[ \t\n]+")
_UNIT_OWNERS = frozenset(_R["compound_roles"]["unit_owner_classes"])
_UNIT_PARTS = frozenset(_R["compound_roles"]["unit_part_classes"])
_UNIT_HEAD = re.compile(r"\b(?:" + "|".join(_R["compound_roles"]["unit_heads"]) + r")$", re.I)
_UNIT_GAP = re.compile(r"(?:[’']s)?[ \t\n]+(?:(?!(?:and|or|with|to|of|for|in|at|on|by|from|the|a|an)\b)[a-z-]+[ \t\n]+){0,2}")
# A forum is a part only by its name's last word ("the board's workforce development group", not "the council's
# Children in Care Council", which is more often the same body named twice).
_FORUM_PART = re.compile(r"\b(?:" + "|".join(_R["compound_roles"]["forum_part_heads"]) + r")[’'\"”]?$", re.I)
_STATUS_I = re.compile(
    "|".join(rf"(?P<{k}>\b(?:{'|'.join(v)})\b)" for k, v in rules()["status"].items()), re.I)
# The same alternation with one \b on each side instead of two per status (tried once at each position, not
# once per status, the same matches: the statuses are tried in the same order and each must end at a \b),
# behind a look-ahead for the first letters of the status words: a third of the time.
_STATUS = opening_filter(re.compile(
    r"\b(?:" + "|".join(rf"(?P<{k}>{'|'.join(v)})" for k, v in rules()["status"].items()) + r")\b"))


# Before a status word: "not (yet / fully / consistently) embedded", "yet to be established", "newly established".
_STATUS_NEGATED = re.compile(r"(?:\b(?:not|never|yet to be|no)\s+(?:(?:yet|fully|consistently|sufficiently|well|been|"
                             r"be|always|securely|as|so|properly|firmly|effectively|routinely)[\s-]+)*"  # "not well-embedded"
                             r"|\b(?:newly|recently)[ -]"
                             # "not all of these panels are embedded": said of none in particular
                             r"|\bnot\s+(?:all|every)\s+(?:of\s+)?(?:the\s+|these\s+|those\s+|its\s+|their\s+)?"
                             r"[\w’'-]+\s+(?:are|is|were|was|have\s+been|has\s+been)\s+)$", re.I)
_STATUS_CLAUSE_BREAK = re.compile(r"[;:]| [–—-] ")
# A status in a condition, not a statement: "a referral to the Channel panel if risks are established".
_STATUS_IF = re.compile(r"\b(?:if|unless|whether)\s+(?:[\w’'-]+\s+){0,4}(?:(?:is|are|was|were|has been|have been)\s+"
                        r"(?:(?:now|fully|well|firmly)\s+)?)?$", re.I)
# A dated participle in commas between a thing and what is said of it ("The family help model, introduced in
# September 2024, is well embedded": a practitioner check found only the introduction read).
_DATED_ASIDE = re.compile(r"(?:[ \t\n]+[a-z-]+)?,[ \t\n]+(?:introduced|launched|set[ \t\n]+up|established|created|opened|developed)[ \t\n]+"
                          r"(?:in|during|from|since)[ \t\n]+[^,;.]{1,30},[ \t\n]+(?:is|are|was|were|has[ \t\n]+been|"
                          r"have[ \t\n]+been)[ \t\n]+(?:(?:now|well|firmly|fully|securely)[ \t\n]+)*$", re.I)
# A status hoped for: "with little prospect yet of a successful launch of the plan" (a practitioner
# check found the strategy "introduced").
_STATUS_HOPED = re.compile(r"\b(?:prospect|chance|hope|possibility|likelihood)\s+of\s+(?:(?:a|an|the|any)\s+)?"
                           r"(?:[\w-]+\s+)?$", re.I)
# After the status word, a conjunction and a determiner open the next clause, whose subject has no status of the
# word before: "corporate parenting is well established and a lively children in care council meets monthly".
# A capitalised word or two may stand before the joined thing's mention, outside it ("the Joint Case Review
# Sub-Group", whose mention is the thesaurus's "Case Review Sub-Group").
_STATUS_JOINED = re.compile(r"(?:(?:,|,?[ \t\n]+and)[ \t\n]+(?:the[ \t\n]+|its[ \t\n]+|their[ \t\n]+)?|[ \t\n]+and[ \t\n]+)"
                            r"(?:[A-Z][\w’'-]*[ \t\n]+){0,2}")
_STATUS_COPULA = re.compile(r"(?:[ \t\n]+(?:services?|teams?))?[ \t\n]+(?:is|are|was|were|has been|have been|remains?|"
                            r"now)(?:[ \t\n]+(?:now|also|very|well|firmly|fully|securely|increasingly))*[ \t\n]+")
_PREPOSITION = re.compile(r"\b(?:with|of|for|to|from|by|between|in|within|into|across|through|on|at|about)\b", re.I)
# "a remit expanded to include the MASH": what follows "to include" is what was added, not what grew.
_STATUS_NEXT_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\s+(?:the|a|an|its|their|this|these|those)\b"
                                 r"|\bto include\b")
# A thing named after the status word and a preposition is where (or by whom) something else has that status,
# not the thing that has it: "the response to referrals is well embedded in the MASH" (the MASH is where the
# response is embedded), "piloted with schools"; "a pilot of the Outcome Star", "a pilot for family group
# conferences" name what is piloted.
# "Increased capacity in the MASH" names what grew.
_STATUS_PLACE = re.compile(r"(?<!capacity )(?<!investment )(?<!been made )(?<!pilot )\b(?:in|within|into|across|throughout|through|at|by|with|to|for|from|among|amongst|on)"
                           r"\s+(?:[\w’'-]+,?\s+){0,3}$")  # ("established with police, probation ...")
# The verb of a plan with what it takes after it: "working to develop a", "plans to introduce the new".
_PLANNED_OBJECT = re.compile(r"\b(?:introduce|establish|develop|implement|create|produce|launch|set[ \t\n]+up|commission|"
                             r"recruit|appoint|roll[ \t\n]+out|pilot|open|replace[ \t\n]+(?:[\w’'-]+[ \t\n]+){1,6}?with)[ \t\n]+(?:(?:a|an|the|its|their|our|new|"
                             r"further|additional|dedicated|specialist)[ \t\n]+)*(?:[A-Z][\w’'-]*[ \t\n]+){0,2}$")
# "Working relationships between the council, Cafcass and the judiciary are well established", "links between the
# LSCB and the board have been established": the links have the status, not the things they join.
_LINK_BETWEEN_BEFORE = re.compile(r"\b(?:relationships?|links?|arrangements?|partnerships?|working|communication|"
                                  r"liaison|protocols?)\s+(?:between|with)\b[^.;:]*$", re.I)
_PERFECT = re.compile(r"(?:has|have|had)\s", re.I)
_OTHER_SUBJECT = re.compile(
    r"\b(?!(?:just|now|also|only|recently|successfully|very|since|been|" + "|".join(sorted(
        rules()["lowercase_discovery"]["heads"], key=len, reverse=True)) + r")\b)[a-z][a-z’'-]*[a-z]\b(?<!ly)")
# ... unless a word links the name to the subject's phrase ("a policy and tool have been", "meetings with team
# managers have been", "a tool for mental health services has been").
_GAP_LINK = re.compile(r"\b(?:and|or|with|for|of|in|within|across|from|to|by|on|that|which|who)\b")
_PLACED_STATUSES = frozenset({"Embedded", "Piloted", "Expanded"})  # one word or two, no preposition of their own
# A verb of introducing ends "-ed": what it names after a preposition is where the new thing is ("a director has been
# appointed in AfC": the director is new, not AfC).
_PASSIVE_END = re.compile(r"(?:ed|up)\b")  # (and "set up")
# A thing named inside a phrase after a preposition is not what a later status word is said of: "a partnership
# for externally managing Kent adoption services ended" (the partnership ended), "work with the police is well
# established", "arrangements between the board and the council are well established", "systems for children
# subject to the PLO are well established" (two practitioner checks, session 22). Not "of" or "to": "the use of
# Signs of Safety is embedded", "the commitment to anti-racist practice is embedded" say it of the thing named.
# ... nor, before a perfect passive, a place: "a tracker of cases in the PLO has just been introduced" (the tracker
# is new, not the PLO: a practitioner check).
_PLACE_BEFORE = re.compile(r"\b(?<!capacity )(?<!investment )(?<!staffing )(?:in|within|into)\s+(?:[\w’'-]+\s+){0,6}$",
                           re.I)  # ("capacity in the LADO service has tripled": the service has grown)
_STATUS_OBJECT_BEFORE = re.compile(r"\b(?:for|with|by|from|on|about|between|among|subject to)\s+(?:[\w’'-]+\s+){0,6}$",
                                   re.I)


# "An established children in care council": the status word stands before what it is said of (rules: status,
# Embedded), unless a copula puts it after its subject ("the council is an established group").
_ATTRIBUTIVE = re.compile(r"(?:an |, )[Ee]stablished")
_ATTRIBUTIVE_PLAN = re.compile(r"[Tt]he (?:proposed|planned|forthcoming) ")  # "the proposed MASH": of what follows
# A status someone wants, not one stated: "so that lessons from reviews become embedded across the partnership".
_STATUS_WANTED = re.compile(r"\b(?:ensure|ensuring|ensures|make sure|so that|in order that)\b(?:(?!\b(?:and|but|while|which)\b)"
                            r"[^.;:])*$", re.I)
# The word after an Embedded status word, and the words that show it is no noun the status word describes ("is well
# established and", "embedded in", "established across").
_NEXT_WORD_AFTER = re.compile(r"[ \t\n]+([a-z][\w’'-]*)")
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|remains?|remained|became|been)\s+(?:an?\s+|the\s+)?(?:now\s+|very\s+)?$")
_NOT_A_NOUN = frozenset({"and", "or", "but", "in", "within", "into", "across", "throughout", "at", "as", "to", "for",
                         "with", "by", "since", "from", "on", "now", "so", "which", "that", "where", "while",
                         "through", "among", "amongst", "over", "under", "here", "there", "locally", "both", "yet"})
# What is new is named after the words that say so ("a new neglect strategy", "the recently introduced advanced
# practitioner posts", "the creation of the Kingfisher team"): said of what follows only. "PAs said the recently
# introduced briefings help" says nothing new of the PAs, and "the creation of a spirit of openness" nothing of
# the approach named before it. The verbs after their subject ("the strategy has been implemented") are not these.
_INTRODUCED_BEFORE = re.compile(r"(?:new|recently|newly)\b|(?:the |its |their |a )?(?:recent |successful )?"
                                r"(?:introduction|launch|re-?launch|creation|establishment(?= of (?:a|an|the|new|its|their)\b)|setting up)(?: and [a-z-]+)? of\b", re.I)
_PILOT_OF = re.compile(r"[ \t\n]+(?:for|of|to test|testing)[ \t\n]", re.I)
_AUXILIARY_BEFORE = re.compile(r"\b(?:has|have|had|is|are|was|were|been)[ \t\n]+$", re.I)
_NEW_WORD = re.compile(r"new\b", re.I)  # the adjective, not "newly"
_COPULA_AN = re.compile(r"\b(?:is|was|remains|became)\s+an\s+$")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a)\s+$", re.I)
# What ends the phrase a "new" opens ("money for a new staffing structure and to set up a family service": the
# service is not the new thing).
_NEW_PHRASE_ENDS = re.compile(r";|,(?![ \t\n]+(?:the|a|an)[ \t\n])|\b(?:and|or|to|but|which|that|who|where|when|while|"
                              r"has|have|had|is|are|was|were|for[ \t\n]+(?:the|its|their))\b", re.I)  # (a verb ends the new thing's phrase too)
# "plans are under way to work with the Home Office": the thing after "with" is who the work is with, not what is
# planned (a practitioner check).
_STATUS_PARTNER = re.compile(r"\b(?:work|working|works|partnership)\s+(?:closely\s+)?(?:with|alongside)\s+(?:[\w’'-]+\s+){0,3}$",
                             re.I)
# A document about the thing, named by a head word after it: a status said then is the document's.
# Or a structure, process or document of the thing, named by a head word after the thing that follows the status
# word (a practitioner check found an inadequate board "embedded" from its "established sub-structure").
_PART_OF_IT_AFTER = re.compile(r"[’'\"”]?[ \t\n]+(?:sub[ -]?structures?|structures?|arrangements?|process(?:es)?|"
                               r"procedures?|polic(?:y|ies)|strateg(?:y|ies)|protocols?|guidance|plans?|meetings?|"
                               r"systems?)\b", re.I)
_DOCUMENT_OF_IT = re.compile(r"[’'\"”]?[ \t\n]+(?:policy|policies|strategy|protocol|procedures?|guidance|plan|framework)\b",
                             re.I)
# "Analysts have expanded the range of reports", "leaders have now established the academy": a
# status verb in the active voice, with an object after it, says what the subject did to that object; the object
# has grown (a thing newly established is not yet embedded), the subject has no status (a practitioner check). Its
# own remit or offer ("the virtual school has extended its remit") is the subject's: it has grown.
_ACTIVE_AUX = re.compile(r"[ \t\n]+(?:has|have|had)[ \t\n]+(?:(?:now|also|recently|successfully|further|since|"
                         r"significantly|considerably)[ \t\n]+)*(?:[a-z]+[ \t\n]+and[ \t\n]+)?")
# Or the verb right after its subject, in the past: "The service introduced the Family Star model in 2014".
_BARE_ACTIVE = re.compile(r"(?:introduced|launched|implemented|established|created)[ \t\n]+(?:a|an|the|its|their)[ \t\n]")
_PLANS_SOMETHING = re.compile(r"[ \t\n]+(?:a|an|the|its|their|new|some|plans|proposals)\b", re.I)
_ACTIVE_OBJECT = re.compile(r"[ \t\n]+(?!(?:to|in|into|across|within|throughout|by|with|for|from|at|on|and|or|but|since|its|their|"
                            r"over|further|significantly|considerably|rapidly|quickly|well|recently|successfully)\b)"
                            r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class RelationFact:
    subject: str  # Found.key
    predicate: str
    object: str
    basis: str  # CuePattern | CoOccurrence
    sentence: tuple[int, int]
    cue_span: tuple[int, int]


Mention = tuple[int, int, str]

#: The key standing for the document's own authority where a sentence names it as the one acting ("the local
#: authority works closely with ...", "Leaders have commissioned ...", "Sandbury is part of Adopt Southvale"):
#: most partnerships a report states have the authority, not one of its teams, as their subject, and a
#: practitioner check after another found them all missing. kg.graph writes them from the authority's node.
AUTHORITY = AUTHORITY_KEY
AUTHORITY_CLASS = "Authority"
# What the authority can be said to do with a thing; "partOf" only into a partner or a forum ("part of Adopt
# Southvale", "a member of the regional consortium"), not into its own teams ("the council's teams" are its).
_AUTHORITY_PREDICATES = frozenset({"worksWith", "partOf", "implements", "uses", "fundedBy"})
_AUTHORITY_PART_OF = frozenset({"Partner", "Forum"})
# Words naming the authority as a doer. Not a team's managers, nor "the partnership" (a forum of its own).
_AUTHORITY_WORDS = (r"the[ \t\n]+(?:local[ \t\n]+)?authority|the[ \t\n]+(?:(?:city|county|borough|district)[ \t\n]+)?council"
                    r"|(?:(?:the[ \t\n]+)?(?:senior|strategic|political|corporate|political[ \t\n]+and[ \t\n]+senior|"
                    r"senior[ \t\n]+political)[ \t\n]+)?leaders")
_NOT_AFTER_AUTHORITY = re.compile(r"['’]s?\b|[ \t\n]*\(|[ \t\n]+(?:of|in|for|from|at|and[ \t\n]+partners|fostering|adoption|"
                                  r"social|children['’]s|designated|commissioners?|officers?|employees|teams?|"
                                  r"services?|staff|managers?|workers?|members?|leads?)\b")
# ... nor a word of a longer name ("One Sandbury", "Adopt Sandbury"): a capitalised word right before it.
_NAME_BEFORE_AUTHORITY = re.compile(r"(?<![.!?:;•])(?<![.!?:;•][ \t\n])[A-Z][\w’'-]*[ \t\n]+$")
# "Sandbury City Safeguarding Board", "Sandbury Youth Council", "the local authority Chief Executive"
_NAME_AFTER_AUTHORITY = re.compile(r"[ \t\n]+[A-Z]")
# The authority is part only of what it is said to be a member or part of ("part of a regional adoption agency",
# "a founder member of", "one of the six authorities in"): a place named after "in" or "at" is where it acts.
# "the lead agency of Adoption Counts", "the host authority for the regional agency" (a practitioner check).
_AUTHORITY_MEMBER = re.compile(r"\b(?:part|members?|one)[ \t\n]+of\b|\bbelongs?[ \t\n]+to\b|\bjoined\b"
                               r"|\b(?:lead|host)[ \t\n]+(?:agency|authority|partner|council)[ \t\n]+(?:of|for)\b")


def authority_pattern(names: set[str] | frozenset[str]) -> re.Pattern[str]:
    """The words naming a document's authority as a doer: "the local authority", "the council", "leaders", and
    its own names ("Sandbury", "Sandbury Council")."""
    own = "|".join(sorted((r"[ \t\n]+".join(map(re.escape, n.split())) for n in names if n.strip()),
                          key=len, reverse=True))
    own_names = rf"|(?:{own})(?:[ \t\n]+(?:(?:city|county|borough|district|metropolitan[ \t\n]+borough)[ \t\n]+)?council)?" \
        if own else ""
    return re.compile(rf"(?<![\w’'-])(?:{_AUTHORITY_WORDS}{own_names})(?![\w’'-])", re.I)


def authority_mentions(text: str, sentence: tuple[int, int], things: list[Mention],
                       pattern: re.Pattern[str]) -> list[Mention]:
    """The authority's mentions in a sentence, as mentions of AUTHORITY: not inside a named thing ("the local
    authority designated officer"), not owning one ("the council's fostering service", "leaders of the
    partnership") and not in brackets. None in a sentence naming one thing and no relation cue, which no relation
    can come from (the typed pass then runs only where it may find something)."""
    out: list[Mention] = []
    if sentence[1] - sentence[0] > MAX_TYPED_SENTENCE:
        return out
    for m in pattern.finditer(text, *sentence):
        if any(s < m.end() and m.start() < e for s, e, _ in things) or _NOT_AFTER_AUTHORITY.match(text, m.end()) \
                or _NAME_AFTER_AUTHORITY.match(text, m.end()) \
                or (m.group()[:1].isupper() and _NAME_BEFORE_AUTHORITY.search(text, max(0, m.start() - 30), m.start())):
            continue
        out.append((m.start(), m.end(), AUTHORITY))
    if out and len({k for _, _, k in things}) < 2 and not _ANY_CUE.search(text, *sentence):
        return []  # (with two things or more the typed pass looks for a cue anyway)
    return out


def _authority_relation(text: str, subj: Mention, predicate: str, obj: Mention,
                        classes: dict[str, str]) -> tuple[Mention, str, Mention] | None:
    """A relation with the authority on one side, kept only as the authority's own doing (it as the subject),
    or as what it funds; None when the authority is not in it, or the link says nothing of it."""
    if subj[2] == AUTHORITY and obj[2] == AUTHORITY:
        return None
    if obj[2] == AUTHORITY:
        if predicate == "worksWith":
            return obj, predicate, subj  # symmetric: the authority is written first
        return (subj, predicate, obj) if predicate == "fundedBy" else None
    if predicate not in _AUTHORITY_PREDICATES:
        return None
    if predicate == "partOf" and (classes.get(obj[2]) not in _AUTHORITY_PART_OF
                                  or not _AUTHORITY_MEMBER.search(text, subj[1], obj[0])):
        return None
    return subj, predicate, obj


def _objects_after(text: str, pos: int, end: int, mentions: list[Mention], lead_skip: bool = True) -> list[Mention]:
    """The named thing a cue ending at `pos` introduces, and the things listed with it (after one or two the
    extractor does not name, unless `lead_skip` is off)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m[0], -m[1])):  # the longest of names starting together
        if m[0] < pos or m[0] >= end:
            continue
        if not out:
            tail = _TAIL.match(text, pos, m[0])
            if tail is None or tail.end() != m[0]:
                lead = _LEAD_SKIP.match(text, pos, m[0]) if lead_skip else None  # "with local leaders, the LSCB": one not named first
                if lead is None or not _TAIL.fullmatch(text, lead.end(), m[0]):
                    return out
            out.append(m)
        elif m[0] >= out[-1][1]:
            sep = _LIST_SEP.match(text, out[-1][1], m[0])
            if (sep is None or sep.end() != m[0]) and not _LIST_SKIP.fullmatch(text, out[-1][1], m[0]):
                break
            out.append(m)
    return out


def _subjects_before(text: str, pos: int, start: int, mentions: list[Mention], max_head: int,
                     head: re.Pattern[str] | None = None, max_words: int = 99) -> list[Mention]:
    """The named thing right before a cue starting at `pos` (no other between, within `max_head` characters),
    and the things listed with it ("PAs and the housing team work with ...", also past one or two things not
    named, as after a cue: "the police, local churches and the virtual school are co-located in ...")."""
    before = [m for m in mentions if start <= m[0] and m[1] <= pos]
    if not before:
        return []
    last = max(before, key=lambda m: (m[1], -m[0]))
    gap = text[last[1]:pos]
    if head is None and _LIST_END.fullmatch(gap):
        gap = ""  # "the psychologist, the therapist and a senior practitioner within the team": listed with them
    elif head is None and (sector := _SECTOR_LIST_END.match(gap)) and sector.end() == len(gap):
        gap = ""  # "Police, health and education are co-located in ...": the rest of the list is services
    words = [w for w in gap.split() if any(c.isalnum() for c in w)]  # ") is based in": the acronym's bracket
    if len(gap) > max_head or any(c in gap for c in ";:") or len(words) > max_words:
        return []
    if head is not None and not head.fullmatch(gap):
        return []
    if head is None:
        # "The team checks every case and works closely with ...", "has established and embedded links with":
        # an "and" joining two things its subject does, or a relative pronoun about the subject ("the Flying
        # Start programme, which is part of"), leaves the subject in place; any other "and", "which" or "to"
        # belongs to another thing or clause.
        core = _RELATIVE.sub("", gap)
        if max_words > 2:
            if not _NOUN_CUE.match(text, pos):
                core = _TRAILING_AND.sub("", core)
            core = _AND_VERB.sub("", _VERB_PAIR.sub("", core))
        elif _SHORT_HEAD_COMMA.search(core):
            return []  # "Using the pupil premium, staff at the virtual school": the comma ends the phrase
        if _HEAD_STOP.search(core):
            return []
    out = [last]
    for m in sorted(before, key=lambda m: -m[1]):
        if m[1] <= out[-1][0]:
            sep = _LIST_SEP.match(text, m[1], out[-1][0])
            if (sep is None or sep.end() != out[-1][0]) and not _LIST_SKIP.fullmatch(text, m[1], out[-1][0]):
                break
            out.append(m)
    return out


def _clause_end(text: str, pos: int, end: int) -> int:
    """Where the clause holding `pos` ends: the next comma, semicolon or colon, or the sentence's end, and
    never more than 150 characters on (a word further off says nothing about this link)."""
    m = _CLAUSE_BREAK.search(text, pos, min(end, pos + 150))
    return m.start() if m else min(end, pos + 150)


def _typed(text: str, sentence: tuple[int, int], mentions: list[Mention],
           classes: dict[str, str]) -> list[tuple[Mention, str, Mention]]:
    """(subject, predicate, object) for every cue of the sentence that relates two of its things."""
    start, end = sentence
    out: list[tuple[Mention, str, Mention]] = []
    for cue in _CUES if _ANY_CUE.search(text, start, end) else ():
        for m in cue.pattern.finditer(text, start, end):
            if any(s < m.end() and m.start() < e for s, e, _ in mentions):
                continue  # the cue's words are part of a name ("Partnership", "Together with Families")
            if cue.kind == "reverse" and cue.max_head <= 12 and not any(
                    m.start() - cue.max_head <= e <= m.start() for _, e, _ in mentions):
                continue  # no thing right before it ("with" is everywhere): no subject, whatever follows
            if cue.kind == "together":
                # "The care leaver service and the virtual school work well together": the things listed before.
                listed = _subjects_before(text, m.start(), start, mentions, cue.max_head, None, 2)
                if len(listed) >= 2:
                    out.append((listed[-1], cue.predicate, listed[-2]))
                continue
            objects = _objects_after(text, m.end(), end, mentions, cue.kind != "between")
            if cue.predicate == "partOf" and cue.kind == "forward":
                # "mentors in the care leavers' team and the participation officer": a post is no place anything
                # is part of; the list after "in the" names the team and another post
                objects = [o for o in objects if classes.get(o[2]) != "Role"]
            if cue.object_classes:
                fits = [classes.get(o[2]) in cue.object_classes for o in objects]
                # A reverse cue's things are its parts only up to the first of another kind ("the team, with a
                # nurse and a psychologist"; not "the team with the health team and drugs workers").
                n = fits.index(False) if cue.kind == "reverse" and False in fits else len(objects)
                objects = [o for o, fit in zip(objects[:n], fits[:n], strict=True) if fit]
            if not objects:
                continue
            if cue.kind == "placed":
                # "the co-location of police and housing officers in the hub": each named thing listed
                # is part of the place named after "in", "within", "at" or "into" (a word or two may come first).
                place = _PLACE_AFTER.match(text, objects[-1][1], end)
                if place is not None and place.group(1).lower() == "with":
                    # "the co-location of Sandbury's hub for care leavers with Connexions and a youth justice worker":
                    # side by side, the listed things work with those named after "with".
                    such = _SUCH_AS.match(text, place.end())
                    partners = _objects_after(text, such.end() if such else place.end(), end, mentions)
                    if partners and not _BLOCKER.search(text, m.start(), partners[-1][1]):
                        out.extend((o, "worksWith", p) for o in objects for p in partners if o[2] != p[2])
                    continue
                target = next((o for o in mentions if place and o[0] == place.end()), None)
                if target is not None and not _BLOCKER.search(text, m.start(), target[1]):
                    out.extend((o, cue.predicate, target) for o in objects if o[2] != target[2])
                continue
            if cue.kind == "between":
                # "arrangements between the community safety partnership, the LSCB and the health and wellbeing
                # board": each of the things listed with each other.
                listed = objects[:_MAX_BETWEEN]
                if len(listed) >= 2 and not _BLOCKER.search(text, m.start(), _clause_end(text, listed[-1][1], end)):
                    out.extend((a, cue.predicate, b) for i, a in enumerate(listed) for b in listed[i + 1:])
                continue
            head = _REVERSE_HEAD if cue.kind == "reverse" and cue.max_head <= 12 else None
            subjects = _subjects_before(text, m.start(), start, mentions, cue.max_head, head, cue.max_head_words)
            if cue.subject_classes:
                subjects = [s for s in subjects if classes.get(s[2]) in cue.subject_classes]
            if cue.predicate == "partOf" and cue.kind == "forward" and subjects and _POST_AFTER_THING.match(
                    text[subjects[0][1]:m.start()]):
                subjects = []  # "the board's chair sits on the panel": the chair does, not the board
            if not subjects and cue.predicate == "fundedBy":
                # "secured funding from the innovation fund to appoint an FGM specialist": what the money pays for.
                purpose = _PURPOSE.match(text, objects[-1][1], end)
                if purpose:
                    subjects = _objects_after(text, purpose.end(), end, mentions)[:1]
            for subj in subjects:
                for obj in objects:
                    stop = _clause_end(text, max(subj[0], obj[0]), end)
                    if "(" in text[subj[1]:m.start()] and (close := text.find(")", obj[1], stop)) >= 0:
                        stop = close  # "the partnership board (part of the wellbeing board) has not yet ...": the
                        # aside ends at its bracket, and what follows it is said of the subject, not the link
                    if _BLOCKER.search(text, min(subj[1], obj[1]), stop):
                        continue  # "does not yet work with", "plans to use", "... with Y is underdeveloped"
                    out.append((obj, cue.predicate, subj) if cue.kind == "reverse" else (subj, cue.predicate, obj))
    # "the MSCB business manager", "the MASH contact and referral team", "the board's performance subgroup": named
    # right after what it belongs to.
    for before, after in pairwise(mentions):
        part = classes.get(after[2])
        if part not in _COMPOUND_PARTS and not (part == "Forum" and _FORUM_PART.search(text, after[0], after[1])):
            continue
        if classes.get(before[2]) in _COMPOUND_OWNERS and _COMPOUND_GAP.fullmatch(text, before[1], after[0]):
            out.append((after, "partOf", before))
    # "the police triage team", "the police central referral unit", "NHS child and adolescent mental health
    # services": a partner's own unit, named after it (a word or two may stand between).
    for before, after in pairwise(mentions):
        if (classes.get(before[2]) in _UNIT_OWNERS and classes.get(after[2]) in _UNIT_PARTS
                and _UNIT_GAP.fullmatch(text, before[1], after[0]) and _UNIT_HEAD.search(text, after[0], after[1])):
            out.append((after, "partOf", before))
    # "It was through Together with Families that the Keeping Families Together service was established.",
    # "As part of the early intervention strategy, integrated early help teams were established."
    for m in _CLEFT.finditer(text, start, end):
        objects = _objects_after(text, m.end(), end, mentions)[:1]
        if not objects:
            continue
        that = _CLEFT_THAT.match(text, objects[0][1], end)
        subjects = _objects_after(text, that.end(), end, mentions)[:1] if that else []
        if subjects and _CLEFT_VERB.match(text, subjects[0][1], end):
            out.append((subjects[0], "establishedThrough", objects[0]))
    return out


def relations_in_sentence(
    text: str, sentence: tuple[int, int], mentions: list[tuple[int, int, str]],
    classes: dict[str, str] | None = None,
) -> list[RelationFact]:
    """`mentions` are (start, end, key) inside the sentence, in text order; `classes` the core class of each key
    (a cue such as "uses" points only at a tool or a practice model).

    A pair of things is related once: by the first rule that relates them (reverse, then between, then forward
    cues, in the order of the rules; then posts named after their owner; then clefts), else as co-occurring
    (sg:coMentionedWith, marked as such)."""
    out: list[RelationFact] = []
    done: set[frozenset[str]] = set()
    if len({k for _, _, k in mentions}) < 2:
        return out
    classes = classes or {}
    typed = _typed(text, sentence, mentions, classes) if sentence[1] - sentence[0] <= MAX_TYPED_SENTENCE else []
    for subj, predicate, obj in typed:
        if AUTHORITY in (subj[2], obj[2]):
            kept = _authority_relation(text, subj, predicate, obj, classes)
            if kept is None:
                continue
            subj, predicate, obj = kept
        pair = frozenset((subj[2], obj[2]))
        if subj[2] == obj[2] or pair in done:
            continue
        done.add(pair)
        out.append(RelationFact(subj[2], predicate, obj[2], "CuePattern", sentence,
                                (min(subj[0], obj[0]), max(subj[1], obj[1]))))
    # Each other pair once, from the first mention of the thing named first to the first of the other (the
    # same pairs and spans as walking every pair of mentions, in time growing with the things, not mentions).
    first: dict[str, tuple[int, int]] = {}
    for s, e, k in mentions:
        if k != AUTHORITY:  # (the authority is in every sentence about it: co-mentions say nothing)
            first.setdefault(k, (s, e))
    keys = list(first)
    for i, k1 in enumerate(keys):
        for k2 in keys[i + 1:]:
            if frozenset((k1, k2)) not in done:
                done.add(frozenset((k1, k2)))
                out.append(RelationFact(k1, "coMentionedWith", k2, "CoOccurrence", sentence,
                                        (first[k1][0], first[k2][1])))
    return out


# A sentence that opens with when it happened and goes on to what was made then: "In September 2016, the local
# authority created the rapid response team" (a practitioner check found such openings given no status).
_DATED_OPENING = re.compile(r"[ \t\n•]*(?:in|during|since|from|by)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:january|february|"
                            r"march|april|may|june|july|august|september|october|november|december|spring|summer|"
                            r"autumn|winter)\s+)?(?:19|20)\d\d,?\s", re.I)
_DATED_MAKING = re.compile(r"\b(?:introduced|created|established|launched|set up|opened|commissioned)"
                           r"(?=\s+(?:a|an|the|its|their|new)\s)", re.I)


def status_words(text: str, sentence: tuple[int, int]) -> list[tuple[int, str]]:
    """(offset, status) of every status word (piloted, embedded, expanded...) in a sentence."""
    start, end = sentence
    low = text[start:end].lower()
    if len(low) != end - start:  # a character whose lower case is longer: match case-insensitively instead
        found = [(m.start(), m.lastgroup or "") for m in _STATUS_I.finditer(text, start, end)]
    else:
        # Status words are lower case in the rules; a lower-cased copy without re.I is about twice as fast.
        found = [(start + m.start(), m.lastgroup or "") for m in _STATUS.finditer(low)]
    if _DATED_OPENING.match(text, start, end) and (made := _DATED_MAKING.search(text, start, end)) and not any(
            pos == made.start() for pos, _ in found):
        found.append((made.start(), "Introduced"))
        found.sort()
    return found


def statuses_of(
    text: str, words: list[tuple[int, str]], mentions: list[tuple[int, int, str]],
) -> list[tuple[str, str, tuple[int, int]]]:
    """(thing, status, the thing's mention it was given to) for each status word, given to the one thing named
    nearest it in its clause (the mention is the status's evidence: its sentence says why).

    A status word says something of one thing ("the MASH is now well embedded", "a pilot of the Outcome Star"),
    so it goes to the nearest mention, ending at most 30 characters before the word or starting at most 40 after
    it, in the same clause; not when negated or qualified ("not yet embedded", "newly established"). Handing it
    to every thing within 60-80 characters made three status links in four wrong (203 checked blind in session 7;
    these rules keep 38 of the 55 right ones and 20 of the 148 wrong: precision 0.27 -> 0.66).
    """
    out = []
    low: str | None = None
    ends: dict[int, int] = {}

    def word_end(pos: int) -> int:
        """Where the status word at `pos` ends: a preposition inside it ("a pathfinder for") is its own."""
        nonlocal low
        if pos not in ends:
            if low is None:
                low = text.lower()
            m = _STATUS.match(low, pos)
            ends[pos] = m.end() if m else pos
        return ends[pos]

    for pos, status in words:
        # "A board's new youth panel has just been set up": the subject of a perfect passive is the
        # noun right before it; a name with other nouns after it is no subject (one of its words' heads may be)
        perfect = _PERFECT.match(text, pos) is not None
        if (_STATUS_NEGATED.search(text, max(0, pos - 30), pos) or _STATUS_WANTED.search(text, max(0, pos - 160), pos)
                or _STATUS_IF.search(text, max(0, pos - 40), pos) or _STATUS_HOPED.search(text, max(0, pos - 40), pos)):
            continue
        if text[pos].isupper() and any(s == pos < e for s, e, _ in mentions):
            continue  # a name that opens with the word ("Extended Hope outreach services") says nothing of it
        if status == "Introduced" and text[pos].isupper() and _DETERMINER_BEFORE.search(text, max(0, pos - 4), pos):
            continue  # "the New to the UK Football Group": a capital after "the" or "a" is a name's own word
        best: tuple[int, str, tuple[int, int]] | None = None
        # "an established children in care council": an attributive word is said of what follows it only ("the
        # champion has an established working relationship with ..." says nothing of the champion)
        attributive = ((_ATTRIBUTIVE.match(text, max(0, pos - 3), pos + 11) is not None
                        or _ATTRIBUTIVE_PLAN.match(text, max(0, pos - 4), pos + 12) is not None)
                       and not _COPULA_AN.search(text, max(0, pos - 14), pos))  # "the council is an established group"
        # ("... has recently started", "... was newly formed": after an auxiliary it is said of the subject before)
        new_one = (status == "Introduced" and _INTRODUCED_BEFORE.match(text, pos) is not None
                   and not (text[pos] in "rRnN" and not _NEW_WORD.match(text, pos)
                            and _AUXILIARY_BEFORE.search(text, max(0, pos - 12), pos)))
        if status == "Embedded" and not attributive:
            # "using well-established local networks": a status word right before a noun is said of that noun
            nxt = _NEXT_WORD_AFTER.match(text, word_end(pos))
            # (not after a copula: "the out-of-hours team is a well-established service" says it of its subject)
            attributive = (nxt is not None and nxt.group(1) not in _NOT_A_NOUN
                           and not _COPULA_BEFORE.search(text, max(0, pos - 24), pos))
        attributive = attributive or new_one or (
            # "the DfE on a pilot for family group conferences": the pilot is of what follows, not of who runs it
            status == "Piloted" and text[pos:word_end(pos)].lower() == "pilot"
            and _PILOT_OF.match(text, word_end(pos)) is not None)
        for s, e, key in mentions:
            if e <= pos and attributive:
                continue
            if e <= pos:
                gap = pos - e
                if gap > 30 and _DATED_ASIDE.match(text, e, pos):
                    gap = 30  # "The family help model, introduced in September 2024, is well embedded"
                if gap <= 30 and not _STATUS_CLAUSE_BREAK.search(text, e, pos) and (best is None or gap < best[0]) \
                        and not _STATUS_OBJECT_BEFORE.search(text, max(0, s - 60), s) \
                        and not (perfect and _PLACE_BEFORE.search(text, max(0, s - 60), s)) \
                        and not _LINK_BETWEEN_BEFORE.search(text, max(0, s - 160), s) \
                        and not (perfect and _OTHER_SUBJECT.search(text, e, pos)
                                 and not _GAP_LINK.search(text, e, pos)):
                    best = (gap, key, (s, e))
            elif s >= pos:
                # (from the end of a long status phrase: "significant investment has been made in the ...")
                gap = s - max(pos, word_end(pos) - 16)
                if gap <= 40 and not _STATUS_CLAUSE_BREAK.search(text, pos, s) and (best is None or gap < best[0]) \
                        and not ((status in _PLACED_STATUSES or (status == "Introduced" and _PASSIVE_END.match(
                            text, word_end(pos) - 2))) and _STATUS_PLACE.search(text, word_end(pos), s)) \
                        and not _STATUS_PARTNER.search(text, word_end(pos), s) \
                        and not (new_one and _NEW_WORD.match(text, pos)
                                 and _NEW_PHRASE_ENDS.search(text, word_end(pos), s)) \
                        and not _STATUS_NEXT_CLAUSE.search(text, pos, s):
                    best = (gap, key, (s, e))
            else:
                best = (0, key, (s, e))  # the word is part of the name ("the digital fingerprinting pilot")
                break
        if best is not None and best[2][1] <= pos and _DOCUMENT_OF_IT.match(text, best[2][1], pos):
            continue  # "a new ‘Staying Put’ policy is being developed": the policy is planned, not staying put
        if best is not None and best[2][0] >= pos and _PART_OF_IT_AFTER.match(text, best[2][1]):
            continue  # "an established LSCB sub-structure exists, but ...": said of the structure, not the board
        if best is not None and best[2][1] <= pos and (
                _ACTIVE_AUX.fullmatch(text, best[2][1], pos)
                or (text[best[2][1]:pos].isspace() and _BARE_ACTIVE.match(text, pos))):
            if low is None:
                low = text.lower()  # (once per document, and only for the few active verbs: the words' own text)
            word = _STATUS.match(low, pos)
            verb_end = word.end() if word is not None else -1
            if word is not None and _ACTIVE_OBJECT.match(text, verb_end):
                if status == "Embedded":
                    continue
                best = next(((0, key, (s, e)) for s, e, key in sorted(mentions) if verb_end < s <= verb_end + 40
                             and not _STATUS_CLAUSE_BREAK.search(text, pos, s)
                             and not _STATUS_NEXT_CLAUSE.search(text, pos, s)), None)
                if best is None:
                    continue
        if status == "Planned":
            # "A small working party is now working to develop a Teenage Safety Strategy": what a plan's verb
            # takes is what is planned, not the subject that plans it.
            # The last such mention is the head of the name ("an Early Help Performance Dashboard": the
            # dashboard, not the theme inside its name).
            planned = next(((s, e, key) for s, e, key in sorted(mentions, reverse=True)
                            if pos < s <= pos + 80 and _PLANNED_OBJECT.search(text, pos, s)
                            and not _STATUS_CLAUSE_BREAK.search(text, pos, s)), None)
            if planned is not None:
                best = (0, planned[2], (planned[0], planned[1]))
            elif best is not None and best[2][1] <= pos and _PLANS_SOMETHING.match(text, word_end(pos)):
                continue  # "the improvement board are establishing the basis for ...": the board plans, and
                # what it plans names nothing (a practitioner check found the board itself "planned")
        if best is not None:
            out.append((best[1], status, best[2]))
            if best[2][1] <= pos and _STATUS_COPULA.fullmatch(text, best[2][1], pos):
                # "Independent visitor and advocacy services are well established": every thing joined to the
                # subject has the status too; not the objects of a preposition ("arrangements with the police,
                # schools and other agencies are well established" are the arrangements')
                joined_to, joined = best[2][0], []
                for s, e, key in sorted(mentions, reverse=True):
                    if e <= joined_to and key != best[1] and _STATUS_JOINED.fullmatch(text, e, joined_to):
                        joined.append((key, status, (s, e)))
                        joined_to = s
                lo = max(0, joined_to - 80)
                opening = max([text.rfind(c, lo, joined_to) for c in ".;:\n"] + [lo - 1])
                if joined and not _PREPOSITION.search(text, opening + 1, joined_to):
                    out += joined
    return out
