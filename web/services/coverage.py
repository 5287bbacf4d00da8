"""Coverage per province and theme as the API serves it (computed once per store revision)."""

from __future__ import annotations

from typing import Any

from graph_schema.model import Label
from graph_schema.store import GraphStore
from matcher.coverage import REQUIRED, CoverageCell, coverage, coverage_model
from web.services.catalogue import cached, check_id, regions, resolve_province, taxonomy


def _all_cells(store: GraphStore) -> tuple[CoverageCell, ...]:
    return coverage(coverage_model(store.snapshot()))


def coverage_report(store: GraphStore, *, province: str = "", theme: str = "",
                    priority_only: bool = False) -> dict[str, Any]:
    """Cells of one or all provinces and themes, with names, and the required kinds."""
    province_id = resolve_province(store, province) if province else ""
    if theme:
        check_id(store, Label.THEME, theme, "theme")
    province_names = {p.id: p.name for p in regions(store).provinces}
    theme_labels = {t.id: t.label_nl for t in taxonomy(store).themes}
    cells = [
        {**cell.to_dict(), "province_name": province_names.get(cell.province, ""),
         "theme_label": theme_labels.get(cell.theme, "")}
        for cell in cached(store, "coverage", _all_cells)
        if (not province_id or cell.province == province_id)
        and (not theme or cell.theme == theme)
        and (cell.priority or not priority_only)]
    return {"required_kinds": {need: sorted(k.value for k in kinds)
                               for need, kinds in REQUIRED.items()},
            "cells": cells}
