"""Provinciekaart: the 12 provinces coloured by a coverage measure; a click shows the figures
and the gemeenten of the province, coloured by the same measure where it applies."""

from __future__ import annotations

from flask import render_template, request, url_for
from markupsafe import Markup

from seed_data.boundaries import load_municipality_boundaries, load_province_boundaries
from web import state as app_state
from web.pages import bp
from web.pages.labels import KINDS_NL, NEEDS_NL
from web.reports.choropleth import choropleth
from web.services import catalogue, coverage, coverage_report
from web.services.coverage import CoverageRow
from web.services.municipality_coverage import MunicipalityCell, municipality_cells
from web.services.read_model import ReadModel

# The measures a user can colour the map by: Dutch name, and whether it is per theme.
MEASURES = {
    "gaten": ("Prioritaire thema's met een ontbrekende soort partner", False),
    "ontbrekend": ("Ontbrekende soorten partners (som over de prioritaire thema's)", False),
    "pps": ("Actieve pps'en op het gekozen thema", True),
    "mkb": ("Bereik van het mkb op het gekozen thema (aandeel)", True),
}
# The CBS establishment counts per gemeente are reconstructed (about ±10 per cell): too rough
# for a share per gemeente, so mkb reach is a province figure only.
PROVINCE_ONLY = frozenset({"mkb"})
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
        needs=NEEDS_NL, province_only=measure in PROVINCE_ONLY,
        figures=_figures(model, chosen) if chosen in names else None,
        gemeenten=_gemeenten(model, chosen, measure, theme) if chosen in names else None)


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


def _gemeenten(model: ReadModel, province: str, measure: str, theme: str) -> dict:
    """The gemeenten of a province: their map and values for the measure, and the figures
    (priority themes and the chosen one) of the gemeente asked for."""
    priorities = tuple(sorted(model.regions.priorities.get(province, ())))
    shown = priorities + ((theme,) if theme not in priorities else ())
    cells = municipality_cells(model, province, shown)
    names = {m.id: m.name for m in model.regions.municipalities if m.id in cells}
    values = {code: _gemeente_value(by_theme, measure, theme, priorities)
              for code, by_theme in cells.items()}
    values = {code: v for code, v in values.items() if v is not None}
    chosen = request.args.get("gemeente", "")
    chosen = chosen if chosen in cells else ""
    shapes = {code: rings for code, rings in load_municipality_boundaries().items()
              if code in cells}

    def link(code: str) -> str:
        return url_for("pages.province_map", maat=measure, thema=theme, provincie=province,
                       gemeente=code, _anchor="gemeente-cijfers")

    caption = MEASURES[measure][0]
    svg: Markup = choropleth(shapes, names, values, caption, link if values else None, chosen,
                             area="gemeente", no_data="geen cijfer")
    labels = {t.id: t.label_nl for t in model.taxonomy.themes}
    return {"map": svg, "caption": caption, "link": link, "chosen": chosen,
            "priorities": priorities,
            "chosen_name": names.get(chosen, ""),
            "rows": sorted(((names[c], c, values.get(c)) for c in cells), key=lambda r: r[:2]),
            "figures": [(labels.get(t, t), t in priorities, cells[chosen][t]) for t in shown]
            if chosen else None}


def _gemeente_value(by_theme: dict[str, MunicipalityCell], measure: str, theme: str,
                    priorities: tuple[str, ...]) -> float | None:
    """A gemeente's value for the measure (None where it applies to provinces only)."""
    if measure in PROVINCE_ONLY:
        return None
    if measure == "pps":
        return by_theme[theme].active_pps
    gaps = [len(by_theme[t].missing) for t in priorities]
    return sum(gaps) if measure == "ontbrekend" else sum(1 for g in gaps if g)
