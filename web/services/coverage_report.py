"""The coverage-gap report use case: one JSON-ready document, the source of every format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import matcher
from graph_schema.model import Label, OrgKind
from matcher.coverage import CoverageCell
from seed_data.establishments import Establishments, load_establishments
from web.services.catalogue import check_id, resolve_province
from web.services.read_model import ReadModel

# mkb reach of pps'en today and Katapult's ambition (DESIGN section 1), as shares.
REACH_TODAY = (0.04, 0.06)
REACH_AMBITION = (0.15, 0.25)
CANDIDATES_PER_GAP = 3

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Which provinces and themes to report (ids; empty: all provinces, priority themes)."""

    provinces: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    all_themes: bool = False
    candidates: int = CANDIDATES_PER_GAP


def report_request(model: ReadModel, provinces: Sequence[str] = (),
                   themes: Sequence[str] = (), all_themes: bool = False,
                   candidates: int = CANDIDATES_PER_GAP, field_prefix: str = "") -> ReportRequest:
    """A request with province names resolved to PVxx and theme ids checked.

    Raises UnknownReference naming the field (`field_prefix` + province / theme).
    """
    codes = [resolve_province(model, p, f"{field_prefix}province") for p in provinces]
    for theme in themes:
        check_id(model, Label.THEME, theme, f"{field_prefix}theme")
    return ReportRequest(tuple(dict.fromkeys(codes)), tuple(dict.fromkeys(themes)),
                         all_themes, max(candidates, 1))


def _public_url(url: str) -> str:
    """The store URL without any user or password."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    # Built by hand: urlunsplit drops the '//' of an empty host ('memory://' -> 'memory:').
    return f"{parts.scheme}://{host}{parts.path}"


def _candidates(index: matcher.MatchIndex, cell: CoverageCell, k: int
                ) -> dict[str, list[dict[str, Any]]]:
    """The matcher's best candidates for each missing kind of a cell, with reasons."""
    if not cell.missing_kinds:
        return {}
    mission = matcher.Mission(themes=(cell.theme,), province=cell.province, k=k)
    found = matcher.gap_candidates(index, mission, [OrgKind(kind) for kind in cell.missing_kinds])
    return {kind: [{"id": c.id, "name": c.name, "kind": c.kind, "score": c.score,
                    "synthetic": c.synthetic, "reasons": [r.text for r in c.reasons]}
                   for c in found[kind]]
            for kind in cell.missing_kinds}


def _reach(cell: CoverageCell, sbi: Sequence[str], est: Establishments) -> dict[str, Any]:
    """mkb in pps'en against the province's establishments in the theme's sector groups."""
    groups = est.groups_of(sbi)
    base = est.count(cell.province, groups) if groups else est.totals.get(cell.province, 0)
    return {"mkb_in_pps": cell.mkb_in_pps, "establishments": base,
            "sector_groups": list(groups),
            "mkb_reach": round(cell.mkb_in_pps / base, 6) if base else None}


def _theme_entry(cell: CoverageCell, label: str, sbi: Sequence[str], est: Establishments,
                 candidates: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One province x theme of the report."""
    return {"theme": cell.theme, "label": label, "priority": cell.priority,
            "counts": dict(cell.counts), "regional_support": cell.regional_support,
            "mkb_companies": cell.mkb_companies, "pps": cell.active_pps,
            "pps_real": cell.pps_real, "pps_synthetic": cell.pps_synthetic,
            "missing_kinds": list(cell.missing_kinds), **_reach(cell, sbi, est),
            "overlap": list(cell.overlap), "candidates": candidates}


def _selected(request: ReportRequest, cells: Sequence[CoverageCell]) -> list[CoverageCell]:
    """The cells asked for: given themes, all themes, or each province's priorities."""
    return [c for c in cells if (not request.provinces or c.province in request.provinces) and (
        c.theme in request.themes if request.themes
        else request.all_themes or c.priority)]


def _summary(provinces: list[dict[str, Any]], cells: Sequence[CoverageCell],
             labels: dict[str, str]) -> dict[str, Any]:
    """Provinces ranked by gaps, themes without any pps, priorities without a pps."""
    ranked = sorted(provinces, key=lambda p: (-p["themes_with_gaps"], -p["missing_total"],
                                              p["code"]))
    reported = {t["theme"] for p in provinces for t in p["themes"]}
    covered = {c.theme for c in cells if c.active_pps}
    return {
        "provinces_by_gaps": [
            {k: p[k] for k in ("code", "name", "themes_with_gaps", "missing_total",
                               "priorities_without_pps")} for p in ranked],
        "themes_without_coverage": [{"theme": t, "label": labels[t]}
                                    for t in sorted(reported - covered)],
        "priorities_without_pps": [
            {"province": p["code"], "province_name": p["name"], "theme": t["theme"],
             "label": t["label"]}
            for p in provinces for t in p["themes"] if t["priority"] and not t["pps"]],
    }


def build_report(model: ReadModel, store_url: str, request: ReportRequest,
                 progress: Progress | None = None) -> dict[str, Any]:
    """The report document: per province x theme counts, gaps, candidates, reach, overlap.

    Everything comes from one read model (one store revision); `store_url` is only named.
    """
    chosen = _selected(request, model.coverage)
    themes = {t.id: t for t in model.taxonomy.themes}
    labels = {t: theme.label_nl or t for t, theme in themes.items()}
    est = load_establishments()
    entries: dict[str, list[dict[str, Any]]] = {}
    for done, cell in enumerate(chosen, start=1):
        found = _candidates(model.index, cell, request.candidates)
        entries.setdefault(cell.province, []).append(_theme_entry(
            cell, labels[cell.theme], themes[cell.theme].sbi_sections, est, found))
        if progress is not None:
            progress(done, len(chosen))
    provinces = []
    for prov in sorted(model.regions.provinces, key=lambda p: p.id):
        if request.provinces and prov.id not in request.provinces:
            continue
        themes = entries.get(prov.id, [])
        provinces.append({
            "code": prov.id, "name": prov.name, "themes": themes,
            "themes_with_gaps": sum(1 for t in themes if t["missing_kinds"]),
            "missing_total": sum(len(t["missing_kinds"]) for t in themes),
            "priorities_without_pps": sum(1 for t in themes if t["priority"] and not t["pps"]),
        })
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": _public_url(store_url), "revision": model.revision,
        "targets": {"reach_today": list(REACH_TODAY), "reach_ambition": list(REACH_AMBITION)},
        "provinces": provinces,
        "summary": _summary(provinces, model.coverage, labels),
    }
