"""Judgements of the 2012-2013 inspections of looked-after-children services (kg.extract.judgements)."""

from __future__ import annotations

from kg.extract.judgements import extract_lac_judgements
from kg.extract.metadata import DocumentKind, extract_metadata


def test_looked_after_children_inspection_kind_and_grades() -> None:
    # Invented text in the layout of those reports: grades through the body, "adequate" off today's scale.
    text = (
        "Inspection of looked after children services\nExample Borough Council\n"
        "Inspection dates: 1 – 5 July 2013\nReporting inspector A N Other HMI\n"
        + "Contents\nOverall effectiveness of services for looked after children and young people 4\n"
        + "x " * 3000
        + "\nOverall effectiveness of services for looked after children and young people\nGrade 4 (Inadequate)\n"
        "Capacity to improve Grade 3 (Adequate)\n" + "y " * 2000
        + "\nLeadership and management Grade 3 (Adequate)\nRecord of main findings\n"
        "Overall effectiveness Inadequate\nLeadership and management Adequate\n"
    )
    assert extract_metadata(text, lambda _n: None).kind == DocumentKind.LAC
    got = {(j.area, j.grade) for j in extract_lac_judgements(text)}
    assert got == {("OverallEffectiveness", "Inadequate")}  # leadership was "adequate": not recorded


def test_leadership_grade_on_todays_scale_is_kept() -> None:
    text = "Leadership and management Grade 2 (Good)\nOverall effectiveness Good\n"
    got = {(j.area, j.grade) for j in extract_lac_judgements(text)}
    assert got == {("OverallEffectiveness", "Good"), ("ImpactOfLeaders", "Good")}


def test_a_grade_of_an_earlier_inspection_is_not_this_reports() -> None:
    from kg.extract.judgements import extract_judgements

    # Invented text in the 2026 layout: four grades, no overall one; the summary recalls the last inspection.
    text = ("The impact of leaders on social work practice with children and families\nGood\n"
            "The experiences and progress of care leavers\nRequires improvement to be good\n"
            "Services have improved since the inspection in 2023, when overall effectiveness was judged to be "
            "inadequate. At the previous inspection, overall effectiveness: inadequate.")
    got = {(j.area, j.grade) for j in extract_judgements(text)}
    assert got == {("ImpactOfLeaders", "Good"), ("CareLeavers", "RequiresImprovement")}
    assert {(j.area, j.grade) for j in extract_judgements("Overall effectiveness\nGood\n")} == {
        ("OverallEffectiveness", "Good")}


def test_a_grade_broken_over_lines_in_the_table_is_read() -> None:
    from kg.extract.judgements import extract_judgements

    # Invented text in the SIF table layout, where a narrow cell breaks the grade over two lines.
    text = ("1. Children who need help and protection Good 2. Children looked after and achieving permanence\n"
            "Requires\nImprovement 2.1 Adoption performance Good")
    got = {(j.area, j.grade) for j in extract_judgements(text)}
    assert got == {("HelpAndProtection", "Good"), ("ChildrenInCare", "RequiresImprovement"),
                   ("AdoptionPerformance", "Good")}


def test_a_table_read_as_a_column_of_labels_then_a_column_of_grades() -> None:
    from kg.extract.judgements import extract_judgements

    # Invented grades in the order `pdftotext` (without -layout) gives the older table: two labels on one
    # line, then their grades, a footnote number between a label and its grade, and the adoption row.
    text = ("The judgements on areas of the service that contribute to overall effectiveness are:\n"
            "1. Children who need help and protection 2. Children looked after and achieving permanence\n"
            "Requires improvement\nGood\n2.1 Adoption performance\nInadequate\n"
            "2.2 Experiences and progress of care leavers\nGood\n3. Leadership, management and governance\n1\n"
            "Outstanding\nThe local safeguarding children board is good.")
    got = {(j.area, j.grade) for j in extract_judgements(text)}
    # The area patterns alone would give the permanence row the grade after it (the first row's).
    # The board's grade counts only in a report whose title says it includes the board's review.
    assert got == {("HelpAndProtection", "RequiresImprovement"), ("ChildrenInCare", "Good"),
                   ("AdoptionPerformance", "Inadequate"), ("CareLeavers", "Good"),
                   ("ImpactOfLeaders", "Outstanding")}


def test_the_safeguarding_board_grade_of_a_report_with_the_boards_review() -> None:
    from kg.extract.judgements import extract_judgements

    # Invented text in the layout of a 2013-2018 report with the review of the board: the grade opens the
    # board's section pages after the table, with no full stop before the next heading.
    title = "Our inspection, with a review of the effectiveness of the local safeguarding children board\n"
    table = "Overall effectiveness Good\n2.1 Adoption performance Outstanding\n"
    filler = "The board's chair meets the director often. " * 300  # the section is far beyond the table
    section = "The board\nThe LSCB requires improvement Executive summary\n"

    def grades(text: str) -> dict[str, str]:
        return {j.area: j.grade for j in extract_judgements(text)}

    got = grades(title + table + filler + section)
    assert got["SafeguardingBoardEffectiveness"] == "RequiresImprovement"
    assert got["AdoptionPerformance"] == "Outstanding"
    # "is good at" is praise, not a grade; a grade of the previous inspection is not this one's; a report
    # without the review grades no board.
    assert "SafeguardingBoardEffectiveness" not in grades(title + "The LSCB is good at sharing learning.\n")
    assert "SafeguardingBoardEffectiveness" not in grades(
        title + "At the previous inspection, the LSCB was judged to be inadequate.\n")
    assert "SafeguardingBoardEffectiveness" not in grades(table + filler + section)


def test_a_boards_review_appended_to_the_report_gives_the_boards_grade() -> None:
    # Practitioner check BT: one file holding the authority's report and, pages on, the board's inspection.
    from kg.extract.judgements import extract_judgements

    text = ("Sandbury City Council\nReport on the help, care and protection of children\n"
            + "Overall effectiveness Good\n" + "filler text. " * 600
            # (the board's report's title, split so that the test holds no long run of its words)
            + "\nInspection of the effectiveness of the local "
            + "safeguarding children board\n"
            + "Inspection date: 1 May – 20 May 2016\nThe Local Safeguarding Children Board is good.\n")
    grades = {j.area: j.grade for j in extract_judgements(text)}
    assert grades.get("SafeguardingBoardEffectiveness") == "Good"
