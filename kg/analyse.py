"""`kg analyse`: centrality, communities, bridges and similarity of authorities by their practice.

The analysis runs on the bipartite authority-practice graph (`kg.project.practice_graph`): one node per
authority, one per practice (a thesaurus concept, or a discovered label), an edge when the authority has an
entity of that practice. Centrality, communities and bridges use its shared part (practices held by at
least two authorities; similarity uses every practice). It is small (hundreds of nodes, thousands of edges
for the whole corpus), and every number has a plain reading:

- centrality: degree (how many practices an authority has / how many authorities have a practice),
  betweenness (how much a node links otherwise separate groups; exact, computed by igraph) and
  PageRank (weighted by the number of documents evidencing each link);
- communities: Louvain (igraph's multilevel method, fixed seed) on the bipartite graph: groups of
  authorities together with the practices they share;
- bridges: nodes whose links reach several communities, ranked by participation coefficient
  P = 1 - sum_c (k_c / k)^2 (k_c: links into community c, k: degree);
- similarity of authorities: Jaccard |A∩B| / |A∪B| and cosine |A∩B| / sqrt(|A| |B|) of their practice sets;
- for one authority: its nearest authorities, and link prediction: practices that its peers have and it has
  not. Peers are its SIMILAR_PEERS most similar authorities (Jaccard > 0) and its statistical neighbours;
  each peer holding a practice adds weight Jaccard(A, peer) + NEIGHBOUR_WEIGHT if the peer is a statistical
  neighbour; a suggestion's score is the sum, and it carries evidence (document, date, page, sentence) from
  the peer with the highest weight, taken from that peer's most recent document naming it; and its own
  most central entities: weighted PageRank over the projection of its documents (`kg.project`: typed
  relations and co-mentions).

Example:
    >>> from kg.store import open_store
    >>> analyse_graph(open_store(":memory:")).summary["authorities"]
    0
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from kg.project import (
    EVIDENCE_COLUMNS,
    PracticeData,
    build_projection,
    evidence_columns,
    fetch_evidence,
    latest_evidence_pair,
    load_practice,
    load_practice_cached,
    practice_graph,
    resolve_authority,
    similarity,
    undirected_weighted,
)
from kg.store import Store

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

log = logging.getLogger(__name__)

#: Seed for Louvain, so that a run is repeatable.
SEED = 42
#: How many of the most similar authorities count as peers in link prediction.
SIMILAR_PEERS = 10
#: Extra weight of a statistical neighbour holding a practice (on top of its Jaccard similarity).
NEIGHBOUR_WEIGHT = 0.5

CENTRALITY_COLUMNS = (
    "rank",
    "type",
    "node",
    "label",
    "degree",
    "degree_centrality",
    "betweenness",
    "pagerank",
    "community",
)
COMMUNITY_COLUMNS = ("community", "size", "authorities", "practices", "authority_labels", "practice_labels")
BRIDGE_COLUMNS = (
    "rank",
    "type",
    "node",
    "label",
    "community",
    "communities",
    "participation",
    "degree",
    "links_by_community",
)
SIMILARITY_COLUMNS = (
    "rank",
    "a",
    "a_label",
    "b",
    "b_label",
    "shared",
    "only_a",
    "only_b",
    "jaccard",
    "cosine",
)
NEAREST_COLUMNS = (
    "rank",
    "authority",
    "label",
    "region",
    "statistical_neighbour",
    "shared",
    "jaccard",
    "cosine",
    "shared_practice",
)
LINK_COLUMNS = (
    "rank",
    "practice",
    "label",
    "class",
    "score",
    "holders",
    "similar_holders",
    "neighbour_holders",
    *EVIDENCE_COLUMNS,
)
ENTITY_COLUMNS = ("rank", "node", "label", "class", "kind", "degree", "strength", "pagerank")


@dataclass
class AnalysisResult:
    """Tables (lists of dicts with the stable columns in COLUMNS) plus a summary of the graph analysed."""

    authority: str | None = None
    authority_label: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    centrality: list[dict[str, Any]] = field(default_factory=list)
    communities: list[dict[str, Any]] = field(default_factory=list)
    bridges: list[dict[str, Any]] = field(default_factory=list)
    similarity: list[dict[str, Any]] = field(default_factory=list)
    nearest: list[dict[str, Any]] = field(default_factory=list)
    link_prediction: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    membership: dict[str, int] = field(default_factory=dict)  # node -> community number

    COLUMNS: ClassVar[dict[str, tuple[str, ...]]] = {
        "centrality": CENTRALITY_COLUMNS,
        "communities": COMMUNITY_COLUMNS,
        "bridges": BRIDGE_COLUMNS,
        "similarity": SIMILARITY_COLUMNS,
        "nearest": NEAREST_COLUMNS,
        "link_prediction": LINK_COLUMNS,
        "entities": ENTITY_COLUMNS,
    }
    #: The columns a terminal table shows (CSV/JSON carry all of COLUMNS).
    DISPLAY: ClassVar[dict[str, tuple[str, ...]]] = {
        "centrality": (
            "rank",
            "type",
            "label",
            "degree",
            "degree_centrality",
            "betweenness",
            "pagerank",
            "community",
        ),
        "bridges": (
            "rank",
            "type",
            "label",
            "community",
            "communities",
            "participation",
            "degree",
            "links_by_community",
        ),
        "similarity": ("rank", "a_label", "b_label", "shared", "only_a", "only_b", "jaccard", "cosine"),
        "nearest": (
            "rank",
            "label",
            "region",
            "statistical_neighbour",
            "shared",
            "jaccard",
            "cosine",
            "shared_practice",
        ),
        "link_prediction": (
            "rank",
            "label",
            "class",
            "score",
            "holders",
            "neighbour_holders",
            "evidence_authority",
            "evidence_source",
            "evidence_page",
            "evidence_sentence",
        ),
        "entities": ("rank", "label", "class", "degree", "strength", "pagerank"),
    }
    TITLES: ClassVar[dict[str, str]] = {
        "centrality": "Centrality (authority-practice graph)",
        "communities": "Communities (Louvain)",
        "bridges": "Bridges between communities",
        "similarity": "Most similar pairs of authorities (shared practice)",
        "nearest": "Nearest authorities by practice",
        "link_prediction": "Practice its peers have and it does not (link prediction)",
        "entities": "Its most central entities (own documents: relations and co-mentions)",
    }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """The tables in display order (the per-authority ones only when an authority was given)."""
        names = ["centrality", "communities", "bridges", "similarity"]
        if self.authority:
            names += ["nearest", "link_prediction", "entities"]
        return {n: getattr(self, n) for n in names}


def analyse_graph(
    store: Store,
    *,
    authority: str | None = None,
    top: int = 20,
    include_restricted: bool = True,
    seed: int = SEED,
    use_cache: bool = True,
) -> AnalysisResult:
    """Analyse the authority-practice graph; with `authority`, add its nearest authorities, link prediction
    and its own entity network. `top` bounds each table's rows (per node type for centrality).

    While the store is unchanged, kg.cache keeps three things: the practice read from the store
    (`load_practice_cached`), the whole-graph tables (centrality, communities, bridges, similarity: they
    do not depend on the authority asked about) and each finished answer. So only the first analysis after
    a change pays for the SPARQL read and Louvain; asking about another authority then costs its own
    tables only. Summary "cached": "yes" when the whole answer came from the cache, "partly" when the
    whole-graph part did. `use_cache=False` computes everything afresh.
    """
    from kg.cache import cached

    t0 = time.perf_counter()
    params = {"authority": authority, "top": top, "include_restricted": include_restricted, "seed": seed}

    def compute() -> AnalysisResult:
        return _analyse(store, authority=authority, top=top, include_restricted=include_restricted, seed=seed,
                        use_cache=use_cache)

    if not use_cache:
        result, hit = compute(), False
    else:
        result, hit = cached("analyse", store, params, compute, to_json=dataclasses.asdict,
                             from_json=lambda d: AnalysisResult(**d))
    if hit:
        result.summary["cached"] = "yes"
    result.summary["seconds"] = round(time.perf_counter() - t0, 3)
    return result


def _analyse(
    store: Store, *, authority: str | None, top: int, include_restricted: bool, seed: int, use_cache: bool
) -> AnalysisResult:
    from kg.cache import cached, gc_paused

    t0 = time.perf_counter()
    a_iri = a_label = None
    if authority:
        a_iri, a_label = resolve_authority(store, authority)
    if use_cache:
        data = load_practice_cached(store, include_restricted=include_restricted)
        params = {"top": top, "include_restricted": include_restricted, "seed": seed}
        core, core_hit = cached("analyse-graph", store, params, lambda: _whole_graph_paused(data, top=top, seed=seed),
                                to_json=dataclasses.asdict, from_json=lambda d: AnalysisResult(**d))
    else:
        data = load_practice(store, include_restricted=include_restricted, labels=False)
        core, core_hit = _whole_graph_paused(data, top=top, seed=seed), False
    result = dataclasses.replace(core, authority=a_iri, authority_label=a_label,
                                 summary={**({"authority": a_label} if a_label else {}), **core.summary})
    if a_iri:
        # One authority's tables build many short-lived graph objects and no cycles worth collecting
        # midway (kg.cache.gc_paused).
        with gc_paused():
            sets = data.practice_sets()
            result.nearest = nearest_table(data, sets, a_iri, top=top)
            result.link_prediction = predict_practice(store, data, sets, a_iri, top=top)
            result.entities = entity_table(store, data, a_iri, top=top)
    result.summary.update(
        restricted_documents="included" if include_restricted else "left out",
        cached="partly" if core_hit else "no",
        seconds=round(time.perf_counter() - t0, 3),
    )
    return result


def _whole_graph_paused(data: PracticeData, *, top: int, seed: int) -> AnalysisResult:
    """`_whole_graph` with Python's cyclic collector paused (kg.cache.gc_paused): building the graph and its tables
    makes some hundred thousand short-lived objects while the practice read before them is alive, and the
    collector's passes over it cost about a quarter of the time (the corpus, alternated six times in one process:
    1,072 -> 818 ms median)."""
    from kg.cache import gc_paused

    with gc_paused():
        return _whole_graph(data, top=top, seed=seed)


def _whole_graph(data: PracticeData, *, top: int, seed: int) -> AnalysisResult:
    """The tables that do not depend on the authority asked about, with the graph's summary."""
    import networkx as nx

    # Practices held by one authority are leaves that say nothing about how authorities relate (in a whole
    # corpus mostly one-off discovered labels): centrality, communities and bridges leave them out.
    G = practice_graph(data, min_authorities=2)
    sets = data.practice_sets()
    communities = detect_communities(G, seed=seed)
    membership = {n: i for i, c in enumerate(communities) for n in c}
    centrality = centrality_table(G, membership, top=top)
    return AnalysisResult(
        centrality=centrality,
        communities=community_table(G, communities, top=top),
        bridges=bridge_table(G, membership, top=top),
        similarity=similarity_table(data, sets, top=top),
        membership=membership,
        summary={
            "authorities": len(sets),
            "practices": len(set().union(*sets.values())) if sets else 0,
            "shared_practices": sum(1 for _, t in G.nodes(data="type") if t == "practice"),
            "documents": len(data.documents),
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "communities": len(communities),
            "modularity": round(nx.community.modularity(G, communities), 4) if G.number_of_edges() else 0.0,
            "betweenness": "exact",
        },
    )


