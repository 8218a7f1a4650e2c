"""kg.compare on the hand-made store of test_analyse.py (answers worked out by hand there)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_analyse import (
    BARNET,
    BARNET_FS,
    HARROW,
    HILLINGDON,
    REDBRIDGE,
    build_store,
    concept,
    doc_iri,
    la_iri,
    sha,
)

from kg import identifiers as ids


@pytest.fixture(scope="module")
def store():
    return build_store()


def test_compare_authorities_sets(store) -> None:
    from kg.compare import compare_authorities

    cmp = compare_authorities(store, "harrow", "LONDON BOROUGH OF BARNET")
    assert (cmp.a, cmp.b) == (la_iri(HARROW), la_iri(BARNET))
    assert cmp.both == [concept("contextual-safeguarding"), concept("mash"), concept("signs-of-safety")]
    assert cmp.only_a == [concept("family-group-conference"), concept("troubled-families")]
    assert cmp.only_b == [concept("family-safeguarding")]
    assert cmp.jaccard == pytest.approx(3 / 6)
    assert cmp.cosine == pytest.approx(3 / math.sqrt(5 * 4))
    rows = {r["practice"]: r for r in cmp.practice}
    assert rows[concept("mash")] | {} == {
        "practice": concept("mash"),
        "label": "multi-agency safeguarding hub",
        "class": "Team",
        "status": "both",
        "a_evidence": 3,
        "b_evidence": 1,
        "a_first_year": 2018,
        "b_first_year": 2019,
    }
    assert rows[concept("family-safeguarding")]["a_evidence"] == 0
    assert tuple(cmp.practice[0]) == cmp.COLUMNS["practice"]


def test_compare_authorities_public_only(store) -> None:
    from kg.compare import compare_authorities

    cmp = compare_authorities(store, "Harrow", "Barnet", include_restricted=False)
    assert concept("family-group-conference") not in cmp.only_a  # only the restricted letter names it
    assert cmp.jaccard == pytest.approx(3 / 5)
    assert {r["practice"]: r for r in cmp.practice}[concept("mash")]["a_evidence"] == 2


def test_compare_authorities_judgements_and_metrics(store) -> None:
    from kg.compare import compare_authorities

    cmp = compare_authorities(store, "E09000015", "Barnet")
    assert [(r["authority"], r["date"], r["overall_effectiveness"]) for r in cmp.judgements] == [
        ("Harrow", "2018-03-05", "Requires improvement"),
        ("Barnet", "2019-05-13", "Good"),
    ]
    assert cmp.judgements[1]["care_leavers"] == "Requires improvement"
    metrics = {r["indicator"]: r for r in cmp.metrics}
    agency = metrics["agency staff"]
    assert (agency["a_value"], agency["a_comparator"], agency["a_comparator_value"]) == (
        16.0,
        "London average",
        26.0,
    )
    assert (agency["b_value"], agency["b_comparator"], agency["b_comparator_value"]) == (
        20.0,
        "England average",
        15.8,
    )
    assert metrics["re-referrals"]["a_value"] == 18.0 and metrics["re-referrals"]["b_value"] is None


def test_compare_unknown_and_same_authority(store) -> None:
    from kg.compare import compare_authorities, compare_over_time
    from kg.errors import KgError

    with pytest.raises(KgError, match=r"^unknown authority: Atlantis$"):
        compare_authorities(store, "Harrow", "Atlantis")
    with pytest.raises(KgError, match="unknown authority: Nowhere"):
        compare_over_time(store, "Nowhere")
    with pytest.raises(KgError, match="same authority"):
        compare_authorities(store, "Harrow", "london borough of harrow")


def test_compare_with_neighbours(store) -> None:
    from kg.compare import compare_with_neighbours

    res = compare_with_neighbours(store, "Harrow")
    assert [label for _, label in res.neighbours] == ["Barnet", "Hillingdon", "Redbridge"]
    rows = {r["practice"]: r for r in res.practice}
    assert rows[concept("mash")]["neighbours"] == 3 and rows[concept("mash")]["authority_has"] is True
    assert rows[concept("family-safeguarding")]["neighbour_labels"] == "Barnet; Hillingdon"
    assert rows[concept("family-safeguarding")]["authority_has"] is False
    assert rows["discovered:young-carers-hub"]["neighbours"] == 1
    # Only Family Safeguarding is held by >= 2 neighbours and not by Harrow.
    assert [s["practice"] for s in res.suggestions] == [concept("family-safeguarding")]
    s = res.suggestions[0]
    assert (s["evidence_authority"], s["evidence_document"], s["evidence_sentence"], s["evidence_page"]) == (
        "Barnet",
        doc_iri("barnet-2019"),
        BARNET_FS,
        5,
    )
    # Latest judgements, Harrow first; Redbridge's report has none.
    assert [(r["authority"], r["overall_effectiveness"]) for r in res.judgements] == [
        ("Harrow", "Requires improvement"),
        ("Barnet", "Good"),
        ("Hillingdon", "Good"),
    ]
    assert len(compare_with_neighbours(store, "Harrow", min_neighbours=1).suggestions) == 3


def test_compare_with_neighbours_single_neighbour(store) -> None:
    from kg.compare import compare_with_neighbours

    res = compare_with_neighbours(store, "Redbridge")
    assert [label for _, label in res.neighbours] == ["Harrow"]
    assert res.suggestions == []  # one neighbour can never make two


def test_compare_over_time(store) -> None:
    from kg.compare import compare_over_time

    tl = compare_over_time(store, "Harrow")
    assert [r["date"] for r in tl.documents] == ["2018-03-05", "2021-06-08", "2022-11-01"]
    first, second, third = tl.documents
    assert first["appeared"] == "multi-agency safeguarding hub; signs of safety; troubled families"
    assert first["disappeared"] == "" and first["overall_effectiveness"] == "Requires improvement"
    assert second["appeared"] == "contextual safeguarding"
    assert second["persisted"] == "multi-agency safeguarding hub"
    assert second["disappeared"] == "signs of safety; troubled families"
    assert second["metrics"] == 1
    assert third["appeared"] == "family group conference"
    assert third["disappeared"] == "contextual safeguarding"
    changes = {(r["date"], r["change"], r["label"]): r for r in tl.changes}
    cs = changes[("2021-06-08", "appeared", "contextual safeguarding")]
    assert cs["sentence"] == "Contextual safeguarding shapes the work with teenagers." and cs["page"] == 2
    assert ("2021-06-08", "disappeared", "signs of safety") in changes
    assert [r["indicator"] for r in tl.metrics] == ["agency staff", "re-referrals"]
    assert len(tl.judgements) == 1
    public = compare_over_time(store, "Harrow", include_restricted=False)
    assert len(public.documents) == 2


def test_compare_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    location = tmp_path / "store"
    build_store(location).close()
    runner = CliRunner()
    base = ["--store", str(location), "compare"]
    res = runner.invoke(cli, [*base, "Harrow", "Barnet", "--format", "json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["summary"]["jaccard"] == 0.5
    assert [r["status"] for r in data["practice"]].count("both") == 3
    res = runner.invoke(cli, [*base, "Harrow", "--neighbours", "--table", "suggestions", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("rank,practice,label,class,neighbours,neighbour_labels,evidence_authority")
    assert "family safeguarding" in lines[1] and len(lines) == 2
    res = runner.invoke(cli, [*base, "Harrow", "--over-time"], env={"COLUMNS": "120"})
    assert res.exit_code == 0 and "contextual safeguarding" in res.output
    res = runner.invoke(
        cli, [*base, "Harrow", "--over-time", "--public-only", "--table", "documents", "--format", "csv"]
    )
    assert res.exit_code == 0 and len(res.output.splitlines()) == 3
    res = runner.invoke(cli, [*base, "Harrow"])
    assert res.exit_code == 2 and "two authorities" in res.output
    res = runner.invoke(cli, [*base, "Harrow", "Barnet", "--neighbours"])
    assert res.exit_code == 2
    res = runner.invoke(cli, [*base, "Harrow", "Gotham"])
    assert res.exit_code == 1 and "unknown authority: Gotham" in res.output
    res = runner.invoke(cli, [*base, "Harrow", "Barnet", "--table", "nope"])
    assert res.exit_code == 1 and "no table nope" in res.output


def test_compare_neighbour_iris_are_authorities(store) -> None:
    from kg.compare import compare_with_neighbours

    res = compare_with_neighbours(store, la_iri(HARROW))
    assert {iri for iri, _ in res.neighbours} == {la_iri(BARNET), la_iri(HILLINGDON), la_iri(REDBRIDGE)}


def test_a_joint_children_in_care_grade_is_shown_for_care_leavers() -> None:
    """ILACS reports before 2023 grade children in care and care leavers together: a blank care leavers' column
    read as a missing grade to practitioners, so the joint grade is shown there, saying so."""
    from kg.compare import judgement_rows
    from kg.project import DocumentInfo, PracticeData

    docs = {"d1": DocumentInfo("d1", ("la",), "StandardInspection", "2019-03-01"),
            "d2": DocumentInfo("d2", ("la",), "SIFInspection", "2015-03-01")}
    data = PracticeData({}, docs, {}, {}, {})
    rows = judgement_rows(data, {"d1": {"children_in_care": "Good"}, "d2": {"children_in_care": "Good"}}, docs)
    by_doc = {r["document"]: r for r in rows}
    assert by_doc["d1"]["care_leavers"] == "Good (judged with children in care)"
    assert by_doc["d2"]["care_leavers"] == ""  # a SIF report grades care leavers apart, or not at all


def test_each_judgements_row_names_its_framework_and_a_mix_is_noted() -> None:
    """A 2014 SIF grade beside a 2023 ILACS one read as like for like (practitioner checks): each row says the
    framework it was graded under, by kind and, for ILACS from April 2026 (no overall grade), by date; a table
    that mixes frameworks carries a note, one that does not carries none."""
    from kg.compare import judgement_rows
    from kg.frameworks import frameworks_note
    from kg.project import DocumentInfo, PracticeData

    docs = {"d1": DocumentInfo("d1", ("la",), "SIFInspection", "2014-05-01"),
            "d2": DocumentInfo("d2", ("la",), "StandardInspection", "2023-02-01"),
            "d3": DocumentInfo("d3", ("la",), "ShortInspection", "2026-04-27"),
            "d4": DocumentInfo("d4", ("la",), "LookedAfterChildrenInspection", "2012-06-01")}
    data = PracticeData({}, docs, {}, {}, {})
    graded = {d: {"impact_of_leaders": "Good"} for d in docs}
    rows = {r["document"]: r["framework"] for r in judgement_rows(data, graded, docs)}
    assert rows == {"d1": "SIF (2013-18)", "d2": "ILACS (2018-26)", "d3": "ILACS (2026 on)", "d4": "LAC (to 2013)"}
    note = frameworks_note(judgement_rows(data, graded, ["d1", "d2"]))
    assert note is not None and note.endswith("(ILACS (2018-26), SIF (2013-18))")
    assert frameworks_note(judgement_rows(data, graded, ["d2"])) is None


def test_a_comparison_across_frameworks_says_so_in_its_summary(store) -> None:
    from kg.compare import compare_authorities, compare_over_time

    cmp = compare_authorities(store, "Harrow", "Barnet")
    assert {r["framework"] for r in cmp.judgements} == {"ILACS (2018-26)"}
    assert "judgements_note" not in cmp.summary  # one framework: nothing to warn of
    assert "judgements_note" not in compare_over_time(store, "Harrow").summary


def test_a_reports_first_figure_for_a_measure_is_the_one_compared() -> None:
    """A report gives its headline figure first and figures about parts of it later ("482 children looked after
    ... 65 of them live out of the area"): a comparison shows the first (practitioner check G)."""
    from kg.compare import _aligned_metrics
    from kg.project import PracticeData

    def metric(la: str, value: float, start: int) -> dict:
        return {"metric": f"m{value}", "authority": la, "date": "2015-01-01", "document": f"doc-{la}",
                "indicator": "children looked after", "measure": "children looked after", "value": value,
                "unit": "count", "period": "", "comparator": "", "comparator_value": None, "start": start}

    rows = _aligned_metrics(PracticeData({}, {}, {}, {}, {}),
                            [metric("A", 482.0, 100), metric("A", 65.0, 900), metric("B", 300.0, 50)], "A", "B")
    assert [(r["a_value"], r["b_value"]) for r in rows] == [(482.0, 300.0)]


def test_neighbours_with_no_document_are_named(store) -> None:
    from kg.compare import compare_with_neighbours

    assert "neighbours_without_documents" not in compare_with_neighbours(store, "Harrow").summary
    # Without Barnsley's report its empty columns mean "not read", not "has nothing".
    small = build_store()
    small.update(f"DROP GRAPH <{ids.graph_iri(sha('barnsley-2018'))}>")
    assert compare_with_neighbours(small, "Rotherham").summary["neighbours_without_documents"] == "Barnsley"


def test_a_later_time_in_the_same_report_is_the_one_compared() -> None:
    """A report that gives a figure for one year and then for a later one ("44 weeks in 2014 ... 32 weeks in
    2015", or "from 44 to 32 weeks") is compared on the later (practitioner checks Q and R found the older shown
    as the latest); figures with no year keep the headline-first rule."""
    from kg.compare import _aligned_metrics
    from kg.project import PracticeData

    def metric(value: float, start: int, period: str = "", comparator: str = "", cvalue: float | None = None):
        return {"metric": f"m{value}", "authority": "A", "date": "2016-01-01", "document": "doc-A",
                "indicator": "care proceedings", "measure": "care proceedings duration", "value": value,
                "unit": "weeks", "period": period, "comparator": comparator, "comparator_value": cvalue,
                "start": start}

    def shown(*metrics) -> float:
        (row,) = _aligned_metrics(PracticeData({}, {}, {}, {}, {}), list(metrics), "A", "B")
        return row["a_value"]

    assert shown(metric(44.0, 100, "2013–14"), metric(32.0, 400, "2014–15")) == 32.0
    neglect = {**metric(20.0, 400, "January 2015"), "indicator": "plans due to neglect"}
    assert shown(metric(44.0, 100, "2013–14"), neglect) == 44.0  # a part of the figure, not a later one
    assert shown(metric(44.0, 100, "June 2015"), metric(40.0, 400, "March 2015")) == 44.0
    assert shown(metric(44.0, 100), metric(32.0, 400, comparator="earlier value", cvalue=44.0)) == 32.0
    assert shown(metric(44.0, 100, "2014"), metric(30.0, 400)) == 44.0
    # "down from 40% in 2013-14 to 25% now": the undated figure right after the dated one is now (practitioner
    # check BL)
    assert shown(metric(37.0, 100, "2013–14"), metric(22.0, 160)) == 22.0


def test_a_national_statute_or_body_is_no_practice_an_authority_lacks(store, monkeypatch) -> None:
    """Barnet's neighbour Harrow names a national scheme; read as a statute (a national Policy), it is no row
    of Barnet's practice table, where it read as something Barnet lacks (practitioner check S: "Children Act
    1989" listed as practice Sefton lacks). Barnet's own practice and Harrow's local practice stay."""
    from kg.compare import compare_with_neighbours
    from kg.project import PracticeData

    before = {r["practice"] for r in compare_with_neighbours(store, "Barnet").practice}
    assert any(k.endswith("troubled-families") for k in before)
    real_class = PracticeData.practice_class
    monkeypatch.setattr(PracticeData, "practice_class",
                        lambda self, k: "Policy" if k.endswith("troubled-families") else real_class(self, k))
    after = {r["practice"] for r in compare_with_neighbours(store, "Barnet").practice}
    assert after == {k for k in before if not k.endswith("troubled-families")}
