"""`kg eval`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The shared folder the gold files' sources are relative to (default: ../shared of the repo).")
@click.option("--texts", "text_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder holding the annotated documents (repeatable), for gold files with no \"source\": "
                   "each is found by its \"doc\" name (<doc>.txt, .pdf, ...); beside the gold files and in a "
                   "texts/ folder next to them are searched anyway.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--details", is_flag=True,
              help="List missed and spurious entities per document (never for held-out documents).")
@click.pass_obj
def evaluate(obj, gold_dir: Path, shared: Path | None, text_dirs: tuple[Path, ...], fmt: str,
             details: bool) -> None:
    """Score extraction against gold annotations: entity P/R/F1 by type, metadata, judgements, metrics.

    The missed and spurious lists come only with --details, and never for documents marked held out or kept
    aside: held-out totals measure how the extractor does on documents nobody tuned it on, kept-aside totals
    decide whether a rule change is kept, and reading their lists would spoil both (tests/gold/README.md).
    Finding polarity is scored on findings/polarity.json (with --details, its tuning half's misreadings are listed)
    and, by totals only, on every other labelled batch in that folder.

    Gold files follow ../shared/eval/ANNOTATION-GUIDELINES.md; ours add "source" (the document's path under
    ../shared) and "held_out". One that cannot be read, or whose document is not found, gets one line
    `error: <file>: <reason>` on stderr, the rest are scored, and the exit code is 1.

    Example: kg eval tests/gold
             kg eval their-gold --texts their-texts
    """
    from kg import settings
    from kg.commands.ingest import printable
    from kg.evaluate import evaluate_gold

    shared = shared or settings.PROJECT_DIR.parent / "shared"
    report = evaluate_gold(gold_dir, shared, thesaurus_files=obj.thesaurus_files, text_dirs=text_dirs)
    for line in report.errors:
        click.echo(f"error: {printable(line)}", err=True)
    findings_gold = gold_dir / "findings" / "polarity.json"
    findings = None
    if findings_gold.is_file():
        from kg.evaluate_findings import evaluate_findings

        findings = evaluate_findings(findings_gold, shared, thesaurus_files=obj.thesaurus_files)
    # The other labelled batches (the development set, the fresh batches that decide a round): their totals
    # only, so that a batch still fresh is never listed sentence by sentence.
    finding_sets = {path.stem: evaluate_findings(path, shared, thesaurus_files=obj.thesaurus_files)[0]
                    for path in _other_finding_sets(gold_dir)}
    relations_gold = gold_dir / "relations" / "relations.json"
    relations = None
    if relations_gold.is_file():
        from kg.evaluate_relations import evaluate_relations

        relations = evaluate_relations(relations_gold, shared, thesaurus_files=obj.thesaurus_files)
    if fmt == "json":
        click.echo(json.dumps({"overall": report.totals(), "tuning": report.totals(False),
                               "held_out": report.totals(True), "kept_aside": report.totals(kept_aside=True),
                               "intervals": {"overall": report.intervals(), "tuning": report.intervals(False),
                                             "held_out": report.intervals(True),
                                             "kept_aside": report.intervals(kept_aside=True)},
                               "per_class": report.per_class(),
                               "per_class_held_out": report.per_class(True),
                               "documents": [{"doc": d.doc, "held_out": d.held_out,
                                              "recall": d.found_entities / max(1, d.gold_entities),
                                              "precision": d.correct_predictions / max(1, d.predicted_entities),
                                              "metadata": _pairs(d, d.metadata),
                                              "judgements": _pairs(d, d.judgements),
                                              **_lists(d, details)}
                                             for d in report.docs],
                                "findings": {"tuning": findings[0].summary(), "held_out": findings[1].summary(),
                                             **{name: score.summary() for name, score in finding_sets.items()}}
                                if findings else None,
                                "relations": {"tuning": relations[0].summary(), "held_out": relations[1].summary(),
                                              **({"details": relations[0].details} if details else {})}
                                if relations else None,
                                "errors": report.errors}, indent=2, default=str))
        if report.errors:
            sys.exit(1)
        return
    click.echo(f"{'document':<44} {'held':>4} {'recall':>7} {'prec':>6} {'meta':>5} {'judg':>5} {'metric':>6}")
    for d in report.docs:
        meta = sum(a == b for a, b in d.metadata.values())
        judg = sum(a == b for a, b in d.judgements.values())
        click.echo(f"{d.doc[:44]:<44} {'yes' if d.held_out else 'kept' if d.kept_aside else 'no':>4} "
                   f"{d.found_entities / max(1, d.gold_entities):7.2f} "
                   f"{d.correct_predictions / max(1, d.predicted_entities):6.2f} "
                   f"{meta}/{len(d.metadata):<3} {judg}/{len(d.judgements):<3} "
                   f"{d.found_metrics}/{d.gold_metrics}")
        if details and not (d.held_out or d.kept_aside):
            for k, (g, p) in {**d.metadata, **d.judgements}.items():
                if g != p:
                    click.echo(f"    {k}: gold={g!r} got={p!r}")
            for k, v in _lists(d, details).items():
                click.echo(f"    {k}: {'; '.join(v)}")
    click.echo("")
    groups = [("all", None, None)]
    if any(d.held_out for d in report.docs):  # a gold set of its own (no held_out marks) has only "all"
        groups += [("tuning set", False, None), ("held out", True, None)]
    if any(d.kept_aside for d in report.docs):
        groups.append(("kept aside", None, True))  # part of the tuning set, read for its totals only
    for label, held, kept in groups:
        t = report.totals(held, kept_aside=kept)
        click.echo(f"{label:<11} docs={t['documents']} entity P={t['entity_precision']:.2f} "
                   f"R={t['entity_recall']:.2f} F1={t['entity_f1']:.2f} type={t['entity_type_accuracy']:.2f} "
                   f"(of found {t['entity_type_accuracy_found']:.2f}) "
                   f"metadata={t['metadata_accuracy']:.2f} judgements={t['judgement_accuracy']:.2f} "
                   f"metric-recall={t['metric_value_recall']:.2f} "
                   f"comparator-recall={t['comparator_recall']:.2f} indicator-F1={t['indicator_f1']:.2f} "
                   f"measure={t['measure_agreement']:.2f}")
    click.echo("95% intervals, resampling documents (2,000 bootstrap draws):")
    for label, held, kept in groups:
        ci = report.intervals(held, kept_aside=kept)
        if ci:
            click.echo(f"  {label:<11} " + "  ".join(
                f"{name}={ci[key][0]:.2f}-{ci[key][1]:.2f}" for name, key in
                (("P", "entity_precision"), ("R", "entity_recall"), ("F1", "entity_f1"),
                 ("type", "entity_type_accuracy"))))
    click.echo("")
    held = report.per_class(True) if any(d.held_out for d in report.docs) else None
    if held:
        click.echo("  by type (all documents; held out after |)")
    for cls, s in report.per_class().items():
        line = (f"  {cls:<14} gold={s['gold']:<4} pred={s['predicted']:<4} P={s['precision']:.2f} "
                f"R={s['recall']:.2f} F1={s['f1']:.2f}")
        if held:
            h = held[cls]
            line += f"  | gold={h['gold']:<4} P={h['precision']:.2f} R={h['recall']:.2f} F1={h['f1']:.2f}"
        click.echo(line)
    if findings:
        _echo_findings(findings, details=details, others=finding_sets)
    if relations:
        _echo_relations(relations, details=details)
    if report.errors:
        sys.exit(1)


def _pairs(doc, fields: dict) -> dict:
    """Gold and extracted values of each field; for a held-out or kept-aside document only whether they agree."""
    if doc.held_out or doc.kept_aside:
        return {k: g == p for k, (g, p) in fields.items()}
    return {k: [g, p] for k, (g, p) in fields.items()}


def _lists(doc, details: bool) -> dict[str, list[str]]:
    """A document's missed and spurious entities when asked for and the document is neither held out nor kept
    aside."""
    if not details or doc.held_out or doc.kept_aside:
        return {}
    return {"missed": doc.missed, "spurious": doc.spurious}


def _other_finding_sets(gold_dir: Path) -> list[Path]:
    """The findings folder's labelled batches besides polarity.json (whose second labelling is no batch)."""
    folder = gold_dir / "findings"
    if not (folder / "polarity.json").is_file():
        return []
    return sorted(p for p in folder.glob("*.json") if p.name not in ("polarity.json", "second-labeller.json"))


def _echo_findings(scores, *, details: bool, others=None) -> None:
    """The polarity block of `kg eval` (when the gold folder has findings/polarity.json), then one line for each
    other labelled batch (`others`: name -> score)."""
    click.echo("")
    sets = [("findings, tuning", scores[0]), ("findings, held out", scores[1])]
    sets += [(f"findings, {name}", score) for name, score in (others or {}).items()]
    for label, score in sets:
        t = score.summary()
        if not t["sentences"]:
            continue
        click.echo(f"{label:<21} sentences={t['sentences']} polarity accuracy={t['accuracy']:.2f} "
                   f"judged sentences found={t['judged_found']:.2f} criticism read as praise={t['criticism_as_praise']} "
                   f"praise read as criticism={t['praise_as_criticism']}"
                   + (f" negated={t['negated_accuracy']:.2f} hedged={t['hedged_accuracy']:.2f}"
                      if "negated_accuracy" in t else ""))
        click.echo("  " + "  ".join(f"{c}: P={t[c + '_precision']:.2f} R={t[c + '_recall']:.2f}"
                                    for c in ("Strength", "AreaForImprovement", "Risk", "None")))
    if details:
        for d in scores[0].details:  # tuning sentences only: held-out ones are never listed
            click.echo(f"  {d['gold']} read as {d['predicted']}: {d['source']} {d['start']}-{d['end']}: "
                       f"{d['sentence'][:200]}")


def _echo_relations(scores, *, details: bool) -> None:
    """The relations block of `kg eval` (when the gold folder has relations/relations.json)."""
    from kg.evaluate_relations import PREDICATES

    click.echo("")
    for label, score in (("relations, tuning", scores[0]), ("relations, held out", scores[1])):
        t = score.summary()
        if not t["sentences"]:
            continue
        click.echo(f"{label:<20} sentences={t['sentences']} gold={t['gold']} predicted={t['predicted']} "
                   f"correct={t['correct']} P={t['precision']:.2f} R={t['recall']:.2f} F1={t['f1']:.2f} "
                   f"right pair, wrong kind or direction={t['wrong_kind_or_direction']}")
        click.echo("  " + "  ".join(f"{p}: {t[p]['correct']}/{t[p]['predicted']} of {t[p]['gold']}"
                                    for p in PREDICATES if t[p]["gold"] or t[p]["predicted"]))
    if details:
        for d in scores[0].details:  # tuning sentences only: held-out ones are never listed
            click.echo(f"  gold {d['gold']} got {d['predicted']} things {d['things']}: {d['source']} "
                       f"{d['start']}-{d['end']}: {d['sentence'][:220]}")
