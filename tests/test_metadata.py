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


# Engagement letters in shapes other than the seed's (invented people; the authorities are real names so that
# they resolve, the meetings are not).
_LETTER_ADDRESSED = ("Ofsted\nAn Office Street\nManchester\n\n12 June 2024\n\nJane Example\nDirector of Children's "
                     "Services\nBarnet Council\n\nDear Jane\n\nAnnual engagement meeting 2024\n\nThank you for "
                     "meeting with us on 22 May 2024 to discuss children's services in Barnet. We also recalled "
                     "the focused visit on 4 and 5 March 2024.\nAttendees:\nJane Example: Director of Children's "
                     "Services\nAli Testname: Head of Safeguarding\n\nYours sincerely\n\nJohn Madeup\nHis Majesty's "
                     "Inspector\n")
_LETTER_INLINE = ("Dear Mr Example\nAnnual conversation with Leeds City Council children's services, 3 March 2023\n"
                  "We met on Friday 3 March 2023. Present: Tom Example (Director of Children's Services), Sue "
                  "Fakename (Head of Service, Early Help). The service has kept caseloads low.\nKind regards\n"
                  "Mary Notreal\nSenior HMI, Social Care\n")
_LETTER_PROSE_FIRST = ("Annual engagement meeting with Barnet children's services on 9 May 2024\nWe discussed the "
                       "risks present\nin the borough. " + "Leaders described how the service has changed. " * 6
                       + "\nAttending:\nJane Example: Director of Children's Services\n")
_LETTER_NOTE = ("Note of annual engagement meeting with London Borough of Hackney\nDate: 14 November 2022\n"
                "Ofsted attendees: Ruth Testwood, Senior HMI; Paul Madeup, HMI\n"
                "Local authority attendees: Director of Children's Services; Assistant Director, Safeguarding\n"
                "The authority described its response to exploitation.\n")


def test_an_engagement_letter_gives_its_meeting_date_its_inspector_and_who_attended() -> None:
    md = extract_metadata(_LETTER_ADDRESSED, lambda _n: None)
    assert md.kind == DocumentKind.LETTER
    # The meeting's date, not the letter's (12 June) nor the visit it recalls (4 March).
    assert (md.period_start.isoformat(), md.period_end.isoformat()) == ("2024-05-22", "2024-05-22")
    assert md.lead_inspector == "John Madeup"
    assert [(n, p) for n, p, _ in md.attendees] == [("Jane Example", "Director of Children's Services"),
                                                    ("Ali Testname", "Head of Safeguarding")]

    md = extract_metadata(_LETTER_INLINE, lambda _n: None)
    assert md.period_start.isoformat() == "2023-03-03"
    assert md.lead_inspector == "Mary Notreal"  # signed "Kind regards"
    assert [(n, p) for n, p, _ in md.attendees] == [("Tom Example", "Director of Children's Services"),
                                                    ("Sue Fakename", "Head of Service, Early Help")]
    for _name, post, (s, e) in md.attendees:
        assert _LETTER_INLINE[s:e] == post  # the evidence span is the post itself

    # "present" ending a line of prose is no heading; the real one below still is.
    assert [(n, p) for n, p, _ in extract_metadata(_LETTER_PROSE_FIRST, lambda _n: None).attendees] == [
        ("Jane Example", "Director of Children's Services")]

    md = extract_metadata(_LETTER_NOTE, lambda _n: None)
    assert md.period_start.isoformat() == "2022-11-14"
    assert md.lead_inspector == "Ruth Testwood"  # the first inspector named with the title
    # Posts without names; Ofsted's own inspectors are not the authority's attendees.
    assert [(n, p) for n, p, _ in md.attendees] == [(None, "Director of Children's Services"),
                                                    (None, "Assistant Director, Safeguarding")]


def test_a_visit_letter_says_who_carried_it_out_or_led_it() -> None:
    carried = _FOCUSED.replace("Her Majesty's Inspectors for this visit were Ann Testwood and Ben Fakename (lead).",
                               "This visit was carried out by Her Majesty's Inspectors Ann Testwood and Ben Fakename.")
    assert extract_metadata(carried, lambda _n: None).lead_inspector == "Ann Testwood"  # the first named
    led = carried + " The visit was led by Ben Fakename.\n"
    assert extract_metadata(led, lambda _n: None).lead_inspector == "Ben Fakename"


