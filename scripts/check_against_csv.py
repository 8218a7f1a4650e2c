"""Compare extracted judgements, inspection dates, lead inspectors and kinds of inspection with the independent CSV.

Reads ../shared/corpus/ofsted-ilacs-judgements.csv and every report it lists, extracts each report
(no store needed) and prints the agreement over the cells the CSV fills, then every disagreement.
Usage: python scripts/check_against_csv.py [--shared ../shared] [--out disagreements.csv] [--texts DIR]

--texts DIR reads each report as text made by another reader instead of the PDF: DIR/<the CSV's file with
.txt for .pdf> (made, say, with `pdftotext -layout`), to check that the extraction does not depend on how the
text was laid out.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GRADES = {"outstanding", "good", "requires improvement", "inadequate"}
OURS = {"Outstanding": "outstanding", "Good": "good", "RequiresImprovement": "requires improvement",
        "Inadequate": "inadequate"}
AREAS = {"OverallEffectiveness": "overall_effectiveness_grade", "ImpactOfLeaders": "impact_of_leaders_grade",
         "HelpAndProtection": "help_and_protection_grade", "ChildrenInCare": "in_care_grade",
         "CareLeavers": "care_leavers_grade"}


def _date(text: str) -> str:
    for fmt in ("%d/%m/%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def _norm_name(name: str | None) -> str:
    return " ".join((name or "").lower().replace(".", "").split())


def main() -> int:
    from kg.documents import read_document
    from kg.errors import InputError
    from kg.extract import extract_document
    from kg.extract.metadata import DocumentKind
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--texts", type=Path, default=None, help="read DIR/<file>.txt instead of each PDF")
    args = ap.parse_args()
    corpus = args.shared / "corpus"
    thesaurus, index = load_thesaurus(), default_index()
    frameworks = {DocumentKind.STANDARD: "standard", DocumentKind.SHORT: "short"}  # the CSV's words
    cells = agree = 0
    rows_out = []
    with (corpus / "ofsted-ilacs-judgements.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        try:
            path = corpus / "ofsted-ilacs" / row["file"]
            if args.texts:
                path = (args.texts / row["file"]).with_suffix(".txt")
            doc = read_document(path)
        except InputError as err:
            rows_out.append((row["file"], "file", "", "", f"unreadable: {err.reason}"))
            continue
        ex = extract_document(doc, thesaurus, index)
        got = {AREAS[j.area]: OURS[j.grade] for j in ex.judgements if j.area in AREAS}
        md = ex.metadata
        checks = [(col, row[col].replace(" to be good", ""), got.get(col)) for col in AREAS.values()]
        checks += [
            ("inspection_start_date", _date(row["inspection_start_date"]),
             md.period_start.isoformat() if md.period_start else None),
            ("inspection_end_date", _date(row["inspection_end_date"]),
             md.period_end.isoformat() if md.period_end else None),
            ("inspector_name", _norm_name(row["inspector_name"]), _norm_name(md.lead_inspector)),
            ("inspection_framework", row["inspection_framework"], frameworks.get(md.kind)),
        ]
        for col, theirs, ours in checks:
            if not theirs or (col.endswith("_grade") and theirs not in GRADES) or (
                    col == "inspection_framework" and theirs not in set(frameworks.values())):
                continue  # the CSV leaves this cell blank, marks it unreadable or writes a note in it
            cells += 1
            if theirs == (ours or ""):
                agree += 1
            else:
                rows_out.append((row["file"], col, theirs, ours or "", ""))
    print(f"{agree}/{cells} cells agree ({agree / max(1, cells):.2%})")
    for r in rows_out:
        print(" | ".join(str(x) for x in r))
    if args.out:
        with args.out.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "column", "csv", "extracted", "note"])
            w.writerows(rows_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
