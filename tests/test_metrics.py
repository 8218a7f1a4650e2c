"""Metrics: counts of anything the text counts, in digits or words, and what is not a count."""

from __future__ import annotations

from kg.extract.metrics import extract_metrics
from kg.extract.text import sentence_spans


def _values(text: str) -> dict[float, str]:
    return {m.value: m.unit for m in extract_metrics(text, [(0, len(text))])}


def test_counts_of_things_without_a_listed_noun() -> None:
    # Invented sentences: nouns outside the rules' count-noun list still make counts.
    assert _values("There were 777 open cases with domestic abuse as a risk factor.") == {777.0: "count"}
    assert _values("The conference drew 309 attendees from partner agencies.") == {309.0: "count"}
    assert _values("The service has 47 fostering vacancies.") == {47.0: "count"}


def test_number_words_count_even_without_digits() -> None:
    assert _values("Seven serious case reviews have been published.") == {7: "count"}
    assert _values("The board ran two multi-agency audits on missing children.") == {2: "count"}


def test_periods_verbs_and_ages_are_not_counts() -> None:
    assert _values("Over the last two years the service improved.") == {}
    assert _values("Footnote 1 Ofsted produces this report under its powers.") == {}
    assert _values("Support is offered to 16- and 17-year-olds who are homeless.") == {}
    assert _values("In 2015 this was reviewed.") == {}


def test_ages_with_a_qualifier_are_not_metrics() -> None:
    # Invented sentences: the age a group is defined by is no count or duration of the authority's work.
    assert _values("Young people aged over 21 have to ask for help from the leaving care service.") == {}
    assert _values("About 41,000 children under the age of 18 live in the borough.") == {41000.0: "count"}
    assert _values("Some 12% of children aged under 16 years live in low-income families.") == {12.0: "percent"}
    assert _values("Only four care leavers aged over 18 stay with their former foster carers.") == {4: "count"}


def test_a_duration_after_a_word_ending_in_aged_is_kept() -> None:
    # Invented sentences: "managed" and "engaged" end in "aged" but say nothing about an age.
    assert _values("The unit managed 12 weeks of intensive support for each family.") == {12.0: "weeks"}
    assert _values("The pilot has engaged 6 months of work with local schools.") == {6.0: "months"}
    assert _values("Children under the age of 5 years wait for a nursery place.") == {}


def test_heading_numbers_are_not_counts() -> None:
    # A grade table of the older reports and a contents line, run together by the PDF's layout (invented grades).
    table = "2.1 Adoption performance Good 2.2 Experiences and progress of care leavers Requires improvement"
    assert _values(table) == {}
    assert _values("Information about this local authority area 5 Recommendations 7 Summary for children 8") == {}
    # a decimal before a lower-case plural is still a count
    assert _values("The team holds 2.5 posts for family support workers.") == {2.5: "count"}


def _compared(text: str) -> list[tuple[float, str, str | None, float | None]]:
    """(value, unit, comparator, comparator value) of each metric, sentences split at full stops."""
    import re

    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+(?:\.\d[^.]*)*\.?", text)]
    return [(m.value, m.unit, m.comparator, m.comparator_value) for m in extract_metrics(text, sentences)]


def test_the_next_sentence_gives_the_earlier_value_and_its_rate() -> None:
    # Invented figures in the layout of older reports' "in this area" bullets.
    text = ("At 30 June 2016, 512 children were the subject of a child protection plan (a rate of 58 per 10,000 "
            "children). This is an increase from 470 children (53 per 10,000 children) at 31 March 2015.")
    assert _compared(text) == [(512.0, "count", "earlier value (31 March 2015)", 470.0),
                               (58.0, "per 10,000 children", "earlier value (31 March 2015)", 53.0)]


def test_the_next_sentence_gives_a_comparator_and_its_numbers_are_no_metrics() -> None:
    text = "Matching took 180 days on average. This is better than the England average at 240 days and similar areas at 200."
    assert _compared(text) == [(180.0, "days", "England average", 240.0)]
    text = "Of all children, 9% are from minority ethnic groups, compared with 24% in the country as a whole."
    assert _compared(text) == [(9.0, "percent", "country as a whole", 24.0)]


def test_dated_from_to_keeps_both_values_and_the_date_of_the_earlier() -> None:
    text = "Children missing from home fell from 75 in May 2014 to 52 in May 2015."
    assert _compared(text) == [(52.0, "count", "earlier value (May 2014)", 75.0)]
    text = "Attendance rose from 81% in 2014-15 to 88% in 2016-17."
    assert _compared(text) == [(81.0, "percent", None, None), (88.0, "percent", "earlier value (2014-15)", 81.0)]


def test_years_days_of_the_month_and_ages_are_no_earlier_values() -> None:
    assert _compared("Some 40 children were placed, up from 2016.") == [(40.0, "count", None, None)]
    assert _compared("At March 2017, 12 children lived in private fostering. This is unchanged from 31 March 2016.") \
        == [(12.0, "count", None, None)]
    assert _compared("NEET care leavers are 35% overall, some 90 young people aged from 18 to 21 years.")[0] \
        == (35.0, "percent", None, None)


def test_earlier_values_in_words_or_after_similar_to_need_their_date() -> None:
    text = "At 31 May 2016, five children lived in private fostering. This is an increase from two at 31 March 2015."
    assert _compared(text) == [(5, "count", "earlier value (31 March 2015)", 2.0)]
    text = "At 30 June 2016, 412 children had a plan. This is similar to 405 at 31 March 2015."
    assert _compared(text) == [(412.0, "count", "earlier value (31 March 2015)", 405.0)]


def test_a_national_figure_in_the_next_sentence_and_its_rate() -> None:
    text = "Referrals rose to 640 per 10,000 children. The national level is 550 per 10,000 in the same year."
    assert _compared(text) == [(640.0, "per 10,000 children", "national level", 550.0)]


def test_a_range_is_no_change() -> None:
    assert _compared("Caseloads vary from 21 to 38 across the teams.") == [(38.0, "count", None, None)]
    assert _compared("Referrals to the team rose from 150 to 230 over the year.") == [(230.0, "count", "earlier value", 150.0)]


def _indicators(text: str) -> list[tuple[float, str]]:
    return [(m.value, m.indicator) for m in extract_metrics(text, [(0, len(text))])]


def test_a_count_names_what_is_counted_and_what_happened_without_the_date() -> None:
    # Invented sentences throughout.
    assert _indicators("At 30 June 2016, 512 children and young people were the subject of a child protection plan.") \
        == [(512.0, "children and young people were the subject of a child protection plan")]
    assert _indicators("There have been four children in privately arranged fostering placements since April.") \
        == [(4, "children in privately arranged fostering placements")]
    # A count stated in a list under "Of this number": what they do, the bracketed share with it.
    assert _indicators("Of this number: • 96 (or 23%) live outside the local authority area • 12 live with parents") \
        == [(96.0, "live outside the local authority area"), (23.0, "live outside the local authority area"),
            (12.0, "live with parents")]


def test_a_percentage_names_what_follows_of_or_the_subject_before_it() -> None:
    assert _indicators("Some 64% of initial assessments were completed within ten working days.") \
        == [(64.0, "initial assessments were completed within ten working days")]
    assert _indicators("The rate of re-referrals is 19%, against the national average of 22%.")[0] \
        == (19.0, "re-referrals")
    assert _indicators("Most children have timely dental checks (88%) and immunisations (93%).") \
        == [(88.0, "timely dental checks"), (93.0, "immunisations")]


def test_durations_rates_and_list_items_take_their_subject() -> None:
    assert _indicators("The average time from entering care to moving in with an adoptive family was 480 days.") \
        == [(480.0, "average time from entering care to moving in with an adoptive family")]
    # A rate in brackets measures what the count before it counts.
    assert _indicators("At 31 May 2016, 420 children were looked after by the council (a rate of 61 per 10,000 "
                       "children).")[1] == (61.0, "children were looked after by the council")
    # List items opening with a preposition continue the words before the colon.
    text = ("The proportion of pupils eligible for free school meals:\n• in primary schools is 12% (the national "
            "average is 15%)\n• in secondary schools is 10%")
    assert _indicators(text) == [(12.0, "pupils eligible for free school meals in primary schools"),
                                 (10.0, "pupils eligible for free school meals in secondary schools")]


