"""Which inspection framework graded a document, and the note a table mixing frameworks needs.

Grades of different frameworks rest on different criteria and evidence (a 2014 "good" is not a 2023 "good"), so
every judgements table says which one each row was given under, and a table mixing them says so (practitioner
checks: a 2014 grade sat beside a 2023 one with nothing to tell them apart).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: Document class (ontology local name) -> the framework its grades were given under. ILACS reports from April
#: 2026 grade four areas and no overall effectiveness, so they are told apart by date (ILACS_2026).
FRAMEWORKS = {
    "LookedAfterChildrenInspection": "LAC (to 2013)",
    "SIFInspection": "SIF (2013-18)",
    "StandardInspection": "ILACS (2018-26)",
    "ShortInspection": "ILACS (2018-26)",
}
ILACS_2026 = ("2026-04-01", "ILACS (2026 on)")
MIXED_FRAMEWORKS_NOTE = (
    "grades given under different inspection frameworks rest on different criteria: compare rows of one framework"
)


def framework_of(doc_type: str, date: str) -> str:
    """The framework a document of this kind and date (ISO) was graded under ("" for kinds without grades)."""
    name = FRAMEWORKS.get(doc_type, "")
    return ILACS_2026[1] if name.startswith("ILACS") and date >= ILACS_2026[0] else name


def frameworks_note(rows: Iterable[dict[str, Any]]) -> str | None:
    """The note a judgements table needs when its rows (with a "framework" value) mix frameworks, else None."""
    used = sorted({r["framework"] for r in rows if r.get("framework")})
    return f"{MIXED_FRAMEWORKS_NOTE} ({', '.join(used)})" if len(used) > 1 else None
