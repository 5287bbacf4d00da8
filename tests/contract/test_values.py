"""Both stores see the same checked and normalised values, so they answer identically."""

from __future__ import annotations

import pytest

from graph_schema.errors import InvalidGraphData
from graph_schema.model import (
    Label,
    Organisation,
    OrgKind,
    Pps,
    Relationship,
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


def test_a_relationship_property_none_is_unset_in_every_store(loaded):
    # Built by hand (make_relationship would drop it): memory used to keep the None.
    rel = Relationship(RelType.MEMBER_OF, "kvk:2", "pps:1", (("role", None),))
    loaded.link([rel])
    found = [r for r in loaded.relationships(RelType.MEMBER_OF) if r.source == "kvk:2"]
    assert found == [Relationship(RelType.MEMBER_OF, "kvk:2", "pps:1", ())]
    near = loaded.neighbourhood(Label.PPS, "pps:1").relationships
    assert [r for r in near if r.source == "kvk:2"] == found


def test_relationship_properties_come_back_sorted_by_name(loaded):
    rel = Relationship(RelType.PRIORITISES, "PV27", "ict",
                       (("illustrative", False), ("basis", "coalitieakkoord")))
    loaded.link([rel])
    found = [r for r in loaded.relationships(RelType.PRIORITISES) if r.source == "PV27"]
    assert [r.properties for r in found] == [(("basis", "coalitieakkoord"),
                                              ("illustrative", False))]


def test_a_list_of_synonyms_is_stored_and_returned_as_a_tuple(store):
    store.upsert_nodes([Theme("water", "Water", "Water", ["dijken", "delta"], ["E"])])
    theme = store.get_node(Label.THEME, "water")
    assert theme == Theme("water", "Water", "Water", ("dijken", "delta"), ("E",))
    assert type(theme.synonyms) is tuple
    assert store.snapshot().themes == (theme,)


def test_a_kind_given_as_text_is_returned_as_the_kind(store):
    store.upsert_nodes([Organisation("kvk:9", "Bakkerij", "company")])  # type: ignore[arg-type]
    assert store.get_node(Label.ORGANISATION, "kvk:9").kind is OrgKind.COMPANY


@pytest.mark.parametrize(("node", "field"), [
    (Organisation("kvk:9", {"nl": "Bakkerij"}, OrgKind.COMPANY), "name"),  # type: ignore[arg-type]
    (Organisation("kvk:9", None, OrgKind.COMPANY), "name"),  # type: ignore[arg-type]
    (Organisation("kvk:9", "Bakkerij", "bakery"), "kind"),  # type: ignore[arg-type]
    (Organisation("kvk:9", "Bakkerij", OrgKind.COMPANY, mkb=[True]), "mkb"),  # type: ignore[arg-type]
    (Theme("water", "Water", "Water", ("dijken", 3)), "synonyms"),  # type: ignore[arg-type]
    (Theme("water", "Water", "Water", ("dijken", None)), "synonyms"),  # type: ignore[arg-type]
    (Theme("water", "Water", "Water", (("dijken",),)), "synonyms"),  # type: ignore[arg-type]
    (Pps("pps:9", "Pact", "regionale pps", start_year=2**63), "start_year"),
    (Pps("pps:9", "Pact", "regionale pps", start_year=float("nan")), "start_year"),  # type: ignore[arg-type]
])
def test_a_value_that_is_not_primitive_is_rejected_by_every_store(store, node, field):
    with pytest.raises(InvalidGraphData, match=f"'{node.id}': field '{field}'"):
        store.upsert_nodes([Theme("ok", "Ok", "Ok"), node])
    assert sum(store.stats().nodes.values()) == 0


@pytest.mark.parametrize("properties", [
    (("role", ["partner"]),), (("role", {"nl": "partner"}),), (("role", b"partner"),),
    (("role", "partner"), ("role", "penvoerder")),
])
def test_a_bad_relationship_property_writes_nothing_of_the_batch(loaded, properties):
    before = loaded.relationships()
    batch = [make_relationship("MEMBER_OF", "duo:25PZ", "pps:1", role="partner"),
             Relationship(RelType.MEMBER_OF, "kvk:2", "pps:1", properties)]
    with pytest.raises(InvalidGraphData, match="MEMBER_OF kvk:2 -> pps:1: .*'?role"):
        loaded.link(batch)
    assert loaded.relationships() == before


@pytest.fixture
def small_batches(store):
    """The store writing in batches of 7 rows (where it batches at all)."""
    if not hasattr(store, "batch_size"):
        yield store
        return
    size = store.batch_size
    store.batch_size = 7
    try:
        yield store
    finally:
        store.batch_size = size


def _many_links(count: int) -> list[Relationship]:
    return [make_relationship("WORKS_ON", f"kvk:{i:03d}", "energy", weight=i / count)
            for i in range(count)]


def test_link_across_several_batches_writes_every_relationship(small_batches):
    store = small_batches
    orgs = [Organisation(f"kvk:{i:03d}", f"Bedrijf {i}", OrgKind.COMPANY) for i in range(30)]
    store.upsert_nodes([Theme("energy", "Energie", "Energy"), *orgs])
    rels = _many_links(30)
    assert store.link(rels) == 30
    assert store.link(rels) == 30  # idempotent across batches too
    assert store.relationships() == tuple(rels)
    assert store.stats().relationships["WORKS_ON"] == 30


def test_a_missing_endpoint_in_a_later_batch_writes_no_batch(small_batches):
    store = small_batches
    orgs = [Organisation(f"kvk:{i:03d}", f"Bedrijf {i}", OrgKind.COMPANY) for i in range(29)]
    store.upsert_nodes([Theme("energy", "Energie", "Energy"), *orgs])
    revision = store.revision()
    with pytest.raises(InvalidGraphData, match="Organisation 'kvk:029' does not exist"):
        store.link(_many_links(30))  # kvk:029 is the last row of the fifth batch
    assert store.relationships() == ()
    assert store.revision() == revision


def test_upsert_across_several_batches_writes_every_node(small_batches):
    store = small_batches
    orgs = [Organisation(f"kvk:{i:03d}", f"Bedrijf {i}", OrgKind.COMPANY) for i in range(30)]
    assert store.upsert_nodes(orgs) == 30
    assert store.list_nodes(Label.ORGANISATION) == tuple(orgs)


@pytest.fixture
def small_pages(loaded):
    """The sample graph, read in pages of 2 nodes (where the store pages at all)."""
    if not hasattr(loaded, "read_chunk"):
        yield loaded
        return
    size = loaded.read_chunk
    loaded.read_chunk = 2
    try:
        yield loaded
    finally:
        loaded.read_chunk = size


def test_reads_in_many_pages_return_everything_once(small_pages):
    store = small_pages
    snap = store.snapshot()
    assert [o.id for o in snap.organisations] == sorted(o.id for o in sample.ORGANISATIONS)
    assert snap.relationships == tuple(sorted(sample.RELATIONSHIPS, key=Relationship.sort_key))
    assert store.relationships() == snap.relationships
    assert store.relationships(RelType.LOCATED_IN) == tuple(
        r for r in snap.relationships if r.type is RelType.LOCATED_IN)
    assert store.list_nodes(Label.THEME) == tuple(sorted(sample.THEMES, key=lambda t: t.id))
