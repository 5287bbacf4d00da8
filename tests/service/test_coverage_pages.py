"""The HTML coverage report: self-contained pages, all 12 provinces on the map, names escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph_schema.memory_store import MemoryGraphStore
from tests.unit.coverage_graph import load_coverage_graph
from web.reports.choropleth import PALETTE, choropleth, classes
from web.reports.files import write_report
from web.services.coverage_report import ReportRequest, build_report
from web.services.read_model import build_read_model
from web.services.seeding import seed_store

PROVINCES = {f"PV{n}" for n in range(20, 32)}


class Page(HTMLParser):
    """Tags with their attributes, and the text, of a parsed page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture(scope="module")
def seed_pages(tmp_path_factory) -> Path:
    store = MemoryGraphStore()
    seed_store(store, 150, 3)
    out = tmp_path_factory.mktemp("report") / "out"
    write_report(build_report(build_read_model(store), store.url, ReportRequest()), out,
                 ["html"])
    return out / "html"


def test_the_index_maps_and_links_all_12_provinces(seed_pages):
    page = Page((seed_pages / "index.html").read_text(encoding="utf-8"))
    [svg] = [a for a in page.all("svg") if "map" in a.get("class", "")]
    assert svg["role"] == "group"  # its provinces are links: no links inside role="img"
    assert {a["data-province"] for a in page.all("path") if "data-province" in a} == PROVINCES
    links = {a["href"] for a in page.all("a")}
    assert {f"{code}.html" for code in PROVINCES} <= links
    assert sorted(p.name for p in seed_pages.iterdir()) == sorted(
        ["index.html", *(f"{code}.html" for code in PROVINCES)])


def test_pages_are_self_contained_dutch_and_without_scripts(seed_pages):
    for path in seed_pages.iterdir():
        page = Page(path.read_text(encoding="utf-8"))
        assert page.all("html")[0]["lang"] == "nl"
        assert page.all("script") == [] and page.all("link") == [] and page.all("img") == []
        external = [a["href"] for a in page.all("a") if a["href"].startswith(("http:", "https:"))]
        assert external == []


def test_a_province_page_holds_its_themes_map_and_charts(seed_pages):
    page = Page((seed_pages / "PV20.html").read_text(encoding="utf-8"))
    rows = [a["data-theme"] for a in page.all("tr") if "data-theme" in a]
    assert "energy_transition" in rows  # a priority of Groningen
    assert len([a for a in page.all("svg") if "chart" in a.get("class", "")]) == 2
    highlighted = [a for a in page.all("path") if a.get("data-province") == "PV20"]
    assert highlighted[0].get("stroke-width") == "3"


def test_names_from_the_graph_are_escaped(tmp_path):
    store = MemoryGraphStore()
    load_coverage_graph(store)
    doc = build_report(build_read_model(store), store.url, ReportRequest(all_themes=True))
    write_report(doc, tmp_path / "o", ["html"])
    text = (tmp_path / "o" / "html" / "PV20.html").read_text(encoding="utf-8")
    assert "&lt;Energie&gt; Groningen" in text
    assert "<Energie>" not in text


def test_colour_classes_keep_zero_apart_and_whole_numbers_whole():
    assert classes([0, 1, 2]) == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert classes([0, 9]) == [0.0, 3.0, 6.0, 9.0, 12.0]
    assert classes([0.0, 0.5]) == [0.0, 0.125, 0.25, 0.375, 0.5]
    square = {"PV99": (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)),)}
    svg = choropleth(square, {"PV99": "<Test>"}, {"PV99": 0}, "gaten")
    assert PALETTE[0] in svg and "&lt;Test&gt;: 0" in svg
