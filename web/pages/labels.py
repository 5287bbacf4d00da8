"""Dutch labels the pages show for graph labels, organisation kinds and matching signals."""

from __future__ import annotations

LABELS_NL = {
    "Organisation": "Organisaties", "Pps": "Pps'en", "Theme": "Thema's",
    "Province": "Provincies", "Municipality": "Gemeenten",
}
# Plural, as headings and counts; the keys are the OrgKind values.
KINDS_NL = {
    "mbo": "mbo-instellingen", "hbo": "hogescholen", "wo": "universiteiten",
    "company": "bedrijven", "government": "overheden", "board": "economic boards",
    "knowledge_institute": "kennisinstellingen", "other": "overige",
}
# The kinds a mission search asks for unless the user changes it (as the API's default).
DEFAULT_KINDS = ("hbo", "mbo", "company", "government")
# Singular, beside one organisation.
KIND_NL = {
    "mbo": "mbo-instelling", "hbo": "hogeschool", "wo": "universiteit", "company": "bedrijf",
    "government": "overheid", "board": "economic board", "knowledge_institute": "kennisinstelling",
    "other": "overig",
}
# Column headings of what a coalition needs (matcher.coverage.REQUIRED), counted per gemeente.
NEEDS_NL = {
    "hbo": "Hogescholen", "mbo": "mbo-instellingen", "company": "Werkveld",
    "government": "Regionale steun",
}