def test_a_count_without_a_noun_borrows_the_one_before_and_shares_take_their_subject() -> None:
    text = "The service supports 410 care leavers. Of these, 350 have a personal adviser in post."
    sentences = [(0, 38), (39, len(text))]
    assert [(m.value, m.indicator) for m in extract_metrics(text, sentences)] \
        == [(410.0, "care leavers"), (350.0, "care leavers have a personal adviser in post")]
    assert _indicators("Pupils with a disability account for 12% of all pupils in the area.") \
        == [(12.0, "Pupils with a disability")]
    assert _indicators("Nearly 64% of children wait more than 14 months for a home.")[0] \
        == (64.0, "children wait more than 14 months for a home")


def test_a_change_is_read_from_its_earlier_value() -> None:
    text = "The share of plans reviewed on time has gone up from 58% to 91%."
    assert _compared(text) == [(91.0, "percent", "earlier value", 58.0)]
    assert extract_metrics(text, [(0, len(text))])[0].indicator == "share of plans reviewed on time"


def test_the_subject_of_which_stands_at_is_before_which() -> None:
    text = "Progress shows in the lower share of children missing education which now stands at 4%."
    assert extract_metrics(text, [(0, len(text))])[0].indicator.endswith("lower share of children missing education")


def test_an_undated_earlier_value_is_no_metric_of_its_own() -> None:
    assert _compared("Some 91% of visits were on time, up from 80% last spring.") == [
        (91.0, "percent", "earlier value", 80.0)]


def test_an_average_is_read_with_the_clause_it_is_said_of() -> None:
    text = "In care proceedings, the average is now 27 weeks."
    [metric] = extract_metrics(text, [(0, len(text))])
    assert (metric.indicator, metric.measure) == ("average care proceedings", "care-proceedings-duration")


def _indicators(text: str) -> list[tuple[float, str]]:
    return [(m.value, m.indicator) for m in extract_metrics(text, [(0, len(text))])]


def test_a_value_whose_own_clause_says_nothing_takes_the_clause_it_completes() -> None:
    # Invented sentences: the value after a comma or a colon, a value opening the sentence, a list of values.
    assert _indicators("Progression to training was also low, at 32% for 2013–14.") == [
        (32.0, "Progression to training")]
    assert _indicators("At 33%, the re-referral rate remains high.") == [(33.0, "re-referral rate")]
    assert _indicators("Most plans are reviewed on time: 95.4% in 2014–15.") == [
        (95.4, "Most plans are reviewed on time")]
    assert _indicators("Repeat plans were at 10.8% in October 2014 and 8.7% in October 2015.") == [
        (10.8, "Repeat plans"), (8.7, "Repeat plans")]
    assert _indicators("Stage one assessments remain above target, at 85 days at the end of 2015–16.") == [
        (85.0, "Stage one assessments remain above target")]


def test_a_bare_counted_noun_takes_what_its_clause_says_before_it() -> None:
    assert _indicators("The exploitation panel considered 137 children in 2023.") == [
        (137.0, "children (exploitation panel considered)")]
    assert _indicators("Post-adoption support is currently provided to 61 families.") == [
        (61.0, "families (Post-adoption support is currently provided)")]


def test_the_period_of_other_figures_is_no_duration() -> None:
    assert _indicators("In the last 12 months there have been 53 adoptions.") == [(53.0, "adoptions (last 12 months)")]
    assert _indicators("Over the past 18 months, 40 foster carers were approved.") == [(40.0, "foster carers were approved")]


def test_a_value_compared_with_a_number_in_its_sentence_takes_it() -> None:
    assert _compared("In May 2024, 93% of children were seen within a week, compared with 71% in November 2023.")[0] \
        == (93.0, "percent", "compared value (November 2023)", 71.0)
    # The number compared with stays a metric; "just" and "fewer than" are read past.
    text = "Of the Riverside pupils in care, 64% attend a good school, compared to just fewer than 58% of all pupils."
    assert _compared(text) == [(64.0, "percent", "compared value", 58.0), (58.0, "percent", None, None)]
    assert _compared("The hub received 212 requests this year in comparison with 180 requests for 2022-23.")[0] \
        == (212.0, "count", "compared value", 180.0)


def test_a_change_with_units_a_part_of_a_year_or_a_figure_after_to() -> None:
    assert _compared("Hearings have come down from 58 weeks in the first quarter of 2021-22 to 31 weeks.") == [
        (58.0, "weeks", None, None), (31.0, "weeks", "earlier value (2021-22)", 58.0)]
    text = "Take-up has risen from 41.5% (2019-20) to an in-year figure of 63.2% (2022-23)."
    assert _compared(text)[-1] == (63.2, "percent", "earlier value (2019-20)", 41.5)
    # A span of time up to a date is no change, and no figure either: the span the figures cover.
    assert _compared("In the 12 months to 31 March 2023 there were 40 adoptions.") == [(40.0, "count", None, None)]


def test_the_next_sentence_gives_earlier_values_around_a_bracketed_rate_and_listed_comparators() -> None:
    text = ("At 30 June 2023, 412 children were looked after (a rate of 41 per 10,000 children). "
            "This is similar to 398 (40 per 10,000 children) at 31 March 2022.")
    assert _compared(text) == [(412.0, "count", "earlier value (31 March 2022)", 398.0),
                               (41.0, "per 10,000 children", "earlier value (31 March 2022)", 40.0)]
    text = ("At 31 March 2023, 88 children were looked after. "
            "This is lower than the 97 children at 31 March 2022.")
    assert _compared(text) == [(88.0, "count", "earlier value (31 March 2022)", 97.0)]
    text = ("Pupils with free school meals are 21% in primary schools and 19% in secondary schools. "
            "This compares with national averages of 17% and 14% respectively.")
    assert [c[2:] for c in _compared(text)] == [("national average", 17.0), ("national average", 14.0)]
    text = "The wait was 400 days on average. This performance matches the government threshold of 426 days."
    assert _compared(text) == [(400.0, "days", "government threshold", 426.0)]


def test_thresholds_comparator_groups_and_a_year_before_the_comparators_value() -> None:
    assert _compared("Proceedings took 33 weeks, outside the threshold of 26 weeks.") \
        == [(33.0, "weeks", "threshold", 26.0)]
    assert _compared("Stability at 12% in 2022-23 was better than comparator averages of 9% and 10%.")[0] \
        == (12.0, "percent", "comparator averages", 9.0)
    text = "Few children (7%) moved three times. This compares well with the latest national figure for 2021-22 of 10%."
    assert _compared(text)[0] == (7.0, "percent", "national figure", 10.0)


def test_a_comparator_after_its_value_and_one_in_another_unit_are_not_taken() -> None:
    text = ("Of those adopted, 31.5% were boys, as compared with the 52% England average, and 9.5% were over five, "
            "as compared with the 6% England average.")
    assert [c for c in _compared(text) if c[2]] == [(31.5, "percent", "England average", 52.0),
                                                   (9.5, "percent", "England average", 6.0)]
    # 14 cases are no duration: the 26 weeks are not their comparator.
    assert _compared("Currently 14 cases are exceeding the 26 week target.")[0] == (14.0, "count", None, None)


def test_than_the_instead_of_and_a_dated_figure_give_the_compared_number() -> None:
    assert _compared("The hub now holds 310 open cases, far lower than the 455 recorded at 31 March 2022.")[0] \
        == (310.0, "count", "compared value", 455.0)
    assert _compared("The service now funds 12 places instead of 30 places.")[0] == (12.0, "count", "compared value", 30.0)
    assert _compared("Reviews were on time in 88% of cases, an improvement from the 2021-22 figure of 64%.") \
        == [(88.0, "percent", "earlier value", 64.0)]
    # "more than" before a number, without "the", compares nothing.
    assert _compared("Some 15% of children waited more than 20 days.")[0] == (15.0, "percent", None, None)


def test_the_next_sentence_after_a_bracketed_aside_still_gives_the_earlier_value() -> None:
    text = ("At 31 March 2023, 367 children were looked after. (Published figures are rounded to the nearest 5.) "
            "This is a reduction from 380 at 31 March 2022.")
    assert _compared(text)[0] == (367.0, "count", "earlier value (31 March 2022)", 380.0)


def test_a_value_reached_by_a_change_takes_the_value_stated_before_it() -> None:
    text = "In 2021-22, 19% of children moved three times and by 2022-23 this had reduced to 14%."
    assert _compared(text)[-1] == (14.0, "percent", "earlier value", 19.0)
    # Two values each reached by a change are no earlier value of one another.
    text = "Attendance rose to 91% in primary schools and rose to 88% in secondary schools."
    assert [c[2] for c in _compared(text)] == [None, None]
    # "falling to", "rising to": any form of the verb.
    text = "In May 2021, 41.5 agency workers were employed, falling to 18.5 in June 2023."
    assert _compared(text)[-1] == (18.5, "count", "earlier value", 41.5)


