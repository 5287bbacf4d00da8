"""A malformed reference file stops the build with file, line, field and value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seed_data.bundle import BundleError, Problem
from seed_data.csvio import DEFAULT_DATA_DIR, read_table
from seed_data.seed import build_seed_bundle
from seed_data.themes import load_taxonomy


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the reference folder that a test may corrupt."""
    target = tmp_path / "reference"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_wrong_gemeente_code_names_file_line_and_field(data_dir):
    replace_line(data_dir / "regions/gemeenten_2024.csv", 5, "GM0047", "GX0047")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    error = caught.value
    assert (error.file, error.line, error.field, error.value) == (
        "regions/gemeenten_2024.csv", 5, "gemeentecode", "GX0047")
    assert str(error).startswith("regions/gemeenten_2024.csv line 5, field 'gemeentecode': "
                                 "'GX0047' is not a CBS gemeente code")


def test_a_missing_name_is_reported(data_dir):
    replace_line(data_dir / "duo/hogescholen_2024.csv", 3, "Hogeschool voor de Kunsten Utrecht", "")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "duo/hogescholen_2024.csv", 3, "instellingsnaam")
    assert caught.value.reason == "must not be empty"


def test_a_bad_number_in_the_kwb_table_is_reported(data_dir):
    replace_line(data_dir / "kwb/kwb2021_bedrijfsvestigingen_per_gemeente_reconstructed.csv", 2,
                 ",26220,199,", ",26220,19x,")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert caught.value.line == 2 and caught.value.field == "vestigingen_A_approx"
    assert caught.value.value == "19x"


def test_an_unknown_gemeente_of_an_mbo_vestiging_is_reported(data_dir):
    replace_line(data_dir / "duo/mbo_vestigingen_kiesmbo_2025.csv", 2, "GM0599", "GM9999")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert caught.value.file == "duo/mbo_vestigingen_kiesmbo_2025.csv"
    assert (caught.value.line, caught.value.field, caught.value.value) == (2, "gemeentecode",
                                                                           "GM9999")


def test_problems_in_independent_files_are_reported_together(data_dir):
    replace_line(data_dir / "duo/mbo_vestigingen_kiesmbo_2025.csv", 2, "GM0599", "GM9999")
    replace_line(data_dir / "priorities/priorities.csv", 2, "energy_transition", "energy_trans")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    files = {p.file for p in caught.value.problems}
    assert files == {"duo/mbo_vestigingen_kiesmbo_2025.csv", "priorities/priorities.csv"}


def test_a_missing_file_and_a_missing_column_are_reported(data_dir):
    (data_dir / "themes/keyword_themes.csv").unlink()
    with pytest.raises(BundleError, match="themes/keyword_themes.csv: file is missing"):
        load_taxonomy(data_dir)
    replace_line(data_dir / "themes/themes.csv", 1, "label_en", "label_english")
    with pytest.raises(BundleError) as caught:
        load_taxonomy(data_dir)
    assert (caught.value.line, caught.value.field) == (1, "label_en")


def test_a_synonym_naming_two_themes_is_refused(data_dir):
    replace_line(data_dir / "themes/themes.csv", 13, "energie|", "energie|waterstof|")
    with pytest.raises(BundleError) as caught:
        load_taxonomy(data_dir)
    # reported where the second theme claims the name: hydrogen's label on line 14
    assert (caught.value.line, caught.value.field, caught.value.value) == (14, "label_nl",
                                                                           "Waterstof")
    assert "energy_transition" in caught.value.reason


def test_line_numbers_count_physical_lines_of_quoted_multi_line_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a,b\n1,"x\ny"\n2,z\n', encoding="utf-8")
    rows = read_table(path, "t.csv", ("a", "b"))
    assert [r.line for r in rows] == [2, 4]


def test_a_problem_reads_like_a_sentence():
    problem = Problem("is not one of mbo, hbo", "organisations.csv", 7, "kind", "hbo2")
    assert str(problem) == "organisations.csv line 7, field 'kind': 'hbo2' is not one of mbo, hbo"


def test_a_priority_basis_of_the_wrong_form_is_reported(data_dir):
    replace_line(data_dir / "priorities/priorities.csv", 2, " noemt ", " says ")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "priorities/priorities.csv", 2, "basis")
    assert "noemt" in caught.value.reason


def test_an_illustrative_priority_must_say_so_in_its_basis(data_dir):
    path = data_dir / "priorities/priorities.csv"
    number = next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                  if ",true," in line)
    replace_line(path, number, "illustratief: ", "")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert (caught.value.line, caught.value.field) == (number, "basis")


def test_an_mbo_subtype_basis_of_unknown_form_is_reported(data_dir):
    replace_line(data_dir / "duo/mbo_soorten.csv", 2, "known: regional", "regional")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "duo/mbo_soorten.csv", 2, "basis")
    assert caught.value.value.startswith("regional training centre")


def test_an_unknown_pps_confidence_names_file_line_and_field(data_dir):
    replace_line(data_dir / "pps/civ_coe_partial.csv", 4, ",high,", ",sure,")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert (caught.value.file, caught.value.line, caught.value.field, caught.value.value) == (
        "pps/civ_coe_partial.csv", 4, "confidence", "sure")


def test_a_named_organisation_in_a_gemeente_outside_its_province_is_refused(data_dir):
    replace_line(data_dir / "pps/genoemde_organisaties.csv", 4, "Zwolle,Overijssel",
                 "Zwolle,Gelderland")
    with pytest.raises(BundleError) as caught:
        build_seed_bundle(companies=10, data_dir=data_dir)
    assert (caught.value.file, caught.value.line, caught.value.field) == (
        "pps/genoemde_organisaties.csv", 4, "gemeente")
