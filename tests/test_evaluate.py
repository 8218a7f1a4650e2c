"""`kg eval`: scores, and the discipline the command itself keeps (no lists for held-out or kept-aside documents)."""

from __future__ import annotations

import json
from pathlib import Path

from kg.cli import cli

# An invented letter: one thing the thesaurus knows (a MASH) and one it cannot (a made-up panel name).
LETTER = """Annual engagement meeting: Harrow children's services
Date of meeting: 4 April 2019

Thank you for meeting us. Your multi-agency safeguarding hub (MASH) now screens every contact within a day.
Leaders told us that the Bluebell Kestrel Circle reviews every child placed far from home.
"""


def _gold(doc: str, held_out: bool, kept_aside: bool = False) -> dict:
    return {"doc": doc, "source": f"docs/{doc}.txt", "held_out": held_out, "kept_aside": kept_aside,
            "authority": "Harrow",
            "doc_type": "annual-engagement-letter", "inspection_start": "2019-04-04",
            "inspection_end": "2019-04-04", "lead_inspector": None, "judgements": {},
            "entities": [{"name": "multi-agency safeguarding hub", "aliases": ["mash"], "type": "Team"},
                         {"name": "bluebell kestrel circle", "aliases": [], "type": "Forum"}],
            "metrics": []}


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    shared, gold = tmp_path / "shared", tmp_path / "gold"
    (shared / "docs").mkdir(parents=True)
    gold.mkdir()
    for doc, held, kept in (("tuning-letter", False, False), ("held-letter", True, False),
                            ("kept-letter", False, True)):
        (shared / "docs" / f"{doc}.txt").write_text(LETTER, encoding="utf-8")
        (gold / f"{doc}.json").write_text(json.dumps(_gold(doc, held, kept)), encoding="utf-8")
    return shared, gold


def test_eval_json_scores_both_halves_and_lists_only_the_tuning_documents(runner, tmp_path: Path) -> None:
    shared, gold = _setup(tmp_path)
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--format", "json", "--details"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    # A kept-aside document is part of the tuning set, with totals of its own.
    assert out["tuning"]["documents"] == 2 and out["held_out"]["documents"] == 1
    assert out["kept_aside"]["documents"] == 1
    # Scores by type over the held-out letter alone: its one gold Team, the MASH.
    assert out["per_class_held_out"]["Team"]["gold"] == 1 and out["per_class"]["Team"]["gold"] == 3
    # The same text scores the same in both halves; the MASH is found, so recall is above zero.
    assert out["tuning"]["entity_recall"] == out["held_out"]["entity_recall"] > 0
    docs = {d["doc"]: d for d in out["documents"]}
    assert "missed" in docs["tuning-letter"] and "spurious" in docs["tuning-letter"]
    assert docs["tuning-letter"]["metadata"]["authority"][0]  # gold and extracted values
    for name in ("held-letter", "kept-letter"):
        assert "missed" not in docs[name] and "spurious" not in docs[name]
        assert all(isinstance(v, bool) for v in docs[name]["metadata"].values())  # only whether each agrees


def test_eval_lists_need_details(runner, tmp_path: Path) -> None:
    shared, gold = _setup(tmp_path)
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert all("missed" not in d for d in json.loads(res.stdout)["documents"])
    table = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--details"])
    assert table.exit_code == 0, table.output
    assert table.stdout.count("missed:") == 1  # the tuning letter's line only
    assert "kept aside  docs=1" in table.stdout


def _doc(name: str, gold: int, found: int, predicted: int, correct: int):
    from kg.evaluate import DocScore

    return DocScore(name, True, gold_entities=gold, found_entities=found, predicted_entities=predicted,
                    correct_predictions=correct, typed_correctly=found)


def test_intervals_resample_documents_and_hold_the_point_estimate() -> None:
    from kg.evaluate import EvalReport

    # Four reports that disagree a lot (recall 0.2 to 1.0): the interval must be wide and contain the total.
    varied = EvalReport([_doc("a", 10, 2, 4, 2), _doc("b", 10, 10, 10, 10), _doc("c", 10, 6, 8, 6),
                         _doc("d", 10, 9, 9, 8)])
    point = varied.totals(True)["entity_recall"]
    lo, hi = varied.intervals(True)["entity_recall"]
    assert lo < point < hi and hi - lo > 0.2
    assert varied.intervals(True) == varied.intervals(True)  # seeded: the same figures every run
    # Reports that all score the same leave nothing to resample: the interval collapses onto the total.
    same = EvalReport([_doc(str(i), 10, 7, 10, 9) for i in range(6)])
    assert same.intervals(True)["entity_recall"] == (0.7, 0.7)
    assert same.intervals(True)["entity_precision"] == (0.9, 0.9)
    assert same.intervals(False) == {}  # no tuning documents here