def test_a_change_to_a_number_word_or_a_qualified_value_and_in_the_last_year() -> None:
    text = "The number of pupils missing education has reduced from 84 in 2021-22 to nine in the current year."
    [metric] = extract_metrics(text, [(0, len(text))])
    assert (metric.value, metric.comparator_value) == (9.0, 84.0)
    assert metric.indicator == "pupils missing education"
    text = "Kinship placements have doubled from approximately 25 in May 2022 to in excess of 50 in May 2023."
    assert _compared(text)[-1] == (50.0, "count", "earlier value (May 2022)", 25.0)
    # "in the last year" is when the value was reached, not a comparator with a number of its own.
    assert _compared("Attendance has improved from 87.5% to 93.5% in the last year.") \
        == [(93.5, "percent", "earlier value", 87.5)]
    # A span of time before "to" is no earlier value of a number word (nor a duration: the period of the figure).
    assert _compared("Decisions rescinded in the past 12 months fell to only one.") == []


def test_england_with_its_value_in_brackets_is_a_comparator() -> None:
    text = "Fewer children left care through adoption (8.5%) than England (13%) and statistical neighbours (10%)."
    assert _compared(text) == [(8.5, "percent", "England", 13.0)]


def test_a_count_and_its_rate_compared_with_an_earlier_count_and_rate() -> None:
    # Invented figures in the layout of older reports' "children looked after in this area" bullets.
    text = ("At 31 March 2015, 812 children were looked after by the council (a rate of 61 per 10,000 children) "
            "compared with 845 (64 per 10,000 children) at 31 March 2014.")
    got = {(v, c) for v, _, _, c in _compared(text)}
    assert (812.0, 845.0) in got and (61.0, 64.0) in got


def test_the_figure_after_with_is_the_authoritys_own_and_a_change_said_next_is_an_earlier_value() -> None:
    # Invented sentences.
    text = ("Free school meals take-up is above national averages with 24% in primary schools and 23% in "
            "secondary schools. This compares with national averages of 18% and 15% respectively.")
    got = [(m.value, m.comparator_value) for m in extract_metrics(text, sentence_spans(text))]
    assert got == [(24.0, 18.0), (23.0, 15.0)]
    text = "The proportion of dental checks is low at 71.4%. This proportion has declined from 91% a year ago."
    got = [(m.value, m.comparator, m.comparator_value) for m in extract_metrics(text, sentence_spans(text))]
    assert got == [(71.4, "earlier value", 91.0)]


def test_a_percentage_in_words_is_a_percentage() -> None:
    assert _values("Seven percent of adoptions were of children aged five or older.") == {7: "percent"}
    assert _values("Ninety-two per cent had up-to-date immunisations.") == {92: "percent"}
    assert _values("The board ran two multi-agency audits on missing children.") == {2: "count"}


def test_an_amount_of_money_is_in_pounds_with_its_sign_in_the_evidence() -> None:
    text = "Care leavers receive a £2,000 moving-on allowance, and the council has invested £1.4 million in it."
    got = [(m.value, m.unit, m.indicator, text[m.start:m.end]) for m in extract_metrics(text, [(0, len(text))])]
    assert got == [(2000.0, "pounds", "moving-on allowance", "£2,000"),
                   (1400000.0, "pounds", "council has invested", "£1.4 million")]


def test_a_count_in_brackets_after_what_it_counts_or_after_its_percentage() -> None:
    # Invented sentences.
    assert _values("A high number of children (529) are electively home educated.") == {529.0: "count"}
    text = "Of children under five, 47% (150) became subject to a plan."
    got = [(m.value, m.unit, m.indicator) for m in extract_metrics(text, [(0, len(text))])]
    # (The share is of the group the sentence opens with.)
    said = "children under five became subject to a plan"
    assert got == [(47.0, "percent", said), (150.0, "count", said)]
    assert _values("Only 8% of children in care (105 out of 1,340) moved three times.")[105.0] == "count"
    assert _values("Young people (2014) and carers (see 12) were consulted.") == {}


def test_a_count_said_as_part_of_a_whole_is_a_count() -> None:
    # The whole is what the count is out of (annotators write "275, out of 375"), not a figure of its own.
    text = "The service helps 275 out of the 375 families it works with."
    assert [(m.value, m.unit, m.comparator, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])] == [
        (275.0, "count", "out of 375", 375.0)]
    # A number word opening the sentence counts too.
    text = "Fourteen out of the 33 cases being assessed have gone past the timescale."
    assert [(m.value, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])] == [(14, 33.0)]
    text = "In three out of four files read, plans were clear."
    assert [(m.value, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])] == [(3, 4)]
    # A share in brackets between the count and its whole leaves the pair intact, and an acronym after the whole
    # is what is counted (practitioner check: the whole was stored as a count and the indicator as "value").
    text = "Seven (47%) of the 15 EHCPs checked had out-of-date outcomes."
    got = [(m.value, m.unit, m.indicator, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])]
    assert got == [(7.0, "count", "EHCPs checked had out-of-date outcomes", 15.0),
                   (47.0, "percent", "EHCPs checked had out-of-date outcomes", None)]
    # "One of the six teams" names six teams.
    assert _values("Children move to one of the six locality teams.") == {6: "count"}
    assert _values("Outcomes improved for all 810 of its identified families.") == {810.0: "count"}
    assert _values("The number has doubled this year (153 at the time of the inspection).") == {153.0: "count"}


def test_a_number_a_measure_changed_to_is_a_value_of_it() -> None:
    assert _values("Fixed-term exclusions have risen from earlier years, to 132 in 2014/15.") == {132.0: "count"}
    assert _values("The number of in-house foster carers has decreased to 34, which is a concern.") == {
        34.0: "count"}
    assert _values("The average is now recorded as 521.") == {521.0: "count"}
    assert _values("Leaders agreed to 5 priorities.")  # a count by its noun, as before


def test_a_number_after_this_year_is_a_count_but_a_fraction_is_no_count() -> None:
    assert _values("Over three quarters of this year 139 audits took place.") == {139.0: "count"}
    assert _values("Attainment of Year 11 pupils improved.") == {}
    assert _values("Almost two thirds of the families have children under five.") == {67.0: "percent"}


def test_a_share_said_as_a_fraction_of_a_group_is_a_percentage() -> None:
    assert _values("Two-thirds of children stepped down from proceedings were safer.") == {67.0: "percent"}
    assert _values("Nearly a quarter of children in care had no dental check.") == {25.0: "percent"}
    assert _values("Half of the audits found serious weaknesses.") == {50.0: "percent"}
    assert _values("In the first half of 2015, visits improved.") == {}
    assert _values("Half of the year was lost to vacancies.") == {}
    assert _values("Almost half of pupils were from minority ethnic groups (49%).") == {49.0: "percent"}


def test_tens_and_units_in_words_are_one_number() -> None:
    text = "Sixty-eight children live in children's homes, and twenty one young people attended the forum."
    got = [(m.value, m.indicator) for m in extract_metrics(text, [(0, len(text))])]
    assert got == [(68, "children live in children's homes"), (21, "young people attended the forum")]



def test_the_end_of_a_year_range_or_of_a_pair_of_ages_or_sections_is_no_metric() -> None:
    # Invented sentences: "2015–16" is a period, "aged 14 to 23" an age range, "sections 20 and 31" a law.
    assert _values("The partnership's yearly report 2015–16 is a thorough document.") == {}
    assert _values("The placement strategy 2016–19 is clear.") == {}
    assert _values("A forum for care leavers aged 14 to 23 has just started.") == {}
    assert _values("Help for homeless young people aged 16 and 17 years is good.") == {}
    assert _values("Children came into care under sections 20 and 31 of the Children Act 1989.") == {}
    assert _values("Progress between Key Stages 2 and 4 is slow.") == {}
    # A count after a year range is still a count, and a percentage range is read as its upper bound.
    assert _values("In 2015–16, 37 children were adopted.") == {37.0: "count"}
    assert _values("Audits found that 20–25% of referrals needed a stronger response.") == {25.0: "percent"}


