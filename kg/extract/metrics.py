"""Metrics: percentages, counts and durations with their indicator phrase, period and comparator.

Example:
    >>> [(m.value, m.unit, m.comparator, m.comparator_value) for m in
    ...  extract_metrics("Agency staff are at 16% against the London average of 26%.", [(0, 58)])][:1]
    [(16.0, 'percent', 'London average', 26.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.measures import measure_for_unit, measure_of
from kg.extract.metadata import _MONTH
from kg.extract.text import opening_filter, rules, word_start_alternation

_R = rules()["metrics"]
_COMPARATORS = "|".join(_R["comparators"])
_COUNT_NOUNS = "|".join(sorted((re.escape(n) for n in _R["count_nouns"]), key=len, reverse=True))
_DURATIONS = _R["duration_units"]
_DUR = "|".join(sorted((re.escape(d) for d in _DURATIONS), key=len, reverse=True))
# Not the end of a range written with a dash ("2015–16", "aged 16-17"): the range is a period or an age; nor
# the thousands of a number whose first digits stand before the comma ("£1,200": the 200 is no number), nor the
# end of a year range broken after its dash ("2014– 15").
_NUM = r"(?<![\w.£/\-–—−])(?<!\d,)(?<!\d\d[-–—−] )(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
# A percentage may end a range ("20–25% of decisions"): the range is read as its upper bound.
_PCT_NUM = r"(?<![\w.£/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_PCT = re.compile(_PCT_NUM + r"\s*(?:%|per\s?cent\b|percent\b)", re.I)
_DURATION = re.compile(_NUM + rf"\s*(?:-|\s)?(?:{_DUR})\b", re.I)
# An amount of money ("a £2,000 moving-on allowance", "£1.4 million of investment"): unit pounds, in pounds.
_MONEY = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(million|m|bn|billion|k)\b)?", re.I)
_MONEY_SCALE = {"million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3}
# A number a measure changed to or is recorded as, with no noun of its own, before a date or the end of a clause:
# "exclusions have risen from previous years, to 132 in 2014/15", "the cases rose to 380 in March 2014", "the
# average is now recorded as 521". (_MONTH[1:] is the month alternation without its capturing bracket.)
_REACHED = re.compile(r"(?:(?:increas|reduc|decreas|declin|fell|fall|rose|ris(?:en|es|ing)|improv|dropp|grown|grew|climb)"
                      r"\w*(?:,? (?:\w+ ){0,4}?)?|, )to (?:only |just |over |almost |nearly )?"
                      + _NUM + r"(?=\s+(?:in|at|by|as at|as of)\s+(?:\d{1,2}\s+)?(?:(?:" + _MONTH[1:]
                      + r"\s+)?(?:19|20)\d\d|\s*[.;,]\s)"
                      r"|\brecorded as " + _NUM + r"(?=\s*[.;,])", re.I)
_REACHED_GATE = re.compile("increas|reduc|decreas|declin|fell|fall|rose|ris(?:en|es|ing)|improv|dropp|grown|grew|climb"
                           "|, to |recorded as")
# A count in brackets after what it counts or after its percentage: "a high number of children (529) are home
# educated", "47% (150) became subject to plans", "(60 or 14% of the total)", "(105 out of 1,340)".
_PERCENT_THEN_BRACKET = re.compile(r"%\s?\(")
_BRACKET_COUNT = re.compile(r"\((?<=[%a-z] \()(\d{1,3}(?:,\d{3})+|\d+)(?=\)|\s+(?:or|out of|of|at)\s)")
_COUNT = re.compile(_NUM + rf"\s+(?:[a-z-]+\s+){{0,2}}?(?:{_COUNT_NOUNS})\b", re.I)
_FIGURE = re.compile(r"(?:figure|total|number|rate|cohort|caseloads?|average) of (?:about |around |approximately )?"
                     + _NUM + r"(?!\s*%)", re.I)
# (With no noun after the base, "402 per 10,000, down from 511", a rate of the children: the reports' rates are.)
_RATE = re.compile(_NUM + r"\s+per\s+(1,000|10,000|100,000|1000|10000|100000)(?:\s+((?:[a-z-]+\s+)?(?:"
                   + _COUNT_NOUNS + r"|population))\b|(?=\s*[,.;:)]|\s+(?:in|at|during|compared|against|and|which|"
                   r"is|was|the)\b))", re.I)
_AGE = re.compile(r"^\s*(?:[-–]|\s)?\s*(?:and|to|or)?\s*(?:\d+\s*)?[-–]?\s*years?[- ]olds?|^-year|^\s*years? of age", re.I)
_PERIOD_BEFORE = re.compile(r"\b(?:last|past|previous|preceding|next|coming|following|first)\s*$", re.I)
_NOT_METRIC_BEFORE = re.compile(
    r"\b(?:section|page|per|paragraph|para|phase|quarter|outcome|key stage|stage|tier|level|act|regulations?|article|"
    # a school year ("year 11"), but not a number after "this year" or "last year" ("this year 139 audits")
    r"aged|age|ages|step|version|chapter|room|floor|wave|grade|no\.|"
    # a frequency or a group, not a count of anything: "one out of every ten cases", "a family of three children"
    r"every|family of|sibling groups? of|"

    r"(?<!this )(?<!last )(?<!next )(?<!that )(?<!each )(?<!past )(?<!the )(?<!every )years?)\s*$"
    # an age with its qualifier: "care leavers aged over 21", "under the age of 18", "ages of 16 and 17"
    r"|\b(?:aged?|ages)\s+(?:of|over|under|between|from|below|above|up to)\s*$"
    # the top of an age range in words: "children aged eight to 12 years"
    r"|\b(?:aged?|ages)\s+(?:between\s+)?[a-z]+\s+(?:and|or|to)\s*$"
    # ... or after the people it qualifies: "care leavers over 21 are offered", "children under five"
    r"|\b(?:care leavers?|young people|young persons?|young adults?|children|those|adults|population)\s+(?:over|under|older than|"
    r"younger than)\s*$"
    # the second of a pair or range after such a word: "sections 20 and 31", "aged 14 to 23", "aged 16 and 17"
    r"|\b(?:sections?|paragraphs?|aged?|ages|stages?|tiers?|levels?|chapters?|pages?|phases?|steps?|outcomes?|(?:in|school) years)"
    r"\s+(?:of\s+|between\s+)?\d+[A-Za-z]?(?:\s*,\s*\d+[A-Za-z]?)*\s*(?:and|or|to|-|–|—)\s*$",
    re.I,
)
# A heading's number, not a count: a grade table's "2.2 Experiences and progress of care leavers", a contents
# line's "Recommendations 7" ("... local authority area 5 Recommendations 7").
_SECTION_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}$")
_PAGE_AFTER = re.compile(r"\s+\d{1,3}\b")
_BARE = re.compile(_NUM + r"(?=\s*(?:\(|lived|live|were|was|had|have|are|is|received|attended|at the end|of whom|"
                   r"in total|altogether|remain|ceased|returned|children|young|out of|"
                   r"of (?:the|its|their|these|those)\b(?! (?:most|best|first|last|same)\b)|"
                   # a value with its earlier one: "take-up of Staying Put is 18, up from seven"
                   r",?\s*(?:up|down) from\b))", re.I)
_WORD_NUMBERS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100})
# Number words from one up, with the tens and units written together ("sixty-eight", "twenty one").
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORD_VALUES = {**{k: v for k, v in _WORD_NUMBERS.items() if k != "zero"},
                       **{f"{t}{sep}{u}": _WORD_NUMBERS[t] + _WORD_NUMBERS[u] for t in _TENS for sep in ("-", " ")
                          for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}}
# "14 out of the 33 cases", "seven of the 12 children": the first number is the count, the second what it is out
# of (annotators write the pair as the value and its comparator "out of 33"), never a figure of its own.
_OUT_OF_WORD = "|".join(sorted((k for k in _NUMBER_WORD_VALUES), key=len, reverse=True))
_OUT_OF = re.compile(rf"(?<![\w.£/-])(\d{{1,3}}(?:,\d{{3}})+|\d+|{_OUT_OF_WORD})\s+"
                     r"(?:\(\s*\d{1,3}(?:\.\d)?\s*(?:%|per\s?cent)\s*\)\s+)?"  # "six (46%) of the 13"
                     rf"(?:out\s+)?of\s+"
                     rf"(?:the\s+|these\s+|those\s+|all\s+|a\s+(?:potential|possible|total\s+of)\s+)?(?:current\s+|total\s+|remaining\s+)?"
                     rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|{_OUT_OF_WORD})\b(?!\s*%|\s*per)",
                     re.I)
# (Not through "in" and another number: the "one" of "one in five children" counts nothing, the five is a share.)
_WORD_COUNT_TAIL = (r"(?!\s+in\s+(?:\d|(?:" + "|".join(k for k in _WORD_NUMBERS if k not in {"zero", "one"}) + r")\b))"
                    rf"(?:\s+(?:[a-z-]+\s+){{0,2}}?(?:{_COUNT_NOUNS})\b"
                    # an item of a looked-after list: "• Four live in residential special schools"
                    r"|(?=\s+(?:live|lives|lived)\s+(?:in|with|outside|out)\b))")
# The units after a number word ("sixty-eight"): only after a tens word is it a number (_NUMBER_WORD_VALUES says).
_UNITS_AFTER = r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
_WORD_COUNT = re.compile(r"(?<![\w-])((?:" + "|".join(k for k in _WORD_NUMBERS if k != "zero") + ")" + _UNITS_AFTER
                         + ")" + _WORD_COUNT_TAIL, re.I)
# A percentage in words ("Seven percent of adoptions", "Ninety-two per cent had ..."): a percentage, not a count.
_PERCENT_WORD_TAIL = r"\s*(?:per\s?cent|percent)\b"
_WORD_PCT = re.compile(r"(?<![\w-])(" + "|".join(sorted(_NUMBER_WORD_VALUES, key=len, reverse=True)) + ")"
                       + _PERCENT_WORD_TAIL, re.I)
# A share said as a fraction of a group ("two-thirds of children", "nearly a quarter of cases", "half of the
# audits"): a percentage, rounded as annotators write it; not a part of a period ("the first half of 2015").
_FRACTIONS = {"two-thirds": 67.0, "two thirds": 67.0, "one-third": 33.0, "one third": 33.0, "a third": 33.0,
              "one-quarter": 25.0, "one quarter": 25.0, "a quarter": 25.0, "three-quarters": 75.0,
              "three quarters": 75.0, "one-half": 50.0, "one half": 50.0, "a half": 50.0, "half": 50.0}
_FRACTION = re.compile(r"(?<![\w-])(?<!first )(?<!second )(?<!last )(?<!latter )(?<!former )("
                       + "|".join(sorted(_FRACTIONS, key=len, reverse=True))
                       + r")(?=\s+of\s+(?!(?:the\s+|this\s+|that\s+)?(?:year|term|month|week|day|century|\d)))", re.I)
_FRACTION_GATE = re.compile("half|third|quarter")
# Any other number (digits or a number word from two up) followed within four words by a plural noun is a
# count of something ("777 open cases", "309 attendees", "seven serious case reviews"): the guidelines count
# every number about the authority's activity, and the named count nouns above cannot list them all.
_NOT_PLURAL = {"quarters", "thirds", "fifths", "halves",  # a fraction ("three quarters of this year")
               "was", "is", "has", "this", "as", "its", "us", "across", "previous", "various", "plus", "thus",
               "less", "unless", "whereas", "always", "perhaps", "besides", "towards", "afterwards", "includes",
               "becomes", "means", "does", "goes", "yes", "bus", "status", "focus", "gas", "process", "access",
               "progress", "success", "awareness", "business", "address", "analysis", "basis", "crisis", "diagnosis",
               # verbs in the third person, the usual false plural after a number
               "remains", "provides", "produces", "shows", "helps", "needs", "works", "takes", "makes", "receives",
               "lives", "comes", "continues", "requires", "ensures", "uses", "gives", "offers", "supports",
               "meets", "reflects", "represents", "describes", "sets", "leads", "follows", "contains", "seems"}
_LINK_WORDS = r"(?!(?:of|the|and|or|to|in|at|by|for|with|from|on|per|than|were|was|are|is|had|have|has)\b)"
_PLURAL_PHRASE = rf"(?:{_LINK_WORDS}[a-z][\w'’-]*\s+){{0,3}}?{_LINK_WORDS}([a-z][\w'’-]*s)\b"
# One scan for number tokens, then the plural phrase matched where each ends (a pattern that searches for
# "number + phrase" itself tries the phrase at every position of every sentence: twice as slow overall).
_NUMBER_TOKEN = re.compile(
    _NUM + r"|(?<![\w-])(" + "|".join(k for k in _WORD_NUMBERS if k not in {"zero", "one"}) + r")\b", re.I
)
_PLURAL_AT = re.compile(r"\s+" + _PLURAL_PHRASE, re.I)
_ANY_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(k for k in _WORD_NUMBERS if k not in {"zero", "one"}) + r")\b",
                              re.I)
_DATEISH = re.compile(rf"^\s*(?:st|nd|rd|th)?\s*{_MONTH}\b", re.I)
_MON = "(?:" + _MONTH[1:]  # the same months, not captured
_PERIOD = re.compile(
    rf"\b(?:in|at|by|during|since|for|from|as of|as at|(?:within|over)(?!\s+(?:19|20)\d\d))\s+((?:the )?(?:(?:end|start|beginning) of (?:the )?)?"
    rf"(?:\d{{1,2}}\s+)?(?:{_MONTH},?\s+)?(?:19|20)\d\d(?:[-–/](?:\d\d){{1,2}})?"  # ("31 March, 2013" too)
    rf"(?:\s+(?:to|–)\s+(?:{_MONTH},?\s+)?(?:19|20)\d\d(?:[-–/](?:\d\d){{1,2}})?)?"  # ("2011 to 2014")
    rf"|(?:the )?(?:last|previous|past|current) (?:year|quarter|month|12 months)|quarter \d(?: to quarter \d)?"
    # "in the past six months", "since the last inspection (November 2012)"
    rf"|the (?:last|previous|past) (?:\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|eighteen|"
    rf"twenty-four) (?:months|years|weeks)"
    rf"|the (?:last|previous) (?:inspection|visit)(?: \((?:{_MON} )?(?:19|20)\d\d\))?"
    rf"|the time of (?:this|the) (?:inspection|visit))"  # "at the time of this inspection, 223 children ..."
    # "between April and June 2016"
    rf"|\bbetween\s+(?P<between>{_MON}(?:\s+(?:19|20)\d\d)?\s+and\s+{_MON}\s+(?:19|20)\d\d)",
    re.I,
)
# A comparator and its value, a year between them passed over ("the national figure for 2012-13 of 11%").
_CMP_VALUE = re.compile(rf"((?:the )?(?:{_COMPARATORS}))[^.;%\d]{{0,40}}?"
                        r"(?:(?:19|20)\d\d(?:\s*[-–−/]\s*\d{2,4})?[^.;%\d]{0,30}?)?(?!(?:19|20)\d\d\b)"
                        rf"(?<!per ){_NUM}\s*(%|per ?cent)?", re.I)
# Comparators that are figures for other places, as opposed to an earlier value or a target.
_AREA_COMPARATOR = re.compile(r"nation|england|english|average|neighbour|region|london|similar|comparator|country|core cities",
                              re.I)
_AREA_VALUE_LEAD = re.compile(r"\b(?:of|was|were|is|are|being)\s+(?:(?:about|around|approximately|just over|just under)\s+)?"
                             r"$")
# A value and its comparator, a unit of time between them ("492 days for statistical neighbours").
_VALUE_CMP = re.compile(rf"{_NUM}\s*(%|per ?cent)?(?:\s+per\s+(?:1,000|10,000|100,000)(?:\s+children)?)?"
                        # "61% of care leavers nationally": the group counted, then where
                        rf"(?:\s+(?:{_DUR})\b)?(?:\s+of\s+(?:[a-z-]+\s+){{1,3}}?(?=nationally|in england|across england))?"
                        rf"\s*(?:for|in|across)?\s*"
                        rf"((?:the )?(?:{_COMPARATORS}))", re.I)
_CMP_ONLY = re.compile(rf"(?:above|below|better than|worse than|in line with|higher than|lower than|similar to|"
                       rf"compares? (?:favourably|well|poorly) (?:with|to)|against|than)\s+((?:the )?(?:{_COMPARATORS}))",
                       re.I)
# A date or a year (a school or financial year too) written right after a value: "60 in September 2013",
# "91% in 2013-14", "53 (March 2014)", "494 at 31 March 2016".
_DATE_TEXT = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MON}\s+)?(?:19|20)\d\d(?:\s*[-–−─/]\s*\d{{2,4}})?"
# A part of a year before its date: "in the first quarter of 2012-13", "in the summer term of 2015".
_DATE_PART = r"(?:the end of\s+|the (?:first|second|third|fourth|final|last) quarter of\s+|the \w+ term of\s+)?"
_DATE_AFTER_VALUE = (rf"(?:\s+(?:in|at|during|by|as at|as of)\s+{_DATE_PART}{_DATE_TEXT}"
                     rf"|\s*\((?:at |in |as at )?{_DATE_TEXT}\)"
                     # "from 31% at the previous inspection to 48%": the earlier value's time, named by its event
                     r"|\s+(?:at|in|during|since)\s+the\s+(?:previous|last|prior|earlier)\s+(?:[a-z]+\s+)?(?:inspection|visit))?")
# "from 60 in September 2013 to 40": 60 is the earlier value of 40; also "from 61 weeks in 2012-13 to 25 weeks"
# and "from 35.9% (2013-14) to an in-year figure of 66.7%".
_FROM_TO = re.compile(_NUM + r"\s*(%|per ?cent)?" + r"(?:\s*\(\d{1,3}(?:,\d{3})*\))?"  # "from 31% (90) in 2015-16 to ..."
                      + rf"(?:\s+(?:{_DUR})\b)?" + _DATE_AFTER_VALUE + r"\s+to\s+"
                      + r"(?:(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:figure|level|rate|average)\s+of\s+)?"
                      + r"(?:(?:only|just|about|around|approximately|nearly|almost|over|in excess of) )?"
                      + r"(?<![\w.£/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_WORD_NUMBERS) + r")(?!\w)"
                      + r"\s*(%|per ?cent)?", re.I)
# What may stand between "from" and the earlier value of a change ("from approximately 30", "from a low base of 200").
_FROM_BEFORE = re.compile(r"\bfrom (?:(?:approximately|about|around|nearly|almost|just|only|over) "
                          r"|an? (?:[a-z]+ ){0,2}?(?:base|figure|level|total|average) of )?$", re.I)
_EARLIER_LEAD = (r"(?:the |a )?(?:(?:19|20)\d\d(?:[-–−/]\d{2,4})? )?(?:high point |low point |peak )?(?:higher |lower |previous |earlier )?"
                 r"(?:figure |level |rate )?(?:of )?")
_EARLIER_DATE = rf"(?:\s+(?:in|at|during|as at|on)\s+{_DATE_PART}({_DATE_TEXT}))?"
# "from 60%" after a value, or the number it is compared with ("compared with 74% in April 2017"; rules
# "compared_with"), with "just" or "fewer than" before it ("compared to just 36%").
_EARLIER_TAIL = (_EARLIER_LEAD + r"(?:(?:just|only|about|around|approximately|nearly|almost) )?"
                 r"(?:(?:fewer|less|more) than )?" + _NUM + r"(?:\s*(%|per ?cent))?" + _EARLIER_DATE)
_FROM_EARLIER = re.compile(r"from " + _EARLIER_TAIL, re.I)
_COMPARED_EARLIER = re.compile(r"(?:" + "|".join(_R["compared_with"]) + r") " + _EARLIER_TAIL, re.I)
# In a sentence about the one before, the earlier value may follow other words and be a number word: "This is
# similar to 396 at 31 March 2014", "This is an increase from one at 31 March 2017" (a word or a word other than
# "from" only with its date, read by _follow_on).
# The date may follow what the number counts ("This is lower than the 353 children at 31 March 2016", "unchanged
# from the ten children from 31 March 2012").
_STATED_EARLIER = re.compile(
    r"(?:from|similar to|the same as|compared (?:with|to)|as against|(?:higher|lower|more|fewer|less) than) "
    + _EARLIER_LEAD + r"(?<![\w.£/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(_WORD_NUMBERS) + r")(?!\w)"
    + r"(?:\s*(%|per ?cent))?"
    + rf"(?:(?:\s+[a-z]+){{0,2}}?\s+(?:in|at|during|as at|on|from)\s+{_DATE_PART}({_DATE_TEXT}))?", re.I)
# The earlier value's rate, in brackets after it: "a reduction from 719 (82 per 10,000 children)".
_BRACKETED_RATE = re.compile(r"(?:\s+[a-z][\w'’-]*){0,4}\s*\(\s*(?:a rate of\s+)?" + _NUM
                             + r"\s+per\s+(?:1,000|10,000|100,000)\b")
_FOLLOW_ON = re.compile(_R["follow_on"], re.I)
# A sentence whose subject points back to the one before ("This has risen to 85%", "It was 95% in 2014",
# "Current data shows that this is now 85%"): a value of it that says nothing of what it measures measures what
# the last value of the sentence before does.
_ANAPHORIC_SUBJECT = re.compile(_R["anaphoric_subject"], re.I)
_PREVIOUS_SUBJECT = re.compile(_R["previous_subject"], re.I)
# A sentence that opens with the measure and a comma: "The average number of days between ..., from 2012 to 2015,
# at 635 days, ..."
_OPENING_MEASURE = re.compile(r"\W*(?:the\s+)?((?:average\s+)?(?:proportion|number|percentage|rate|level|take-up)s?\s+of\s+"
                              r"[^,;:()\d]{3,120}?)\s*,", re.I)
_LEADING_NUMBER = re.compile(r"[\d,]*\d(?:\.\d+)?")
_CHANGE_BEFORE = re.compile(r"\b(?:increas|reduc|decreas|declin|fell|fall|rose|risen|rising|grow|grew|drop|improv|"
                            r"went|gone|moved|chang|cut|leap|jump|climb|doubl|halv|shift|slip|soar|plummet)\w*\b[^.;\d]{0,60}(?:from )?$", re.I)
_PER_BASE = re.compile(r"\s+per\s+(?:1,000|10,000|100,000)\b")
# "the ... (NEET) cohort": an acronym right before a one-word indicator.
_ACRONYM_BEFORE_WORD = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)[ \t\n]+$")
# A year or the end of a year range ("2013-14") is a date, never an earlier value or a comparator.
_YEAR_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d\s*[-–−/]\s*$")


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class MetricFact:
    value: float
    unit: str
    indicator: str
    start: int
    end: int
    period: str | None = None
    comparator: str | None = None
    comparator_value: float | None = None
    measure: str | None = None  # a measure of ontology/measures.ttl (kg.extract.measures), from the indicator


def _num(s: str) -> float:
    return float(s.replace(",", ""))


# What a metric measures (its indicator), read in its clause: the counted noun and its verb phrase after a count
# ("231 children were the subject of a plan"), what follows "N% of", or else the subject before the value ("the
# average time to adoption was 538 days", "agency staff (16%)"). Word lists are data (rules "indicator").
_IND = _R["indicator"]
_IND_MAX = int(_IND["max_words"])
_CLAUSE_WORDS = frozenset(_IND["clause_words"])
_REPORTING = frozenset(_IND["reporting_verbs"])
_NOT_AFTER = frozenset(_IND["not_after"])
_LEAD = frozenset(_IND["edge_words"]) | frozenset(_IND["lead_words"])
_TRAIL = frozenset(_IND["edge_words"]) | frozenset(_IND["trail_words"])
_COUNT_VERBS = frozenset(_IND["count_verbs"])
_HEAD_END = _COUNT_VERBS | frozenset({"who", "which", "that", "in", "at", "on", "by", "for", "with", "to", "from",
                                      "of", "whose", "aged", "under", "over"})
_COUNT_HEADS = frozenset(n.split()[-1] for n in _R["count_nouns"])  # "children", "people", "leavers"
_GENERIC = frozenset(_IND["generic_wholes"]) | frozenset(_IND["edge_words"])
# A bracketed value names what it measures just before its bracket, after a linking verb or preposition:
# "met through timely health assessments (84%)", "groups are Pakistani (4%)".
_BRACKET_STOP = frozenset({"are", "is", "was", "were", "through", "by", "include", "includes", "included", "as",
                           "via", "be", "been", "had", "have", "has"})
_VALUE_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)?")  # "sixty-eight" is one token
# Months ("may" only as a verb: "children who may be at risk"; May as a month has its year, a date too).
_MONTH_WORDS = frozenset({"january", "february", "march", "april", "june", "july", "august", "september", "october",
                          "november", "december"})
_YEAR = re.compile(r"(?:19|20)\d\d(?:[–-]\d+)?$")
_FOOTNOTE = re.compile(r"(?<=[a-z])\d+$")
_BRACKETED = re.compile(r"\([^()]*\)")
_ITEM = re.compile(r"•|(?:^|\n)\s*[-–─−]\s")
_APPROXIMATELY = frozenset({"approximately", "about", "around", "only", "just", "nearly", "almost", "over", "under",
                            "some", "roughly", "circa", "c."})
_LINKING = frozenset({"is", "are", "was", "were", "at", "be", "been", "to", "remains", "remained", "reached",
                      "stands", "stood", "of", "totalled"})
_FORWARD_STOP = frozenset(w for word in _CLAUSE_WORDS | _MONTH_WORDS for w in (word, word.capitalize()))
# Punctuation that may end a clause (_is_clause_end says whether it does).
_PUNCTUATION = re.compile(r"[;:•()—─−%.,–-]")
_AND_OR = frozenset({"and", "or"})
# (singular: a figure counts many, so "and has ..." goes on with another subject, "and are ..." with the same one:
# "left care and are now renting their own flats")
_AUXILIARIES = frozenset({"has", "is", "was"})
_NEW_SUBJECTS = frozenset({"managers", "leaders", "staff", "partners", "inspectors", "officers", "councillors",
                           "members", "practitioners"})
_VERBS_AFTER_SUBJECT = frozenset({"have", "had", "are", "were", "ensure", "make", "take", "know", "use", "work"})
_MORE_LESS = frozenset({"more", "less", "fewer", "longer", "shorter", "other"})
# A value that a verb such as "account for" follows states a share of what comes after "of" ("Children from
# minority ethnic groups account for 20% of all children"): what it measures is the subject before it.
_SHARE_OF = frozenset({"for", "up", "represent", "represents", "comprise", "comprises", "constitute",
                       "constitutes"})
_PREPOSITION_ITEM = frozenset({"in", "for", "at", "among", "amongst", "with", "of", "on", "from", "within"})


def _is_number(word: str) -> bool:
    return word[0].isdigit() or word.lower() in _WORD_NUMBERS


# The group a share is of, opening its sentence: "Of the 120 care leavers, ..." (not "Of these, ...").
_OF_GROUP = re.compile(r"^\W*of (?:the |those |these |all )?(?:[\d,]+ )?((?:[\w’'-]+ ){0,5}?(?:care leavers|children|young "
                       r"people|families|cases|referrals|assessments|plans|carers|households|staff|social workers|"
                       r"adopters|placements)\b[^,]{0,40}),\s*", re.I)
# A part of a counted whole said in words before it: "nearly all of the 180 care leavers ...".
_SHARE_OF_BEFORE = re.compile(r"\b(almost all|nearly all|virtually all|all but (?:one|two|three|four|five|a few)|most|"
                              r"the majority|a minority|many|a few|few|half|a third|a quarter|two thirds|three quarters|"
                              r"none|only (?:one|two|three|a few)) of (?:the|these|those|its|their)\s+$", re.I)
_COUNT_VERB = re.compile(r"\b(?:have|has|had|are|is|were|was|live|lived|receive|received|had been|have been|"
                         r"benefit|benefited|attend|attended|need|needed)\b")
# (A digit before "of whom" is a footnote's mark read inline: "17 live in secure homes, 3 of whom".)
_OF_WHOM = re.compile(r"[^,.;]{0,80}?,?\s*(?:\d\s+)?of (?:whom|which|these|those)\s+"
                      r"(?:about |approximately |around |nearly |almost |over )?"
                      r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten)\s*\(\s*)?")  # "of whom one (4%)"
_BRACKET_AFTER_COUNT = re.compile(r"\s*\(\s*")
_EET_LIST = re.compile(r" (?:employment|training|education),? (?:or|and) (?:employment|training|education)\b")


def _is_clause_end(text: str, at: int) -> bool:
    """Whether the punctuation at `at` ends a clause: not a decimal point or a thousands comma ("2.3", "1,000"),
    nor a dash within a word or a range ("asylum-seeking", "2013–14")."""
    c = text[at]
    following = text[at + 1:at + 2]
    if c == "," and _EET_LIST.match(text, at + 1):
        return False  # "not in education, employment or training": one phrase
    if c in ".,–":
        return not following.isdigit()
    if c == "-":
        return not (following.isalnum() and at and text[at - 1].isalnum())
    return True


def _forward(sentence: str, pos: int) -> list[str]:
    """The words from `pos` to the end of the clause (a bracket right at `pos` skipped), up to a date, a
    percentage, a clause word or punctuation. Cut at the first punctuation and split at spaces: a third of the
    time of a token pattern."""
    window = sentence[pos:pos + 200]
    opening = window.lstrip()
    if opening.startswith("("):  # "212 (or 42.3%) live outside the area"
        close = opening.find(")")
        window = opening[close + 1:] if close >= 0 else ""
    cut = next((m for m in _PUNCTUATION.finditer(window) if _is_clause_end(window, m.start())), None)
    words: list[str] = []
    after_digit = after_and = False
    tokens = (window[:cut.start()] if cut else window).split()[:_IND_MAX + 6]
    for i, w in enumerate(tokens):
        if w in _FORWARD_STOP and not (w == "than" and words and words[-1].lower() in _MORE_LESS):
            break
        if w == "and" and words and i + 1 < len(tokens) and tokens[i + 1] in _AUXILIARIES:
            break  # "reaching 71% of nurseries and has had good feedback": the next clause
        if (w == "and" and words and i + 2 < len(tokens) and tokens[i + 1].lower() in _NEW_SUBJECTS
                and tokens[i + 2] in _VERBS_AFTER_SUBJECT):
            break  # "40% of the workforce are new and managers have taken steps to ...": another subject's clause
        if w[0].isdigit():
            if _YEAR.match(w) or after_and:
                break  # a year, or the next value ("and 99% by 42 days")
            after_digit = True
        elif after_digit and w[0].isupper() and not w[1:2].isupper():
            break  # a footnote mark before the next sentence ("area 2 The local authority"); an acronym after a
            # number is what it counts ("of the 13 CAFs sampled")
        elif after_and and w.lower() in _WORD_NUMBERS:
            break
        else:
            after_digit = False
        after_and = w in _AND_OR
        words.append(w)
    return words


def _backward(sentence: str, pos: int) -> tuple[list[str], int]:
    """The words of the clause before `pos`, and where the punctuation opening the clause is (-1: none)."""
    start = max(0, pos - 300)
    opened = -1
    for m in _PUNCTUATION.finditer(sentence, start, pos):
        if _is_clause_end(sentence, m.start()):
            opened = m.start()
    if opened != -1:
        start = opened + 1
    found = sentence[start:pos].split()
    words: list[str] = []
    for k in range(len(found) - 1, -1, -1):
        low = found[k].lower()
        if low == "that" and k and found[k - 1].lower() in _REPORTING:
            return words[::-1], -1
        if low in _CLAUSE_WORDS:
            if _clean(words[::-1]):
                return words[::-1], -1
            words = []  # "the number of children, which now stands at 160": the subject is before "which"
            continue
        words.append(found[k])
        if len(words) > 3 * _IND_MAX:
            break
    return words[::-1], opened


def _clean(words: list[str], cap: int = _IND_MAX, keep_lead: bool = False, tail: bool = False) -> list[str]:
    """Without filler, numbers and dates at the start (unless `keep_lead`), linking words at the end, and at most
    `cap` words: the first ones, or with `tail` the last (a subject read back from its value ends nearest it)."""
    words = [_FOOTNOTE.sub("", w) if w[-1].isdigit() else w for w in words]

    def lead(i: int) -> int:
        while not keep_lead and i < len(words) and (words[i].lower() in _LEAD or _is_number(words[i])
                                                    or words[i].lower() in _MONTH_WORDS):
            i += 1
        return i

    def trail(ws: list[str]) -> list[str]:
        while ws and (ws[-1].lower() in _TRAIL or _is_number(ws[-1]) or ws[-1].lower() in _MONTH_WORDS):
            ws = ws[:-1]
        return ws

    words = words[lead(0):]
    if tail:
        words = trail(words)
        if len(words) > cap:
            words = words[-cap:]
            words = words[lead(0):]
        return words
    return trail(words[:cap])


def _lead_in(text: str, at: int) -> list[str]:
    """The words before the colon that opens a list whose items begin with a preposition ("The proportion of
    children entitled to free school meals: • in primary schools is 7%"), or none."""
    window = _BRACKETED.sub("", text[max(0, at - 400):at])
    colon = window.rfind(":")
    if colon < 0 or any(not re.match(r"\s*[a-z]", item) for item in _ITEM.split(window[colon + 1:])[1:]):
        return []
    words, _ = _backward(window, colon)
    return words


def _before(text: str, s_start: int, sentence: str, rel_start: int) -> list[str]:
    """The subject the value is stated of, read back from it within its clause."""
    words, opened = _backward(sentence, rel_start)
    if opened >= 0 and sentence[opened] == "(" and all(w.lower() in _LEAD or w.lower() in _TRAIL or _is_number(w)
                                                       for w in words):
        close = sentence.find(")", rel_start)
        tail = _forward(sentence, close + 1) if close >= 0 else []
        if tail and tail[0].lower() == "of" and _clean(tail[1:]):
            return _clean(tail[1:])  # "the high percentage (98%) of assessments completed within 45 days"
        outer, _ = _backward(sentence, opened)  # "39 children (7%) having had ...", "592 children ... (a rate of"
        counted = [i for i, w in enumerate(outer) if _is_number(w)]
        if counted:
            head = outer[counted[-1] + 1:]
            if tail and tail[0].lower() not in _NOT_AFTER:
                head = head + tail
            found = _clean(head)
        else:
            cut = max((i for i, w in enumerate(outer) if w.lower() in _BRACKET_STOP), default=-1)
            found = _clean(outer[cut + 1:])
        if found:
            return found
    if opened >= 0 and sentence[opened] in "•-–─−" and words and words[0].lower() in _PREPOSITION_ITEM:
        lead = _clean(_lead_in(text, s_start + opened), 3 * _IND_MAX)
        if lead:
            return _clean(lead + words, _IND_MAX + 4)
    return _clean(words, tail=True)


_COMMA_FROM = re.compile(r"(?:,[ \t\n]*(?:for[ \t\n]+(?:example|instance),[ \t\n]*)?|,)[ \t\n]*from[ \t\n]*$")


def _before_change(text: str, s_start: int, sentence: str, earlier_at: int) -> list[str]:
    """What a change measures, read back from its earlier value, past a comma before "from": "the number of
    children missing from care also fell, from 62 in May to 28 in June"."""
    found = _before(text, s_start, sentence, earlier_at)
    if (not found or found[-1].lower() in {"example", "instance"}) and (
            comma := _COMMA_FROM.search(sentence, max(0, earlier_at - 32), earlier_at)):
        found = _before(text, s_start, sentence, comma.start())
    return found


def _linked(sentence: str, rel_start: int, linking: frozenset[str] = _LINKING) -> bool:
    """Whether a verb or preposition links the value to a subject before it ("agency staff are at 16%", "a rate
    of 14%", "has increased to 97%"): then the words after it are not what it measures ("16% against ...")."""
    for word in reversed(sentence[max(0, rel_start - 60):rel_start].split()):
        low = word.lower()
        if low not in _APPROXIMATELY:
            return low in linking
    return False


def _head(indicator: str) -> str:
    """The counted noun an indicator opens with ("children" of "children were looked after by the council")."""
    words: list[str] = []
    for w in indicator.split()[:5]:
        if w.lower() in _HEAD_END or (w.lower() in _LEAD and w.lower() != "and"):
            break
        words.append(w)
    last = words[-1].lower() if words else ""
    return " ".join(words) if last in _COUNT_HEADS or (last.endswith("s") and last not in _NOT_PLURAL
                                                       and last not in _DURATIONS) else ""


# A share in brackets after how many it is in words: "almost all (98%)", "the largest group (46%)", "six (46%)".
_SHARE_IN_BRACKETS = re.compile(
    r"\b(?:(?:almost|nearly|virtually) all|all|most|(?:the|a) (?:majority|minority)|many|some|(?:a )?few|"
    r"(?:(?:nearly|almost|over|more than|just over|just under|under) )?(?:half|a third|a quarter|two[- ]thirds|"
    r"three[- ]quarters)|(?:the )?(?:largest|biggest|smallest) (?:group|proportion|number)|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,4})\s*\(\s*$", re.I)
_PERCENT_CLOSE = re.compile(r"\s*(?:%|per\s?cent|percent)?\s*\)")
_OF_THE_COUNT = re.compile(r"\s*of\s+(?:the|these|those|its|their)\s+(?:[\d,]+|[a-z]+)\s+(?=[a-z])", re.I)


_FACTOR_IN = re.compile(r"\b(?:was|were|is|are)\s+(?:(?:recorded|identified|noted|cited|present|seen|found)\s+)?"
                        r"(?:as\s+)?(?:an?\s+)?(?:(?:contributing|key|significant|common)\s+)?(?:factor\s+)?in\s+$", re.I)


def _indicator(text: str, s_start: int, sentence: str, rel_start: int, rel_end: int, unit: str,
               counted: str = "", earlier_at: int | None = None) -> str:
    """What a metric measures, in the sentence's words (see _IND above); "value" when nothing says. `counted` is
    the noun of the count just before, for a count with none of its own ("Of these, 377 are engaged");
    `earlier_at` where the earlier value of a change to a percentage starts ("from 61% to 88%")."""
    # "The share of pupils with a current education plan (PEP) is 90%": an acronym in brackets
    # is no clause of its own; blanked (same length, so offsets hold) it no longer cuts the indicator short
    sentence = _BRACKETED_ACRONYM.sub(lambda m: " " * len(m.group()), sentence)
    if earlier_at is not None and unit == "percent" and (found := _before_change(text, s_start, sentence, earlier_at)):
        return " ".join(found)  # "the proportion of reviews held on time has risen from 61% to 88%": read from 61%
    number = _VALUE_TOKEN.match(sentence, rel_start)
    if unit == "percent" and (close := _PERCENT_CLOSE.match(sentence, rel_end)) and _SHARE_IN_BRACKETS.search(
            sentence, max(0, rel_start - 40), rel_start):
        # "Almost all (98%) children in care are up to date with ...", "Six (46%) of the 13 audits were ...": the
        # share in brackets is of what the words after it name (the words before it only say how many)
        of_group = _OF_THE_COUNT.match(sentence, close.end())
        if found := _clean(_forward(sentence, of_group.end() if of_group else close.end())):
            return " ".join(found)
    after = _forward(sentence, number.end() if unit == "count" and number else rel_end)
    first = after[0].lower() if after else ""
    if earlier_at is not None and unit == "count" and (not after or first in _NOT_AFTER or not _clean(after)) and (
            found := _before_change(text, s_start, sentence, earlier_at)):
        # "the number of children in foster care has doubled from 30 in 2016 to 60 in 2017"; "... fell from 62
        # in May to 28 in June": words after the value that say only when are no indicator
        return " ".join(found)
    if unit == "percent" and first == "of" and _linked(sentence, rel_start, _SHARE_OF) and (
            found := _before(text, s_start, sentence, rel_start)):
        return " ".join(found)
    if unit == "percent" and first == "of" and len(after) > 2 and after[1].lower() == "whom" and (
            found := _clean(after[2:], keep_lead=True)):
        # "... care leavers, most of whom live in good homes and 70% of whom are in work or study": what the share
        # is said to be, not the clause before it
        group = _OF_WHOM_GROUP.search(sentence, 0, rel_start)
        return " ".join([*(group.group(1).split() if group else []), "of whom", *found])
    if unit == "percent" and first == "of" and len(after) > 1 and (
            lead := _FACTOR_IN.search(sentence, max(0, rel_start - 60), rel_start)):
        # "Drug misuse was logged as a factor in 6% of assessments": the assessments with it, not all
        subject, whole = _clean(_backward(sentence, lead.start())[0]), _clean(after[1:])
        if subject and whole:
            if subject[0][1:2].islower():
                subject[0] = subject[0].lower()  # the sentence's capital, not a name's
            return f"{' '.join(whole)} with {' '.join(subject)}"
    if unit in ("count", "percent") and first == "of" and len(after) > 1 and after[1].lower() not in {"whom", "which"}:
        found = _clean(after[1:])
        if found and not all(w.lower() in _GENERIC for w in found):
            return " ".join(found)
    elif unit == "percent" and _linked(sentence, rel_start) and (found := _before(text, s_start, sentence, rel_start)):
        return " ".join(found)
    elif unit in ("count", "percent", "pounds") and after and first not in _NOT_AFTER and first != "of":
        found = _clean(after)
        if found and counted and unit == "count" and first in _COUNT_VERBS:
            return f"{counted} {' '.join(_clean(after, _IND_MAX - 2, keep_lead=True))}"
        if found:
            return " ".join(found)
    found = _before(text, s_start, sentence, rel_start)
    if len(found) <= 1 and first in {"between", "from", "for"}:
        found = found + _clean(after)
    if not found:
        found = _clean(after[1:] if first == "of" else after)
    return " ".join(found)[:120] or "value"


# Indicators that say nothing of what was measured ("value" when no words were found; "end" of "at the end of
# March", "average" of "at an average of 32 weeks", "respectively" of "to 43% and 51% respectively", "most
# recent" of "the most recent figure (56% ...)"): the clause around the value is read instead.
_SAYS_NOTHING = frozenset({"value", "end", "last", "start", "beginning", "figure", "total", "average",
                           "respectively", "most recent", "latest", "recent",
                           # a time, not what was measured ("stood at 9% when we visited, at the time of the inspection")
                           "time of the inspection", "time of inspection", "point of inspection",
                           "point of the inspection", "year to date", "years", "year",
                           # a bare word of time ("This increased to 56% during 2014-15": a practitioner check)
                           "during", "in", "by", "at", "currently", "now", "then"})
# An indicator that is only the verb of a change ("..., which rises to 92%"): what changed is said before it.
_CHANGE_ONLY = frozenset({"rises", "rose", "risen", "rising", "falls", "fell", "fallen", "falling", "increases",
                          "increased", "increasing", "decreases", "decreased", "reduces", "reduced", "drops",
                          "dropped", "improves", "improved", "grows", "grew", "climbs", "climbed"})
_BRIDGE_WORDS = _SAYS_NOTHING | {"at", "to", "from", "of", "with", "by", "is", "was", "are", "were", "now", "in"}
# Words that may stand between a value and the clause it completes ("..., which is currently 92%").
_BRIDGING = _BRIDGE_WORDS | _APPROXIMATELY | _LEAD | _TRAIL
_CLAUSE_OPENERS = frozenset(":,–—(")


_COMPARISON_CLAUSE = re.compile(r"\s*(?:(?:much|slightly|well|significantly|just|considerably) )?(?:higher|lower|above|"
                                r"below|better|worse|in line|similar|compared|against|up|down)\b", re.I)


def _indicator_nearby(text: str, s_start: int, sentence: str, rel_start: int, unit: str,
                      earlier: list[MetricFact]) -> str:
    """What a value measures when its own clause does not say: the clause it is attached to ("progression to
    training was low, at 32%", "plans reviewed on time: 95.4%"), the clause after a value that opens the sentence
    ("At 33%, the re-referral rate remains high"), or what the value before it in the sentence, in the same unit,
    measures ("10.8% in October 2014 and 8.7% in October 2015"). "" when none of them says either."""
    opened = -1
    for m in _PUNCTUATION.finditer(sentence, max(0, rel_start - 300), rel_start):
        if _is_clause_end(sentence, m.start()):
            opened = m.start()
    between = [w.lower() for w in sentence[opened + 1:rel_start].split()]
    if opened >= 0 and sentence[opened] in _CLAUSE_OPENERS and all(w in _BRIDGING for w in between):
        found = _before(text, s_start, sentence, opened)
        if found and not all(w.lower() in _GENERIC for w in found):
            return " ".join(found)
    if opened < 0 and all(w in _BRIDGE_WORDS or w in _APPROXIMATELY for w in between):
        comma = sentence.find(",", rel_start, rel_start + 40)
        if comma >= 0 and _COMPARISON_CLAUSE.match(sentence, comma + 1):
            # "At 38%, above the England average of 31%, too many young people ...": past the comparison.
            comma = sentence.find(",", comma + 1, comma + 120)
        if comma >= 0:
            found = _clean(_forward(sentence, comma + 1))
            if found and not all(w.lower() in _GENERIC for w in found):
                return " ".join(found)
    return next((m.indicator for m in reversed(earlier) if m.unit == unit and m.indicator != "value"), "")


_ORGANISATION_COUNT = re.compile(r"(?:[\w-]+ ){0,2}?(?:sub[- ]?groups?|groups|boards|panels|teams|hubs|units|bodies|"
                                 r"forums|committees|partnerships|localities|locality areas|wards|districts|sites|"
                                 r"offices|schools|agencies|organisations|authorities|councils|universities|colleges|"
                                 r"programmes|projects|"
                                 # "six key strategic themes for children looked after": a plan's parts, not children
                                 r"themes|priorities|objectives|principles|strands|workstreams|pillars|aims)\b", re.I)
# "1,000 staff have been trained in the public law outline": staff are counted, so a measure of children or of
# casework found in the rest of the indicator is not what is measured (a practitioner check found the count
# compared as the duration of care proceedings); only the workforce's own measures fit.
_STAFF_COUNT = re.compile(r"(?:(?!in |of |with )[\w-]+ ){0,2}?(?:staff|practitioners|professionals|managers|employees|officers|members of staff|"
                          r"nurses|therapists|psychologists|advisers|advisors|social workers|workers|"
                          # "70 BME foster carer households": the carers are counted, not the children
                          r"(?:foster )?carers?(?: households)?|(?:foster(?:ing)?[- ]carer|fostering) households)\b", re.I)
_STAFF_MEASURES = frozenset({"agency-staff", "vacancies", "staff-turnover", "caseloads", "supervision", "foster-carers"})
# "a 42% increase in the number of children with a plan": a change, not the level of the measure it is of (a
# practitioner check found it compared with another authority's share); not a change from one level to another
# ("reductions in agency staff from 37% to 14%": both are levels).
_CHANGE_INDICATOR = re.compile(r"(?:an? )?(?:[\w-]+ )?(?:increase|rise|reduction|decrease|fall|drop|decline|growth)s? (?:in|of)\b",
                               re.I)
# A full date and its comma right before a number: "At 21 June 2017, 2001 children ..." counts children, and the
# number, though it could be a year, is none.
_DATE_COMMA_BEFORE = re.compile(r"\b(?:19|20)\d\d,\s*$")
_COUNTED_AT = re.compile(r"\s+(?:" + _COUNT_NOUNS + r")\b", re.I)


_OF_WHOM_AFTER = re.compile(r",\s*of\s+(?:whom|these|them)\b", re.I)


def _measure_around(sentence: str, rel_start: int, rel_end: int, indicator: str) -> str | None:
    """What a figure measures when its indicator names no measure: its own clause's measure first ("half of the care
    leavers work or study, and of these a tenth are at university": the half is not about university), else the
    sentence's. (Going without the sentence's measure when the indicator is long, or taking only what comes before
    the value, each lost measure agreement on the tuning gold: 0.783 to 0.759 and 0.776.)"""
    start = max((m.end() for m in _CMP_CLAUSE_BREAK.finditer(sentence, 0, rel_start)), default=0)
    after = _CMP_CLAUSE_BREAK.search(sentence, rel_end)
    own = measure_of(sentence[start:after.start() if after else len(sentence)])
    # (not from a share of them after ", of whom": "48 live with parents, of whom 15% live outside the county" are
    # not placed away; a practitioner check found such counts compared as children placed out of area)
    of_whom = _OF_WHOM_AFTER.search(sentence, rel_end)
    return own or measure_of(sentence[:of_whom.start()] if of_whom else sentence)


def _with_clause(text: str, s_start: int, sentence: str, rel_start: int, noun: str) -> str:
    """A count whose indicator is its bare noun ("children") with what its clause says of it before the value
    ("MACSE considered 137 children": "children (MACSE considered)"), when it says anything."""
    found = _before(text, s_start, sentence, rel_start)
    if not found or all(w.lower() in _GENERIC or _is_number(w) or w == noun for w in found):
        return noun
    return f"{noun} ({' '.join(found)})"


def _literal_openings(alternatives: list[str]) -> tuple[str, ...] | None:
    """The plain text each regex alternative opens with, lower-cased ("statistical neighbours?" ->
    "statistical neighbour"), or None when one opens with regex syntax or holds a letter that is not ASCII."""
    from kg.extract.findings import _alternation  # whether a pattern has a | outside any group

    out = []
    for alternative in alternatives:
        if _alternation(alternative):
            return None  # "a|b" opens with "a" or with "b"
        cut = next((i for i, c in enumerate(alternative) if c in "\\()[]{}?*+|.^$"), len(alternative))
        if cut < len(alternative) and alternative[cut] in "?*+{":
            cut -= 1  # the character before a quantifier may be left out
        opening = alternative[:cut].lower()
        if not opening.strip() or not opening.isascii():
            return None
        out.append(opening)
    return tuple(out)


# Every match of _CMP_VALUE, _VALUE_CMP and _CMP_ONLY holds a comparator, and so the plain text it opens with.
# A sentence whose lower-cased copy holds none of them is not searched (most sentences with a metric). Under
# re.I a letter may also match a character that lower() does not make that letter (dotless i, long s), or
# that lower() makes two characters: such sentences are searched as before.
_COMPARATOR_OPENINGS = _literal_openings(_R["comparators"])
_ODD_CASE = ("\u0131", "\u017f")


def _may_compare(sentence: str, scan: str | None) -> bool:
    """Whether the sentence may hold a comparator (False only when it cannot)."""
    if _COMPARATOR_OPENINGS is None or scan is None or any(c in sentence for c in _ODD_CASE):
        return True
    return any(opening in scan for opening in _COMPARATOR_OPENINGS)


_ALL_PATTERNS = ((_RATE, "rate"), (_PCT, "percent"), (_MONEY, "pounds"), (_DURATION, None), (_COUNT, "count"),
                 (_FIGURE, "count"), (_BARE, "count"), (_BRACKET_COUNT, "count"), (_REACHED, "count"),
                 (_WORD_PCT, "percent"), (_FRACTION, "percent"), (_WORD_COUNT, "count"))
# The same patterns without re.I, run on the lower-cased sentence (about twice as fast; none of them
# needs a capital: months, which do, are only used by the period and comparator patterns).
# Those opening with _NUM open instead with the number's first digit and check the character before it
# there (the engine then skips ahead to the next digit instead of trying the look-behind everywhere), and
# the number words open with their first letter: the same matches in about half the time.
_NUM_AT_DIGIT = r"(\d(?<![\w.£/\-–—−]\d)(?<!\d,\d)(?<!\d\d[-–—−] \d)(?:\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?))"
_PCT_NUM_AT_DIGIT = _NUM_AT_DIGIT.replace("\\-–—−", "")  # a percentage may end a range, as _PCT_NUM


def _lower_variant(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern to run on the lower-cased sentence: without re.I, opening with a digit or a letter."""
    if pattern is _WORD_COUNT:
        words = [k for k in _WORD_NUMBERS if k != "zero"]
        return re.compile("(" + word_start_alternation(words, r"[\w-]") + _UNITS_AFTER + ")" + _WORD_COUNT_TAIL)
    if pattern is _REACHED:
        return opening_filter(pattern)  # its months are capitalised: it keeps re.I
    if pattern is _FRACTION:
        return pattern  # behind its gate; its look-behinds need the words before it
    if pattern is _WORD_PCT:
        words = sorted(_NUMBER_WORD_VALUES, key=len, reverse=True)
        return re.compile("(" + word_start_alternation(words, r"[\w-]") + ")" + _PERCENT_WORD_TAIL)
    if pattern is _PCT:
        return re.compile(_PCT_NUM_AT_DIGIT + pattern.pattern[len(_PCT_NUM):])
    if pattern.pattern.startswith(_NUM):
        return re.compile(_NUM_AT_DIGIT + pattern.pattern[len(_NUM):])
    return re.compile(pattern.pattern)


# Each pattern with its lower-case variant, paired once: a dict keyed by a compiled pattern hashes the whole
# compiled program at every look-up (re.Pattern.__hash__), ~16 us for the number-word alternation, and the
# look-up was made for every pattern of every sentence with a number.
_ALL_PAIRED = tuple((pattern, _lower_variant(pattern), unit) for pattern, unit in _ALL_PATTERNS)
_WORD_PAIRED = tuple(item for item in _ALL_PAIRED if item[0] in (_WORD_COUNT, _WORD_PCT, _FRACTION))
# The period and comparator patterns of a sentence with a metric, in the same spirit: the same matches,
# a quarter to a third less time.
_PERIOD_FAST = opening_filter(_PERIOD)
_CMP_VALUE_FAST = opening_filter(_CMP_VALUE)
# The openings of an earlier or compared value are an alternation of words ("from", "compared with", "lower than"):
# without the look-ahead the pattern is tried at every position (fifteen times slower).
_COMPARED_EARLIER_FAST = opening_filter(_COMPARED_EARLIER)
_STATED_EARLIER_FAST = opening_filter(_STATED_EARLIER)


def _fixed_words(alternative: str) -> str:
    """The longest run of plain text an alternative holds outside its groups, lower-cased ("compared (?:with|to)"
    -> "compared", "(?:higher|lower) than(?= the )" -> "than")."""
    while (inner := re.sub(r"\([^()]*\)", " ", alternative)) != alternative:
        alternative = inner
    return max(re.findall(r"[a-z][a-z ]*[a-z]", alternative.lower()) or [""], key=len)


# A sentence holds a compared number only if it holds one of these words: most sentences are not searched.
_COMPARED_WORDS = tuple(_fixed_words(a) for a in _R["compared_with"])
_VALUE_CMP_FAST = re.compile(_NUM_AT_DIGIT + _VALUE_CMP.pattern[len(_NUM):], _VALUE_CMP.flags)
_FROM_TO_FAST = re.compile(_NUM_AT_DIGIT + _FROM_TO.pattern[len(_NUM):], _FROM_TO.flags)
_NUMBER_WORDS = [k for k in _WORD_NUMBERS if k not in {"zero", "one"}]
# Whether a lower-cased sentence has a number word: at its start, or after a character that is no word
# character, read as the first character of the match (a set the engine skips ahead to: a quarter less time).
_NUMBER_WORD_AT_START = re.compile(word_start_alternation(_NUMBER_WORDS, None) + r"\b")
_NUMBER_WORD_AFTER = re.compile(r"\W" + word_start_alternation(_NUMBER_WORDS, None) + r"\b")
# _NUMBER_TOKEN's two kinds of token as two scans, each opening with its first character: a number token
# is digits or letters, so one kind never overlaps the other and the two scans find what the one finds.
_DIGIT_TOKEN_LOWER = re.compile(_NUM_AT_DIGIT)
_WORD_TOKEN_LOWER = re.compile("(" + word_start_alternation(_NUMBER_WORDS, r"[\w-]") + ")\\b")
_PLURAL_AT_LOWER = re.compile(_PLURAL_AT.pattern)


def _number_tokens(scan: str | None, sentence: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, token, whether digits) of each _NUMBER_TOKEN match in the sentence, in order: from the
    lower-cased copy `scan` in two scans, or from the sentence itself when lower() changed its length."""
    if scan is None:
        return [(t.start(g), t.end(g), t.group(g), g == 1) for t in _NUMBER_TOKEN.finditer(sentence)
                for g in (1 if t.group(1) else 2,)]
    tokens = [(m.start(), m.end(), m.group(), True) for m in _DIGIT_TOKEN_LOWER.finditer(scan)]
    tokens += [(m.start(), m.end(), m.group(), False) for m in _WORD_TOKEN_LOWER.finditer(scan)]
    tokens.sort()
    return tokens


_HUNDREDS = re.compile(r"\b(?:(a|one|two|three|four|five|six|seven|eight|nine)[ \t\n]+)hundred"
                       r"(?:[ \t\n]+and[ \t\n]+(" + _OUT_OF_WORD + r"))?\b", re.I)


_POUNDS_IN_WORDS = re.compile(r"\b(\d+(?:\.\d+)?|" + "|".join(sorted((k for k in _WORD_NUMBERS if k != "zero"),
                                                                    key=len, reverse=True))
                              + r")[ \t\n]+(million|billion|thousand)[ \t\n]+pounds\b", re.I)


def _pounds_as_sterling(sentence: str) -> str:
    """The sentence with each sum in words ("four million pounds", "2.5 million pounds") as "£4 million", padded
    to the same length (a practitioner check found "an additional four million pounds" read as a count of 4)."""
    def sterling(m: re.Match[str]) -> str:
        number = m.group(1).lower()
        value = _WORD_NUMBERS[number] if number in _WORD_NUMBERS else m.group(1)
        scale = {"million": "million", "billion": "billion", "thousand": "k"}[m.group(2).lower()]
        return f"£{value} {scale}".ljust(len(m.group(0)))
    return _POUNDS_IN_WORDS.sub(sterling, sentence)


def _hundreds_as_digits(sentence: str) -> str:
    """The sentence with each number of hundreds written in words ("one hundred and seventeen
    children", "two hundred children") as its digits, padded to the same length, so that the patterns read
    it as one number at the same place (a practitioner check found "One hundred and seventeen" read as 100,
    and "two hundred" is read as two)."""
    def digits(m: re.Match[str]) -> str:
        first = m.group(1).lower()
        head = 1 if first == "a" else _NUMBER_WORD_VALUES.get(first, 0)
        tail = _NUMBER_WORD_VALUES.get(" ".join(m.group(2).lower().split())) if m.group(2) else 0
        if not head or tail is None:
            return m.group(0)
        return str(head * 100 + tail).ljust(len(m.group(0)))
    return _HUNDREDS.sub(digits, sentence)


def extract_metrics(text: str, sentences: list[tuple[int, int]]) -> list[MetricFact]:
    """Every metric in every sentence, with the comparator the sentence gives."""
    out: list[MetricFact] = []
    prev_sentence, prev_from = -2, 0  # the last sentence with metrics, and where its metrics start in `out`
    for n_sentence, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        low = sentence.lower()
        scan = low if len(low) == len(sentence) else None  # offsets must stay those of the sentence
        if scan is not None and "hundred" in scan and (digits := _hundreds_as_digits(sentence)) != sentence:
            sentence, low = digits, digits.lower()
            scan = low
        if scan is not None and "pounds" in scan and (money := _pounds_as_sterling(sentence)) != sentence:
            sentence, low = money, money.lower()  # "four million pounds" read as "£4 million" (same length)
            scan = low
        if _DIGIT.search(sentence):
            patterns = _ALL_PAIRED
            if (spaced := _SPACED_THOUSANDS.sub(r"\1,\2", sentence)) != sentence:
                # "Approximately 62 100 children ... live in Hull": a space for the thousands' comma (same length,
                # so offsets hold); read as two numbers it had made Hull's child population 100
                sentence = spaced
                low = sentence.lower()
                scan = low if len(low) == len(sentence) else None
        elif (_NUMBER_WORD_AT_START.match(scan) or _NUMBER_WORD_AFTER.search(scan) if scan is not None
              else _ANY_NUMBER_WORD.search(sentence)) or _FRACTION_GATE.search(low):
            patterns = _WORD_PAIRED  # number words only ("seven serious case reviews", "half of the audits")
        else:
            continue
        seen: set[int] = set()
        found: list[tuple[int, int, float, str]] = []
        for pattern, lower_pattern, unit in patterns:
            if pattern is _WORD_PCT and "cent" not in low:
                continue  # a percentage in words needs "per cent" or "percent": most sentences have neither
            if pattern is _FRACTION and (not _FRACTION_GATE.search(low) or any(f[3] == "percent" for f in found)):
                continue  # a fraction beside a percentage is its rounding ("almost half ... were BME (49%)")
            if pattern is _REACHED and not _REACHED_GATE.search(low):
                continue  # the words a change to a value needs, looked for as plain text first
            for m in (lower_pattern.finditer(scan) if scan is not None else pattern.finditer(sentence)):
                g = 2 if pattern is _REACHED and m.group(1) is None else 1
                if m.start(g) in seen:
                    continue
                before = sentence[max(0, m.start(g) - 40):m.start(g)]
                if unit != "percent" and (_NOT_METRIC_BEFORE.search(before) or _DATEISH.match(sentence[m.end(g):])):
                    continue
                if unit is None and _PERIOD_BEFORE.search(before):
                    continue  # the period of other figures ("in the last 12 months"), not a duration of anything
                if unit is None and _AGE.match(sentence[m.end(g):]):
                    # An age ("16- and 17-year-olds"), not a duration; one before the number ("under the age of 18")
                    # is _NOT_METRIC_BEFORE's.
                    continue
                if unit == "count" and _heading_number(sentence, m.group(g), m.end(g), m.end(0)):
                    continue
                value = (_NUMBER_WORD_VALUES.get(" ".join(m.group(g).lower().split()), 0)
                         if pattern is _WORD_COUNT or pattern is _WORD_PCT
                         else _FRACTIONS[" ".join(m.group(g).lower().split())] if pattern is _FRACTION
                         else _num(m.group(g)) * _MONEY_SCALE.get((m.group(2) or "").lower(), 1) if pattern is _MONEY
                         else _num(m.group(g)))
                if not value and pattern is _WORD_COUNT:
                    continue  # units after a word that is no tens word ("seven-one")
                if pattern is _WORD_COUNT and _names_something(sentence, m.start(g)):
                    continue
                if unit == "count" and 1900 <= value <= 2100 and "," not in m.group(g) and not (
                        _DATE_COMMA_BEFORE.search(sentence, max(0, m.start(g) - 24), m.start(g))
                        and _COUNTED_AT.match(sentence, m.end(g))):
                    continue
                u = unit
                if unit == "count" and value and _one_in(sentence, m.start(g)):
                    value, u = round(100 / value, 1), "percent"
                if pattern is _RATE:
                    u = f"per {m.group(2)} {m.group(3) or 'children'}"
                if u is None:
                    word = re.search(rf"({_DUR})\b", m.group(0), re.I)
                    u = _DURATIONS.get(word.group(1).lower(), "days") if word else "days"
                if _not_a_figure(sentence, m.start(g), m.end(g), value, u):
                    continue
                seen.add(m.start(g))
                # ("£" included; a share "one in five visits" ends at its number, so that what it counts follows)
                found.append((m.start(0) if pattern is _MONEY else m.start(g),
                              m.end(g) if u == "percent" and unit == "count" else m.end(0), value, u))
        text_for_tokens = scan if scan is not None else sentence
        for start, end, token, digits in _number_tokens(scan, sentence):
            if start in seen:
                continue
            pm = (_PLURAL_AT_LOWER if scan is not None else _PLURAL_AT).match(text_for_tokens, end)
            if not pm:
                continue
            noun = pm.group(1).lower()
            if noun in _NOT_PLURAL or noun in _DURATIONS or _AGE.match(sentence[end:]):
                continue  # a verb, a period of time ("the last two years") or an age
            if _heading_number(sentence, token, end, pm.end()):
                continue
            if _NOT_METRIC_BEFORE.search(sentence[max(0, start - 40):start]) or _DATEISH.match(sentence[end:]):
                continue
            if not digits and _names_something(sentence, start):
                continue
            value = _num(token) if digits else _WORD_NUMBERS[token.lower()]
            if (1900 <= value <= 2100 and "," not in token and not (
                    _DATE_COMMA_BEFORE.search(sentence, max(0, start - 24), start) and _COUNTED_AT.match(sentence, end))
                    ) or _not_a_figure(sentence, start, end, value, "count"):
                continue
            seen.add(start)
            if value and _one_in(sentence, start):
                found.append((start, end, round(100 / value, 1), "percent"))
                continue
            found.append((start, pm.end(), value, "count"))
        out_of = _out_of_pairs(sentence, low, found) if " of " in low else {}
        # "from 60 in September 2013 to 40 in September 2014": 60 is the earlier value of 40, and 40 a value
        # even when nothing counted follows it ("the number of children missing from home reduced from ...").
        from_to: dict[int, tuple[float, int, str | None, bool]] = {}
        if patterns is _ALL_PAIRED:
            for m in _FROM_TO_FAST.finditer(sentence):
                if sentence[max(0, m.start(1) - 4):m.start(1)].lower() == "per ":
                    continue  # "from 35.8 per 10,000 (2013-14) to 22.9": the rate's base is no earlier value
                if (_date_like(sentence, m.start(1), _num(m.group(1)), bool(m.group(2)))
                        or _date_like(sentence, m.start(3), _value_of(m.group(3)), bool(m.group(4)))):
                    continue  # a year, or a span of time up to a date ("in the 12 months to 31 March 2013")
                if _UNIT_AFTER.match(sentence, m.end(1)) and not _UNIT_AFTER.match(sentence, m.end(3)):
                    continue  # "from 61 weeks to 25 weeks", but "in the past 12 months to only one child" is no change
                # A change when dated or after a word of change; "caseloads vary from 29 to 45" and "the offer
                # from 18 to 25" are ranges, with no earlier value.
                when = _date_between(sentence, m.end(1), m.start(3))
                change = bool(when or _CHANGE_BEFORE.search(sentence, max(0, m.start() - 80), m.start()))
                from_to[m.start(3)] = (_num(m.group(1)), m.start(1), when, change)
                later, percent = _value_of(m.group(3)), bool(m.group(4) or m.group(2))
                if (change and m.start(3) not in seen and _FROM_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
                        and not _date_like(sentence, m.start(3), later, percent) and not _AGE.match(sentence[m.end():])):
                    seen.add(m.start(3))
                    found.append((m.start(3), m.end(), later, "percent" if percent else "count"))
        consumed: set[int] = set()
        # The sentence before, or the one before a bracketed aside ("(Figures are rounded to the nearest 5.)").
        after_aside = (prev_sentence == n_sentence - 2
                       and text[sentences[n_sentence - 1][0]:sentences[n_sentence - 1][1]].lstrip().startswith("("))
        if (prev_sentence == n_sentence - 1 or after_aside) and _FOLLOW_ON.match(sentence):
            consumed = _follow_on(sentence, scan, out, prev_from)
            found = [f for f in found if f[0] not in consumed]
        if not found:
            continue
        before_this = out[prev_from:] if prev_sentence == n_sentence - 1 else []  # the sentence before's metrics
        prev_sentence, prev_from = n_sentence, len(out)
        anaphoric = bool(before_this) and bool(_ANAPHORIC_SUBJECT.match(sentence))
        periods = list(_PERIOD_FAST.finditer(sentence))
        cmp_pairs = _comparator_pairs(sentence, scan)
        cmp_only = _CMP_ONLY.search(sentence) if cmp_pairs or _may_compare(sentence, scan) else None
        cmp_value_starts = {p[2] for p in cmp_pairs}
        # A national, regional or neighbours' figure alone in its sentence is not the authority's own: "the
        # national figure for 2012 was 11%", "the national average of 59"; "above the England average at 91%"
        # is the authority's 91%.
        area_values = {p[2] for p in cmp_pairs
                       if _AREA_COMPARATOR.search(p[0]) and _AREA_VALUE_LEAD.search(sentence, 0, p[2])}
        may_compare_with = scan is None or "" in _COMPARED_WORDS or any(w in scan for w in _COMPARED_WORDS)
        earlier_values: set[int] = set()  # numbers read as another value's undated earlier value: no metrics
        for rel_start, rel_end, value, unit in sorted(found):
            if rel_start in earlier_values:
                continue
            comparator = comparator_value = None
            if rel_start in cmp_value_starts and rel_start not in from_to and (len(found) > 1 or rel_start in area_values):
                continue  # the number is itself the comparator of another value, or a figure for elsewhere
            # A comparator's number with a unit is one of a metric in that unit ("11 cases exceed the 26-week
            # target", "16% ... against a threshold of 26 weeks": none for the 11 or the 16).
            # A count read from "an average of 32 weeks" or "a rate of 119 per 10,000" is what its unit says.
            later = []
            if cmp_pairs:
                kind = (_pair_kind(sentence, rel_start, False) or "count") if unit == "count" else _kind(unit)
                later = [p for p in cmp_pairs if p[2] > rel_start and _pair_kind(sentence, p[2], p[3]) in (None, kind)]
            if any(rel_start == v[1] for v in from_to.values()):
                pass  # an earlier value itself: the comparators of the sentence are the later value's
            elif later:
                comparator, comparator_value = " ".join(later[0][0].split()), later[0][1]
                comparator = comparator[4:] if comparator.lower().startswith("the ") else comparator
            elif rel_start in from_to and from_to[rel_start][3]:
                earlier, _, when, _ = from_to[rel_start]
                comparator, comparator_value = (f"earlier value ({when})" if when else "earlier value"), earlier
            else:
                em = _FROM_EARLIER.search(sentence, rel_end)
                if may_compare_with and (compared := _COMPARED_EARLIER_FAST.search(sentence, rel_end)) and (
                        em is None or compared.start() < em.start()):
                    em = compared
                # The earlier value of this metric, not of one named between them ("X% ... within 45 days, up
                # from 60%": 60 is X's), nor a year, nor a percentage for a count.
                # Nor the earlier value of a change to a later one ("after 12 weeks from 120 in 2015-16 to six").
                # A rate's earlier value is the rate in brackets after that value ("1,826 children (a rate of 67 per
                # 10,000) compared with 1,931 (70 per 10,000)": 70 is the 67's, 1,931 the 1,826's, past its rate).
                em_rate = None
                if em and unit.startswith("per ") and not _PER_BASE.match(sentence, em.end(1)):
                    em_rate = _BRACKETED_RATE.match(sentence, em.end(2) if em.group(2) else em.end(1))
                    em = em if em_rate else None
                if (em and em.start() - rel_end < 160
                        and not any(rel_end <= f[0] < em.start() and not _own_rate(sentence, rel_end, f, unit)
                                    for f in found)
                        and em.start(1) not in consumed and _earlier_value_fits(sentence, em, unit)
                        and not any(em.start(1) == v[1] for v in from_to.values())):
                    comparator_value = _num(em_rate.group(1) if em_rate else em.group(1))
                    earlier = em.group().lower().startswith("from")
                    comparator = "earlier value" if earlier else "compared value"
                    comparator = f"{comparator} ({em.group(3)})" if em.group(3) else comparator
                    if earlier and (group := _group_of_origin(sentence, em)):
                        # "74 children from 43 families": where the children come from, not what they were before
                        # (no difference is worked out), and the 43 is a figure of its own
                        comparator, earlier = group, False
                    if earlier and not em.group(3):
                        earlier_values.add(em.start(1))  # "up from 60%": 60 is no value of its own; a number
                        # compared with may be one ("compared to 36% of children nationally")
                elif _CHANGED_TO_FAST.search(sentence, max(0, rel_start - 60), rel_start) and (
                        before := _value_before(sentence, found, rel_start, unit)) is not None:
                    comparator, comparator_value = "earlier value", before
                elif cmp_only and (own := _own_comparison(sentence, rel_start, rel_end, found)):
                    c = " ".join(own.group(1).split())
                    comparator = c[4:] if c.lower().startswith("the ") else c
            if comparator_value is None and rel_start in out_of:
                comparator, comparator_value = f"out of {_fmt(out_of[rel_start])}", out_of[rel_start]
            if any(rel_start == v[1] and not v[2] for v in from_to.values()):
                continue  # "from 7.6% to 86%": 7.6 is the earlier value of 86 ("from 62% in 2013 to ..." is a
                # value of its own too, for its year)
            counted = next((_head(m.indicator) for m in reversed(out) if m.unit == "count"
                            and s_start + rel_start - m.start < 600), "") if unit == "count" else ""
            indicator = _indicator(text, s_start, sentence, rel_start, rel_end, unit, counted,
                                   from_to[rel_start][1] if rel_start in from_to and from_to[rel_start][3] else None)
            if (unit == "count" and out and out[-1].unit == "percent" and out[-1].start >= s_start
                    and _PERCENT_THEN_BRACKET.fullmatch(text, out[-1].end - 1, s_start + rel_start)):
                indicator = out[-1].indicator  # "47% (150) became subject to plans": the count of that percentage
            if (unit == "percent" and (group := _OF_GROUP.match(sentence)) and group.end() <= rel_start
                    and indicator.lower() not in _SAYS_NOTHING and group.group(1).lower() not in indicator.lower()
                    and all(w.lower() in _BRIDGING for w in sentence[group.end():rel_start].split())):
                # "Of the 120 care leavers, 51% are not in education, ...": a share of the group named first
                indicator = f"{' '.join(group.group(1).split())} {indicator}"
            counted_noun = ""
            if (unit == "count" and (share := _SHARE_OF_BEFORE.search(sentence, max(0, rel_start - 40), rel_start))
                    and (verb := _COUNT_VERB.search(indicator)) and verb.start() > 0):
                # "Nearly all of the 180 care leavers have a plan": 180 counts the care leavers, not those with one
                rest, counted_noun = indicator[verb.start():], indicator[:verb.start()].strip()
                indicator = f"{counted_noun} (of whom {share.group(1).lower()} {rest})"
            if (unit in ("percent", "count") and len(out) > prev_from and out[-1].unit == "count"
                    and _OF_WHOM.fullmatch(text, out[-1].end, s_start + rel_start)):
                # "210 live with foster carers, of whom 31% live outside the borough": a share of them; so is
                # a count of them ("1,210 live with foster carers, of whom 140 (11%) live outside the borough")
                indicator = f"{out[-1].indicator}, {indicator}"
            elif (unit == "percent" and len(out) > prev_from and out[-1].unit == "count"
                    and _BRACKET_AFTER_COUNT.fullmatch(text, out[-1].end, s_start + rel_start)):
                indicator = out[-1].indicator  # "140 (11%) live outside the borough": the count's share, in brackets
            elif (len(out) > prev_from and out[-1].unit == unit and out[-1].start >= s_start
                    and (pair := _PARALLEL_BETWEEN.fullmatch(text, out[-1].end, s_start + rel_start))
                    and (own := _PLACE_AFTER.match(sentence, rel_end))):
                # "9% in the assessment teams and 21% in the disabled children's teams": the second is the first's
                # measure for another place, not a measure of the first's place (a practitioner check)
                first = out[-1].indicator
                if pair.group(1).lower().split(None, 1)[1] not in first.lower():
                    out[-1] = replace(out[-1], indicator=f"{first} {' '.join(pair.group(1).split())}")
                indicator = f"{first} {' '.join(own.group(1).split())}"
            if ((unit == "count" or unit.startswith("per ")) and " " not in indicator
                    and indicator.lower() not in _SAYS_NOTHING):
                indicator = _with_clause(text, s_start, sentence, rel_start, indicator)
            if indicator.lower() in _SAYS_NOTHING or indicator.lower() in _CHANGE_ONLY:
                nearby = _indicator_nearby(text, s_start, sentence, rel_start, unit, out[prev_from:])
                if nearby:
                    indicator = f"average {nearby}" if indicator.lower() == "average" else nearby
                elif anaphoric and indicator.lower() != "average":
                    same = [m for m in before_this
                            if _kind(m.unit) == _kind(unit) and m.indicator.lower() not in _SAYS_NOTHING]
                    indicator = same[-1].indicator if same else indicator
                elif n_sentence and not before_this and _ANAPHORIC_SUBJECT.match(sentence) and (
                        subject := _PREVIOUS_SUBJECT.search(text, *sentences[n_sentence - 1])):
                    # "Leaders raised the proportion of young adults in work. This is 22%": what the sentence
                    # before is about, when it names a measure and gives no figure of its own
                    indicator = " ".join(_clean(subject.group(1).split()))
                elif indicator.lower() == "value" and (own := _OPENING_MEASURE.match(sentence, 0, rel_start)):
                    # "The mean wait in days from entering care to adoption, over 2014 to 2017, at 520
                    # days, ...": the measure the sentence opens with (a practitioner check found "value")
                    indicator = " ".join(_clean(own.group(1).split()))
            if (anaphoric and unit == "percent" and _OF_POPULATION.match(sentence, rel_end)
                    and (counts := [m for m in before_this if m.unit == "count"])):
                # "About 41,000 children live in the borough. This is 19.5% of the whole population": the share the
                # count before is of the population (practitioner checks found it read as the population's own)
                indicator = f"{counts[-1].indicator} (share of the total population)"
            if _ALL_BAR_BEFORE.search(sentence, max(0, rel_start - 16), rel_start):
                # "in touch with all but three care leavers": the three are those left out (a practitioner check
                # found them read as the care leavers in touch)
                indicator = f"all but: {indicator}"
            if comparator is None and (moved := _comparison_as_indicator(sentence, rel_start, indicator)):
                indicator, comparator = moved
            elif (comparator is not None and _AREA_COMPARATOR.search(indicator) and _COMPARISON_OPENING.search(indicator)
                  and (subject := _PREVIOUS_SUBJECT.search(sentence, 0, rel_start))
                  and len(named := _OF_MEASURE.sub("", " ".join(subject.group(1).split())).split()) > 1
                  and named[-1].lower() not in {"who", "which", "that", "whose"}):
                # "Plans have risen ... and are now nearer the neighbours' average, 41% against 46%": what the
                # sentence is about, not the comparison it is in
                indicator = " ".join(named)
            if indicator.lower() in _QUANTIFIERS and (of := _OF_AFTER_VALUE.match(sentence, rel_end)):
                # "The great majority, 83%, of children in care go to good schools": what follows "of"
                found_after = _clean(_forward(sentence, of.end()))
                if found_after:
                    indicator = " ".join(found_after)
            if " " not in indicator and (at := sentence.rfind(indicator, 0, rel_start)) > 0 and (
                    acr := _ACRONYM_BEFORE_WORD.search(sentence, max(0, at - 16), at)):
                # "a fall in the ... (NEET) cohort to 12%": the NEET cohort, not a cohort (a practitioner check
                # found it compared as care leavers in education)
                indicator = f"{acr.group(1)} {indicator}"
            doubted = _DOUBT_BEFORE.search(sentence, max(0, rel_start - 90), rel_start)
            if doubted:
                # "The council cannot yet be sure that 300 care leavers get the help they need": the report
                # doubts it; stored as a fact it said the opposite (a
                # practitioner check), so it is marked and aligned with no measure
                indicator = f"not assured: {indicator}"
            targeted = (_TARGET_BEFORE.search(sentence, max(0, rel_start - 40), rel_start)
                        or _TARGET_AFTER_VALUE.match(sentence, rel_end))
            if targeted and not doubted:
                # "just below its target of 40 approved adopters": what is aimed at, not achieved (practitioner
                # checks AE and AF found targets compared as adoptions and new households)
                indicator = f"target: {indicator}"
            in_range = (rel_start in from_to and not from_to[rel_start][3]
                        and _RANGE_BEFORE.search(sentence, max(0, from_to[rel_start][1] - 30), from_to[rel_start][1]))
            if in_range:
                # "rates that range from 6% to 48% between wards": the top of a spread, no figure of the whole (a
                # practitioner check found it compared as the city's child poverty rate); no measure to align it by
                indicator = f"{indicator} (top of a range from {_fmt(from_to[rel_start][0])})"
            out.append(MetricFact(
                value=value,
                unit=unit,
                indicator=indicator,
                start=s_start + rel_start,
                end=s_start + rel_end,
                # An earlier value's own time, read with the change ("from 31% at the previous inspection to ..."),
                # else the period said of it
                period=next((v[2] for v in from_to.values() if v[1] == rel_start and v[2]), None)
                or _period_of(sentence, periods, rel_start, rel_end, found),
                comparator=comparator,
                comparator_value=comparator_value,
                # What the indicator names, else what the sentence is about ("weeks", "social workers" in a
                # sentence on care proceedings or agency staff).
                # "Two sub groups of the board oversee the work on children missing from home": groups are
                # counted, not children (a practitioner check found it compared as children missing)
                measure=None if in_range or doubted or targeted or (
                    unit == "count" and _ORGANISATION_COUNT.match(indicator)) or (
                    unit == "percent" and _CHANGE_INDICATOR.match(indicator) and not from_to) or (
                    indicator.startswith("all but:"))  # those left out measure nothing of the whole
                else measure_for_unit(
                    measure_of(counted_noun) if counted_noun
                    else measure_of(indicator) or (None if _INVERTED.search(indicator)
                                                   else _measure_around(sentence, rel_start, rel_end, indicator)),
                    unit),
            ))
    for i, m in enumerate(out):
        if m.unit == "count" and m.measure and m.measure not in _STAFF_MEASURES and _STAFF_COUNT.match(m.indicator):
            out[i] = replace(m, measure=None)
    return _list_periods(text, out)


# A list's lead-in that gives the time of every item under it ("In the last 12 months:", "The data below refer to
# the performance as of 31 March 2013:", "Between April and December 2013:"), on a line of its own ending in a
# colon, then items each on a line opening with a bullet.
_LIST_PERIOD = re.compile(
    r"^[ \t]*(?:•[ \t]*)?[^\n:]{0,80}?\b((?:in|during|over)\s+the\s+(?:last|past|previous)\s+(?:\d+|[a-z]+)\s+(?:months?|years?|weeks?)"
    rf"|(?:at|as\s+(?:of|at)|on|in|during|between)\s+{_DATE_TEXT}(?:\s+(?:and|to)\s+{_DATE_TEXT})?"
    rf"|between\s+{_MON}(?:\s+(?:19|20)\d\d)?\s+and\s+{_MON}\s+(?:19|20)\d\d)"
    r"(?:[ \t]+(?:there\s+(?:have|has)\s+been|there\s+(?:were|was)|the\s+following|we\s+(?:have\s+)?(?:seen|had)))?"  # "... months there have been:"
    r"[ \t]*:[ \t]*$", re.I | re.M)
# Or a sentence that opens with the date and leads into the list ("At 31 March 2014, 793 children were looked after
# ... Of this number:", over a few lines and a sentence on the change since: a practitioner check found a list's
# nine figures undated): the items are parts of that day's figure.
_LIST_PERIOD_SENTENCE = re.compile(
    rf"^[ \t]*(?:•[ \t]*)?(?:at|as\s+(?:of|at)|on)\s+({_DATE_TEXT}),[^•]{{0,400}}?\b(?:of\s+(?:this|these|them|whom)"
    r"(?:\s+(?:number|children|young\s+people))?|of\s+the\s+[\d,]+\s+[a-z]+(?:\s+[a-z]+)?)[ \t]*:[ \t]*$", re.I | re.M)
_LIST_ITEM = re.compile(r"\n[ \t]*•[^\n]*")
# What a page break puts inside a list: a page number on its own line, a footnote's number and its text.
_LIST_PAGE_BREAK = re.compile(r"(?:\n[ \t]*\d{1,3}[ \t]*(?=\n)(?:\n[ \t]*[A-Z][^\n•]{0,400}"
                              r"(?=\n[ \t]*(?:\d{1,3}[ \t]*\n|•)))?){1,3}")
_LEAD_PREPOSITION = re.compile(r"^(?:at|as (?:of|at)|on|in|during|over)\s+(?:the\s+)?", re.I)


def _list_periods(text: str, metrics: list[MetricFact]) -> list[MetricFact]:
    """Give the metrics of a bulleted list with no period of their own the period of the list's lead-in: each
    item of "In the last 12 months: • 31 children were adopted • ..." is a figure of those 12 months (two
    practitioner checks found the period lost from every item of older reports' context lists)."""
    if not any(m.period is None for m in metrics) or ":" not in text:
        return metrics
    spans: list[tuple[int, int, str]] = []
    leads = sorted([*_LIST_PERIOD.finditer(text), *_LIST_PERIOD_SENTENCE.finditer(text)], key=lambda m: m.start())
    for lead in leads:
        end = lead.end()
        while True:
            item = _LIST_ITEM.match(text, end)
            if item is None and (brk := _LIST_PAGE_BREAK.match(text, end)) is not None:
                item = _LIST_ITEM.match(text, brk.end())  # the list goes on after the page break
            if item is None or item.group().rstrip().endswith(":"):
                break  # (an item ending in a colon opens a list of its own: "• In the last 12 months:")
            end = item.end()
        if end > lead.end():
            period = _LEAD_PREPOSITION.sub("", " ".join(lead.group(1).split()))
            spans.append((lead.end(), end, period))
    if not spans:
        return metrics
    out = []
    for m in metrics:
        if m.period is None:
            period = next((p for a, b, p in spans if a <= m.start < b), None)
            if period:
                m = replace(m, period=period)
        out.append(m)
    return out


# A share named by a word before the value and the group after it: "the large majority, 76%, of children".
_QUANTIFIERS = frozenset({"majority", "large majority", "vast majority", "great majority", "minority",
                          "small minority", "most", "a few", "few", "many", "proportion", "share"})
_OF_AFTER_VALUE = re.compile(r"\s*(?:%|per ?cent)?\s*[,)]\s*of\s+", re.I)
# "better than the rates for care leavers nationally, at 61%": a comparison said right before the value.
_COMPARISON_CUE = re.compile(r"\b(?:(?:higher|lower|better|worse|greater|more|less|fewer) than|above|below|"
                             r"in line with|similar to|compared (?:with|to)|against)\s+$", re.I)


_SUBJECT_TRAIL = _LINKING | {"remain"}  # the verb left at the end of what stands before a comparison


# "the percentage of children who have had a health assessment in 2014-15": the words after the measure, to its time
_OF_MEASURE = re.compile(r"^(?:proportion|number|percentage|rate|level|take-up)s? of |[ \t]+(?:in|during|for|by)[ \t]+"
                         r"(?:\d{4}(?:[-–/]\d{2,4})?|the (?:last|past) (?:\w+ )?(?:months?|years?))$", re.I)
_COMPARISON_OPENING = re.compile(r"\b(?:closer|nearer|above|below|higher|lower|better|worse|similar|in line|"
                                 r"on a par)\b", re.I)


def _comparison_as_indicator(sentence: str, rel_start: int, indicator: str) -> tuple[str, str] | None:
    """When the words before a value are the comparison it is in ("The share of care leavers in work or study is
    better than the rates for care leavers nationally, at 61%"), the indicator is what stands before the
    comparison and the comparison is the comparator (a practitioner check read such a figure as the national
    average). None when the indicator is no comparison."""
    if not indicator or not _AREA_COMPARATOR.search(indicator):
        return None
    at = sentence.rfind(indicator, 0, rel_start)
    cue = _COMPARISON_CUE.search(sentence, max(0, at - 40), at) if at > 0 else None
    if cue is None:
        return None
    subject = _clean(sentence[:cue.start()].split())
    while subject and subject[-1].lower() in _SUBJECT_TRAIL:
        subject = subject[:-1]
    if not subject:
        return None
    return " ".join(subject), f"{' '.join(cue.group().split())} {indicator}"


# Two values of one measure for two places or groups: "9% in the assessment teams and 21% in ...".
_PARALLEL_BETWEEN = re.compile(r"\s*(?:%|per ?cent)?\s+((?:in|for|among|across|within|at)\s+[a-z][^,;.\d()]{1,60}?),?"
                               r"\s+(?:and|while|whereas|but|compared with|against)\s+(?:(?:just|only|about|around|"
                               r"nearly|almost)\s+)?", re.I)
_PLACE_AFTER = re.compile(r"\s*(?:%|per ?cent)?\s+((?:in|for|among|across|within|at)\s+[a-z][^,;.\d()]{1,60}?)"
                          r"(?=\s*[,;.)]|\s+(?:and|while|whereas|but|respectively)\b|\s*$)", re.I)


def _period_of(sentence: str, periods: list[re.Match[str]], rel_start: int, rel_end: int,
               found: list[tuple[int, int, float, str]]) -> str | None:
    """The period of the value at rel_start: one said right after it ("14% in 2008-09"), else one said before it
    and after the value before it that is not that value's own ("in 2013-14, 4% ..."), else the sentence's first.

    "Offending has declined from 14% in 2008-09 to 4% in 2013-14": the 4% is 2013-14's; the sentence's first
    period was given to every value of it."""
    if not periods:
        return None
    own = next((m for m in periods if _follows(sentence, rel_end, m)), None)
    if own is not None:
        return _period_text(own)
    prev = max((f[1] for f in found if f[1] <= rel_start), default=0)
    before = [m for m in periods if prev <= m.start() and m.end() <= rel_start and not _claimed(sentence, m)]
    if before:
        return _period_text(before[-1])
    # The sentence's first period, unless it is a value's compared with ("Currently 21% ..., compared with 13% in
    # 2014-15": the 21% is today's, not 2014-15's; a practitioner check).
    return None if _compared_claim(sentence, periods[0]) else _period_text(periods[0])


def _period_text(m: re.Match[str]) -> str:
    """A period as its words say it: "since 2012" is all the years from 2012, not 2012 (a practitioner check found
    ten reviews published since 2012 stored as 2012's)."""
    text = m.group(1) or m.group("between")
    return f"since {text}" if m.group(0)[:5].lower() == "since" and text else text


def _claimed(sentence: str, period: re.Match[str]) -> bool:
    """Whether `period` is said right after some number, and so is that number's ("from 599 in 2013-14 to 484")."""
    numbers = list(_NUMBER_END.finditer(sentence, max(0, period.start() - 30), period.start()))
    return bool(numbers) and _follows(sentence, numbers[-1].end(), period)


_COMPARED_LEAD = re.compile(r"\b(?:compared (?:with|to)|(?:up |down )?from|than|against|rather than|versus|vs)\b"
                            r"[^.;\d]{0,30}$", re.I)


def _compared_claim(sentence: str, period: re.Match[str]) -> bool:
    """Whether `period` is said right after a number that a comparison introduces ("compared with 13% in 2014-15",
    "up from 60% in 2015"): the period of that earlier or other figure, not of the sentence."""
    numbers = list(_NUMBER_END.finditer(sentence, max(0, period.start() - 30), period.start()))
    if not numbers or not _follows(sentence, numbers[-1].end(), period):
        return False
    start = numbers[-1].start()
    while start > 0 and (sentence[start - 1].isdigit() or sentence[start - 1] in ",."):
        start -= 1
    return bool(_COMPARED_LEAD.search(sentence, max(0, start - 50), start))


def _follows(sentence: str, value_end: int, period: re.Match[str]) -> bool:
    """Whether `period` is said right after a value ending at value_end: within 30 characters, with no number or
    semicolon between, and not as where a change started ("an increase from the previous year of 89")."""
    return (value_end <= period.start() < value_end + 30
            and not _DIGIT_OR_SEMICOLON.search(sentence, value_end, period.start())
            and not period.group(0).lower().startswith("from"))


_DIGIT_OR_SEMICOLON = re.compile(r"[\d;]|\b(?:but|while|whereas)\b")
_NUMBER_END = re.compile(r"\d(?![\d,.]\d)")


def _own_comparison(sentence: str, rel_start: int, rel_end: int,
                    found: list[tuple[int, int, float, str]]) -> re.Match[str] | None:
    """The comparison ("better than statistical neighbours") that belongs to the value at rel_start: the first
    one after it and before the next value, else, for the sentence's first value, the last one before it
    ("better than statistical neighbours, at 87%").

    "88 days away from the national target, 52 days longer than statistical neighbours and 26 days longer
    than the England average": the neighbours are the 52's, the England average the 26's, neither the 88's
    (the sentence's first comparison was given to every value)."""
    by = _CMP_BY.search(sentence, max(0, rel_start - 80), rel_start)
    if by is not None:
        return by  # "higher than statistical neighbours by three percentage points"
    # The next value bounds the search when a clause break comes between ("88 days away from the target, 52
    # days longer than ..."), not within one clause ("9% experienced three or more placements, which is better
    # than statistical neighbours").
    after = [f[0] for f in found if f[0] > rel_start and _CMP_CLAUSE_BREAK.search(sentence, rel_end, f[0])]
    own = _CMP_ONLY.search(sentence, rel_end, min(after, default=len(sentence)))
    if own is None and not any(f[1] <= rel_start for f in found):
        *_, own = [None, *_CMP_ONLY.finditer(sentence, 0, rel_start)]
    return own


_CMP_BY = re.compile(_CMP_ONLY.pattern + r"\s+by\s+(?:about\s+|around\s+|almost\s+|nearly\s+)?$", re.I)
# (Also the clause a measure is looked for in, _measure_around: a second, narrower definition under the same name
# had once been written for that, and this one silently replaced it; every figure since was measured with this.)
_CMP_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|but|while|whereas)\s")


_RATE_BRACKET_OPEN = re.compile(r"[^()]{0,60}\(\s*(?:a rate of\s+)?")


def _own_rate(sentence: str, end: int, other: tuple[int, int, float, str], unit: str) -> bool:
    """Whether a metric found after a count is that count's rate, in brackets right after it ("1,826 children
    (a rate of 67 per 10,000 children)"), which does not stand between the count and its earlier value."""
    return (unit == "count" and other[3].startswith("per ")
            and bool(_RATE_BRACKET_OPEN.fullmatch(sentence, end, other[0])))


# The upper end of an age range ("16 to 18 year-old care leavers", "the 16 to 18 teams", "a 0 to 25 CAMHS service"),
# not "from 16 to 18 children" (a change) nor "an average of 18 to 20 children" (a range of caseloads).
_AGE_RANGE_BEFORE = re.compile(r"(?<!from )(?<!of )(?<!between )\b(\d{1,2})\s*(?:to|-|–)\s*$", re.I)
# What says a figure counts the opposite of the sentence's measure: "most assessments are completed within timescale,
# but a third (33%) take too long" (a practitioner check found such a share compared as assessments on time).
_INVERTED = re.compile(r"\b(?:too long|too late|late|overdue|outside|beyond|out of time(?:scales?)?|not (?:completed )?"
                       r"(?:on time|in time|within))\b", re.I)
_AGE_FROM = re.compile(r"\b(?:from|until|till)\s+$", re.I)
_AGE_BETWEEN = re.compile(r"\bbetween\s+(?:1[6-9]|2[0-4])\s+and\s+$", re.I)
_NO_NOUN_AFTER = re.compile(r"\s*(?:[,.;:)]|$|\s(?:is|are|was|were|years?|and|or|only|if|when|who|for|to|in)\b)", re.I)
# A footnote's marker: "... of the total population in the area (1)."
_FOOTNOTE_MARKER = re.compile(r"\(\d\)\s*[.;:]?\s*$")  # (not _FOOTNOTE, a word's glued mark)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


_ONE_OF_DIGITS = re.compile(r"one\s+(?:out\s+)?of\s+\d", re.I)


def _out_of_pairs(sentence: str, low: str, found: list[tuple[int, int, float, str]]) -> dict[int, float]:
    """For each "X out of Y" count in the sentence: X's start -> Y. Y leaves `found` (it is what X is out of);
    X joins it when only Y was read ("Fourteen out of the 33 cases": a number word opening the sentence)."""
    pairs: dict[int, float] = {}
    for m in _OUT_OF.finditer(low):
        y = next((f for f in found if f[0] == m.start(2) and f[3] == "count"), None)
        if y is None:
            continue
        x_token = m.group(1)
        if x_token == "one" and not _ONE_OF_DIGITS.match(m.group(0)):
            continue  # "one of the six locality teams": the six is the figure; "only one of 20 parents" is a
            # share of the 20
        x_value = _NUMBER_WORD_VALUES.get(x_token) if x_token[0].isalpha() else _num(x_token)
        if x_value is None or x_value > y[2]:
            continue
        found.remove(y)
        if not any(f[0] == m.start(1) for f in found):
            found.append((m.start(1), y[1], x_value, "count"))
            found.sort()
        pairs[m.start(1)] = y[2]
    return pairs


def _not_a_figure(sentence: str, start: int, end: int, value: float, unit: str) -> bool:
    """Numbers that have a figure's shape but measure nothing: the top of an age range, a footnote marker (a
    practitioner check found both among a report's metrics), the threshold of "three or more placements". A
    length of time used as an adjective ("a 24-hour support line", "the 26-week target") stays: annotators count
    it as a figure of the service.

    Practitioner checks of session 22 found more kinds, none of them among the gold files' metrics: a bound
    inside what is measured ("a return home interview within 72 hours", "at least 25 hours of education",
    "looked after for over 28 days", "for 12 months or more", "placed more than 20 miles from home", "five good
    GCSEs"), a time ("the JTAI 10 months ago", "in the nine months before the visit"), an age reached ("when
    they reach 21 years"), a frequency ("meets six times a year"), one person's remark ("one young person
    stating") and the inspectors' own sample ("Inspectors reviewed 11 cases", "in eight cases sampled"; but not
    "seven of the 20 cases sampled", whose seven is a finding and whose 20 is what it is out of)."""
    if _MILES_AFTER.match(sentence, end) or _AGO_AFTER.match(sentence, end) or _WINDOW_AFTER.match(sentence, end):
        return True
    if unit == "count" and _OFSTED_VISITS_AFTER.match(sentence, end):
        return True
    if unit == "count" and value < 100 and _CAPITALISED_BEFORE.search(sentence, max(0, start - 30), start) and \
            _CAPITALISED_AFTER.match(sentence, end):
        return True  # "the Care 4 Children Board": a number inside a name (a practitioner check found it a count)
    if unit == "count" and value < 10 and _FOOTNOTE_BEFORE_OF_WHOM.match(sentence, end) and sentence[
            max(0, start - 2):start] == ", ":
        return True  # "17 live in secure homes,3 of whom 60% ...": a footnote's mark, read inline
    if unit == "percent" and _BRACKET_OF_COMPARATOR.search(sentence, max(0, start - 60), start):
        return True  # "above the national rate (52%)": the comparator's figure, not the authority's (practitioner
        # check AL found it stored as the authority's own rate)
    if unit in ("percent", "count") and (gap := _GAP_TO_COMPARATOR.match(sentence, end)) and (
            unit == "percent" or "point" in gap.group().lower()):
        return True  # "this is 1% above the England average": how far from a comparator, not a figure of its own
        # (a practitioner check found it compared as the authority's value)
    if _ONE_PERSON.match(sentence) and _HIS_OR_HER.search(sentence):
        return True  # "One young person ... now has a 100% attendance record": one child's story, no figure of
        # the service (a practitioner check found it compared as the authority's school attendance)
    if unit not in ("count", "percent") and _COUNT_IN_BEFORE.search(sentence, max(0, start - 20), start):
        return True  # "four in 18 months": the window of a count, not how long anything took
    if unit in ("count", "years") and 16 <= value <= 25 and _TURNING_BEFORE.search(sentence, max(0, start - 16), start):
        return True  # "after they turn 18": an age reached, not a count
    if unit not in ("count", "percent") and _LATER_AFTER.match(sentence, end):
        return True  # "sustained 52 weeks later": when it was measured, not how long anything took
    if unit == "years" and 16 <= value <= 25 and _AGE_CUE_BEFORE.search(sentence, max(0, start - 16), start):
        return True  # an age a care leaver reaches ("when they reach 21 years", "young people over 21 years")
    if unit == "count" and value == 1 and _ANECDOTE_AFTER.match(sentence, end):
        return True  # "with one young person stating ...": what one person said, no count
    if unit not in ("count", "percent") and (_THRESHOLD_BEFORE.search(sentence, max(0, start - 24), start)
                                             or _OR_MORE.match(sentence, _unit_end(sentence, end))):
        return True  # ... or "for 12 months or more", "295 days or less per year"
    if unit == "count":
        if value <= 25 and _AGE.match(sentence[end:end + 24]):
            return True  # "fewer 16- and 17-year-olds now come into care": an age
        if value <= 25 and (m := _AGE_RANGE_BEFORE.search(sentence, max(0, start - 12), start)) \
                and int(m.group(1)) < value:
            return True
        if 16 < value <= 25 and _AGE_BETWEEN.search(sentence, max(0, start - 20), start) and _NO_NOUN_AFTER.match(
                sentence, end):
            return True  # "help between 21 and 25 is offered only to ...": ages, not care leavers
        if 14 <= value <= 25 and _AGE_FROM.search(sentence, max(0, start - 8), start) and _NO_NOUN_AFTER.match(
                sentence, end):
            return True  # "supports children in care from 16 and plans ... at 18": an age, not 16 children
        if value < 10 and start > 0 and _FOOTNOTE_MARKER.match(sentence, start - 1):
            return True
        if _OR_MORE.match(sentence, end):
            return True  # "three or more placements": a threshold inside what is measured
        if _NONE_OF_BEFORE.search(sentence, max(0, start - 16), start):
            return True  # "none of the 13 children achieved ...": the 13 did not; read as 13 it says the opposite
        if _TIMES_A.match(sentence, end) or _GCSES.match(sentence, end) or _TIMES_AS.match(sentence, end) or (
                _TIMES_AFTER.match(sentence, end) and _MORE_THAN_BEFORE.search(sentence, max(0, start - 16), start)):
            return True  # (the five of "five good GCSEs" names the measure, it is not its value)
        if (_SAMPLED_AFTER.match(sentence, end) or _INSPECTORS_BEFORE.search(sentence, max(0, start - 40), start)) \
                and not _OF_THE_BEFORE.search(sentence, max(0, start - 12), start):
            return True
        if value == 1 and _IN_NUMBER_AFTER.match(sentence, end):
            return True  # the "one" of "one in three children": the share is read from the three
        if _INSPECTORS_AFTER.match(sentence, end) or _QUOTED_AROUND.match(sentence, max(0, start - 1)) \
                or _in_quoted_name(sentence, start, end):
            return True  # the inspection team ("two Additional Inspectors"), a name ("the 'three houses' tool")
        if _ONE_OF_BEFORE.search(sentence, max(0, start - 16), start) and _GROUP_OF_PLACES.match(sentence, end):
            return True  # "one of the eight core cities": which group the authority is in
        if _INSPECTIONS_AFTER.match(sentence, end):
            return True  # Ofsted's own visits: no figure of the service
        if (_RATIO_AFTER.match(sentence, end) or (start > 1 and sentence[start - 1] == ":" and sentence[start - 2].isdigit())
                or _TIME_UNIT_AFTER.match(sentence, end)):
            return True  # "1:1 interviews"; "within 72 hours of children returning" is a time, read as one
    # "Figures cover the 12 months up to 30 June 2020": the span the figures cover
    return unit in _TIME_UNITS and bool(_SPAN_UP_TO.match(sentence, _unit_end(sentence, end)))


# "one in three children": the number after "in" is the share's.
_IN_NUMBER_AFTER = re.compile(r"\s+in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty)\b", re.I)
# The inspection team: "two Additional Inspectors from Ofsted", "three HMI".
_INSPECTORS_AFTER = re.compile(r"\s+(?:(?:additional|social care|senior|lead|ofsted|his majesty['’]s|her majesty['’]s)\s+)*"
                               r"(?:inspectors?|HMIs?)\b", re.I)
# A number opening a quoted name: "the ‘three houses’ tool", "‘2 Gether’".
_QUOTED_AROUND = re.compile(r"[‘“'\"][\w-]+(?:\s+[\w-]+){0,3}[’”'\"]")


def _in_quoted_name(sentence: str, start: int, end: int) -> bool:
    """Whether a number stands inside a short quoted name ("the ‘three houses, three islands’ tool", "‘Two Worlds’"):
    an opening curly quote at most 40 characters before it, not closed before it, and its closing quote at most 40
    after it. Straight quotes open and close alike, so only curly ones are read."""
    opening = sentence.rfind("‘", max(0, start - 40), start)
    if opening < 0 or "’" in sentence[opening + 1:start].replace("’s", "").replace("s’ ", ""):
        return False
    closing = sentence.find("’", end, end + 40)
    return closing >= 0 and "‘" not in sentence[end:closing]
_FOOTNOTE_BEFORE_OF_WHOM = re.compile(r"[ \t]+of[ \t]+whom[ \t]+\d{1,3}(?:\.\d+)?[ \t]*(?:%|per[ \t]?cent)", re.I)
# A capitalised word right before the number, not opening its sentence or following a month or a preposition,
# and a capitalised word then another right after it: the number stands inside a name.
_CAPITALISED_BEFORE = re.compile(r"(?<=[a-z,] )(?!(?:January|February|March|April|May|June|July|August|September|"
                                 r"October|November|December|In|On|At|Of|By|For|To|From|With|Some|All|Only)\b)"
                                 r"[A-Z][a-z]+ $")
_CAPITALISED_AFTER = re.compile(r" [A-Z][a-z]+ [A-Z][a-z]+")
_ONE_OF_BEFORE = re.compile(r"\bone\s+of\s+(?:the\s+)?$", re.I)
_GROUP_OF_PLACES = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:cities|boroughs|councils|authorities|areas|regions|counties|"
                              r"districts|unitaries|partners|members)\b", re.I)
