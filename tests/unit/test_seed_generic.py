"""The generic import format: the example folder reads, and mistakes name file, line and field."""

from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from graph_schema.model import Label, OrgKind, RelType
from seed_data.bundle import BundleError
from seed_data.generic import read_generic
from seed_data.regions import Regions, load_regions
from seed_data.themes import Taxonomy, load_taxonomy

EXAMPLE = Path(__file__).resolve().parents[2] / "seed_data" / "example"
ORG_HEADER = "id,name,kind,description,themes,province,gemeente,size_class,synthetic\n"


@lru_cache(maxsize=1)
def context() -> tuple[Taxonomy, Regions]:
    return load_taxonomy(), load_regions()


def read(folder: Path, known: tuple[str, ...] = ()):
    taxonomy, regions = context()
    return read_generic(folder, taxonomy, regions, known)


def write_orgs(folder: Path, *rows: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisations.csv").write_text(ORG_HEADER + "".join(r + "\n" for r in rows),
                                              encoding="utf-8")
    return folder


def test_the_example_folder_has_schools_companies_a_gemeente_and_coalitions():
    bundle = read(EXAMPLE)
    kinds = {o.kind for o in bundle.organisations()}
    assert {OrgKind.HBO, OrgKind.MBO, OrgKind.COMPANY, OrgKind.GOVERNMENT} <= kinds
    ppses = bundle.nodes_of(Label.PPS)
    assert 3 <= len(ppses) <= 4
    members = [r.target for r in bundle.relationships_of(RelType.MEMBER_OF)]
    assert all(members.count(p.id) >= 3 for p in ppses)


def test_theme_labels_and_synonyms_resolve_to_theme_ids():
    bundle = read(EXAMPLE)
    works = {(r.source, r.target) for r in bundle.relationships_of(RelType.WORKS_ON)}
    assert ("ex:hbo-noordkust", "hydrogen") in works  # written as "waterstof"
    assert ("ex:mbo-eemscollege", "energy_transition") in works  # "Energy transition"
    assert ("ex:co-zuivel", "agrifood") in works


def test_coalitions_become_pps_nodes_with_mission_province_and_themes():
    bundle = read(EXAMPLE)
    pps = {p.id: p for p in bundle.nodes_of(Label.PPS)}["ex:pps-waterstofwerkplaats"]
    assert pps.mission.startswith("Train technicians") and pps.type == "ecosysteem pps"
    assert pps.start_year == 2023 and pps.synthetic
    assert ("ex:pps-zorgtech", "PV21") in {(r.source, r.target)
                                           for r in bundle.relationships_of(RelType.ACTIVE_IN)}


def test_an_organisation_with_only_a_province_operates_in_it_and_has_no_location():
    bundle = read(EXAMPLE)
    operates = {(r.source, r.target) for r in bundle.relationships_of(RelType.OPERATES_IN)}
    assert ("ex:co-datagrid", "PV20") in operates
    assert "ex:co-datagrid" not in {r.source for r in bundle.relationships_of(RelType.LOCATED_IN)}


def test_a_bad_kind_names_file_line_field_and_the_allowed_values(tmp_path):
    folder = write_orgs(tmp_path / "in", "a,A,hbo,,,,,,", "b,B,hbo,,,,,,", "c,C,hbo2,,,,,,")
    with pytest.raises(BundleError) as caught:
        read(folder)
    assert str(caught.value).startswith(
        "organisations.csv line 4, field 'kind': 'hbo2' is not one of mbo, hbo, wo")


def test_several_problems_are_reported_at_once(tmp_path):
    folder = write_orgs(tmp_path / "in", "a,A,hbo,,no-such-theme,,,,", "a,A,mbo,,,,GM9999,,",
                        "b,,company,,,,,12,maybe")
    with pytest.raises(BundleError) as caught:
        read(folder)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert {(2, "themes"), (3, "gemeente"), (4, "size_class")} <= found


