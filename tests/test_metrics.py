"""Metrics: counts of anything the text counts, in digits or words, and what is not a count."""

from __future__ import annotations

from kg.extract.metrics import extract_metrics


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