# Ofsted's own work ("seven Ofsted monitoring visits"). (What describes the area, "150 languages spoken", stays:
# annotators count it, in 3 tuning reports.)
_INSPECTIONS_AFTER = re.compile(r"\s+(?:ofsted\s+)?(?:monitoring|focused|inspection)\s+visits\b", re.I)


_OR_MORE = re.compile(r"[ \t\n]+or[ \t\n]+(?:more|fewer|less|over|above)\b", re.I)
_UNIT_WORD = re.compile(r"[ \t\n]*-?[ \t\n]*[A-Za-z]+")
# How far, not how many: "placed more than 20 miles from home".
# Ofsted's own visits and inspections ("two subsequent focused visits"): the inspectorate's work, no figure of the
# authority's services (a practitioner check).
_OFSTED_VISITS_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:(?:focused|monitoring)\s+visits|(?:full\s+|standard\s+|short\s+)?"
                                  r"inspections|JTAIs|joint\s+targeted\s+area\s+inspections)\b", re.I)
_MILES_AFTER = re.compile(r"\s*(?:-\s*)?(?:miles?|km|kilometres?|kilometers?)\b", re.I)
# When, not how long: "during the JTAI 10 months ago", "two years ago".
_AGO_AFTER = re.compile(r"\s*(?:-\s*)?(?:years?|months?|weeks?|days?|hours?)?\s+ago\b", re.I)
# The bound a length of time is measured against: "within 72 hours", "at least 25 hours", "for over 28 days".
_THRESHOLD_BEFORE = re.compile(r"\b(?:within|inside|at least|at most|no (?:more|later|longer) than|"
                               r"for (?:over|more than|at least|longer than|up to|fewer than|less than|under))"
                               r"\s+(?:the\s+|a\s+)?$", re.I)