def test_eval_prints_intervals_per_group(runner, tmp_path: Path) -> None:
    shared, gold = _setup(tmp_path)
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--format", "json"])
    out = json.loads(res.stdout)
    lo, hi = out["intervals"]["held_out"]["entity_recall"]
    assert lo <= out["held_out"]["entity_recall"] <= hi
    table = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared)])
    assert "95% intervals" in table.stdout and "held out    P=" in table.stdout


def test_eval_scores_relations_against_gold_sentences(runner, tmp_path: Path) -> None:
    import hashlib

    shared, gold = _setup(tmp_path)
    from kg.documents import read_document

    raw = LETTER + "The education lead within the MASH works with the police.\n"
    (shared / "docs" / "rel-letter.txt").write_text(raw, encoding="utf-8")
    text = read_document(shared / "docs" / "rel-letter.txt").text  # offsets are into the text kg reads
    start = text.index("The education lead")
    end = text.index("police.") + len("police.")

    def span(word: str) -> dict:
        at = text.index(word, start)
        return {"start": at, "end": at + len(word), "name": word}

    item = {"source": "docs/rel-letter.txt", "start": start, "end": end, "held_out": False,
            "sha1": hashlib.sha1(text[start:end].encode()).hexdigest()[:12],
            "mentions": [span("education lead"), span("MASH"), span("police")],
            # The person reading it saw the lead in the MASH and the MASH working with the police.
            "relations": [{"s": 0, "p": "partOf", "o": 1}, {"s": 2, "p": "worksWith", "o": 1}]}
    (gold / "relations").mkdir()
    (gold / "relations" / "relations.json").write_text(json.dumps({"items": [item]}), encoding="utf-8")
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--format", "json"])
    assert res.exit_code == 0, res.output
    rel = json.loads(res.stdout)["relations"]["tuning"]
    assert rel["gold"] == 2 and rel["sentences"] == 1
    assert rel["partOf"]["correct"] == 1  # worksWith matches in either order too
    assert rel["correct"] == 2 and rel["precision"] == 1.0
    table = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared)])
    assert "relations, tuning" in table.stdout
    # A sentence that no longer reads the same (the PDF reader changed) is an error, not a silent mismatch.
    item["sha1"] = "0" * 12
    (gold / "relations" / "relations.json").write_text(json.dumps({"items": [item]}), encoding="utf-8")
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared)])
    assert res.exit_code != 0 and "not the sentence labelled" in res.output


def test_comparator_numbers_leave_dates_out() -> None:
    from kg.evaluate import comparator_numbers

    assert comparator_numbers("national average 20") == [20.0]
    assert comparator_numbers("1,413 at 31 March 2014; 9 in 2012-13") == [1413.0, 9.0]
    assert comparator_numbers("higher than the national average") == []
    # a school year is a date; the previous year's figure is a comparator
    assert comparator_numbers("year 11 pupils 45") == [45.0]
    assert comparator_numbers("previous year 88.6") == [88.6]


def test_indicator_words_are_content_words() -> None:
    from kg.evaluate import _overlap_f1, content_words

    assert content_words("children subject of a child protection plan") == {"children", "subject", "child",
                                                                            "protection", "plan"}
    assert _overlap_f1(content_words("care leavers in education"), content_words("care leavers in EET")) == 2 * 2 / 6


def _guideline_gold(doc: str) -> dict:
    """A gold file exactly as ANNOTATION-GUIDELINES.md shapes it: no "source", no "held_out"; types and grades
    written as a person might ("team", "Requires improvement"), a value as a string."""
    gold = _gold(doc, False)
    del gold["source"], gold["held_out"], gold["kept_aside"]
    gold["entities"][0]["type"] = "team"
    gold["doc_type"] = "Annual engagement letter"
    gold["metrics"] = [{"what": "contacts screened", "value": "100%", "unit": "percent", "comparator": None}]
    return gold


