"""`kg stats`: what the store holds."""

from __future__ import annotations

from kg.store import Store


def store_stats(store: Store) -> dict[str, object]:
    """Documents, authorities covered, entities by class, metrics, findings, triples and graphs."""
    def one(q: str) -> object:
        rows = store.query(q).rows
        return rows[0][0].python() if rows and rows[0][0] is not None else 0

    stats: dict[str, object] = {
        "documents": one("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d sg:sha256 ?h ; sg:sourceFile ?s }"),
        "authorities_covered": one("SELECT (COUNT(DISTINCT ?la) AS ?n) WHERE { ?d sg:about ?la ; sg:sha256 ?h }"),
        "authorities_in_reference": one("SELECT (COUNT(DISTINCT ?la) AS ?n) WHERE { ?la a sg:LocalAuthority }"),
        "mentions": one("SELECT (COUNT(?m) AS ?n) WHERE { ?m a sg:Mention }"),
        "metrics": one("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a sg:Metric }"),
        "findings": one("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a sg:Finding }"),
        "judgements": one("SELECT (COUNT(DISTINCT ?j) AS ?n) WHERE { ?j a sg:Judgement }"),
        "triples": one("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        "graphs": len(store.named_graphs()),
    }
    res = store.query("""
        SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
          VALUES ?class { sg:Team sg:Programme sg:PracticeModel sg:Partner sg:Tool sg:Forum sg:Role sg:Policy }
          ?e a ?class ; sg:mentionedIn ?d }
        GROUP BY ?class ORDER BY ?class""")
    for cls, n in res.rows:
        if cls is not None and n is not None:
            stats["entities_" + cls.value.rsplit("#", 1)[-1]] = n.python()
    return stats
