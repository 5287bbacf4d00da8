"""Coverage per province and theme as the API serves it (computed once per store revision)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph_schema.model import Label
from matcher.coverage import REQUIRED
from web.services.catalogue import check_id, resolve_province

if TYPE_CHECKING:
    from web.services.read_model import ReadModel


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """A coverage cell with the names of its province and theme."""

    province: str
    province_name: str
    theme: str
    theme_label: str
    priority: bool
    counts: dict[str, int]
    mkb_companies: int
    active_pps: int
    missing_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """The cells asked for, and which kinds fill each required partner type."""

    required_kinds: dict[str, tuple[str, ...]]
    cells: tuple[CoverageRow, ...]


def coverage_report(model: ReadModel, *, province: str = "", theme: str = "",
                    priority_only: bool = False) -> CoverageReport:
    """Cells of one or all provinces and themes, with names, and the required kinds."""
    province_id = resolve_province(model, province) if province else ""
    if theme:
        check_id(model, Label.THEME, theme, "theme")
    province_names = {p.id: p.name for p in model.regions.provinces}
    theme_labels = {t.id: t.label_nl for t in model.taxonomy.themes}
    cells = tuple(
        CoverageRow(cell.province, province_names.get(cell.province, ""), cell.theme,
                    theme_labels.get(cell.theme, ""), cell.priority, cell.counts,
                    cell.mkb_companies, cell.active_pps, cell.missing_kinds)
        for cell in model.coverage
        if (not province_id or cell.province == province_id)
        and (not theme or cell.theme == theme)
        and (cell.priority or not priority_only))
    return CoverageReport({need: tuple(sorted(k.value for k in kinds))
                           for need, kinds in REQUIRED.items()}, cells)