# ------------------------------------------------------------------------------------------------ measures


def _igraph(G: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """G as an igraph graph (unweighted) and its node names by vertex number, in a stable order.

    Louvain and betweenness are the two costly measures of a whole-corpus analysis; igraph runs them in C
    (on the corpus' shared graph, 1,157 nodes and 14,355 edges: Louvain 0.03 s against networkx's 0.5 s, and
    exact betweenness 0.3 s where networkx took as long for an estimate from 16 pivots). networkx stays the
    graph everything else reads. The copy is kept on G (its `graph` dict) for the next measure while G keeps its
    size: building it costs about as much as Louvain itself.
    """
    import igraph as ig

    size = (G.number_of_nodes(), G.number_of_edges())
    kept = G.graph.get("_igraph")
    if kept is not None and kept[0] == size:
        return kept[1], kept[2]
    names = sorted(G)
    index = {n: i for i, n in enumerate(names)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v)
    g = ig.Graph(n=len(names), edges=edges)
    G.graph["_igraph"] = (size, g, names)
    return g, names


def detect_communities(G: nx.Graph, *, seed: int = SEED) -> list[set[str]]:
    """Louvain communities (unweighted; igraph's multilevel method from a seeded generator, so a run is
    repeatable), largest first, ties broken by their smallest node."""
    import random

    import igraph as ig

    if G.number_of_edges() == 0:
        return [{n} for n in sorted(G)]
    g, names = _igraph(G)
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = g.community_multilevel()
    finally:
        ig.set_random_number_generator(random)
    groups = [{names[i] for i in members} for members in found]
    return sorted((c for c in groups if c), key=lambda c: (-len(c), min(c)))


def betweenness(G: nx.Graph) -> dict[str, float]:
    """Exact betweenness centrality, normalised as networkx does for an undirected graph (by the
    (n - 1)(n - 2) / 2 pairs of other nodes)."""
    n = G.number_of_nodes()
    if n <= 2:
        return dict.fromkeys(G, 0.0)
    g, names = _igraph(G)
    scale = 2.0 / ((n - 1) * (n - 2))
    return {name: value * scale for name, value in zip(names, g.betweenness(directed=False), strict=True)}


def centrality_table(G: nx.Graph, membership: Mapping[str, int], *, top: int = 20) -> list[dict[str, Any]]:
    """Top `top` authorities and top `top` practices by PageRank, with degree and (exact) betweenness."""
    import networkx as nx

    if G.number_of_nodes() == 0:
        return []
    between = betweenness(G)
    pagerank = nx.pagerank(G, weight="evidence")
    degree_c = nx.degree_centrality(G)
    rows: list[dict[str, Any]] = []
    for node_type in ("authority", "practice"):
        nodes = [n for n, t in G.nodes(data="type") if t == node_type]
        nodes.sort(key=lambda n: (-pagerank[n], -G.degree(n), G.nodes[n].get("label", n)))
        for rank, n in enumerate(nodes[:top], start=1):
            rows.append(
                {
                    "rank": rank,
                    "type": node_type,
                    "node": n,
                    "label": G.nodes[n].get("label", n),
                    "degree": G.degree(n),
                    "degree_centrality": round(degree_c[n], 6),
                    "betweenness": round(between[n], 6),
                    "pagerank": round(pagerank[n], 6),
                    "community": membership.get(n),
                }
            )
    return rows


def community_table(G: nx.Graph, communities: list[set[str]], *, top: int = 20) -> list[dict[str, Any]]:
    """One row per community: its size and its members (the best-connected first)."""
    rows = []
    for i, members in enumerate(communities[:top]):

        def ranked(node_type: str, members: set[str] = members) -> list[str]:
            nodes = [n for n in members if G.nodes[n].get("type") == node_type]
            nodes.sort(key=lambda n: (-G.degree(n), G.nodes[n].get("label", n)))
            return [G.nodes[n].get("label", n) for n in nodes]

        auths, practices = ranked("authority"), ranked("practice")
        rows.append(
            {
                "community": i,
                "size": len(members),
                "authorities": len(auths),
                "practices": len(practices),
                "authority_labels": "; ".join(auths[:top]),
                "practice_labels": "; ".join(practices[:top]),
            }
        )
    return rows


def participation(G: nx.Graph, node: str, membership: Mapping[str, int]) -> tuple[float, Counter[int]]:
    """Participation coefficient of a node and its links per community."""
    links: Counter[int] = Counter(membership[m] for m in G[node] if m in membership)
    k = sum(links.values())
    if k == 0:
        return 0.0, links
    return 1.0 - sum((c / k) ** 2 for c in links.values()), links


def bridge_table(G: nx.Graph, membership: Mapping[str, int], *, top: int = 20) -> list[dict[str, Any]]:
    """Nodes linked into two or more communities, by participation coefficient (then degree)."""
    found = []
    for n in G:
        p, links = participation(G, n, membership)
        if len(links) >= 2:
            found.append((p, n, links))
    found.sort(key=lambda x: (-x[0], -G.degree(x[1]), G.nodes[x[1]].get("label", x[1])))
    rows = []
    for rank, (p, n, links) in enumerate(found[:top], start=1):
        rows.append(
            {
                "rank": rank,
                "type": G.nodes[n].get("type"),
                "node": n,
                "label": G.nodes[n].get("label", n),
                "community": membership.get(n),
                "communities": len(links),
                "participation": round(p, 6),
                "degree": G.degree(n),
                "links_by_community": "; ".join(f"{c}:{links[c]}" for c in sorted(links)),
            }
        )
    return rows


def similarity_table(
    data: PracticeData, sets: Mapping[str, set[str]], *, top: int = 20
) -> list[dict[str, Any]]:
    """The `top` most similar pairs of authorities (Jaccard, then cosine, then labels).

    All pairs at once: shared counts are the product of the sparse authority x practice matrix with its
    transpose (7,500 pairs for the corpus's 123 authorities in a few milliseconds).
    """
    import numpy as np
    from scipy import sparse

    las = sorted(sets, key=lambda la: (data.authority_label(la), la))
    if len(las) < 2:
        return []
    index = {k: i for i, k in enumerate(sorted(set().union(*sets.values())))}
    rows = [i for i, la in enumerate(las) for _ in sets[la]]
    cols = [index[k] for la in las for k in sets[la]]
    M = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(las), len(index)))
    shared = (M @ M.T).toarray()
    sizes = np.diag(shared)
    iu, ju = np.triu_indices(len(las), k=1)
    common = shared[iu, ju]
    keep = common > 0
    iu, ju, common = iu[keep], ju[keep], common[keep]
    jaccard = common / (sizes[iu] + sizes[ju] - common)
    cosine = common / np.sqrt(sizes[iu] * sizes[ju])
    order = sorted(range(len(common)), key=lambda n: (-jaccard[n], -cosine[n], iu[n], ju[n]))[:top]
    out = []
    for rank, n in enumerate(order, start=1):
        a, b = las[iu[n]], las[ju[n]]
        out.append(
            {
                "rank": rank,
                "a": a,
                "a_label": data.authority_label(a),
                "b": b,
                "b_label": data.authority_label(b),
                "shared": int(common[n]),
                "only_a": len(sets[a] - sets[b]),
                "only_b": len(sets[b] - sets[a]),
                "jaccard": round(float(jaccard[n]), 6),
                "cosine": round(float(cosine[n]), 6),
            }
        )
    return out


