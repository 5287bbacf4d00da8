"""Coverage per province and theme as the API serves it (computed once per store revision)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph_schema.model import Label
from matcher.coverage import REQUIRED
from web.services.catalogue import check_id, resolve_province

if TYPE_CHECKING:
    from web.services.read_model import ReadModel


def coverage_report(model: ReadModel, *, province: str = "", theme: str = "",
                    priority_only: bool = False) -> dict[str, Any]:
    """Cells of one or all provinces and themes, with names, and the required kinds."""
    province_id = resolve_province(model, province) if province else ""
    if theme:
        check_id(model, Label.THEME, theme, "theme")
    province_names = {p.id: p.name for p in model.regions.provinces}
    theme_labels = {t.id: t.label_nl for t in model.taxonomy.themes}
    cells = [
        {**cell.to_dict(), "province_name": province_names.get(cell.province, ""),
         "theme_label": theme_labels.get(cell.theme, "")}
        for cell in model.coverage
        if (not province_id or cell.province == province_id)
        and (not theme or cell.theme == theme)
        and (cell.priority or not priority_only)]
    return {"required_kinds": {need: sorted(k.value for k in kinds)
                               for need, kinds in REQUIRED.items()},
            "cells": cells}