def test_a_difference_is_no_comparators_value() -> None:
    # Invented sentences: "150 days above the target" says how far, not what the target is.
    text = ("Children waited on average 700 days to be placed with adopters. This is 150 days above the national "
            "target and 90 days longer than the England average.")
    got = {m.value: (m.comparator, m.comparator_value) for m in extract_metrics(text, sentence_spans(text))}
    assert 700.0 in got and all(value is None for _, value in got.values())
    # A comparator that is given its own value keeps it, also for a difference said of it.
    text = "The wait is 47 days shorter than the England average of 593 days."
    got = {m.value: (m.comparator, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])}
    assert got[47.0] == ("England average", 593.0)


def test_each_value_gets_the_comparison_of_its_own_clause() -> None:
    """A comparison named without a figure belongs to the value of its clause, not to every value of the
    sentence: the first comparison was given to all of them."""
    def comparators(sentence: str) -> list[tuple[float, str | None]]:
        return [(m.value, m.comparator) for m in extract_metrics(sentence, [(0, len(sentence))])]

    assert comparators("This is 107 days away from meeting the national target, 77 days longer than statistical "
                       "neighbours and 26 days longer than the England average.") == [
        (107.0, None), (77.0, "statistical neighbours"), (26.0, "England average")]
    assert comparators("Of children leaving care, 9% are adopted, which is higher than statistical neighbours by "
                       "three percentage points and higher than the England average by four percentage points.") == [
        (9.0, "statistical neighbours"), (3.0, "statistical neighbours"), (4.0, "England average")]
    # A number inside the same clause does not take the comparison from the value it describes.
    assert comparators("In 2013 only 9% of children experienced three or more placements, which is better than "
                       "statistical neighbours.")[0] == (9.0, "statistical neighbours")


def test_a_frequency_or_the_size_of_one_family_is_no_count() -> None:
    def values(sentence: str) -> list[float]:
        return [m.value for m in extract_metrics(sentence, [(0, len(sentence))])]

    assert values("This is one out of every ten children's cases looked at by inspectors.") == []
    assert values("Police raised concerns about a family of three children.") == []
    assert values("Seven children are placed for adoption, including a sibling group of three children.") == [7]
    assert values("Visits take place every six weeks.") == []


def test_a_value_whose_clause_only_says_it_rose_takes_what_rose() -> None:
    sentence = ("The authority is in touch with 85% of care leavers on a regular basis, which rises to 92% when "
                "the yearly birthday contact is included.")
    assert [(m.value, m.indicator) for m in extract_metrics(sentence, [(0, len(sentence))])] == [
        (85.0, "care leavers on a regular basis"), (92.0, "care leavers on a regular basis")]


def test_each_value_gets_its_own_period() -> None:
    """The sentence's first period was given to every value of it."""
    def periods(sentence: str) -> list[tuple[float, str | None]]:
        return [(m.value, m.period) for m in extract_metrics(sentence, [(0, len(sentence))])]

    assert periods("Offending has declined year on year from 14% in 2008–09 to 4% in 2013–14.") == [
        (14.0, "2008–09"), (4.0, "2013–14")]
    # A period said right after another number is that number's; with none of its own a value keeps the first.
    assert periods("Data show an improvement for 2014-15, the number of days dropping from 599 in 2013-14 to "
                   "484 days.")[-1] == (484.0, "2014-15")
    assert periods("In October 2014 there were 305 assessments but by April 2015 this had risen to 1,377.")[0] == (
        305.0, "October 2014")


def test_a_value_of_a_sentence_pointing_back_measures_what_the_sentence_before_does() -> None:
    def indicators(text: str) -> list[tuple[float, str]]:
        return [(m.value, m.indicator) for m in extract_metrics(text, sentence_spans(text))]

    text = ("In 2019, 70% of children in care had an annual health assessment. "
            "Current data shows that this is now improved to 88%.")
    assert indicators(text) == [(70.0, "children in care had an annual health assessment"),
                                (88.0, "children in care had an annual health assessment")]
    assert indicators("In March, 18% of referrals were repeat referrals. It was 22% in 2018.")[-1] == (
        22.0, "referrals were repeat referrals")
    # Not when the sentence before has no figure.
    assert indicators("Attendance is much better. It is now 91%.") == [(91.0, "value")]


def test_the_national_proportion_in_brackets_is_a_comparator_not_a_value() -> None:
    text = ("The proportion of pupils with English as an additional language: in primary schools is 31.2% "
            "(the national proportion is 20.1%).")
    assert [(m.value, m.comparator, m.comparator_value) for m in extract_metrics(text, sentence_spans(text))] == [
        (31.2, "national proportion", 20.1)]


def test_age_ranges_and_footnote_markers_are_no_figures() -> None:
    # Invented sentences, after a practitioner check found each kind among a report's metrics.
    assert _values("Support for 16 to 18 year-old care leavers is good.") == {}
    assert _values("Young people use a 0 to 25 mental health service.") == {}
    assert _values("Transition planning between the 16 to 18 teams and the 18+ service is weak.") == {}
    assert _values("This is 21.4% of the children living in the borough (1).") == {21.4: "percent"}
    # A range of caseloads and a change are still figures; so is a length that is measured.
    assert _values("Workloads are manageable, at an average of 18 to 20 children.") == {20.0: "count"}
    assert 18.0 in _values("The number of children missing increased from 16 to 18 children.")
    assert _values("Children waited 24 hours for a decision.") == {24.0: "hours"}


def test_a_value_opening_the_sentence_measures_what_follows_its_comparison() -> None:
    text = "At 38%, above the England average of 31%, too many young people leaving care are out of work or study."
    (metric,) = [m for m in extract_metrics(text, [(0, len(text))]) if m.value == 38.0]
    assert metric.indicator.startswith("too many young people") and metric.comparator_value == 31.0


def test_figures_for_the_country_are_comparators_never_the_authoritys_own() -> None:
    # After a practitioner check found national figures stored as a council's own results (session 19).
    def triples(text: str) -> list[tuple[float, str | None, float | None]]:
        return [(m.value, m.comparator, m.comparator_value) for m in extract_metrics(text, sentence_spans(text))]

    assert triples("In 2013, 22% of looked after children made expected progress, compared with 36% for all "
                   "looked after children nationally.") == [(22.0, "all looked after children nationally", 36.0)]
    assert triples("Adoption performance is strong at 25%, well above the England three-year average of 13%.") == [
        (25.0, "England three-year average", 13.0)]
    # Alone in its sentence, a national figure is no metric of the authority.
    assert triples("The latest national figure for looked after children, for 2012, was 11.4%.") == []
    assert triples("This beats the national comparative data on looked after children for 2014, "
                   "which was 16%.") == []
    # An earlier value or a target alone is still read (it is the authority's own).
    assert [m.value for m in extract_metrics("Last year 80% of visits were on time.",
                                             [(0, 38)])] == [80.0]


def test_school_years_and_the_ages_of_people_are_no_figures() -> None:
    # After a practitioner check (session 20) found "Years 12 and 13" read as 13 young people not in
    # education, and "care leavers over 21" as 21 care leavers. Invented sentences.
    assert _values("Too many pupils in Years 10 and 11 miss school.") == {}
    assert _values("Care leavers over 21 keep their personal adviser if they wish.") == {}
    assert _values("Children under five are seen by the health visitor.") == {}
    # A count of people stays a count, and so does a number after a span of years.
    assert _values("Over 21 care leavers live in staying put arrangements.") == {21.0: "count"}
    assert 31.0 in _values("Over the past three years 24 and 31 children were adopted.")


def _metrics(text: str):
    return extract_metrics(text, sentence_spans(text))


def test_a_share_of_a_named_group_and_a_figure_pointing_back_to_a_measure() -> None:
    (share,) = [m for m in _metrics("Of the 120 care leavers we met, 51% were not in training, education or employment.")
                if m.unit == "percent"]
    assert share.indicator.startswith("care leavers we met")
    assert share.measure == "care-leavers-neet"
    (later,) = _metrics("Leaders have raised the percentage of young adults in training, education or employment. "
                        "This is 22%, below similar areas.")
    assert later.indicator == "young adults in training, education or employment"
    (gone,) = _metrics("Just three of the 250 care leavers are not in touch with their advisers.")
    assert gone.measure != "care-leavers-in-touch"  # the other way round: never set beside those in touch


def test_a_share_of_a_count_keeps_what_was_counted() -> None:
    # Older reports list where children in care live, then the share of each group placed far away; the
    # share alone read "live out of the area" for every group. Invented figures.
    (count, share) = _metrics("In all, 210 live with foster carers, of whom 31% live outside the borough.")
    assert count.indicator == "live with foster carers"
    assert share.indicator == "live with foster carers, live outside the borough"