def ranked_peers(
    data: PracticeData, sets: Mapping[str, set[str]], authority: str
) -> list[tuple[str, int, float, float]]:
    """Every other authority with practice as (iri, shared, jaccard, cosine), most similar first."""
    mine = sets.get(authority, set())
    peers = [(b, *similarity(mine, s)) for b, s in sets.items() if b != authority]
    peers.sort(key=lambda p: (-p[2], -p[3], data.authority_label(p[0])))
    return peers


def nearest_table(
    data: PracticeData, sets: Mapping[str, set[str]], authority: str, *, top: int = 20
) -> list[dict[str, Any]]:
    """The authorities whose practice is closest to this one's."""
    mine = sets.get(authority, set())
    neighbours = set(data.authorities[authority].neighbours) if authority in data.authorities else set()
    rows = []
    for rank, (b, shared, j, c) in enumerate(ranked_peers(data, sets, authority)[:top], start=1):
        labels = sorted(data.practice_label(p) for p in mine & sets[b])
        info = data.authorities.get(b)
        rows.append(
            {
                "rank": rank,
                "authority": b,
                "label": data.authority_label(b),
                "region": info.region_label if info else "",
                "statistical_neighbour": b in neighbours,
                "shared": shared,
                "jaccard": round(j, 6),
                "cosine": round(c, 6),
                "shared_practice": "; ".join(labels),
            }
        )
    return rows