_RATIO_AFTER = re.compile(r":\d")
_TIME_UNIT_AFTER = re.compile(r"\s+(?:hours?|days?|weeks?|months?|years?)\b", re.I)
_TIME_UNITS = frozenset({"hours", "days", "weeks", "months", "years"})
_SPAN_UP_TO = re.compile(r"\s+(?:up\s+to|to|ending|ended)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:19|20)\d\d")
# A span of time before the inspection, not how long anything took: "in the nine months before the visit".
_TURNING_BEFORE = re.compile(r"\b(?:turn|turns|turned|turning|reach|reaches|reached|reaching|after|beyond)\s+$", re.I)
_ONE_PERSON = re.compile(r"\W*(?:one|a|an)\s+(?:young person|child|boy|girl|care leaver|young woman|young man|"
                         r"teenager|baby|parent|mother|father|foster carer)\b", re.I)
_HIS_OR_HER = re.compile(r"\b(?:his|her|he|she|him)\b", re.I)
_LATER_AFTER = re.compile(r"\s*(?:-\s*)?(?:years?|months?|weeks?|days?|hours?)\s+(?:later|afterwards)\b", re.I)
_COUNT_IN_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+in\s+(?:the\s+)?"
                              r"(?:last\s+|past\s+)?$", re.I)
