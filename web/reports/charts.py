"""Horizontal bar charts as inline SVG, drawn at build time (no scripts)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

LABEL_WIDTH = 210
BAR_WIDTH = 330
ROW = 18


def bar_chart(rows: Sequence[tuple[str, float]], caption: str, *, percent: bool = False,
              scale_max: float = 0.0, bands: Sequence[tuple[float, float, str, str]] = (),
              colour: str = "#1f4e79") -> Markup:
    """One bar per (label, value); `bands` are (low, high, label, colour) shaded ranges."""
    top = max([v for _, v in rows] + [scale_max, *[b[1] for b in bands]]) or 1
    height = ROW * len(rows) + 40

    def x(value: float) -> float:
        return LABEL_WIDTH + BAR_WIDTH * value / top

    def fmt(value: float) -> str:
        return f"{value * 100:.2f}".replace(".", ",") + " %" if percent else f"{value:g}"

    parts = []
    for low, high, label, fill in bands:
        parts.append(f'<rect x="{x(low):.1f}" y="0" width="{x(high) - x(low):.1f}" '
                     f'height="{height - 22}" fill="{fill}" opacity="0.35">'
                     f"<title>{escape(label)}</title></rect>"
                     f'<text x="{x(low) + 2:.1f}" y="{height - 8}" class="band">'
                     f"{escape(label)}</text>")
    for i, (label, value) in enumerate(rows):
        y = 4 + i * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 12}" text-anchor="end">'
                     f"{escape(label)}</text>"
                     f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(x(value) - LABEL_WIDTH, 0):.1f}"'
                     f' height="{ROW - 4}" fill="{colour}"><title>{escape(label)}: '
                     f"{escape(fmt(value))}</title></rect>"
                     f'<text x="{x(value) + 4:.1f}" y="{y + 12}">{escape(fmt(value))}</text>')
    width = LABEL_WIDTH + BAR_WIDTH + 70
    svg = (f'<svg class="chart" role="img" aria-label="{escape(caption)}" '
           f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}">{"".join(parts)}</svg>')
    # Safe markup: every text in it went through escape() (see SECURITY.md).
    return Markup(svg)  # nosec B704
