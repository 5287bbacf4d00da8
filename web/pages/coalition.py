"""Coalitie: the draft coalition page and its CSV/XLSX export (formulas neutralised)."""

from __future__ import annotations

import io

from flask import Response, render_template, request

from web import state as app_state
from web.pages import bp
from web.reports.csv_files import csv_text
from web.reports.workbook import write_workbook
from web.services import catalogue, coalition_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_NAME = "coalitie"


@bp.get("/coalitie")
def coalition():
    """The draft coalition (kept by the browser) with checklist, gaps, what-if and export."""
    model = app_state.read_model()
    return render_template(
        "coalition.html", page="coalition", rules=coalition_export.RULES_NL,
        provinces={p.id: p.name for p in catalogue.list_regions(model).provinces},
        themes={t.id: t.label_nl for t in catalogue.list_themes(model)})


@bp.get("/coalitie/export.<any(csv, xlsx):fmt>")
def export(fmt: str):
    """The coalition of the link's parameters: CSV (partners) or XLSX (partners and rules)."""
    tables = coalition_export.coalition_tables(
        app_state.read_model(), request.args.getlist("lid"),
        text=request.args.get("missie", ""), themes=request.args.getlist("thema"),
        province=request.args.get("provincie", ""))
    if fmt == "csv":
        return Response(csv_text(tables[0]), mimetype="text/csv", headers={
            "Content-Disposition": f"attachment; filename={EXPORT_NAME}.csv"})
    buffer = io.BytesIO()
    write_workbook(tables, buffer)
    return Response(buffer.getvalue(), mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename={EXPORT_NAME}.xlsx"})