_WINDOW_AFTER = re.compile(r"\s*(?:-\s*)?(?:years?|months?|weeks?|days?)\s+(?:immediately\s+)?(?:prior to|before|"
                           r"preceding|leading up to)\s+(?:the\s+|this\s+)?(?:inspection|visit)\b", re.I)
# An age reached, not a length of time: "when they reach 21 years", "young people over 21 years".
_AGE_CUE_BEFORE = re.compile(r"\b(?:reach(?:es|ed|ing)?|approach(?:es|ed|ing)?|turn(?:s|ed|ing)?|over|under|aged|"
                             r"beyond|until|past|up to(?: the age of)?|age of)\s+$", re.I)
# One person's remark, no count: "with one young person stating ...".
_ANECDOTE_AFTER = re.compile(r"\s+(?:young person|child|parent|carer|foster carer|care leaver|mother|father)\s+"
                             r"(?:stating|saying|said|says|told|describing|described|commented|commenting|explained|"
                             r"reported|reporting|who said|who told)\b", re.I)
# The measure's own number: the five of "five good GCSEs".
_GCSES = re.compile(r"\s+(?:or\s+more\s+)?(?:good\s+)?(?:passes\s+(?:at|in)\s+)?(?:GCSEs?|A\*)", re.I)
# A multiple, not a count: "six times the national average". ("All bar three" counts those left out: the
# indicator says so.)
_TIMES_AS = re.compile(r"\s+times\s+(?:the|as|higher|more|greater|lower|that)\b", re.I)
# A comparator's own figure in brackets: "above the national rate (52%)".
_BRACKET_OF_COMPARATOR = re.compile(r"\b(?:national(?:ly)?|england|(?:the )?(?:national|england|regional) "
                                    r"(?:average|figure|rate|level)|statistical neighbours?|similar (?:areas|"
                                    r"authorities|councils)|comparators?|regional(?:ly)?)\s*\(\s*$", re.I)