def test_province_names_codes_and_friesland_are_accepted(tmp_path):
    folder = write_orgs(tmp_path / "in", "a,A,company,,,Friesland,,,", "b,B,company,,,pv27,,,",
                        "c,C,company,,,Noord-Holland,,,")
    operates = read(folder).relationships_of(RelType.OPERATES_IN)
    assert {(r.source, r.target) for r in operates} == {("a", "PV21"), ("b", "PV27"),
                                                         ("c", "PV27")}


def test_a_gemeente_outside_the_given_province_is_refused(tmp_path):
    folder = write_orgs(tmp_path / "in", "a,A,company,,,Zeeland,GM0014,,")
    with pytest.raises(BundleError, match="line 2, field 'gemeente': 'GM0014' lies in PV20"):
        read(folder)


def test_a_duplicate_id_is_refused(tmp_path):
    folder = write_orgs(tmp_path / "in", "a,A,company,,,,,,", "a,B,company,,,,,,")
    with pytest.raises(BundleError, match="line 3, field 'id': 'a' occurs twice"):
        read(folder)


def test_memberships_must_name_known_coalitions_and_organisations(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "memberships.csv").open("a", encoding="utf-8") as f:
        f.write("ex:pps-zuivel,duo:25GV,partner\nex:nope,ex:co-zuivel,partner\n")
    with pytest.raises(BundleError) as caught:
        read(folder)
    assert [(p.line, p.field) for p in caught.value.problems] == [(19, "organisation_id"),
                                                                  (20, "coalition_id")]


def test_memberships_may_name_organisations_already_known_to_the_store(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "memberships.csv").open("a", encoding="utf-8") as f:
        f.write("ex:pps-zuivel,duo:25GV,partner\n")
    bundle = read(folder, known=("duo:25GV",))
    assert ("duo:25GV", "ex:pps-zuivel") in {(r.source, r.target)
                                             for r in bundle.relationships_of(RelType.MEMBER_OF)}


def test_an_unknown_pps_type_and_role_are_refused(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    text = (folder / "coalitions.csv").read_text(encoding="utf-8").replace(",CIV,", ",guild,")
    (folder / "coalitions.csv").write_text(text, encoding="utf-8")
    with (folder / "memberships.csv").open("a", encoding="utf-8") as f:
        f.write("ex:pps-zorgtech,ex:co-bakkerij,sponsor\n")
    with pytest.raises(BundleError) as caught:
        read(folder)
    fields = {(p.file, p.field, p.value) for p in caught.value.problems}
    assert ("coalitions.csv", "type", "guild") in fields
    assert ("memberships.csv", "role", "sponsor") in fields


def test_a_folder_without_organisations_is_refused(tmp_path):
    with pytest.raises(BundleError, match="organisations.csv: file is missing"):
        read(tmp_path)


def write_mkb_orgs(folder: Path, *rows: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisations.csv").write_text(
        ORG_HEADER.replace("\n", ",mkb\n") + "".join(r + "\n" for r in rows), encoding="utf-8")
    return folder


def test_the_mkb_column_sets_the_sme_flag_without_a_size_class(tmp_path):
    folder = write_mkb_orgs(tmp_path / "in", "a,A,company,,,,,,,true", "b,B,company,,,,,,,nee",
                            "c,C,company,,,,,,,", "d,D,company,,,,,10-49,,",
                            "e,E,company,,,,,250+,,false")
    mkb = {o.id: o.mkb for o in read(folder).organisations()}
    assert mkb == {"a": True, "b": False, "c": None, "d": True, "e": False}


def test_a_bad_or_contradicting_mkb_value_names_file_line_field_and_value(tmp_path):
    folder = write_mkb_orgs(tmp_path / "in", "a,A,company,,,,,,,sme",
                            "b,B,company,,,,,250+,,true")
    with pytest.raises(BundleError) as caught:
        read(folder)
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "organisations.csv line 2, field 'mkb': 'sme' is not true or false",
        "organisations.csv line 3, field 'mkb': 'true' contradicts size_class 250+"]
