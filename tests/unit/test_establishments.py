"""seed_data.establishments: the KWB province counts and the SBI -> sector group mapping."""

from __future__ import annotations

import shutil

import pytest

from seed_data.bundle import BundleError
from seed_data.csvio import DEFAULT_DATA_DIR
from seed_data.establishments import PROVINCE_FILE, load_establishments


def test_every_province_has_counts_that_add_up_to_its_total():
    est = load_establishments()
    assert len(est.totals) == 12
    for province, groups in est.counts.items():
        # reconstructed counts: the groups add up to the total within rounding
        assert abs(sum(groups.values()) - est.totals[province]) <= 10 * len(groups)
    assert est.totals["PV21"] > 0  # the file says "Friesland", the code list "Fryslân"


def test_sections_and_divisions_select_sector_groups():
    est = load_establishments()
    assert est.groups_of(["D", "E"]) == ("B-F",)
    assert est.groups_of(["33"]) == ("B-F",)  # division 33 lies in section C
    assert est.groups_of(["86", "62"]) == ("H+J", "O-Q")
    assert est.groups_of(["G"]) == ("G+I",) and est.groups_of(["I"]) == ("G+I",)
    assert est.groups_of([]) == ()


def test_an_unknown_province_name_is_named_with_file_and_line(tmp_path):
    data = tmp_path / "reference"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    path = data / PROVINCE_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = "Atlantis" + lines[3][lines[3].index(","):]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BundleError, match="Atlantis") as caught:
        load_establishments(data)
    assert PROVINCE_FILE in str(caught.value) and "4" in str(caught.value)
