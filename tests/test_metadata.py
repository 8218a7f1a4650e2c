"""The kind of document told from its opening (kg.extract.metadata), on invented openings."""

from __future__ import annotations

import pytest

from kg.extract.metadata import DocumentKind, extract_metadata

TABLE = ("Judgement Grade\nThe impact of leaders on social work practice with children and families\nGood\n"
         "Overall effectiveness Good\n")


@pytest.mark.parametrize(("opening", "kind"), [
    ("Inspection of Exampleshire local authority children's services\nInspection dates: 6 to 17 May 2024\n",
     DocumentKind.STANDARD),
    # Later reports name the council or the trust in the title instead of "local authority".
    ("Inspection of Exampleshire County Council children's services\nInspection dates: 6 to 17 May 2024\n",
     DocumentKind.STANDARD),
    ("Inspection of Example Metropolitan\nBorough Council children's services\nInspection dates: 6 to 10 May 2024\n",
     DocumentKind.SHORT),
    ("Inspection of Example Children and Families Trust\nInspection dates: 6 to 17 May 2024\n",
     DocumentKind.STANDARD),
    # An opening no title pattern knows: the ILACS grade table still tells.
    ("Example Council\nChildren's services report\nInspection dates: 6 to 17 May 2024\n", DocumentKind.STANDARD),
    ("Focused visit to Example children's services\nInspection dates: 6 to 7 May 2024\n", DocumentKind.FOCUSED),
])
def test_kind_from_title_dates_and_grade_table(opening: str, kind: DocumentKind) -> None:
    assert extract_metadata(opening + TABLE, lambda _n: None).kind == kind


def test_no_ilacs_table_and_no_title_stays_a_plain_document() -> None:
    text = "Example Council\nA note on services\nInspection dates: 6 to 17 May 2024\nNothing graded here.\n"
    assert extract_metadata(text, lambda _n: None).kind == DocumentKind.OTHER


# Visit letters and joint inspections, in the shape Ofsted writes them (invented names and places).
_FOCUSED = ("Dear Ms Example\n\nFocused visit to Exampleshire children's services\n\nThis letter summarises the "
            "findings of the focused visit to Exampleshire children's services on 4 and 5 February 2020. Her "
            "Majesty's Inspectors for this visit were Ann Testwood and Ben Fakename (lead).\n")
_MONITORING = ("Dear Ms Example\n\nMonitoring visit to Exampleshire children's services\n\nThis letter summarises "
               "the findings of the monitoring visit on 2 and 3 March 2021. Her Majesty's Inspectors for this visit "
               "were Cara Madeup and Dan Notreal.\n")
_JOINT = ("Joint targeted area inspection of the multi-agency response to children and families who need help in "
          "Exampleshire\n\nBetween 8 and 12 May 2023, Ofsted, the Care Quality Commission and the other "
          "inspectorates carried out a joint inspection.\n")


def test_a_visit_letter_names_its_lead_inspector() -> None:
    assert extract_metadata(_FOCUSED, lambda _n: None).lead_inspector == "Ben Fakename"  # the one marked lead
    assert extract_metadata(_MONITORING, lambda _n: None).lead_inspector == "Cara Madeup"  # else the first named
    signed = _MONITORING + "\nYours sincerely\n\nDan Notreal\nHer Majesty's Inspector\n"
    assert extract_metadata(signed, lambda _n: None).lead_inspector == "Dan Notreal"  # else who signs


def test_a_joint_inspection_has_the_dates_of_its_opening_sentence() -> None:
    md = extract_metadata(_JOINT, lambda _n: None)
    assert md.kind == DocumentKind.JTAI
    assert (md.period_start.isoformat(), md.period_end.isoformat()) == ("2023-05-08", "2023-05-12")