def predict_practice(
    store: Store, data: PracticeData, sets: Mapping[str, set[str]], authority: str, *, top: int = 20
) -> list[dict[str, Any]]:
    """Practices the authority's peers have and it does not, scored and with evidence (see module doc)."""
    mine = sets.get(authority, set())
    sims = {b: j for b, _, j, _ in ranked_peers(data, sets, authority)}
    similar = [b for b, j in sims.items() if j > 0][:SIMILAR_PEERS]
    neighbours = [
        n
        for n in (data.authorities[authority].neighbours if authority in data.authorities else ())
        if n in sets
    ]
    candidates: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for b in dict.fromkeys(similar + sorted(neighbours)):
        weight = sims.get(b, 0.0) + (NEIGHBOUR_WEIGHT if b in neighbours else 0.0)
        for key in sets[b] - mine:
            candidates[key].append((weight, b))
    above = data.broader_than(mine)
    candidates = {k: v for k, v in candidates.items() if data.worth_suggesting(k, above)}
    ranked = sorted(
        candidates.items(),
        key=lambda kv: (-sum(w for w, _ in kv[1]), -len(kv[1]), data.practice_label(kv[0])),
    )[:top]
    chosen: dict[str, tuple[str, tuple[str, str] | None]] = {}
    for key, holders in ranked:
        holders.sort(key=lambda h: (-h[0], data.authority_label(h[1])))
        best = holders[0][1]
        chosen[key] = (best, latest_evidence_pair(data, best, key))
    evidence = fetch_evidence(store, data, [pair for _, pair in chosen.values() if pair])
    rows = []
    for rank, (key, holders) in enumerate(ranked, start=1):
        best, pair = chosen[key]
        rows.append(
            {
                "rank": rank,
                "practice": key,
                "label": data.practice_label(key),
                "class": data.practice_class(key),
                "score": round(sum(w for w, _ in holders), 6),
                "holders": len(holders),
                "similar_holders": "; ".join(data.authority_label(b) for _, b in holders if b in similar),
                "neighbour_holders": "; ".join(
                    data.authority_label(b) for _, b in holders if b in neighbours
                ),
                **evidence_columns(data, best, evidence.get(pair) if pair else None),
            }
        )
    return rows


def entity_table(store: Store, data: PracticeData, authority: str, *, top: int = 20) -> list[dict[str, Any]]:
    """The authority's most central entities in its own documents (typed relations and co-mentions), by
    weighted PageRank, with degree and strength (the sum of edge weights)."""
    import networkx as nx

    P = build_projection(store, data, authorities=[authority])
    H = undirected_weighted(P, node_types={"entity"})
    if H.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(H, weight="weight") if H.number_of_edges() else dict.fromkeys(H, 1 / len(H))
    nodes = sorted(H, key=lambda n: (-pagerank[n], H.nodes[n].get("label", n)))
    return [
        {
            "rank": rank,
            "node": n,
            "label": H.nodes[n].get("label", n),
            "class": H.nodes[n].get("class", ""),
            "kind": H.nodes[n].get("kind", ""),
            "degree": H.degree(n),
            "strength": round(H.degree(n, weight="weight"), 6),
            "pagerank": round(pagerank[n], 6),
        }
        for rank, n in enumerate(nodes[:top], start=1)
    ]
