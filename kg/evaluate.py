"""`kg eval`: score extraction against gold annotations (../shared/eval/ANNOTATION-GUIDELINES.md).

Entities match by name: a gold entity is found when its name or any alias equals (after light
normalisation) the label or any surface form of an extracted entity. Metadata and judgements are
exact matches; metrics are scored by the recall of their values, and of the numbers they are compared with (a
gold comparator such as "national average 20" or "494 at 31 March 2016" is found when the extracted metric with the
gold value has one of the comparator's numbers, dates aside, as its comparator value), and by how well their
indicator phrase says what was measured (the F1 of content words between the gold "what" and the indicator of the
extracted metric with the gold value that shares most of them), and whether that metric has the measure
(ontology/measures.ttl) the gold "what" names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import MEDIA_TYPES
from kg.extract.measures import measure_for_unit, measure_of
from kg.extract.metadata import GOLD_KIND
from kg.extract.text import match_view

GRADE_NAMES = {"Outstanding": "outstanding", "Good": "good", "RequiresImprovement": "requires improvement",
               "Inadequate": "inadequate"}
AREA_FIELDS = {"OverallEffectiveness": "overall_effectiveness", "ImpactOfLeaders": "impact_of_leaders",
               "HelpAndProtection": "help_and_protection", "ChildrenInCare": "in_care",
               "CareLeavers": "care_leavers"}
CLASSES = ["Team", "Programme", "PracticeModel", "Partner", "Tool", "Forum", "Role", "Policy"]


def norm_name(name: str) -> str:
    """Case, quotes, hyphens, a leading article and a plural 's' do not matter when names are compared."""
    s = " ".join(match_view(name).replace("'s ", " ").replace("'", "").split())
    s = re.sub(r"^(?:the|a|an) ", "", s)
    return re.sub(r"(?<=[a-z]{3})s$", "", s)


@dataclass(slots=True)
class DocScore:
    doc: str
    held_out: bool
    # A tuning document set aside to decide whether a rule change is kept: its totals are read, its lists
    # never (tests/gold/README.md). It still counts in the tuning totals.
    kept_aside: bool = False
    gold_entities: int = 0
    found_entities: int = 0
    predicted_entities: int = 0
    correct_predictions: int = 0
    typed_correctly: int = 0
    by_class: dict[str, list[int]] = field(default_factory=dict)  # class -> [tp_gold, gold, tp_pred, pred]
    metadata: dict[str, tuple[object, object]] = field(default_factory=dict)
    judgements: dict[str, tuple[object, object]] = field(default_factory=dict)
    gold_metrics: int = 0
    found_metrics: int = 0
    gold_comparators: int = 0
    found_comparators: int = 0
    indicators: int = 0  # gold metrics whose value was found and whose "what" has content words
    indicator_f1: float = 0.0  # summed over them
    measured: int = 0  # gold metrics whose value was found and whose "what" names a measure
    same_measure: int = 0  # ... and an extracted metric with that value has the same measure
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EvalReport:
    docs: list[DocScore]
    errors: list[str] = field(default_factory=list)  # one line per gold file that could not be scored

    def select(self, held_out: bool | None = None, *, kept_aside: bool | None = None) -> list[DocScore]:
        """All documents, or those held out (or not), or those kept aside (or not)."""
        return [d for d in self.docs if (held_out is None or d.held_out == held_out)
                and (kept_aside is None or d.kept_aside == kept_aside)]

    def totals(self, held_out: bool | None = None, *, kept_aside: bool | None = None) -> dict[str, float]:
        """Totals over all documents, or those held out (or not), or those kept aside (or not)."""
        return totals_of(self.select(held_out, kept_aside=kept_aside))

    def intervals(self, held_out: bool | None = None, *, kept_aside: bool | None = None, samples: int = 2000,
                  seed: int = 7, level: float = 0.95) -> dict[str, tuple[float, float]]:
        """Percentile bootstrap intervals of the entity scores, resampling whole documents.

        Why documents: a report's entities are not independent (one annotator's habits, one authority's
        vocabulary), and 29 held-out reports say less than their 1,700 entities suggest; resampling reports
        shows how far the totals could move with another draw of reports. Seeded, so the figures repeat.
        """
        import random

        docs = self.select(held_out, kept_aside=kept_aside)
        if not docs:
            return {}
        rng = random.Random(seed)
        keys = ("entity_precision", "entity_recall", "entity_f1", "entity_type_accuracy")
        draws: dict[str, list[float]] = {k: [] for k in keys}
        for _ in range(samples):
            t = totals_of(rng.choices(docs, k=len(docs)))
            for k in keys:
                draws[k].append(t[k])
        lo, hi = (1 - level) / 2, (1 + level) / 2
        out = {}
        for k, values in draws.items():
            values.sort()
            out[k] = (values[int(lo * (samples - 1))], values[int(hi * (samples - 1))])
        return out

    def per_class(self, held_out: bool | None = None) -> dict[str, dict[str, float]]:
        """Entity scores by type, over all documents or those held out (or not)."""
        docs = self.select(held_out)
        out = {}
        for cls in CLASSES:
            tg = sum(d.by_class.get(cls, [0, 0, 0, 0])[0] for d in docs)
            ng = sum(d.by_class.get(cls, [0, 0, 0, 0])[1] for d in docs)
            tp = sum(d.by_class.get(cls, [0, 0, 0, 0])[2] for d in docs)
            npred = sum(d.by_class.get(cls, [0, 0, 0, 0])[3] for d in docs)
            r = tg / ng if ng else 0.0
            p = tp / npred if npred else 0.0
            out[cls] = {"gold": ng, "predicted": npred, "recall": r, "precision": p,
                        "f1": 2 * r * p / (r + p) if r + p else 0.0}
        return out


def totals_of(docs: list[DocScore]) -> dict[str, float]:
    """Scores summed over documents (micro-averaged: each entity counts once, whatever its report)."""
    g = sum(d.gold_entities for d in docs)
    f = sum(d.found_entities for d in docs)
    p = sum(d.predicted_entities for d in docs)
    c = sum(d.correct_predictions for d in docs)
    t = sum(d.typed_correctly for d in docs)
    md = [a == b for d in docs for a, b in d.metadata.values()]
    jd = [a == b for d in docs for a, b in d.judgements.values()]
    gm = sum(d.gold_metrics for d in docs)
    fm = sum(d.found_metrics for d in docs)
    gc = sum(d.gold_comparators for d in docs)
    fc = sum(d.found_comparators for d in docs)
    ni = sum(d.indicators for d in docs)
    nm = sum(d.measured for d in docs)
    sm = sum(d.same_measure for d in docs)
    fi = sum(d.indicator_f1 for d in docs)
    recall = f / g if g else 0.0
    precision = c / p if p else 0.0
    return {
        "documents": len(docs),
        "entity_recall": recall,
        "entity_precision": precision,
        "entity_f1": 2 * recall * precision / (recall + precision) if recall + precision else 0.0,
        "entity_type_accuracy": t / g if g else 0.0,  # of all gold entities: a missed one counts as mistyped
        "entity_type_accuracy_found": t / f if f else 0.0,  # of the gold entities found: typing alone
        "metadata_accuracy": sum(md) / len(md) if md else 0.0,
        "judgement_accuracy": sum(jd) / len(jd) if jd else 0.0,
        "metric_value_recall": fm / gm if gm else 0.0,
        "comparator_recall": fc / gc if gc else 0.0,
        "indicator_f1": fi / ni if ni else 0.0,
        "measure_agreement": sm / nm if nm else 0.0,
    }


_CLASS_KEYS = {c.lower(): c for c in CLASSES}


def gold_class(value: object) -> str:
    """A gold type as one of CLASSES whatever its case or spacing ("practice model", "TEAM"), else as written."""
    text = str(value or "")
    return _CLASS_KEYS.get(re.sub(r"[\s_-]+", "", text.lower()), text)


def _aliases(entity: dict) -> list[str]:
    """A gold entity's aliases: a list of strings, or one string, or none."""
    aliases = entity.get("aliases") or []
    if isinstance(aliases, str):
        return [aliases]
    return [a for a in aliases if isinstance(a, str)]


