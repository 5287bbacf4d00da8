"""/api/reports/coverage: the coverage-gap report as JSON, CSV, XLSX or HTML."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from urllib.parse import urlencode

from flask import Response
from marshmallow import Schema, fields, validate

from web import state
from web.api import access
from web.api.parsing import Blueprint
from web.api.schemas import text_field
from web.reports.csv_files import csv_text
from web.reports.pages import render_index, render_province
from web.reports.tables import report_tables
from web.reports.workbook import write_workbook
from web.security import SELF_CONTAINED_CSP
from web.services.coverage_report import CANDIDATES_PER_GAP, build_report, report_request

bp = Blueprint("reports", __name__, url_prefix="/api/reports",
               description="Batch coverage-gap reports, as `ppsmatch report coverage` writes them.")
bp.before_request(access.check_read_access)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CANDIDATES = 10
CONTENT = {
    "application/json": {"schema": {
        "type": "object",
        "description": "the report document; JSON Schema in web/reports/coverage.schema.json"}},
    "text/csv": {"schema": {"type": "string",
                            "description": "the table 'dekking': one row per province x theme"}},
    XLSX: {"schema": {"type": "string", "format": "binary",
                      "description": "one sheet per table"}},
    "text/html": {"schema": {"type": "string", "description": "a self-contained page"}},
}


class CoverageReportArgsSchema(Schema):
    """Which provinces and themes, which format."""

    province = fields.List(text_field(100), load_default=list, metadata={
        "description": "province name or PVxx code; repeat for several (default all 12)"})
    theme = fields.List(text_field(200), load_default=list, metadata={
        "description": "theme id; repeat for several (default each province's priorities)"})
    all_themes = fields.Boolean(load_default=False,
                                metadata={"description": "every theme of the taxonomy"})
    candidates = fields.Integer(load_default=CANDIDATES_PER_GAP,
                                validate=validate.Range(1, MAX_CANDIDATES),
                                metadata={"description": "candidates per missing kind"})
    format = fields.String(load_default="json",
                           validate=validate.OneOf(["json", "csv", "xlsx", "html"]),
                           metadata={"description": "html: the page of the one province "
                                                    "asked for, else the index"})


def _page_link(args: dict) -> Callable[[str], str]:
    """Links between HTML pages as API URLs with the same themes and candidates."""
    def link(code: str) -> str:
        query = {"province": code, "format": "html", "candidates": args["candidates"],
                 "all_themes": str(args["all_themes"]).lower()}
        return "coverage?" + urlencode(query) + "".join(
            "&" + urlencode({"theme": t}) for t in args["theme"])
    return link


@bp.route("/coverage", methods=["GET"])
@bp.arguments(CoverageReportArgsSchema, location="query")
@bp.doc(responses={"200": {"description": "the coverage-gap report", "content": CONTENT}})
def coverage(args):
    """Per province x theme: partners per kind, pps'en, gaps with candidates, mkb reach, overlap.

    Computed from the current graph; the same document as `ppsmatch report coverage`.
    """
    model = state.read_model()
    request = report_request(model, args["province"], args["theme"], args["all_themes"],
                             args["candidates"])
    doc = build_report(model, state.current_store().url, request)
    fmt = args["format"]
    if fmt == "json":
        return Response(json.dumps(doc, ensure_ascii=False), mimetype="application/json")
    if fmt == "csv":
        [table] = [t for t in report_tables(doc) if t.name == "dekking"]
        return Response(csv_text(table), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=dekking.csv"})
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_workbook(report_tables(doc), buffer)
        return Response(buffer.getvalue(), mimetype=XLSX,
                        headers={"Content-Disposition": "attachment; filename=coverage.xlsx"})
    link = _page_link(args)
    index = "coverage?format=html"
    if len(request.provinces) == 1:
        page = render_province(doc, request.provinces[0], link, index)
    else:
        page = render_index(doc, link, index)
    return Response(page, mimetype="text/html",
                    headers={"Content-Security-Policy": SELF_CONTAINED_CSP})
