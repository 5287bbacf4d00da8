"""Seeding through the service layer, on both stores: real counts, idempotency, no half loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_schema.memory_store import MemoryGraphStore
from graph_schema.model import Label, OrganisationQuery, OrgKind
from matcher import Mission
from seed_data.bundle import BundleError
from seed_data.csvio import DEFAULT_DATA_DIR
from seed_data.loader import load_bundle
from seed_data.seed import build_seed_bundle
from web.services import matching, missions, seeding
from web.services.read_model import build_read_model

COMPANIES = 200
SEED = 7
EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "example"


def mbo_rows_in_reference() -> int:
    path = DEFAULT_DATA_DIR / "duo" / "mbo_instellingen_kiesmbo_2025.csv"
    return len(path.read_text(encoding="utf-8").strip().splitlines()) - 1


def named_companies_in_reference() -> int:
    path = DEFAULT_DATA_DIR / "pps" / "genoemde_organisaties.csv"
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines()
               if line.split(",")[2] == "company")


def test_the_seed_holds_the_real_reference_counts(store):
    seeding.seed_store(store, COMPANIES, SEED)
    stats = store.stats()
    assert stats.nodes["Province"] == 12
    assert stats.nodes["Municipality"] == 342
    assert stats.organisations_by_kind["hbo"] == 36
    assert stats.organisations_by_kind["mbo"] == mbo_rows_in_reference()
    assert stats.organisations_by_kind["company"] == COMPANIES + named_companies_in_reference()
    assert stats.pps_by_origin["real"] == 44
    assert stats.relationships["PART_OF"] == 342


def test_loading_the_seed_twice_changes_nothing(store):
    seeding.seed_store(store, COMPANIES, SEED)
    before = store.snapshot()
    seeding.seed_store(store, COMPANIES, SEED)
    assert store.snapshot() == before


def test_a_malformed_reference_row_leaves_the_store_exactly_as_it_was(store, tmp_path):
    seeding.seed_store(store, COMPANIES, SEED)
    before = store.snapshot()
    data_dir = tmp_path / "reference"
    shutil.copytree(DEFAULT_DATA_DIR, data_dir)
    provinces = data_dir / "regions" / "provincies_2024.csv"
    lines = provinces.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace("PV", "XX", 1)
    provinces.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        load_bundle(store, build_seed_bundle(companies=COMPANIES + 50, seed=SEED,
                                             data_dir=data_dir))
    assert (caught.value.file, caught.value.line) == ("regions/provincies_2024.csv", 4)
    assert caught.value.field
    assert store.snapshot() == before


def test_a_malformed_import_names_the_field_and_writes_nothing(store, tmp_path):
    seeding.seed_store(store, COMPANIES, SEED)
    before = store.snapshot()
    folder = tmp_path / "import"
    shutil.copytree(EXAMPLE, folder)
    orgs = folder / "organisations.csv"
    lines = orgs.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("kind")] = "hogeschool2"
    lines[2] = ",".join(cells)
    orgs.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BundleError) as caught:
        seeding.import_folder(store, str(folder))
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "organisations.csv", 3, "kind")
    assert store.snapshot() == before


@pytest.mark.neo4j
def test_both_stores_answer_identically_after_loading_the_same_seed(neo4j_store):
    memory = MemoryGraphStore()
    neo4j_store.clear()
    for target in (memory, neo4j_store):
        seeding.seed_store(target, COMPANIES, SEED)
    assert neo4j_store.snapshot() == memory.snapshot()
    assert neo4j_store.stats() == memory.stats()
    queries = [OrganisationQuery(text="hogeschool"), OrganisationQuery(kind=OrgKind.MBO,
               province="PV26"), OrganisationQuery(theme="energy_transition", limit=20, offset=5),
               OrganisationQuery(synthetic=True, limit=7)]
    for query in queries:
        assert neo4j_store.search_organisations(query) == memory.search_organisations(query)
    for label, node_id in [(Label.ORGANISATION, "duo:25BE"), (Label.PROVINCE, "PV26")]:
        for depth in (1, 2):
            assert (neo4j_store.neighbourhood(label, node_id, depth, limit=300)
                    == memory.neighbourhood(label, node_id, depth, limit=300))
    mission = Mission(text="energietransitie en waterstof", province="Groningen",
                      kinds=(OrgKind.HBO, OrgKind.MBO, OrgKind.COMPANY), with_ids=("duo:25BE",),
                      k=5)
    models = [build_read_model(s) for s in (memory, neo4j_store)]
    answers = [matching.recommend(m, missions.resolve_mission(m, mission)) for m in models]
    assert answers[0] == answers[1]
    assert answers[0].results["mbo"]