def test_comparators_listed_with_a_comma_before_respectively_are_no_values() -> None:
    # A practitioner check (session 20) found an England average shown as the authority's own figure.
    text = ("In 2013-16, 64% of children waited too long for adoption, well above similar areas and England "
            "averages (50% and 47%, respectively).")
    assert [m.value for m in _metrics(text) if m.unit == "percent"] == [64.0]


def test_a_whole_counted_before_a_part_said_in_words_counts_the_whole() -> None:
    # A practitioner check (session 20) found "almost all of the N care leavers have a plan" shown as N with a
    # plan. Invented figures.
    (whole,) = _metrics("Nearly all of the 180 care leavers have a current pathway plan.")
    assert whole.value == 180.0
    assert whole.indicator == "care leavers (of whom nearly all have a current pathway plan)"
    assert whole.measure != "pathway-plans"


def test_the_england_rate_and_a_figure_in_england_are_comparators() -> None:
    # A practitioner check found England's figures stored as the authority's own (session 21); invented figures.
    got = {(m.value, m.comparator, m.comparator_value) for m in _metrics(
        "In 2016 the vacancy rate was 9.5%, compared with the England rate for 2014 of 15%. Agency staff in "
        "2016 were 6.1% of the workforce, while the England rate for 2014 was 11%.")}
    assert got == {(9.5, "England rate", 15.0), (6.1, "England rate", 11.0)}
    (share,) = [m for m in _metrics("Only 31% of children waited less than a year, compared with 48% in England.")
                if m.unit == "percent"]
    assert (share.value, share.comparator, share.comparator_value) == (31.0, "England", 48.0)


def test_money_a_capitalised_number_word_and_one_in_n() -> None:
    # A practitioner check (session 21) found "£1,200" also read as 200, a tool named 'Three Houses' read as 3,
    # and "one in five visits" as five visits. Invented figures.
    assert [(m.value, m.unit) for m in _metrics("The setting-up grant of £1,400 is below what others pay.")] == [
        (1400.0, "pounds")]
    assert _metrics("Social workers use tools such as the ‘Four Rooms’ model with children.") == []
    (share,) = _metrics("Almost one in four reviews were not held on time.")
    assert (share.value, share.unit) == (25.0, "percent") and share.indicator.startswith("reviews")
    assert [(m.value, m.unit) for m in _metrics("7. Four children were missing at the time.")] == [(4, "count")]


def test_a_year_range_broken_after_its_dash_and_a_regulation_number_are_no_counts() -> None:
    # A practitioner check (session 21) found "15 children" taken from "2014– 15" and 24 from "Regulation 24".
    assert [m.value for m in _metrics("In 2016– 17 children placed with brothers and sisters rose.")] == []
    assert _metrics("The home had monthly Regulation 44 visits from an independent person.") == []


def test_the_threshold_of_three_or_more_placements_is_no_count() -> None:
    # A practitioner check (session 21, second round) found the 3 of "three or more placements" stored as a count.
    assert [(m.value, m.unit) for m in _metrics("About 9% of children had four or more homes in the year.")] == [
        (9.0, "percent")]


def test_bounds_times_ago_frequencies_and_the_inspectors_sample_are_no_figures() -> None:
    # Invented sentences of the four kinds a practitioner check of nine reports (session 22) found read as metrics.
    assert _values("Each missing child is offered a return interview within 72 hours.") == {}
    assert _values("Four children were given at least 25 hours of tuition.") == {4: "count"}
    assert _values("Health assessments for children looked after for over 28 days are timely.") == {}
    assert _values("More children are now placed more than 20 miles from home.") == {}
    assert _values("The last joint inspection, 10 months ago, found delays.") == {}
    assert _values("The corporate parenting panel meets six times a year.") == {}
    assert _values("Inspectors reviewed 11 cases in the disabled children's team.") == {}
    assert _values("In eight cases sampled, plans were clear.") == {}
    assert _values("The club is for children aged eight to 12 years.") == {}
    assert _values("Fewer 16-and 17-year-olds now enter care.") == {}
    # what is out of a sample stays: the seven, with the 20 it is out of
    out = extract_metrics("In seven of the 20 cases sampled, plans were out of date.", [(0, 57)])
    assert [(m.value, m.comparator_value) for m in out] == [(7, 20.0)]
    # the bound stays in what the figure measures
    (pct,) = extract_metrics("Of all assessments, 93% were completed within 45 working days.", [(0, 62)])
    assert pct.value == 93.0 and "45 working days" in pct.indicator


def test_a_comparison_before_the_value_is_its_comparator_not_its_indicator() -> None:
    text = "The share of care leavers in work or study is better than averages for care leavers nationally at 58%."
    (m,) = extract_metrics(text, [(0, len(text))])
    assert m.value == 58.0 and "care leavers in work" in m.indicator
    assert m.comparator and m.comparator.startswith("better than") and "nationally" in m.comparator


def test_one_of_n_people_is_one_out_of_n() -> None:
    text = "The project has worked well, with only one of 24 mothers having had a further pregnancy."
    assert [(m.value, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])] == [(1, 24.0)]


def test_a_share_named_before_its_group_a_time_and_a_value_with_its_earlier_one() -> None:
    text = "The large majority, 81%, of children in care attend schools rated good or better."
    (m,) = extract_metrics(text, [(0, len(text))])
    assert m.indicator.startswith("children in care attend schools")
    text = "Vacancies have fallen to their lowest in four years, at 9% at the time of the inspection."
    (m,) = extract_metrics(text, [(0, len(text))])
    assert "Vacancies" in m.indicator and "time of the inspection" not in m.indicator
    text = "Take-up of Staying Put is 23, up from nine last year."
    assert [m.value for m in extract_metrics(text, [(0, len(text))])] == [23.0]


def test_hundreds_in_words_ages_reached_windows_and_bounds_after_the_unit() -> None:
    assert _values("One hundred and twelve children receive support from the fund.") == {112.0: "count"}
    assert _values("There were three hundred children on plans.") == {300.0: "count"}
    assert _values("When they reach 21 years, their support is reviewed with them.") == {}
    assert _values("In the six months prior to the visit, timeliness improved.") == {}
    assert _values("Schools keep pupils for 190 days or less each year.") == {}
    assert _values("Feedback was warm, with one young person stating that this is home.") == {}


def test_the_number_of_gcses_names_the_measure() -> None:
    assert _values("The number achieving 5 GCSEs A*–C is in line with the national rate.") == {}
    assert _values("Few pupils gain five good passes at GCSE.") == {}
    assert 34.0 in _values("At 34%, the share gaining five good GCSEs is above the national 14%.")


def test_a_count_out_of_the_current_total() -> None:
    text = "Twenty-four of the current 236 children in care live with family and friends."
    assert [(m.value, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])] == [(24, 236.0)]


def test_a_count_of_whom_and_its_share_in_brackets_keep_the_group() -> None:
    # Invented context-table lines: what the count and its share are of is the group before "of whom".
    text = "1,210 live with foster carers, of whom 140 (11%) live outside the borough."
    got = {m.value: m.indicator for m in extract_metrics(text, [(0, len(text))])}
    assert "foster carers" in got[140.0] and "outside the borough" in got[140.0]
    assert got[11.0] == got[140.0]
    text = "30 live with parents, of whom one (3%) lives outside the borough."
    got = {m.value: m.indicator for m in extract_metrics(text, [(0, len(text))])}
    assert "parents" in got[3.0]


def test_one_in_n_is_a_share_and_the_inspection_team_and_quoted_names_are_no_counts() -> None:
    # Invented sentences in the reports' manner (practitioner checks, session 23).
    assert _values("About one in five children in the town live in poverty.") == {20.0: "percent"}
    assert _values("The visit was carried out by three Ofsted Inspectors and two HMI.") == {}
    assert _values("Workers use the ‘four corners’ exercise with younger children.") == {}
    assert _values("The city is one of the six core cities in the region.") == {}


def test_a_rate_with_no_noun_after_its_base_and_its_compared_rate() -> None:
    text = "Referrals run at 402 per 10,000, compared with 511 per 10,000 nationally."
    got = [(m.value, m.unit, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])]
    assert got[0] == (402.0, "per 10,000 children", 511.0)


