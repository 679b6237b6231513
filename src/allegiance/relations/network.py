"""The relations network: states, blocs and people as nodes, edges weighted by what passed between them.

Node ids follow the knowledge base: ``s:RUS`` (a state and its agents), ``o:CSTO`` (an organization or
group), ``p:vladimir-putin`` (a person; folded into their state with ``people=False``). An edge joins
two nodes that had events within the window, either direction: ``weight`` is the event count and
``goldstein`` their mean. Communities come from Louvain modularity on event counts (fixed seed, so the
same data gives the same communities); centrality is degree, weighted degree and betweenness.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from typing import Any

import networkx as nx

from allegiance.errors import InvalidParameter
from allegiance.relations.common import cached, check_date, selected, window
from allegiance.store import Store


def _kind(node: str) -> str:
    return {"s": "state", "o": "bloc", "p": "person"}.get(node.split(":", 1)[0], "other")


def _query(store: Store, since: dt.date | None, until: dt.date | None, people: bool, mentions: bool,
           min_events: int) -> tuple[list[dict[str, Any]], dict[str, str]]:
    span, params = window(since, until)
    s, t = ("source_node", "target_node") if people else ("source_state", "target_state")
    inner = selected(store, f"{span} AND {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}", mentions,
                     f"{s} AS s, {t} AS t, goldstein, quad_class")
    edges = store.query(
        f"""SELECT least(s, t) AS a, greatest(s, t) AS b, count(*) AS weight, avg(goldstein) AS goldstein,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
            FROM ({inner}) GROUP BY a, b HAVING count(*) >= ? ORDER BY a, b""",
        params + [min_events],
    )
    return edges, labels(store, people, mentions)


def labels(store: Store, people: bool, mentions: bool) -> dict[str, str]:
    """Each node's most frequent name in the whole store, from mentions of that kind of actor (a state
    is not labelled with its president's name when people are folded into states)."""
    s, t = ("source_node", "target_node") if people else ("source_state", "target_state")

    def compute() -> dict[str, str]:
        inner = selected(store, "TRUE", mentions, f"{s}, {t}, source_name, target_name, source_type, target_type")
        rows = store.query(
            f"""SELECT k, name, count(*) AS n FROM (
                    SELECT {s} AS k, source_name AS name, source_type AS type FROM ({inner})
                    UNION ALL SELECT {t}, target_name, target_type FROM ({inner}))
                WHERE k IS NOT NULL AND name IS NOT NULL AND CASE left(k, 2)
                    WHEN 's:' THEN type = 'state' WHEN 'p:' THEN type = 'person'
                    ELSE type IN ('organization', 'group') END
                GROUP BY k, name""")
        best: dict[str, Counter] = {}
        for r in rows:
            best.setdefault(r["k"], Counter())[r["name"]] += int(r["n"])
        return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in best.items()}

    return cached(store, "labels", (people, mentions), compute)


def build_network(
    store: Store,
    *,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    people: bool = True,
    min_events: int = 1,
    mentions: bool = False,
) -> nx.Graph:
    """The weighted, undirected network of the window, with communities and centrality on the nodes."""
    since_d, until_d = check_date(since, "since"), check_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise InvalidParameter("since", f"since {since_d} is after until {until_d}")
    if min_events < 1:
        raise InvalidParameter("min_events", "must be at least 1")

    def compute() -> nx.Graph:
        edges, labels = _query(store, since_d, until_d, people, mentions, min_events)
        graph = nx.Graph(since=str(since_d or ""), until=str(until_d or ""))
        for e in edges:
            for node in (e["a"], e["b"]):
                if node not in graph:
                    code = node.split(":", 1)[1]
                    graph.add_node(node, label=labels.get(node, code), code=code, kind=_kind(node))
            graph.add_edge(e["a"], e["b"], weight=int(e["weight"]), goldstein=round(float(e["goldstein"] or 0), 3),
                           conflict=int(e["conflict"]))
        _annotate(graph)
        return graph

    return cached(store, "network", (since_d, until_d, people, mentions, min_events), compute)


def _annotate(graph: nx.Graph) -> None:
    if graph.number_of_nodes() == 0:
        return
    communities = nx.community.louvain_communities(graph, weight="weight", seed=0)
    for index, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))):
        for node in members:
            graph.nodes[node]["community"] = index
    degree = nx.degree_centrality(graph)
    # Betweenness is cubic; sample pivots on big graphs (seeded, so stable).
    k = None if graph.number_of_nodes() <= 300 else 300
    between = nx.betweenness_centrality(graph, k=k, seed=0)
    for node, data in graph.nodes(data=True):
        data["degree"] = round(degree[node], 4)
        data["betweenness"] = round(between[node], 4)
        data["events"] = int(sum(d["weight"] for _, _, d in graph.edges(node, data=True)))


def network_json(graph: nx.Graph) -> dict[str, Any]:
    nodes = [{"id": n, **d} for n, d in sorted(graph.nodes(data=True), key=lambda x: -x[1].get("events", 0))]
    edges = [{"source": a, "target": b, **d} for a, b, d in graph.edges(data=True)]
    groups: dict[int, list[str]] = {}
    for n in nodes:
        groups.setdefault(n.get("community", 0), []).append(n["id"])
    return {
        "since": graph.graph.get("since") or None,
        "until": graph.graph.get("until") or None,
        "nodes": nodes,
        "edges": edges,
        "communities": [groups[k] for k in sorted(groups)],
    }


def network_graphml(graph: nx.Graph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue().decode("utf-8")
