"""/api/reports/coverage on both stores: JSON, CSV, XLSX and HTML of the coverage-gap report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parents[2] / "web" / "reports" / "coverage.schema.json"


def test_json_report_of_one_province_validates_against_the_schema(client):
    response = client.get("/api/reports/coverage?province=Utrecht")
    assert response.status_code == 200 and response.mimetype == "application/json"
    doc = response.get_json()
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    [prov] = doc["provinces"]
    [theme] = prov["themes"]  # Utrecht prioritises energy_transition
    assert (prov["code"], theme["theme"]) == ("PV26", "energy_transition")
    assert theme["counts"]["hbo"] == 1 and theme["pps"] == 1
    # MBO Utrecht works on no theme; no gemeente or provincie is in Utrecht
    assert theme["missing_kinds"] == ["mbo", "government"]
    assert [c["id"] for c in theme["candidates"]["mbo"]] == ["duo:25PZ"]
    assert [c["id"] for c in theme["candidates"]["government"]] == ["gov:GM0687"]


def test_csv_has_one_row_per_province_and_theme(client):
    response = client.get("/api/reports/coverage?format=csv&all_themes=true"
                          "&province=PV26&province=Zeeland")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["province"], r["theme"]) for r in rows] == [
        (p, t) for p in ("PV26", "PV29") for t in ("energy", "energy_transition", "ict")]
    zeeland_ict = rows[-1]
    assert zeeland_ict["n_company"] == "1" and zeeland_ict["n_government"] == "1"


def test_xlsx_reads_back(client):
    from openpyxl import load_workbook

    response = client.get("/api/reports/coverage?format=xlsx&theme=ict")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert "dekking" in book.sheetnames
    assert book["dekking"].max_row == 1 + 3  # the sample graph's three provinces


def test_html_index_links_province_pages_served_by_the_api(client):
    index = client.get("/api/reports/coverage?format=html").get_data(as_text=True)
    assert 'class="map"' in index
    assert "coverage?province=PV26&amp;format=html" in index
    page = client.get("/api/reports/coverage?format=html&province=PV26")
    assert page.mimetype == "text/html"
    assert "<h1>Utrecht</h1>" in page.get_data(as_text=True)


def test_unknown_province_theme_or_format_is_a_clear_client_error(client):
    for query, field in (("province=Atlantis", "province"), ("theme=alchemy", "theme"),
                         ("format=pdf", "format"), ("candidates=0", "candidates")):
        response = client.get(f"/api/reports/coverage?{query}")
        assert 400 <= response.status_code < 500, query
        body = response.get_json()
        assert field in json.dumps(body["errors"]), query