# How far from a comparator, not a figure: "2% above the England average", "4 percentage points below".
_GAP_TO_COMPARATOR = re.compile(r"\s*(?:%|per\s?cent|percent)?\s+(?:percentage\s+points?\s+)?(?:above|below|higher than|"
                                r"lower than|better than|worse than)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:average|"
                                r"figure|rate|level|norm|neighbours?|comparators?)\b", re.I)
# "went missing more than five times": a threshold of what is counted, not a count.
_TIMES_AFTER = re.compile(r"\s+times\b", re.I)
_MORE_THAN_BEFORE = re.compile(r"\b(?:more|fewer|less|over|at least)(?:\s+than)?\s+$", re.I)
_OF_POPULATION = re.compile(r"\s*(?:%|per ?cent)?\s+of\s+the\s+(?:total\s+|whole\s+|overall\s+)?population\b", re.I)
_NONE_OF_BEFORE = re.compile(r"\bnone\s+of\s+(?:the\s+|these\s+|those\s+)?$", re.I)
_ALL_BAR_BEFORE = re.compile(r"\ball\s+(?:bar|but|except)\s+$", re.I)
# How often: "meets six times a year".
_TIMES_A = re.compile(r"\s+times?\s+(?:a|per|each|every)\s+(?:year|month|week|day|term|quarter|fortnight)\b"
                      # "six monthly audits", "six-weekly reviews": how often, not how many
                      r"|\s*-?\s*(?:monthly|weekly|yearly|daily|hourly)\b", re.I)