def test_two_values_of_one_measure_for_two_groups_and_the_period_of_a_compared_value() -> None:
    text = "Vacancies stand at 9% in the assessment teams and 21% in the disabled children's teams."
    got = {m.value: m.indicator for m in extract_metrics(text, [(0, len(text))])}
    assert got[9.0] == "Vacancies in the assessment teams"
    assert got[21.0] == "Vacancies in the disabled children's teams"
    text = "Today 31% of plans are second plans, compared with 18% in 2016–17."
    got = {m.value: m.period for m in extract_metrics(text, [(0, len(text))])}
    assert got[31.0] is None and got[18.0] == "2016–17"
    text = "The share rose from 52% during 2016–17 to 70% at the end of June 2018."
    got = {m.value: m.period for m in extract_metrics(text, [(0, len(text))])}
    assert got[70.0] == "the end of June 2018"


def test_a_change_from_the_previous_inspection_and_numbers_that_describe_no_service() -> None:
    # Invented sentences (practitioner checks D-F, session 23).
    text = "The share of care leavers at university has risen from 31% at the previous inspection to 48%."
    got = {m.value: (m.comparator, m.comparator_value, m.period) for m in extract_metrics(text, [(0, len(text))])}
    assert got[48.0] == ("earlier value (the previous inspection)", 31.0, None)
    assert got[31.0][2] == "the previous inspection"
    assert _values("A few 16- and 17-year-olds live in unsuitable homes.") == {}
    assert _values("Ofsted made five monitoring visits in two years.") == {}
    assert _values("The council is one of four partners of the adoption agency.") == {}
    assert _values("Young people have 1:1 sessions with their worker.") == {}
    assert _values("Figures cover the 12 months up to 30 June 2020.") == {}
    assert _values("Most interviews happen within 72 hours of children returning.") == {}


def test_figures_for_england_and_comparable_authorities_are_comparators_not_the_authoritys() -> None:
    # Invented sentences (practitioner checks G-I, session 23).
    text = "Timeliness is 41%, well below levels of 57% in England and 70% in comparable authorities."
    got = [(m.value, m.comparator, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])]
    assert got == [(41.0, "England", 57.0)]
    assert _values("Exclusions run at four times the national average.") == {}
    text = "Advisers keep in touch with all bar two of the young people."
    assert [m.indicator.startswith("all but:") for m in extract_metrics(text, [(0, len(text))])] == [True]


def test_the_childrens_share_of_the_population_takes_the_count_before_it() -> None:
    # An invented context-table pair: "This is N% of the population" says what share the count before it is.
    text = "About 41,000 children and young people under 18 live in the borough. This is 19.5% of the whole population."
    first = text.index("This")
    got = {m.value: m.indicator for m in extract_metrics(text, [(0, first - 1), (first, len(text))])}
    assert got[19.5].startswith("children and young people under 18") and "share of the total population" in got[19.5]


def test_none_of_a_group_and_the_neighbours_figure() -> None:
    # Invented (practitioner check J): "none of the 13" is no count of 13; the neighbours' figure compares.
    assert _values("In 2019, none of the 11 care leavers at college dropped out.") == {}
    text = "Children waited 402 days on average, better than their neighbours at 511 days."
    got = [(m.value, m.comparator_value) for m in extract_metrics(text, [(0, len(text))])]
    assert got == [(402.0, 511.0)]


def test_frequencies_ages_of_a_population_and_quoted_names_are_no_figures() -> None:
    # Invented sentences after the kinds of the session-24 practitioner checks.
    assert _values("Leaders run three monthly reviews of every case of private fostering.") == {}
    assert _values("Per 10,000 of the local population under 18, the rate is high.") == {}
    assert _values("Workers use the ‘two homes, two hearts’ tool with younger children.") == {}
    assert _values("Children’s 35 plans were reviewed.") == {35.0: "count"}  # an owner's apostrophe is no quote


def test_a_national_figure_for_a_group_compares_the_figure_before() -> None:
    text = ("In all, 78% of young people leaving care are in work or learning. This compares well with 58% of "
            "care leavers nationally.")
    (m,) = _metrics(text)
    assert (m.value, m.comparator, m.comparator_value) == (78.0, "nationally", 58.0)


def test_a_change_with_counts_in_brackets_keeps_its_earlier_value() -> None:
    text = "The share of children accommodated has fallen from 33% (95) in 2015–16 to 24% (70) currently."
    later = next(m for m in _metrics(text) if m.value == 24.0)
    assert later.comparator_value == 33.0


def test_an_authoritys_own_target_is_no_comparators_figure_and_a_counts_window_no_duration() -> None:
    text = ("In March, 16% of children in care lived in children’s homes. This is higher than the average in similar "
            "areas and above Sandbury’s 11% target.")
    first = _metrics(text)[0]
    assert (first.value, first.comparator_value) == (16.0, 11.0) and first.comparator == "target"
    assert 14.0 not in _values("Some children had many changes of worker, in one case four in 14 months.")


def test_an_age_range_with_between_is_no_duration() -> None:
    assert _values("Help goes to care leavers aged between 17 and 19 years.") == {}


def test_the_items_of_a_list_take_the_period_of_its_lead_in() -> None:
    # Older reports' context lists (invented figures): the lead-in line gives every item's time.
    text = ("Children looked after in this area\n• The figures below are as of 31 March 2014:\n"
            "• 51 children live with parents\n• In the last 12 months:\n• there have been 19 adoptions\n"
            "• 7 children became subject of special guardianship orders\nLeaders know the service well.")
    periods = {m.value: m.period for m in _metrics(text)}
    assert periods == {51.0: "31 March 2014", 19.0: "last 12 months", 7.0: "last 12 months"}


def test_session_27_context_lists_their_page_breaks_and_footnote_marks() -> None:
    # Practitioner check AQ; invented figures in the layout of older reports' looked-after lists. A sentence that
    # opens with the date and leads into the list ("Of this number:") gives the items its date, past a page break
    # (a footnote's number and text, a page number); a footnote's mark before "of whom" is no count, and an item
    # opening with a number word is one.
    text = ("Children looked after in this area\n• At 31 March 2015, 410 children were looked after by the "
            "council. Of this number:\n• 120 (or 29%) live outside the council's area\n1\nThe council checked "
            "this section against its own local data.\n• Six live in secure homes, 2 of whom 50% live out of the "
            "authority area\n• 230 live with foster families\nLeaders know the service well.")
    found = {m.value: m for m in _metrics(text)}
    assert {v: m.period for v, m in found.items()} == {410.0: "31 March 2015", 120.0: "31 March 2015",
                                                         29.0: "31 March 2015", 6: "31 March 2015",
                                                         50.0: "31 March 2015", 230.0: "31 March 2015"}
    assert found[50.0].indicator.startswith("children live in secure homes")


def test_session_27_since_a_year_and_a_clause_after_and_has() -> None:
    # Practitioner check AQ; invented figures.
    (m,) = _metrics("Eight learning reviews have been published since 2016 and shared with partners.")
    assert m.period == "since 2016"
    (m,) = _metrics("The board reached 71% of nurseries and has had good feedback from them.")
    assert m.indicator == "nurseries"
    (m,) = _metrics("In 2014, 12 families left the scheme and are now living independently.")
    assert "living independently" in m.indicator  # a plural auxiliary goes on with the same subject


def test_session_27_a_year_after_within_is_the_period_and_no_comparator() -> None:
    # Practitioner check AU; invented figures. "within the last year, but 12 ..." gives no "last year: 12".
    found = {m.value: m for m in _metrics("Only four children were adopted within the last year, but 12 children "
                                          "now live with their adopters.")}
    assert found[4].comparator is None and found[4].period == "the last year"
    (m,) = _metrics("There were 40 adoptions, compared with 32 last year.")
    assert (m.comparator, m.comparator_value) == ("last year", 32.0)


def test_session_27_round_three_targets_and_inverted_shares() -> None:
    # Practitioner check AZ; invented figures. What a body requires is a target; a share of the opposite ("take too
    # long") does not borrow the sentence's measure.
    (m,) = _metrics("The health trust requires 85% of health assessments to be done within 20 days.")
    assert m.indicator.startswith("target:") and m.measure is None
    (m,) = _metrics("Most assessments are completed within timescale, but a third (33%) take too long.")
    assert m.measure is None


def test_the_time_of_the_inspection_is_a_period() -> None:
    # Practitioner check AY; invented figure: set apart from the 31 March figures beside it.
    (m,) = _metrics("At the time of this inspection, 187 children had a child protection plan.")
    assert m.period == "the time of this inspection"


