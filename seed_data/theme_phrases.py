"""The labelled mission phrases that measure theme extraction (themes/theme_phrases.csv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seed_data.csvio import DEFAULT_DATA_DIR, Row, parse_rows, read_table
from seed_data.themes import Taxonomy

PHRASES_FILE = "themes/theme_phrases.csv"
SPLITS = ("dev", "holdout")
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class ThemePhrase:
    """A real mission phrase with the themes it must yield and those it may yield."""

    phrase: str
    language: str
    themes: tuple[str, ...]
    also_ok: tuple[str, ...]
    split: str
    source: str


def load_theme_phrases(taxonomy: Taxonomy, path: Path | None = None) -> tuple[ThemePhrase, ...]:
    """Read and check the phrase file (default: the one in the reference folder)."""
    file = path if path is not None else DEFAULT_DATA_DIR / PHRASES_FILE
    name = PHRASES_FILE if path is None else file.name
    rows = read_table(file, name, ("phrase", "language", "themes", "also_ok", "split", "source"))

    def ids(row: Row, field: str, required: bool) -> tuple[str, ...]:
        out = row.split(field)
        if required and not out:
            raise row.error(field, row.get(field), "must name at least one theme id")
        for theme in out:
            if theme not in taxonomy.by_id:
                raise row.error(field, theme, "is not a theme id")
        return out

    def parse(row: Row) -> ThemePhrase:
        return ThemePhrase(row.require("phrase"), row.one_of("language", LANGUAGES),
                           ids(row, "themes", True), ids(row, "also_ok", False),
                           row.one_of("split", SPLITS), row.require("source"))

    return tuple(parse_rows(rows, parse))