def gold_number(value: object) -> float | None:
    """A gold metric's value: a number, or a string such as "26%", "1,234" or "45 days"; None if it has none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    m = re.match(r"\s*[-+]?\d[\d,]*(?:\.\d+)?", str(value or ""))
    return float(m.group().replace(",", "")) if m else None


def _kind_name(value: object) -> object:
    """A gold doc_type as the guidelines spell it whatever its case or separators ("ILACS standard")."""
    return re.sub(r"[\s_]+", "-", value.strip().lower()) if isinstance(value, str) else value


def score_document(gold: dict, doc, extraction, authorities) -> DocScore:
    """Compare one document's extraction with its gold annotation."""
    score = DocScore(gold.get("doc", "?"), bool(gold.get("held_out")), bool(gold.get("kept_aside")))
    predicted = [e for e in extraction.entities if e.core_class in CLASSES]
    pred_names = [{norm_name(e.label), *(norm_name(a) for a in e.aliases)} for e in predicted]
    matched_pred: set[int] = set()
    for g in gold.get("entities") or []:
        names = {norm_name(g["name"]), *(norm_name(a) for a in _aliases(g))}
        cls = gold_class(g.get("type"))
        row = score.by_class.setdefault(cls, [0, 0, 0, 0])
        row[1] += 1
        score.gold_entities += 1
        hits = [i for i, pn in enumerate(pred_names) if pn & names]
        if hits:
            score.found_entities += 1
            row[0] += 1
            matched_pred.update(hits)
            if any(predicted[i].core_class == cls for i in hits):
                score.typed_correctly += 1
        else:
            score.missed.append(f"{g['name']} ({cls})")
    gold_names = [{norm_name(g["name"]), *(norm_name(a) for a in _aliases(g))}
                  for g in gold.get("entities") or []]
    for i, e in enumerate(predicted):
        row = score.by_class.setdefault(e.core_class, [0, 0, 0, 0])
        row[3] += 1
        score.predicted_entities += 1
        if i in matched_pred or any(pred_names[i] & gn for gn in gold_names):
            score.correct_predictions += 1
            row[2] += 1
        else:
            score.spurious.append(f"{e.label} ({e.core_class})")
    md = extraction.metadata
    gold_la = authorities.resolve(gold.get("authority") or "")
    score.metadata = {
        "doc_type": (_kind_name(gold.get("doc_type")), GOLD_KIND[md.kind]),
        "authority": (gold_la.gss_code if gold_la else gold.get("authority"),
                      extraction.authority.gss_code if extraction.authority else None),
        "inspection_start": (gold.get("inspection_start"),
                             md.period_start.isoformat() if md.period_start else None),
        "inspection_end": (gold.get("inspection_end"), md.period_end.isoformat() if md.period_end else None),
        "lead_inspector": (norm_name(gold.get("lead_inspector") or ""), norm_name(md.lead_inspector or "")),
    }
    got = {AREA_FIELDS[j.area]: GRADE_NAMES[j.grade] for j in extraction.judgements if j.area in AREA_FIELDS}
    for fld, gold_value in (gold.get("judgements") or {}).items():
        if isinstance(gold_value, str):  # "Requires improvement", "requires_improvement"
            gold_value = " ".join(gold_value.lower().replace("_", " ").split())
            gold_value = None if gold_value in ("", "null", "none", "n/a", "not given") else gold_value
        score.judgements[fld] = (gold_value, got.get(fld))
    for m in gold.get("metrics") or []:
        v = gold_number(m.get("value") if isinstance(m, dict) else None)
        if v is None:
            continue
        score.gold_metrics += 1
        same = [x for x in extraction.metrics if abs(v - x.value) < 0.051]  # the extracted metrics with its value
        if same:
            score.found_metrics += 1
        wanted = content_words(str(m.get("what") or ""))
        if same and wanted:
            score.indicators += 1
            score.indicator_f1 += max(_overlap_f1(wanted, content_words(x.indicator)) for x in same)
        gold_measure = measure_for_unit(measure_of(str(m.get("what") or "")), _unit_kind(m.get("unit"))) if same else None
        if gold_measure:
            score.measured += 1
            score.same_measure += any(x.measure == gold_measure for x in same)
        numbers = comparator_numbers(str(m.get("comparator") or ""))
        if numbers:
            score.gold_comparators += 1
            if any(x.comparator_value is not None and any(abs(x.comparator_value - c) < 0.051 for c in numbers)
                   for x in same):
                score.found_comparators += 1
    return score


