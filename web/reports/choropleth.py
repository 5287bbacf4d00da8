"""A choropleth of the 12 provinces (or of the gemeenten of one) as inline SVG, drawn at build
time (no scripts, no tiles)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup, escape

from seed_data.boundaries import Ring

# Sequential palette, light to dark (ColorBrewer YlOrRd, 5 classes); grey: not in the report.
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA = "#d9d9d9"
WIDTH = 420
LEGEND_HEIGHT = 26 * (len(PALETTE) + 1)


def _projector(shapes: Mapping[str, Sequence[Ring]]) -> tuple[Callable[[float, float], str], int]:
    """lon/lat -> 'x,y' in the SVG (equirectangular, scaled by cos of the mean latitude)."""
    points = [p for rings in shapes.values() for ring in rings for p in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    x_scale = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = (WIDTH - 10) / ((max(lons) - min(lons)) * x_scale)
    height = int((max(lats) - min(lats)) * scale) + 10
    west, north = min(lons), max(lats)

    def project(lon: float, lat: float) -> str:
        return f"{5 + (lon - west) * x_scale * scale:.1f},{5 + (north - lat) * scale:.1f}"

    return project, height


def classes(values: Sequence[float]) -> list[float]:
    """Upper bounds of the colour classes: 0 alone, then equal intervals up to the largest value.

    Whole-number values get whole-number bounds.
    """
    top = max(values, default=0) or 1
    steps = len(PALETTE) - 1
    if all(float(v).is_integer() for v in values):
        step = math.ceil(top / steps)
        return [0.0] + [float(step * k) for k in range(1, steps + 1)]
    return [0.0] + [top * k / steps for k in range(1, steps + 1)]


def _colour(value: float | None, bounds: Sequence[float]) -> str:
    if value is None:
        return NO_DATA
    for colour, bound in zip(PALETTE, bounds, strict=True):
        if value <= bound:
            return colour
    return PALETTE[-1]


def _label(low: float, high: float, whole: bool) -> str:
    """'0', '3', '4 – 6' or '> 0,5 – 1' for the class (low, high]."""
    if high == 0:
        return "0"
    if whole:
        first = int(low) + 1
        return str(int(high)) if first == int(high) else f"{first} – {int(high)}"
    return f"> {low:g} – {high:g}".replace(".", ",")


def _legend(bounds: Sequence[float], top: int, caption: str, whole: bool, no_data: str) -> str:
    parts = [f'<text x="10" y="{top + 14}" class="legend-title">{escape(caption)}</text>']
    low = 0.0
    for i, (colour, bound) in enumerate(zip(PALETTE, bounds, strict=True)):
        y = top + 22 + i * 22
        parts.append(f'<rect x="10" y="{y}" width="18" height="16" fill="{colour}" '
                     f'stroke="#555"/><text x="34" y="{y + 13}">'
                     f"{escape(_label(low, bound, whole))}</text>")
        low = bound
    y = top + 22 + len(PALETTE) * 22
    parts.append(f'<rect x="10" y="{y}" width="18" height="16" fill="{NO_DATA}" stroke="#555"/>'
                 f'<text x="34" y="{y + 13}">{escape(no_data)}</text>')
    return "".join(parts)


def choropleth(shapes: Mapping[str, Sequence[Ring]], names: Mapping[str, str],
               values: Mapping[str, float], caption: str,
               link: Callable[[str], str] | None = None, highlight: str = "",
               area: str = "province", no_data: str = "niet in dit rapport") -> Markup:
    """The areas coloured by value (grey, `no_data`, when absent), each titled and optionally
    linked; each path carries its code as data-<area> (province or gemeente)."""
    project, height = _projector(shapes)
    bounds = classes(list(values.values()))
    whole = all(float(v).is_integer() for v in values.values())
    paths = []
    for code, rings in shapes.items():
        d = " ".join("M" + " L".join(project(x, y) for x, y in ring) + " Z" for ring in rings)
        value = values.get(code)
        name = names.get(code, code)
        tip = f"{name}: {value:g}" if value is not None else f"{name}: {no_data}"
        stroke = ' stroke-width="3" stroke="#000"' if code == highlight else ""
        path = (f'<path id="map-{escape(code)}" data-{area}="{escape(code)}" d="{d}" '
                f'fill="{_colour(value, bounds)}" fill-rule="evenodd"{stroke}>'
                f"<title>{escape(tip)}</title></path>")
        if link is not None and value is not None:
            path = f'<a href="{escape(link(code))}">{path}</a>'
        paths.append(path)
    total = height + LEGEND_HEIGHT
    # With links it is a group of controls: inside role="img" they would be hidden from
    # assistive technology (axe: nested-interactive).
    role = "img" if link is None else "group"
    # Safe markup: every text in it went through escape() (see SECURITY.md).
    return Markup(  # nosec B704
        f'<svg class="map" role="{role}" aria-label="{escape(caption)}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total}" '
        f'width="{WIDTH}" height="{total}"><g class="areas" stroke="#555" '
        f'stroke-width="0.8">{"".join(paths)}</g>'
        f'{_legend(bounds, height, caption, whole, no_data)}</svg>')