def test_an_inspection_that_came_back_ends_with_its_last_visit() -> None:
    # Invented dates in the layout of reports whose inspectors returned for a second visit.
    standard = ("Inspection of Exampleshire local authority children's services\nInspection dates: 30 September to "
                "11 October 2024 and 13 to 16 January 2025\n" + TABLE)
    md = extract_metadata(standard, lambda _n: None)
    assert (md.period_start.isoformat(), md.period_end.isoformat()) == ("2024-09-30", "2025-01-16")
    assert md.kind == DocumentKind.STANDARD
    short = ("Inspection of Exampleshire local authority children's services\nInspection dates: 8 July 2019 to 12 "
             "July 2019 and 7 August 2019 to 8 August 2019\n" + TABLE)
    md = extract_metadata(short, lambda _n: None)
    assert md.period_end.isoformat() == "2019-08-08"
    assert md.kind == DocumentKind.SHORT  # told by its first visit's week
    # "and" followed by something other than dates changes nothing.
    md = extract_metadata(standard.replace("and 13 to 16 January 2025", "and published later"), lambda _n: None)
    assert md.period_end.isoformat() == "2024-10-11"


def test_a_visit_letter_with_a_long_address_block_is_still_a_visit() -> None:
    address = "Ofsted\nAn Office Street\nManchester\n" + "An address line of the letter\n" * 14 + "\n12 March 2024\n\n"
    assert len(address) > 400  # the heading falls past the title region
    letter = address + "Dear Ms Example\n\n" + _FOCUSED.split("\n\n", 1)[1]
    md = extract_metadata(letter, lambda _n: None)
    assert md.kind == DocumentKind.FOCUSED
    assert (md.period_start.isoformat(), md.period_end.isoformat()) == ("2020-02-04", "2020-02-05")
    monitoring = address + "Dear Ms Example\n\n" + _MONITORING.split("\n\n", 1)[1]
    assert extract_metadata(monitoring, lambda _n: None).kind == DocumentKind.MONITORING


def test_an_inspector_named_before_the_words_lead_inspector_leads() -> None:
    joint = _JOINT + "\nThe inspection team: Ann Testwood, Ofsted lead inspector; Ben Fakename, Care Quality Commission.\n"
    assert extract_metadata(joint, lambda _n: None).lead_inspector == "Ann Testwood"
    joint = _JOINT + "\nInspectors: Cara Madeup, Lead Inspector, and Dan Notreal.\n"
    assert extract_metadata(joint, lambda _n: None).lead_inspector == "Cara Madeup"


def test_two_lead_inspectors_give_the_first() -> None:
    # Stoke-on-Trent 2022 names two ("Lead inspectors: A, His Majesty's Inspector, and B, ..."): a practitioner
    # check found the field empty.
    opening = ("Inspection of Exampleshire local authority children's services\nInspection dates: 5 to 16 October "
               "2022\nLead inspectors: Ann Fakename, His Majesty's Inspector, and Bob Madeup, His Majesty's "
               "Inspector\n" + TABLE)
    assert extract_metadata(opening, lambda _n: None).lead_inspector == "Ann Fakename"


def test_a_publication_date_from_a_file_named_by_it() -> None:
    # Practitioner checks (session 21) found most recent reports with no publication date: their text does not
    # print it, but `kg fetch` and the corpus name each report by it.
    from datetime import date

    from kg.extract.metadata import publication_date_from_name

    assert publication_date_from_name("corpus/x/2024-03-01.pdf", date(2024, 1, 19)) == date(2024, 3, 1)
    assert publication_date_from_name("C:\\reports\\2024-03-01.pdf", None) == date(2024, 3, 1)
    assert publication_date_from_name("corpus/x/report 2024-03-01.pdf", None) is None  # not a date alone
    assert publication_date_from_name("corpus/x/2024-02-30.pdf", None) is None  # no such day
    assert publication_date_from_name("corpus/x/2023-03-01.pdf", date(2024, 1, 19)) is None  # before fieldwork


def test_a_title_after_the_authority_line_and_without_the_header_run_on() -> None:
    older = ("Exampleshire Council\nInspection of help and care services for children and Review of the "
             "local board1\nInspection date: 1 April 2014 – 20 April 2014\n")
    assert extract_metadata(older, lambda _n: None).title == ("Inspection of help and care services for children and "
                                                              "Review of the local board")
    scrambled = ("Exampleshire Review of help for children Inspection dates: 3 March 2019 "
                 "to 14 March 2019 Lead inspector: Cara Madeup\nMore text.\n")
    assert extract_metadata(scrambled, lambda _n: None).title == "Exampleshire Review of help for children"
    letter = "Exampleshire Council\nAnnual engagement meeting\n"
    assert extract_metadata(letter, lambda _n: None).title == "Exampleshire Council"


@pytest.mark.parametrize("dash", ["–", "—", "─", "−", "-", "to"])
def test_inspection_dates_joined_by_any_dash(dash: str) -> None:
    # Practitioner check AV: a 2017 report joins its dates with a box-drawing dash ("─"), read as one day.
    text = f"Exampleshire\nReview of children's services in Exampleshire\nInspection date: 19 June 2017 {dash} 12 July 2017\n"
    md = extract_metadata(text, lambda _n: None)
    assert (md.period_start.isoformat(), md.period_end.isoformat()) == ("2017-06-19", "2017-07-12")