# The inspectors' sample: "in eight cases sampled", "Inspectors reviewed 11 cases".
_SAMPLED_AFTER = re.compile(r"\s+(?:[a-z'’-]+\s+)?(?:cases?|case files|files|records|plans|assessments)\s+"
                            r"(?:that (?:were|inspectors) )?(?:seen|sampled|reviewed|examined|tracked|considered|"
                            r"looked at|audited by inspectors|scrutinised)\b", re.I)
_INSPECTORS_BEFORE = re.compile(r"\binspectors?\s+(?:[a-z]+\s+){0,2}?(?:saw|reviewed|sampled|examined|tracked|"
                                r"considered|looked at|scrutinised|audited|read|(?:met|spoke|talked|engaged)(?:\s+(?:to|with))?)\s+"
                                r"(?:a (?:total|sample) of\s+|over\s+|more than\s+)?$", re.I)
_OF_THE_BEFORE = re.compile(r"\bof\s+(?:the\s+|these\s+|those\s+)?$", re.I)


def _unit_end(sentence: str, end: int) -> int:
    """Where the unit word after a number ends ("12 months" -> after "months")."""
    m = _UNIT_WORD.match(sentence, end)
    return m.end() if m else end


_ONE_IN = re.compile(r"\b(?:one|1)\s+in\s+$", re.I)
_A_LETTER = re.compile(r"[^\W\d_]")


