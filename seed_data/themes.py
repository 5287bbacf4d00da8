"""The theme taxonomy: Theme nodes, BROADER links, label/synonym lookup and keyword matching."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.model import Relationship, RelType, Theme, make_relationship
from seed_data.bundle import Bundle, BundleError, ProblemCollector
from seed_data.csvio import Row, parse_rows, reference_table

THEMES_FILE = "themes/themes.csv"
KEYWORDS_FILE = "themes/keyword_themes.csv"
THEME_ID = re.compile(r"[a-z][a-z0-9_]*")
SBI_TOKEN = re.compile(r"[A-U]|\d{2}")
MIN_AFFIX = 4  # shorter keywords only match whole words ("ai", "ict"), longer ones compounds


def normalise(text: str) -> str:
    """Lower-case, strip accents, and turn punctuation (also '&') into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@dataclass(frozen=True)
class Taxonomy:
    """Themes with their hierarchy and the lookups built from labels, synonyms and keywords."""

    themes: tuple[Theme, ...]
    broader: dict[str, str]
    sbi_tokens: dict[str, tuple[str, ...]]
    names: dict[str, str] = field(repr=False)
    keywords: dict[str, frozenset[str]] = field(repr=False)
    by_id: dict[str, Theme] = field(repr=False)

    def ids(self) -> tuple[str, ...]:
        """All theme ids in file order."""
        return tuple(t.id for t in self.themes)

    def get(self, theme_id: str) -> Theme:
        """The theme with an id (KeyError when unknown)."""
        return self.by_id[theme_id]

    def top_level(self) -> tuple[str, ...]:
        """The cluster themes (no broader theme)."""
        return tuple(t.id for t in self.themes if t.id not in self.broader)

    def narrower(self, theme_id: str) -> tuple[str, ...]:
        """The direct children of a theme."""
        return tuple(t for t, b in self.broader.items() if b == theme_id)

    def cluster_of(self, theme_id: str) -> str:
        """The top-level theme above a theme (itself when top-level)."""
        while theme_id in self.broader:
            theme_id = self.broader[theme_id]
        return theme_id

    def resolve(self, text: str) -> str | None:
        """The theme id for an id, label or synonym (case and accents ignored), else None."""
        return self.names.get(normalise(text))

    def match_text(self, text: str) -> Counter[str]:
        """Themes whose keywords occur in a text, counted once per occurrence.

        Dutch compounds are handled: a keyword of 4+ letters also matches as the start or end
        of a word ("energietransitie" contains "energie"). A match inside a longer match is
        dropped, so "waterstof" counts as hydrogen, not as water.
        """
        spans = _keyword_spans(normalise(text), self.keywords)
        kept = [s for s in spans if not any(_inside(s, o) for o in spans if o is not s)]
        found: Counter[str] = Counter()
        for _start, _end, key in kept:
            found.update(self.keywords[key])
        return found

    def resolve_many(self, text: str) -> tuple[str, ...]:
        """Theme ids named in a free text: exact names first, then the parts, then keywords."""
        exact = self.resolve(text)
        if exact:
            return (exact,)
        parts = [p for p in re.split(r"[/;,|]| en | and ", text) if p.strip()]
        ids = [self.resolve(p) for p in parts]
        if len(parts) > 1 and all(ids):
            return tuple(dict.fromkeys(i for i in ids if i))
        counts = self.match_text(text)
        return tuple(sorted(counts, key=lambda t: (-counts[t], t)))

    def bundle(self) -> Bundle:
        """Theme nodes and their BROADER relationships (narrower -> broader)."""
        rels = tuple(make_relationship(RelType.BROADER, child, parent)
                     for child, parent in self.broader.items())
        return Bundle(nodes=self.themes, relationships=rels)


def _keyword_spans(text: str, keywords: dict[str, frozenset[str]]) -> list[tuple[int, int, str]]:
    """(start, end, keyword) for every keyword occurrence in a normalised text."""
    spans: list[tuple[int, int, str]] = []
    padded = f" {text} "
    for key in (k for k in keywords if " " in k and f" {k} " in padded):
        for m in re.finditer(re.escape(f" {key} "), padded):
            spans.append((m.start(), m.end() - 2, key))
    for m in re.finditer(r"\S+", text):
        word, start = m.group(), m.start()
        for cut in range(1, len(word) + 1):
            head, tail = word[:cut], word[len(word) - cut:]
            if head in keywords and (cut == len(word) or cut >= MIN_AFFIX):
                spans.append((start, start + cut, head))
            if cut < len(word) and cut >= MIN_AFFIX and tail in keywords:
                spans.append((start + len(word) - cut, start + len(word), tail))
    return spans


