"""Provinciekaart: the 12 provinces coloured by a coverage measure; a click shows the figures."""

from __future__ import annotations

from flask import render_template, request, url_for

from seed_data.boundaries import load_province_boundaries
from web import state as app_state
from web.pages import bp
from web.pages.labels import KINDS_NL
from web.reports.choropleth import choropleth
from web.services import catalogue, coverage, coverage_report
from web.services.coverage import CoverageRow
from web.services.read_model import ReadModel

# The measures a user can colour the map by: Dutch name, and whether it is per theme.
MEASURES = {
    "gaten": ("Prioritaire thema's met een ontbrekende soort partner", False),
    "ontbrekend": ("Ontbrekende soorten partners (som over de prioritaire thema's)", False),
    "pps": ("Actieve pps'en op het gekozen thema", True),
    "mkb": ("Bereik van het mkb op het gekozen thema (aandeel)", True),
}
DEFAULT_THEME = "energy_transition"


@bp.get("/provinciekaart")
def province_map():
    """The choropleth for the chosen measure (and theme), and the figures of a chosen province."""
    model = app_state.read_model()
    measure = request.args.get("maat", "gaten")
    measure = measure if measure in MEASURES else "gaten"
    themes = {t.id: t.label_nl for t in catalogue.list_themes(model)}
    theme = request.args.get("thema", DEFAULT_THEME)
    theme = theme if theme in themes else DEFAULT_THEME
    caption, per_theme = MEASURES[measure]
    names = {p.id: p.name for p in catalogue.list_regions(model).provinces}
    values = _values(model, measure, theme)
    chosen = request.args.get("provincie", "")

    def link(code: str) -> str:
        return url_for("pages.province_map", maat=measure, thema=theme, provincie=code,
                       _anchor="cijfers")

    return render_template(
        "province_map.html", page="province-map", measures=MEASURES, measure=measure,
        themes=themes, theme=theme, per_theme=per_theme, caption=caption,
        map=choropleth(load_province_boundaries(), names, values, caption, link, chosen),
        rows=[(code, name, values.get(code)) for code, name in names.items()],
        link=link, chosen=chosen, chosen_name=names.get(chosen, ""), kinds=KINDS_NL,
        figures=_figures(model, chosen) if chosen in names else None)


def _values(model: ReadModel, measure: str, theme: str) -> dict[str, float]:
    """PVxx -> the measure; provinces without a figure are left out (grey on the map)."""
    if measure == "mkb":  # the reach needs the report's establishments per sector group
        doc = coverage_report.build_report(model, "", coverage_report.report_request(
            model, themes=[theme], candidates=1))
        return {p["code"]: p["themes"][0]["mkb_reach"] for p in doc["provinces"]
                if p["themes"] and p["themes"][0]["mkb_reach"] is not None}
    if measure == "pps":
        cells = coverage.coverage_report(model, theme=theme).cells
        return {c.province: c.active_pps for c in cells}
    found: dict[str, float] = {}
    for cell in coverage.coverage_report(model, priority_only=True).cells:
        gap = len(cell.missing_kinds) if measure == "ontbrekend" else int(bool(cell.missing_kinds))
        found[cell.province] = found.get(cell.province, 0) + gap
    return found


def _figures(model: ReadModel, code: str) -> list[CoverageRow]:
    """Every theme of one province, priority themes first, then those with a gap."""
    cells = coverage.coverage_report(model, province=code).cells
    return sorted(cells, key=lambda c: (not c.priority, not c.missing_kinds, c.theme_label))