def _names_something(sentence: str, start: int) -> bool:
    """A number word written with a capital inside a sentence (a word stands before it) is part of a name ("the
    ‘Three Houses’ model"), not a figure."""
    return sentence[start].isupper() and bool(_A_LETTER.search(sentence, 0, start))


def _one_in(sentence: str, start: int) -> bool:
    """The number follows "one in": "one in five visits" is a share of the visits (20%), not five visits."""
    return bool(_ONE_IN.search(sentence, max(0, start - 8), start))


def _heading_number(sentence: str, token: str, end: int, phrase_end: int) -> bool:
    """Whether a number before a capitalised phrase numbers a heading ("2.2 Experiences and progress of care
    leavers" in a grade table) or is followed by a page number (a contents line's "5 Recommendations 7")."""
    return sentence[end:end + 3].lstrip()[:1].isupper() and bool(
        _SECTION_NUMBER.match(token) or _PAGE_AFTER.match(sentence, phrase_end))


# A value reached by a change ("... was 93%, and this year it has improved further to 95.5%"): the value of the
# same unit stated before it in the sentence is its earlier value.
_CHANGED_TO = re.compile(r"\b(?:increas|reduc|decreas|declin|fell|fall|rose|ris(?:en|es|ing)|improv|dropp|grown|grew|climb)"
                         r"\w*(?: further| again| significantly| steadily| slightly)? to (?:only |just )?$", re.I)
