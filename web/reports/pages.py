"""The HTML report: an index with the national summary and map, and one page per province.

Every page is self-contained (inline CSS and SVG, no scripts, no CDN) and in Dutch; names from
the graph are escaped by Jinja's autoescape.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph_schema.model import OrgKind
from seed_data.boundaries import load_province_boundaries
from web.reports.charts import bar_chart
from web.reports.choropleth import choropleth
from web.reports.tables import KIND_NL

TEMPLATES = Path(__file__).parent / "templates"
INDEX_NAME = "index.html"
NEED_NL = {"hbo": "hogeschool (hbo)", "mbo": "mbo-instelling", "company": "bedrijf of werkveld",
           "government": "regionale overheid of board"}
Link = Callable[[str], str]


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES),
                      autoescape=select_autoescape(["html"], default=True))
    env.globals.update(
        kinds=[k.value for k in OrgKind], kind_nl=KIND_NL, need_nl=NEED_NL,
        need_names=lambda needs: ", ".join(NEED_NL[n] for n in needs),
        pct=lambda share: f"{share * 100:.2f}".replace(".", ",") + " %")
    return env


def _gap_map(doc: dict[str, Any], link: Link | None, highlight: str = "") -> Any:
    """The 12 provinces coloured by their number of themes with a gap."""
    shapes = load_province_boundaries()
    names = {p["code"]: p["name"] for p in doc["provinces"]}
    values = {p["code"]: p["themes_with_gaps"] for p in doc["provinces"]}
    return choropleth(shapes, names, values, "Thema's met een gat", link, highlight)


def render_index(doc: dict[str, Any], link: Link, index_link: str = INDEX_NAME) -> str:
    """The index page: map, ranking and the national summary."""
    ranked = doc["summary"]["provinces_by_gaps"]
    chart = bar_chart([(p["name"], p["themes_with_gaps"]) for p in ranked],
                      "Thema's met gaten per provincie", colour="#bd0026")
    all_themes = any(not t["priority"] for p in doc["provinces"] for t in p["themes"])
    return _environment().get_template("index.html").render(
        doc=doc, map=_gap_map(doc, link), chart=chart, link=link, index_link=index_link,
        all_themes=all_themes)


def render_province(doc: dict[str, Any], code: str, link: Link,
                    index_link: str = INDEX_NAME) -> str:
    """One province's page: its figures, its themes' gaps with candidates, reach and overlap."""
    [prov] = [p for p in doc["provinces"] if p["code"] == code]
    themes = prov["themes"]
    targets = doc["targets"]
    reach = bar_chart(
        [(t["label"], t["mkb_reach"] or 0.0) for t in themes], "Mkb-bereik per thema",
        percent=True, bands=[(*targets["reach_today"], "nu 4-6 %", "#fecc5c"),
                             (*targets["reach_ambition"], "ambitie 15-25 %", "#a1d99b")])
    pps = bar_chart([(t["label"], t["pps"]) for t in themes], "Actieve pps'en per thema")
    return _environment().get_template("province.html").render(
        doc=doc, prov=prov, map=_gap_map(doc, link, code), reach_chart=reach, pps_chart=pps,
        link=link, index_link=index_link)


def page_name(code: str) -> str:
    """The file name of a province's page."""
    return f"{code}.html"


def write_pages(doc: dict[str, Any], folder: Path) -> list[Path]:
    """Write index.html and one page per province into `folder`."""
    paths = [folder / INDEX_NAME]
    paths[0].write_text(render_index(doc, page_name), encoding="utf-8")
    for prov in doc["provinces"]:
        path = folder / page_name(prov["code"])
        path.write_text(render_province(doc, prov["code"], page_name), encoding="utf-8")
        paths.append(path)
    return paths
