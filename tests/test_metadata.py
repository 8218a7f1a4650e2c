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
