from __future__ import annotations

import io

import networkx as nx
import pytest

from allegiance.errors import InvalidParameter
from allegiance.relations.network import build_network, network_graphml, network_json


def test_edge_weights_add_up_to_the_events_between_distinct_nodes(store) -> None:
    graph = build_network(store, people=False)
    total = store.scalar(
        """SELECT count(DISTINCT coalesce(canonical_id, event_id)) FROM events
           WHERE source_country IS NOT NULL AND target_country IS NOT NULL
             AND source_type <> 'organization' AND target_type <> 'organization' AND source_country <> target_country""")
    between_states = sum(d["weight"] for a, b, d in graph.edges(data=True) if a.startswith("s:") and b.startswith("s:"))
    assert between_states == total
    assert not any(n.startswith("p:") for n in graph)


def test_people_blocs_and_states_are_nodes_with_communities(store) -> None:
    data = network_json(build_network(store))
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds == {"state", "person", "bloc"}
    assert sorted(i for c in data["communities"] for i in c) == sorted(n["id"] for n in data["nodes"])
    assert data["nodes"][0]["id"] == "s:RUS"  # the hub of this corpus
    assert all(0 <= n["betweenness"] <= 1 for n in data["nodes"])


def test_window_and_min_events_shrink_the_graph(store) -> None:
    whole = build_network(store)
    spring = build_network(store, since="2024-03-01", until="2024-05-31")
    strong = build_network(store, min_events=10)
    assert sum(d["weight"] for *_, d in spring.edges(data=True)) < sum(d["weight"] for *_, d in whole.edges(data=True))
    assert all(d["weight"] >= 10 for *_, d in strong.edges(data=True))


def test_graphml_round_trips(store) -> None:
    graph = build_network(store)
    back = nx.read_graphml(io.StringIO(network_graphml(graph)))
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    a, b = next(iter(graph.edges))
    assert int(back.edges[a, b]["weight"]) == graph.edges[a, b]["weight"]


def test_bad_window_is_rejected(store) -> None:
    with pytest.raises(InvalidParameter) as info:
        build_network(store, since="2024-05-01", until="2024-01-01")
    assert info.value.parameter == "since"
