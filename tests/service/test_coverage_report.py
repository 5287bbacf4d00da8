"""The coverage-gap report document and its files, on a hand-counted graph and both stores."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest

from graph_schema.memory_store import MemoryGraphStore
from seed_data.establishments import load_establishments
from tests.unit.coverage_graph import load_coverage_graph
from web.reports import files
from web.reports.files import write_report
from web.services.coverage_report import ReportRequest, build_report
from web.services.read_model import build_read_model

SCHEMA = Path(__file__).resolve().parents[2] / "web" / "reports" / "coverage.schema.json"
VOLATILE = ("generated_at", "store", "revision")


def _doc(store=None, **request):
    if store is None:
        store = MemoryGraphStore()
    if not store.stats().nodes["Organisation"]:
        load_coverage_graph(store)
    return build_report(build_read_model(store), store.url, ReportRequest(**request))


def _theme(doc, province, theme):
    [prov] = [p for p in doc["provinces"] if p["code"] == province]
    [found] = [t for t in prov["themes"] if t["theme"] == theme]
    return found


def test_by_default_each_province_reports_its_priority_themes():
    doc = _doc()
    assert [p["code"] for p in doc["provinces"]] == ["PV20", "PV26", "PV29"]
    assert [[t["theme"] for t in p["themes"]] for p in doc["provinces"]] == [
        ["hydrogen"], [], ["smart_maintenance"]]


def test_counts_gaps_and_candidates_of_a_priority_theme():
    hydrogen = _theme(_doc(), "PV20", "hydrogen")
    assert hydrogen["counts"]["hbo"] == 1 and hydrogen["counts"]["government"] == 1
    assert (hydrogen["pps"], hydrogen["pps_real"], hydrogen["pps_synthetic"]) == (1, 1, 0)
    assert hydrogen["missing_kinds"] == ["mbo"]
    [mbo] = hydrogen["candidates"]["mbo"]  # the only mbo of the graph
    assert mbo["name"] == "Noorderpoort"
    assert any("Energie" in r for r in mbo["reasons"])
    assert list(hydrogen["candidates"]) == ["mbo"]


def test_the_store_is_named_without_credentials():
    assert _doc()["store"] == "memory://"
    store = MemoryGraphStore()
    load_coverage_graph(store)
    doc = build_report(build_read_model(store), "bolt://neo4j:geheim@127.0.0.1:7687",
                       ReportRequest())
    assert doc["store"] == "bolt://127.0.0.1:7687"


def test_mkb_reach_uses_the_kwb_establishments_of_the_themes_sector_groups():
    doc = _doc(themes=("energy", "hydrogen"))
    est = load_establishments()
    energy = _theme(doc, "PV20", "energy")  # SBI section D: sector group B-F
    assert energy["sector_groups"] == ["B-F"]
    assert energy["establishments"] == est.counts["PV20"]["B-F"]
    assert energy["mkb_reach"] == round(2 / est.counts["PV20"]["B-F"], 6)
    hydrogen = _theme(doc, "PV20", "hydrogen")  # no SBI: all establishments of the province
    assert hydrogen["sector_groups"] == []
    assert hydrogen["establishments"] == est.totals["PV20"]


def test_overlap_and_the_national_summary():
    doc = _doc(all_themes=True)
    assert _theme(doc, "PV20", "energy")["overlap"] == ["<Energie> Groningen",
                                                        "Waterstofpact Noord"]
    summary = doc["summary"]
    assert [p["code"] for p in summary["provinces_by_gaps"]] == ["PV26", "PV29", "PV20"]
    assert summary["provinces_by_gaps"][0]["themes_with_gaps"] == 4
    assert [t["theme"] for t in summary["themes_without_coverage"]] == ["care"]
    assert summary["priorities_without_pps"] == []


def test_the_json_validates_against_its_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for doc in (_doc(), _doc(all_themes=True)):
        validator.validate(doc)
    broken = _doc()
    broken["provinces"][0]["themes"][0]["missing_kinds"] = ["wizard"]
    assert not validator.is_valid(broken)


def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path):
    doc = _doc(all_themes=True)
    doc["provinces"][0]["themes"][0]["label"] = "=HYPERLINK(\"http://x\")"
    write_report(doc, tmp_path / "out", ["csv"])
    with (tmp_path / "out" / "csv" / "dekking.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["theme_label"] == "'=HYPERLINK(\"http://x\")"
    with (tmp_path / "out" / "csv" / "kandidaten.csv").open(encoding="utf-8") as handle:
        names = {r["name"] for r in csv.DictReader(handle)}
    assert "'=Energie Noord NV" in names  # a candidate company named "=Energie ..."


def test_a_failed_write_leaves_the_previous_report_intact(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_report(_doc(), out, ["json"])
    before = (out / "coverage.json").read_text(encoding="utf-8")

    def broken(doc, folder):
        (folder / "half.csv").write_text("x", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setitem(files.WRITERS, "csv", broken)
    with pytest.raises(OSError, match="disk full"):
        write_report(_doc(), out, ["json", "csv"])
    assert (out / "coverage.json").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.neo4j
def test_both_stores_give_the_same_report(neo4j_store):
    neo4j_store.clear()
    load_coverage_graph(neo4j_store)
    on_neo4j = _doc(neo4j_store, all_themes=True)
    on_memory = _doc(all_themes=True)
    for key in VOLATILE:
        on_neo4j.pop(key)
        on_memory.pop(key)
    assert on_neo4j == on_memory


def test_the_workbook_reads_back_with_one_typed_sheet_per_table(tmp_path):
    from openpyxl import load_workbook

    write_report(_doc(all_themes=True), tmp_path / "out", ["xlsx"])
    book = load_workbook(tmp_path / "out" / "coverage.xlsx")
    assert book.sheetnames == ["provincies", "themas_zonder_dekking", "prioriteiten_zonder_pps",
                               "dekking", "kandidaten", "overlap"]
    sheet = book["dekking"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}13"
    assert sheet["A1"].font.bold
    rows = {(r[0], r[2]): dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True)}
    energy = rows[("PV20", "energy")]
    assert energy["hbo"] == 1 and isinstance(energy["hbo"], int)
    assert energy["Prioriteit"] is False
    assert isinstance(energy["Mkb-bereik"], float)
    assert sheet.cell(2, header.index("Mkb-bereik") + 1).number_format == "0.00%"
    names = [r[6] for r in book["kandidaten"].iter_rows(min_row=2, values_only=True)]
    assert "'=Energie Noord NV" in names
    formula_cells = [c for ws in book for row in ws.iter_rows() for c in row
                     if c.data_type == "f"]
    assert formula_cells == []


def test_government_candidates_give_regional_support():
    utrecht = _theme(_doc(themes=("hydrogen",)), "PV26", "hydrogen")
    assert utrecht["missing_kinds"] == ["hbo", "mbo", "government"]
    # the ministry in Utrecht is no candidate for the regional-support gap
    assert [c["id"] for c in utrecht["candidates"]["government"]] == ["gov-pv20"]
