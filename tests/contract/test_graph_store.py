"""The GraphStore contract, run against every store (Neo4j against the real server)."""

from __future__ import annotations

import dataclasses

import pytest

from graph_schema.errors import InvalidGraphData, NotFound
from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import (
    Label,
    Organisation,
    OrganisationQuery,
    OrgKind,
    Pps,
    RelType,
    Theme,
    make_relationship,
)
from tests.contract import sample


@pytest.fixture
def loaded(store):
    """A store holding the sample graph."""
    sample.load_sample(store)
    return store


def test_upserted_nodes_read_back_equal_for_every_label(loaded):
    for node in sample.PROVINCES + sample.MUNICIPALITIES + sample.THEMES + sample.PPSES:
        label = {"Province": Label.PROVINCE, "Municipality": Label.MUNICIPALITY,
                 "Theme": Label.THEME, "Pps": Label.PPS}[type(node).__name__]
        assert loaded.get_node(label, node.id) == node
    for org in sample.ORGANISATIONS:
        assert loaded.get_node(Label.ORGANISATION, org.id) == org


def test_optional_values_survive_a_round_trip(loaded):
    gov = loaded.get_node(Label.ORGANISATION, "gov:GM0687")
    assert gov.mkb is None and gov.kind is OrgKind.GOVERNMENT
    company = loaded.get_node(Label.ORGANISATION, "kvk:2")
    assert company.mkb is False and company.synthetic is True
    theme = loaded.get_node(Label.THEME, "energy_transition")
    assert theme.synonyms == ("energy transition", "verduurzaming")


def test_upsert_twice_changes_nothing(loaded):
    before = (loaded.stats(), loaded.snapshot())
    sample.load_sample(loaded)
    assert (loaded.stats(), loaded.snapshot()) == before


def test_the_snapshot_digest_is_the_same_on_every_store_and_sees_any_change(loaded):
    reference = MemoryGraphStore()
    sample.load_sample(reference)
    assert loaded.snapshot().digest() == reference.snapshot().digest()
    before = loaded.snapshot().digest()
    loaded.upsert_nodes([dataclasses.replace(sample.ORGANISATIONS[0], website="x")])
    assert loaded.snapshot().digest() != before


def test_upsert_replaces_properties_of_an_existing_node(loaded):
    renamed = dataclasses.replace(sample.ORGANISATIONS[0], name="HU", description="")
    loaded.upsert_nodes([renamed])
    assert loaded.get_node(Label.ORGANISATION, renamed.id) == renamed
    assert loaded.stats().nodes["Organisation"] == len(sample.ORGANISATIONS)


def test_unknown_id_raises_not_found(loaded):
    with pytest.raises(NotFound):
        loaded.get_node(Label.ORGANISATION, "duo:NOPE")
    with pytest.raises(NotFound):
        loaded.get_node(Label.PPS, "duo:25LX")


@pytest.mark.parametrize("bad", [object(), Organisation("", "Naamloos", OrgKind.OTHER),
                                 Theme("  ", "x", "x")])
def test_upsert_rejects_what_is_not_a_valid_node(store, bad):
    with pytest.raises(InvalidGraphData):
        store.upsert_nodes([bad])
    assert sum(store.stats().nodes.values()) == 0


def test_link_to_a_missing_node_writes_nothing_of_the_batch(loaded):
    before = loaded.relationships()
    batch = [make_relationship("WORKS_ON", "kvk:2", "energy", weight=0.5),
             make_relationship("WORKS_ON", "kvk:404", "energy", weight=0.5)]
    with pytest.raises(InvalidGraphData, match="kvk:404"):
        loaded.link(batch)
    assert loaded.relationships() == before


def test_link_endpoints_must_have_the_labels_of_the_type(loaded):
    with pytest.raises(InvalidGraphData):
        loaded.link([make_relationship("LOCATED_IN", "duo:25LX", "PV26")])
    with pytest.raises(InvalidGraphData):
        loaded.link([make_relationship("OPERATES_IN", "duo:25LX", "GM0344")])


def test_link_rejects_a_property_outside_the_allow_list(loaded):
    with pytest.raises(InvalidGraphData, match="colour"):
        loaded.link([make_relationship("WORKS_ON", "kvk:2", "energy", colour="red")])


def test_link_is_idempotent_and_updates_properties(loaded):
    rel = make_relationship("WORKS_ON", "kvk:1", "energy_transition", weight=0.25)
    loaded.link([rel, rel])
    found = [r for r in loaded.relationships(RelType.WORKS_ON) if r.source == "kvk:1"]
    assert found == [rel]


def test_relationships_come_sorted_and_filtered_by_type(loaded):
    rels = loaded.relationships()
    assert list(rels) == sorted(sample.RELATIONSHIPS, key=lambda r: r.sort_key())
    members = loaded.relationships(RelType.MEMBER_OF)
    assert [(r.source, r.props["role"]) for r in members] == [
        ("duo:25LX", "penvoerder"), ("kvk:1", "partner")]


def test_list_nodes_is_sorted_by_id(loaded):
    ids = [n.id for n in loaded.list_nodes(Label.ORGANISATION)]
    assert ids == sorted(o.id for o in sample.ORGANISATIONS)