_CHANGED_TO_FAST = opening_filter(_CHANGED_TO)
_TO_BEFORE = re.compile(r"\bto (?:only |just )?$", re.I)


def _value_before(sentence: str, found: list[tuple[int, int, float, str]], start: int, unit: str) -> float | None:
    """The value in `unit` nearest before `start` in the sentence, unless it was itself reached ("rose to 45% in
    primary schools and to 60% in ..."), or None."""
    before = [f for f in found if f[0] < start and f[3] == unit]
    if not before:
        return None
    nearest = max(before)
    if _TO_BEFORE.search(sentence, max(0, nearest[0] - 20), nearest[0]):
        return None
    return nearest[2]


def _date_like(sentence: str, start: int, value: float, percent: bool) -> bool:
    """Whether a number read as an earlier value or a comparator is a year, the end of a year range ("from 91%
    in 2013-14": the 14 is no value) or a day of a month ("unchanged from 31 March 2012")."""
    if percent:
        return False
    if (value.is_integer() and 1990 <= value <= 2039) or _YEAR_RANGE_BEFORE.search(sentence, max(0, start - 12), start):
        return True
    number = _LEADING_NUMBER.match(sentence, start)
    return bool(number and _DATEISH.match(sentence[number.end():number.end() + 16]))


def _value_of(token: str) -> float:
    """A number written in digits or as a word ("one", "twelve")."""
    return float(_WORD_NUMBERS[token.lower()]) if token[0].isalpha() else _num(token)


_AGED_BEFORE = re.compile(r"\bage[ds]?\s+$", re.I)


def _earlier_value_fits(sentence: str, em: re.Match[str], unit: str | None) -> bool:
    """Whether an earlier value ("from 60%") can be that of a metric in this unit: not a date, not an age ("aged
    from 18 to 21"), no percentage for a count, no count over 100 for a percentage."""
    value, percent = _value_of(em.group(1)), bool(em.group(2))
    if _date_like(sentence, em.start(1), value, percent) or _AGED_BEFORE.search(sentence, max(0, em.start() - 8),
                                                                                em.start()):
        return False
    if unit is None:
        return True
    return (percent and unit == "percent") or (not percent and (unit != "percent" or value <= 100))


_GROUPS_AFTER = re.compile(r"\s+(families|households|homes|schools|sibling groups|agencies|partners|authorities|"
                           r"countries|areas|wards|localities)\b", re.I)
def _group_of_origin(sentence: str, em: re.Match[str]) -> str | None:
    """"from 43 families" after people counted ("74 children from 43 families"): the groups they come from."""
    group = _GROUPS_AFTER.match(sentence, em.end(1))
    if em.group(2) or group is None or not _PEOPLE_FROM.search(sentence, max(0, em.start(1) - 40), em.start(1)):
        return None
    return f"from {em.group(1)} {group.group(1).lower()}"


_PEOPLE_FROM = re.compile(r"\b(?:children|young people|care leavers|adults|parents|carers|siblings|girls|boys|people)"
                          r"\s+from\s+$", re.I)
_EVENT_BETWEEN = re.compile(r"\bthe\s+(?:previous|last|prior|earlier)\s+(?:[a-z]+\s+)?(?:inspection|visit)\b", re.I)


def _date_between(sentence: str, start: int, end: int) -> str | None:
    """The date written between an earlier value and the later one ("60 in September 2013 to 40"), or the
    inspection it was measured at ("31% at the previous inspection to 48%")."""
    m = re.search(_DATE_TEXT, sentence[start:end], re.I) or _EVENT_BETWEEN.search(sentence, start, end)
    return " ".join(m.group().split()) if m else None


_IN_THE_LAST_YEAR = re.compile(r"the last year$", re.I)
# The numbers listed after a comparator's value, up to "respectively".
_LISTED_NUMBER = re.compile(r"(?:,\s*|,?\s+and\s+)" + _NUM + r"\s*(%|per ?cent)?", re.I)
_RESPECTIVE = re.compile(r"(?:(?:,\s*|,?\s+and\s+)" + _NUM + r"\s*(?:%|per ?cent)?)+,?\s+respectively\b", re.I)


_WITH = re.compile(r"\bwith\b", re.I)


def _comparator_pairs(sentence: str, scan: str | None) -> list[tuple[str, float, int, bool]]:
    """(comparator, its value, where the value starts, whether a percentage) for each comparator with a value."""
    if not _may_compare(sentence, scan):
        return []
    # "94% in the last year" is the value of the year just gone, not a comparator ("80% last year" is).
    value_first = [m for m in _VALUE_CMP_FAST.finditer(sentence)
                   if not _date_like(sentence, m.start(1), _num(m.group(1)), bool(m.group(2)))
                   and not _IN_THE_LAST_YEAR.match(m.group(3))]
    # A comparator written after its value ("the 8% England average") is no comparator of the next number.
    named = {m.start(3) for m in value_first}
    pairs = []
    for m in _CMP_VALUE_FAST.finditer(sentence):
        if m.start(1) in named or _WITH.search(sentence, m.end(1), m.start(2)):
            # "with" between the name and the number gives the authority's own figure ("above national averages
            # with 24% in primary schools"), not the comparator's.
            continue
        if _DIFFERENCE_AFTER.match(sentence, m.end(2)):
            continue  # "the national target and 114 days longer than ...": a difference, not the target's value
        if _PART_OF_IT.search(sentence, m.end(1), m.start(2)):
            continue  # "2,000 referrals last year, of which 1,700 led to support": a part of the year's figure
        if _NEXT_CLAUSE_BETWEEN.search(sentence, m.end(1), m.start(2)) or _IN_THE_LAST_BEFORE.search(
                sentence, max(0, m.start(1) - 16), m.start(1) + 1):
            continue  # "adopted within the last year, but 12 children now live with adopters": the year is the period, and
            # the number after "but" another clause's figure (a practitioner check found such a "last year" comparator)
        if _OWNER_BEFORE.search(sentence, max(0, m.start(2) - 30), m.start(2)) and _TARGET_AFTER.match(sentence, m.end(2)):
            continue  # "... the average of similar areas and above Sandbury’s 9% target": its own target
        if (_APPOSED_VALUE.search(sentence, m.end(1), m.start(2))
                and (theirs := _COMPARED_NEXT.match(sentence, m.end(2)))):
            # "nearer the neighbours' average, 41% against 46%": the first figure is the
            # authority's own, the one it is compared to the comparator's (a practitioner check found 48.5% stored
            # as the authority's)
            pairs.append((m.group(1), _num(theirs.group(1)), theirs.start(1), bool(theirs.group(2))))
            continue
        name = m.group(1)
        listed = _RESPECTIVE.match(sentence, m.end())
        if not listed and (nearer := list(_COMPARATOR_NAME.finditer(sentence, m.end(1), m.start(2)))):
            # "better than neighbours and the England average of 20%": the name nearest the figure ("than
            # comparators and England, at 15% and 30% respectively" pairs them in order)
            name = nearer[-1].group()
        pairs.append((name, _num(m.group(2)), m.start(2), bool(m.group(3))))
        if listed:  # "national averages of 18% and 15% respectively": 15 is a national average too
            pairs += [(m.group(1), _num(n.group(1)), n.start(1), bool(n.group(2)))
                      for n in _LISTED_NUMBER.finditer(sentence, m.end(), listed.end())]
    pairs += [(m.group(3), _num(m.group(1)), m.start(1), bool(m.group(2))) for m in value_first]
    return sorted((p for p in pairs if not _date_like(sentence, p[2], p[1], p[3])), key=lambda p: p[2])


_NEXT_CLAUSE_BETWEEN = re.compile(r",?[ \t\n]+(?:but|while|whereas|although)[ \t\n]", re.I)
_IN_THE_LAST_BEFORE = re.compile(r"\b(?:within|in|during|over)[ \t\n]+(?:the[ \t\n]+)?(?=l)", re.I)
_UNIT_AFTER = re.compile(rf"\s*(?:{_DUR})\b", re.I)
_RANGE_BEFORE = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))[ \t\n]+(?:\w+[ \t\n]+)?from[ \t\n]+$", re.I)
_COMPARATOR_NAME = re.compile(rf"\b(?:the )?(?:{_COMPARATORS})", re.I)
_BRACKETED_ACRONYM = re.compile(r"[ \t]?\((?:[A-Z][A-Za-z&]{1,7}|[a-z][A-Z]{2,6})s?\)")
_SPACED_THOUSANDS = re.compile(r"(?<=[A-Za-z] )(\d{1,3})[ \u00a0\u2009\u202f](\d{3})(?![\d,.]|[ \u00a0\u2009\u202f]\d)")
# (A national threshold or expectation is a target too: "slower than the DfE threshold of 121 days" gives the
# authority no figure of 121 days; practitioner checks found it stored as the authority's own.)
_TARGET_BEFORE = re.compile(r"\b(?:requires?|expects?)[ \t\n]+(?:that[ \t\n]+)?$"  # "the CCG requires 80% of ..."
                            # "the expected timescale of 26 weeks" (a practitioner check found it the council's own)
                            r"|\b(?:expected|national|statutory|recommended|required)[ \t\n]+(?:timescales?|standards?|"
                            r"requirements?|expectations?|timeframes?|maximum)[ \t\n]+(?:of[ \t\n]+)?$"
                            r"|\b(?:targets?|aims?|ambitions?|goals?|thresholds?|expectations?)"
                            r"(?:[ \t\n]+for[ \t\n]+\d{4}(?:[–/-]\d{2,4})?)?[ \t\n]+(?:of|to|is|was)[ \t\n]+(?:to[ \t\n]+)?(?:(?:approve|approving|"
                            r"recruit|recruiting|reach|reaching|achieve|achieving|have|having|place|placing|find|"
                            r"finding|increase|increasing|reduce|reducing)[ \t\n]+(?:to[ \t\n]+)?)?(?:(?:about|around|"
                            r"approximately|at least)[ \t\n]+)?$", re.I)
# "the DfE's 426-day target", "the 26-week standard": the figure names the target it belongs to.
_TARGET_AFTER_VALUE = re.compile(r"(?:[- ](?:days?|weeks?|months?))?[ \t\n]+(?:national[ \t\n]+)?(?:target|standard|threshold|"
                                 r"timescale|requirement|limit|expectation)\b", re.I)
_DOUBT_BEFORE = re.compile(r"\b(?:cannot|can not|could not|(?:is|are|was|were) (?:not|unable) (?:able )?to)[ \t\n]+"
                           r"(?:(?:currently|yet|fully|always)[ \t\n]+)?(?:assure|confirm|demonstrate|evidence|show|"
                           r"be (?:sure|confident|certain))[ \t\n]+(?:(?:itself|themselves)[ \t\n]+)?that[ \t\n]+"
                           r"(?:(?:only|just|about|around|approximately|nearly|almost|over|all)[ \t\n]+)?$", re.I)
_PART_OF_IT = re.compile(r"\b(?:from|of|in|among|amongst)[ \t\n]+(?:which|whom|these|those|them)\b", re.I)
_OF_WHOM_GROUP = re.compile(r"\b((?:care leavers|young people|children|families|parents|carers|social workers)"
                            r"(?: looked after| in care)?),[^,;]*$", re.I)
_APPOSED_VALUE = re.compile(r"[,:–—][ \t\n]*$")  # "the neighbours' average, 43.3% ...", not "the average of 71%"
_COMPARED_NEXT = re.compile(r"[ \t]*(?:%|per ?cent)?,?[ \t\n]+(?:compared[ \t\n]+(?:to|with)|against|versus|vs\.?)[ \t\n]+"
                            r"(\d[\d,]*(?:\.\d+)?)[ \t]*(%|per ?cent)?", re.I)
# A number that is an authority's own target ("above Warrington’s 12% target"), not the figure of a comparator
# named before it.
_OWNER_BEFORE = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*[’']s\s+$")
_TARGET_AFTER = re.compile(r"\s*(?:%|per ?cent)?\s+(?:local\s+)?(?:target|ambition)\b", re.I)
# A number that is a difference ("195 days above the national target", "114 days longer than the national
# average", "17 days away from the target", "5 percentage points higher") is no comparator's value: the figure
# it is said of keeps the comparator's name without it. ("Over" and "under" also open periods and ages.)
_DIFFERENCE_AFTER = re.compile(
    rf"\s*(?:%|per ?cent|percentage points?)?(?:[ \t]+(?:{_DUR})\b)?[ \t]+(?:longer|shorter|quicker|faster|"
    r"slower|fewer|more|less|higher|lower|above|below|better|worse|ahead of|behind|away from|short of)\b",
    re.I)


def _pair_kind(sentence: str, start: int, percent: bool) -> str | None:
    """What a comparator's number is, as _kind names it, by what follows it; None for a bare number."""
    if percent:
        return "percent"
    number = _LEADING_NUMBER.match(sentence, start)
    if number is None:
        return None  # a number word
    number_end = number.end()
    if _PER_BASE.match(sentence, number_end):
        return "rate"
    return "duration" if _UNIT_AFTER.match(sentence, number_end) else None


def _kind(unit: str) -> str:
    if unit == "percent" or unit == "count":
        return unit
    return "rate" if unit.startswith("per ") else "duration"


def _follow_on(sentence: str, scan: str | None, out: list[MetricFact], first: int) -> set[int]:
    """Give the metrics of the sentence before ("... 489 children were the subject of a plan.") the earlier value
    or comparator this sentence states about them ("This is a reduction from 494 (67 per 10,000 children) at 31 March
    2016."); returns where the numbers so used start in this sentence, which are no metrics of their own."""
    # Open: no comparator, or one named without its number ("above the national average. This compares with
    # national averages of 18% ...").
    open_ = [j for j in range(first, len(out)) if out[j].comparator_value is None]
    used: set[int] = set()

    def give(kind: str | None, comparator: str, value: float) -> bool:
        fits = [j for j in open_ if kind is None or _kind(out[j].unit) == kind]
        if not fits and kind == "count" and len(open_) == 1:
            fits = open_
        if not fits:
            return False
        j = fits[0]
        out[j] = replace(out[j], comparator=comparator, comparator_value=value)
        open_.remove(j)
        return True

    em = rate = when = None
    for m in _STATED_EARLIER_FAST.finditer(sentence):
        # The earlier value's rate in brackets, before its date or after it ("from 482 at 31 March 2013 (104 per
        # 10,000 children)"); its date may follow the bracket ("similar to 395 (38 per 10,000 children) at ...").
        rate = _BRACKETED_RATE.match(sentence, m.end(2) if m.group(2) else m.end(1)) or (
            _BRACKETED_RATE.match(sentence, m.end()) if m.group(3) else None)
        when = m.group(3)
        if rate and not when:
            after = re.match(rf"[^)]*\)\s*(?:at|in|as at)\s+({_DATE_TEXT})", sentence[rate.end():], re.I)
            when = " ".join(after.group(1).split()) if after else None
        if when or (m.group().lower().startswith("from") and m.group(1)[0].isdigit()):
            em = m
            break
    if em and _earlier_value_fits(sentence, em, None):
        label = f"earlier value ({when})" if when else "earlier value"
        if give("percent" if em.group(2) else "count", label, _value_of(em.group(1))):
            used.add(em.start(1))
        if rate and give("rate", label, _num(rate.group(1))):
            used.add(rate.start(1))
        return used
    for comparator, value, start, percent in _comparator_pairs(sentence, scan):
        kind = _pair_kind(sentence, start, percent) or "count"
        label = comparator[4:] if comparator.lower().startswith("the ") else comparator
        give(kind, " ".join(label.split()), value)
        used.add(start)  # a comparator's number is no metric of its own, whether or not it found its metric
    return used