_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Dates, years, school years and spans of time in a gold comparator ("211 at 31 March 2014", "2013-14 59",
# "national 11 in 2012-13") are when, not what it compares with.
_NOT_COMPARED = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? {_MONTH_WORD},? \d{{4}}|\b{_MONTH_WORD} \d{{4}}"
    r"|\b(?:19|20)\d\d(?:\s*[-/–]\s*\d{2,4})?\b|\bq[1-4]\b|\bks ?\d\b|\bkey stage \d|\byear (?:1[0-3]|[1-9])\b(?![.,]?\d)"
    r"|\b\d+ (?:months?|years?)\b(?! average)", re.I)


_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "is", "are",
    "was", "were", "who", "which", "that", "than", "as", "its", "their", "this", "these", "those", "be",
    "been", "has", "have", "had", "into", "per", "all",
})


def _unit_kind(unit: object) -> str:
    """A gold unit as the extractor names units ("rate per 10,000" is "per 10,000", "children" a count), so that a
    measure that holds for some units only is read alike on both sides."""
    text = " ".join(str(unit or "").lower().split())
    if "per " in text and "cent" not in text:
        return "per " + text.split("per ", 1)[1]
    return {"children": "count", "cases": "count", "people": "count", "%": "percent"}.get(text, text)


def content_words(text: str) -> set[str]:
    """The words of an indicator that say what it measures, singular ("children" and "child" differ; fine)."""
    return {re.sub(r"(?<=[a-z]{3})s$", "", w) for w in re.findall(r"[a-z0-9]+", text.lower())
            if w not in _FUNCTION_WORDS and (len(w) > 2 or w.isdigit())}