@pytest.mark.parametrize(("query", "expected"), [
    (OrganisationQuery(), ["duo:25LX", "duo:25PZ", "gov:GM0687", "kvk:1", "kvk:2"]),
    (OrganisationQuery(text="UTRECHT"), ["duo:25LX", "duo:25PZ", "kvk:1"]),
    (OrganisationQuery(kind=OrgKind.COMPANY), ["kvk:1", "kvk:2"]),
    (OrganisationQuery(province="PV27"), ["duo:25LX", "kvk:2"]),
    (OrganisationQuery(province="PV29"), ["gov:GM0687", "kvk:2"]),  # kvk:2 by OPERATES_IN
    (OrganisationQuery(kind=OrgKind.COMPANY, province="PV29"), ["kvk:2"]),
    (OrganisationQuery(theme="energy_transition"), ["duo:25LX", "kvk:1"]),
    (OrganisationQuery(synthetic=False), ["duo:25LX", "duo:25PZ", "gov:GM0687"]),
    (OrganisationQuery(kind=OrgKind.COMPANY, province="PV26", synthetic=True), ["kvk:1"]),
    (OrganisationQuery(limit=2, offset=1), ["duo:25PZ", "gov:GM0687"]),
    (OrganisationQuery(text="bestaat niet"), []),
])
def test_search_applies_every_filter_and_pages_by_id(loaded, query, expected):
    assert [o.id for o in loaded.search_organisations(query)] == expected


@pytest.mark.parametrize("query", [OrganisationQuery(limit=0), OrganisationQuery(offset=-1)])
def test_search_rejects_bad_paging(loaded, query):
    with pytest.raises(InvalidGraphData):
        loaded.search_organisations(query)


def test_neighbourhood_of_depth_one_has_direct_neighbours_only(loaded):
    sub = loaded.neighbourhood(Label.PPS, "pps:1", depth=1)
    keys = [(label.value, node.id) for label, node in sub.nodes]
    assert keys == [("Organisation", "duo:25LX"), ("Organisation", "kvk:1"),
                    ("Pps", "pps:1"), ("Province", "PV26"), ("Theme", "energy_transition")]
    assert {r.type for r in sub.relationships} == {
        RelType.MEMBER_OF, RelType.FOCUSES_ON, RelType.ACTIVE_IN, RelType.WORKS_ON,
        RelType.PRIORITISES}
    assert not sub.truncated


def test_neighbourhood_of_depth_two_reaches_further(loaded):
    sub = loaded.neighbourhood(Label.ORGANISATION, "kvk:1", depth=2)
    ids = {node.id for _, node in sub.nodes}
    assert {"duo:25LX", "PV26", "energy", "GM0344", "duo:25PZ"} <= ids
    assert "kvk:2" not in ids


def test_neighbourhood_cut_at_the_limit_keeps_the_nearest(loaded):
    sub = loaded.neighbourhood(Label.ORGANISATION, "kvk:1", depth=2, limit=3)
    assert sub.truncated
    assert [(label.value, node.id) for label, node in sub.nodes] == [
        ("Municipality", "GM0344"), ("Organisation", "kvk:1"), ("Pps", "pps:1")]
    assert [(r.type, r.target) for r in sub.relationships] == [
        (RelType.LOCATED_IN, "GM0344"), (RelType.MEMBER_OF, "pps:1")]


def test_neighbourhood_rejects_unknown_ids_and_bad_depths(loaded):
    with pytest.raises(NotFound):
        loaded.neighbourhood(Label.ORGANISATION, "kvk:404")
    with pytest.raises(InvalidGraphData):
        loaded.neighbourhood(Label.ORGANISATION, "kvk:1", depth=3)


def test_delete_organisation_removes_its_relationships(loaded):
    loaded.delete_organisation("kvk:1")
    with pytest.raises(NotFound):
        loaded.get_node(Label.ORGANISATION, "kvk:1")
    assert all("kvk:1" not in (r.source, r.target) for r in loaded.relationships())
    with pytest.raises(NotFound):
        loaded.delete_organisation("kvk:1")


def test_snapshot_holds_everything_sorted(loaded):
    snap = loaded.snapshot()
    assert [o.id for o in snap.organisations] == sorted(o.id for o in sample.ORGANISATIONS)
    assert snap.ppses == tuple(sample.PPSES)
    assert [t.id for t in snap.themes] == ["energy", "energy_transition", "ict"]
    assert [p.id for p in snap.provinces] == ["PV26", "PV27", "PV29"]
    assert len(snap.municipalities) == 3
    assert snap.relationships == loaded.relationships()


def test_stats_count_everything_and_list_zeros(store):
    assert set(store.stats().nodes.values()) == {0}
    sample.load_sample(store)
    stats = store.stats()
    assert stats.nodes == {"Organisation": 5, "Pps": 1, "Theme": 3, "Province": 3,
                           "Municipality": 3}
    assert stats.relationships["LOCATED_IN"] == 6
    assert stats.relationships["OPERATES_IN"] == 1
    assert stats.relationships["BROADER"] == 1
    assert stats.organisations_by_kind["company"] == 2
    assert stats.organisations_by_kind["wo"] == 0
    assert stats.pps_by_origin == {"real": 0, "synthetic": 1}
    assert set(stats.as_dict()) == {"nodes", "relationships", "organisations_by_kind",
                                    "pps_by_origin"}


def test_revision_changes_on_writes_only(store):
    first = store.revision()
    assert store.revision() == first
    sample.load_sample(store)
    second = store.revision()
    assert second != first
    store.snapshot()
    assert store.revision() == second
    store.upsert_nodes([Pps("pps:2", "Nieuw", "regionale pps")])
    assert store.revision() != second


def test_clear_empties_the_store(loaded):
    loaded.clear()
    assert sum(loaded.stats().nodes.values()) == 0
    assert loaded.relationships() == ()
