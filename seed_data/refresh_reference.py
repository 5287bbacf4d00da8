"""Developer tool: rebuild the copied files in reference/ from the shared data folder.

Never used at run time. Run it by hand when the shared data change:
    python -m seed_data.refresh_reference /path/to/shared/data
Hand-made files in reference/ (themes, priorities, aliases, ...) are not touched.
"""

from __future__ import annotations

import csv
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

REFERENCE = Path(__file__).parent / "reference"

# (source relative to the shared data folder, target relative to reference/, kept columns or None)
COPIES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("cbs_gebieden/gemeenten_2024.csv", "regions/gemeenten_2024.csv",
     ("gemeentecode", "gemeentenaam", "provincie_code", "provincie_naam", "arbeidsmarktregio_code",
      "arbeidsmarktregio_naam", "inwoners_2024_01_01")),
    ("cbs_gebieden/provincies_2024.csv", "regions/provincies_2024.csv", None),
    ("duo/hogescholen_2024.csv", "duo/hogescholen_2024.csv",
     ("instellingscode", "instellingsnaam", "ingeschrevenen_2024", "ho_sectoren")),
    ("duo/ho_instellingen_hovi_2025.csv", "duo/ho_instellingen_hovi_2025.csv",
     ("brin", "naam", "type", "hoofdlocatie_plaats", "croho_sectoren")),
    ("duo/mbo_instellingen_kiesmbo_2025.csv", "duo/mbo_instellingen_kiesmbo_2025.csv",
     ("brin", "naam", "website", "hoofdlocatie_brinvest", "hoofdlocatie_plaats",
      "hoofdlocatie_gemeentecode", "aantal_locaties", "locatie_brinvests")),
    ("duo/mbo_vestigingen_kiesmbo_2025.csv", "duo/mbo_vestigingen_kiesmbo_2025.csv",
     ("brin", "brinvest", "locatienaam", "plaats", "gemeentecode", "lat", "lon",
      "gemeente_bepaling", "pip_check")),
    ("sbi/sbi2008_secties.csv", "sbi/sbi2008_secties.csv", None),
    ("cbs_kwb/kwb2021_bedrijfsvestigingen_per_gemeente_reconstructed.csv",
     "kwb/kwb2021_bedrijfsvestigingen_per_gemeente_reconstructed.csv", None),
    ("cbs_kwb/kwb_sectorgroepen.csv", "kwb/kwb_sectorgroepen.csv", None),
    ("pps/pps_seed_partial.csv", "pps/pps_seed_partial.csv", None),
    ("pps/civ_coe_partial.csv", "pps/civ_coe_partial.csv", None),
    ("pps/rif_projects_partial.csv", "pps/rif_projects_partial.csv", None),
    ("pps/pps_members_partial.csv", "pps/pps_members_partial.csv", None),
)
HO_PROGRAMME_COLUMNS = ("brin", "opleiding", "niveau", "croho_naam", "croho_sector",
                        "financiering", "gemeentecode")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _write(path: Path, columns: Iterable[str], rows: Iterable[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def copy_tables(source: Path) -> None:
    """Copy the shared tables, keeping only the listed columns."""
    for src, dst, columns in COPIES:
        header, rows = _read(source / src)
        _write(REFERENCE / dst, columns or header, rows)
    shutil.copyfile(source / "geo/provincies_nl_wgs84.geojson",
                    REFERENCE / "regions/provincies_nl_wgs84.geojson")


def hbo_locations(source: Path) -> None:
    """Add `actief_2024` to the hogeschool x gemeente table from the raw enrolment file.

    The aggregated table counted DUO's privacy value "<5" as 0, so a 0 there may still be a
    real location; the raw file tells which gemeenten had any students in 2024.
    """
    _, raw = _read(source / "duo/hbo_ingeschrevenen_2020_2024.csv")
    active = {(r["instellingscode_actueel"], "GM" + r["gemeentenummer"]) for r in raw
              if r["ingeschrevenen_2024"] not in ("", "0")}
    header, rows = _read(source / "duo/hogescholen_vestigingsgemeenten_2024.csv")
    for row in rows:
        key = (row["instellingscode"], row["gemeentecode"])
        row["actief_2024"] = "true" if key in active else "false"
    _write(REFERENCE / "duo/hogescholen_vestigingsgemeenten_2024.csv", header + ["actief_2024"],
           rows)


def ho_programmes(source: Path) -> None:
    """Keep the programmes of the bekostigde hogescholen and of the universities."""
    _, schools = _read(source / "duo/hogescholen_2024.csv")
    wanted = {r["instellingscode"] for r in schools}
    _, institutions = _read(source / "duo/ho_instellingen_hovi_2025.csv")
    wanted |= {r["brin"] for r in institutions if r["type"] == "universiteit"}
    _, rows = _read(source / "duo/ho_opleidingen_hovi_2025.csv")
    kept = [r for r in rows if r["brin"] in wanted]
    kept.sort(key=lambda r: (r["brin"], r["opleiding"], r["niveau"], r["gemeentecode"]))
    _write(REFERENCE / "duo/ho_opleidingen_hovi_2025.csv", HO_PROGRAMME_COLUMNS, kept)


def sbi_leaves(source: Path) -> None:
    """Keep the lowest SBI level (klasse without subklassen, and subklassen) with its section."""
    _, rows = _read(source / "sbi/sbi2008_update2019_hierarchie.csv")
    codes = [r for r in rows if r["niveau"] in ("klasse", "subklasse")]
    parents = {r["sbi_code"].rsplit(".", 1)[0] for r in codes if r["niveau"] == "subklasse"}
    leaves = [r for r in codes if r["niveau"] == "subklasse" or r["sbi_code"] not in parents]
    out = [{"sbi_code": r["sbi_code_kvk"], "omschrijving": r["omschrijving"],
            "sectie": r["sectie"], "afdeling": r["afdeling"]} for r in leaves]
    _write(REFERENCE / "sbi/sbi_codes.csv", ("sbi_code", "omschrijving", "sectie", "afdeling"), out)


def main(argv: list[str]) -> int:
    """Rebuild every copied reference file from the shared data folder given as argument."""
    if len(argv) != 1:
        print("usage: python -m seed_data.refresh_reference SHARED_DATA_DIR", file=sys.stderr)
        return 2
    source = Path(argv[0])
    copy_tables(source)
    hbo_locations(source)
    ho_programmes(source)
    sbi_leaves(source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