def test_an_age_after_from_is_no_count() -> None:
    # Practitioner check BA; invented wording.
    assert _values("The leaving care team works with young people from 16 and plans their move at 18.") == {}
    assert _values("The number of agency staff fell from 19 to 15.") == {15.0: "count"}


def test_a_number_inside_a_name_is_no_count() -> None:
    # Practitioner check AX; invented names.
    assert _values("The Safe 4 Young People Board meets monthly with the corporate parenting panel.") == {}
    assert _values("In March 12 Children were seen by the team.") == {12.0: "count"}


def test_a_date_written_with_a_comma_is_a_period() -> None:
    (m,) = _metrics("At 31 March, 2014, 11 children were living in private fostering arrangements.")
    assert m.period == "31 March, 2014"


def test_children_from_families_is_no_earlier_value() -> None:
    found = {m.value: m for m in _metrics("The team works with 62 children from 35 families.")}
    assert found[62.0].comparator == "from 35 families"  # what they come from, not what they were before
    assert found[35.0].unit == "count"  # a figure of its own


def test_an_age_turned_and_a_time_later_are_no_figures() -> None:
    assert _values("Young people who stay after they turn 18 are supported.") == {}
    assert _values("The change was still there 26 weeks later.") == {}


def test_a_figure_stated_of_the_one_before_after_a_time_phrase() -> None:
    # "In <year>, the figure was 4%" and "In <year> this was 14%" measure what the sentence before measured or
    # named; read alone they had no indicator ("value"). Invented wording and figures.
    first, second = _metrics("In 2010-11, 9% of children in care had been given a youth caution. "
                             "In 2015-16, the figure was 5%.")
    assert second.indicator == first.indicator == "children in care had been given a youth caution"
    (named,) = _metrics("Leaders watch the percentage of older children placed with relatives. "
                        "In the year 2016-17 this was 31%.")
    assert named.indicator == "older children placed with relatives"
    (bare,) = _metrics("Numbers of children placed far from home are small. In 2017-18, this was 6%.")
    assert bare.indicator == "children placed far from home"


def test_a_change_read_back_past_the_comma_before_from() -> None:
    # "..., from 41 in May to 19 in June": the words after 19 say only when, and the subject stands before the
    # comma (it had read "value"). Invented wording and figures.
    (now,) = _metrics("The number of teenagers placed in bed and breakfast has fallen, from 41 in May 2015 to 19 "
                      "in June 2016.")
    assert now.indicator == "teenagers placed in bed and breakfast"
    assert now.comparator_value == 41


def test_a_neighbours_average_in_apposition_and_a_spread_of_values() -> None:
    # Session-25 practitioner checks (Q, P); invented wording and figures.
    # "closer to the neighbours' average, 41.2% compared to 46.9%": the first is the authority's own.
    (own,) = _metrics("The number of babies on a child protection plan has gone up and is nearer the "
                      "statistical neighbour average, 41.2% compared to 46.9%.")
    assert (own.value, own.comparator_value) == (41.2, 46.9)
    assert own.indicator == "babies on a child protection plan"
    # The top of a spread across wards is no figure of the whole, and is aligned with no measure.
    city, top = _metrics("The town's child poverty rate (21.7%) hides wide differences, with rates ranging from "
                         "5.1% to 44.6% across wards.")
    assert city.measure == "child-poverty" and top.measure is None
    assert "top of a range from 5.1" in top.indicator
    # A figure's own clause says what it measures before the rest of the sentence does.
    first, *_ = _metrics("Currently 57% of care leavers known to the 18+ team are in education, employment or "
                         "training, and of this group 12% are at university.")
    assert first.measure == "care-leavers-eet"


def test_one_childs_story_an_age_a_count_of_groups_and_a_recommended_time() -> None:
    # Session-25 practitioner check T; invented wording and figures.
    assert _metrics("One girl had missed school for a year but now has a 98% attendance record at her college.") == []
    assert _metrics("Young people's wishes about where to live after 18 are always heard.") == []
    (groups,) = _metrics("Three sub-groups of the board oversee the work on children missing from home or care.")
    assert groups.measure is None  # groups are counted, not children missing
    (wait,) = _metrics("Finding a match takes 48 weeks, on average, against a recommended 26 weeks.")
    assert (wait.value, wait.comparator_value) == (48, 26)


def test_the_comparator_named_nearest_its_figure_and_a_span_of_years() -> None:
    # Session-25 practitioner check U; invented wording and figures.
    (rate,) = _metrics("In 2014 re-referrals were 11%, better than statistical neighbours and the England average "
                       "of 21% for 2014-15.")
    assert (rate.comparator, rate.comparator_value) == ("England average", 21)
    first = _metrics("Only 6% of children live more than 20 miles away, better than comparators and the England "
                     "average at 15% and 31% respectively.")[0]
    assert (first.comparator, first.comparator_value) == ("comparators", 15)
    (wait,) = _metrics("The adoption scorecard for 2012 to 2015 shows children waited an average of 980 days.")
    assert wait.period == "2012 to 2015"
    (college,) = _metrics("There are 64 care leavers at college, and it is not clear how their progress at "
                          "university is checked.")
    assert college.measure == "care-leavers-eet"


def test_an_acronym_names_a_one_word_indicator() -> None:
    # "a fall in the ... (NEET) cohort to 13%" had read "cohort" (practitioner check P).
    (share,) = [m for m in _metrics("Leaders have cut the size of their not in education, employment or training "
                                    "(NEET) cohort to 15% (41 of 273).") if m.unit == "percent"]
    assert "NEET" in share.indicator or "not in education" in share.indicator
    assert share.measure == "care-leavers-neet"
    (alone,) = [m for m in _metrics("The care leavers (CL) cohort fell to 12%.") if m.unit == "percent"]
    assert alone.indicator.endswith("cohort")


def test_an_acronym_in_brackets_does_not_cut_an_indicator_short() -> None:
    # "... personal education plans (PEPs) is 93%" had read "value" (practitioner check X). Invented figures.
    (share,) = _metrics("The proportion of pupils in care with a current education plan (PEP) is 91%.")
    assert share.indicator == "pupils in care with a current education plan"


def test_a_space_as_the_thousands_separator() -> None:
    # "Approximately 62 100 children ... live in Hull" had been read as 100 (practitioner check V). Invented figure.
    (population,) = _metrics("Roughly 48 300 children under 18 live in the district.")
    assert population.value == 48300
    assert [m.value for m in _metrics("In 2014 100 children were adopted.")] == [100]


def test_a_doubted_figure_and_a_part_of_last_years() -> None:
    # Practitioner checks X and V; invented wording and figures.
    (doubt,) = _metrics("The council cannot currently assure itself that 212 of its care leavers get the right help.")
    assert doubt.indicator.startswith("not assured:") and doubt.measure is None
    total, part = _metrics("The project received 1,940 referrals last year, from which 1,511 victims engaged.")
    assert total.comparator_value is None and part.value == 1511


def test_an_age_range_with_no_one_counted_is_no_figure() -> None:
    # "help between 21 and 25 is offered only if ..." had become 25 care leavers at university (check AA).
    assert _metrics("Help between 21 and 25 is given to students only.") == []
    assert [m.value for m in _metrics("Caseloads are between 18 and 25 children.")] == [25]


def test_a_rate_base_is_no_earlier_value_and_a_share_of_whom() -> None:
    # Practitioner check Y; invented figures.
    (rate,) = _metrics("Plans fell from 41.2 per 10,000 (2014-15) to 30.1 per 10,000 children (2015-16).")
    assert rate.comparator_value != 10000
    (share,) = _metrics("The team keeps up with all its care leavers, most of whom live in good homes and 71% of "
                        "whom are in education, employment or training.")
    assert share.measure == "care-leavers-eet" and "of whom are in education" in share.indicator


def test_an_age_range_with_an_en_dash_is_no_count() -> None:
    # An age range with an en dash had become a count of 16 (practitioner check AC).
    assert _metrics("The number of 16–17-year-olds seen as homeless keeps falling.") == []


def test_session_26_shares_in_brackets_thresholds_and_gaps() -> None:
    # Practitioner checks AE and AF; invented figures. A share in brackets after "almost all" or "six" is of what
    # follows the bracket.
    (share,) = _metrics("Almost all (97%) children in care are up to date with dental checks.")
    assert share.value == 97 and "children in care are up to date" in share.indicator
    share = next(m for m in _metrics("Seven (41%) of the 17 audits were of good quality.") if m.unit == "percent")
    assert share.value == 41 and share.indicator.startswith("audits were of good quality")
    # "more than five times" bounds what is counted; "2% above the England average" is a gap, not a value.
    assert _metrics("Some children went missing from care more than four times.") == []
    assert _metrics("This rate is 2% above the England average.") == []
    assert _metrics("Timeliness is 4 percentage points below the statistical neighbour average.") == []
    assert [m.value for m in _metrics("The authority recruited 35% more social workers last year.")] == [35]


