"""matcher.coverage: counts per province x theme, checked against a hand-counted graph."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import make_relationship
from matcher.coverage import coverage, coverage_model
from tests.unit import coverage_graph as g


def _model(extra_rels=(), extra_nodes=()):
    store = MemoryGraphStore()
    g.load_coverage_graph(store)
    store.upsert_nodes(list(extra_nodes))
    store.link(list(extra_rels))
    return coverage_model(store.snapshot())


def _cell(cells, province, theme):
    [found] = [c for c in cells if (c.province, c.theme) == (province, theme)]
    return found


def test_every_province_and_theme_gets_a_cell_in_order():
    cells = coverage(_model())
    assert [(c.province, c.theme) for c in cells][:4] == [
        ("PV20", "care"), ("PV20", "energy"), ("PV20", "hydrogen"), ("PV20", "smart_maintenance")]
    assert len(cells) == 3 * 4


def test_pps_themes_count_and_governments_count_by_location():
    hydrogen = _cell(coverage(_model()), "PV20", "hydrogen")
    # Hanze works on hydrogen only through pps-h2; co-b's SBI fit is energy, not hydrogen.
    assert hydrogen.counts["hbo"] == 1
    assert hydrogen.counts["mbo"] == 0  # Noorderpoort works on the broader energy only
    assert hydrogen.counts["company"] == 1
    assert hydrogen.counts["government"] == 1  # the provincie, though it works on no theme
    assert hydrogen.regional_support == 1
    assert hydrogen.missing_kinds == ("mbo",)
    assert hydrogen.priority is True


def test_narrower_themes_sbi_fit_and_operates_in_count_for_the_broader_theme():
    energy = _cell(coverage(_model()), "PV20", "energy")
    assert (energy.counts["hbo"], energy.counts["mbo"], energy.counts["company"]) == (1, 1, 2)
    assert energy.mkb_companies == 1  # co-b (SBI D, OPERATES_IN) is no mkb
    assert energy.missing_kinds == ()
    assert energy.priority is False


def test_a_national_government_is_counted_but_gives_no_regional_support():
    utrecht = _cell(coverage(_model()), "PV26", "hydrogen")
    assert utrecht.counts["government"] == 1
    assert utrecht.regional_support == 0
    assert utrecht.counts["company"] == 1  # co-c, through its pps in Groningen
    assert utrecht.missing_kinds == ("hbo", "mbo", "government")


def test_a_board_operating_in_a_province_gives_regional_support_there():
    zeeland = _cell(coverage(_model()), "PV29", "smart_maintenance")
    assert zeeland.counts["board"] == 1
    assert zeeland.counts["hbo"] == 1
    assert zeeland.missing_kinds == ("mbo", "company")


def test_pps_real_and_synthetic_apart_ended_ones_left_out():
    cells = coverage(_model())
    hydrogen = _cell(cells, "PV20", "hydrogen")
    assert (hydrogen.pps_real, hydrogen.pps_synthetic) == (1, 0)  # pps-old has ended
    energy = _cell(cells, "PV20", "energy")
    assert (energy.pps_real, energy.pps_synthetic) == (1, 1)
    sm = _cell(cells, "PV29", "smart_maintenance")
    assert (sm.pps_real, sm.pps_synthetic, sm.active_pps) == (0, 1, 1)


def test_mkb_in_pps_counts_members_of_the_provinces_pps_wherever_they_are():
    cells = coverage(_model())
    # co-a and co-c (located in Utrecht) are mkb members of pps-h2; co-b is no mkb.
    assert _cell(cells, "PV20", "hydrogen").mkb_in_pps == 2
    assert _cell(cells, "PV20", "energy").mkb_in_pps == 2
    assert _cell(cells, "PV26", "hydrogen").mkb_in_pps == 0


def test_overlap_names_several_pps_on_one_theme_in_one_province():
    cells = coverage(_model())
    assert _cell(cells, "PV20", "energy").overlap == ("<Energie> Groningen",
                                                       "Waterstofpact Noord")
    assert _cell(cells, "PV20", "hydrogen").overlap == ()


def test_reviving_the_ended_pps_adds_overlap_and_counts():
    revived = replace(g.PPSES[2], phase="1a")
    hydrogen = _cell(coverage(_model(extra_nodes=[revived])), "PV20", "hydrogen")
    assert hydrogen.pps_real == 2
    assert hydrogen.overlap == ("Oud waterstofproject", "Waterstofpact Noord")


def test_an_organisation_on_two_narrower_themes_counts_once():
    model = _model([make_relationship("BROADER", "care", "energy"),
                    make_relationship("WORKS_ON", "co-a", "care", weight=0.2)])
    assert _cell(coverage(model), "PV20", "energy").counts["company"] == 2


def test_filters_and_unknown_ids():
    cells = coverage(_model(), provinces=["PV29"], themes=["care", "smart_maintenance"])
    assert [(c.province, c.theme) for c in cells] == [("PV29", "care"),
                                                      ("PV29", "smart_maintenance")]
    with pytest.raises(ValueError, match="PV99"):
        coverage(_model(), provinces=["PV99"])