def _inside(inner: tuple[int, int, str], outer: tuple[int, int, str]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and (outer[1] - outer[0]) > (
        inner[1] - inner[0])


def load_taxonomy(data_dir: Path | None = None) -> Taxonomy:
    """Read themes.csv and keyword_themes.csv and check them (ids, hierarchy, unique names)."""
    rows = reference_table(data_dir, THEMES_FILE,
                           ("id", "label_nl", "label_en", "broader", "sbi", "synonyms"))
    parsed = parse_rows(rows, _parse_theme)
    problems = ProblemCollector()
    ids = {theme.id for theme, _b, _s, _r in parsed}
    broader: dict[str, str] = {}
    names: dict[str, str] = {}
    for theme, parent, _sbi, row in parsed:
        if parent and parent not in ids:
            problems.add("is not a theme id of this file", row.file, row.line, "broader", parent)
        elif parent:
            broader[theme.id] = parent
        _add_names(names, theme, row, problems)
    _check_cycles(broader, problems, rows)
    problems.raise_if_any()
    keywords = _keywords(names, data_dir, ids)
    sbi = {theme.id: tokens for theme, _p, tokens, _r in parsed}
    themes = tuple(theme for theme, _p, _s, _r in parsed)
    return Taxonomy(themes, broader, sbi, names, keywords, {t.id: t for t in themes})


def _parse_theme(row: Row) -> tuple[Theme, str, tuple[str, ...], Row]:
    theme_id = row.match("id", THEME_ID, "a lower-case id (letters, digits, _)")
    tokens = row.split("sbi")
    for token in tokens:
        if not SBI_TOKEN.fullmatch(token):
            raise row.error("sbi", token, "is not an SBI section letter or 2-digit division")
    sections = tuple(sorted({t if t.isalpha() else section_of(int(t)) for t in tokens}))
    theme = Theme(id=theme_id, label_nl=row.require("label_nl"), label_en=row.require("label_en"),
                  synonyms=row.split("synonyms"), sbi_sections=sections)
    return theme, row.get("broader"), tokens, row


# SBI 2008 divisions per section (sbi2008_secties.csv, column afdelingen)
_SECTION_RANGES = (("A", 1, 3), ("B", 6, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39),
                   ("F", 41, 43), ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63),
                   ("K", 64, 66), ("L", 68, 68), ("M", 69, 75), ("N", 77, 82), ("O", 84, 84),
                   ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93), ("S", 94, 96), ("T", 97, 98),
                   ("U", 99, 99))


def section_of(division: int) -> str:
    """The SBI section letter of a 2-digit division."""
    for letter, low, high in _SECTION_RANGES:
        if low <= division <= high:
            return letter
    raise ValueError(f"no SBI section for division {division:02d}")


def _add_names(names: dict[str, str], theme: Theme, row: Row, problems: ProblemCollector) -> None:
    """Register id, labels and synonyms; one name may point at one theme only."""
    fields = [("id", theme.id), ("label_nl", theme.label_nl), ("label_en", theme.label_en)]
    fields += [("synonyms", s) for s in theme.synonyms]
    for field_name, name in fields:
        key = normalise(name)
        other = names.setdefault(key, theme.id)
        if other != theme.id:
            problems.add(f"is already a name of theme '{other}'", row.file, row.line,
                         field_name, name)


def _check_cycles(broader: dict[str, str], problems: ProblemCollector, rows: list[Row]) -> None:
    for start in broader:
        seen, node = {start}, start
        while node in broader:
            node = broader[node]
            if node in seen:
                line = next((r.line for r in rows if r.get("id") == start), None)
                problems.add("broader links form a cycle", THEMES_FILE, line, "broader", start)
                break
            seen.add(node)


def _keywords(names: dict[str, str], data_dir: Path | None,
              ids: set[str]) -> dict[str, frozenset[str]]:
    """Keyword -> themes: every name, plus the extra stems of keyword_themes.csv."""
    table: dict[str, set[str]] = {key: {theme} for key, theme in names.items()}
    rows = reference_table(data_dir, KEYWORDS_FILE, ("keyword", "theme"))

    def parse(row: Row) -> tuple[str, str]:
        theme = row.require("theme")
        if theme not in ids:
            raise row.error("theme", theme, "is not a theme id of themes.csv")
        return normalise(row.require("keyword")), theme

    for key, theme in parse_rows(rows, parse):
        table.setdefault(key, set()).add(theme)
    return {key: frozenset(themes) for key, themes in table.items()}


def weights_from_counts(counts: Counter[str], floor: float = 0.1,
                        sqrt: bool = False) -> dict[str, float]:
    """Scale counts to weights in [floor, 1] relative to the largest count (2 decimals).

    With `sqrt`, shares are square-rooted so that a broad school's smaller fields still
    carry a visible weight (a tenth of the top count gives about 0.32).
    """
    if not counts:
        return {}
    top = max(counts.values())
    scale = (lambda x: x ** 0.5) if sqrt else (lambda x: x)
    return {t: round(max(floor, scale(c / top)), 2) for t, c in counts.items() if c > 0}


def merge_weights(*parts: dict[str, float]) -> dict[str, float]:
    """Combine weight maps, keeping the highest weight per theme."""
    out: dict[str, float] = {}
    for part in parts:
        for theme, weight in part.items():
            out[theme] = max(weight, out.get(theme, 0.0))
    return out


def works_on(org_id: str, weights: dict[str, float]) -> list[Relationship]:
    """WORKS_ON relationships for an organisation, sorted by theme id."""
    return [make_relationship(RelType.WORKS_ON, org_id, t, weight=w)
            for t, w in sorted(weights.items())]


def themes_error(file: str, line: int, field: str, value: str) -> BundleError:
    """The error for a theme name that the taxonomy does not know."""
    return BundleError.at(file, line, field, value, "is not a theme id, label or synonym")


def iter_theme_names(taxonomy: Taxonomy) -> Iterable[tuple[str, str]]:
    """(normalised name, theme id) pairs, for documentation and tests."""
    return sorted(taxonomy.names.items())