def test_eval_finds_the_text_of_a_guideline_gold_file_by_its_doc_name(runner, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    (gold / "texts").mkdir(parents=True)
    elsewhere = tmp_path / "their-texts"
    elsewhere.mkdir()
    (gold / "beside.txt").write_text(LETTER, encoding="utf-8")  # next to its gold file
    (gold / "texts" / "in-texts.txt").write_text(LETTER, encoding="utf-8")  # in texts/ beside the gold files
    (elsewhere / "given.txt").write_text(LETTER, encoding="utf-8")  # in a folder named with --texts
    for doc in ("beside", "in-texts", "given"):
        (gold / f"{doc}.json").write_text(json.dumps(_guideline_gold(doc)), encoding="utf-8")
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(tmp_path), "--texts", str(elsewhere),
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert sorted(d["doc"] for d in out["documents"]) == ["beside", "given", "in-texts"]
    assert out["errors"] == []
    # Found, and typed: "team" is read as Team; the kind of document written in words is read too.
    assert out["overall"]["entity_recall"] > 0 and out["overall"]["entity_type_accuracy"] > 0
    assert all(d["metadata"]["doc_type"] == ["annual-engagement-letter"] * 2 for d in out["documents"])
    # With nothing marked held out, the table has one line of totals, not an empty "held out" line of zeros.
    table = runner.invoke(cli, ["eval", str(gold), "--shared", str(tmp_path), "--texts", str(elsewhere)])
    assert table.exit_code == 0, table.output
    assert "all         docs=3" in table.stdout and "held out" not in table.stdout


def test_eval_reports_a_bad_gold_file_and_scores_the_rest(runner, tmp_path: Path) -> None:
    shared, gold = _setup(tmp_path)
    (gold / "broken.json").write_text("{not json", encoding="utf-8")
    (gold / "no-text.json").write_text(json.dumps(_guideline_gold("no-such-document")), encoding="utf-8")
    (gold / "odd.json").write_text(json.dumps({"doc": "x", "entities": {"name": "MASH"}}), encoding="utf-8")
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared)])
    assert res.exit_code == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    assert any("broken.json: not a readable gold JSON file" in e for e in errors)
    assert any("no-text.json: no document named no-such-document" in e for e in errors)
    assert any('odd.json: "entities" is not a list' in e for e in errors)
    assert "all         docs=3" in res.stdout  # the three good files are still scored
    # A gold file saved in Windows-1252 is read all the same.
    legacy = _gold("tuning-letter", False)
    legacy["entities"].append({"name": "barnardo\u2019s", "aliases": [], "type": "Partner"})
    (gold / "legacy.json").write_bytes(json.dumps(legacy, ensure_ascii=False).encode("cp1252"))
    res = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared)])
    assert "all         docs=4" in res.stdout and "legacy.json" not in res.stderr


def test_gold_values_written_loosely_are_read() -> None:
    from kg.evaluate import gold_class, gold_number

    assert [gold_class(t) for t in ("team", "Practice model", "PRACTICE_MODEL", "Widget")] == [
        "Team", "PracticeModel", "PracticeModel", "Widget"]
    assert [gold_number(v) for v in (26, "26%", "1,234", "45 days", "about ten", True, None)] == [
        26.0, 26.0, 1234.0, 45.0, None, None, None]


def test_eval_scores_other_finding_batches_by_their_totals_only(runner, tmp_path: Path) -> None:
    """Besides findings/polarity.json, each labelled batch in the folder (a development set, a fresh batch that
    decides a round) gets a line of totals, and none of its sentences is listed, even with --details."""
    import hashlib

    from kg.documents import read_document
    from kg.extract import extract_document
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    shared, gold = _setup(tmp_path)
    (shared / "docs" / "praise.txt").write_text(LETTER + "Your MASH works effectively with the police.\n",
                                                encoding="utf-8")
    doc = read_document(shared / "docs" / "praise.txt")
    finding = extract_document(doc, load_thesaurus(), default_index()).findings[0]
    item = {"source": "docs/praise.txt", "start": finding.start, "end": finding.end,
            "sha1": hashlib.sha1(doc.text[finding.start:finding.end].encode()).hexdigest()[:12],
            "negated": False, "hedged": False, "held_out": False}
    wrong = "Risk" if finding.polarity != "Risk" else "None"
    (gold / "findings").mkdir()
    (gold / "findings" / "polarity.json").write_text(
        json.dumps({"items": [{**item, "polarity": finding.polarity}]}), encoding="utf-8")
    (gold / "findings" / "fresh-batch.json").write_text(
        json.dumps({"items": [{**item, "polarity": wrong}]}), encoding="utf-8")
    table = runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--details"])
    assert table.exit_code == 0, table.output
    line = next(ln for ln in table.stdout.splitlines() if ln.startswith("findings, fresh-batch"))
    assert "sentences=1 polarity accuracy=0.00" in line
    assert f"{wrong} read as" not in table.stdout  # the batch's sentence is not listed
    out = json.loads(runner.invoke(cli, ["eval", str(gold), "--shared", str(shared), "--format", "json"]).stdout)
    assert out["findings"]["fresh-batch"]["accuracy"] == 0.0 and out["findings"]["tuning"]["accuracy"] == 1.0
