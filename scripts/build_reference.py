#!/usr/bin/env python3
"""Build data/reference/authorities.csv and data/reference/ofsted-reports.csv from the shared sources.

Why a script: the two shared CSVs (`../shared/reference/local-authorities.csv`, the Data to Insight
authority list, and `../shared/corpus/ofsted-ilacs-judgements.csv`, an independent scrape of published
reports) are other people's files with their own quirks. This script turns them into the project's own
tidy, sorted tables, so every run gives byte-identical output and the library only ever reads our format.

What it corrects, and why (each correction is logged on stderr when it applies):
- Statistical neighbours are mapped from the *old* 3-digit codes, because the source's GSS column still
  uses codes ONS retired in 2021 (Barnsley E08000016, Sheffield E08000019).
- The region is taken from the source's letter code (GL, SE, ...) when the ONS region code disagrees
  (two rows carry another region's code); the region name is ONS's.
- The authority type follows the GSS prefix (E06 unitary, E08 metropolitan district, E09 London
  borough, E10 county), which is what ONS assigns; the source calls some new unitaries "County".
- Cumberland and Westmorland and Furness carry the old Cumbria population figure; it is dropped for them.
- Authorities abolished by reorganisation (Poole 2019, Northamptonshire 2021, Cumbria 2023) are kept,
  because older reports are about them, and marked with the date and their successors.

Usage: python scripts/build_reference.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "data" / "reference"
ONS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"

AUTHORITY_COLUMNS = [
    "gss_code", "old_code", "ofsted_urn", "name", "variants", "region_code", "region_name",
    "authority_type", "population_0_25", "statistical_neighbours", "previous_statistical_neighbours",
    "abolished", "replaced_by", "ons_iri",
]
REPORT_COLUMNS = [
    "gss_code", "authority", "urn", "ofsted_name", "publication_date", "framework", "document_type",
    "inspection_start", "inspection_end", "lead_inspector", "overall_effectiveness", "impact_of_leaders",
    "help_and_protection", "children_in_care", "care_leavers", "url", "file",
]

#: ONS region codes and names (English regions, 2022 boundaries).
REGIONS = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}
#: The source's letter codes for regions.
REGION_LETTERS = {
    "NE": "E12000001", "NW": "E12000002", "YH": "E12000003", "EM": "E12000004", "WM": "E12000005",
    "E": "E12000006", "EE": "E12000006", "GL": "E12000007", "L": "E12000007", "SE": "E12000008",
    "SW": "E12000009",
}
#: Authority type by GSS entity prefix (ONS Register of Geographic Codes).
TYPES_BY_PREFIX = {
    "E06": "Unitary Authority",
    "E08": "Metropolitan District",
    "E09": "London Borough",
    "E10": "County",
}
#: Reorganisations after which an authority in the source no longer exists: GSS -> (date, successors).
ABOLISHED = {
    "E06000029": ("2019-04-01", ("E06000058",)),  # Poole -> Bournemouth, Christchurch and Poole
    "E10000021": ("2021-04-01", ("E06000061", "E06000062")),  # Northamptonshire -> North and West
    "E10000006": ("2023-04-01", ("E06000063", "E06000064")),  # Cumbria -> Cumberland, Westmorland and Furness
}
#: Display names where the ONS form is inverted or formal ("Bristol, City of").
PREFERRED_NAMES = {
    "E06000023": "Bristol",
    "E06000010": "Kingston upon Hull",
    "E08000013": "St Helens",
}
#: Names people and reports commonly use besides the ONS ones (curated; not exhaustive).
EXTRA_VARIANTS: dict[str, tuple[str, ...]] = {
    "E06000010": ("Hull", "Kingston upon Hull, City of", "City of Kingston upon Hull"),
    "E08000021": ("Newcastle", "Newcastle-upon-Tyne"),
    "E06000023": ("City of Bristol", "Bristol, City of"),
    "E06000019": ("County of Herefordshire", "Herefordshire, County of"),
    "E08000013": ("St. Helens",),
    "E06000033": ("Southend", "Southend on Sea"),
    "E06000020": ("Telford & Wrekin",),
    "E06000058": ("BCP", "Bournemouth, Christchurch & Poole"),
    "E06000040": ("Royal Borough of Windsor and Maidenhead", "Windsor & Maidenhead", "RBWM"),
    "E09000020": ("Royal Borough of Kensington and Chelsea", "Kensington & Chelsea", "RBKC"),
    "E09000021": ("Royal Borough of Kingston upon Thames",),
    "E09000011": ("Royal Borough of Greenwich",),
    "E09000001": ("City of London Corporation", "Corporation of London", "London Corporation"),
    "E06000053": ("Council of the Isles of Scilly", "Scilly"),
    "E09000033": ("City of Westminster",),
    "E06000047": ("Durham",),
    "E06000055": ("Bedford Borough",),
    "E06000014": ("City of York",),
    "E06000022": ("Bath & North East Somerset", "BANES", "B&NES"),
    "E09000013": ("Hammersmith & Fulham",),
    "E09000002": ("Barking & Dagenham",),
    "E06000043": ("Brighton & Hove",),
    "E06000003": ("Redcar & Cleveland",),
    "E06000050": ("Cheshire West & Chester",),
    "E06000064": ("Westmorland & Furness",),
    "E06000011": ("East Riding",),
}
#: London boroughs not called "London Borough of X" (royal boroughs, the two cities).
NOT_LONDON_BOROUGH_OF = {"E09000001", "E09000011", "E09000020", "E09000021", "E09000033"}

GRADES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires improvement": "RequiresImprovement",
    # One scraped cell reads "to requires improvement" (from "improved ... to requires improvement").
    "to requires improvement": "RequiresImprovement",
    "inadequate": "Inadequate",
}
#: Scraper markers meaning "no grade": data_unreadable, inspection_pre_dates_judgement, not_reported_post_reform.
FRAMEWORKS = {
    "standard": ("standard", "StandardInspection"),
    "short": ("short", "ShortInspection"),
    "inspection duration longer than standard framework": ("standard", "StandardInspection"),
}
SMALL_WORDS = {"and", "of", "on", "upon", "with", "the", "under", "in"}


def log(message: str) -> None:
    print(f"build_reference: {message}", file=sys.stderr)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV as dicts; utf-8-sig so the source's byte-order mark does not stick to the first header."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def split_codes(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,;]", text) if c.strip()]


def title_case(name: str) -> str:
    """'stockton-on-tees' -> 'Stockton-on-Tees' (the scrape's names are lower case)."""
    out = []
    for i, part in enumerate(re.split(r"(\s+|-)", name)):
        if not part.strip() or part == "-":
            out.append(part)
        elif i > 0 and part.lower() in SMALL_WORDS:
            out.append(part.lower())
        elif part.lower() == "st":
            out.append("St")
        else:
            out.append(part[:1].upper() + part[1:])
    return "".join(out)


def fold(text: str) -> str:
    """A comparison key for de-duplicating variants (case, accents and spacing do not count)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"\s+", " ", text).strip()


def also_known_as(text: str, known: Iterable[str]) -> list[str]:
    """The source writes other names as '[Kingston Upon Hull, Hull]'; a comma may sit inside a name.

    Consecutive pieces are joined again when together they spell one of the authority's known names
    ("Bournemouth", "Christchurch & Poole" -> "Bournemouth, Christchurch & Poole").
    """
    text = text.strip().removeprefix("[").removesuffix("]")
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    names = {fold(k.replace("&", "and")) for k in known if k}
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            joined = ", ".join(pieces[i:j])
            if j == i + 1 or fold(joined.replace("&", "and")) in names:
                out.append(joined)
                i = j
                break
    return out


def display_name(gss: str, row: dict[str, str]) -> str:
    if gss in PREFERRED_NAMES:
        return PREFERRED_NAMES[gss]
    return row.get("utla23nm") or row.get("ltla23nm") or row["local_authority_ons_name"]


def variants_for(gss: str, name: str, row: dict[str, str], scrape_names: Iterable[str], authority_type: str) -> list[str]:
    found = [row["local_authority_ons_name"], row.get("ltla23nm", ""), row.get("utla23nm", "")]
    found += also_known_as(row.get("also_known_as", ""), found)
    found += [title_case(n) for n in scrape_names]
    found += EXTRA_VARIANTS.get(gss, ())
    if authority_type == "London Borough" and gss not in NOT_LONDON_BOROUGH_OF:
        found.append(f"London Borough of {name}")
    seen = {fold(name)}
    out: list[str] = []
    for v in found:
        v = re.sub(r"\s+", " ", v).strip()
        if v and fold(v) not in seen:
            seen.add(fold(v))
            out.append(v)
    return sorted(out, key=lambda s: (fold(s), s))


def region_of(row: dict[str, str], name: str) -> str:
    letter = REGION_LETTERS.get(row.get("region_code", "").upper())
    ons = row.get("rgn22cd", "")
    if letter and ons and letter != ons:
        log(f"{name}: region code {row['region_code']} disagrees with {ons}; using {letter}")
    code = letter or ons
    if code not in REGIONS:
        raise SystemExit(f"build_reference: {name}: unknown region {row.get('region_code')!r}/{ons!r}")
    return code


def build_authorities(la_rows: list[dict[str, str]], scrape_names: dict[str, set[str]]) -> list[dict[str, str]]:
    old_to_gss = {r["la_code"]: r["la_code_new"] for r in la_rows}
    by_gss = {r["la_code_new"]: r for r in la_rows}
    if len(by_gss) != len(la_rows) or len(old_to_gss) != len(la_rows):
        raise SystemExit("build_reference: duplicate codes in local-authorities.csv")
    out = []
    retired_codes: list[str] = []
    for row in la_rows:
        gss = row["la_code_new"]
        if not re.fullmatch(r"E\d{8}", gss):
            raise SystemExit(f"build_reference: {row['local_authority_ons_name']}: bad GSS code {gss!r}")
        name = display_name(gss, row)
        authority_type = TYPES_BY_PREFIX.get(gss[:3], row.get("ons_la_type", ""))
        if row.get("ons_la_type") and row["ons_la_type"] != authority_type:
            log(f"{name}: type {row['ons_la_type']!r} in the source; ONS code {gss} says {authority_type!r}")

        def to_gss(codes: list[str], what: str, name: str = name) -> list[str]:
            unknown = [c for c in codes if c not in old_to_gss]
            if unknown:
                log(f"{name}: {what} with unknown old codes {unknown} left out")
            return [old_to_gss[c] for c in codes if c in old_to_gss]

        neighbours = to_gss(split_codes(row["stat_neighbours"]), "statistical neighbours")
        stated = split_codes(row.get("stat_neighbours_la_code", ""))
        if stated and stated != neighbours:
            retired_codes.append(name)
        previous = to_gss(split_codes(row.get("stat_neighbours_previous", "")), "previous neighbours")
        population = row.get("ons_population_0-25", "").replace(",", "")
        if population and not population.isdigit():
            log(f"{name}: population {population!r} is not a number; left out")
            population = ""
        abolished, successors = ABOLISHED.get(gss, ("", ()))
        out.append({
            "gss_code": gss,
            "old_code": row["la_code"],
            "ofsted_urn": row["urn"],
            "name": name,
            "variants": "",  # filled below, once every name is known
            "region_code": region_of(row, name),
            "region_name": "",
            "authority_type": authority_type,
            "population_0_25": population,
            "statistical_neighbours": ";".join(neighbours),
            "previous_statistical_neighbours": ";".join(previous),
            "abolished": abolished,
            "replaced_by": ";".join(successors),
            "ons_iri": ONS_GEOGRAPHY + gss,
        })
    if retired_codes:
        log(f"{len(retired_codes)} authorities' GSS neighbour lists differ from their old-code lists "
            f"(retired GSS codes, e.g. {retired_codes[0]}); mapped from the old codes")
    by_code = {a["gss_code"]: a for a in out}
    for a in out:
        a["region_name"] = REGIONS[a["region_code"]]
        a["variants"] = ";".join(variants_for(a["gss_code"], a["name"], by_gss[a["gss_code"]],
                                              sorted(scrape_names.get(a["ofsted_urn"], ())), a["authority_type"]))
        for successor in a["replaced_by"].split(";") if a["replaced_by"] else ():
            s = by_code.get(successor)
            if s and s["population_0_25"] and s["population_0_25"] == a["population_0_25"]:
                log(f"{s['name']}: population equals its predecessor {a['name']}'s figure; left out")
                s["population_0_25"] = ""
    missing = {n for a in out for n in a["statistical_neighbours"].split(";") if n and n not in by_code}
    if missing:
        raise SystemExit(f"build_reference: neighbour codes without an authority: {sorted(missing)}")
    return sorted(out, key=lambda a: a["gss_code"])


def iso_date(text: str, *, two_digit_year: bool = False) -> str:
    if not text:
        return ""
    fmt = "%d/%m/%y" if two_digit_year else "%d/%m/%Y"
    try:
        value: date = datetime.strptime(text, fmt).date()
    except ValueError:
        log(f"unreadable date {text!r} left out")
        return ""
    return value.isoformat()


def grade(text: str) -> str:
    return GRADES.get(text.strip().lower(), "")


def build_reports(rows: list[dict[str, str]], authorities: list[dict[str, str]]) -> list[dict[str, str]]:
    by_urn = {a["ofsted_urn"]: a for a in authorities}
    out = []
    for r in rows:
        a = by_urn.get(r["urn"])
        if a is None:
            log(f"report {r['inspection_link']}: URN {r['urn']} is not a known authority; left out")
            continue
        framework, doc_type = FRAMEWORKS.get(r["inspection_framework"].strip().lower(), ("", ""))
        if not framework and "single inspection" in r.get("pdf_filename", "").lower():
            framework, doc_type = "sif", "SIFInspection"
        file = r.get("file", "")
        out.append({
            "gss_code": a["gss_code"],
            "authority": a["name"],
            "urn": r["urn"],
            "ofsted_name": r["local_authority"],
            "publication_date": iso_date(r["publication_date"], two_digit_year=True),
            "framework": framework,
            "document_type": doc_type,
            "inspection_start": iso_date(r["inspection_start_date"]),
            "inspection_end": iso_date(r["inspection_end_date"]),
            "lead_inspector": re.sub(r"\s+", " ", r["inspector_name"]).strip(),
            "overall_effectiveness": grade(r["overall_effectiveness_grade"]),
            "impact_of_leaders": grade(r["impact_of_leaders_grade"]),
            "help_and_protection": grade(r["help_and_protection_grade"]),
            "children_in_care": grade(r["in_care_grade"]),
            "care_leavers": grade(r["care_leavers_grade"]),
            "url": r["inspection_link"],
            "file": f"ofsted-ilacs/{file}" if file else "",
        })
    return sorted(out, key=lambda x: (x["gss_code"], x["publication_date"], x["url"]))


def csv_text(columns: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_if_changed(path: Path, text: str) -> bool:
    """Write only on change, atomically, so a rebuild leaves timestamps (and git) alone."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(path)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default data/reference)")
    args = parser.parse_args(argv)
    la_path = args.shared / "reference" / "local-authorities.csv"
    reports_path = args.shared / "corpus" / "ofsted-ilacs-judgements.csv"
    for p in (la_path, reports_path):
        if not p.is_file():
            print(f"error: {p}: not found (pass --shared DIR)", file=sys.stderr)
            return 1
    report_rows = read_csv(reports_path)
    scrape_names: dict[str, set[str]] = {}
    for r in report_rows:
        if r.get("local_authority"):
            scrape_names.setdefault(r["urn"], set()).add(r["local_authority"])
    authorities = build_authorities(read_csv(la_path), scrape_names)
    reports = build_reports(report_rows, authorities)
    for name, columns, rows in (("authorities.csv", AUTHORITY_COLUMNS, authorities),
                                ("ofsted-reports.csv", REPORT_COLUMNS, reports)):
        changed = write_if_changed(args.out / name, csv_text(columns, rows))
        log(f"{name}: {len(rows)} rows{' written' if changed else ' (unchanged)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