def _overlap_f1(wanted: set[str], got: set[str]) -> float:
    both = len(wanted & got)
    return 2 * both / (len(wanted) + len(got)) if both else 0.0


def comparator_numbers(text: str) -> list[float]:
    """The numbers a gold comparator compares with (dates and years left out)."""
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", _NOT_COMPARED.sub(" ", text))
            if n.replace(",", "").replace(".", "", 1).isdigit()]


# Where a gold file's document is looked for when the file does not say (the guidelines' own format names the
# text file only by "doc", "the name of the text file without .txt"): beside the gold files, in a folder of
# texts next to them, or in the folders given with --texts.
_TEXT_FOLDERS = ("", "texts", "text", "txt", "docs", "documents", "sources")
# What kg can read (kg.documents.MEDIA_TYPES), a text file first: the guidelines annotate text files.
_READABLE = (".txt", *(suffix for suffix in MEDIA_TYPES if suffix != ".txt"))
# Our corpus keeps a report as <id>_<authority>/<date>.pdf and names its gold file <id>_<authority>_<date>.
_CORPUS_NAME = re.compile(r"^(\d+_[a-z0-9-]+)_(\d{4}-\d\d-\d\d)$")


def find_source(gold: dict, gold_path: Path, shared_dir: Path, text_dirs=()) -> Path | None:
    """The document a gold file annotates, or None.

    A "source" field (a path relative to the shared folder, or to the gold file) wins; without one the
    document is found by the gold file's "doc" (else its own name) with or without a readable suffix, first in
    `text_dirs`, then beside the gold file and its folder, then among the shared seeds and corpus.
    """
    if gold.get("source"):
        for base in (shared_dir, gold_path.parent):
            candidate = base / str(gold["source"])
            if candidate.is_file():
                return candidate
        return None
    name = str(gold.get("doc") or gold_path.stem)
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    folders: list[Path] = [Path(d) for d in text_dirs]
    for base in (gold_path.parent, gold_path.parent.parent):
        folders += [base / sub if sub else base for sub in _TEXT_FOLDERS]
    folders += [shared_dir / "seeds", shared_dir]
    for folder in folders:
        for suffix in ("", *_READABLE):
            candidate = folder / f"{name}{suffix}"
            if candidate.suffix.lower() in _READABLE and candidate.is_file():
                return candidate
    for folder in text_dirs:  # texts filed in subfolders of a folder given on purpose
        for candidate in sorted(Path(folder).rglob(f"{name}.*")):
            if candidate.suffix.lower() in _READABLE and candidate.is_file():
                return candidate
    m = _CORPUS_NAME.match(name)
    if m:
        candidate = shared_dir / "corpus" / "ofsted-ilacs" / m.group(1) / f"{m.group(2)}.pdf"
        if candidate.is_file():
            return candidate
    return None