def test_session_26_measures_that_only_share_a_word() -> None:
    # Practitioner check AE: parents at conferences, letter box contacts and agency foster carers had been filed
    # under school attendance, front-door contacts and the number of foster carers.
    from kg.extract.measures import measure_of

    assert measure_of("parental attendance at child protection conferences") is None
    assert measure_of("letter box contacts") is None
    assert measure_of("children placed with independent foster carers") is None
    assert measure_of("persistent absence from school") == "school-attendance-exclusion"
    assert measure_of("contacts received by the front door") == "contacts"
    assert measure_of("approved foster carers") == "foster-carers"


def test_session_26_a_lead_in_bullet_with_there_have_been_and_inspectors_meeting_people() -> None:
    # Practitioner check AH; invented figures. "• Over the previous 12 months there were:" gives its items a period.
    text = "Context\n• 40 live with parents\n• Over the previous 12 months there were:\n• 12 adoptions\n"
    periods = {m.value: m.period for m in extract_metrics(text, sentence_spans(text))}
    assert periods == {40: None, 12: "previous 12 months"}
    assert _metrics("Inspectors met with seven care leavers.") == []


def test_session_26_sums_in_words_a_comparators_bracket_and_the_figure_for_a_year() -> None:
    # Practitioner checks AI and AL; invented figures.
    (money,) = _metrics("The council put an extra three million pounds into early help.")
    assert (money.value, money.unit) == (3_000_000, "pounds")
    # "better than national (52%)": the bracket holds the comparator's figure, not the authority's.
    assert _metrics("Care leavers' employment is better than national (52%).") == []
    # "The figure for 2015-16 is 2%" is the figure of the sentence before.
    later = _metrics("In 2011-12, 8% of children in care had been cautioned. The figure for 2015-16 is 2%.")[-1]
    assert later.value == 2 and "cautioned" in later.indicator


def test_session_26_a_period_between_two_months_and_a_plans_parts_measure_no_children() -> None:
    # Practitioner checks AI and AK; invented figures.
    (referrals,) = _metrics("There were 140 advocacy referrals between April and June 2017.")
    assert referrals.period == "April and June 2017"
    (themes,) = _metrics("The board has agreed five key strategic themes for children looked after.")
    assert themes.measure is None  # themes are counted, not children looked after


def test_session_26_a_factor_in_a_share_of_cases_keeps_the_factor() -> None:
    # Practitioner check AE: "7% | assessments" had lost what the 7% of assessments had. Invented figures.
    (share,) = _metrics("Alcohol misuse was recorded as a factor in 8% of assessments.")
    assert share.indicator == "assessments with alcohol misuse"


def test_session_26_a_target_is_no_figure_achieved() -> None:
    # Practitioner checks AE and AF: targets had been compared as adoptions and new households. Invented figures.
    (target,) = _metrics("The agency is close to its target of 45 approved adopters this year.")
    assert target.indicator.startswith("target:") and target.measure is None


def test_session_28_practitioner_check_metrics() -> None:
    # Practitioner checks BG and BH; invented wording.
    text = "On 3 May 2021, 2011 children were receiving help as children in need, compared with 1980 a year before."
    (m,) = extract_metrics(text, sentence_spans(text))
    assert (m.value, m.measure, m.comparator_value) == (2011, "children-in-need", 1980)
    # Staff, universities and councils are counted, not children or casework.
    for text in ["Around 1,200 practitioners have attended training on the public law outline.",
                 "Care leavers study at three local universities.",
                 "The adoption agency joins five local authorities."]:
        assert [m.measure for m in extract_metrics(text, sentence_spans(text))] == [None], text
    # A change is no level of what it is a change in.
    text = "A 30% rise in protection plans for under-fives was seen this year."
    assert [m.measure for m in extract_metrics(text, sentence_spans(text))] == [None]


def test_a_dated_lead_in_over_several_lines_dates_its_list() -> None:
    # Practitioner check BH; invented figures.
    text = ("At 30 April 2019, 410 children were looked after by the council (a rate of 60 per 10,000\n"
            "children). This is a rise from 380 at 31 March 2018.\nOf this number:\n"
            "• 41 live with parents, of whom 12% live outside the area\n"
            "• 250 live with foster families\n")
    metrics = extract_metrics(text, sentence_spans(text))
    by_value = {m.value: m for m in metrics}
    assert by_value[41].period == by_value[250].period == "30 April 2019"
    # A count of those living with parents is no count of children placed away, though a share of them is.
    assert by_value[41].measure is None and by_value[12].measure == "placed-out-of-area"


def test_national_performance_is_a_comparator() -> None:
    # Practitioner check BG; invented figures.
    text = "Children waited 600 days on average, against national performance of 520 days."
    (m,) = extract_metrics(text, sentence_spans(text))
    assert (m.value, m.comparator, m.comparator_value) == (600, "national performance", 520)


def test_session_28_round_six_metrics() -> None:
    # Practitioner checks BK, BL, BM and BN; invented figures.
    def one(text: str):
        (m,) = extract_metrics(text, sentence_spans(text))
        return m
    assert one("The council has a team of five dedicated nurses for children in care.").measure is None
    assert one("There are 40 BME foster carer households in the county.").measure == "foster-carers"
    assert one("Advisers said that three young people leaving care were no longer in contact with them.").measure is None
    text = "Children waited 500 days, against the 426-day target."
    target = [m for m in extract_metrics(text, sentence_spans(text)) if m.value == 426]
    assert target and target[0].indicator.startswith("target:") and target[0].measure is None
    assert one("Court cases still run past the expected timescale of 26 weeks.").indicator.startswith("target:")
    assert one("In the past six months, 48% of contacts led to a referral.").period == "the past six months"
    assert one("Since the last inspection (May 2013), the council has sent five notifications of serious incidents."
               ).period == "since the last inspection (May 2013)"


def test_a_change_said_of_the_figure_before_keeps_its_indicator() -> None:
    # Practitioner check BL; invented figures: "during" is no indicator.
    text = "Placement stability was 50% in 2013-14. This increased to 58% during 2014-15."
    assert [m.indicator for m in extract_metrics(text, sentence_spans(text))] == ["Placement stability"] * 2


def test_ofsteds_own_visits_are_no_figure_of_the_service() -> None:
    # Practitioner check BN; invented wording.
    text = "Little has changed since the last inspection and two later focused visits in 2023."
    assert not extract_metrics(text, sentence_spans(text))
    text = "Social workers made 40 visits to children in the month."
    assert [m.value for m in extract_metrics(text, sentence_spans(text))] == [40]


def test_a_sentence_opening_with_its_measure_names_a_value_after_commas() -> None:
    # Practitioner check BM; invented figures.
    text = "The average number of days from entering care to adoption, from 2013 to 2016, at 540 days, was shorter."
    (m, *_) = extract_metrics(text, sentence_spans(text))
    assert m.value == 540 and m.indicator.startswith("average number of days from entering care")


def test_the_last_of_a_list_of_ages_is_no_count() -> None:
    # Practitioner check BR; invented wording.
    text = "Data on care leavers in work at the ages of 18, 19 or 20 is not checked."
    assert not extract_metrics(text, sentence_spans(text))


def test_an_indicator_ends_where_another_subject_starts_its_clause() -> None:
    # Practitioner check BQ; invented wording.
    text = "About 35% of the workforce are newly qualified and managers have kept their caseloads low."
    (m,) = extract_metrics(text, sentence_spans(text))
    assert m.indicator == "workforce are newly qualified"


def test_out_of_a_potential_whole_and_all_but_a_few() -> None:
    # Practitioner checks BS and BV; invented figures.
    text = "Only five out of a potential 18 return interviews took place."
    (m,) = extract_metrics(text, sentence_spans(text))
    assert (m.value, m.comparator_value, m.indicator) == (5, 18, "return interviews took place")
    text = "Advisers keep in touch with all but four of the young people leaving care."
    (m,) = extract_metrics(text, sentence_spans(text))
    assert m.indicator.startswith("all but:") and m.measure is None
