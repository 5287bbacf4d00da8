"""The network map's graph (pps'en and the most connected organisations first, their provinces
and themes, edges only between kept nodes) and the partners of an organisation."""

from __future__ import annotations

import pytest

from graph_schema.errors import NotFound
from graph_schema.memory_store import MemoryGraphStore
from tests.contract import sample
from web.services.network_map import map_graph, neighbours_graph
from web.services.partners import Partner, partners_of
from web.services.read_model import build_read_model


def _model():
    store = MemoryGraphStore()
    sample.load_sample(store)
    return build_read_model(store)


def test_the_whole_graph_has_every_node_with_what_the_map_filters_on():
    graph = map_graph(_model())
    by_id = {n["id"]: n for n in graph["nodes"]}
    assert len(by_id) == len(sample.ORGANISATIONS) + len(sample.PPSES)
    assert by_id["pps:1"] == {"id": "pps:1", "name": "Energiepact Utrecht", "kind": "pps",
                              "synthetic": True, "provinces": ["PV26"],
                              "themes": ["energy_transition"], "experience": 2}
    # Amsterdam Software: a gemeente in Noord-Holland and OPERATES_IN Zeeland.
    assert by_id["kvk:2"]["provinces"] == ["PV27", "PV29"]
    assert by_id["kvk:2"]["themes"] == ["ict"] and by_id["kvk:2"]["experience"] == 0
    assert sorted(graph["edges"]) == [["duo:25LX", "pps:1"], ["kvk:1", "pps:1"]]
    assert graph["truncated"] is False


def test_a_limit_keeps_the_pps_and_its_members_before_unconnected_organisations():
    graph = map_graph(_model(), limit=3)
    assert [n["id"] for n in graph["nodes"]] == ["pps:1", "duo:25LX", "kvk:1"]
    assert len(graph["edges"]) == 2 and graph["truncated"] is True


def test_the_neighbours_of_a_node_carry_the_same_attributes_as_the_map_nodes():
    model = _model()
    whole = {n["id"]: n for n in map_graph(model)["nodes"]}
    members = neighbours_graph(model, "pps:1")
    assert members["nodes"] == [whole["duo:25LX"], whole["kvk:1"]]
    assert sorted(members["edges"]) == [["duo:25LX", "pps:1"], ["kvk:1", "pps:1"]]
    assert neighbours_graph(model, "kvk:1")["nodes"] == [whole["pps:1"]]
    assert neighbours_graph(model, "kvk:2") == {"centre": "kvk:2", "nodes": [], "edges": []}
    with pytest.raises(NotFound):
        neighbours_graph(model, "kvk:none")


def test_the_partners_of_an_organisation_are_its_fellow_pps_members():
    model = _model()
    assert partners_of(model, "duo:25LX") == (
        Partner("kvk:1", "Zonnepanelen Utrecht B.V.", "company", True,
                ("Energiepact Utrecht",)),)
    assert partners_of(model, "kvk:2") == ()