def _check_gold(gold: object) -> str | None:
    """Why a parsed gold file cannot be scored, or None (the shape ANNOTATION-GUIDELINES.md gives)."""
    if not isinstance(gold, dict):
        return "not a JSON object"
    for key, kind in (("entities", list), ("metrics", list), ("judgements", dict)):
        if gold.get(key) is not None and not isinstance(gold[key], kind):
            return f'"{key}" is not a {"list" if kind is list else "mapping"}'
    for e in gold.get("entities") or []:
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            return 'an entity without a "name"'
    return None


def evaluate_gold(gold_dir: Path, shared_dir: Path, *, thesaurus_files=(), text_dirs=()) -> EvalReport:
    """Score every gold JSON in `gold_dir` against the extraction of the document it annotates.

    A gold file that cannot be read, or whose document cannot be found or read, is listed in the report's
    `errors` (one line naming it) and the others are still scored, as ingest does with a bad file.
    """
    from kg.documents import read_document
    from kg.errors import KgError
    from kg.extract import extract_document
    from kg.reference import default_index
    from kg.thesaurus import load_thesaurus

    thesaurus = load_thesaurus([Path(p) for p in thesaurus_files])
    authorities = default_index()
    docs = []
    errors: list[str] = []
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise KgError(f"{gold_dir}: no gold JSON files")
    for path in files:
        try:
            raw = path.read_bytes()
            try:
                gold = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:  # saved by an editor in Windows-1252 ("Barnardo’s")
                gold = json.loads(raw.decode("cp1252"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            errors.append(f"{path}: not a readable gold JSON file ({exc})")
            continue
        problem = _check_gold(gold)
        if problem:
            errors.append(f"{path}: {problem}")
            continue
        gold.setdefault("doc", path.stem)
        source = find_source(gold, path, shared_dir, text_dirs)
        if source is None:
            where = (f'source {gold["source"]} not under {shared_dir}' if gold.get("source")
                     else f'no document named {gold["doc"]} (.txt, .pdf, ...) beside it or in --texts')
            errors.append(f"{path}: {where}")
            continue
        try:
            doc = read_document(source)
        except KgError as exc:
            errors.append(f"{path}: {exc}")
            continue
        ex = extract_document(doc, thesaurus, authorities)
        docs.append(score_document(gold, doc, ex, authorities))
    if not docs:
        raise KgError(f"{gold_dir}: no gold file could be scored ({errors[0]})" if errors
                      else f"{gold_dir}: no gold file could be scored")
    return EvalReport(docs, errors)
