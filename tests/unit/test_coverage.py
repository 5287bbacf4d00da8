"""matcher.coverage: counts per province x theme over a snapshot."""

from __future__ import annotations

from dataclasses import replace

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import make_relationship
from matcher.coverage import coverage, theme_ancestors
from tests.contract import sample


def _snapshot(extra_rels=(), extra_nodes=()):
    store = MemoryGraphStore()
    sample.load_sample(store)
    store.upsert_nodes(list(extra_nodes))
    store.link(list(extra_rels))
    return store.snapshot()


def _cell(cells, province, theme):
    [found] = [c for c in cells if (c.province, c.theme) == (province, theme)]
    return found


def test_ancestors_follow_broader_links():
    ancestors = theme_ancestors(_snapshot())
    assert ancestors["energy_transition"] == {"energy_transition", "energy"}
    assert ancestors["ict"] == {"ict"}


def test_organisations_count_for_their_theme_and_its_broader_themes():
    cells = coverage(_snapshot())
    assert len(cells) == 3 * 3
    narrow = _cell(cells, "PV26", "energy_transition")
    broad = _cell(cells, "PV26", "energy")
    for cell in (narrow, broad):
        assert cell.counts["hbo"] == 1
        assert cell.counts["company"] == 1
        assert cell.mkb_companies == 1
        assert cell.active_pps == 1
        assert cell.missing_kinds == ("mbo", "government")
    assert narrow.priority is True
    assert broad.priority is False


def test_an_organisation_counts_in_every_province_it_is_located_in():
    cells = coverage(_snapshot(), provinces=["PV27"], themes=["energy_transition", "ict"])
    assert _cell(cells, "PV27", "energy_transition").counts["hbo"] == 1
    ict = _cell(cells, "PV27", "ict")
    assert ict.counts["company"] == 1
    assert ict.mkb_companies == 0
    assert ict.active_pps == 0


def test_an_organisation_on_two_narrower_themes_counts_once():
    snap = _snapshot([make_relationship("BROADER", "ict", "energy"),
                      make_relationship("WORKS_ON", "kvk:1", "ict", weight=0.2)])
    assert _cell(coverage(snap), "PV26", "energy").counts["company"] == 1


def test_ended_pps_is_not_active():
    ended = replace(sample.PPSES[0], phase="afgerond")
    snap = _snapshot(extra_nodes=[ended])
    assert _cell(coverage(snap), "PV26", "energy_transition").active_pps == 0


def test_an_organisation_counts_in_a_province_it_operates_in():
    cells = coverage(_snapshot(), provinces=["PV29"], themes=["ict", "energy_transition"])
    assert _cell(cells, "PV29", "ict").counts["company"] == 1  # kvk:2, OPERATES_IN Zeeland
    assert _cell(cells, "PV29", "energy_transition").counts["company"] == 0
