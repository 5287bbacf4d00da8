"""Coverage per gemeente: the province cells' notions, counted in each gemeente of a province."""

from __future__ import annotations

from graph_schema.memory_store import MemoryGraphStore
from seed_data.boundaries import load_municipality_boundaries
from seed_data.regions import load_regions
from tests.contract import sample
from web.services.municipality_coverage import municipality_cells
from web.services.read_model import build_read_model


def _model():
    store = MemoryGraphStore()
    sample.load_sample(store)
    return build_read_model(store)


def test_a_gemeente_counts_the_organisations_located_there_that_work_on_the_theme():
    cells = municipality_cells(_model(), "PV26", ("energy_transition", "ict"))
    utrecht = cells["GM0344"]["energy_transition"]
    # Hogeschool Utrecht and the solar company; MBO Utrecht works on no theme.
    assert utrecht.needs == {"hbo": 1, "mbo": 0, "company": 1, "government": 0}
    assert utrecht.active_pps == 1 and utrecht.missing == ("mbo", "government")
    assert cells["GM0344"]["ict"].missing == ("hbo", "mbo", "company", "government")


def test_a_pps_counts_only_in_the_gemeenten_of_the_provinces_it_is_active_in():
    # Hogeschool Utrecht is also located in Amsterdam, but its pps is active in Utrecht only.
    amsterdam = municipality_cells(_model(), "PV27", ("energy_transition",))["GM0363"]
    assert amsterdam["energy_transition"].needs["hbo"] == 1
    assert amsterdam["energy_transition"].active_pps == 0


def test_governments_count_by_location_in_every_theme():
    middelburg = municipality_cells(_model(), "PV29", ("energy_transition", "ict"))["GM0687"]
    assert {t: c.needs["government"] for t, c in middelburg.items()} == {
        "energy_transition": 1, "ict": 1}
    # Amsterdam Software operates in Zeeland but has no gemeente there: not counted.
    assert middelburg["ict"].needs["company"] == 0


def test_every_gemeente_of_the_reference_data_has_a_boundary():
    assert set(load_municipality_boundaries()) == {m.id for m in load_regions().municipalities}
